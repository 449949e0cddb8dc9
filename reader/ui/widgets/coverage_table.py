"""The coverage table: events down the side, sources across, a mark where a source reports an event.

A :class:`~textual.widgets.DataTable` with a cell cursor. Its cells are
:class:`rich.text.Text` built from the case as plain text (a DataTable
would parse a ``str`` as markup). The marks' looks are component classes
styled in styles/reader.tcss, so the table is rebuilt when the theme
changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate

from reader.model import Case
from reader.model.across import CoverageRow, coverage
from reader.ui.widgets.fitted_table import FittedTable
from reader.ui.widgets.time_axis import short_date
from reader.ui.widgets.wrap import clean

REPORTED_CLASS = "coverage-table--reported"
SINGLE_CLASS = "coverage-table--single"
ABSENT_CLASS = "coverage-table--absent"

#: The columns before the sources' columns, and the one after.
WHEN, EVENT = 0, 1
FIRST_SOURCE = 2
#: Widths of the fixed columns; the event column takes what is left.
WHEN_WIDTH, COUNT_WIDTH, MIN_EVENT_WIDTH, MAX_SOURCE_WIDTH = 17, 6, 12, 34


def one_line(text: str) -> str:
    """Case text on one line, with control characters made visible."""
    return clean(" ".join(text.split()))


class CoverageTable(FittedTable):
    """Which source reports which event; the cursor is on one cell (an event in one source)."""

    COMPONENT_CLASSES = {REPORTED_CLASS, SINGLE_CLASS, ABSENT_CLASS}

    def __init__(self, case: Case, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, cursor_foreground_priority="renderable")
        self.case = case
        self.rows_data: list[CoverageRow] = coverage(case)
        self.source_ids = list(case.sources)

    @property
    def count_column(self) -> int:
        """The index of the "how many sources" column, after the sources."""
        return FIRST_SOURCE + len(self.source_ids)

    def source_at(self, column: int) -> str | None:
        """The source whose column ``column`` is, or None for the other columns."""
        index = column - FIRST_SOURCE
        return self.source_ids[index] if 0 <= index < len(self.source_ids) else None

    @property
    def current_row(self) -> CoverageRow | None:
        """The event the cursor is on."""
        row = self.cursor_coordinate.row
        return self.rows_data[row] if 0 <= row < len(self.rows_data) else None

    def fill(self) -> None:
        """(Re)build the table for the current width, keeping the cursor where it was."""
        # Before the first fill the cursor starts on the first source's column, where Enter jumps to a quote.
        cursor = self.cursor_coordinate if self.columns else Coordinate(0, FIRST_SOURCE)
        self._width = self.size.width
        self.clear(columns=True)
        narrow = self._width < 100
        labels = [f"{number} {one_line(self.case.sources[source_id].publisher)}"
                  for number, source_id in enumerate(self.source_ids, start=1)]
        # Narrow, a source's column is headed by its number alone (the key above names it).
        source_width = 4 if narrow else min(MAX_SOURCE_WIDTH, max(len(label) for label in labels))
        padding = 2 * self.cell_padding
        room = self._width - 2 - (WHEN_WIDTH + COUNT_WIDTH + padding * (3 + len(self.source_ids))
                                  + source_width * len(self.source_ids))
        event_width = max(MIN_EVENT_WIDTH, room)
        self.add_column(Text("When"), width=WHEN_WIDTH, key="when")
        self.add_column(Text("Event"), width=event_width, key="event")
        for number, (source_id, label) in enumerate(zip(self.source_ids, labels, strict=True), start=1):
            label = str(number) if narrow else label
            self.add_column(Text(label, no_wrap=True, overflow="ellipsis"), width=source_width, key=source_id)
        self.add_column(Text("Told"), width=COUNT_WIDTH, key="count")
        reported, single, absent = (self._style(c) for c in (REPORTED_CLASS, SINGLE_CLASS, ABSENT_CLASS))
        # The marks are the same few texts in every row; a table only reads its cells, so
        # they are shared (a big case's table has 400,000 of them).
        absent_mark = Text("·", style=absent)
        marks = {(count, style): Text("●" * count, style=style) for count in (1, 2, 3) for style in (reported, single)}
        for row in self.rows_data:
            cells: list[Text] = [
                Text(short_date(row.event.date), no_wrap=True, overflow="ellipsis",
                     style="italic" if row.event.date.inferred else ""),
                Text(one_line(row.event.summary), no_wrap=True, overflow="ellipsis"),
            ]
            style = single if row.single_source else reported
            for source_id in self.source_ids:
                passages = row.citations_in(source_id)
                cells.append(marks[min(len(passages), 3), style] if passages else absent_mark)
            count = Text(f"{row.corroboration} only" if row.single_source else str(row.corroboration),
                         style=single if row.single_source else "")
            cells.append(count)
            self.add_row(*cells, key=row.event.id)
        if self.row_count:
            self.cursor_coordinate = Coordinate(min(cursor.row, self.row_count - 1),
                                                min(cursor.column, len(self.columns) - 1))
