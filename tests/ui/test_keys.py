"""The keys (issue 20): the footer at every width, j/k/g/G in every list, the help overlay, the search count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static
from textual.widgets._select import SelectOverlay

from reader.model.search import TextSearch
from reader.paths import bundled_cases
from reader.ui.app import ReaderApp
from reader.ui.key_groups import GROUPS, help_sections
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.cross_view import CrossView
from reader.ui.screens.help import HelpKeys, HelpScreen
from reader.ui.widgets.footer import KeysFooter
from tests.support.pilot import screen_of, status_line, view_of, wait_until

SIZES = [(160, 45), (120, 40), (80, 24), (60, 20)]


def footer_words(app: App[Any]) -> tuple[list[str], list[str]]:
    """The footer's keys as shown, and its labels (each key's, and each group's)."""
    footer = app.screen.query_one(KeysFooter)
    keys = [key.key_display for key in footer.query("FooterKey") if not key.has_class("-command-palette")]
    labels = [key.description for key in footer.query("FooterKey") if key.description]
    labels += [str(label.render()) for label in footer.query("FooterLabel")]
    return keys, labels


def footer_fits(app: App[Any]) -> bool:
    """Whether every key of the footer is on screen: none runs off its right end, or under the palette's key."""
    footer = app.screen.query_one(KeysFooter)
    palette = sum(key.outer_size.width for key in footer.query("FooterKey.-command-palette"))
    shown = sum(child.outer_size.width for child in footer.children if not child.has_class("-command-palette"))
    return shown + palette <= footer.size.width


@pytest.mark.parametrize("size", SIZES)
async def test_the_case_screens_footer_offers_the_views_and_fits_the_width(size: tuple[int, int]) -> None:
    app = ReaderApp(bundled_cases() / "civic-square")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        keys, labels = footer_words(app)
        assert {"o", "d", "w", "t", "/", "?"} <= set(keys)
        if size[0] >= 140:  # room for every key's label, p (three people here) and q among them
            assert {"Coverage", "Differences", "Voices", "Timeline", "Person", "Quit"} <= set(labels)
        else:  # the views under one label
            assert "Views" in labels and "Coverage" not in labels
        assert footer_fits(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (50, 20)])
async def test_a_view_has_the_fitted_footer_too(size: tuple[int, int]) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, CrossView), "the coverage view")
        await pilot.pause()
        keys, _labels = footer_words(app)
        # o closes the coverage view itself (Esc says so in the footer); the other views' keys open them.
        assert {"d", "w", "t", "esc"} <= set(keys) and "o" not in keys
        assert footer_fits(app)


def position(widget: Widget) -> int | None:
    """Where a list's cursor is: an option list's highlighted option, a table's cursor row."""
    if isinstance(widget, OptionList):
        return widget.highlighted
    assert isinstance(widget, DataTable)
    return widget.cursor_row


def ends(widget: Widget) -> tuple[int, int]:
    """The first and last rows a list's cursor can be on (an option list skips its disabled headings)."""
    if isinstance(widget, OptionList):
        enabled = [index for index in range(widget.option_count) if not widget.get_option_at_index(index).disabled]
        return enabled[0], enabled[-1]
    assert isinstance(widget, DataTable)
    return 0, widget.row_count - 1


LISTS = [
    ("entity panel", (), "#entity-list"),
    ("sidebar timeline", (), "#timeline"),
    ("differences", ("d",), "#difference-list"),
    ("voices", ("w",), "#voice-list"),
    ("coverage", ("o",), "CoverageTable"),
    ("timeline", ("t",), "#timeline-table"),
]


@pytest.mark.parametrize(("name", "keys", "selector"), LISTS, ids=[name for name, _, _ in LISTS])
async def test_j_k_g_and_G_move_the_cursor_in_every_list(name: str, keys: tuple[str, ...], selector: str) -> None:
    app = ReaderApp(bundled_cases() / "civic-square")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await wait_until(pilot, lambda: app.screen.query(selector), name)
        widget = app.screen.query_one(selector)
        widget.focus()
        await pilot.pause()
        first, last = ends(widget)
        await pilot.press("G")
        assert position(widget) == last
        await pilot.press("g")
        assert position(widget) == first
        await pilot.press("j")
        after_j = position(widget)
        assert after_j is not None and after_j > first
        await pilot.press("k")
        assert position(widget) == first


async def test_j_and_k_move_through_the_watchlist(watched: Path) -> None:
    app = ReaderApp(watched)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 2, "the watchlist filled")
        table.focus()
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0


