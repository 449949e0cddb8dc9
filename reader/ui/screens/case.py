"""The main screen: the sources of a case, with the entity panel and the case-status sidebar.

The layout follows the terminal width through Textual's screen breakpoints:
wide, the entity panel, every source in a pane of its own and the sidebar
sit side by side; narrower, a tab strip picks the one source shown and the
panels open on demand (beside the source when there is room, over it when
not); below the minimum size, a message asks for more room. The panes are
the same widgets in every layout (only CSS hides them), so each source
keeps its scroll position however often the terminal resizes.

The screen owns the reading state (the active source, the selected entity,
the search, the highlight switches) and hands it down to the widgets; the
widgets post messages up when the reader does something.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import DescendantFocus, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, Tab, Tabs
from textual.worker import get_current_worker

from reader.edit.session import EditSession
from reader.model import Case, Citation, Event, Span
from reader.model.redact import redact, role_labels
from reader.model.search import Place, TextSearch, mention_places, step
from reader.model.vocabulary import ENTITY_TYPES
from reader.settings import Settings
from reader.ui.commands import CASE_COMMANDS
from reader.ui.inert import CleanTitles
from reader.ui.screens.editing import EditingMixin
from reader.ui.view_table import open_bindings
from reader.ui.widgets.case_status import CaseStatusPanel
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.wrap import clean

if TYPE_CHECKING:
    from reader.ui.screens.views import ViewResult

#: From this many columns on, every source gets a pane and both panels show.
WIDE_WIDTH = 140
#: How many sources stand side by side in the wide layout; tabs pick among more.
SIDE_BY_SIDE = 2
#: Up to this many sources, a tab strip picks the source shown; more get a line
#: naming the source instead. Either way a source's pane is made the first
#: time it is shown or needed, so opening a case costs what showing one or two
#: sources does.
TABS_UP_TO = 12
#: From this many columns on, an open panel sits beside the source instead of over it.
MEDIUM_WIDTH = 100
#: Below this size the reader does not try to lay itself out.
MIN_WIDTH, MIN_HEIGHT = 40, 10
#: Search stops counting after this many matches (a one-letter query in a big case).
MAX_MATCHES = 10_000
#: Up to this many characters of text in the whole case, a keystroke in the search box
#: searches every source before the next frame (a few milliseconds at most). A bigger
#: case searches the sources on screen at once and the others in a worker thread, so
#: typing never waits for a million words to be searched.
SEARCH_AT_ONCE = 1_000_000

Walk = Literal["mentions", "matches"]

HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (MEDIUM_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]


def breakpoint_classes(width: int, height: int) -> list[str]:
    """The layout classes Textual's screen breakpoints give a terminal of ``width`` × ``height``."""
    return [max((limit, name) for limit, name in breakpoints if size >= limit)[1]
            for breakpoints, size in ((HORIZONTAL_BREAKPOINTS, width), (VERTICAL_BREAKPOINTS, height))]


def neighbour(places: Sequence[Place], index: int, forward: bool) -> int:
    """The place after (or before) ``places[index]``, wrapping around: what :func:`step` finds from it.

    The places are in reading order, so this looks at the neighbours
    (skipping any that start at the same point) instead of making a key for
    each of thousands of places on every ``n``.
    """
    here = (places[index].source_index, places[index].span.start)
    by = 1 if forward else -1
    other = index + by
    while 0 <= other < len(places) and (places[other].source_index, places[other].span.start) == here:
        other += by
    return other % len(places)


