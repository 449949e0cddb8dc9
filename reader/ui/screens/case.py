"""The case screen: it coordinates the parts that show a case, and owns the reading state they share.

Each part owns its state (see its module):

- :class:`~reader.ui.widgets.source_deck.SourceDeck`: the sources' panes and
  tabs, which source is active, paging, synced scrolling, the marks;
- :class:`~reader.ui.widgets.case_body.CaseBody`: the deck between the entity
  panel and the case-status sidebar, and which of those is open;
- :class:`~reader.ui.screens.guide.Guide`: where the reader is taken (``n``
  and ``N``, a mention, a match, a cited passage) and what is marked there;
  the search as the reading sees it (its bar, made at the first ``/``);
- :class:`~reader.ui.widgets.status_line.StatusLine`: what just happened;
- :class:`~reader.ui.screens.editing.Annotator`: annotating, editing, saving;
- :class:`~reader.ui.screens.suggesting.Suggester`: the suggestions (``u``).

The screen keeps what ties them together: the selected entity, the
highlight switches, redaction, the layout, the views opened over the
sources, and its keys (:data:`reader.ui.case_keys.CASE_KEYS`). It hands
state down and hears the parts' messages; the parts never reach across to
each other. Whoever needs a part (the app, the tests) reaches it by its
attribute: ``screen.deck``, ``screen.guide``, ``screen.annotator``...

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
from collections.abc import Sequence
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
from textual.widgets import Footer, Input, Static

from reader.model import Case, Citation, Event
from reader.model.redact import redact, role_labels
from reader.model.vocabulary import ENTITY_TYPES
from reader.settings import Settings
from reader.ui.case_keys import CASE_KEYS, FOOTER_DROPS_FIRST
from reader.ui.commands import CASE_COMMANDS
from reader.ui.inert import CleanTitles
from reader.ui.people import can_narrow, narrowed_to, next_person, who
from reader.ui.screens.editing import Annotator
from reader.ui.screens.guide import Guide
from reader.ui.screens.suggesting import Suggester
from reader.ui.widgets.case_body import MEDIUM_WIDTH, CaseBody
from reader.ui.widgets.case_status import CaseStatusPanel
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.source_deck import SIDE_BY_SIDE, WIDE_WIDTH, SourceDeck
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.status_line import StatusLine
from reader.ui.widgets.wrap import clean

if TYPE_CHECKING:
    from reader.ui.screens.views import ViewResult

#: Below this size the reader does not try to lay itself out.
MIN_WIDTH, MIN_HEIGHT = 40, 10
#: Below this height the screen is short: the rows around the text that say again what is said
#: elsewhere give way to it (the header, the tabs' underline, the pane's lower border).
TALL_HEIGHT = 30

HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (MEDIUM_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (TALL_HEIGHT, "-tall")]


def breakpoint_classes(width: int, height: int) -> list[str]:
    """The layout classes Textual's screen breakpoints give a terminal of ``width`` × ``height``."""
    return [max((limit, name) for limit, name in breakpoints if size >= limit)[1]
            for breakpoints, size in ((HORIZONTAL_BREAKPOINTS, width), (VERTICAL_BREAKPOINTS, height))]


