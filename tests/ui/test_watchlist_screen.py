"""``reader FOLDER``: the watchlist of a folder of cases, driven with Pilot.

The folder (the ``watched`` fixture) holds copies of both bundled cases, one
person in the Baltabay case and three in the Civic Square case, and a case
whose case.yaml is not YAML. What each row says is the model's
(tests/test_watchlist.py); here: the rows are there, one per person and one
for the broken case; they sort by key and by a click on a header, the
cursor staying on its row; Enter opens the case narrowed to the person of
the row; Esc comes back to the watchlist as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

import reader.ui.app as app_module
import reader.ui.screens.watchlist as watchlist_module
from reader.load.watchlist import entry_rows
from reader.model.watchlist import Flag
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.watchlist import WatchlistScreen
from reader.ui.widgets.watch_table import WatchItem
from tests.support.pilot import TODAY, wait_until

CASE_ORDER = [("broken", ""), ("baltabay", "Erlan Baltabay"), ("civic-square", "Joshua Wong"),
              ("civic-square", "Nathan Law"), ("civic-square", "Alex Chow")]


def rows_of(screen: WatchlistScreen) -> list[tuple[str, str]]:
    """Each row of the table, in order: its case folder and its person's name ("" for a case that did not load)."""
    return [(item.entry.folder.name, item.row.person_name if item.row is not None else "?")
            for item in screen.table.items]


def cell(screen: WatchlistScreen, row: int, column: str) -> str:
    """The text a cell of the table shows."""
    return screen.table.get_cell(screen.table.ordered_rows[row].key, column).plain


async def watchlist_loaded(app: ReaderApp, pilot: Pilot[int]) -> WatchlistScreen:
    screen = app.screen
    assert isinstance(screen, WatchlistScreen)
    await wait_until(pilot, screen.all_loaded.is_set, "every case of the folder loaded")
    await pilot.pause()
    return screen


async def cursor_to(pilot: Pilot[int], screen: WatchlistScreen, name: str) -> WatchItem:
    """Press down (from the top) until the cursor is on ``name``'s row."""
    await pilot.press("home")
    for _ in range(len(screen.table.items)):
        current = screen.table.current
        assert current is not None
        if current.row is not None and current.row.person_name == name:
            return current
        await pilot.press("down")
    raise AssertionError(f"no row for {name}")


async def test_one_row_per_person_of_each_case_and_one_for_the_case_that_did_not_load(watched: Path) -> None:
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        assert rows_of(screen) == CASE_ORDER
        assert screen.table.row_count == 5
        broken = screen.table.items[0]
        assert broken.failed and broken.row is not None and broken.row.flag_set == (Flag.ERROR,)
        assert [cell(screen, 0, key) for key in ("case", "status", "flags")] == ["broken", "did not load", "error"]
        assert [cell(screen, 1, key) for key in ("person", "since", "sources")] == [
            "Erlan Baltabay", "16 Oct–1 Nov 2019", "1"]
        # A long status wraps over a few lines of its row.
        assert " ".join(cell(screen, 1, "status").split()).startswith("convicted at first instance; imprisonment")
        intro = str(screen.query_one("#watchlist-intro").render())
        assert f"4 people in 3 cases in {watched}" in intro and "1 did not load" in intro
        # The broken case's row, highlighted: the line under the table names the file, line and problem.
        detail = str(screen.query_one("#watchlist-detail-text").render())
        assert "did not load: broken/case.yaml:2:1: error: YAML syntax error" in detail
        assert "Traceback" not in detail
        await pilot.press("down")  # Erlan Baltabay: his flags, each with why, under the table
        detail = str(screen.query_one("#watchlist-detail-text").render())
        assert "end passed: the imprisonment, 5 months and 8 days would have ended between 24 March 2020" in detail
        assert "single source: convicted at first instance: only IndustriALL Global Union" in detail


async def test_the_watchlist_shows_at_once_and_fills_in_as_each_case_loads(
        watched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()

    def held_rows(entry, **options):
        assert gate.wait(10), "the test never let the cases load"
        return entry_rows(entry, **options)

    monkeypatch.setattr(watchlist_module, "entry_rows", held_rows)
    app = ReaderApp(watched, today=TODAY)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WatchlistScreen)
            # Every case is a row marked as loading, in the folder's order, before any has loaded.
            assert [(item.entry.folder.name, item.loading) for item in screen.table.items] == [
                ("broken", True), ("baltabay", True), ("civic-square", True)]
            assert cell(screen, 2, "status") == "loading…"
            assert "0 of 3 cases loaded" in str(screen.query_one("#watchlist-intro").render())
            gate.set()
            await wait_until(pilot, screen.all_loaded.is_set, "every case loaded")
            await pilot.pause()
            assert rows_of(screen) == CASE_ORDER
            assert "cases loaded" not in str(screen.query_one("#watchlist-intro").render())
    finally:
        gate.set()