class CaseScreen(CleanTitles, EditingMixin, Screen[None]):
    """Every source of the case in a pane; one of them is the active source."""

    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    COMMANDS = CASE_COMMANDS
    # The first source view (the active source's) takes the keyboard when the
    # screen opens; focusing it later would restyle the screen a second time.
    AUTO_FOCUS = "SourceView"

    class SettingsChanged(Message):
        """The reader changed a choice worth remembering between runs."""

        def __init__(self, settings: Settings) -> None:
            super().__init__()
            self.settings = settings

    class SearchFinished(Message, bubble=False):
        """The search worker found every place of a query (the screen's own message, from the worker)."""

        def __init__(self, token: int, places: list[Place]) -> None:
            super().__init__()
            self.token = token
            self.places = places

    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", tooltip="Search every source", id="search"),
        Binding("n", "next_place", "Next", show=False, tooltip="Next mention of the selected entity, or next match",
                id="next"),
        Binding("N", "previous_place", "Prev", key_display="N", show=False, tooltip="Previous mention or match",
                id="previous"),
        Binding("e", "toggle_entities", "Entities", tooltip="Show or hide the entity panel", id="toggle-entities"),
        Binding("c", "toggle_status", "Status", tooltip="Show or hide the case-status sidebar", id="toggle-status"),
        *open_bindings(show=False),
        Binding("h", "toggle_highlights", "Highlights", tooltip="Show or hide the mentions' colours",
                id="toggle-highlights"),
        Binding("s", "toggle_sync", "Sync", show=False, tooltip="Scroll the side-by-side sources together",
                id="toggle-sync"),
        Binding("left_square_bracket", "previous_source", "Prev source", key_display="[", show=False,
                id="previous-source"),
        Binding("right_square_bracket", "next_source", "Next source", key_display="]", show=False,
                id="next-source"),
        Binding("escape", "clear", "Clear", show=False,
                tooltip="Clear the search, the selection and the marks; with none, back to the list of cases",
                id="clear"),
        *(Binding(str(number), f"goto_source({number})", f"Source {number}", show=False, id=f"goto-source-{number}")
          for number in range(1, 10)),
        # Annotate and Save show in the footer only when they can do something;
        # the hidden twins after them say why not.
        Binding("a", "annotate", "Annotate", tooltip="Turn the selected text (v, or a drag) into an annotation",
                id="annotate"),
        Binding("a", "annotate_hint", "Annotate", show=False, id="annotate-hint"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the edited case files", id="save"),
        Binding("ctrl+s", "save_hint", "Save", show=False, id="save-hint"),
        Binding("R", "toggle_redaction", "Redact", key_display="R", show=False,
                tooltip="Hide sensitive people's names behind their roles, for screen sharing",
                id="toggle-redaction"),
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit", id="undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, tooltip="Redo the last undone edit", id="redo"),
    ]

    # The screen's state is handed down to the widgets by watchers, and each widget
    # repaints what changes: repaint=False spares a repaint of the whole screen.
    show_highlights: reactive[bool] = reactive(True, repaint=False)
    """Whether every source view highlights its mentions."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Entity types whose highlights are off on their own."""

    active_source: reactive[str] = reactive("", init=False, repaint=False)
    """The id of the source being read: the one shown when narrow, focused when wide."""

    # The views and the panel repaint what the selection changes; the screen itself need not.
    selected_entity: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The entity whose mentions stand out in every source."""

    # The panels' state repaints the panels it shows or hides, never the whole screen.
    entities_open: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the entity panel shows."""

    status_open: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the case-status sidebar shows."""

    synced: reactive[bool] = reactive(False, init=False)
    """Whether scrolling one source scrolls the others to the same point."""

    redacted: reactive[bool] = reactive(False, init=False)
    """Whether sensitive people's names are hidden behind their roles (for sharing the screen)."""

    def __init__(self, case: Case, *, warnings: int = 0, settings: Settings | None = None,
                 today: dt.date | None = None, previewing: bool = False) -> None:
        """Show ``case``; with ``previewing``, it is a big case's preview until :meth:`case_loaded` brings the whole."""
        # The layout classes and the first reading state are set before the
        # screen is mounted: every class or state change after that restyles
        # every widget, which would cost the first paint a pass for each.
        width, height = self.app.size
        super().__init__(classes=" ".join(breakpoint_classes(width, height)))
        self.case = case
        #: The case as annotated (``case`` is its redacted version while :attr:`redacted` is on).
        self.annotated_case = case
        self.today = today
        self.settings = settings
        self.warnings = warnings
        #: Whether the case is a preview (sources only) while the whole case loads.
        self.previewing = previewing
        self.source_ids = list(case.sources)
        self.text_search = TextSearch(case)
        self._text_length = sum(len(source.text) for source in case.sources.values())
        self.walk: Walk = "mentions"
        self.places: list[Place] = []
        self.place_index: int | None = None
        self.query_text = ""
        # Each search gets a new token; a worker's result for an older one is stale and dropped.
        self._search_token = 0
        # The query a worker is still searching every source for, and the sources already
        # searched at once for it (their views show its matches).
        self._pending_query: str | None = None
        self._searched_at_once: set[str] = set()
        self._message = ""
        self._panes: dict[str, SourcePane] = {}
        self._source_line = ""  # what the source line says (a case with too many sources for tabs)
        self.session: EditSession | None = None
        self.checking: str | None = None
        self.disk_timer: Timer | None = None  # checks every two seconds whether a case file changed on disk
        self._keep_mine = False  # the user chose to save over files changed on disk
        self._reported_on_disk: set[Path] = set()
        self._was_wide = width >= WIDE_WIDTH
        self.set_reactive(CaseScreen.entities_open, self._was_wide)
        self.set_reactive(CaseScreen.status_open, self._was_wide)
        self.set_class(self._was_wide, "-entities-open", "-status-open")
        if settings is not None:
            self.set_reactive(CaseScreen.show_highlights, settings.show_highlights)
            self.set_reactive(CaseScreen.hidden_types, frozenset(settings.hidden_types) & set(ENTITY_TYPES))
        if self.source_ids:
            self.set_reactive(CaseScreen.active_source, self.source_ids[0])
        self.set_class(len(self.shown_sources(width=width)) == len(self.source_ids), "-all-shown")

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        with Horizontal(id="body"):
            yield EntityPanel(self.case, id="entity-panel")
            with Vertical(id="reader"):
                if len(self.source_ids) <= TABS_UP_TO:
                    tabs = Tabs(*(Tab(Content(label), id=f"tab-{source_id}")
                                  for source_id, label in self.tab_labels(self.app.size.width).items()),
                                active=f"tab-{self.active_source}" if self.active_source else None,
                                id="source-tabs")
                    # The tabs only mirror active_source; keys and clicks drive them, so
                    # they need not take focus away from the text.
                    tabs.can_focus = False
                    yield tabs
                else:  # hundreds of tabs would not fit: a line says which source this is
                    yield Static(id="source-tabs", classes="source-line", markup=False)
                with Horizontal(id="sources"):
                    for source_id in self.shown_sources(width=self.app.size.width):
                        yield self._new_pane(source_id)
                # The search box comes with the first search (see action_search).
            yield CaseStatusPanel(self.case, today=self.today, id="case-status")
        with Horizontal(id="bottom-bar"):
            yield Legend(id="legend")
            yield Static(Content(clean(self.summary_text())), id="status-line", markup=False)
            if self.warnings:
                yield self._warnings_badge()
        yield Static(id="too-small")
        yield KeysFooter(compact=True)

    def _warnings_badge(self) -> Static:
        return Static(Content(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}: reader check"),
                      id="warnings")

    def on_mount(self) -> None:
        # The panels that start open (wide) fill now; the others when first opened.
        if self.entities_open:
            self.query_one(EntityPanel).opened()
        if self.status_open:
            self.query_one(CaseStatusPanel).opened()
        if not self.previewing:
            self.open_session()

    def case_loaded(self, case: Case, *, warnings: int = 0) -> None:
        """Take in the whole case in place of the preview: highlights, entities, status; the place read is kept."""
        self.previewing = False
        self.warnings = warnings
        self.replace_case(case)
        if warnings:
            self.query_one("#bottom-bar").mount(self._warnings_badge(), after="#status-line")
        self._show_status()  # what was said about the preview no longer holds
        self.open_session()
        # The whole case (frozen by the loader) and the widgets now showing it live as long
        # as this screen: keep them out of the collector's full passes too (see ReaderApp).
        self.call_after_refresh(gc.freeze)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "annotate":
            return any(view.selection is not None for view in self.views())
        if action == "save":
            return bool(self.unsaved_files)
        return True

    def action_annotate_hint(self) -> None:
        """Say how to select text to annotate."""
        self._show_status("Select text first: v, then h/l, w/b, j/k; or drag with the mouse. Then a annotates.")

    def action_save_hint(self) -> None:
        """Say there is nothing to save."""
        self._show_status("Nothing to save: no edits since the last save")

    def present_types(self) -> tuple[str, ...]:
        """The entity types the case has, in legend order."""
        types = {entity.type for entity in self.case.entities.values()}
        return tuple(entity_type for entity_type in ENTITY_TYPES if entity_type in types)

    def tab_labels(self, width: int | None) -> dict[str, str]:
        """``number publisher`` for each source's tab, shortened so all tabs fit in ``width`` cells."""
        labels = {source.id: clean(f"{number} {source.publisher}")
                  for number, source in enumerate(self.case.sources.values(), start=1)}
        if width is None or not labels:
            return labels
        room = max(4, (width - 2) // len(labels) - 2)  # each tab has a cell of padding either side
        return {source_id: label if len(label) <= room else label[: room - 1].rstrip() + "…"
                for source_id, label in labels.items()}

    def _new_pane(self, source_id: str) -> SourcePane:
        """A pane for a source, its view set to the screen's current reading state."""
        pane = SourcePane(self.case, self.case.sources[source_id])
        self._panes[source_id] = pane
        pane.set_class(source_id in self.shown_sources(width=self.size.width or self.app.size.width), "-shown")
        view = pane.view
        view.show_highlights = self.show_highlights
        view.hidden_types = self.hidden_types
        view.selected_entity = self.selected_entity
        if self.walk == "matches":
            view.matches = tuple(place.span for place in self.places if place.source_id == source_id)
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
        """The source view of a source."""
        return self.pane(source_id).view

    def views(self) -> list[SourceView]:
        """The source views made so far, in case order."""
        return [self._panes[source_id].view for source_id in self.source_ids if source_id in self._panes]

    def replace_case(self, case: Case) -> None:
        """Show an edited version of the case, keeping the reading position, selection and search."""
        self.annotated_case = case
        if self.redacted:
            case = redact(case)
        self._show_case(case)

    def _show_case(self, case: Case) -> None:
        self.case = case
        self.text_search = TextSearch(case)
        self._text_length = sum(len(source.text) for source in case.sources.values())
        for view in self.views():
            view.set_case(case)
        self.query_one(EntityPanel).set_case(case)
        self.query_one(CaseStatusPanel).set_case(case)
        if self.selected_entity is not None and self.selected_entity not in case.entities:
            self.selected_entity = None
        if self.walk == "mentions" and self.selected_entity is not None:
            self.places = mention_places(case, self.selected_entity)
            self.place_index = None
        elif self.walk == "matches" and self.query_text:
            self._search(self.query_text)

    # -- the status line ------------------------------------------------------

    def summary_text(self) -> str:
        """A one-line summary of the case."""
        if self.previewing:
            return f"Loading all {len(self.case.sources)} sources: highlights follow…"
        mentions = sum(len(m) for m in self.case.mentions.values())
        return (f"{len(self.case.sources)} sources · {len(self.case.entities)} entities · "
                f"{mentions} mentions · {len(self.case.events)} events")

    def _show_status(self, message: str = "") -> None:
        """Show ``message`` in the status line, or the case summary when there is none."""
        self._message = message
        # The line's size is fixed by the stylesheet, so new words need a repaint, not a layout.
        self.query_one("#status-line", Static).update(Content(clean(message or self.summary_text())), layout=False)

    # -- layout ---------------------------------------------------------------

    @property
    def is_cramped(self) -> bool:
        """Too narrow for a panel beside the source: an open panel covers it."""
        return self.size.width < MEDIUM_WIDTH

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual calls this (private, Textual 8) in the layout pass a resize starts, which
        # then paints the whole screen. Setting the screen's virtual size the usual way
        # (layout=True) asked for one more layout and a repaint of the whole screen after it.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            # Only then is the message shown (by the breakpoints); updating it on every
            # resize would cost a layout pass of the whole screen for nothing.
            self.query_one("#too-small", Static).update(
                f"The terminal is too small: {width}×{height}.\n"
                f"Make it at least {MIN_WIDTH}×{MIN_HEIGHT} to read the case."
            )
        # Below 80 columns the footer has no room for the palette's key; ? lists it.
        self.query_one(Footer).show_command_palette = width >= 80
        self.query_one(Legend).compact = width < 64
        self._update_tabs()
        self._show_panes()
        # Crossing into or out of the wide layout resets the panels to that
        # layout's default: open beside the sources, closed when room is short.
        wide = width >= WIDE_WIDTH
        if wide != self._was_wide:
            self._was_wide = wide
            self.entities_open = self.status_open = wide
        # A layout switch may hide the focused widget; give focus back once the new layout is in place.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        focused = self.focused
        if focused is None or not focused.is_on_screen or not focused.display:
            self._focus_active()

    def _focus_active(self) -> None:
        if self.active_source and self.focused is not self.view(self.active_source):
            self.focus_source(self.active_source)

    def focus_source(self, source_id: str) -> None:
        """Put the keyboard in a source's view, once its pane is mounted if it was only just made."""
        self.pane(source_id).focus_view()

    def watch_entities_open(self, open_: bool) -> None:
        panel = self.query_one(EntityPanel)
        if open_:
            panel.opened()
        self._set_panel_class(open_, "-entities-open")
        self._panel_toggled(open_, panel, "#entity-list")

    def watch_status_open(self, open_: bool) -> None:
        panel = self.query_one(CaseStatusPanel)
        if open_:
            panel.opened()
        self._set_panel_class(open_, "-status-open")
        self._panel_toggled(open_, panel, "#timeline")

    def _set_panel_class(self, add: bool, name: str) -> None:
        """Set a panel's open class on the screen, restyling only the widgets it styles.

        Setting a class on the screen restyles every widget in it (about
        0.5 ms each, 30 ms or more per toggle). The panel classes style only
        the panels and, when narrow, ``#reader`` (``styles/reader.tcss`` says
        so where they are used; ``tests/ui/test_lazy_panels.py`` checks it),
        so only those three are restyled.
        """
        self.set_class(add, name, update=False)
        nodes = [self.query_one(EntityPanel), self.query_one(CaseStatusPanel), self.query_one("#reader")]
        self.app.stylesheet.update_nodes(nodes, animate=True)

    def _panel_toggled(self, open_: bool, panel: Vertical, focus_target: str) -> None:
        if open_ and self.is_cramped:
            panel.query_one(focus_target).focus()
        elif not open_ and (self.focused is None or panel in self.focused.ancestors_with_self):
            self.call_after_refresh(self._focus_active)

    def action_toggle_entities(self) -> None:
        """Show or hide the entity panel."""
        if not self.entities_open and self.is_cramped:
            self.status_open = False
        self.entities_open = not self.entities_open

    def action_toggle_status(self) -> None:
        """Show or hide the case-status sidebar."""
        if not self.status_open and self.is_cramped:
            self.entities_open = False
        self.status_open = not self.status_open

    def _close_covering_panels(self) -> None:
        """When a panel covers the sources, close it so the reader sees where they were taken."""
        if self.is_cramped:
            self.entities_open = False
            self.status_open = False

    # -- the active source ----------------------------------------------------

    def shown_sources(self, source_id: str | None = None, *, width: int | None = None) -> list[str]:
        """The sources on screen: the active one, and when wide its neighbours up to :data:`SIDE_BY_SIDE`.

        Sources are shown in pages of :data:`SIDE_BY_SIDE` in case order (the
        last page filled from the end), so panes never swap sides.
        """
        active = source_id or self.active_source
        if active not in self.source_ids:
            return []
        if (self.size.width if width is None else width) < WIDE_WIDTH:
            return [active]
        index = self.source_ids.index(active)
        start = max(0, min(index - index % SIDE_BY_SIDE, len(self.source_ids) - SIDE_BY_SIDE))
        return self.source_ids[start:start + SIDE_BY_SIDE]

    def _show_panes(self) -> None:
        shown = set(self.shown_sources())
        for source_id in shown:
            self.pane(source_id)  # made on first showing
        # -shown styles the pane alone (its display): restyle the panes whose class
        # changed, not their views (a class change restyles a whole subtree).
        changed = [pane for pane in self._panes.values() if pane.has_class("-shown") != (pane.source.id in shown)]
        for pane in changed:
            pane.set_class(pane.source.id in shown, "-shown", update=False)
        if changed:
            self.app.stylesheet.update_nodes(changed, animate=False)
        self.set_class(len(shown) == len(self.source_ids), "-all-shown")

    def watch_active_source(self, source_id: str) -> None:
        self._show_panes()
        self._update_tabs()
        focused = self.focused
        if focused is None or isinstance(focused, SourceView):
            self.focus_source(source_id)

    def _update_tabs(self) -> None:
        """Point the tabs (or, for a big case, the source line) at the active source."""
        source_id = self.active_source
        if source_id not in self.case.sources:
            return
        switcher = self.query_one("#source-tabs")
        if isinstance(switcher, Tabs):
            switcher.active = f"tab-{source_id}"
            for other_id, label in self.tab_labels(self.size.width or None).items():
                tab = switcher.query_one(f"#tab-{other_id}", Tab)
                if tab.label.plain != label:  # setting a label lays the screen out again, even the same one
                    tab.label = Content(label)
        elif isinstance(switcher, Static):
            number = self.source_ids.index(source_id) + 1
            line = clean(f"Source {number} of {len(self.source_ids)}: {self.case.sources[source_id].publisher} · "
                         "[ ] previous/next, ctrl+p “Source …” to jump, o for the coverage table")
            if line != self._source_line:  # an update lays the screen out again, even with the same words
                self._source_line = line
                switcher.update(Content(line))

    # Both handlers act only on news that still holds when it arrives. Keys in a burst
    # (1 then 2) queue a tab activation and a focus for each source; acting on the stale
    # ones set the other source again, which queued more of both: the two sources took
    # turns forever, the screen busy and the keys after them unread.

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id and event.tab.id == event.tabs.active:
            self.active_source = event.tab.id.removeprefix("tab-")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Clicking or tabbing into a pane (wide layout) makes it the active source.
        if isinstance(event.widget, SourceView) and event.widget is self.focused:
            self.active_source = event.widget.source.id

    def action_goto_source(self, number: int) -> None:
        """Make source ``number`` (counting from 1) the active one."""
        if 1 <= number <= len(self.source_ids):
            self._activate(self.source_ids[number - 1])

    def action_next_source(self) -> None:
        """Make the next source active, wrapping around after the last."""
        self._step_source(1)

    def action_previous_source(self) -> None:
        """Make the previous source active, wrapping around before the first."""
        self._step_source(-1)

    def _step_source(self, step_by: int) -> None:
        if self.source_ids:
            index = self.source_ids.index(self.active_source) if self.active_source in self.source_ids else 0
            self._activate(self.source_ids[(index + step_by) % len(self.source_ids)])

    def _activate(self, source_id: str) -> None:
        """Make a source active and put the keyboard in it."""
        self._close_covering_panels()
        self.active_source = source_id
        self.focus_source(source_id)

    # -- highlights -----------------------------------------------------------

    def action_toggle_highlights(self) -> None:
        """Show or hide the mention highlights in every source."""
        self.show_highlights = not self.show_highlights

    def action_toggle_type(self, entity_type: str) -> None:
        """Show or hide the highlights of one entity type."""
        self.hidden_types = self.hidden_types ^ {entity_type}
        if entity_type not in self.hidden_types:
            self.show_highlights = True

    def watch_show_highlights(self, show: bool) -> None:
        for view in self.views():
            view.show_highlights = show
        self.query_one(Legend).show_highlights = show
        self._remember_highlights()

    def watch_hidden_types(self, hidden: frozenset[str]) -> None:
        for view in self.views():
            view.hidden_types = hidden
        self.query_one(Legend).hidden_types = hidden
        self._remember_highlights()

    def _remember_highlights(self) -> None:
        settings = self.settings
        if settings is None or not self.is_mounted:
            return
        hidden = sorted(self.hidden_types)
        if (settings.show_highlights, settings.hidden_types) != (self.show_highlights, hidden):
            settings.show_highlights, settings.hidden_types = self.show_highlights, hidden
            self.post_message(self.SettingsChanged(settings))

    def on_legend_toggled(self, message: Legend.Toggled) -> None:
        if message.entity_type is None:
            self.action_toggle_highlights()
        else:
            self.action_toggle_type(message.entity_type)

    # -- the selected entity --------------------------------------------------

    def watch_selected_entity(self, entity_id: str | None) -> None:
        for view in self.views():
            view.selected_entity = entity_id
        self.query_one(EntityPanel).select(entity_id)
        if entity_id is None:
            return
        self.walk = "mentions"
        self.places = mention_places(self.case, entity_id)
        self.place_index = None
        entity = self.case.entities[entity_id]
        in_sources = len({place.source_id for place in self.places})
        self._show_status(f"{entity.name}: {len(self.places)} mention{'s' if len(self.places) != 1 else ''} "
                          f"in {in_sources} source{'s' if in_sources != 1 else ''} · n/N: next/previous")

    def on_entity_panel_selected(self, message: EntityPanel.Selected) -> None:
        self.selected_entity = message.entity_id

    def on_entity_panel_mention_chosen(self, message: EntityPanel.MentionChosen) -> None:
        mention = message.mention
        self.selected_entity = mention.entity_id
        self._go_to(Place(self.source_ids.index(mention.source_id), mention.span, mention.source_id))

    def on_source_view_mention_clicked(self, message: SourceView.MentionClicked) -> None:
        self.selected_entity = message.entity_id
        index = next((i for i, place in enumerate(self.places)
                      if place.source_id == message.view.source.id and place.span == message.span), None)
        if index is not None:
            self._go_to(self.places[index], focus=False)

    def on_entity_panel_edit_requested(self, message: EntityPanel.EditRequested) -> None:
        self.edit_entity(message.entity_id)

    def on_entity_panel_delete_requested(self, message: EntityPanel.DeleteRequested) -> None:
        self.delete_entity(message.entity_id)

    def on_entity_panel_mention_delete_requested(self, message: EntityPanel.MentionDeleteRequested) -> None:
        self.delete_mention(message.mention)

    def on_case_status_panel_event_edit_requested(self, message: CaseStatusPanel.EventEditRequested) -> None:
        self.edit_event(message.event.id)

    def on_case_status_panel_event_delete_requested(self, message: CaseStatusPanel.EventDeleteRequested) -> None:
        self.delete_event(message.event.id)

    def select_entity(self, entity_id: str) -> None:
        """Select an entity and take the reader to its first mention (the palette's entity command)."""
        self.selected_entity = entity_id
        if self.places:
            self._go_to(self.places[0])

    # -- walking through mentions and matches ---------------------------------

    def action_next_place(self) -> None:
        """Go to the next mention of the selected entity (or the next search match)."""
        self._walk(forward=True)

    def action_previous_place(self) -> None:
        """Go to the previous mention of the selected entity (or the previous search match)."""
        self._walk(forward=False)

    def _walk(self, *, forward: bool) -> None:
        self._finish_search()
        if not self.places:
            if self.walk == "matches" and self.query_text:
                self._show_status(f"No match for “{self.query_text}”")
            elif self.selected_entity is None:
                self._show_status("Nothing to step through: select an entity (e) or search (/) first")
            return
        if self.place_index is not None:
            index = neighbour(self.places, self.place_index, forward)
        else:
            source_index = self.source_ids.index(self.active_source)
            index = step(self.places, (source_index, self.view(self.active_source).top_offset), forward,
                         inclusive=True)
        if index is not None:
            self._go_to(self.places[index], index=index)

    def _go_to(self, place: Place, *, index: int | None = None, focus: bool = True) -> None:
        """Take the reader to ``place``: its source active, the passage in view and marked."""
        if index is None:
            index = next((i for i, p in enumerate(self.places) if p == place), None)
        self.place_index = index
        self._close_covering_panels()
        self.active_source = place.source_id
        for view in self.views():
            if view.source.id != place.source_id:
                view.mark = None
        view = self.view(place.source_id)
        view.reveal(place.span)
        if focus and self.focused is not view:  # focusing the focused view again would repaint all of it
            self.focus_source(place.source_id)
        if index is not None:
            what = "Mention" if self.walk == "mentions" else "Match"
            name = (self.case.entities[self.selected_entity].name
                    if self.walk == "mentions" and self.selected_entity else f"“{self.query_text}”")
            more = "+" if self.walk == "matches" and len(self.places) >= MAX_MATCHES else ""
            self._show_status(f"{what} {index + 1} of {len(self.places)}{more} · {name} · "
                              f"source {place.source_index + 1} · n/N: next/previous")
            if self.walk == "mentions":
                mentions = [m for m in self.case.mentions.get(place.source_id, ()) if m.span == place.span]
                if mentions:
                    self.query_one(EntityPanel).show_mention(mentions[0])

    # -- search ---------------------------------------------------------------

    async def action_search(self) -> None:
        """Open the search box under the sources (made the first time: most readings never search)."""
        self._close_covering_panels()
        try:
            bar = self.query_one(SearchBar)
        except NoMatches:
            bar = SearchBar(id="search-bar")
            await self.query_one("#reader").mount(bar)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#search-bar")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search(event.value, wait=False)
        self._show_search_status()

    def _show_search_status(self) -> None:
        """Say how many matches the search found (or that it is still searching)."""
        query = self.query_text
        count = len(self.places)
        if not query:
            self._show_status()
        elif self._pending_query is not None:
            self._show_status(f"Searching every source for “{query}”…")
        elif count:
            more = "+" if count >= MAX_MATCHES else ""
            self._show_status(f"{count}{more} match{'es' if count != 1 else ''} for “{query}” · "
                              "Enter: go to the first, then n/N")
        else:
            self._show_status(f"No match for “{query}”")

    def _search(self, query: str, *, wait: bool = True) -> None:
        """Search every source for ``query`` (blank: end the search) and show the matches.

        With ``wait`` False (a keystroke) in a case of more than
        :data:`SEARCH_AT_ONCE` characters, only the sources on screen are
        searched here; a worker searches them all and
        :meth:`on_case_screen_search_finished` shows the rest when it is done.
        """
        self.query_text = query.strip()
        self.walk = "matches"
        self.place_index = None
        self._search_token += 1  # whatever a worker is still finding is stale now
        self._pending_query = None
        self._searched_at_once = set()
        if not self.query_text:
            self._show_matches([])
        elif wait or self._text_length <= SEARCH_AT_ONCE:
            self._show_matches(self.text_search.find(query, limit=MAX_MATCHES))
        else:
            self._pending_query = query
            self._searched_at_once = set(self.shown_sources())
            self.places = []
            for view in self.views():
                source_id = view.source.id
                view.matches = (tuple(self.text_search.find_in(source_id, query, limit=MAX_MATCHES))
                                if source_id in self._searched_at_once else ())
            self._search_everywhere(query, self._search_token)

    def _show_matches(self, places: list[Place]) -> None:
        """Make ``places`` the matches to walk, and show each view its own (but those searched at once)."""
        self.places = places
        by_source: dict[str, list[Span]] = {}
        for place in places:
            by_source.setdefault(place.source_id, []).append(place.span)
        for view in self.views():
            if view.source.id not in self._searched_at_once:
                view.matches = tuple(by_source.get(view.source.id, ()))

    @work(thread=True, exclusive=True, group="search")
    def _search_everywhere(self, query: str, token: int) -> None:
        """Find ``query`` in every source, off the UI thread; report back unless superseded."""
        worker = get_current_worker()

        def cancelled() -> bool:
            # Asked before each source. Sleeping lets go of the GIL, so the UI thread
            # (drawing the keystroke, or taking the next one) never waits long for it.
            time.sleep(0)
            return worker.is_cancelled

        places = self.text_search.find(query, limit=MAX_MATCHES, cancelled=cancelled)
        if not worker.is_cancelled:
            self.post_message(self.SearchFinished(token, places))

    def on_case_screen_search_finished(self, message: SearchFinished) -> None:
        if message.token != self._search_token:
            return  # a later keystroke (or Enter, or Esc) searched again
        self._pending_query = None
        if self.walk == "matches":
            self._show_matches(message.places)
            self._show_search_status()
        else:  # an entity was selected meanwhile: n/N walk its mentions, the views still show the matches
            places = self.places
            self._show_matches(message.places)
            self.places = places

    def _finish_search(self) -> None:
        """Search every source now if a worker is still at it: n/N and Enter need every match."""
        if self._pending_query is not None and self.walk == "matches":
            self._search(self._pending_query)

    @on(Input.Submitted, "#search-bar")
    def _search_submitted(self) -> None:
        self._finish_search()
        # Focus the source with the first match before hiding the box: hiding
        # the focused box first would let focus fall back on the first source.
        if self.places:
            self._walk(forward=True)
        else:
            self._focus_active()
        self.query_one(SearchBar).display = False

    def on_search_bar_cancelled(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        bar.value = ""
        self._focus_active()

    async def action_clear(self) -> None:
        """Clear the search, the selected entity and the marks."""
        panel = self.query_one(EntityPanel)
        if self.focused is not None and panel in self.focused.ancestors_with_self and panel.clear_filter():
            return
        views = list(self.views())
        if not self.query_text and self.selected_entity is None and all(view.mark is None for view in views):
            await self.app.run_action("back_to_cases")  # nothing to clear: Esc leaves the case
            return
        for bar in self.query(SearchBar):
            bar.value = ""
        self._search("")
        self.selected_entity = None
        self.places = []
        for view in views:
            view.mark = None
        self._show_status()

    # -- events from the sidebar ----------------------------------------------

    def on_case_status_panel_event_chosen(self, message: CaseStatusPanel.EventChosen) -> None:
        self.show_event(message.event)

    def show_event(self, event: Event) -> None:
        """Scroll every source that reports ``event`` to its quote, and mark it."""
        sources = ", ".join(self.case.sources[s].publisher for s in event.source_ids if s in self.case.sources)
        self.reveal_citations(event.citations, f"{event.date.display()}: reported by {sources}")

    def reveal_citations(self, citations: Sequence[Citation], message: str = "") -> None:
        """Scroll each cited source to its passage and mark it; the first cited source becomes active.

        A source cited more than once shows its first passage. Other views
        lose their marks, so the marks on screen are exactly these passages.
        """
        shown: dict[str, Span] = {}
        for citation in citations:
            if citation.span is not None and citation.source_id in self.case.sources:
                shown.setdefault(citation.source_id, citation.span)
        if not shown:
            return
        self._close_covering_panels()
        for view in self.views():
            if view.source.id not in shown:
                view.mark = None
        for source_id, span in shown.items():
            self.view(source_id).reveal(span)  # a source not shown yet gets its pane, opening at the passage
        first = next(iter(shown))
        self.active_source = first
        self.focus_source(first)
        if message:
            self._show_status(message)

    # -- redaction for screen sharing -----------------------------------------

    def action_toggle_redaction(self) -> None:
        """Hide (or show again) the names of the people marked sensitive."""
        if not any(entity.sensitive for entity in self.annotated_case.entities.values()):
            self._show_status("No one in this case is marked sensitive: there is nothing to hide")
            return
        self.redacted = not self.redacted

    def watch_redacted(self, redacted: bool) -> None:
        self._show_case(redact(self.annotated_case) if redacted else self.annotated_case)
        self.set_class(redacted, "-redacted")
        self.title = clean(self.case.title)
        self._update_tabs()
        for pane in self._panes.values():
            pane.set_source(self.case.sources[pane.source.id])
        labels = role_labels(self.annotated_case)
        self._show_status(f"Redacted for sharing: {len(labels)} sensitive "
                          f"{'person is' if len(labels) == 1 else 'people are'} shown by role · R shows names"
                          if redacted else "Names shown again")

    # -- synced scrolling -----------------------------------------------------

    def action_toggle_sync(self) -> None:
        """Scroll the sources together (or each on its own again)."""
        self.synced = not self.synced

    def watch_synced(self, synced: bool) -> None:
        self.set_class(synced, "-synced")
        self._show_status("Synced scrolling on: the sources scroll together" if synced
                          else "Synced scrolling off: each source scrolls on its own")
        if synced and self.active_source:
            self._follow(self.view(self.active_source))

    def on_source_view_scrolled(self, message: SourceView.Scrolled) -> None:
        if self.synced:
            self._follow(message.view)

    def _follow(self, leader: SourceView) -> None:
        for view in self.views():
            if view is not leader:
                view.follow(leader.scroll_fraction)

    # -- cross-source views ---------------------------------------------------

    def action_open_view(self, name: str, source_id: str | None = None) -> None:
        """Open a cross-source view (coverage, differences, voices, timeline) over the sources."""
        # Imported on first use: the views are a fifth of the reader's import time at start-up.
        from reader.ui.screens.views import make_view

        self.app.push_screen(make_view(name, self.case, today=self.today, source_id=source_id), self._view_closed)

    def _view_closed(self, result: ViewResult | None) -> None:
        """Do what the closed view asked: mark passages, show an event, or open another view."""
        from reader.ui.screens.views import OpenView, Reveal, ShowEvent
        if isinstance(result, Reveal):
            message = result.message
            marked = len({c.source_id for c in result.citations if c.span is not None})
            if marked > 1 and self.size.width < WIDE_WIDTH:
                # One source shows at a time: say first (before the line is cut) how to see the others.
                message = f"{marked} sources marked, [ / ] to switch · {message}"
            self.reveal_citations(result.citations, message)
        elif isinstance(result, ShowEvent):
            self.show_event(result.event)
        elif isinstance(result, OpenView):
            self.action_open_view(result.name, result.source_id)

    def on_case_status_panel_citations_chosen(self, message: CaseStatusPanel.CitationsChosen) -> None:
        self.reveal_citations(message.citations, message.text)
