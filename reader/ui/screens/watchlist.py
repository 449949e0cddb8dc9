"""The screen shown for a folder of cases: the watchlist, every person of every case, one row each.

An organisation follows many people; this screen is where it sees them all:
each person's status now in a few words, since when, on how many sources,
how old the newest source about them is, and flags that say where to look
first (:mod:`reader.model.watchlist` works all of these out, as for
``reader status FOLDER``). The rows sort by ``s`` (each order in turn) or a
click on a column's header. Enter opens the case, narrowed to the person of
the row, with the function its maker gave it (the app's
:meth:`~reader.ui.app.ReaderApp.open_case`); the watchlist stays under the
case, so Esc in the case comes back to it as it was, the same row
highlighted.

The screen shows at once, one row per case marked as loading; each case is
then loaded in the background, one after the other
(:func:`~reader.ui.background.in_background`), and its people take its
place as it comes. A case that does not load is a row with its first error.
A case opened from here is loaded again when the reader comes back, so an
edit saved in it shows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.load.catalog import CaseEntry
from reader.load.watchlist import entry_rows
from reader.model.status import describe_as_of
from reader.model.watchlist import DEFAULT_STALE_AFTER, SORT_KEYS, WatchRow, failed_row, sort_rows
from reader.ui.background import in_background
from reader.ui.inert import CleanTitles
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.watch_table import SORT_COLUMNS, WatchItem, WatchTable
from reader.ui.widgets.wrap import clean

#: ``open_case(folder, person=person_id)``: what Enter calls (the app's ``open_case``).
OpenCase = Callable[..., object]


class WatchlistScreen(CleanTitles, Screen[None]):
    """Every person of every case in a folder; Enter opens the case at that person, and Esc there comes back."""

    BINDINGS = [
        Binding("s", "next_sort", "Sort", id="sort"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, folder: Path, cases: list[CaseEntry], open_case: OpenCase | None = None, *,
                 today: dt.date | None = None, stale_after: int = DEFAULT_STALE_AFTER) -> None:
        """Show the people of ``cases``, found in ``folder``; Enter calls ``open_case(folder, person=…)``.

        ``today`` is the day the sources' ages are counted to (the real
        today by default; tests fix it); a person with no source for more
        than ``stale_after`` days is flagged.
        """
        super().__init__()
        self.folder = folder
        self.cases = cases
        self.today = today or dt.date.today()
        self.stale_after = stale_after
        self._open_case = open_case
        #: The order the rows are in: a key of :data:`~reader.model.watchlist.SORT_KEYS`.
        self.sort = "case"
        #: Each case's rows, by its place in ``cases``, once it is loaded.
        self.rows: dict[int, list[WatchRow]] = {}
        #: Set once every case has been loaded (a test waits on it; the screen shows the count meanwhile).
        self.all_loaded = asyncio.Event()
        #: The case opened from here (its place in ``cases``), loaded again when the reader comes back.
        self._opened: int | None = None
        self._places = {entry.folder: index for index, entry in enumerate(cases)}
        self.table = WatchTable(id="watchlist")

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        yield Static(self._intro(), id="watchlist-intro")
        yield self.table
        with VerticalScroll(id="watchlist-detail", can_focus=False):
            yield Static(id="watchlist-detail-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show()
        self.table.focus()
        self._load_next()

    # -- loading, one case after the other --------------------------------------------------------

    def _load_next(self) -> None:
        waiting = [index for index in range(len(self.cases)) if index not in self.rows]
        if not waiting:
            self.all_loaded.set()
            return
        self._load(waiting[0], then=self._load_next, group="watchlist")

    def _load(self, index: int, *, then: Callable[[], object] | None = None, group: str) -> None:
        entry = self.cases[index]

        def loaded(rows: list[WatchRow] | None, error: Exception | None) -> None:
            if error is not None:  # a bug in the loader: this case's row says so, the others go on
                rows = [failed_row(entry.folder, f"reading it failed ({type(error).__name__}: {error}); "
                                                 "please report this", entry.title)]
            assert rows is not None, "entry_rows returns rows whenever it does not raise"
            self.rows[index] = rows
            self._show()
            if then is not None:
                then()

        in_background(self, lambda: entry_rows(entry, today=self.today, stale_after=self.stale_after), loaded,
                      name=f"watch-{entry.folder.name}", group=group)

    def on_screen_resume(self) -> None:
        # Back from a case opened here: it may have been edited and saved, so its rows are worked out again
        # (the cursor stays on its row). A case not loaded yet here is loaded in its turn anyway.
        if self._opened is not None and self._opened in self.rows:
            self._load(self._opened, group="watchlist-again")
        self._opened = None

    # -- what is shown -----------------------------------------------------------------------------

    def _show(self) -> None:
        rows = [row for index in sorted(self.rows) for row in self.rows[index]]
        items = [WatchItem(self._key(row), self.cases[self._places[row.folder]], row)
                 for row in sort_rows(rows, self.sort)]
        items.extend(WatchItem(f"{index}:", entry) for index, entry in enumerate(self.cases) if index not in self.rows)
        self.table.show(items, self.sort)
        people = sum(1 for row in rows if row.person is not None)
        self.sub_title = (f"watchlist · {people:,} {'person' if people == 1 else 'people'} in "
                          f"{len(self.cases):,} case{'' if len(self.cases) == 1 else 's'}")
        if self.is_mounted:
            self.query_one("#watchlist-intro", Static).update(self._intro())
            self._show_detail()

    def _key(self, row: WatchRow) -> str:
        """A row's key: its case's place and the person's id (nothing after the colon for a case that failed)."""
        return f"{self._places[row.folder]}:{row.person_id or ''}"

    def _intro(self) -> Text:
        rows = [row for found in self.rows.values() for row in found]
        people = sum(1 for row in rows if row.person is not None)
        failed = sum(1 for row in rows if row.error is not None)
        cases = len(self.cases)
        text = Text(f"Watchlist: {people:,} {'person' if people == 1 else 'people'} in {cases:,} "
                    f"case{'' if cases == 1 else 's'} in {clean(str(self.folder))}", style="bold")
        if len(self.rows) < cases:
            text.append(f" · {len(self.rows):,} of {cases:,} cases loaded…")
        if failed:
            text.append(f" · {failed:,} did not load")
        text.append(f"\nStatus now; sources' ages to {describe_as_of(self.today)} (stale after {self.stale_after:,} "
                    f"days). Sorted: {SORT_KEYS[self.sort].removesuffix(' (the default)')}. "
                    "Esc in a case comes back here.", style="dim")
        return text

    def _show_detail(self) -> None:
        self.query_one("#watchlist-detail-text", Static).update(self.table.detail(self.table.current))

    @on(DataTable.RowHighlighted, "#watchlist")
    def _row_highlighted(self) -> None:
        self._show_detail()

    # -- sorting and opening ---------------------------------------------------------------------

    def action_next_sort(self) -> None:
        """Sort the rows the next way of SORT_KEYS (after the last, by case again)."""
        orders = list(SORT_KEYS)
        self.sort_by(orders[(orders.index(self.sort) + 1) % len(orders)])

    def sort_by(self, sort: str) -> None:
        """Sort the rows by ``sort`` (a key of SORT_KEYS); the cursor stays on its row."""
        self.sort = sort
        self._show()

    @on(DataTable.HeaderSelected, "#watchlist")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        sort = next((order for order, column in SORT_COLUMNS.items() if column == event.column_key.value), None)
        if sort is None:
            self.notify("Sorts by case, person, since, the newest source or the flags.", timeout=3, markup=False)
        else:
            self.sort_by(sort)

    @on(DataTable.RowSelected, "#watchlist")
    def _row_chosen(self) -> None:
        item = self.table.current
        if item is None:
            return
        name = item.row.person_name if item.row is not None and item.row.person is not None else ""
        several = sum(1 for row in self.rows.get(self._places[item.entry.folder], []) if row.person is not None) > 1
        at = f" at {name}" if name and several else ""
        self.notify(f"Opening {item.entry.title}{at}…", markup=False, timeout=2)
        self._opened = self._places[item.entry.folder]
        if self._open_case is not None:
            self._open_case(item.entry.folder, person=item.person_id)
