"""Snapshots of the reader wide (side by side), narrow and small (tabs), in a dark and a light theme.

Review every change with `pytest --snapshot-report` before accepting it with
`pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest

from reader.ui.app import ReaderApp

SIZES = {"wide": (160, 45), "narrow": (80, 24), "small": (60, 20)}
THEMES = ("textual-dark", "textual-light")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_bundled_case(snap_compare, size: str, theme: str) -> None:
    async def set_theme(pilot) -> None:
        pilot.app.theme = theme
        await pilot.pause()

    assert snap_compare(ReaderApp(), terminal_size=SIZES[size], run_before=set_theme)