class CaseScreen(CleanTitles, Screen[None]):
    """Every source of the case in a pane; one of them is the active source."""

    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    COMMANDS = CASE_COMMANDS
    BINDINGS = CASE_KEYS
    # The first source view (the active source's) takes the keyboard when the
    # screen opens; focusing it later would restyle the screen a second time.
    AUTO_FOCUS = "SourceView"

    class SettingsChanged(Message):
        """The reader changed a choice worth remembering between runs."""

        def __init__(self, settings: Settings) -> None:
            super().__init__()
            self.settings = settings

    # The screen's state is handed down to the parts by watchers, and each part
    # repaints what changes: repaint=False spares a repaint of the whole screen.
    show_highlights: reactive[bool] = reactive(True, init=False, repaint=False)
    """Whether every source view highlights its mentions (h): for as long as the case is open, never saved."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Entity types whose highlights are off on their own."""

    selected_entity: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The entity whose mentions stand out in every source."""

    redacted: reactive[bool] = reactive(False, init=False)
    """Whether sensitive people's names are hidden behind their roles (for sharing the screen)."""

    person: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The person of the case the panels, the views and the palette are narrowed to (None: everyone)."""

    def __init__(self, case: Case, *, warnings: int = 0, settings: Settings | None = None,
                 today: dt.date | None = None, previewing: bool = False, person: str | None = None) -> None:
        """Show ``case``; with ``previewing``, it is a big case's preview until :meth:`case_loaded` brings the whole.

        With ``person`` (one of the case's people, chosen on the watchlist), the
        case opens narrowed to them, as ``p`` narrows it.
        """
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
        #: The person to narrow to once the screen is mounted (narrowing reaches into its panels).
        self._open_at = person
        self._was_wide = width >= WIDE_WIDTH
        if settings is not None:  # the types turned off are remembered; all highlights off (h) is not
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
        #: Where the reader is taken (n/N, a mention, a passage), what is marked, the search.
        self.guide = Guide(self)
        #: Annotating, editing and saving the case.
        self.annotator = Annotator(self)
        #: What the sources name that no entity covers, shown on ``u``; ``a`` takes one in.
        self.suggester = Suggester(self)

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        yield self.body
        with Horizontal(id="bottom-bar"):
            yield Legend(id="legend")
            yield self.status_line
            if self.warnings:
                yield self._warnings_badge()
        yield Static(id="too-small")
        yield KeysFooter(compact=True, drop_first=FOOTER_DROPS_FIRST)

    def _warnings_badge(self) -> Static:
        return Static(Content(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}: reader check"),
                      id="warnings")

    def on_mount(self) -> None:
        if not self.previewing:
            self.annotator.open_session()
        if self._open_at is not None:
            self.narrow_to(self._open_at)

    def case_loaded(self, case: Case, *, warnings: int = 0) -> None:
        """Take in the whole case in place of the preview: highlights, entities, status; the place read is kept."""
        self.previewing = False
        self.warnings = warnings
        self.replace_case(case)
        if warnings:
            self.query_one("#bottom-bar").mount(self._warnings_badge(), after="#status-line")
        self.status_line.show()  # what was said about the preview no longer holds
        self.annotator.open_session()
        # The whole case (frozen by the loader) and the widgets now showing it live as long
        # as this screen: keep them out of the collector's full passes too (see ReaderApp).
        self.call_after_refresh(gc.freeze)

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
        self.person = narrowed_to(case, self.person)
        if self.selected_entity is not None and self.selected_entity not in case.entities:
            self.selected_entity = None
        self.guide.case_changed()
        self.suggester.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "annotate":
            return any(view.selection is not None for view in self.deck.views())
        if action == "save":
            return bool(self.annotator.unsaved_files)
        if action == "next_person":
            return can_narrow(self.case)
        if action == "goto_source":  # 1-9 for the sources there are (the help lists only those)
            number = parameters[0]
            return isinstance(number, int) and number <= len(self.deck.source_ids)
        return True

    def describe_key(self, binding: Binding) -> str | None:
        """What a key does in this case, in the help's words (``1``: the first source's publisher), or None."""
        name, _, number = binding.action.partition("(")
        if name == "goto_source" and number.rstrip(")").isdigit():
            index = int(number.rstrip(")")) - 1
            source_ids = self.deck.source_ids
            if index < len(source_ids):
                source = self.case.sources[source_ids[index]]
                return clean(f"Source {index + 1}: {source.publisher}")
        return None

    # -- annotating, editing and saving: the annotator's ----------------------------

    def action_annotate(self) -> None:
        """Turn the selected text into an annotation; on a suggestion, take it in."""
        suggested = self.suggester.at_selection()
        if suggested is not None:
            self.suggester.accept(*suggested)
        else:
            self.annotator.annotate()

    def action_toggle_suggestions(self) -> None:
        """Show (or hide) what the sources name that no entity covers."""
        self.suggester.toggle()

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

    def show_unsaved(self, unsaved: Sequence[Path]) -> None:
        """Name the person narrowed to and the files with unsaved edits under the title (ctrl+s shows then)."""
        narrowed = f" · {who(self.case, self.person)}" if self.person is not None else ""
        self.sub_title = (f"{self.case.id}{narrowed} · unsaved: {', '.join(path.name for path in unsaved)}"
                          if unsaved else f"{self.case.id}{narrowed}")
        self.set_class(bool(unsaved), "-unsaved")
        self.refresh_bindings()

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
        self.show_unsaved(self.annotator.unsaved_files)
        self.status_line.show(f"Narrowed to {who(self.case, person_id)}: their events and entities · p: next person"
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
        self.deck.active_source = source_id
        self.deck.focus_source(source_id)

    def action_toggle_sync(self) -> None:
        """Scroll the sources together (or each on its own again)."""
        self.deck.synced = not self.deck.synced
        self.status_line.show("Synced scrolling on: the sources scroll together" if self.deck.synced
                              else "Synced scrolling off: each source scrolls on its own")

    # -- highlights -----------------------------------------------------------

    def present_types(self) -> tuple[str, ...]:
        """The entity types the case has, in legend order."""
        types = {entity.type for entity in self.case.entities.values()}
        return tuple(entity_type for entity_type in ENTITY_TYPES if entity_type in types)

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

    def watch_hidden_types(self, hidden: frozenset[str]) -> None:
        self.deck.hidden_types = hidden
        self.query_one(Legend).hidden_types = hidden
        self._remember_hidden_types()

    def _remember_hidden_types(self) -> None:
        settings = self.settings
        if settings is None or not self.is_mounted:
            return
        hidden = sorted(self.hidden_types)
        if settings.hidden_types != hidden:
            settings.hidden_types = hidden
            self.post_message(self.SettingsChanged(settings))

    def on_legend_toggled(self, message: Legend.Toggled) -> None:
        if message.entity_type is None:
            self.action_toggle_highlights()
        else:
            self.action_toggle_type(message.entity_type)

    # -- the selected entity, and where the guide takes the reader ---------------------

    def watch_selected_entity(self, entity_id: str | None) -> None:
        self.deck.selected_entity = entity_id
        self.body.entity_panel.select(entity_id)
        if entity_id is not None:
            self.guide.walk_mentions(entity_id)

    def select_entity(self, entity_id: str) -> None:
        """Select an entity and take the reader to its first mention (the palette's entity command)."""
        self.selected_entity = entity_id
        self.guide.go_to_first()

    def on_entity_panel_selected(self, message: EntityPanel.Selected) -> None:
        self.selected_entity = message.entity_id

    def on_entity_panel_mention_chosen(self, message: EntityPanel.MentionChosen) -> None:
        self.selected_entity = message.mention.entity_id
        self.guide.go_to_mention(message.mention)

    def on_source_view_mention_clicked(self, message: SourceView.MentionClicked) -> None:
        self.selected_entity = message.entity_id
        self.guide.mention_clicked(message.view.source.id, message.span)

    def action_next_place(self) -> None:
        """Go to the next mention of the selected entity (or the next search match)."""
        self.guide.step(forward=True)

    def action_previous_place(self) -> None:
        """Go to the previous mention of the selected entity (or the previous search match)."""
        self.guide.step(forward=False)

    async def action_search(self) -> None:
        """Open the search box under the sources."""
        await self.guide.open_search()

    @on(Input.Changed, "#search-bar")
    def _search_changed(self, event: Input.Changed) -> None:
        self.guide.typed(event.value)

    @on(Input.Submitted, "#search-bar")
    def _search_submitted(self) -> None:
        self.guide.submitted()

    def on_search_bar_found(self, message: SearchBar.Found) -> None:
        self.guide.found(message)

    def on_search_bar_cancelled(self) -> None:
        self.guide.cancelled()

    async def action_clear(self) -> None:
        """Clear the search, the selected entity and the marks; with none of them, go back to the watchlist."""
        panel = self.body.entity_panel
        if self.focused is not None and panel in self.focused.ancestors_with_self and panel.clear_filter():
            return
        if self.selected_entity is None and not self.guide.marks_anything():
            await self.app.run_action("back_to_cases")  # nothing to clear: Esc leaves the case
            return
        self.selected_entity = None
        self.guide.clear()

    # -- events, passages, and the views over the sources ------------------------

    def on_case_status_panel_event_chosen(self, message: CaseStatusPanel.EventChosen) -> None:
        self.guide.show_event(message.event)

    def on_case_status_panel_citations_chosen(self, message: CaseStatusPanel.CitationsChosen) -> None:
        self.guide.reveal(message.citations, message.text)

    def on_case_status_panel_differences_chosen(self, message: CaseStatusPanel.DifferencesChosen) -> None:
        self.action_open_view("differences", about=message.difference_ids, what=message.about)

    def show_event(self, event: Event) -> None:
        """Scroll every source that reports ``event`` to its quote, and mark it (the palette's event command)."""
        self.guide.show_event(event)

    def reveal(self, citations: Sequence[Citation], message: str = "") -> None:
        """Show ``citations`` marked in their sources, saying ``message`` (the palette's differences, status)."""
        self.guide.reveal(citations, message)

    def action_open_view(self, name: str, source_id: str | None = None, difference_id: str | None = None,
                         about: tuple[str, ...] = (), what: str = "") -> None:
        """Open a cross-source view (coverage, differences, voices, timeline) over the sources.

        ``about``: the differences view lists only these differences (those about ``what``), until ``a``.
        """
        # Imported on first use: the views are a fifth of the reader's import time at start-up.
        from reader.ui.screens.views import make_view

        self.app.push_screen(make_view(name, self.case, today=self.today, source_id=source_id,
                                       difference_id=difference_id, person=self.person, narrow=self.narrow_to,
                                       about=about, what=what),
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
            elif marked > SIDE_BY_SIDE:
                # More sides than panes: [ / ] step through the marked sources only, so the third is one key away.
                message = f"{marked} sources marked, {SIDE_BY_SIDE} side by side, [ / ] to the others · {message}"
            self.guide.reveal(result.citations, message)
        elif isinstance(result, ShowEvent):
            self.guide.show_event(result.event)
        elif isinstance(result, OpenView):
            self.action_open_view(result.name, result.source_id, result.difference_id)

    # -- redaction for screen sharing -----------------------------------------

    def action_toggle_redaction(self) -> None:
        """Hide (or show again) the names of the people marked sensitive."""
        if not any(entity.sensitive for entity in self.annotated_case.entities.values()):
            self.status_line.show("No one in this case is marked sensitive: there is nothing to hide")
            return
        self.redacted = not self.redacted

    def watch_redacted(self, redacted: bool) -> None:
        self._show_case(redact(self.annotated_case) if redacted else self.annotated_case)
        self.set_class(redacted, "-redacted")
        self.title = clean(self.case.title)
        labels = role_labels(self.annotated_case)
        self.status_line.show(f"Redacted for sharing: {len(labels)} sensitive "
                              f"{'person is' if len(labels) == 1 else 'people are'} shown by role · R shows names"
                              if redacted else "Names shown again")
