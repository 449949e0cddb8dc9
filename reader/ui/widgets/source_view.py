"""The text of one source, wrapped to the width, with mentions highlighted.

A Line API widget (after Textualize/toolong's ``log_lines.py``): the text is
wrapped into rows of offsets once per width, and only the rows on screen are
rendered, each into a :class:`~textual.strip.Strip` kept in an LRU cache
keyed by everything that changes the row's look (so a look shown before, a
toggle away, is drawn from the cache). The text is data: it is cleaned of
control characters and cut into segments as plain text, never parsed as
markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click, MouseDown, MouseEvent, MouseMove, MouseUp, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Case, Source, Span
from reader.model.text_safety import count_unsafe
from reader.model.vocabulary import ENTITY_TYPES
from reader.ui.widgets.wrap import Row, clean, wrap

#: What is painted over one row, in paint order: ``(start, end, component)``,
#: offsets counted from the row's start. Later paint goes over earlier paint.
Paint = tuple[tuple[int, int, str], ...]

#: Each entity type's highlight: a component class ``source-view--<type>``
#: whose look lives in styles/reader.tcss.
HIGHLIGHT_CLASSES = {entity_type: f"source-view--{entity_type}" for entity_type in ENTITY_TYPES}
HEADLINE_CLASS = "source-view--headline"
#: The selected entity's mentions, drawn over their type's look in every source.
SELECTED_CLASS = "source-view--selected"
#: Matches of the current search.
MATCH_CLASS = "source-view--match"
#: The one place the reader was last taken to (a mention, a match, a quote).
MARK_CLASS = "source-view--mark"
#: What ``reader suggest`` finds that no entity covers (``u``): a look of its own, unlike any entity's.
SUGGESTION_CLASS = "source-view--suggestion"
#: Text selected to annotate, and the caret that extends it from the keyboard.
SELECTION_CLASS = "source-view--selection"
CARET_CLASS = "source-view--caret"


@dataclass(frozen=True, order=True)
class Highlight:
    """A mention drawn with the look of its entity's type."""

    start: int
    end: int
    entity_type: str
    entity_id: str = ""

    @property
    def component(self) -> str:
        return HIGHLIGHT_CLASSES[self.entity_type]


def source_highlights(case: Case, source: Source) -> list[Highlight]:
    """The source's mentions as highlights, in text order, for entity types that have a look."""
    highlights = []
    for mention in case.mentions.get(source.id, ()):
        entity = case.entities.get(mention.entity_id)
        if entity and entity.type in HIGHLIGHT_CLASSES and mention.span.end > mention.span.start:
            highlights.append(Highlight(mention.span.start, mention.span.end, entity.type, entity.id))
    return sorted(highlights)


class _Ranges:
    """Sorted ranges with a fast lookup of those that touch a row."""

    def __init__(self, ranges: Sequence[Highlight] | Sequence[Span]) -> None:
        self.items = sorted(ranges, key=lambda item: (item.start, item.end))
        self._starts = [item.start for item in self.items]
        # Lookups bisect on starts; knowing the longest range bounds how far
        # back a range touching the row can start.
        self._longest = max((item.end - item.start for item in self.items), default=0)

    def touching(self, start: int, end: int) -> list:
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        return [item for item in self.items[low:high] if item.end > start]


