"""Snapshots of the reader wide (side by side), narrow and small (tabs), in a dark and a light theme.

Review every change with `pytest --snapshot-report` before accepting it with
`pytest --snapshot-update`. The status's age is counted to a fixed day, so
the snapshots do not change with the calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from reader.ui.app import ReaderApp

SIZES = {"wide": (160, 45), "narrow": (80, 24), "small": (60, 20)}
THEMES = ("textual-dark", "textual-light")
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
