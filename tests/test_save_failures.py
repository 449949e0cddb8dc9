"""Saving that fails loses nothing: the editing session under a full disk, a read-only folder, a folder or a pipe.

The tests run as root, which ignores permission bits, so a read-only
folder or a full disk is made by having the system call fail with the
error it would give (``ENOSPC``, ``EACCES``, ``EROFS``). A folder or a
named pipe in a case file's place is real.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.edit import ops
from reader.edit import session as session_module
from reader.edit.session import EditSession, SaveFailed, WouldOverwrite, write_atomically
from reader.load.case_loader import load_case
from tests.support.case_files import write_case

ALIAS = "Erlan B."


@pytest.fixture
def session(tmp_path: Path) -> EditSession:
    """A session on the minimal case, with one edit not yet saved (an alias in entities.yaml)."""
    folder = write_case(tmp_path / "case")
    edited = EditSession.open(folder, load_case(folder))
    edited.apply("add an alias", lambda c, t: ops.add_alias(c, t, "erlan-baltabay", ALIAS))
    assert edited.unsaved == [folder / "entities.yaml"]
    return edited


def failing(error: int) -> Callable[..., object]:
    """A system call failing with ``error``, as it would on a full or read-only disk."""
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(error, os.strerror(error))
    return fail


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize(("error", "call", "reason"), [
    (errno.ENOSPC, "fsync", "No space left on device (ENOSPC)"),
    (errno.EACCES, "mkstemp", "Permission denied (EACCES)"),
    (errno.EROFS, "replace", "Read-only file system (EROFS)"),
])
def test_a_failed_save_names_the_file_and_the_reason_and_keeps_the_edit_and_the_old_file(
        session: EditSession, monkeypatch: pytest.MonkeyPatch, error: int, call: str, reason: str) -> None:
    entities = session.folder / "entities.yaml"
    before = entities.read_bytes()
    target = session_module.tempfile if call == "mkstemp" else session_module.os
    monkeypatch.setattr(target, call, failing(error))
    with pytest.raises(SaveFailed) as failed:
        session.save()
    assert failed.value.path == entities and failed.value.reason == reason
    assert entities.read_bytes() == before  # the old file, whole
    assert leftovers(session.folder) == []  # and no half-written temporary file beside it
    assert session.unsaved == [entities] and ALIAS in session.texts[entities]  # the edit, kept
    monkeypatch.undo()  # the disk has room again
    assert session.save() == [entities]
    assert session.unsaved == [] and ALIAS in load_case(session.folder).case.entities["erlan-baltabay"].aliases


def test_a_case_file_replaced_by_a_folder_is_a_change_on_disk_and_a_failed_save(session: EditSession) -> None:
    entities = session.folder / "entities.yaml"
    entities.unlink()
    entities.mkdir()
    assert session.changed_on_disk() == [entities]  # no crash: it changed
    with pytest.raises(SaveFailed) as failed:
        session.save(overwrite=True)
    assert failed.value.reason == "it is a folder, not a file (EISDIR)"
    assert entities.is_dir() and list(entities.iterdir()) == []  # the folder is left alone
    assert session.unsaved == [entities] and ALIAS in session.texts[entities]


def test_a_case_file_replaced_by_a_named_pipe_never_blocks(session: EditSession) -> None:
    entities = session.folder / "entities.yaml"
    entities.unlink()
    os.mkfifo(entities)
    outcome: dict[str, object] = {}

    def check_and_save() -> None:
        outcome["changed"] = session.changed_on_disk()
        try:
            session.save(overwrite=True)
        except SaveFailed as failure:
            outcome["reason"] = failure.reason

    worker = threading.Thread(target=check_and_save, daemon=True)
    worker.start()
    worker.join(timeout=10)  # opening a pipe for reading waits for a writer, forever: a hang fails here
    assert not worker.is_alive(), "reading or saving a named pipe blocked"
    assert outcome == {"changed": [entities], "reason": "it is a named pipe (FIFO), not a file (EINVAL)"}
    assert stat.S_ISFIFO(entities.stat().st_mode)
    assert session.unsaved == [entities]


def test_saving_keeps_the_files_mode(session: EditSession) -> None:
    entities = session.folder / "entities.yaml"
    entities.chmod(0o640)
    session.save()
    assert stat.S_IMODE(entities.stat().st_mode) == 0o640


def test_save_to_another_folder_writes_the_edited_files_and_never_overwrites_without_asking(
        session: EditSession, tmp_path: Path) -> None:
    entities = session.folder / "entities.yaml"
    before = entities.read_bytes()
    elsewhere = tmp_path / "elsewhere" / "saved"  # made, with its parent
    assert session.save_to(elsewhere) == [elsewhere / "entities.yaml"]
    assert ALIAS in (elsewhere / "entities.yaml").read_text(encoding="utf-8")
    assert entities.read_bytes() == before and session.unsaved == [entities]  # the case folder: as it was
    (elsewhere / "entities.yaml").write_text("theirs\n", encoding="utf-8")
    with pytest.raises(WouldOverwrite) as clash:
        session.save_to(elsewhere)
    assert clash.value.paths == [elsewhere / "entities.yaml"]
    assert (elsewhere / "entities.yaml").read_text(encoding="utf-8") == "theirs\n"
    session.save_to(elsewhere, overwrite=True)
    assert ALIAS in (elsewhere / "entities.yaml").read_text(encoding="utf-8")


def test_save_to_a_folder_that_cannot_be_written_fails_with_the_reason(session: EditSession, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(SaveFailed) as failed:
        session.save_to(not_a_folder)
    assert failed.value.path == not_a_folder / "entities.yaml"
    assert "(EEXIST)" in failed.value.reason or "(ENOTDIR)" in failed.value.reason


def test_write_atomically_replaces_only_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(OSError, match="it is a folder, not a file"):
        write_atomically(folder, "text\n")
    assert folder.is_dir() and leftovers(tmp_path) == []
