"""The text of one source, wrapped to the width, with mentions highlighted.

A Line API widget (after Textualize/toolong's ``log_lines.py``): the text is
wrapped into rows of offsets once per width, and only the rows on screen are
rendered, each into a :class:`~textual.strip.Strip` kept in an LRU cache.
The text is data: it is cleaned of control characters and put into
:class:`rich.text.Text` as plain text, never parsed as markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Case, Source
from reader.ui.widgets.wrap import Row, clean, row_of, wrap

#: Entity types that have a highlight; each has a component class
#: ``source-view--<type>`` whose look lives in styles/reader.tcss.
ENTITY_TYPES = ("person", "organisation", "place", "law", "charge", "amount", "date")
HIGHLIGHT_CLASSES = {entity_type: f"source-view--{entity_type}" for entity_type in ENTITY_TYPES}
HEADLINE_CLASS = "source-view--headline"


@dataclass(frozen=True, order=True)
class Highlight:
    """A range of the text drawn with one component class."""

    start: int
    end: int
    component: str


def source_highlights(case: Case, source: Source) -> list[Highlight]:
    """The source's mentions as highlights, in text order, for entity types that have a look."""
    highlights = []
    for mention in case.mentions.get(source.id, ()):
        entity = case.entities.get(mention.entity_id)
        component = HIGHLIGHT_CLASSES.get(entity.type) if entity else None
        if component and mention.span.end > mention.span.start:
            highlights.append(Highlight(mention.span.start, mention.span.end, component))
    return sorted(highlights)


class SourceView(ScrollView, can_focus=True):
    """Scrolls one source's wrapped text, rendering only the rows on screen."""

    COMPONENT_CLASSES = {HEADLINE_CLASS, *HIGHLIGHT_CLASSES.values()}

    BINDINGS = [
        Binding("j,down", "step(1)", "Down a line", show=False, id="line-down"),
        Binding("k,up", "step(-1)", "Up a line", show=False, id="line-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("g,home", "top", "Top", show=False, id="top"),
        Binding("G,end", "end", "End", show=False, id="end"),
    ]

    show_highlights: reactive[bool] = reactive(True)
    """Whether mentions are highlighted. Toggling it leaves the scroll position alone."""

    progress: var[int] = var(0)
    """How far through the text the bottom of the view is, in percent (like ``less``)."""

    class Progressed(Message):
        """The reading position changed; ``percent`` is the new :attr:`SourceView.progress`."""

        def __init__(self, view: SourceView, percent: int) -> None:
            super().__init__()
            self.view = view
            self.percent = percent

        @property
        def control(self) -> SourceView:
            return self.view

    def __init__(self, case: Case, source: Source, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source = source
        self._text = clean(source.text)
        self._highlights = source_highlights(case, source)
        self._highlight_starts = [highlight.start for highlight in self._highlights]
        # Rows are only ever looked up from the start of a highlight, so knowing
        # the longest lets a row find its highlights by bisection.
        self._longest_highlight = max((h.end - h.start for h in self._highlights), default=0)
        headline_end = self._text.find("\n")
        self._headline_end = headline_end if headline_end > 0 else 0
        self._rows: list[Row] = []
        self._wrap_width = 0
        # The offset of the character at the top of the view. It, not scroll_y,
        # is the reading position: after a rewrap at a new width the view
        # scrolls back to the row that now holds it.
        self._anchor = 0
        self._restoring = False
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # -- layout ---------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        """The wrapped rows at the current width (empty until first laid out)."""
        return self._rows

    @property
    def highlights(self) -> list[Highlight]:
        """The ranges drawn highlighted while :attr:`show_highlights` is on, in text order."""
        return self._highlights

    @property
    def top_offset(self) -> int:
        """Offset in the text of the first character the view shows (or was last showing)."""
        return self._anchor

    def on_resize(self, event: Resize) -> None:
        self._rewrap()
        self._update_progress()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        # A hidden view (another tab, or a too-small terminal) has no width:
        # keep the old rows rather than wrap to nothing and lose the position.
        if width <= 0 or width == self._wrap_width:
            return
        self._rows = wrap(self._text, width)
        self._wrap_width = width
        self._strips.clear()
        self.virtual_size = Size(width, len(self._rows))
        self._restoring = True
        try:
            self.scroll_to(y=row_of(self._rows, self._anchor), animate=False, force=True)
        finally:
            self._restoring = False
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Only a scroll over rows of the current width moves the reading
        # position; a clamp during a resize or our own restore must not.
        if not self._restoring and self._rows and self._wrap_width == self.scrollable_content_region.width:
            self._anchor = self._rows[min(int(new_value), len(self._rows) - 1)].start
        self._update_progress()

    def _update_progress(self) -> None:
        height = self.scrollable_content_region.height
        if not self._rows or height <= 0:
            return
        bottom = min(len(self._rows), round(self.scroll_y) + height)
        self.progress = round(100 * bottom / len(self._rows))

    def watch_progress(self, percent: int) -> None:
        self.post_message(self.Progressed(self, percent))

    # -- highlights -----------------------------------------------------------

    def watch_show_highlights(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme or stylesheet change changes every component style.
        super().notify_style_update()
        self._strips.clear()

    def _component_style(self, component: str) -> Style:
        style = self.get_component_rich_style(component)
        # With NO_COLOR the stylesheet gives each type a text style instead;
        # drop any colour so only those (underline, bold, ...) remain.
        return style.without_color if self.app.no_color else style

    def _highlights_in(self, row: Row) -> list[Highlight]:
        low = bisect.bisect_left(self._highlight_starts, row.start - self._longest_highlight)
        high = bisect.bisect_left(self._highlight_starts, row.end)
        return [h for h in self._highlights[low:high] if h.end > row.start]

    # -- rendering ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y``: the row at ``scroll_y + y``, cut to the width."""
        width = self.size.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if index >= len(self._rows):
            return Strip.blank(width, base)
        return self.render_row(index).crop_extend(0, width, base).apply_offsets(0, index)

    def render_row(self, index: int) -> Strip:
        """The strip of wrapped row ``index``, from the cache when nothing that changes it has changed."""
        key = (index, self._wrap_width, self.show_highlights, self.app.theme, self.app.no_color)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._build_row(self._rows[index])
        return strip

    def _build_row(self, row: Row) -> Strip:
        text = Text(self._text[row.start : row.end], no_wrap=True, end="")
        # The base style goes in as a span: rich's Text.render ignores Text.style
        # when there are no spans, which left unhighlighted rows unstyled.
        text.stylize(self.rich_style)
        if row.start < self._headline_end:
            text.stylize(self._component_style(HEADLINE_CLASS), 0, min(row.end, self._headline_end) - row.start)
        if self.show_highlights:
            for highlight in self._highlights_in(row):
                text.stylize(
                    self._component_style(highlight.component),
                    max(highlight.start, row.start) - row.start,
                    min(highlight.end, row.end) - row.start,
                )
        return Strip(text.render(self.app.console), text.cell_len)

    # -- actions --------------------------------------------------------------

    def action_step(self, rows: int) -> None:
        """Scroll by ``rows`` lines (negative: up)."""
        self.scroll_to(y=self.scroll_y + rows, animate=False)

    def action_page(self, pages: int) -> None:
        """Scroll by ``pages`` screens, keeping one line of the last for context."""
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * page, animate=False)

    def action_top(self) -> None:
        """Scroll to the start of the text."""
        self.scroll_to(y=0, animate=False)

    def action_end(self) -> None:
        """Scroll to the end of the text."""
        self.scroll_to(y=self.max_scroll_y, animate=False)
