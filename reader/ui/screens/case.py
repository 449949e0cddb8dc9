"""The case screen: it coordinates the parts that show a case, and owns the reading state they share.

Each part owns its state (see its module):

- :class:`~reader.ui.widgets.source_deck.SourceDeck`: the sources' panes and
  tabs, which source is active, paging, synced scrolling, the marks;
- :class:`~reader.ui.widgets.case_body.CaseBody`: the deck between the entity
  panel and the case-status sidebar, and which of those is open;
- :class:`~reader.ui.widgets.search_bar.SearchBar`: the query, its matches and
  the worker that finds them (made at the first ``/``);
- :class:`~reader.ui.walk.Walk`: what ``n`` and ``N`` step through;
- :class:`~reader.ui.widgets.status_line.StatusLine`: what just happened;
- :class:`~reader.ui.screens.editing.Annotator`: annotating, editing, saving.

The screen keeps what ties them together: the selected entity, the
highlight switches, redaction, the layout, and where ``n``, the panels and
the views take the reader. It hands state down (attributes and calls) and
hears the parts' messages; the parts never reach across to each other. Some
names (``places``, ``session``, ``checking``...) are one-line hand-offs to
the part that owns them, for the app and the tests that know them by those.

The layout follows the terminal width through Textual's screen breakpoints:
wide, the entity panel, two sources side by side and the sidebar; narrower,
a tab strip picks the one source shown and the panels open on demand (beside
the source when there is room, over it when not); below the minimum size, a
message asks for more room. The panes are the same widgets in every layout
(only CSS hides them), so each source keeps its scroll position however
often the terminal resizes.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from reader.edit.session import EditSession
from reader.model import Case, Citation, Event, Span
from reader.model.redact import redact, role_labels
from reader.model.search import Place, mention_places
from reader.model.vocabulary import ENTITY_TYPES
from reader.settings import Settings
from reader.ui.commands import CASE_COMMANDS
from reader.ui.inert import CleanTitles
from reader.ui.people import can_narrow, narrowed_to, next_person, who
from reader.ui.screens.editing import Annotator, Make
from reader.ui.view_table import open_bindings
from reader.ui.walk import Walk, neighbour  # noqa: F401  (neighbour: importable from here, as it always was)
from reader.ui.widgets.case_body import MEDIUM_WIDTH, CaseBody
from reader.ui.widgets.case_status import CaseStatusPanel
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import MAX_MATCHES, SearchBar
from reader.ui.widgets.source_deck import WIDE_WIDTH, SourceDeck
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.status_line import StatusLine
from reader.ui.widgets.wrap import clean

if TYPE_CHECKING:
    from reader.ui.screens.views import ViewResult

#: Below this size the reader does not try to lay itself out.
MIN_WIDTH, MIN_HEIGHT = 40, 10
#: Up to this many characters of text in the whole case, a keystroke in the search box
#: searches every source before the next frame (a few milliseconds at most). A bigger
#: case searches the sources on screen at once and the others in a worker thread, so
#: typing never waits for a million words to be searched.
SEARCH_AT_ONCE = 1_000_000

HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (MEDIUM_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]


def breakpoint_classes(width: int, height: int) -> list[str]:
    """The layout classes Textual's screen breakpoints give a terminal of ``width`` × ``height``."""
    return [max((limit, name) for limit, name in breakpoints if size >= limit)[1]
            for breakpoints, size in ((HORIZONTAL_BREAKPOINTS, width), (VERTICAL_BREAKPOINTS, height))]


