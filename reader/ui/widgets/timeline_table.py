"""The timeline table: every event on a time axis that keeps its date's precision, with what it does to whom.

A :class:`~textual.widgets.DataTable` with a row cursor and a two-row
header whose axis column holds the years and months (see
:mod:`reader.ui.widgets.time_axis` for how dates are drawn). The axis is as
wide as the room left by the other columns, so the table is rebuilt when
its width changes; the bars' looks are component classes in
styles/views.tcss, so it is rebuilt when the theme changes too. Text from
the case goes in as :class:`rich.text.Text`, never as markup.

One row per event, except an event whose date the sources dispute: it has
a row at each date a source gives, marked "disputed", with the sources that
give that date. A row is as tall as what the event does needs (a line for
each effect, wrapped to its column) and as its sources' numbers need
(runs as ranges, "1–4,7"): nothing is cut off but the summary, which the
line under the table gives in full. Narrowed to one person (:meth:`TimelineTable.narrow`), the
rows are that person's events and the whole case's, and each says what the
event does to that person alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from reader.model import Case, DateClaim, FuzzyDate
from reader.model.across import only
from reader.model.source_labels import numbers_text, source_labels
from reader.model.status import Step, timeline
from reader.ui.people import effect_lines, keeps_event, narrowed_to
from reader.ui.widgets.fitted_table import FittedTable
from reader.ui.widgets.time_axis import Kind, TimeAxis, short_date
from reader.ui.widgets.wrap import clean

BAR_CLASSES = {kind: f"timeline-table--{kind}" for kind in Kind}
SETS_CLASS = "timeline-table--sets"
SINGLE_CLASS = "timeline-table--single"
DISPUTED_CLASS = "timeline-table--disputed"

WHEN_WIDTH, DOES_WIDTH = 18, 16
#: The sources' column: as wide as its longest list of numbers, between these.
SOURCES_WIDTH, MAX_SOURCES_WIDTH = 6, 14
#: The "what it does" column's width when there is room: for the summary's column too, or for an axis this wide.
WIDE_DOES_WIDTH, WIDE_DOES_AXIS = 36, 40
#: Below this much room for the axis, the table drops the sources' column.
MIN_AXIS_WIDTH = 24
#: From this much room on, the table has a column for the event's summary.
SUMMARY_FROM = 100
#: The axis's share of the room when the summary has a column too.
AXIS_SHARE = 0.55


@dataclass(frozen=True)
class TimelineRow:
    """A row of the table: an event, at one of its disputed dates (``claim``) or at its own date."""

    step: Step
    claim: DateClaim | None = None

    @property
    def date(self) -> FuzzyDate:
        """Where the row sits on the axis: the date this source gives, or the event's."""
        return self.claim.date if self.claim is not None else self.step.date

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources the row names: those that give this date, or those that report the event."""
        return self.claim.source_ids if self.claim is not None else self.step.source_ids


def rows_of(steps: list[Step]) -> list[TimelineRow]:
    """Each step's rows, in order: one, or one per date the sources give a disputed event."""
    rows = []
    for step in steps:
        if step.event.disputed:
            rows.extend(TimelineRow(step, claim) for claim in step.event.dates)
        else:
            rows.append(TimelineRow(step))
    return rows


