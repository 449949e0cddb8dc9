"""On a big case, an edit is checked in a thread: the reader reads on meanwhile, and nothing is lost.

The bundled case checks in milliseconds, so these tests make every case
count as big, and hold each check until the test lets it go: what the
screen does while a check runs can then be seen, not raced.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from reader.edit import ops
from reader.edit import session as session_module
from reader.load.case_loader import load_case
from reader.paths import default_case
from reader.ui.app import ReaderApp
from reader.ui.screens import editing
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.dialogs import Choose, ShowProblems
from reader.ui.screens.watchlist import WatchlistScreen
from tests.support.pilot import (
    SIZE,
    TODAY,
    add_kazakhstan_again,
    add_president_alias,
    choose,
    screen_of,
    select,
    status_line,
    wait_until,
)

TOKAYEV = "kassym-jomart-tokayev"
ALIAS_EDIT = "add “Kazak President” as a name of Kassym-Jomart Tokayev"


@pytest.fixture
def held_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every edit checked in a thread, as on a big case; each check waits until the event is set."""
    monkeypatch.setattr(editing, "CHECK_IN_THREAD_FROM", 0)
    release = threading.Event()
    load = session_module.load_case

    def held(*args: object, **kwargs: object) -> object:
        assert release.wait(timeout=20), "the test never let the check go"
        return load(*args, **kwargs)

    monkeypatch.setattr(session_module, "load_case", held)
    yield release
    release.set()  # a test that failed half-way must not leave a thread waiting


async def checked(pilot, screen: CaseScreen) -> None:
    """Wait (in the app's own time) until the screen's check is done."""
    annotator = screen.annotator
    await wait_until(pilot, lambda: annotator.checking is None, f"the end of the check after “{annotator.checking}”")
    await pilot.pause()


async def test_the_reader_reads_on_while_an_edit_is_checked(folder: Path, held_checks: threading.Event) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await add_president_alias(pilot)
        assert screen.annotator.checking == ALIAS_EDIT
        assert status_line(screen).startswith(f"Checking the case after “{ALIAS_EDIT}”")
        assert "Kazak President" not in screen.case.entities[TOKAYEV].aliases  # not yet

        await pilot.press("]")  # the keys still work: the next source
        await pilot.pause()
        assert screen.deck.active_source == "industriall"
        await pilot.press("ctrl+z")  # but no other change starts
        await pilot.pause()
        assert status_line(screen).startswith("Still checking the case after")
        select(app, "owp", "Kazak President")
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen  # no dialog to fill in for nothing

        held_checks.set()
        await checked(pilot, screen)
        assert "Kazak President" in screen.case.entities[TOKAYEV].aliases
        assert status_line(screen).startswith("Add “Kazak President” as a name of Kassym-Jomart Tokayev · ctrl+s saves")
        session = screen.annotator.session
        assert session is not None and [path.name for path in session.unsaved] == ["entities.yaml"]

        await pilot.press("ctrl+z")  # undo goes through the same check
        await pilot.pause()
        await checked(pilot, screen)
        assert "Kazak President" not in screen.case.entities[TOKAYEV].aliases
        assert status_line(screen).startswith(f"Undone: {ALIAS_EDIT}")


async def test_an_edit_refused_by_the_check_in_a_thread_says_why(folder: Path, held_checks: threading.Event) -> None:
    held_checks.set()
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await add_kazakhstan_again(pilot)
        await checked(pilot, screen)
        assert isinstance(app.screen, ShowProblems)
        assert "Kazakhstan" in " ".join(str(problem.message) for problem in app.screen.problems)
        await pilot.press("escape")
        assert screen.annotator.session is not None and screen.annotator.session.unsaved == []
        assert status_line(screen) == screen.status_line.summary()  # "Checking…" went with the check


async def test_quitting_while_an_edit_is_checked_waits_then_asks(folder: Path, held_checks: threading.Event) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await add_president_alias(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert status_line(screen).startswith(f"Checking the case after “{ALIAS_EDIT}” before you quit")
        held_checks.set()
        await checked(pilot, screen)
        await wait_until(pilot, lambda: app.screen is not screen, "the question about the unsaved edit")
        assert isinstance(app.screen, Choose)  # the checked edit is an unsaved edit: save it?
        await choose(pilot, "save")
        await pilot.pause()
    assert app.return_code == 0
    assert "Kazak President" in load_case(folder).case.entities[TOKAYEV].aliases


async def test_leaving_a_case_for_the_list_asks_about_unsaved_edits(tmp_path: Path) -> None:
    shutil.copytree(default_case(), tmp_path / "baltabay")
    app = ReaderApp(tmp_path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await add_president_alias(pilot)
        await pilot.press("escape")  # nothing left to clear: Esc leaves the case
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert [option.prompt for option in app.screen.query_one("OptionList").options][:2] == [
            "Save, then leave", "Leave without saving"]
        await choose(pilot, "cancel")
        assert isinstance(app.screen, CaseScreen)  # still reading, the edit still there
        assert "Kazak President" in app.screen.case.entities[TOKAYEV].aliases
        await pilot.press("escape")
        await pilot.pause()
        await choose(pilot, "discard")
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen)
    assert "Kazak President" not in load_case(tmp_path / "baltabay").case.entities[TOKAYEV].aliases


async def test_a_bug_in_the_checks_thread_ends_the_reader_with_its_traceback(
        folder: Path, held_checks: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the checker")

    monkeypatch.setattr(session_module, "load_case", broken)
    app = ReaderApp(folder, today=TODAY)
    # What the app ends with, as Textual's App.panic is given it to print once the screen is closed.
    panicked = asyncio.Event()
    shown = Console(file=io.StringIO(), width=200)
    panic = app.panic

    def recording_panic(*renderables: RenderableType) -> None:
        for renderable in renderables:
            shown.print(renderable)
        panicked.set()
        panic(*renderables)

    monkeypatch.setattr(app, "panic", recording_panic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The edit is asked for directly: Pilot would wait for an app that has ended.
        screen_of(app).annotator.edit("add a name",
                                      lambda case, texts: ops.add_alias(case, texts, TOKAYEV, "Kazak President"))
        await asyncio.wait_for(panicked.wait(), timeout=10)  # the app's own event, not a poll
        text = shown.file.getvalue()
        assert "RuntimeError" in text and "a bug in the checker" in text
    assert not app.is_running  # ended, not left waiting for a check that will never come