class CaseScreen(CleanTitles, Screen[None]):
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

    #: The search worker's report, by the name it had when the screen ran the search itself.
    SearchFinished = SearchBar.Found

    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", tooltip="Search every source", id="search"),
        Binding("n", "next_place", "Next", show=False, tooltip="Next mention of the selected entity, or next match",
                id="next"),
        Binding("N", "previous_place", "Prev", key_display="N", show=False, tooltip="Previous mention or match",
                id="previous"),
        Binding("e", "toggle_entities", "Entities", tooltip="Show or hide the entity panel", id="toggle-entities"),
        Binding("c", "toggle_status", "Status", tooltip="Show or hide the case-status sidebar", id="toggle-status"),
        Binding("p", "next_person", "Person", show=False, id="next-person",
                tooltip="Narrow the case to its next person (then everyone): their events and entities"),
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

    # The screen's state is handed down to the parts by watchers, and each part
    # repaints what changes: repaint=False spares a repaint of the whole screen.
    show_highlights: reactive[bool] = reactive(True, repaint=False)
    """Whether every source view highlights its mentions."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Entity types whose highlights are off on their own."""

    selected_entity: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The entity whose mentions stand out in every source."""

    redacted: reactive[bool] = reactive(False, init=False)
    """Whether sensitive people's names are hidden behind their roles (for sharing the screen)."""

    person: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The person of the case the panels, the views and the palette are narrowed to (None: everyone)."""

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
        #: What ``n`` and ``N`` step through.
        self.walk = Walk()
        self._bar: SearchBar | None = None  # made by the first search (see action_search)
        self._was_wide = width >= WIDE_WIDTH
        if settings is not None:
            self.set_reactive(CaseScreen.show_highlights, settings.show_highlights)
            self.set_reactive(CaseScreen.hidden_types, frozenset(settings.hidden_types) & set(ENTITY_TYPES))
        #: The sources, one active (the ``#reader`` column).
        self.deck = SourceDeck(case, show_highlights=self.show_highlights, hidden_types=self.hidden_types,
                               id="reader")
        #: The deck between the two side panels, which open and close (``#body``).
        self.body = CaseBody(EntityPanel(case, id="entity-panel"), self.deck,
                             CaseStatusPanel(case, today=today, id="case-status"), panels_open=self._was_wide,
                             id="body")
        #: The line under the sources that says what just happened.
        self.status_line = StatusLine(case, previewing=previewing, id="status-line")
        #: Annotating, editing and saving the case.
        self.annotator = Annotator(self)

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        yield self.body
        with Horizontal(id="bottom-bar"):
            yield Legend(id="legend")
            yield self.status_line
            if self.warnings:
                yield self._warnings_badge()
        yield Static(id="too-small")
        yield KeysFooter(compact=True)

    def _warnings_badge(self) -> Static:
        return Static(Content(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}: reader check"),
                      id="warnings")

    def on_mount(self) -> None:
        if not self.previewing:
            self.annotator.open_session()

    def case_loaded(self, case: Case, *, warnings: int = 0) -> None:
        """Take in the whole case in place of the preview: highlights, entities, status; the place read is kept."""
        self.previewing = False
        self.warnings = warnings
        self.replace_case(case)
        if warnings:
            self.query_one("#bottom-bar").mount(self._warnings_badge(), after="#status-line")
        self._show_status()  # what was said about the preview no longer holds
        self.annotator.open_session()
        # The whole case (frozen by the loader) and the widgets now showing it live as long
        # as this screen: keep them out of the collector's full passes too (see ReaderApp).
        self.call_after_refresh(gc.freeze)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "annotate":
            return any(view.selection is not None for view in self.views())
        if action == "save":
            return bool(self.unsaved_files)
        if action == "next_person":
            return can_narrow(self.case)
        return True

    # -- annotating, editing and saving: the annotator's ----------------------------

    def action_annotate(self) -> None:
        """Turn the selected text into an annotation."""
        self.annotator.annotate()

    def action_annotate_hint(self) -> None:
        """Say how to select text to annotate."""
        self.annotator.hint_annotate()

    def action_save(self) -> None:
        """Save every edited file."""
        self.annotator.save()

    def action_save_hint(self) -> None:
        """Say there is nothing to save."""
        self.annotator.hint_save()

    def action_undo(self) -> None:
        """Undo the last edit."""
        self.annotator.undo()

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        self.annotator.redo()

    def edit(self, description: str, make: Make) -> None:
        """Apply an edit (``make`` gives the edited files); show the edited case, or why it was refused."""
        self.annotator.edit(description, make)

    def edit_entity(self, entity_id: str) -> None:
        """Change an entity's name and description (in a dialog)."""
        self.annotator.edit_entity(entity_id)

    @property
    def session(self) -> EditSession | None:
        """The case files as edited so far (see :class:`Annotator`)."""
        return self.annotator.session

    @property
    def checking(self) -> str | None:
        """What change is being checked in a thread (None: none is)."""
        return self.annotator.checking

    @property
    def disk_timer(self) -> Timer | None:
        """What checks every two seconds whether a case file changed on disk."""
        return self.annotator.disk_timer

    def check_disk(self) -> None:
        """Ask about any case file changed on disk since it was read or saved."""
        self.annotator.check_disk()

    @property
    def unsaved_files(self) -> list[Path]:
        """Case files with edits not yet saved."""
        return self.annotator.unsaved_files

    @property
    def must_ask_before_leaving(self) -> bool:
        """Whether leaving the case must wait for an edit being checked, or ask about unsaved edits."""
        return self.annotator.must_ask_before_leaving

    def confirm_leave(self, leave: Callable[[], object], *, verb: str = "quit") -> None:
        """Leave the case with ``leave()`` (quit, or back to the list of cases), asking first about unsaved edits."""
        self.annotator.confirm_leave(leave, verb=verb)

    def show_unsaved(self, unsaved: Sequence[Path]) -> None:
        """Name the person narrowed to and the files with unsaved edits under the title (ctrl+s shows then)."""
        narrowed = f" · {who(self.case, self.person)}" if self.person is not None else ""
        self.sub_title = (f"{self.case.id}{narrowed} · unsaved: {', '.join(path.name for path in unsaved)}"
                          if unsaved else f"{self.case.id}{narrowed}")
        self.set_class(bool(unsaved), "-unsaved")
        self.refresh_bindings()

    def present_types(self) -> tuple[str, ...]:
        """The entity types the case has, in legend order."""
        types = {entity.type for entity in self.case.entities.values()}
        return tuple(entity_type for entity_type in ENTITY_TYPES if entity_type in types)

    # -- the parts, as the rest of the reader (and the annotator) reaches them -----------

    @property
    def active_source(self) -> str:
        """The id of the source being read: the one shown when narrow, focused when wide."""
        return self.deck.active_source

    @active_source.setter
    def active_source(self, source_id: str) -> None:
        self.deck.active_source = source_id

    @property
    def synced(self) -> bool:
        """Whether scrolling one source scrolls the others to the same point."""
        return self.deck.synced

    @property
    def places(self) -> list[Place]:
        """What ``n`` and ``N`` step through: the selected entity's mentions, or the search's matches."""
        return self.walk.places

    @property
    def place_index(self) -> int | None:
        """Which of :attr:`places` the reader was last taken to."""
        return self.walk.index

    @property
    def query_text(self) -> str:
        """What is searched for ("" when nothing is)."""
        bar = self._bar
        return bar.query if bar is not None else ""

    def view(self, source_id: str) -> SourceView:
        """The source view of a source."""
        return self.deck.view(source_id)

    def views(self) -> list[SourceView]:
        """The source views made so far, in case order."""
        return self.deck.views()

    def summary_text(self) -> str:
        """A one-line summary of the case (what the status line says when it has nothing else to say)."""
        return self.status_line.summary()

    def _show_status(self, message: str = "") -> None:
        """Show ``message`` in the status line, or the case summary when there is none."""
        self.status_line.show(message)

    def replace_case(self, case: Case) -> None:
        """Show an edited version of the case, keeping the reading position, selection and search."""
        self.annotated_case = case
        if self.redacted:
            case = redact(case)
        self._show_case(case)

    def _show_case(self, case: Case) -> None:
        self.case = case
        self.deck.set_case(case)
        self.status_line.set_case(case, previewing=self.previewing)
        self.body.entity_panel.set_case(case)
        self.body.status_panel.set_case(case)
        bar = self._bar
        if bar is not None:
            bar.set_case(case)
        self.person = narrowed_to(case, self.person)
        if self.selected_entity is not None and self.selected_entity not in case.entities:
            self.selected_entity = None
        if self.walk.kind == "mentions" and self.selected_entity is not None:
            self.walk.start("mentions", mention_places(case, self.selected_entity))
        elif self.walk.kind == "matches" and self.query_text:
            self._search(self.query_text)

    # -- layout ---------------------------------------------------------------

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
        self.deck.fit()
        # Crossing into or out of the wide layout resets the panels to that
        # layout's default: open beside the sources, closed when room is short.
        wide = width >= WIDE_WIDTH
        if wide != self._was_wide:
            self._was_wide = wide
            self.body.reset(wide)
        # A layout switch may hide the focused widget; give focus back once the new layout is in place.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        focused = self.focused
        if focused is None or not focused.is_on_screen or not focused.display:
            self.deck.focus_active()

    def action_next_person(self) -> None:
        """Narrow the case to its next person (after the last, everyone again)."""
        self.narrow_to(next_person(self.case, self.person))

    def narrow_to(self, person_id: str | None) -> None:
        """Narrow the panels, the views and the palette to one person of the case (None: everyone)."""
        self.person = narrowed_to(self.case, person_id)

    def watch_person(self, person_id: str | None) -> None:
        self.body.entity_panel.narrow(person_id)
        self.body.status_panel.narrow(person_id)
        self.show_unsaved(self.unsaved_files)
        self._show_status(f"Narrowed to {who(self.case, person_id)}: their events and entities · p: next person"
                          if person_id is not None else "Every person's events and entities again")

    def action_toggle_entities(self) -> None:
        """Show or hide the entity panel."""
        self.body.toggle_entities()

    def action_toggle_status(self) -> None:
        """Show or hide the case-status sidebar."""
        self.body.toggle_status()

    # -- the active source ----------------------------------------------------

    def action_goto_source(self, number: int) -> None:
        """Make source ``number`` (counting from 1) the active one."""
        if 1 <= number <= len(self.deck.source_ids):
            self._activate(self.deck.source_ids[number - 1])

    def action_next_source(self) -> None:
        """Make the next source active, wrapping around after the last."""
        self._activate(self.deck.step(1))

    def action_previous_source(self) -> None:
        """Make the previous source active, wrapping around before the first."""
        self._activate(self.deck.step(-1))

    def _activate(self, source_id: str | None) -> None:
        """Make a source active and put the keyboard in it."""
        if source_id is None:
            return
        self.body.close_covering()
        self.active_source = source_id
        self.deck.focus_source(source_id)

    def action_toggle_sync(self) -> None:
        """Scroll the sources together (or each on its own again)."""
        self.deck.synced = not self.deck.synced
        self._show_status("Synced scrolling on: the sources scroll together" if self.deck.synced
                          else "Synced scrolling off: each source scrolls on its own")

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
        self.deck.show_highlights = show
        self.query_one(Legend).show_highlights = show
        self._remember_highlights()

    def watch_hidden_types(self, hidden: frozenset[str]) -> None:
        self.deck.hidden_types = hidden
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
        self.deck.selected_entity = entity_id
        self.body.entity_panel.select(entity_id)
        if entity_id is None:
            return
        self.walk.start("mentions", mention_places(self.case, entity_id))
        self._show_status(self.walk.summary(self.case.entities[entity_id].name))

    def select_entity(self, entity_id: str) -> None:
        """Select an entity and take the reader to its first mention (the palette's entity command)."""
        self.selected_entity = entity_id
        if self.walk.places:
            self._go_to(self.walk.places[0])

    def on_entity_panel_selected(self, message: EntityPanel.Selected) -> None:
        self.selected_entity = message.entity_id

    def on_entity_panel_mention_chosen(self, message: EntityPanel.MentionChosen) -> None:
        mention = message.mention
        self.selected_entity = mention.entity_id
        self._go_to(Place(self.deck.source_ids.index(mention.source_id), mention.span, mention.source_id))

    def on_source_view_mention_clicked(self, message: SourceView.MentionClicked) -> None:
        self.selected_entity = message.entity_id
        index = self.walk.index_of(Place(self.deck.source_ids.index(message.view.source.id), message.span,
                                         message.view.source.id))
        if index is not None:
            self._go_to(self.walk.places[index], focus=False)

    def on_entity_panel_edit_requested(self, message: EntityPanel.EditRequested) -> None:
        self.annotator.edit_entity(message.entity_id)

    def on_entity_panel_delete_requested(self, message: EntityPanel.DeleteRequested) -> None:
        self.annotator.delete_entity(message.entity_id)

    def on_entity_panel_mention_delete_requested(self, message: EntityPanel.MentionDeleteRequested) -> None:
        self.annotator.delete_mention(message.mention)

    def on_case_status_panel_event_edit_requested(self, message: CaseStatusPanel.EventEditRequested) -> None:
        self.annotator.edit_event(message.event.id)

    def on_case_status_panel_event_delete_requested(self, message: CaseStatusPanel.EventDeleteRequested) -> None:
        self.annotator.delete_event(message.event.id)

    # -- walking through mentions and matches ---------------------------------

    def action_next_place(self) -> None:
        """Go to the next mention of the selected entity (or the next search match)."""
        self._step(forward=True)

    def action_previous_place(self) -> None:
        """Go to the previous mention of the selected entity (or the previous search match)."""
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        self._finish_search()
        walk = self.walk
        if not walk.places:
            if walk.kind == "matches" and self.query_text:
                self._show_status(f"No match for “{self.query_text}”")
            elif self.selected_entity is None:
                self._show_status("Nothing to step through: select an entity (e) or search (/) first")
            return
        here = (self.deck.source_ids.index(self.active_source), self.view(self.active_source).top_offset)
        index = walk.next_index(forward, here)
        if index is not None:
            self._go_to(walk.places[index], index=index)

    def _go_to(self, place: Place, *, index: int | None = None, focus: bool = True) -> None:
        """Take the reader to ``place``: its source active, the passage in view and marked."""
        walk = self.walk
        if index is None:
            index = walk.index_of(place)
        walk.index = index
        self.body.close_covering()
        self.active_source = place.source_id
        self.deck.reveal({place.source_id: place.span})
        view = self.view(place.source_id)
        if focus and self.focused is not view:  # focusing the focused view again would repaint all of it
            self.deck.focus_source(place.source_id)
        if index is None:
            return
        mentions = walk.kind == "mentions"
        name = (self.case.entities[self.selected_entity].name if mentions and self.selected_entity
                else f"“{self.query_text}”")
        self._show_status(walk.where(index, name, more=not mentions and len(walk.places) >= MAX_MATCHES))
        if mentions:
            found = [m for m in self.case.mentions.get(place.source_id, ()) if m.span == place.span]
            if found:
                self.body.entity_panel.show_mention(found[0])

    # -- search ---------------------------------------------------------------

    async def action_search(self) -> None:
        """Open the search box under the sources (made the first time: most readings never search)."""
        self.body.close_covering()
        bar = self._bar
        if bar is None:
            bar = self._bar = SearchBar(self.case, at_once_up_to=SEARCH_AT_ONCE, id="search-bar")
            await self.deck.mount(bar)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#search-bar")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search(event.value, wait=False)
        self._show_search_status()

    def _show_search_status(self) -> None:
        """Say how many matches the search found (or that it is still searching)."""
        bar = self._bar
        self._show_status(bar.describe() if bar is not None else "")

    def _search(self, query: str, *, wait: bool = True) -> None:
        """Search every source for ``query`` (blank: end the search), walk the matches and show them.

        With ``wait`` False (a keystroke), a big case has only the sources on
        screen searched at once (see :class:`SearchBar`); the others' matches
        come with :meth:`on_search_bar_found`.
        """
        bar = self._bar
        if bar is None:
            self.walk.start("matches", [])
            self.deck.show_matches({})
            return
        bar.search(query, wait=wait, on_screen=self.deck.shown_sources())
        self.walk.start("matches", bar.places)
        if bar.searching:
            self.deck.show_matches(bar.at_once)
        else:
            self.deck.show_places(bar.places)

    def on_search_bar_found(self, message: SearchBar.Found) -> None:
        bar = self._bar
        if bar is None or not bar.take(message):
            return
        self.deck.show_places(message.places, keep=bar.at_once)
        if self.walk.kind == "matches":  # else an entity was selected meanwhile: n/N walk its mentions
            self.walk.places = message.places
            self._show_search_status()

    def _finish_search(self) -> None:
        """Search every source now if a worker is still at it: n/N and Enter need every match."""
        bar = self._bar
        if bar is not None and bar.searching and self.walk.kind == "matches":
            bar.finish()
            self.walk.start("matches", bar.places)
            self.deck.show_places(bar.places)

    @on(Input.Submitted, "#search-bar")
    def _search_submitted(self) -> None:
        self._finish_search()
        # Focus the source with the first match before hiding the box: hiding
        # the focused box first would let focus fall back on the first source.
        if self.walk.places:
            self._step(forward=True)
        else:
            self.deck.focus_active()
        if self._bar is not None:
            self._bar.display = False

    def on_search_bar_cancelled(self) -> None:
        bar = self._bar
        if bar is None:
            return
        bar.display = False
        bar.value = ""
        self.deck.focus_active()

    async def action_clear(self) -> None:
        """Clear the search, the selected entity and the marks."""
        panel = self.body.entity_panel
        if self.focused is not None and panel in self.focused.ancestors_with_self and panel.clear_filter():
            return
        views = self.views()
        if not self.query_text and self.selected_entity is None and all(view.mark is None for view in views):
            await self.app.run_action("back_to_cases")  # nothing to clear: Esc leaves the case
            return
        if self._bar is not None:
            self._bar.value = ""
        self._search("")
        self.selected_entity = None
        self.walk.places = []
        self.deck.clear_marks()
        self._show_status()

    # -- events, passages, and the views over the sources ------------------------

    def on_case_status_panel_event_chosen(self, message: CaseStatusPanel.EventChosen) -> None:
        self.show_event(message.event)

    def on_case_status_panel_citations_chosen(self, message: CaseStatusPanel.CitationsChosen) -> None:
        self.reveal(message.citations, message.text)

    def show_event(self, event: Event) -> None:
        """Scroll every source that reports ``event`` to its quote, and mark it."""
        sources = ", ".join(self.case.sources[s].publisher for s in event.source_ids if s in self.case.sources)
        self.reveal(event.citations, f"{event.date.display()}: reported by {sources}")

    def reveal(self, citations: Sequence[Citation], message: str = "") -> None:
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
        self.body.close_covering()
        self.deck.reveal(shown)
        first = next(iter(shown))
        self.active_source = first
        self.deck.focus_source(first)
        if message:
            self._show_status(message)

    def action_open_view(self, name: str, source_id: str | None = None, difference_id: str | None = None) -> None:
        """Open a cross-source view (coverage, differences, voices, timeline) over the sources."""
        # Imported on first use: the views are a fifth of the reader's import time at start-up.
        from reader.ui.screens.views import make_view

        self.app.push_screen(make_view(name, self.case, today=self.today, source_id=source_id,
                                       difference_id=difference_id, person=self.person, narrow=self.narrow_to),
                             self._view_closed)

    def _view_closed(self, result: ViewResult | None) -> None:
        """Do what the closed view asked: mark passages, show an event, or open another view."""
        from reader.ui.screens.views import OpenView, Reveal, ShowEvent
        if isinstance(result, Reveal):
            message = result.message
            marked = len({c.source_id for c in result.citations if c.span is not None})
            if marked > 1 and self.size.width < WIDE_WIDTH:
                # One source shows at a time: say first (before the line is cut) how to see the others.
                message = f"{marked} sources marked, [ / ] to switch · {message}"
            self.reveal(result.citations, message)
        elif isinstance(result, ShowEvent):
            self.show_event(result.event)
        elif isinstance(result, OpenView):
            self.action_open_view(result.name, result.source_id, result.difference_id)

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
        labels = role_labels(self.annotated_case)
        self._show_status(f"Redacted for sharing: {len(labels)} sensitive "
                          f"{'person is' if len(labels) == 1 else 'people are'} shown by role · R shows names"
                          if redacted else "Names shown again")
