"""An option list that stays quick with thousands of options (5,000 entities, 2,000 events).

Textual 8's ``OptionList`` measures the height of every option to know which
option each line shows. It drops those measurements, and every option it has
drawn, whenever it gets a ``Resize``; and Textual sends one each time a widget
is shown again, so opening a panel re-measured and re-drew the whole list even
at the width it had before. :class:`QuickOptionList` keeps both while the
width is unchanged; works an option's height out from its plain text (where
its lines break, as Textual's own wrapping finds them) instead of making the
styled lines it would draw; and measures a list that will scroll at the width its
scrollbar leaves, rather than once without the scrollbar and again with it.

All of it relies on ``OptionList`` internals of Textual 8 (``_update_lines``,
``_line_cache``, ``_option_render_cache``); ``tests/ui/test_quick_list.py``
checks them against the stock widget, so a Textual upgrade that changes them
fails there rather than on screen.
"""

from __future__ import annotations

from rich._wrap import divide_line
from rich.cells import cell_len
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.widgets.option_list import Option

from reader.ui.list_keys import KeyedOptionList


def quick_height(option: Option, room: int, *, fold: bool = True) -> int | None:
    """The height of an option wrapped to ``room`` cells, worked out from its plain text; None: measure it as usual.

    This is what ``Content.get_height`` finds (rich's ``divide_line`` on each
    line, which Textual's wrapping uses too) without making the styled lines
    it would draw. ``fold`` is whether a word longer than the room is folded
    (the ``text-overflow: fold`` default). A prompt that is not a
    :class:`Content` (a Rich renderable, markup to parse) or that has tabs
    (their width depends on where they stand) is measured as usual.
    """
    prompt = option.prompt
    if not isinstance(prompt, Content) or room < 1:
        return None
    text = prompt.plain
    if "\t" in text:
        return None
    if "\n" not in text:
        return 1 if prompt.cell_length <= room else len(divide_line(text, room, fold=fold)) + 1
    return sum(1 if cell_len(line) <= room else len(divide_line(line, room, fold=fold)) + 1
               for line in text.split("\n"))


class QuickOptionList(KeyedOptionList):
    """An ``OptionList`` that keeps its measurements when shown again, and measures options from their plain text."""

    def __init__(self, *content: Option, **kwargs: object) -> None:
        self._measured_width: int | None = None  # the width the options' heights hold for
        self._drawn_width: int | None = None  # the width the drawn options (the render cache) hold for
        super().__init__(*content, **kwargs)  # type: ignore[arg-type]

    def _content_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _measuring_width(self) -> int:
        """The width to measure the options at: the content's, less the scrollbar that is sure to come.

        More options than lines mean a vertical scrollbar, which appears only
        once the options are measured; measuring at the width it leaves
        spares measuring them all twice (thousands of them, the first time
        a panel opens).
        """
        width = self._content_width()
        if (not self.show_vertical_scrollbar and self.styles.overflow_y == "auto"
                and self.option_count > self.scrollable_content_region.height):
            width -= self.styles.scrollbar_size_vertical
        return width

    def _on_resize(self, event: Resize) -> None:
        # Shown again (a panel opened) or resized in height only: the options
        # are measured and drawn for this width already. The stock handler,
        # which would drop all of it, is skipped.
        if self._measured_width == self._measuring_width() and self._drawn_width == self._content_width():
            event.prevent_default()

    def _update_lines(self) -> None:
        """Measure the options not measured yet (all of them after a change of width)."""
        if not self.scrollable_content_region:
            return
        if self._content_width() != self._drawn_width:
            self._option_render_cache.clear()  # drawn at another width
            self._drawn_width = self._content_width()
        width = self._measuring_width()
        line_cache = self._line_cache
        if width != self._measured_width:
            line_cache.clear()  # measured at another width
            self._measured_width = width
        lines = line_cache.lines
        options = self.options
        next_index = lines[-1][0] + 1 if lines else 0
        if next_index < len(options):
            styles = self.styles
            padding = self.get_component_styles("option-list--option").padding
            room = width - padding.width
            fits = room - 2 * styles.line_pad
            # Worked out from the plain text only when wrapping as Textual does by default.
            quick = styles.text_wrap == "wrap" and styles.text_overflow in ("fold", "clip", "ellipsis")
            fold = styles.text_overflow == "fold"
            get_visual = self._get_visual
            index_to_line, heights = line_cache.index_to_line, line_cache.heights
            for index in range(next_index, len(options)):
                option = options[index]
                height = quick_height(option, fits, fold=fold) if quick else None
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
