"""The footer shows the keys that matter now, and is rebuilt only when they change."""

from __future__ import annotations

from typing import Any

from reader.ui.app import ReaderApp
from reader.ui.widgets.footer import KeysFooter


def footer_keys(app: ReaderApp) -> list[Any]:
    # By type name: Textual does not export FooterKey from textual.widgets.
    return list(app.screen.query_one(KeysFooter).query("FooterKey"))


async def test_moving_between_sources_keeps_the_footer_and_the_search_box_changes_it() -> None:
    app = ReaderApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        before = footer_keys(app)
        assert before and any(key.description == "Search" for key in before)
        await pilot.press("right_square_bracket")  # the other source's view takes the keyboard
        await pilot.pause()
        assert app.screen.deck.active_source == "industriall"
        assert footer_keys(app) == before  # the very same widgets: nothing was rebuilt
        await pilot.press("slash")  # the search box has keys of its own
        await pilot.pause()
        during = footer_keys(app)
        assert [key.description for key in during] != [key.description for key in before]
        await pilot.press("escape")
        await pilot.pause()
        assert [key.description for key in footer_keys(app)] == [key.description for key in before]


async def test_the_palette_key_follows_the_width() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(key.has_class("-command-palette") for key in footer_keys(app))
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert not any(key.has_class("-command-palette") for key in footer_keys(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert any(key.has_class("-command-palette") for key in footer_keys(app))
