"""Remembered settings: atomic saves, and a corrupt file that is ignored and kept."""

from __future__ import annotations

import json
from pathlib import Path

from reader.load.catalog import list_cases
from reader.settings import Settings, SettingsStore, config_dir


def test_settings_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "sub" / "settings.json")
    assert store.load() == (Settings(), None)  # no file yet: defaults, no warning
    assert store.save(Settings(theme="textual-light", hidden_types=["law"])) is None
    assert SettingsStore(store.path).load() == (Settings("textual-light", ["law"]), None)
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temporary file left


def test_config_dir_follows_the_override(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    assert SettingsStore().path == tmp_path / "settings.json"


def test_a_corrupt_file_is_ignored_with_a_warning_and_kept_aside_on_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    store = SettingsStore(path)
    settings, warning = store.load()
    assert settings == Settings()
    assert warning is not None and str(path) in warning and "defaults" in warning
    assert path.read_text(encoding="utf-8") == "{not json"  # loading never touches it
    assert store.save(Settings(theme="nord")) is None
    assert (tmp_path / "settings.json.corrupt").read_text(encoding="utf-8") == "{not json"
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "nord"


def test_a_field_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"hidden_types": "law"}', encoding="utf-8")
    settings, warning = SettingsStore(path).load()
    assert settings == Settings()
    assert warning is not None and "hidden_types" in warning


def test_an_older_files_all_highlights_off_is_ignored(tmp_path: Path) -> None:
    # Readers before issue 20 saved h (every highlight off); now it lasts only while the case is open.
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "nord", "show_highlights": false, "hidden_types": ["law"]}', encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == (Settings("nord", ["law"]), None)
    assert store.save(Settings("nord", ["law"])) is None
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "nord", "hidden_types": ["law"]}


def test_a_save_that_cannot_be_written_returns_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    error = SettingsStore(blocker / "settings.json").save(Settings())
    assert error is not None and "Could not save the settings" in error


def test_list_cases_finds_case_folders_with_their_titles(tmp_path: Path, case_dir: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "case.yaml").write_text("case: [", encoding="utf-8")
    (tmp_path / "not-a-case").mkdir()
    entries = list_cases(tmp_path)
    assert [entry.folder.name for entry in entries] == ["broken", "case"]
    assert entries[0].problem is not None and entries[1].problem is None
    assert entries[1].title  # the title from case.yaml
    assert list_cases(tmp_path / "not-a-case") == []