async def test_s_sorts_each_way_in_turn_and_the_cursor_stays_on_its_row(watched: Path) -> None:
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        nathan = await cursor_to(pilot, screen, "Nathan Law")
        await pilot.press("s")
        assert screen.sort == "person"
        # The case that did not load comes first in every order but the case's: it has no one to sort by.
        assert rows_of(screen) == [("broken", ""), ("civic-square", "Alex Chow"), ("baltabay", "Erlan Baltabay"),
                                   ("civic-square", "Joshua Wong"), ("civic-square", "Nathan Law")]
        assert screen.table.current == nathan
        assert str(screen.table.columns[screen.table.ordered_columns[1].key].label) == "person ▾"
        await pilot.press("s")  # the status that has stood longest first: the Civic Square verdict of 2018
        assert screen.sort == "since"
        assert [name for _, name in rows_of(screen)] == ["", "Joshua Wong", "Nathan Law", "Alex Chow",
                                                         "Erlan Baltabay"]
        assert screen.table.current == nathan
        assert "Sorted: the status that has stood longest first." in str(
            screen.query_one("#watchlist-intro").render())
        await pilot.press("s", "s", "s")  # the oldest news, the flags, and round to the case's order again
        assert screen.sort == "case" and rows_of(screen) == CASE_ORDER


async def test_a_click_on_a_column_header_sorts_by_that_column(watched: Path) -> None:
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        table = screen.table
        x = 0
        for column in table.ordered_columns:
            if column.key.value == "newest":
                break
            x += column.get_render_width(table)
        await pilot.click(table, offset=(x + 2, 0))
        await pilot.pause()
        assert screen.sort == "age"
        # The oldest news first: Erlan Baltabay's newest source is of 2019, the Civic Square's at most of 2021.
        assert [name for _, name in rows_of(screen)] == ["", "Erlan Baltabay", "Joshua Wong", "Nathan Law",
                                                         "Alex Chow"]


async def test_enter_opens_the_case_narrowed_to_the_person_and_escape_comes_back_to_the_same_row(
        watched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []

    def counted_rows(entry, **options):
        loads.append(entry.folder.name)
        return entry_rows(entry, **options)

    monkeypatch.setattr(watchlist_module, "entry_rows", counted_rows)
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        await pilot.press("s")  # sorted by name, so that coming back must find the row where the sort put it
        nathan = await cursor_to(pilot, screen, "Nathan Law")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the case opens")
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        assert case_screen.case.id == "civic-square"
        assert case_screen.person == "nathan-law"
        assert case_screen.body.status_panel.person == "nathan-law"
        assert "Nathan Law" in case_screen.sub_title

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back on the watchlist")
        # The case opened is loaded again (an edit saved in it must show); the cursor stays on its row.
        await wait_until(pilot, lambda: loads.count("civic-square") == 2, "the case opened loaded again")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.sort == "person"
        assert screen.table.current is not None and screen.table.current.key == nathan.key
        assert screen.table.cursor_row == 4
        assert "Nathan Law" in str(screen.query_one("#watchlist-detail-text").render())


async def test_enter_on_a_case_of_one_person_opens_it_whole_and_on_a_broken_case_its_problems(watched: Path) -> None:
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        await cursor_to(pilot, screen, "Erlan Baltabay")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the case opens")
        assert isinstance(app.screen, CaseScreen) and app.screen.person is None  # nothing to narrow to
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back on the watchlist")
        await pilot.press("home", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the broken case's problems")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back on the watchlist")


async def test_a_big_case_opened_at_a_person_is_narrowed_once_it_has_loaded_behind_its_preview(
        two_people: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "PREVIEW_FROM_BYTES", 0)  # every case counts as big: it opens on a preview
    app = ReaderApp(two_people.parent, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await watchlist_loaded(app, pilot)
        assert [name for _, name in rows_of(screen)] == ["Dana Sample", "Marat Sample"]
        await cursor_to(pilot, screen, "Marat Sample")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the preview")
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        await app.case_loaded.wait()
        await wait_until(pilot, lambda: not case_screen.previewing, "the whole case")
        assert case_screen.person == "marat-sample"
        assert "Marat Sample" in case_screen.sub_title


@pytest.mark.parametrize(("size", "columns"), [
    ((160, 45), ["case", "person", "status", "since", "sources", "newest", "flags"]),
    # Short of room, the columns least needed go; the line under the table has them for the highlighted row.
    ((80, 24), ["case", "person", "status", "since", "flags"]),
])
async def test_the_columns_fit_the_width(watched: Path, size: tuple[int, int], columns: list[str]) -> None:
    app = ReaderApp(watched, today=TODAY)
    async with app.run_test(size=size) as pilot:
        screen = await watchlist_loaded(app, pilot)
        assert [column.key.value for column in screen.table.ordered_columns] == columns
        assert sum(column.get_render_width(screen.table) for column in screen.table.ordered_columns) <= size[0]


@pytest.fixture
def no_cases(tmp_path: Path) -> Iterator[Path]:
    """A folder with nothing in it."""
    folder = tmp_path / "empty"
    folder.mkdir()
    yield folder


async def test_a_folder_with_no_case_is_read_as_a_case_and_says_what_is_missing(no_cases: Path) -> None:
    # The one way a folder is told from a case (reader.load.catalog.cases_in), as `reader check` tells it.
    app = ReaderApp(no_cases, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "case.yaml" in " ".join(str(static.render()) for static in app.screen.query(".problem"))