class SourceView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrolls one source's wrapped text, rendering only the rows on screen."""

    COMPONENT_CLASSES = {HEADLINE_CLASS, SELECTED_CLASS, MATCH_CLASS, MARK_CLASS, SELECTION_CLASS, CARET_CLASS,
                         SUGGESTION_CLASS, *HIGHLIGHT_CLASSES.values()}

    # Textual's own mouse selection is replaced by ours, which knows text offsets.
    ALLOW_SELECT = False

    #: Actions that only work while selecting text (visual mode).
    VISUAL_ACTIONS = frozenset({"caret", "caret_word", "caret_row", "caret_line_edge"})

    BINDINGS = [
        Binding("v", "visual", "Select", show=False, tooltip="Select text to annotate: move with h/l, w/b, j/k, 0/$",
                id="visual"),
        # While selecting, these keys move the end of the selection (they come
        # first, and give way to the scrolling keys when not selecting).
        Binding("h,left", "caret(-1)", "Char left", show=False, id="caret-left"),
        Binding("l,right", "caret(1)", "Char right", show=False, id="caret-right"),
        Binding("w", "caret_word(1)", "Word right", show=False, id="caret-word-right"),
        Binding("b", "caret_word(-1)", "Word left", show=False, id="caret-word-left"),
        Binding("j,down", "caret_row(1)", "Line down", show=False, id="caret-down"),
        Binding("k,up", "caret_row(-1)", "Line up", show=False, id="caret-up"),
        Binding("0", "caret_line_edge(-1)", "Line start", show=False, id="caret-line-start"),
        Binding("dollar_sign", "caret_line_edge(1)", "Line end", key_display="$", show=False, id="caret-line-end"),
        Binding("escape", "leave_visual", "Unselect", id="leave-visual"),
        Binding("j,down", "step(1)", "Down a line", show=False, id="line-down"),
        Binding("k,up", "step(-1)", "Up a line", show=False, id="line-up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="page-down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("ctrl+c", "copy", "Copy", show=False, tooltip="Copy the selected text", id="copy"),
        Binding("g,home", "top", "Top", show=False, id="top"),
        Binding("G,end", "end", "End", show=False, id="end"),
    ]

    show_highlights: reactive[bool] = reactive(True)
    """Whether mentions are highlighted. Toggling it leaves the scroll position alone."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset())
    """Entity types whose highlights are turned off on their own."""

    selected_entity: reactive[str | None] = reactive(None)
    """The entity whose mentions stand out, highlights on or off."""

    matches: reactive[tuple[Span, ...]] = reactive(())
    """Where the current search matches in this source."""

    mark: reactive[Span | None] = reactive(None)
    """The passage the reader was last taken to, drawn so the eye finds it."""

    suggested: reactive[tuple[Span, ...]] = reactive(())
    """What the suggestions (``u``) found in this source that no entity covers."""

    selection: reactive[Span | None] = reactive(None)
    """Text selected (with ``v`` or the mouse) to annotate."""

    visual: reactive[bool] = reactive(False, bindings=True)
    """Whether the keys move the end of the selection (vim's visual mode) instead of scrolling."""

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

    class Scrolled(Message):
        """The reader scrolled this view (not a resize, not :meth:`follow`)."""

        def __init__(self, view: SourceView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> SourceView:
            return self.view

    class MentionClicked(Message):
        """A highlighted mention was clicked."""

        def __init__(self, view: SourceView, entity_id: str, span: Span) -> None:
            super().__init__()
            self.view = view
            self.entity_id = entity_id
            self.span = span

        @property
        def control(self) -> SourceView:
            return self.view

    def __init__(self, case: Case, source: Source, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source = source
        self._text = clean(source.text)
        self._highlights = _Ranges(source_highlights(case, source))
        self._matches = _Ranges(())
        self._suggested = _Ranges(())
        headline_end = self._text.find("\n")
        self._headline_end = headline_end if headline_end > 0 else 0
        self._rows: list[Row] = []
        self._row_starts: list[int] = []
        self._wrap_width = 0
        # The offset of the character at the top of the view. It, not scroll_y,
        # is the reading position: after a rewrap at a new width the view
        # scrolls back to the row that now holds it.
        self._anchor = 0
        self._restoring = False
        self._following = False
        self._strips: LRUCache[tuple[int, int, Paint], Strip] = LRUCache(1024)
        # The widget's own style and its components', looked up once per style update.
        self._looks: dict[str, Style] = {}
        self._case = case
        # The fixed end of the selection and the moving one (the caret), as text offsets.
        self._selection_anchor = 0
        self._caret = 0
        self._dragging = False

    def set_case(self, case: Case) -> None:
        """Show another version of the case: edited (new highlights) or redacted (new text too)."""
        self._case = case
        old_length = max(1, len(self._text))
        self.source = case.sources[self.source.id]
        self._highlights = _Ranges(source_highlights(case, self.source))
        text = clean(self.source.text)
        if text != self._text:
            # A redacted text is a little longer or shorter: keep the reading
            # position at the same point of the text, and wrap it afresh.
            self._anchor = round(self._anchor * len(text) / old_length)
            self._text = text
            self.mark = self.selection = None
            self.visual = False
            self.matches = ()
            self._wrap_width = 0
            self._rewrap()
        self._restyle()

    # -- layout ---------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        """The wrapped rows at the current width (empty until first laid out)."""
        return self._rows

    @property
    def highlights(self) -> list[Highlight]:
        """Every mention's highlight, in text order (drawn while :attr:`show_highlights` is on)."""
        return self._highlights.items

    @property
    def top_offset(self) -> int:
        """Offset in the text of the first character the view shows (or was last showing)."""
        return self._anchor

    @property
    def scroll_fraction(self) -> float:
        """How far down the view is scrolled, from 0 (top) to 1 (end)."""
        return self.scroll_y / self.max_scroll_y if self.max_scroll_y else 0.0

    def row_of(self, offset: int) -> int:
        """The index of the row that shows the character at ``offset``."""
        return max(0, bisect.bisect_right(self._row_starts, offset) - 1)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual calls this (private, Textual 8) in each layout pass, before it paints.
        if size == self._size and size - self.styles.gutter.totals == self._container_size:
            # Nothing changed here. ScrollView would still update the scrollbar, which
            # repaints every screen line the view spans: it compares the virtual size the
            # layout gives a Line API view with the view's own, and they never agree.
            return False
        # Wrapping to a new width here, rather than on the Resize event that comes after
        # the paint, puts the new rows in this very paint: a resize paints the view once.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._rewrap(in_layout=True)
        return resized

    def on_resize(self, event: Resize) -> None:
        self._rewrap()
        self._update_progress()

    def _rewrap(self, *, in_layout: bool = False) -> None:
        width = self.scrollable_content_region.width
        # A hidden view (another tab, or a too-small terminal) has no width:
        # keep the old rows rather than wrap to nothing and lose the position.
        if width <= 0 or width == self._wrap_width:
            return
        self._rows = wrap(self._text, width)
        self._row_starts = [row.start for row in self._rows]
        self._wrap_width = width
        self._strips.clear()
        size = Size(width, len(self._rows))
        if in_layout:
            # The layout is being done: setting virtual_size would ask for another whole
            # one. Only the scrollbar's thumb follows the new height (a scrollbar that
            # must now show or hide asks for a layout by itself).
            self.set_reactive(SourceView.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self._restoring = True
        try:
            self.scroll_to(y=self.row_of(self._anchor), animate=False, force=True)
        finally:
            self._restoring = False
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Only a scroll over rows of the current width moves the reading
        # position; a clamp during a resize or our own restore must not.
        if self._restoring or not self._rows or self._wrap_width != self.scrollable_content_region.width:
            return
        self._anchor = self._rows[min(int(new_value), len(self._rows) - 1)].start
        self._update_progress()
        if not self._following and round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))

    def _update_progress(self) -> None:
        height = self.scrollable_content_region.height
        if not self._rows or height <= 0:
            return
        bottom = min(len(self._rows), round(self.scroll_y) + height)
        self.progress = round(100 * bottom / len(self._rows))

    def watch_progress(self, percent: int) -> None:
        self.post_message(self.Progressed(self, percent))

    # -- moving the view ------------------------------------------------------

    def follow(self, fraction: float) -> None:
        """Scroll to ``fraction`` of the way down, without posting :class:`Scrolled` (for synced scrolling)."""
        self._following = True
        try:
            self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False)
        finally:
            self._following = False

    def reveal(self, span: Span, *, mark: bool = True) -> None:
        """Bring ``span`` into view (a third of the way down when it was off screen) and mark it."""
        if mark:
            self.mark = span
        if not self._rows:
            self._anchor = span.start  # laid out later, the view opens here
            return
        row = self.row_of(span.start)
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height or self.size.height
        if top <= row < top + height and self.row_of(max(span.start, span.end - 1)) < top + height:
            return
        target = max(0, row - max(1, height) // 3)
        self.scroll_to(y=target, animate=False, force=True)
        # A hidden view does not report its scroll; keep the position for when it shows.
        self._anchor = self._rows[min(target, len(self._rows) - 1)].start

    # -- highlights -----------------------------------------------------------

    def watch_show_highlights(self) -> None:
        self._restyle()

    def watch_hidden_types(self) -> None:
        self._restyle()

    def watch_selected_entity(self) -> None:
        self._restyle()

    def watch_matches(self, matches: tuple[Span, ...]) -> None:
        self._matches = _Ranges(matches)
        self._restyle()

    def watch_mark(self) -> None:
        self._restyle()

    def watch_suggested(self, suggested: tuple[Span, ...]) -> None:
        self._suggested = _Ranges(suggested)
        self._restyle()

    def suggestion_at(self, span: Span) -> Span | None:
        """The suggested span that ``span`` (a selection, a caret) touches, if any."""
        return next((item for item in self._suggested.touching(span.start, max(span.end, span.start + 1))
                     if item.overlaps(span) or item.start == span.start), None)

    def watch_selection(self) -> None:
        self._restyle()
        if self.is_mounted:
            self.screen.refresh_bindings()  # "a Annotate" shows only with a selection

    def watch_visual(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        # No cache to clear: what changed is in the rows' paint, and so in their cache keys.
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme or stylesheet change changes every component style.
        super().notify_style_update()
        self._strips.clear()
        self._looks.clear()

    def _base_style(self) -> Style:
        style = self._looks.get("")
        if style is None:
            style = self._looks[""] = self.rich_style
        return style

    def _component_style(self, component: str) -> Style:
        style = self._looks.get(component)
        if style is None:
            style = self.get_component_rich_style(component)
            # With NO_COLOR the stylesheet gives each type a text style instead;
            # drop any colour so only those (underline, bold, ...) remain.
            style = self._looks[component] = style.without_color if self.app.no_color else style
        return style

    # -- rendering ------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y``: the row at ``scroll_y + y``, cut to the width."""
        width = self.size.width
        index = round(self.scroll_y) + y
        if index >= len(self._rows):
            return Strip.blank(width, self._base_style())
        # A strip caches its own crops and offsets, so a cached row costs two lookups more here.
        return self.render_row(index).crop_extend(0, width, self._base_style()).apply_offsets(0, index)

    def render_row(self, index: int) -> Strip:
        """The strip of wrapped row ``index``, from the cache when the row has been drawn with this look.

        The cache key holds the row's paint (see :meth:`row_paint`), so a
        change of highlights, matches, marks or selection misses only for the
        rows it touches, and toggling back finds the rows drawn before.
        """
        row = self._rows[index]
        paint = self.row_paint(row)
        key = (index, self._wrap_width, paint)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._build_row(row, paint)
        return strip

    def row_paint(self, row: Row) -> Paint:
        """What is painted over ``row`` and where, in paint order (later over earlier).

        Everything that changes how a row looks, but the styles themselves,
        which only a style update changes.
        """
        start, end = row
        paint: list[tuple[int, int, str]] = []
        if start < self._headline_end and start < end:
            paint.append((0, min(self._headline_end, end) - start, HEADLINE_CLASS))
        show, hidden, selected = self.show_highlights, self.hidden_types, self.selected_entity
        for highlight in self._highlights.touching(start, end):
            clipped = (max(highlight.start, start) - start, min(highlight.end, end) - start)
            if show and highlight.entity_type not in hidden:
                paint.append((*clipped, highlight.component))
            if selected is not None and highlight.entity_id == selected:
                paint.append((*clipped, SELECTED_CLASS))
        for suggested in self._suggested.touching(start, end):
            paint.append((max(suggested.start, start) - start, min(suggested.end, end) - start, SUGGESTION_CLASS))
        for match in self._matches.touching(start, end):
            paint.append((max(match.start, start) - start, min(match.end, end) - start, MATCH_CLASS))
        for span, component in ((self.mark, MARK_CLASS), (self.selection, SELECTION_CLASS)):
            if span is not None and span.start < end and span.end > start:
                paint.append((max(span.start, start) - start, min(span.end, end) - start, component))
        if self.visual and start <= self._caret < end:
            paint.append((self._caret - start, self._caret - start + 1, CARET_CLASS))
        return tuple(paint)

    def _build_row(self, row: Row, paint: Paint) -> Strip:
        """The row's text cut into segments where its paint changes, each in the styles over it combined."""
        text = self._text[row.start : row.end]
        base = self._base_style()
        if not paint:
            return Strip([Segment(text, base)] if text else [], cell_len(text))
        cuts = sorted({0, len(text), *(start for start, _, _ in paint), *(end for _, end, _ in paint)})
        segments = []
        for cut, next_cut in pairwise(cuts):
            style = base
            for start, end, component in paint:
                if start <= cut and next_cut <= end:
                    style += self._component_style(component)
            segments.append(Segment(text[cut:next_cut], style))
        return Strip(segments, cell_len(text))

    # -- the mouse ------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset of the character drawn at content cell ``(x, y)``, or None past the text."""
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self._rows) or x < 0:
            return None
        row = self._rows[index]
        cells = 0
        for offset in range(row.start, row.end):
            cells += cell_len(self._text[offset])
            if cells > x:
                return offset
        return None

    def _offset_of(self, event: MouseEvent) -> int | None:
        offset = event.get_content_offset_capture(self)
        position = self.offset_at(max(0, offset.x), offset.y)
        if position is None and 0 <= round(self.scroll_y) + offset.y < len(self._rows):
            position = max(self._rows[round(self.scroll_y) + offset.y].end - 1, 0)  # past the end of a row
        return position

    def on_mouse_down(self, event: MouseDown) -> None:
        if event.button != 1 or event.get_content_offset(self) is None:
            return
        position = self._offset_of(event)
        if position is not None:
            self.visual = False
            self.selection = None  # a new press starts a new selection (or is just a click)
            self._selection_anchor = self._caret = position
            self._dragging = True
            self.capture_mouse()

    def on_mouse_move(self, event: MouseMove) -> None:
        if self._dragging:
            position = self._offset_of(event)
            if position is not None and position != self._caret:
                self._caret = position
                self._select_to_caret()

    def on_mouse_up(self, event: MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_click(self, event: Click) -> None:
        if self.selection is not None and len(self.selection) > 1:
            return  # the end of a drag, not a click on a mention
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = self.offset_at(offset.x, offset.y)
        if position is None:
            return
        for highlight in self._highlights.touching(position, position + 1):
            if highlight.start <= position < highlight.end:
                self.post_message(self.MentionClicked(self, highlight.entity_id, Span(highlight.start, highlight.end)))
                return
        # A click on a suggestion selects it, for ``a`` to accept.
        suggested = self.suggestion_at(Span(position, position + 1))
        if suggested is not None:
            self.visual = False
            self.selection = suggested

    # -- selecting text -------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.VISUAL_ACTIONS:
            return self.visual
        if action == "step":
            return not self.visual
        if action in ("copy", "leave_visual"):
            return self.selection is not None
        return True

    def _select_to_caret(self) -> None:
        start, end = sorted((self._selection_anchor, self._caret))
        self.selection = Span(start, min(len(self._text), end + 1))
        row = self.row_of(self._caret)
        top, height = round(self.scroll_y), max(1, self.scrollable_content_region.height)
        if not top <= row < top + height:
            self.scroll_to(y=row if row < top else row - height + 1, animate=False)

    def action_visual(self) -> None:
        """Start selecting text at the marked place (or the top of the view); again: stop."""
        if self.visual:
            self.action_leave_visual()
            return
        if self.selection is not None:
            start = self.selection.start
        elif self.mark is not None and self._is_visible(self.mark.start):
            start = self.mark.start
        else:
            start = self._anchor
        while start < len(self._text) - 1 and self._text[start].isspace():
            start += 1
        self._selection_anchor = self._caret = start
        self.visual = True
        self._select_to_caret()

    def _is_visible(self, offset: int) -> bool:
        top = round(self.scroll_y)
        return top <= self.row_of(offset) < top + self.scrollable_content_region.height

    def action_leave_visual(self) -> None:
        """Stop selecting and drop the selection."""
        self.visual = False
        self.selection = None

    def action_caret(self, step: int) -> None:
        """Move the end of the selection by ``step`` characters."""
        self._caret = max(0, min(len(self._text) - 1, self._caret + step))
        self._select_to_caret()

    def action_caret_word(self, step: int) -> None:
        """Move the end of the selection to the end of the next word (or the start of the previous one)."""
        text, caret = self._text, self._caret
        if step > 0:
            caret += 1
            while caret < len(text) - 1 and not text[caret].isalnum():
                caret += 1
            while caret < len(text) - 1 and text[caret + 1].isalnum():
                caret += 1
        else:
            caret -= 1
            while caret > 0 and not text[caret].isalnum():
                caret -= 1
            while caret > 0 and text[caret - 1].isalnum():
                caret -= 1
        self._caret = max(0, min(len(text) - 1, caret))
        self._select_to_caret()

    def action_caret_row(self, step: int) -> None:
        """Move the end of the selection a row down (or up), to the same column."""
        if not self._rows:
            return
        row_index = self.row_of(self._caret)
        target = max(0, min(len(self._rows) - 1, row_index + step))
        column = self._caret - self._rows[row_index].start
        row = self._rows[target]
        self._caret = min(row.start + column, max(row.start, row.end - 1))
        self._select_to_caret()

    def action_caret_line_edge(self, side: int) -> None:
        """Move the end of the selection to the start (-1) or end (1) of its row."""
        if self._rows:
            row = self._rows[self.row_of(self._caret)]
            self._caret = row.start if side < 0 else max(row.start, row.end - 1)
            self._select_to_caret()

    @property
    def selected_text(self) -> str:
        """The selected text, as it is in the source."""
        return self.source.text[self.selection.start:self.selection.end] if self.selection else ""

    def action_copy(self) -> None:
        """Copy the selected text to the clipboard as it is shown: controls as their placeholders.

        The raw characters would be commands when pasted into a terminal, and
        the user could not see what they copied; the cleaned text has the
        same length, and the notification says when it differs.
        """
        if self.selection is None:
            return
        text = self.selected_text
        self.app.copy_to_clipboard(clean(text))
        replaced = count_unsafe(text)
        if replaced:
            what = ("1 control character is copied as its placeholder" if replaced == 1
                    else f"{replaced:,} control characters are copied as their placeholders")
            self.notify(f"Copied the selected text as shown: {what} (such as ␛ or �), "
                        "so pasting it sends no commands to a terminal.", timeout=6, markup=False)
        else:
            self.notify("Copied the selected text.", timeout=2, markup=False)

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
