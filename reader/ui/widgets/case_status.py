"""The case-status sidebar: where the case stands now, and the events that led there.

The top says the subject's current legal status, since when, and as of
which source; below, the timeline of events with their dates at the
precision the sources give, which sources report each one, and the status
after it. Enter on an event asks the screen to show its quotes.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Case, Event
from reader.model.status import CaseStatus, Step, case_status, timeline
from reader.ui.widgets.entity_panel import plain


def source_numbers(case: Case, source_ids: tuple[str, ...]) -> str:
    """Sources as the numbers the tabs and ``1``-``9`` keys use: ``"1 2"``."""
    order = list(case.sources)
    return " ".join(str(order.index(source_id) + 1) for source_id in source_ids if source_id in order)


class CaseStatusPanel(Vertical):
    """The subject's status and the case timeline."""

    BINDINGS = [
        Binding("r", "edit_event", "Edit", tooltip="Change the highlighted event's date and summary",
                id="edit-event"),
        Binding("delete", "delete_event", "Delete", tooltip="Delete the highlighted event", id="delete-event"),
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

    def __init__(self, case: Case, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case
        self.today = today
        self.steps: list[Step] = timeline(case)
        self.status: CaseStatus = case_status(case, today=today)

    def set_case(self, case: Case) -> None:
        """Show the status and timeline of an edited version of the case."""
        self.case = case
        self.steps = timeline(case)
        self.status = case_status(case, today=self.today)
        self.query_one("#status-now", Static).update(self._status_text())
        timeline_list = self.query_one("#timeline", OptionList)
        highlighted = timeline_list.highlighted
        timeline_list.set_options(self._options())
        if highlighted is not None and self.steps:
            timeline_list.highlighted = min(highlighted, len(self.steps) - 1)
        timeline_list.border_title = f"Timeline ({len(self.steps)} events)"

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

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="status-now-scroll", can_focus=False):
            yield Static(self._status_text(), id="status-now", markup=False)
        yield OptionList(*self._options(), id="timeline", markup=False, compact=True)

    def on_mount(self) -> None:
        self.border_title = "Case status"
        self.query_one("#timeline", OptionList).border_title = f"Timeline ({len(self.steps)} events)"

    def _status_text(self) -> Content:
        status = self.status
        if status.status is None or status.state is None:
            return Content.styled("No event in the case records a legal status yet.", "italic")
        lines = [Content.styled(status.state.replace("-", " ").upper(), "bold")]
        if status.summary:
            lines.append(plain(status.summary))
        if status.since is not None:
            lines.append(Content.assemble(("Since ", "dim"), plain(status.since.display())))
        if status.source_ids:
            says = ", ".join(self.case.sources[s].publisher for s in status.source_ids if s in self.case.sources)
            lines.append(Content.assemble(("Says ", "dim"), plain(says),
                                          (" (one source)" if status.single_source else "", "italic")))
        newest = status.newest_source
        if newest is not None:
            age = f" · {status.age_phrase} ago" if status.age_days else ""
            lines.append(Content.assemble(("As of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}"),
                                          (age, "dim")))
        if status.may_have_changed:
            lines.append(Content.styled("It may have changed since.", "italic"))
        for fact in status.computed:
            overdue = fact.over_by(status.reference_date)
            lines.append(Content.assemble(("Computed: ", "bold"), plain(f"{fact.label}: {fact.value}"),
                                          (" (already past)" if overdue else "", "italic")))
        return Content("\n").join(lines)

    def _options(self) -> list[Option]:
        options = []
        for index, step in enumerate(self.steps):
            head = Content.assemble((step.date.display(), "bold"),
                                    ("  sources " + source_numbers(self.case, step.source_ids), "dim"))
            if step.single_source:
                head = Content.assemble(head, (" (one source)", "dim italic"))
            lines = [head, plain(step.event.summary)]
            if step.sets_status and step.status is not None:
                lines.append(Content.styled("→ " + step.status.state.replace("-", " "), "italic"))
            options.append(Option(Content("\n").join(lines), id=str(index)))
        return options

    @on(OptionList.OptionSelected, "#timeline")
    def _event_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.EventChosen(self.steps[int(event.option.id)].event))
