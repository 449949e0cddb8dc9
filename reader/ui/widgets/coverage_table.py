"""The coverage table: events down the side, sources across, a mark where a source reports an event.

A :class:`~textual.widgets.DataTable` with a cell cursor. Its cells are
:class:`rich.text.Text` built from the case as plain text (a DataTable
would parse a ``str`` as markup). The marks' looks are component classes
styled in styles/views.tcss, so the table is rebuilt when the theme
changes.

The sources get as many columns as fit the width, and no more: when they
do not all fit, the table shows them a page at a time (:meth:`turn_page`).
A source's column is headed by its number and short name ("3 HKFP 21 Sep
2016", see :mod:`reader.model.source_labels`), or its number alone when
they do not all fit; the event's summary takes the rest of the width and
wraps over up to :data:`MAX_EVENT_LINES` lines.
DataTable draws every cell of a row it shows, off screen or not, so a
table of 200 sources' columns took half a second for each page down.

Narrowed to one person (:meth:`CoverageTable.narrow`), the rows are that
person's events and the whole case's.
"""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.message import Message

from reader.model import Case
from reader.model.across import CoverageRow, coverage, only
from reader.model.source_labels import source_labels
from reader.ui.people import keeps_event, narrowed_to
from reader.ui.widgets.fitted_table import FittedTable, lines_of
from reader.ui.widgets.time_axis import short_date
from reader.ui.widgets.wrap import clean

REPORTED_CLASS = "coverage-table--reported"
SINGLE_CLASS = "coverage-table--single"
ABSENT_CLASS = "coverage-table--absent"

#: The columns before the sources' columns, and the one after.
WHEN, EVENT = 0, 1
FIRST_SOURCE = 2
#: Widths of the fixed columns; the event column takes what is left.
#: The count column holds a number of sources, or ``only 12`` (see :func:`~reader.model.across.only`).
WHEN_WIDTH, COUNT_WIDTH, MIN_EVENT_WIDTH, MAX_SOURCE_WIDTH = 18, 7, 12, 20
#: The most lines an event's summary wraps over (the line under the table has it whole).
MAX_EVENT_LINES = 4
#: The event column's least width when the sources come a page at a time: fewer sources a
#: page, but events one can tell apart.
PAGED_EVENT_WIDTH = 36


def one_line(text: str) -> str:
    """Case text on one line, with control characters made visible."""
    return clean(" ".join(text.split()))


