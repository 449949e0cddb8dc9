"""The timeline table: every event on a time axis that keeps its date's precision, with the status after it.

A :class:`~textual.widgets.DataTable` with a row cursor and a two-row
header whose axis column holds the years and months (see
:mod:`reader.ui.widgets.time_axis` for how dates are drawn). The axis is as
wide as the room left by the other columns, so the table is rebuilt when
its width changes; the bars' looks are component classes in
styles/reader.tcss, so it is rebuilt when the theme changes too. Text from
the case goes in as :class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

from rich.text import Text

from reader.model import Case
from reader.model.status import Step, timeline
from reader.ui.widgets.fitted_table import FittedTable
from reader.ui.widgets.time_axis import Kind, TimeAxis, short_date
from reader.ui.widgets.wrap import clean

BAR_CLASSES = {kind: f"timeline-table--{kind}" for kind in Kind}
SETS_CLASS = "timeline-table--sets"
SINGLE_CLASS = "timeline-table--single"

WHEN_WIDTH, STATUS_WIDTH, SOURCES_WIDTH = 17, 13, 6
#: Below this much room for the axis, the table drops the sources' column.
MIN_AXIS_WIDTH = 24
#: From this much room on, the table has a column for the event's summary.
SUMMARY_FROM = 100
#: The axis's share of the room when the summary has a column too.
AXIS_SHARE = 0.55


def state_words(state: str) -> str:
    """A status's state as words: ``on-trial`` → ``on trial``."""
    return clean(state.replace("-", " "))


class TimelineTable(FittedTable):
    """One row per event, in the order they happened; the cursor is on one event."""

    COMPONENT_CLASSES = {SETS_CLASS, SINGLE_CLASS, *BAR_CLASSES.values()}

    def __init__(self, case: Case, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", header_height=2, cursor_foreground_priority="renderable")
        self.case = case
        self.steps: list[Step] = timeline(case)
        self.axis = TimeAxis([], 1)

    @property
    def current(self) -> Step | None:
        """The event the cursor is on."""
        row = self.cursor_coordinate.row
        return self.steps[row] if 0 <= row < len(self.steps) else None

    def fill(self) -> None:
        """(Re)build the table for the current width, keeping the cursor on the same event."""
        row = self.cursor_coordinate.row
        self._width = self.size.width
        self.clear(columns=True)
        padding = 2 * self.cell_padding
        fixed = WHEN_WIDTH + STATUS_WIDTH + SOURCES_WIDTH + 4 * padding
        room = max(8, self._width - 2 - fixed)
        # Short of room, the sources column goes first (the coverage view has them): the axis matters more.
        with_sources = room >= MIN_AXIS_WIDTH
        if not with_sources:
            room += SOURCES_WIDTH + padding
        with_summary = room >= SUMMARY_FROM
        axis_width = round(room * AXIS_SHARE) if with_summary else room
        self.axis = TimeAxis([step.date for step in self.steps], axis_width)
        years, months = self.axis.ticks()
        self.add_column(Text("When\n"), width=WHEN_WIDTH, key="when")
        self.add_column(Text(f"{years}\n{months}", no_wrap=True), width=axis_width, key="axis")
        self.add_column(Text("Status\nafter"), width=STATUS_WIDTH, key="status")
        if with_sources:
            self.add_column(Text("Told\nby"), width=SOURCES_WIDTH, key="sources")
        if with_summary:
            self.add_column(Text("Event\n"), width=max(8, room - axis_width - padding), key="event")
        for step in self.steps:
            self.add_row(*self._cells(step, with_sources, with_summary), key=str(step.index))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def _cells(self, step: Step, with_sources: bool, with_summary: bool) -> list[Text]:
        date = step.date
        when = Text(short_date(date), no_wrap=True, overflow="ellipsis", style="italic" if date.inferred else "")
        bar = self.axis.bar(date)
        if bar is None:
            axis = Text("date unknown", style="dim italic", no_wrap=True, overflow="ellipsis")
        else:
            axis = Text(" " * bar.start, no_wrap=True, overflow="crop")
            axis.append(bar.text(), self._style(BAR_CLASSES[bar.kind]))
        if step.status is None:
            status = Text("—", style="dim")
        elif step.sets_status:
            status = Text("→ " + state_words(step.status.state), style=self._style(SETS_CLASS), no_wrap=True,
                          overflow="ellipsis")
        else:
            status = Text("  " + state_words(step.status.state), style="dim", no_wrap=True, overflow="ellipsis")
        order = list(self.case.sources)
        numbers = " ".join(str(number) for number in sorted(order.index(s) + 1 for s in step.source_ids if s in order))
        sources = Text(f"{numbers} only" if step.single_source else numbers,
                       style=self._style(SINGLE_CLASS) if step.single_source else "")
        cells = [when, axis, status, sources] if with_sources else [when, axis, status]
        if with_summary:
            cells.append(Text(clean(" ".join(step.event.summary.split())), no_wrap=True, overflow="ellipsis"))
        return cells
