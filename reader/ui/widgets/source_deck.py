"""The source deck: every source of a case in a pane of its own, the strip that picks one, paging, synced scrolling.

The deck owns

- which source is **active** (the one read: shown when narrow, focused when
  wide), and the tab strip that mirrors it (or, for a case of more than
  :data:`TABS_UP_TO` sources, a line naming it);
- the **panes**: one per source, made the first time its source is shown or
  needed, so opening a case costs what showing one or two sources does;
- **paging**: which panes show (the active source, and from
  :data:`WIDE_WIDTH` columns its page of :data:`SIDE_BY_SIDE`);
- **synced scrolling** (the other sources follow the one scrolled);
- what every source view is told to show: highlights on or off, the hidden
  types, the selected entity, the search's matches and the marks. A pane
  made later is told the same the moment it exists.

The case screen and its guide set these (attributes and calls down) and
never reach into a pane themselves. The deck is the ``#reader`` column: the
search box docks at its bottom when the guide opens it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.widgets import Static, Tab, Tabs

from reader.model import Case, Span
from reader.model.search import Place
from reader.model.source_labels import SourceLabel, source_labels
from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.wrap import clean

#: From this many columns on (the screen's width), sources stand side by side.
WIDE_WIDTH = 140
#: How many sources stand side by side in the wide layout; tabs pick among more.
SIDE_BY_SIDE = 2
#: Up to this many sources, a tab strip picks the source shown; more get a line
#: naming the source instead. Either way a source's pane is made the first
#: time it is shown or needed, so opening a case costs what showing one or two
#: sources does.
TABS_UP_TO = 12
#: The width of the two side panels (styles/reader.tcss), open beside the sources in the wide layout: the
#: deck's width before its first layout, so the first tabs are fitted to it (a resize fits them again).
PANELS_WIDTH = 34 + 40


def page_of(source_ids: list[str], active: str, width: int) -> list[str]:
    """The sources on screen at ``width`` columns: ``active``, and when wide its page of neighbours.

    Sources are shown in pages of :data:`SIDE_BY_SIDE` in case order (the
    last page filled from the end), so panes never swap sides.
    """
    if active not in source_ids:
        return []
    if width < WIDE_WIDTH:
        return [active]
    index = source_ids.index(active)
    start = max(0, min(index - index % SIDE_BY_SIDE, len(source_ids) - SIDE_BY_SIDE))
    return source_ids[start:start + SIDE_BY_SIDE]


def fit_labels(labels: Mapping[str, str], width: int, *, keep: str | None = None) -> dict[str, str]:
    """The tabs' ``labels`` cut so that every tab fits in ``width`` cells, the longest cut first.

    Each tab is its label with a cell of padding either side. The labels
    longer than a common limit are cut to it with an ellipsis, the limit as
    high as the width allows; a label is never cut below its number. The
    ``keep`` tab's label (the active source's) is left whole when the
    others can make room for it.
    """
    padding = 2 * len(labels)
    if sum(map(len, labels.values())) + padding <= width:
        return dict(labels)
    if keep in labels and len(labels) > 1:
        others = {source_id: label for source_id, label in labels.items() if source_id != keep}
        room = width - len(labels[keep]) - 2
        if sum(len(label.split(" ", 1)[0]) + 2 for label in others.values()) <= room:
            fitted = {**fit_labels(others, room), keep: labels[keep]}
            return {source_id: fitted[source_id] for source_id in labels}
    limit = max(map(len, labels.values()))
    while limit > 1 and sum(min(len(label), limit) for label in labels.values()) + padding > width:
        limit -= 1

    def cut(label: str) -> str:
        number = label.split(" ", 1)[0]
        if len(label) <= limit:
            return label
        if limit <= len(number) + 1:
            return number
        return label[: limit - 1].rstrip() + "…"

    return {source_id: cut(label) for source_id, label in labels.items()}


class SourceDeck(Vertical):
    """The sources of a case: a pane each, one active, a page of them shown."""

    # Each change is handed to the views, which repaint what it changes; the deck itself need not.
    active_source: reactive[str] = reactive("", init=False, repaint=False)
    """The id of the source being read."""

    show_highlights: reactive[bool] = reactive(True, init=False, repaint=False)
    """Whether every source view highlights its mentions."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset(), init=False, repaint=False)
    """Entity types whose highlights are off on their own."""

    selected_entity: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The entity whose mentions stand out in every source."""

    synced: reactive[bool] = reactive(False, init=False)
    """Whether scrolling one source scrolls the others to the same point."""

    def __init__(self, case: Case, *, show_highlights: bool = True, hidden_types: frozenset[str] = frozenset(),
                 id: str | None = None) -> None:
        """Show ``case``'s sources, the first one active, at the app's width.

        The reading state is set before the deck is mounted: every class or
        state change after that restyles widgets, which would cost the first
        paint a pass for each.
        """
        self.case = case
        self.source_ids = list(case.sources)
        #: How each source is named: its number, short name and date (the tabs, the panes' titles).
        self.labels: dict[str, SourceLabel] = source_labels(case.sources)
        self._panes: dict[str, SourcePane] = {}
        #: The search matches each source view shows (none for a source not listed).
        self._matches: dict[str, tuple[Span, ...]] = {}
        #: What the suggestions (``u``) found in each source (none while they are hidden).
        self._suggested: dict[str, tuple[Span, ...]] = {}
        self._source_line = ""  # what the source line says (a case with too many sources for tabs)
        #: The sources marked together (a difference's sides, an event's reports), in the order marked: while
        #: the marks last, they are the page shown side by side and what [ / ] step through.
        self._marked: list[str] = []
        width = self.app.size.width
        first = self.source_ids[0] if self.source_ids else ""
        all_shown = len(page_of(self.source_ids, first, width)) == len(self.source_ids)
        super().__init__(id=id, classes="-all-shown" if all_shown else None)
        self.set_reactive(SourceDeck.active_source, first)
        self.set_reactive(SourceDeck.show_highlights, show_highlights)
        self.set_reactive(SourceDeck.hidden_types, hidden_types)

    def compose(self) -> ComposeResult:
        width = self.app.size.width
        if len(self.source_ids) <= TABS_UP_TO:
            tabs = Tabs(*(Tab(Content(label), id=f"tab-{source_id}")
                          for source_id, label in self.tab_labels(self._deck_width()).items()),
                        active=f"tab-{self.active_source}" if self.active_source else None,
                        id="source-tabs")
            # The tabs only mirror active_source; keys and clicks drive them, so
            # they need not take focus away from the text.
            tabs.can_focus = False
            yield tabs
        else:  # hundreds of tabs would not fit: a line says which source this is
            yield Static(id="source-tabs", classes="source-line", markup=False)
        with Horizontal(id="sources"):
            for source_id in self.shown_sources(width=width):
                yield self._new_pane(source_id)

    # -- panes ----------------------------------------------------------------------

    def _screen_width(self) -> int:
        # The layout follows the terminal (the screen's breakpoints), not the deck's own width.
        return self.screen.size.width or self.app.size.width

    def _deck_width(self) -> int | None:
        """The deck's own width, for the tabs: the panels beside it take their share of the screen's.

        Before its first layout the deck has no width: then a guess from the
        screen's, less the panels that the wide layout opens beside it.
        """
        if self.size.width:
            return self.size.width
        width = self.app.size.width
        return width - PANELS_WIDTH if width >= WIDE_WIDTH else width

    def _new_pane(self, source_id: str) -> SourcePane:
        """A pane for a source, its view set to the deck's current reading state."""
        pane = SourcePane(self.case, self.case.sources[source_id], self.labels[source_id])
        self._panes[source_id] = pane
        pane.set_class(source_id in self.shown_sources(width=self._screen_width()), "-shown")
        view = pane.view
        view.show_highlights = self.show_highlights
        view.hidden_types = self.hidden_types
        view.selected_entity = self.selected_entity
        view.matches = self._matches.get(source_id, ())
        view.suggested = self._suggested.get(source_id, ())
        return pane

    def pane(self, source_id: str) -> SourcePane:
        """The pane of a source, made (and mounted in case order) the first time it is needed."""
        pane = self._panes.get(source_id)
        if pane is None:
            pane = self._new_pane(source_id)
            later = [self._panes[other] for other in self.source_ids[self.source_ids.index(source_id) + 1:]
                     if other in self._panes and other != source_id]
            sources = self.query_one("#sources")
            if later and later[0].is_attached:
                sources.mount(pane, before=later[0])
            else:
                sources.mount(pane)
        return pane

    def view(self, source_id: str) -> SourceView:
        """The source view of a source (its pane made if need be)."""
        return self.pane(source_id).view

    def views(self) -> list[SourceView]:
        """The source views made so far, in case order."""
        return [self._panes[source_id].view for source_id in self.source_ids if source_id in self._panes]

    def set_case(self, case: Case) -> None:
        """Show another version of the case (edited, or redacted): same sources, new highlights and names."""
        self.case = case
        self.labels = source_labels(case.sources)
        for pane in self._panes.values():
            pane.view.set_case(case)
            if pane.source is not case.sources[pane.source.id]:
                pane.set_source(case.sources[pane.source.id], self.labels[pane.source.id])
        self.update_tabs()

    # -- which sources show ---------------------------------------------------------

    def shown_sources(self, source_id: str | None = None, *, width: int | None = None) -> list[str]:
        """The sources on screen: the active one (or ``source_id``), and when wide its page (see :func:`page_of`).

        While several sources are marked together and the active one is among
        them, the page is of the marked sources: the sides of a difference in
        sources 11, 12 and 14 stand side by side, not 11 beside 12 with 14 a
        page away.
        """
        active = source_id or self.active_source
        order = self._marked if len(self._marked) > 1 and active in self._marked else self.source_ids
        return page_of(order, active, self._screen_width() if width is None else width)

    def show_panes(self) -> None:
        """Show the active source's page of panes (made on first showing), and hide the others."""
        shown = set(self.shown_sources())
        for source_id in shown:
            self.pane(source_id)
        # -shown styles the pane alone (its display): restyle the panes whose class
        # changed, not their views (a class change restyles a whole subtree).
        changed = [pane for pane in self._panes.values() if pane.has_class("-shown") != (pane.source.id in shown)]
        for pane in changed:
            pane.set_class(pane.source.id in shown, "-shown", update=False)
        if changed:
            self.app.stylesheet.update_nodes(changed, animate=False)
        self.set_class(len(shown) == len(self.source_ids), "-all-shown")

    def tab_labels(self, width: int | None) -> dict[str, str]:
        """``number short-name`` for each source's tab ("3 HKFP 21 Sep 2016"), shortened so all fit in ``width`` cells.

        The active source's tab has its date too ("1 OWP · 18 Jul 2019"): a
        short terminal shows its pane without a title. Only the longest
        labels are shortened, each as little as it takes; a tab keeps at
        least its number, so every source can be picked.
        """
        labels = {source_id: clean(label.dated if source_id == self.active_source else label.numbered)
                  for source_id, label in self.labels.items()}
        if width is None or not labels:
            return labels
        # A cell to spare: Tabs scroll the strip when it is one too wide.
        return fit_labels(labels, width - 1, keep=self.active_source)

    def on_resize(self) -> None:
        # The panels opening or closing beside the deck change its width, not the screen's.
        self.update_tabs()

    def update_tabs(self) -> None:
        """Point the tabs (or, for a big case, the source line) at the active source."""
        source_id = self.active_source
        if source_id not in self.case.sources:
            return
        switcher = self.query_one("#source-tabs")
        if isinstance(switcher, Tabs):
            if not switcher.is_mounted:  # its tabs are not there yet; the deck's first resize fits them
                return
            if not switcher.query(f"#tab-{source_id}"):
                # The tabs mount their tabs after themselves: a case loaded whole before they have
                # (a big case's preview replaced at once) points them at the source once they are there.
                if not switcher.query(Tab):
                    self.call_after_refresh(self.update_tabs)
                return
            switcher.active = f"tab-{source_id}"
            for other_id, label in self.tab_labels(self._deck_width()).items():
                tab = switcher.query_one(f"#tab-{other_id}", Tab)
                if tab.label.plain != label:  # setting a label lays the screen out again, even the same one
                    tab.label = Content(label)
        elif isinstance(switcher, Static):
            number = self.source_ids.index(source_id) + 1
            label = self.labels[source_id]
            keys = " · [ ] previous/next, ctrl+p “Source …” to jump, o for the coverage table"
            line = clean(f"Source {number} of {len(self.source_ids)}: {label.publisher} · {label.date}{keys}")
            if len(line) > (self._deck_width() or len(line)) - 2:  # short of room, the short name
                line = clean(f"Source {number} of {len(self.source_ids)}: {label.short} · {label.date}{keys}")
            if line != self._source_line:  # an update lays the screen out again, even with the same words
                self._source_line = line
                switcher.update(Content(line))

    def fit(self) -> None:
        """Lay the deck out again for the screen's (new) size: the tabs' labels, the page of panes shown."""
        self.update_tabs()
        self.show_panes()

    # -- the active source --------------------------------------------------------------

    def watch_active_source(self, source_id: str) -> None:
        self.show_panes()
        self.update_tabs()
        focused = self.screen.focused
        if focused is None or isinstance(focused, SourceView):
            self.focus_source(source_id)

    def step(self, by: int) -> str | None:
        """The source ``by`` places after the active one, wrapping around (None in a case without sources).

        While several sources are marked together, among them only (the marks gone, among all again).
        """
        order = self._marked if len(self._marked) > 1 and self.active_source in self._marked else self.source_ids
        if not order:
            return None
        index = order.index(self.active_source) if self.active_source in order else 0
        return order[(index + by) % len(order)]

    def focus_source(self, source_id: str) -> None:
        """Put the keyboard in a source's view, once its pane is mounted if it was only just made."""
        self.pane(source_id).focus_view()

    def focus_active(self) -> None:
        """Put the keyboard back in the active source (unless it is there)."""
        if self.active_source and self.screen.focused is not self.view(self.active_source):
            self.focus_source(self.active_source)

    # Both handlers act only on news that still holds when it arrives. Keys in a burst
    # (1 then 2) queue a tab activation and a focus for each source; acting on the stale
    # ones set the other source again, which queued more of both: the two sources took
    # turns forever, the screen busy and the keys after them unread.

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id and event.tab.id == event.tabs.active:
            self.active_source = event.tab.id.removeprefix("tab-")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Clicking or tabbing into a pane (wide layout) makes it the active source.
        if isinstance(event.widget, SourceView) and event.widget is self.screen.focused:
            self.active_source = event.widget.source.id

    # -- what the views show ------------------------------------------------------------

    def watch_show_highlights(self, show: bool) -> None:
        for view in self.views():
            view.show_highlights = show

    def watch_hidden_types(self, hidden: frozenset[str]) -> None:
        for view in self.views():
            view.hidden_types = hidden

    def watch_selected_entity(self, entity_id: str | None) -> None:
        for view in self.views():
            view.selected_entity = entity_id

    def show_matches(self, matches: Mapping[str, Iterable[Span]], *, keep: Iterable[str] = ()) -> None:
        """Show each source its matches in ``matches`` (none for a source not in it), but the ``keep`` sources'."""
        kept = set(keep)
        self._matches = {source_id: spans for source_id, spans in self._matches.items() if source_id in kept}
        self._matches.update((source_id, tuple(spans)) for source_id, spans in matches.items()
                             if source_id not in kept)
        for view in self.views():
            if view.source.id not in kept:
                view.matches = self._matches.get(view.source.id, ())

    def show_suggestions(self, suggested: Mapping[str, Iterable[Span]]) -> None:
        """Show each source the suggested spans in it (``{}``: none anywhere)."""
        self._suggested = {source_id: tuple(spans) for source_id, spans in suggested.items()}
        for view in self.views():
            view.suggested = self._suggested.get(view.source.id, ())

    def show_places(self, places: Iterable[Place], *, keep: Iterable[str] = ()) -> None:
        """Show each source the ``places`` in it as matches (see :meth:`show_matches`)."""
        by_source: dict[str, list[Span]] = {}
        for place in places:
            by_source.setdefault(place.source_id, []).append(place.span)
        self.show_matches(by_source, keep=keep)

    def reveal(self, passages: Mapping[str, Span]) -> None:
        """Scroll each source in ``passages`` to its passage and mark it; the other sources lose their marks.

        A source not shown yet gets its pane, opening at the passage.
        """
        for view in self.views():
            if view.source.id not in passages:
                view.mark = None
        self._marked = list(passages)
        for source_id, span in passages.items():
            self.view(source_id).reveal(span)
        self.show_panes()

    def clear_marks(self) -> None:
        """Take every mark away (and with them the page of marked sources)."""
        for view in self.views():
            view.mark = None
        if self._marked:
            self._marked = []
            self.show_panes()

    # -- synced scrolling -----------------------------------------------------------------

    def watch_synced(self, synced: bool) -> None:
        self.set_class(synced, "-synced")
        if synced and self.active_source:
            self._follow(self.view(self.active_source))

    def on_source_view_scrolled(self, message: SourceView.Scrolled) -> None:
        message.stop()
        if self.synced:
            self._follow(message.view)

    def _follow(self, leader: SourceView) -> None:
        for view in self.views():
            if view is not leader:
                view.follow(leader.scroll_fraction)