class CoverageTable(FittedTable):
    """Which source reports which event; the cursor is on one cell (an event in one source)."""

    COMPONENT_CLASSES = {REPORTED_CLASS, SINGLE_CLASS, ABSENT_CLASS}

    class SourcesShown(Message):
        """The table shows the sources ``first`` to ``last`` (counted from 1) of ``total``."""

        def __init__(self, first: int, last: int, total: int) -> None:
            super().__init__()
            self.first, self.last, self.total = first, last, total

    def __init__(self, case: Case, *, person: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, cursor_foreground_priority="renderable")
        self.case = case
        #: Every event's row; :attr:`rows_data` are those shown.
        self._every_row = coverage(case)
        #: The person the table is narrowed to (None: everyone).
        self.person = narrowed_to(case, person)
        self.rows_data: list[CoverageRow] = self._rows()
        self.source_ids = list(case.sources)
        #: The sources that have a column: all of them, or the page of them that fits.
        self.shown: list[str] = self.source_ids
        self._page_size = len(self.source_ids)

    def _rows(self) -> list[CoverageRow]:
        return [row for row in self._every_row if keeps_event(row.event, self.person)]

    def narrow(self, person_id: str | None) -> None:
        """Show one person's events and the whole case's (None: everyone's); the cursor stays near its event."""
        current = self.current_row
        self.person = narrowed_to(self.case, person_id)
        self.rows_data = self._rows()
        row = next((i for i, r in enumerate(self.rows_data) if current and r.index >= current.index), 0)
        if self.is_mounted and self._width:
            column = self.cursor_coordinate.column
            self.fill()
            if self.row_count:
                self.cursor_coordinate = Coordinate(min(row, self.row_count - 1), column)

    @property
    def count_column(self) -> int:
        """The index of the "how many sources" column, after the sources."""
        return FIRST_SOURCE + len(self.shown)

    @property
    def paged(self) -> bool:
        """Whether the sources are shown a page at a time (they do not all fit)."""
        return len(self.shown) < len(self.source_ids)

    def source_at(self, column: int) -> str | None:
        """The source whose column ``column`` is, or None for the other columns."""
        index = column - FIRST_SOURCE
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def turn_page(self, by: int) -> bool:
        """Show the next (``by`` = 1) or previous (-1) page of sources; False when there is none.

        The cursor stays on its event and at the same place in the page.
        """
        first = self.source_ids.index(self.shown[0]) + by * self._page_size if self.shown else 0
        if not self.paged or not 0 <= first < len(self.source_ids):
            return False
        column = self.cursor_coordinate.column
        self._show_from(first)
        self.fill()
        if FIRST_SOURCE <= column < FIRST_SOURCE + self._page_size:
            self.cursor_coordinate = Coordinate(self.cursor_coordinate.row,
                                                min(column, FIRST_SOURCE + len(self.shown) - 1))
        return True

    def _show_from(self, first: int) -> None:
        self.shown = self.source_ids[first:first + self._page_size]

    @property
    def current_row(self) -> CoverageRow | None:
        """The event the cursor is on."""
        row = self.cursor_coordinate.row
        return self.rows_data[row] if 0 <= row < len(self.rows_data) else None

    def _summary(self, summary: str, width: int) -> tuple[Text, int]:
        """An event's summary wrapped to ``width`` over at most :data:`MAX_EVENT_LINES` lines, and its lines."""
        if len(summary) <= width:  # most rows of a big case: no wrapping to work out
            return Text(summary, no_wrap=True, overflow="ellipsis"), 1
        text = lines_of(Text(summary), self.app.console, width, MAX_EVENT_LINES)
        text.no_wrap = True
        return text, len(text.split())

    def fill(self) -> None:
        """(Re)build the table for the current width, keeping the cursor where it was."""
        # Before the first fill the cursor starts on the first source's column, where Enter jumps to a quote.
        cursor = self.cursor_coordinate if self.columns else Coordinate(0, FIRST_SOURCE)
        cursor_source = self.source_at(cursor.column)
        on_count = bool(self.columns) and cursor.column == self.count_column
        self._width = self.size.width
        self.clear(columns=True)
        numbers = {source_id: number for number, source_id in enumerate(self.source_ids, start=1)}
        labels = {source_id: clean(label.numbered) for source_id, label in source_labels(self.case.sources).items()}
        padding = 2 * self.cell_padding
        room = self._width - 2 - (WHEN_WIDTH + COUNT_WIDTH + MIN_EVENT_WIDTH + 3 * padding)
        labelled_width = min(MAX_SOURCE_WIDTH, max(map(len, labels.values()), default=0))
        # Narrow, or when not every source fits with its name, a source's column is
        # headed by its number alone (the key above names it).
        narrow = self._width < 100 or room < len(self.source_ids) * (labelled_width + padding)
        source_width = 3 if narrow else labelled_width  # a number, or up to three dots
        least_event_width = MIN_EVENT_WIDTH
        if room < len(self.source_ids) * (source_width + padding):  # a page at a time
            least_event_width = PAGED_EVENT_WIDTH
            room -= PAGED_EVENT_WIDTH - MIN_EVENT_WIDTH
        page_size = max(1, min(len(self.source_ids), room // (source_width + padding)))
        if page_size != self._page_size:  # a new width: the page that holds the cursor's source
            self._page_size = page_size
            keep = self.source_ids.index(cursor_source) if cursor_source else 0
            self._show_from(keep - keep % page_size)
        room -= len(self.shown) * (source_width + padding)
        event_width = least_event_width + max(0, room)
        self.add_column(Text("When"), width=WHEN_WIDTH, key="when")
        self.add_column(Text("Event"), width=event_width, key="event")
        for source_id in self.shown:
            label = str(numbers[source_id]) if narrow else labels[source_id]
            self.add_column(Text(label, no_wrap=True, overflow="ellipsis"), width=source_width, key=source_id)
        self.add_column(Text("Told"), width=COUNT_WIDTH, key="count")
        reported, single, absent = (self._style(c) for c in (REPORTED_CLASS, SINGLE_CLASS, ABSENT_CLASS))
        # The marks are the same few texts in every row; a table only reads its cells, so
        # they are shared (a big case's table has 400,000 of them).
        absent_mark = Text("·", style=absent)
        marks = {(count, style): Text("●" * count, style=style) for count in (1, 2, 3) for style in (reported, single)}
        for row in self.rows_data:
            summary, height = self._summary(one_line(row.event.summary), event_width)
            cells: list[Text] = [
                Text(short_date(row.event.date), no_wrap=True, overflow="ellipsis",
                     style="italic" if row.event.date.inferred else ""),
                summary,
            ]
            style = single if row.single_source else reported
            for source_id in self.shown:
                passages = row.citations_in(source_id)
                cells.append(marks[min(len(passages), 3), style] if passages else absent_mark)
            count = Text(only(str(numbers[row.source_ids[0]])) if row.single_source and row.source_ids[0] in numbers
                         else str(row.corroboration), style=single if row.single_source else "")
            cells.append(count)
            self.add_row(*cells, key=row.event.id, height=height)
        if self.row_count:
            # The cursor stays on its source (or on the count), wherever the page put its column.
            if cursor_source in self.shown:
                column = FIRST_SOURCE + self.shown.index(cursor_source)
            else:
                column = self.count_column if on_count else min(cursor.column, len(self.columns) - 1)
            self.cursor_coordinate = Coordinate(min(cursor.row, self.row_count - 1), column)
        first = self.source_ids.index(self.shown[0]) + 1 if self.shown else 0
        self.post_message(self.SourcesShown(first, first + len(self.shown) - 1, len(self.source_ids)))
