"""The case-status sidebar: where each person of the case stands now, and the events that led there.

The top has a glance for each person the case follows (see
:mod:`reader.ui.widgets.person_status`): where their proceedings stand and
the main measure in force, since when, on whose word and how old it is, a
warning right under that when a measure's computed end has passed with no
source saying what happened; then each person's details: who says so, each
measure in force. Below, the timeline of events with
their dates at the precision the sources give (each source's date, when
they dispute it), which sources report each one, and what it does to whom.
Enter on an event asks the screen to show its quotes.

Every fact here can show where it comes from: each block takes the focus,
and Enter (or a click) asks the screen to mark the passages behind it; ``d``
on it, to list the recorded differences about it. A
computed fact is labelled as computed and shows its calculation, so it is
never taken for what a source states.

Narrowed to one person (:meth:`CaseStatusPanel.narrow`), the sidebar shows
their block alone and the events that are theirs or the whole case's.

The timeline of a big case has thousands of events: the status and the
timeline are worked out, and their widgets filled, the first time the
sidebar opens (:meth:`CaseStatusPanel.opened`), not while the case opens
with the sidebar closed.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Case, Citation, Event
from reader.model.across import told_by
from reader.model.proceedings import publishers
from reader.model.status import CaseStatus, Step, case_status, timeline
from reader.ui.inert import plain
from reader.ui.people import effect_lines, keeps_event, narrowed_to, who
from reader.ui.themes import SINGLE_SOURCE_STYLE
from reader.ui.widgets.person_status import Provenance, detail_blocks, freshness_text, glance_blocks, when
from reader.ui.widgets.quick_list import QuickOptionList
from reader.ui.widgets.time_axis import short_date


def source_numbers(case: Case, source_ids: tuple[str, ...], numbers: dict[str, int] | None = None) -> str:
    """Sources as the numbers the tabs and ``1``-``9`` keys use, in order: ``"1 2"``.

    ``numbers`` maps each source id to its number, when the caller has it
    already (thousands of events numbered at once).
    """
    if numbers is None:
        numbers = {source_id: number for number, source_id in enumerate(case.sources, start=1)}
    return " ".join(str(number) for number in sorted(numbers[source_id] for source_id in source_ids
                                                     if source_id in numbers))


def disputed_dates(case: Case, event: Event) -> str:
    """Each date the sources give a disputed event, with who gives it: "7 Nov 2018 (RFE/RL) · 22 May 2019 (HRW)"."""
    return " · ".join(f"{short_date(claim.date, words=True)} ({publishers(case, claim.source_ids)})"
                      for claim in event.dates)


class CaseStatusPanel(Vertical):
    """Each person's status and the case timeline."""

    BINDINGS = [
        Binding("r", "edit_event", "Edit", show=False, tooltip="Change the highlighted event's date and summary",
                id="edit-event"),
        Binding("delete", "delete_event", "Delete", show=False, tooltip="Delete the highlighted event",
                id="delete-event"),
    ]

    class EventChosen(Message):
        """The reader asked to see where the sources report an event."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class EventEditRequested(EventChosen):
        """The reader asked to edit an event."""

    class EventDeleteRequested(EventChosen):
        """The reader asked to delete an event."""

    class CitationsChosen(Message):
        """The reader asked to see the passages behind a status or a measure."""

        def __init__(self, citations: tuple[Citation, ...], text: str) -> None:
            super().__init__()
            self.citations = citations
            self.text = text

    class DifferencesChosen(Message):
        """The reader asked for the recorded differences about a status or a measure."""

        def __init__(self, difference_ids: tuple[str, ...], about: str) -> None:
            super().__init__()
            self.difference_ids = difference_ids
            self.about = about

    def __init__(self, case: Case, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case
        self.today = today
        #: The person the sidebar is narrowed to (None: everyone).
        self.person: str | None = None
        self._steps: list[Step] | None = None
        self._status: CaseStatus | None = None
        #: Whether the status blocks and the timeline are made (the first time the sidebar opens).
        self._filled = False

    @property
    def steps(self) -> list[Step]:
        """The case's events in order (worked out when first needed)."""
        if self._steps is None:
            self._steps = timeline(self.case)
        return self._steps

    @property
    def shown_steps(self) -> list[Step]:
        """The events the timeline lists: every one, or when narrowed, the person's and the whole case's."""
        return [step for step in self.steps if keeps_event(step.event, self.person)]

    @property
    def status(self) -> CaseStatus:
        """Where each person stands now (worked out when first needed)."""
        if self._status is None:
            self._status = case_status(self.case, today=self.today)
        return self._status

    def opened(self) -> None:
        """The sidebar is about to show: make its status blocks and timeline the first time.

        Until then it holds no widgets at all, so a closed sidebar costs the
        first frame nothing (each widget is styled on mount, a few of them a
        millisecond each).
        """
        if self._filled:
            return
        self._filled = True
        timeline_list = QuickOptionList(id="timeline", markup=False, compact=True)
        self.mount_all([VerticalScroll(*self._status_widgets(), id="status-now-scroll", can_focus=False),
                        timeline_list])
        self._fill_timeline(keep=False)

    def set_case(self, case: Case) -> None:
        """Show the status and timeline of an edited version of the case."""
        self.case = case
        self._steps = self._status = None
        self.person = narrowed_to(case, self.person)
        self._show_titles()
        if not self._filled:
            return  # made from the edited case when the sidebar first opens
        self.call_later(self._rebuild_status)
        self._fill_timeline(keep=True)

    def narrow(self, person_id: str | None) -> None:
        """Show one person's status and events (None: everyone's)."""
        person_id = narrowed_to(self.case, person_id)
        if person_id == self.person:
            return
        self.person = person_id
        self._show_titles()
        if self._filled:
            self.call_later(self._rebuild_status)
            self._fill_timeline(keep=True)

    def _fill_timeline(self, *, keep: bool) -> None:
        """List the shown events; with ``keep``, the cursor stays on the event it was on (or the nearest)."""
        timeline_list = self.query_one("#timeline", OptionList)
        option = timeline_list.highlighted_option if keep else None
        was_on = int(option.id) if option is not None and option.id is not None else 0
        shown = self.shown_steps
        timeline_list.set_options(self._options(shown))
        if shown:
            timeline_list.highlighted = next((row for row, step in enumerate(shown) if step.index >= was_on),
                                             len(shown) - 1)
        self._show_titles()

    def _show_titles(self) -> None:
        narrowed = f" · {who(self.case, self.person)}" if self.person is not None else ""
        self.border_title = f"Case status{narrowed}"
        if self._filled:
            shown, every = len(self.shown_steps), len(self.steps)
            count = f"{shown} of {every} events" if shown != every else f"{every} events"
            self.query_one("#timeline", OptionList).border_title = f"Timeline ({count})"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Edit and Delete act on the timeline's highlighted event: offered only there.
        if action in ("edit_event", "delete_event"):
            return self._filled and self.query_one("#timeline").has_focus
        return True

    def _highlighted_event(self) -> Event | None:
        option = self.query_one("#timeline", OptionList).highlighted_option
        return self.steps[int(option.id)].event if option is not None and option.id is not None else None

    def action_edit_event(self) -> None:
        """Ask to edit the highlighted event."""
        event = self._highlighted_event()
        if event is not None:
            self.post_message(self.EventEditRequested(event))

    def action_delete_event(self) -> None:
        """Ask to delete the highlighted event."""
        event = self._highlighted_event()
        if event is not None:
            self.post_message(self.EventDeleteRequested(event))

    async def _rebuild_status(self) -> None:
        # The old blocks must be gone before new ones with the same ids arrive.
        status_scroll = self.query_one("#status-now-scroll")
        await status_scroll.remove_children()
        await status_scroll.mount_all(self._status_widgets())

    def _status_widgets(self) -> list[Widget]:
        """Each shown person's blocks (see :mod:`reader.ui.widgets.person_status`), then the case's freshness."""
        status = self.status
        shown = [(index, person) for index, person in enumerate(status.people)
                 if self.person is None or person.person_id == self.person]
        # Every person's glance first, so the top of the sidebar answers for all of them; then the details.
        widgets: list[Widget] = []
        for index, person in shown:
            widgets.extend(glance_blocks(self.case, status, person, index))
        for index, person in shown:
            widgets.extend(detail_blocks(self.case, status, person, index, named=len(shown) > 1))
        if not status.people:
            widgets.append(Static(Content.styled("The case names no person it follows.", "italic"),
                                  classes="status-head"))
        widgets.append(Static(freshness_text(self.case, status), id="status-fresh", markup=False))
        return widgets

    def on_mount(self) -> None:
        self._show_titles()
        # The timeline's own keys: the footer has no room for them at 80 columns.
        self.border_subtitle = "Enter quotes · r edit · del"

    def _options(self, steps: list[Step]) -> list[Option]:
        options = []
        numbers = {source_id: number for number, source_id in enumerate(self.case.sources, start=1)}
        for step in steps:
            event = step.event
            date = Content.styled("dates disputed", "bold italic") if event.disputed \
                else Content.styled(step.date.display(), "bold")
            told = told_by(source_numbers(self.case, step.source_ids, numbers).split())
            if not step.single_source:
                told = f"sources {told}"
            head = Content.assemble(date, "  ", (told, SINGLE_SOURCE_STYLE if step.single_source else "dim"))
            lines = [head]
            if event.disputed:
                lines.append(Content.assemble(plain(disputed_dates(self.case, event)), (" (d)", "dim")))
            lines.append(plain(event.summary))
            effects = effect_lines(self.case, event, person_id=self.person)
            lines.extend(plain(text).stylize("italic") for text in effects)
            options.append(Option(Content("\n").join(lines), id=str(step.index)))
        return options

    @on(OptionList.OptionSelected, "#timeline")
    def _event_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.EventChosen(self.steps[int(event.option.id)].event))

    def on_provenance_chosen(self, message: Provenance.Chosen) -> None:
        message.stop()
        self.post_message(self.CitationsChosen(message.citations, message.text))

    def on_provenance_differences_chosen(self, message: Provenance.DifferencesChosen) -> None:
        message.stop()
        self.post_message(self.DifferencesChosen(message.difference_ids, message.about))


__all__ = ["CaseStatusPanel", "Provenance", "disputed_dates", "source_numbers", "when"]
