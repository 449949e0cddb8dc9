"""A save that fails, in the reader: it says why, keeps the edit, retries, saves elsewhere, still asks on quit.

The disk is made to fail the way a full or read-only one does (the tests
run as root, which ignores permission bits): ``os.replace`` raises the
system's error. A folder or a named pipe in a case file's place is real.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.edit import session as session_module
from reader.load.case_loader import load_case
from reader.ui.app import ReaderApp
from reader.ui.screens.dialogs import Choose, Form
from tests.support.pilot import SIZE, TODAY, add_president_alias, choose, screen_of

ALIAS = "Kazak President"



def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def saved_aliases(folder: Path) -> list[str]:
    case = load_case(folder).case
    assert case is not None
    return case.entities["kassym-jomart-tokayev"].aliases


async def test_a_failed_save_says_why_keeps_the_edit_and_retry_saves_once_the_disk_has_room(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entities = folder / "entities.yaml"
    before = entities.read_bytes()
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.annotator.disk_timer.pause()
        await add_president_alias(pilot)
        monkeypatch.setattr(session_module.os, "replace", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        dialog = app.screen
        assert isinstance(dialog, Choose) and dialog.dialog_title == "Could not save entities.yaml"
        assert f"Could not save {entities}: No space left on device (ENOSPC)" in dialog.detail
        assert [n.message for n in app._notifications] == [
            f"Could not save {entities}: No space left on device (ENOSPC)"]
        assert entities.read_bytes() == before  # the file on disk is as it was
        await choose(pilot, "retry")  # the disk is still full: asked again
        assert isinstance(app.screen, Choose) and app.screen.dialog_title == "Could not save entities.yaml"
        await choose(pilot, "cancel")
        assert app.screen is screen and screen.annotator.unsaved_files == [entities]  # the edit is still there
        assert ALIAS in screen.case.entities["kassym-jomart-tokayev"].aliases
        monkeypatch.undo()  # room on the disk again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.annotator.unsaved_files == []
    assert ALIAS in saved_aliases(folder)


async def test_save_to_another_folder_asks_before_replacing_and_quitting_still_asks(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "rescued"
    elsewhere.mkdir()
    (elsewhere / "entities.yaml").write_text("someone else's\n", encoding="utf-8")
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.annotator.disk_timer.pause()
        await add_president_alias(pilot)
        monkeypatch.setattr(session_module.os, "replace", disk_full)
        await pilot.press("q")  # quitting with unsaved edits asks…
        await pilot.pause()
        await choose(pilot, "save")  # …and "save, then quit" meets the full disk
        assert isinstance(app.screen, Choose) and app.screen.dialog_title == "Could not save entities.yaml"
        monkeypatch.undo()  # the other folder is on a disk with room
        await choose(pilot, "elsewhere")
        form = app.screen
        assert isinstance(form, Form)
        form.query_one("#field-folder", Input).value = str(elsewhere)
        await pilot.press("ctrl+s")
        await pilot.pause()
        clash = app.screen
        assert isinstance(clash, Choose) and clash.dialog_title == "Replace entities.yaml?"
        assert (elsewhere / "entities.yaml").read_text(encoding="utf-8") == "someone else's\n"
        await choose(pilot, "replace")
    # Saved elsewhere, the edits are safe: "save, then quit" quits.
    assert app.return_code == 0
    assert ALIAS in (elsewhere / "entities.yaml").read_text(encoding="utf-8")
    assert ALIAS not in saved_aliases(folder)  # the case folder is as it was


async def test_cancelling_a_failed_save_on_quit_keeps_reading_and_q_asks_again(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.annotator.disk_timer.pause()
        await add_president_alias(pilot)
        monkeypatch.setattr(session_module.os, "replace", disk_full)
        await pilot.press("q")
        await pilot.pause()
        await choose(pilot, "save")
        await choose(pilot, "cancel")
        assert app.is_running and app.screen is screen and screen.annotator.unsaved_files
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, Choose) and app.screen.dialog_title == "Unsaved edits"
        await choose(pilot, "cancel")
        assert app.is_running


@pytest.mark.parametrize("replacement", ["folder", "fifo"])
async def test_a_case_file_replaced_by_a_folder_or_a_pipe_while_editing(
        folder: Path, replacement: str) -> None:
    entities = folder / "entities.yaml"
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.annotator.disk_timer.pause()
        await add_president_alias(pilot)
        entities.unlink()
        if replacement == "folder":
            entities.mkdir()
        else:
            os.mkfifo(entities)
        screen.annotator.check_disk()  # what the two-second timer does: no crash, no freeze
        await pilot.pause()
        assert isinstance(app.screen, Choose) and app.screen.dialog_title == "entities.yaml changed on disk"
        await choose(pilot, "mine")  # keep reading my version
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        kind = "a folder" if replacement == "folder" else "a named pipe (FIFO)"
        assert isinstance(dialog, Choose) and dialog.dialog_title == "Could not save entities.yaml"
        assert f"it is {kind}, not a file" in dialog.detail
        await choose(pilot, "cancel")
        assert app.screen is screen and screen.annotator.unsaved_files == [entities]
        assert ALIAS in screen.case.entities["kassym-jomart-tokayev"].aliases
