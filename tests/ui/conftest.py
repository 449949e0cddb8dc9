"""Fixtures for the UI tests (their helpers live in :mod:`tests.support`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App

from reader.paths import bundled_cases, default_case
from tests.support.sample_pair import write_two_people


@pytest.fixture
def notified(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification's message, in order, recorded as it reaches Textual's ``App.notify``."""
    messages: list[str] = []
    notify = App.notify

    def recording_notify(self: App[object], message: str, *args: object, **options: object) -> None:
        messages.append(message)
        notify(self, message, *args, **options)

    monkeypatch.setattr(App, "notify", recording_notify)
    return messages


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled case that a test may edit and save."""
    copy = tmp_path / "baltabay"
    shutil.copytree(default_case(), copy)
    return copy


@pytest.fixture
def two_people(tmp_path: Path) -> Path:
    """A case that follows two people, with an event whose date two sources dispute (tests.support.sample_pair)."""
    return write_two_people(tmp_path / "two-people")


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    """A folder of cases for the watchlist: copies of both bundled cases, and one whose case.yaml is not YAML."""
    folder = tmp_path / "cases"
    for case in ("baltabay", "civic-square"):
        shutil.copytree(bundled_cases() / case, folder / case)
    (folder / "broken").mkdir()
    (folder / "broken" / "case.yaml").write_text("case: [\n", encoding="utf-8")
    return folder
