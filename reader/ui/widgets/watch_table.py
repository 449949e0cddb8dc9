"""The watchlist table: one row per person of each case of a folder, flags coloured by how serious they are.

A :class:`~textual.widgets.DataTable` with a row cursor. Its rows are
:class:`WatchItem`\\ s: a person of a case (a
:class:`~reader.model.watchlist.WatchRow`), a case that did not load (a row
with its error), or a case still loading. The screen decides which rows
there are and their order (:func:`reader.model.watchlist.sort_rows`); the
table only lays them out, one line each, in columns sized to its width
(short of room, the least needed columns go: the line under the table, made
by :meth:`WatchTable.detail`, says everything about the highlighted row).

Flag colours are component classes in styles/reader.tcss, one per level of
seriousness (:data:`SERIOUSNESS`), so the table is rebuilt when the theme
changes (see :class:`~reader.ui.widgets.fitted_table.FittedTable`). Text
from the cases goes in cleaned, as :class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from reader.load.catalog import CaseEntry
from reader.model.status import age_phrase
from reader.model.watchlist import Flag, WatchRow
from reader.ui.widgets.fitted_table import FittedTable, lines_of
from reader.ui.widgets.time_axis import short_date
from reader.ui.widgets.wrap import clean

GRAVE_CLASS = "watch-table--grave"
WARNING_CLASS = "watch-table--warning"
NOTICE_CLASS = "watch-table--notice"
LOADING_CLASS = "watch-table--loading"

#: How serious each flag is, as the class it is coloured with: a case that did not load or a term whose
#: computed end has passed (the status shown is likely wrong), then what to check (the end may have passed,
#: a single source, a dispute), then what is only old news.
SERIOUSNESS = {
    Flag.ERROR: GRAVE_CLASS,
    Flag.END_PASSED: GRAVE_CLASS,
    Flag.END_MAY_HAVE_PASSED: WARNING_CLASS,
    Flag.SINGLE_SOURCE: WARNING_CLASS,
    Flag.DISPUTED: WARNING_CLASS,
    Flag.STALE: NOTICE_CLASS,
}

#: The column each order of :data:`reader.model.watchlist.SORT_KEYS` sorts by (a click on its header sorts so).
SORT_COLUMNS = {"case": "case", "person": "person", "since": "since", "age": "newest", "flags": "flags"}


@dataclass(frozen=True)
class WatchItem:
    """A row of the table: a person of a case, a case that did not load, or (``row`` None) one still loading."""

    key: str  # stable while the rows come and go and change order: the cursor follows it
    entry: CaseEntry
    row: WatchRow | None = None

    @property
    def person_id(self) -> str | None:
        """The person of the row (None for a case that did not load, or is loading)."""
        return self.row.person_id if self.row is not None else None

    @property
    def loading(self) -> bool:
        return self.row is None

    @property
    def failed(self) -> bool:
        return self.row is not None and self.row.error is not None


@dataclass(frozen=True)
class _Column:
    key: str
    header: str
    short_header: str  # when the column is narrower than its header
    preferred: int
    minimum: int


#: The columns, in the order they show.
ORDER = ("case", "person", "status", "since", "sources", "newest", "flags")
#: The columns kept when there is not room for all, most needed first (the rest go from the end).
KEPT_FIRST = ("person", "status", "flags", "case", "since", "newest", "sources")
#: The columns given room beyond their minimum, in turn, up to what they need (or up to the width given);
#: the status then takes the rest. The status gets a readable share before the flags, which are what a
#: reader scans the table for, grow to their whole list; a long status wraps over up to
#: :data:`STATUS_LINES` lines and is read in full under the table.
GROWN_FIRST: tuple[tuple[str, int | None], ...] = (
    ("person", None), ("case", None), ("since", None), ("newest", None), ("sources", None), ("status", 36),
    ("flags", None), ("status", None))
#: The most lines a row's status wraps over.
STATUS_LINES = 3


def since_text(row: WatchRow) -> str:
    """Since when, in a narrow column: "16 Oct–1 Nov 2019"; "—" when nothing is recorded."""
    return short_date(row.since.date) if row.since is not None else "—"


def newest_text(row: WatchRow) -> str:
    """The newest source's age: "about 7 years"; "≤ about 6 years" when it is undated (at most that old)."""
    if row.age_days is None:
        return "no dated source"
    undated = row.newest_source is not None and not row.newest_source.dated
    return ("≤ " if undated else "") + age_phrase(row.age_days)


