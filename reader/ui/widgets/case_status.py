"""The case-status sidebar: where the case stands now, and the events that led there.

The top says the subject's current legal status, since when, and as of
which source; below, the timeline of events with their dates at the
precision the sources give, which sources report each one, and the status
after it. Enter on an event asks the screen to show its quotes.

Every fact here can show where it comes from: the status block and each
computed fact take the focus, and Enter (or a click) asks the screen to
mark the passages behind them. A computed fact is labelled as computed and
shows its calculation, so it is never taken for what a source states.

The timeline of a big case has thousands of events: the status and the
timeline are worked out, and their widgets filled, the first time the
sidebar opens (:meth:`CaseStatusPanel.opened`), not while the case opens
with the sidebar closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Case, Citation, Event
from reader.model.status import CaseStatus, Derived, Step, case_status, timeline
from reader.ui.inert import plain
from reader.ui.widgets.quick_list import QuickOptionList
from reader.ui.widgets.wrap import clean


def source_numbers(case: Case, source_ids: tuple[str, ...], numbers: dict[str, int] | None = None) -> str:
    """Sources as the numbers the tabs and ``1``-``9`` keys use: ``"1 2"``.

    ``numbers`` maps each source id to its number, when the caller has it
    already (thousands of events numbered at once).
    """
    if numbers is None:
        numbers = {source_id: number for number, source_id in enumerate(case.sources, start=1)}
    return " ".join(str(numbers[source_id]) for source_id in source_ids if source_id in numbers)


class Provenance(Static, can_focus=True):
    """A fact of the sidebar that can show where it comes from: Enter or a click marks its passages."""

    BINDINGS = [Binding("enter", "reveal", "Sources", show=False, tooltip="Mark the passages this rests on",
                        id="provenance")]

    class Chosen(Message):
        """The reader asked to see the passages behind a fact."""

        def __init__(self, citations: tuple[Citation, ...], text: str) -> None:
            super().__init__()
            self.citations = citations
            self.text = text

    def __init__(self, content: Content, citations: Sequence[Citation], text: str, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)
        self.citations = tuple(citations)
        self.text = text

    def action_reveal(self) -> None:
        """Ask the screen to mark the passages behind this fact."""
        if self.citations:
            self.post_message(self.Chosen(self.citations, self.text))

    def on_click(self) -> None:
        self.action_reveal()


class CaseStatusPanel(Vertical):
    """The subject's status and the case timeline."""

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
        """The reader asked to see the passages behind the status or a computed fact."""

        def __init__(self, citations: tuple[Citation, ...], text: str) -> None:
            super().__init__()
            self.citations = citations
            self.text = text

    def __init__(self, case: Case, *, today: dt.date | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case
        self.today = today
        self._steps: list[Step] | None = None
        self._status: CaseStatus | None = None
        #: Whether the status blocks and the timeline are made (the first time the sidebar opens).
        self._filled = False

    @property
    def steps(self) -> list[Step]:
        """The case's events in order, each with the status after it (worked out when first needed)."""
        if self._steps is None:
            self._steps = timeline(self.case)
        return self._steps

    @property
    def status(self) -> CaseStatus:
        """Where the case stands now (worked out when first needed)."""
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
        timeline_list.set_options(self._options())
        if self.steps:
            timeline_list.highlighted = 0
        timeline_list.border_title = f"Timeline ({len(self.steps)} events)"

    def set_case(self, case: Case) -> None:
        """Show the status and timeline of an edited version of the case."""
        self.case = case
        self._steps = self._status = None
        if not self._filled:
            return  # made from the edited case when the sidebar first opens
        self.call_later(self._rebuild_status)
        timeline_list = self.query_one("#timeline", OptionList)
        highlighted = timeline_list.highlighted
        timeline_list.set_options(self._options())
        if highlighted is not None and self.steps:
            timeline_list.highlighted = min(highlighted, len(self.steps) - 1)
        timeline_list.border_title = f"Timeline ({len(self.steps)} events)"

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

    def _status_widgets(self) -> list[Provenance]:
        """The status block, then one block per computed fact, each able to show its passages."""
        widgets = [Provenance(self._status_text(), self.status.citations, self._says_text(), id="status-now")]
        for index, fact in enumerate(self.status.computed):
            widgets.append(Provenance(self._fact_text(fact), fact.citations,
                                      f"Computed from: {'; '.join(f'{i.label} {i.value}' for i in fact.inputs)}",
                                      id=f"computed-{index}", classes="computed-fact"))
        return widgets

    def on_mount(self) -> None:
        self.border_title = "Case status"
        # The timeline's own keys: the footer has no room for them at 80 columns.
        self.border_subtitle = "Enter quotes · r edit · del"

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
        differences = status.setting.step.difference_ids if status.setting else ()
        if differences:
            plural = "s" if len(differences) != 1 else ""
            lines.append(Content.assemble(("Differ: ", "dim"),
                                          f"{len(differences)} recorded difference{plural} about it", (" (d)", "dim")))
        newest = status.newest_source
        if newest is not None:
            age = f" · {status.age_ago}" if status.age_days else ""
            lines.append(Content.assemble(("As of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}"),
                                          (age, "dim")))
        if status.may_have_changed:
            lines.append(Content.styled("It may have changed since.", "italic"))
        for source in status.undated_sources:
            bound = source.label.removeprefix("undated").removeprefix("; ")
            lines.append(Content.assemble(("Undated: ", "dim"), plain(source.source.publisher),
                                          (f", {bound}" if bound else "", "italic")))
        if status.citations:
            lines.append(Content.styled("Enter: where it says so", "dim"))
        return Content("\n").join(lines)

    def _says_text(self) -> str:
        """The status line's message when the status's passages are shown."""
        status = self.status
        if status.state is None:
            return ""
        says = ", ".join(self.case.sources[s].publisher for s in status.source_ids if s in self.case.sources)
        since = f" since {status.since.display()}" if status.since is not None else ""
        return f"Status {status.state.replace('-', ' ')}{since}: says {says}"

    def _fact_text(self, fact: Derived) -> Content:
        overdue = fact.over_by(self.status.reference_date)
        lines = [
            Content.assemble(("Computed", "bold"), (" (not stated by any source)", "italic")),
            Content.assemble(plain(f"{fact.label}: "), (clean(fact.value), "bold"),
                             (" (already past)" if overdue else "", "italic")),
            Content.assemble(("How: ", "dim"), plain(fact.calculation)),
            Content.styled("Enter: the passages it rests on", "dim"),
        ]
        return Content("\n").join(lines)

    def _options(self) -> list[Option]:
        options = []
        numbers = {source_id: number for number, source_id in enumerate(self.case.sources, start=1)}
        for index, step in enumerate(self.steps):
            head = Content.assemble((step.date.display(), "bold"),
                                    ("  sources " + source_numbers(self.case, step.source_ids, numbers), "dim"))
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

    def on_provenance_chosen(self, message: Provenance.Chosen) -> None:
        message.stop()
        self.post_message(self.CitationsChosen(message.citations, message.text))
