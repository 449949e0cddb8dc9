"""An option list that stays quick with thousands of options (5,000 entities, 2,000 events).

Textual 8's ``OptionList`` measures the height of every option to know which
option each line shows. It drops those measurements, and every option it has
drawn, whenever it gets a ``Resize``; and Textual sends one each time a widget
is shown again, so opening a panel re-measured and re-drew the whole list even
at the width it had before. :class:`QuickOptionList` keeps both while the
width it measured at is unchanged, and measures an option whose lines all fit
the width by counting them instead of wrapping it (the result is the same: a
line that fits is not wrapped).

Both rely on ``OptionList`` internals of Textual 8 (``_update_lines``,
``_line_cache``, ``_option_render_cache``); ``tests/ui/test_quick_list.py``
checks them against the stock widget, so a Textual upgrade that changes them
fails there rather than on screen.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def quick_height(option: Option, room: int) -> int | None:
    """The height of an option whose every line fits in ``room`` cells (its line count), else None.

    None means: measure it the slow way (wrap it). A prompt that is not a
    :class:`Content` (a Rich renderable, markup to parse) is never guessed.
    """
    prompt = option.prompt
    if not isinstance(prompt, Content):
        return None
    text = prompt.plain
    if "\t" in text:  # tabs expand to a width that depends on where they stand
        return None
    if "\n" not in text:
        return 1 if prompt.cell_length <= room else None
    lines = text.split("\n")
    return len(lines) if all(cell_len(line) <= room for line in lines) else None


class QuickOptionList(OptionList):
    """An ``OptionList`` that keeps its measurements when shown again, and measures short options by counting."""

    def __init__(self, *content: Option, **kwargs: object) -> None:
        self._measured_width: int | None = None
        super().__init__(*content, **kwargs)  # type: ignore[arg-type]

    def _content_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _on_resize(self, event: Resize) -> None:
        # Shown again (a panel opened) or resized in height only: the options
        # are measured and drawn for this width already. The stock handler,
        # which would drop all of it, is skipped.
        if self._measured_width is not None and self._content_width() == self._measured_width:
            event.prevent_default()

    def _update_lines(self) -> None:
        """Measure the options not measured yet (all of them after a change of width)."""
        if not self.scrollable_content_region:
            return
        width = self._content_width()
        line_cache = self._line_cache
        if width != self._measured_width:
            # Measured or drawn at another width (the scrollbar came or went):
            # neither holds any more.
            line_cache.clear()
            self._option_render_cache.clear()
            self._measured_width = width
        lines = line_cache.lines
        options = self.options
        next_index = lines[-1][0] + 1 if lines else 0
        if next_index < len(options):
            styles = self.styles
            padding = self.get_component_styles("option-list--option").padding
            room = width - padding.width
            fits = room - 2 * styles.line_pad
            get_visual = self._get_visual
            index_to_line, heights = line_cache.index_to_line, line_cache.heights
            for index in range(next_index, len(options)):
                option = options[index]
                height = quick_height(option, fits)
                if height is None:
                    height = get_visual(option).get_height(styles, room)
                height += option._divider
                index_to_line[index] = len(lines)
                heights[index] = height
                lines.extend((index, line_no) for line_no in range(height))
        last_divider = options and options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)