class WatchTable(FittedTable):
    """Every person of every case of a folder, one per line; Enter (or a click on the highlighted row) picks one."""

    COMPONENT_CLASSES = {GRAVE_CLASS, WARNING_CLASS, NOTICE_CLASS, LOADING_CLASS}
    BINDINGS = [
        # DataTable's own Enter, shown in the footer as what it does here.
        Binding("enter", "select_cursor", "Open", id="open"),
        # The table is never wider than the screen, so Home and End go to the first and last person
        # (DataTable's scroll to the first and last column).
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        # The highlighted row in the cursor's own colours: a flag's colour on the cursor's background can be
        # unreadable (dark red on blue, in the light theme); the line under the table shows it coloured.
        super().__init__(id=id, cursor_type="row", cursor_foreground_priority="css")
        self.items: list[WatchItem] = []
        #: The order the rows are in (a key of SORT_KEYS): its column's header says so.
        self.sort = "case"
        #: The key of the row the cursor goes back to when the table is next built (see :meth:`show`).
        self._keep: str | None = None

    @property
    def current(self) -> WatchItem | None:
        """The row the cursor is on."""
        row = self.cursor_coordinate.row
        return self.items[row] if 0 <= row < len(self.items) and self.row_count else None

    def show(self, items: Sequence[WatchItem], sort: str) -> None:
        """Show ``items`` in the order ``sort`` names; the cursor stays on its row wherever that row goes.

        A case still loading is replaced by its people when it loads: the
        cursor on it goes to the first of them.
        """
        current = self.current
        if current is not None:
            self._keep = current.key
        self.items = list(items)
        self.sort = sort
        if self.is_mounted and self._width:
            self.fill()

    def fill(self) -> None:
        """(Re)build the table for its width, the cursor on the same row as before."""
        current = self.current
        keep = self._keep if self._keep is not None else current.key if current is not None else None
        self._keep = None
        was_at = self.cursor_coordinate.row
        self._width = self.size.width
        self.clear(columns=True)
        columns = self._fit(self._columns(), self._width - 2)  # 2: the scroll bar, when the rows overflow
        for column, width in columns:
            header = column.header if width >= len(column.header) else column.short_header
            if SORT_COLUMNS.get(self.sort) == column.key:
                header += " ▾"
            self.add_column(Text(header, no_wrap=True, overflow="ellipsis"), width=width, key=column.key)
        for item in self.items:
            cells = self._cells(item)
            shown = [self._cell(cells[column.key], column.key, width) for column, width in columns]
            self.add_row(*shown, key=item.key, height=max(len(text.plain.split("\n")) for text in shown))
        if not self.row_count:
            return
        row = self._row_of(keep, was_at)
        self.move_cursor(row=row, animate=False)
        # The cursor may be on the same row number as before, which DataTable does not announce:
        # the line under the table says what this row now is.
        self.post_message(DataTable.RowHighlighted(self, row, self.ordered_rows[row].key))

    def _row_of(self, key: str | None, was_at: int) -> int:
        """Where row ``key`` is now (a case that loaded meanwhile: its first person); else where the cursor was."""
        if key is not None:
            for index, item in enumerate(self.items):
                if item.key == key:
                    return index
            case = key.split(":", 1)[0] + ":"
            for index, item in enumerate(self.items):
                if item.key.startswith(case):
                    return index
        return min(max(was_at, 0), self.row_count - 1)

    # -- the columns ---------------------------------------------------------------------------

    def _columns(self) -> dict[str, _Column]:
        loaded = [item.row for item in self.items if item.row is not None and item.row.error is None]

        def longest(texts: list[str], header: str, cap: int) -> int:
            return min(cap, max([len(header), *(len(text) for text in texts)]))

        names = [row.person_name for row in loaded]
        cases = [item.row.case_id if item.row is not None else item.entry.folder.name for item in self.items]
        flags = [self._flag_text(item.row.flag_set).plain for item in self.items if item.row is not None]
        return {
            "case": _Column("case", "case", "case", longest(cases, "case", 18), 10),
            "person": _Column("person", "person", "person", longest(names, "person", 24), 12),
            "status": _Column("status", "status now", "status", longest([r.status for r in loaded], "status now", 80),
                              16),
            "since": _Column("since", "since", "since", longest([since_text(r) for r in loaded], "since", 20), 10),
            "sources": _Column("sources", "sources", "src", 7, 3),
            "newest": _Column("newest", "newest source", "newest", 15, 13),
            "flags": _Column("flags", "flags", "flags", longest(flags, "flags", 48), 13),
        }

    def _fit(self, columns: dict[str, _Column], room: int) -> list[tuple[_Column, int]]:
        """Each column kept and its width: the most needed columns first, each at least its minimum."""
        padding = 2 * self.cell_padding
        kept = list(KEPT_FIRST)
        while len(kept) > 2 and sum(columns[key].minimum + padding for key in kept) > room:
            kept.pop()
        widths = {key: columns[key].minimum for key in kept}
        spare = room - sum(widths.values()) - padding * len(kept)
        for key, up_to in GROWN_FIRST:
            if key in widths and spare > 0:
                grown = min(spare, max(0, min(columns[key].preferred, up_to or columns[key].preferred) - widths[key]))
                widths[key] += grown
                spare -= grown
        if spare > 0 and "status" in widths:
            widths["status"] += spare  # the table fills its width; the status may use it on a resize
        return [(columns[key], widths[key]) for key in ORDER if key in widths]

    # -- the cells ------------------------------------------------------------------------------

    def _cells(self, item: WatchItem) -> dict[str, Text]:
        row = item.row
        if row is None:
            return {"case": Text(clean(item.entry.folder.name)), "person": Text(""),
                    "status": Text("loading…", style=self._style(LOADING_CLASS)), "since": Text(""),
                    "sources": Text(""), "newest": Text(""), "flags": Text("")}
        if row.error is not None:
            return {"case": Text(clean(row.case_id)), "person": Text("—", style="dim"),
                    "status": Text("did not load", style=self._style(GRAVE_CLASS)), "since": Text(""),
                    "sources": Text(""), "newest": Text(""), "flags": self._flag_text(row.flag_set)}
        disputed = row.since is not None and row.since.step.step.event.disputed
        inferred = row.since is not None and row.since.date.inferred
        since_style = self._style(WARNING_CLASS) if disputed else Style(italic=True) if inferred else Style()
        return {
            "case": Text(clean(row.case_id)),
            "person": Text(clean(row.person_name)),
            "status": Text(clean(row.status)),
            "since": Text(since_text(row), style=since_style),
            "sources": Text(f"{row.source_count:,}", justify="right"),
            "newest": Text(newest_text(row)),
            "flags": self._flag_text(row.flag_set),
        }

    def _cell(self, text: Text, key: str, width: int) -> Text:
        if key == "flags" and text.cell_len > width:
            text = _fewer_flags(text, width)
        if key == "status" and text.cell_len > width:
            text = lines_of(text, self.app.console, width, STATUS_LINES)
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def _flag_text(self, flags: Sequence[Flag]) -> Text:
        text = Text()
        for number, flag in enumerate(flags):
            if number:
                text.append(" · ")
            text.append(flag.value, self._style(SERIOUSNESS[flag]))
        return text

    # -- the line under the table ---------------------------------------------------------------

    def detail(self, item: WatchItem | None) -> Text:
        """Everything about a row, for the line under the table: the status in full, since when, each flag's why."""
        if item is None:
            return Text("No case in this folder.", style="dim")
        row = item.row
        title = Text(clean(item.entry.title), style="bold")
        if row is None:
            return Text.assemble(title, " is loading…")
        if row.error is not None:
            return Text.assemble(title, (" did not load: ", self._style(GRAVE_CLASS)), clean(row.error),
                                 ("\nEnter shows all its problems.", "dim"))
        # The status and its flags first: where to look is what a short line under the table must show.
        text = Text.assemble((clean(row.person_name), "bold"), " · ", clean(row.case_title), "\n",
                             (clean(row.status), "bold"))
        for flag in row.flag_set:
            details = [note.detail for note in row.flags if note.flag is flag]
            text.append("\n")
            text.append(flag.value, self._style(SERIOUSNESS[flag]) + Style(bold=True))
            text.append(": " + clean("; ".join(details)))
        if row.since is not None:
            text.append(clean(f"\nSince {short_date(row.since.date)}: {row.since.what}"))
            if row.since.step.step.event.disputed:
                text.append(" (the sources give different dates)", self._style(WARNING_CLASS))
        newest = row.newest_source
        text.append(f"\n{row.source_count:,} source{'' if row.source_count == 1 else 's'}")
        if newest is not None:
            text.append(clean(f"; the newest: {newest.source.publisher}, {newest.label} ({newest_text(row)})"))
        return text


def _fewer_flags(flags: Text, width: int) -> Text:
    """Too many flags for the column: the most serious that fit, and how many more (the line below lists all)."""
    names = flags.plain.split(" · ")
    for shown in range(len(names) - 1, 0, -1):
        end = len(" · ".join(names[:shown]))
        more = f" +{len(names) - shown}"
        if end + len(more) <= width or shown == 1:
            fewer = flags[:end]
            fewer.append(more)
            return fewer
    return flags


__all__ = ["SERIOUSNESS", "SORT_COLUMNS", "WatchItem", "WatchTable", "newest_text", "since_text"]

