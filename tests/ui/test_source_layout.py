"""Pane titles, tabs, the timeline's sources and the rows around the text, at the sizes people use.

The four-source case (tests.support.four_sources) has two sources from
each of two publishers; the Civic Square case fifteen from six.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Tab, Tabs

from reader.paths import bundled_cases, default_case
from reader.ui.app import ReaderApp
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.timeline_table import TimelineTable
from tests.support.four_sources import four_sources_case
from tests.support.pilot import screen_of, wait_until

TODAY = dt.date(2026, 11, 26)
SIZES = [(160, 45), (120, 40), (80, 24), (60, 20)]


def told_numbers(text: str) -> set[int]:
    """The source numbers a "Told by" cell lists: "1–4,7 only" is {1, 2, 3, 4, 7}."""
    numbers: set[int] = set()
    for part in text.removeprefix("only ").replace(" ", "").split(","):
        if "–" in part:
            first, last = part.split("–")
            numbers.update(range(int(first), int(last) + 1))
        elif part:
            numbers.add(int(part))
    return numbers


@pytest.fixture
def four(tmp_path: Path) -> Path:
    return four_sources_case(tmp_path / "four")


async def test_two_sources_of_one_publisher_have_titles_and_tabs_that_tell_them_apart(four: Path) -> None:
    app = ReaderApp(four, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        deck = screen_of(app).deck
        titles = []
        for number in range(1, 5):
            await pilot.press(str(number))
            await wait_until(pilot, lambda n=number: deck.active_source == deck.source_ids[n - 1], "source active")
            titles.append(str(deck.pane(deck.active_source).border_title))
        assert len(set(titles)) == 4, titles
        assert "15 Aug 2016" in titles[0] and "21 Sep 2016" in titles[1]
        labels = [str(tab.label) for tab in app.screen.query_one("#source-tabs", Tabs).query(Tab)]
        assert len(set(labels)) == 4 and [label.split()[0] for label in labels] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("case", ["four", "baltabay"])
async def test_no_pane_title_loses_its_date_at_160_columns(case: str, four: Path) -> None:
    app = ReaderApp(four if case == "four" else default_case(), today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        deck = screen_of(app).deck
        shown = [pane for pane in app.screen.query(SourcePane) if pane.display and pane.has_class("-shown")]
        assert len(shown) == 2
        for pane in shown:
            title = Content.from_markup(pane.border_title or "").plain
            assert deck.labels[pane.source.id].date in title
            # Drawn whole: the border's corners and a space either side of the title take six cells.
            assert len(title) <= pane.size.width - 6


@pytest.mark.parametrize("size", SIZES)
async def test_every_tab_is_on_screen_whichever_source_is_active(size: tuple[int, int], four: Path) -> None:
    app = ReaderApp(four, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one("#source-tabs", Tabs)
        assert tabs.display
        for number in (4, 1, 3, 2):
            await pilot.press(str(number))
            await wait_until(pilot, lambda n=number: tabs.active == f"tab-{screen_of(app).deck.source_ids[n - 1]}",
                             "tab active")
            await pilot.pause()
            strip = tabs.region
            for tab in tabs.query(Tab):
                region = tab.region
                assert region.width > 0 and strip.x <= region.x and region.right <= strip.right, (number, tab.id)
            # The active source's tab is whole.
            active = tabs.query_one(f"#{tabs.active}", Tab)
            assert "…" not in str(active.label)


async def test_the_timeline_lists_every_source_that_tells_an_event(four: Path) -> None:
    app = ReaderApp(four, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline")
        table = app.screen.query_one(TimelineTable)
        await wait_until(pilot, lambda: table.row_count > 0, "the timeline's rows")
        storming = next(i for i, row in enumerate(table.rows_data) if row.step.event.id == "civic-square-storming")
        assert str(table.get_cell(str(storming), "sources")) == "1–4"


async def test_the_civic_square_timeline_drops_no_source_of_any_event() -> None:
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline")
        table = app.screen.query_one(TimelineTable)
        await wait_until(pilot, lambda: table.row_count > 0, "the timeline's rows")
        numbers = {source_id: n for n, source_id in enumerate(table.case.sources, start=1)}
        four_or_more = 0
        for index, row in enumerate(table.rows_data):
            told = told_numbers(str(table.get_cell(str(index), "sources")))
            assert told == {numbers[s] for s in row.source_ids}, row.step.event.id
            four_or_more += len(told) >= 4
        assert four_or_more  # the case has events told by four sources and more


@pytest.mark.parametrize(("size", "least"), [((80, 24), 19), ((60, 20), 15)])
async def test_a_short_terminal_gives_its_rows_to_the_text(size: tuple[int, int], least: int, four: Path) -> None:
    app = ReaderApp(four, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = screen_of(app).deck.view(screen_of(app).deck.active_source)
        assert isinstance(view, SourceView)
        assert view.size.height >= least