def help_rows(app: App[Any]) -> dict[str, list[tuple[str, str]]]:
    """The help's groups as shown: each group's title and its rows (keys, words)."""
    shown: dict[str, list[tuple[str, str]]] = {}
    for section in app.screen.query(".help-section"):
        title = str(section.query_one(".help-title", Static).render())
        shown[title] = [(row.keys, row.description) for row in section.query_one(HelpKeys).rows]
    return shown


@pytest.mark.parametrize("size", [(160, 45), (80, 24), (60, 20)])
async def test_the_help_is_an_overlay_grouped_with_only_the_sources_there_are(size: tuple[int, int]) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        deck_width = screen.deck.region.width
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help opened")
        await pilot.pause()
        shown = help_rows(app)
        titles = list(shown)
        assert titles == [group for group in GROUPS if group in titles]  # in the groups' order
        assert {"Reading", "Sources", "Views", "Annotating", "General"} <= set(titles)
        sources = [keys for keys, _ in shown["Sources"] if keys.isdigit()]
        assert sources == ["1", "2"]  # the bundled case's two, not 1-9
        assert ("1", "Source 1: The Organization for World Peace") in shown["Sources"]
        assert {keys for keys, _ in shown["Views"]} == {"o", "d", "w", "t"}
        box = app.screen.query_one("#help-box")
        assert box.region.bottom <= size[1] and box.region.right <= size[0], "the help stays on the screen"
        assert screen.deck.region.width == deck_width, "the sources are not squeezed"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "Esc closed the help")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help opened again")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: app.screen is screen, "? closed the help")


async def test_the_help_lists_the_nine_source_keys_of_a_big_case_and_scrolls_with_j_and_G() -> None:
    app = ReaderApp(bundled_cases() / "civic-square")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help opened")
        await pilot.pause()
        assert [keys for keys, _ in help_rows(app)["Sources"] if keys.isdigit()] == [str(n) for n in range(1, 10)]
        sections = app.screen.query_one("#help-sections")
        assert sections.max_scroll_y > 0  # it does not fit 80x24: it scrolls
        await pilot.press("j")
        await wait_until(pilot, lambda: sections.scroll_y == 1, "j scrolled the help")
        await pilot.press("G")
        await wait_until(pilot, lambda: sections.scroll_y == sections.max_scroll_y, "G went to the end")


async def test_a_new_key_shows_in_the_help_without_editing_it() -> None:
    class WithNewKey(App[None]):
        BINDINGS = [Binding("u", "suggest", "Suggest", tooltip="Names no one has annotated yet")]

    app = WithNewKey()
    async with app.run_test() as pilot:
        await pilot.pause()
        sections = dict(help_sections(app.screen))
        assert ("u", "Names no one has annotated yet") in [(row.keys, row.description)
                                                          for row in sections["Other keys"]]


def search_count(app: App[Any]) -> str:
    return str(app.screen.query_one("#search-count", Static).render())


async def test_the_search_line_counts_and_marks_the_matches_as_you_type() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        total = len(TextSearch(screen.case).find("kaz"))
        await pilot.press("slash", "k", "a", "z")
        await pilot.pause()
        assert str(app.screen.query_one("#search-prompt", Static).render()) == "/"
        assert search_count(app) == f"1 of {total}"
        # Marked before Enter, in the source on screen.
        assert view_of(app, "owp").matches
        await pilot.press("x")
        await pilot.pause()
        assert search_count(app) == "no match"
        assert not view_of(app, "owp").matches


async def test_the_count_names_the_match_enter_goes_to() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("G")  # the end of the first source: the next match is in the second
        await pilot.press("slash", *"kaz")
        await pilot.pause()
        at, _, total = search_count(app).partition(" of ")
        assert int(at) > 1
        await pilot.press("enter")
        await pilot.pause()
        assert status_line(app).startswith(f"Match {at} of {total} ")


async def test_the_voices_filter_shows_every_option_at_once() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await wait_until(pilot, lambda: app.screen.query("#voices-filter"), "the voices view")
        await pilot.press("f")
        overlay = app.screen.query_one(SelectOverlay)
        await wait_until(pilot, lambda: overlay.display and overlay.region.height > 0, "the filter's options")
        assert overlay.option_count == 3  # everyone, and only in each of the two sources
        assert overlay.scrollable_content_region.height >= overlay.option_count


async def test_a_source_key_past_the_last_source_does_nothing_and_the_others_still_work() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await pilot.press("9")  # no ninth source: nothing happens
        await pilot.press("2")
        await pilot.pause()
        assert screen.deck.active_source == "industriall"
