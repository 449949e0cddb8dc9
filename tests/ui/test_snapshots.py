"""Snapshots of the reader wide (side by side), narrow and small (tabs), in a dark and a light theme.

Review every change with `pytest --snapshot-report` before accepting it with
`pytest --snapshot-update`. The status's age is counted to a fixed day, so
the snapshots do not change with the calendar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.paths import bundled_cases
from reader.ui.app import ReaderApp
from tests.support.cases import forty_sources
from tests.support.four_sources import four_sources_case
from tests.support.pilot import wait_until

SIZES = {"wide": (160, 45), "narrow": (80, 24), "small": (60, 20)}
THEMES = ("reader-dark", "reader-light")
TODAY = dt.date(2026, 11, 26)


def themed(theme: str, *keys: str):
    """A run_before that sets the theme, then presses ``keys``."""

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_bundled_case(snap_compare, size: str, theme: str) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES[size], run_before=themed(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_an_entity_selected_and_its_next_mention(snap_compare, theme: str) -> None:
    # Tab to the entity list, pick the first person, then n to the next mention.
    keys = ("shift+tab", "down", "n", "n")
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["wide"], run_before=themed(theme, *keys))


@pytest.mark.parametrize("theme", THEMES)
def test_narrow_entity_panel(snap_compare, theme: str) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["narrow"],
                        run_before=themed(theme, "e", "down"))


@pytest.mark.parametrize("theme", THEMES)
def test_narrow_search(snap_compare, theme: str) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["narrow"],
                        run_before=themed(theme, "slash", *"union", "enter", "n"))


@pytest.mark.parametrize("theme", THEMES)
def test_narrow_search_while_typing(snap_compare, theme: str) -> None:
    # The / prompt, the count beside the box, the matches marked before Enter.
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["narrow"],
                        run_before=themed(theme, "slash", *"union"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ("wide", "narrow"))
def test_help_over_the_case(snap_compare, size: str, theme: str) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES[size],
                        run_before=themed(theme, "question_mark"))


# -- the cross-source views ----------------------------------------------------

#: Each view, and the keys that put its cursor somewhere telling: coverage on OWP's cell of the third
#: event, the differences and the voices on their second row, the timeline on the sentence of July 2019.
VIEW_KEYS = {"o": ("o", "down", "down"), "d": ("d", "down"), "w": ("w", "down"), "t": ("t", *("down",) * 8)}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ("wide", "narrow"))
@pytest.mark.parametrize("view", VIEW_KEYS)
def test_each_view(snap_compare, view: str, size: str, theme: str) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES[size], run_before=themed(theme, *VIEW_KEYS[view]))


@pytest.mark.parametrize("view", VIEW_KEYS)
def test_each_view_of_fifteen_sources(snap_compare, view: str) -> None:
    # The many-source case: Civic Square's fifteen reports from six publishers, wide.
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)
    assert snap_compare(app, terminal_size=SIZES["wide"], run_before=themed("reader-dark", *VIEW_KEYS[view]))


def test_differences_narrow(snap_compare) -> None:
    # A side of the second difference, whose sides are both in IndustriALL.
    keys = ("d", "down", "down", "down", "down")
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["narrow"],
                        run_before=themed("reader-dark", *keys))


def test_voices_only_in_one_source(snap_compare) -> None:
    # The filter set to what only IndustriALL states: its single-source events, then its own voices.
    keys = ("w", "f", "down", "down", "enter")
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["wide"],
                        run_before=themed("reader-light", *keys))


def test_small_timeline(snap_compare) -> None:
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["small"],
                        run_before=themed("reader-light", "t"))


def test_sidebar_status_focused_after_marking_its_passages(snap_compare) -> None:
    # Tab to the person's status, Enter: the passages behind it are marked in the source (which takes the
    # keyboard); one tab back to the status, focused.
    keys = ("tab", "tab", "enter", "tab")
    assert snap_compare(ReaderApp(today=TODAY), terminal_size=SIZES["wide"],
                        run_before=themed("reader-dark", *keys))


def test_coverage_of_more_sources_than_fit(snap_compare) -> None:
    # Forty sources at 120 columns: a page of them, then ] for the next page.
    assert snap_compare(forty_sources(TODAY), terminal_size=(120, 30),
                        run_before=themed("reader-dark", "o", "down", "right_square_bracket"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_four_sources_from_two_publishers(snap_compare, tmp_path: Path, size: str, theme: str) -> None:
    # Tabs that all fit and tell one publisher's sources apart; narrow, the rows a short terminal gives the text.
    app = ReaderApp(result=load_case(four_sources_case(tmp_path / "four")), today=TODAY)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=themed(theme, "3"))


# -- a case of two people ------------------------------------------------------

@pytest.mark.parametrize("theme", THEMES)
def test_two_people_each_with_a_status_block(snap_compare, two_people: Path, theme: str) -> None:
    app = ReaderApp(result=load_case(two_people), today=TODAY)
    assert snap_compare(app, terminal_size=SIZES["wide"], run_before=themed(theme))


def test_two_people_narrowed_to_one_on_a_disputed_date(snap_compare, two_people: Path) -> None:
    # Narrowed to Dana Sample, the timeline view with the cursor on the first of the appeal's two dates.
    app = ReaderApp(result=load_case(two_people), today=TODAY)
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=themed("reader-dark", "p", "t", "down", "down", "down"))


# -- the second bundled case: three people, bail, prison quashed on appeal ------

@pytest.mark.parametrize("theme", THEMES)
def test_civic_square_each_person_and_their_ended_measures(snap_compare, theme: str) -> None:
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)
    assert snap_compare(app, terminal_size=SIZES["wide"], run_before=themed(theme))


def test_civic_square_timeline_narrowed_to_nathan_law(snap_compare) -> None:
    # p twice: Joshua Wong, then Nathan Law; his events only, the verdict at each of its two dates.
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)
    assert snap_compare(app, terminal_size=SIZES["wide"], run_before=themed("reader-dark", "p", "p", "t"))


@pytest.mark.parametrize("theme", THEMES)
def test_civic_square_suggestions_narrow(snap_compare, theme: str) -> None:
    # u: what no entity covers ("79-day", "Occupy", "2014"), in a look of their own, worked out in a thread.
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)

    async def run_before(pilot) -> None:
        await themed(theme, "u")(pilot)
        await wait_until(pilot, lambda: pilot.app.screen.suggester.suggestions, "the suggestions shown")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES["narrow"], run_before=run_before)


# -- a folder of cases: the watchlist ------------------------------------------

@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ("wide", "narrow"))
def test_watchlist_of_both_bundled_cases_and_a_broken_one(snap_compare, watched: Path, size: str, theme: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # Opened from the folder's parent, so the folder shows as `cases` whatever the temporary path. Every case
    # loaded, the cursor on Erlan Baltabay: his flags, each coloured by how serious, and their why below.
    monkeypatch.chdir(watched.parent)

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        screen = pilot.app.screen
        await wait_until(pilot, screen.all_loaded.is_set, "every case of the folder loaded")
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(ReaderApp(Path("cases"), today=TODAY), terminal_size=SIZES[size], run_before=run_before)