class TimelineTable(FittedTable):
    """One row per event (per date, when its date is disputed), in order; the cursor is on one."""

    COMPONENT_CLASSES = {SETS_CLASS, SINGLE_CLASS, DISPUTED_CLASS, *BAR_CLASSES.values()}

    def __init__(self, case: Case, *, person: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", header_height=2, cursor_foreground_priority="renderable")
        self.case = case
        #: The person the table is narrowed to (None: everyone).
        self.person = narrowed_to(case, person)
        #: Every event of the case, in order.
        self.steps: list[Step] = timeline(case)
        self.rows_data: list[TimelineRow] = self._rows()
        self.axis = TimeAxis([], 1)
        #: How each source is named (the sources that give a disputed date).
        self.labels = source_labels(case.sources)

    def _rows(self) -> list[TimelineRow]:
        return rows_of([step for step in self.steps if keeps_event(step.event, self.person)])

    @property
    def current(self) -> TimelineRow | None:
        """The row the cursor is on."""
        row = self.cursor_coordinate.row
        return self.rows_data[row] if 0 <= row < len(self.rows_data) else None

    def narrow(self, person_id: str | None) -> None:
        """Show one person's events and the whole case's (None: everyone's); the cursor stays near its event."""
        current = self.current
        self.person = narrowed_to(self.case, person_id)
        self.rows_data = self._rows()
        row = next((i for i, r in enumerate(self.rows_data) if current and r.step.index >= current.step.index), 0)
        if self.is_mounted and self._width:
            self.fill()
            if self.row_count:
                self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def fill(self) -> None:
        """(Re)build the table for the current width, keeping the cursor on the same row."""
        row = self.cursor_coordinate.row
        self._width = self.size.width
        self.clear(columns=True)
        padding = 2 * self.cell_padding
        numbers = {source_id: number for number, source_id in enumerate(self.case.sources, start=1)}
        told = [self._told(timeline_row, numbers) for timeline_row in self.rows_data]
        sources_width = min(MAX_SOURCES_WIDTH, max([SOURCES_WIDTH, *(len(text) for text, _ in told)]))
        fixed = WHEN_WIDTH + DOES_WIDTH + sources_width + 4 * padding
        room = max(8, self._width - 2 - fixed)
        # Short of room, the sources column goes first (the coverage view has them): the axis matters more.
        with_sources = room >= MIN_AXIS_WIDTH
        if not with_sources:
            room += sources_width + padding
        with_summary = room >= SUMMARY_FROM
        does_width = DOES_WIDTH
        if with_summary or room - (WIDE_DOES_WIDTH - DOES_WIDTH) >= WIDE_DOES_AXIS:
            does_width = WIDE_DOES_WIDTH  # what the event does gets more of the room
            room -= WIDE_DOES_WIDTH - DOES_WIDTH
        axis_width = round(room * AXIS_SHARE) if with_summary else room
        self.axis = TimeAxis([r.date for r in self.rows_data], axis_width)
        years, months = self.axis.ticks()
        self.add_column(Text("When\n"), width=WHEN_WIDTH, key="when")
        self.add_column(Text(f"{years}\n{months}", no_wrap=True), width=axis_width, key="axis")
        self.add_column(Text("What it\ndoes"), width=does_width, key="does")
        if with_sources:
            self.add_column(Text("Told\nby"), width=sources_width, key="sources")
        summary_width = max(8, room - axis_width - padding)
        if with_summary:
            self.add_column(Text("Event\n"), width=summary_width, key="event")
        widths = {"does": does_width, "sources": sources_width, "event": summary_width}
        for index, timeline_row in enumerate(self.rows_data):
            cells, height = self._cells(timeline_row, told[index], widths, with_sources, with_summary)
            self.add_row(*cells, key=str(index), height=height)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def _told(self, row: TimelineRow, numbers: dict[str, int]) -> tuple[str, bool]:
        """Who tells the row, every source by number ("1–4,7"), and whether it is the one source that does."""
        listed = numbers_text([numbers[s] for s in row.source_ids if s in numbers])
        single = row.step.single_source and row.claim is None
        return (only(listed) if single else listed), single

    def _lines(self, text: Text, width: int) -> int:
        """How many lines ``text`` takes wrapped to ``width`` cells."""
        return len(text.wrap(self.app.console, max(1, width)))

    def _cells(self, row: TimelineRow, told: tuple[str, bool], widths: dict[str, int], with_sources: bool,
               with_summary: bool) -> tuple[list[Text], int]:
        step, date = row.step, row.date
        when = Text(short_date(date), no_wrap=True, overflow="ellipsis", style="italic" if date.inferred else "")
        bar = self.axis.bar(date)
        if bar is None:
            axis = Text("date unknown", style="dim italic", no_wrap=True, overflow="ellipsis")
        else:
            axis = Text(" " * bar.start, no_wrap=True, overflow="crop")
            axis.append(bar.text(), self._style(DISPUTED_CLASS if row.claim else BAR_CLASSES[bar.kind]))
        # Each effect on a line of its own (wrapped when the column is narrow), so none is cut off.
        does = Text()
        effects = effect_lines(self.case, step.event, person_id=self.person, together=True)
        if row.claim is not None:
            does.append("disputed" + ("\n" if effects else ""), self._style(DISPUTED_CLASS))
        if effects:
            does.append(clean("\n".join(effects)), self._style(SETS_CLASS))
        elif row.claim is None:
            does.append("—", "dim")
        listed, single = told
        # Too many for the column, the numbers wrap at their commas: never dropped.
        if len(listed) > widths["sources"]:
            listed = listed.replace(",", ", ")
        sources = Text(listed, style=self._style(SINGLE_CLASS) if single else "")
        height = self._lines(does, widths["does"])
        cells = [when, axis, does]
        if with_sources:
            height = max(height, self._lines(sources, widths["sources"]))
            cells.append(sources)
        if with_summary:
            summary = Text(overflow="ellipsis")
            if row.claim is not None:
                labels = self.labels
                givers = ", ".join(labels[s].name for s in row.source_ids if s in labels)
                summary.append(clean(f"date per {givers}: "), self._style(DISPUTED_CLASS))
            summary.append(clean(" ".join(step.event.summary.split())))
            # The summary fills the row's height, no more: the line under the table has it whole.
            lines = summary.wrap(self.app.console, widths["event"], overflow="ellipsis")
            for line in lines:  # a wrapped line keeps the space it was broken at
                line.rstrip()
            if len(lines) > height:
                kept = lines[:height]
                kept[-1].truncate(widths["event"] - 1)
                kept[-1].append("…")
                summary = Text("\n").join(kept)
            cells.append(summary)
        return cells, height
