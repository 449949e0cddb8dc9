"""Remembered settings and the watchlist of a folder of cases, with Pilot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from reader.paths import default_case
from reader.settings import SettingsStore
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.watchlist import WatchlistScreen


async def test_theme_and_highlight_choices_are_remembered(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    app = ReaderApp(settings=store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.click(".legend-chip.-place")
        app.theme = "reader-light"
        await pilot.pause()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved == {"theme": "reader-light", "hidden_types": ["place"]}

    again = ReaderApp(settings=SettingsStore(store.path))
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert again.theme == "reader-light"
        screen = again.screen
        assert isinstance(screen, CaseScreen)
        assert screen.hidden_types == {"place"} and screen.show_highlights
        assert all(view.hidden_types == {"place"} for view in screen.query("SourceView"))


async def test_textual_own_dark_and_light_themes_saved_before_open_as_the_readers(tmp_path: Path) -> None:
    # The reader ships its own two themes (reader/ui/themes.py); one saved with Textual's opens as the reader's.
    path = tmp_path / "settings.json"
    for saved, opened in (("textual-light", "reader-light"), ("textual-dark", "reader-dark"), ("nord", "nord"),
                          ("no-such-theme", "reader-dark")):
        path.write_text(json.dumps({"theme": saved}), encoding="utf-8")
        app = ReaderApp(settings=SettingsStore(path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == opened, saved


async def test_all_highlights_off_lasts_only_while_the_case_is_open(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    app = ReaderApp(settings=store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.click(".legend-chip.-law")  # one type off: remembered
        await pilot.press("h")  # every highlight off: not remembered
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert not screen.show_highlights and screen.hidden_types == {"law"}
    assert json.loads(store.path.read_text(encoding="utf-8")) == {"theme": None, "hidden_types": ["law"]}

    again = ReaderApp(settings=SettingsStore(store.path))
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, CaseScreen)
        assert screen.show_highlights and screen.hidden_types == {"law"}
        assert all(view.show_highlights and view.hidden_types == {"law"} for view in screen.query("SourceView"))


async def test_a_corrupt_settings_file_gives_a_warning_not_a_crash(tmp_path: Path, notified: list[str]) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": 3', encoding="utf-8")
    app = ReaderApp(settings=SettingsStore(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert any("Ignored the settings file" in message and str(path) in message for message in notified)
        app.theme = "textual-light"  # the first save keeps the unreadable file aside
        await pilot.pause()
    assert (tmp_path / "settings.json.corrupt").read_text(encoding="utf-8") == '{"theme": 3'
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "textual-light"


async def test_a_folder_of_cases_opens_on_its_watchlist_and_escape_comes_back(tmp_path: Path) -> None:
    shutil.copytree(default_case(), tmp_path / "baltabay")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "case.yaml").write_text("case: [\n", encoding="utf-8")
    app = ReaderApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen)
        assert [entry.folder.name for entry in app.screen.cases] == ["broken", "baltabay"]
        await pilot.press("down", "enter")  # the Baltabay case
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.title == "Erlan Baltabay, Kazakh union leader"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen)
        await pilot.press("up", "enter")  # the broken one shows its problems
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("q")
    assert app.return_code == 1
