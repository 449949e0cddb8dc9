"""An editing session: the case files as edited so far, undo and redo, and saving.

Every edit is tried on the texts in memory: the case is reloaded from them
(exactly as ``reader check`` would load the saved files) and the edit is
refused, with ``reader check``'s own messages, if that reports an error.
Nothing is written until :meth:`EditSession.save`, which writes each changed
file atomically and refuses to overwrite a file that changed on disk since
it was read, unless told to.

A save that fails (a read-only folder, a full disk, a case file replaced by
a folder or a pipe) loses nothing: it raises :class:`SaveFailed` naming the
file and the system's reason, the edits stay in memory, and the file on disk
is as it was. :meth:`EditSession.save_to` writes the edited files to another
folder instead. Case files are opened only if they are regular files, and
never in a way that can block (a named pipe would wait for a writer forever).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reader.edit.yamltext import compose
from reader.load.case_loader import LoadResult, case_files, load_case
from reader.load.problems import Problem
from reader.model import Case


class EditRefused(Exception):
    """The edit would make the case invalid; ``problems`` are what ``reader check`` would say."""

    def __init__(self, description: str, problems: list[Problem]) -> None:
        super().__init__(f"{description}: refused")
        self.description = description
        self.problems = problems


class SaveFailed(Exception):
    """A file could not be written; the edits are still in memory and the file on disk is as it was."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        self.reason = os_reason(error)
        super().__init__(f"cannot write {path}: {self.reason}")


class WouldOverwrite(Exception):
    """Saving to another folder would replace files already there; nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(str(path) for path in paths))
        self.paths = paths


class NotARegularFile(OSError):
    """A case file's path names a folder, a pipe, a device or a socket, not a file."""


def os_reason(error: OSError) -> str:
    """The system's words for why a file operation failed, e.g. ``No space left on device (ENOSPC)``."""
    reason = error.strerror or str(error) or type(error).__name__
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    return f"{reason} ({name})" if name else reason


class ChangedOnDisk(Exception):
    """Files changed on disk since they were read; saving would overwrite someone's work."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(path.name for path in paths))
        self.paths = paths


@dataclass
class _Step:
    description: str
    before: dict[Path, str | None]
    after: dict[Path, str]


def _fingerprint(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


_BOM = "\ufeff"


def _stamp(path: Path) -> tuple[int, int] | None:
    """A file's modification time (ns) and size; None when it cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


_KIND = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


def _open_regular(path: Path) -> int:
    """Open ``path`` for reading without blocking; raise :class:`NotARegularFile` unless it is a regular file.

    O_NONBLOCK: opening a named pipe otherwise waits until something writes to
    it, and the reader would freeze. The check is made on the opened file, so
    the file checked is the file read.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = _KIND.get(stat.S_IFMT(mode), "not a regular file")
        raise NotARegularFile(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL,
                              f"it is {kind}, not a file", str(path))
    return descriptor


def _read_raw(path: Path) -> str:
    # newline="": keep \r\n as written
    with open(_open_regular(path), encoding="utf-8", newline="") as file:
        return file.read()


#: What :func:`_read` returns for a file that is there but cannot be read as text (a folder, a
#: pipe, no permission, not UTF-8): never equal to a text's fingerprint, so it counts as changed.
UNREADABLE = "\x00unreadable"


def _read(path: Path) -> str | None:
    """A case file's text as the loader sees it: without a byte order mark, lines ending in ``\n``.

    None when there is no file; :data:`UNREADABLE` when there is something
    that cannot be read as text (it is then reported as changed on disk).
    """
    try:
        raw = _read_raw(path)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return UNREADABLE
    return raw.removeprefix(_BOM).replace("\r\n", "\n")


def _file_form(path: Path) -> tuple[bool, str]:
    """Whether the file starts with a byte order mark, and its line ending: kept as they were on save."""
    try:
        raw = _read_raw(path)
    except (OSError, UnicodeDecodeError):  # not there, or not a file: the write says why, if it fails
        return False, "\n"
    return raw.startswith(_BOM), "\r\n" if "\r\n" in raw else "\n"


@dataclass
class EditSession:
    """The case being edited: its files' texts now, as on disk, and the steps to undo and redo."""

    folder: Path
    result: LoadResult
    texts: dict[Path, str] = field(default_factory=dict)
    _on_disk: dict[Path, str | None] = field(default_factory=dict)  # fingerprints of what was read or saved
    # Each file's (mtime, size) when its content was last found to match its fingerprint:
    # while a file's stamp is unchanged, checking it for changes need not read it.
    _stamps: dict[Path, tuple[int, int]] = field(default_factory=dict)
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)
    # Each file's text now and its fingerprint: the keys shown depend on whether anything is
    # unsaved, which is asked at every change of focus, and a big case's files take 5 ms to hash.
    _fingerprints: dict[Path, tuple[str, str | None]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path, result: LoadResult) -> EditSession:
        """Start editing the case in ``folder`` (already loaded as ``result``)."""
        session = cls(folder, result)
        session._read_all()
        return session

    def _read_all(self) -> None:
        self.texts = {}
        self._on_disk = {}
        self._stamps = {}
        for path in case_files(self.folder):
            stamp = _stamp(path)  # taken before reading: a change during the read shows at the next check
            text = _read(path)
            if stamp is not None:
                self._stamps[path] = stamp
            if text is not None:
                self.texts[path] = text
            self._on_disk[path] = None if text is None else self._fingerprint_now(path, text)

    @property
    def size(self) -> int:
        """How many characters the case's YAML files hold (what checking the case again after an edit reads)."""
        return sum(map(len, self.texts.values()))

    @property
    def case(self) -> Case:
        """The case as edited so far."""
        assert self.result.case is not None, "an editing session always holds a valid case"
        return self.result.case

    # -- edits ------------------------------------------------------------------

    def apply(self, description: str, make: Callable[[Case, dict[Path, str]], dict[Path, str]]) -> LoadResult:
        """Make an edit: ``make(case, texts)`` returns the new texts of the files it changes.

        Raises :class:`EditRefused` when the result would not pass ``reader
        check``; nothing changes then.
        """
        try:
            changes = make(self.case, dict(self.texts))
        finally:
            compose.cache_clear()  # a big file's node tree is tens of megabytes: not kept between edits
        before = {path: self.texts.get(path) for path in changes}
        self._load({**self.texts, **changes}, description)
        self._undo.append(_Step(description, before, dict(changes)))
        self._redo.clear()
        return self.result

    def _load(self, texts: dict[Path, str], description: str) -> None:
        result = load_case(self.folder, texts)
        if not result.ok or result.case is None:
            raise EditRefused(description, result.problems.errors)
        self.texts = texts
        self.result = result

    def undo(self) -> str | None:
        """Undo the last edit; returns its description, or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        texts = dict(self.texts)
        for path, text in step.before.items():
            if text is None:
                texts.pop(path, None)
            else:
                texts[path] = text
        self._load(texts, f"undo {step.description}")
        self._redo.append(step)
        return step.description

    def redo(self) -> str | None:
        """Redo the last undone edit; returns its description, or None when there is nothing to redo."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._load({**self.texts, **step.after}, f"redo {step.description}")
        self._undo.append(step)
        return step.description

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- saving -----------------------------------------------------------------

    @property
    def unsaved(self) -> list[Path]:
        """Files whose text differs from what is on disk (as last read or saved)."""
        return sorted(path for path, text in self.texts.items()
                      if self._fingerprint_now(path, text) != self._on_disk.get(path))

    def _fingerprint_now(self, path: Path, text: str) -> str | None:
        known = self._fingerprints.get(path)
        if known is not None and known[0] is text:  # the same text object: it cannot have changed
            return known[1]
        fingerprint = _fingerprint(text)
        self._fingerprints[path] = (text, fingerprint)
        return fingerprint

    def changed_on_disk(self) -> list[Path]:
        """Files that someone changed on disk since this session read or saved them.

        Called every two seconds: a file whose modification time and size are
        what they were when its content last matched is not read again (the
        files of a big case take tens of milliseconds to read and hash).
        """
        changed = []
        for path in sorted(set(self._on_disk) | set(case_files(self.folder))):
            stamp = _stamp(path)
            if stamp is not None and self._stamps.get(path) == stamp:
                continue
            if _fingerprint(_read(path)) != self._on_disk.get(path):
                changed.append(path)
            elif stamp is not None:
                self._stamps[path] = stamp
        return changed

    def save(self, *, overwrite: bool = False) -> list[Path]:
        """Write every unsaved file atomically; returns the files written.

        Raises :class:`ChangedOnDisk` when one of them changed on disk since it
        was read, unless ``overwrite`` (the user chose to keep their version),
        and :class:`SaveFailed` when one cannot be written: the files written
        before it are saved, it and the rest stay unsaved, in memory.
        """
        unsaved = self.unsaved
        conflicts = [path for path in unsaved if path in self.changed_on_disk()]
        if conflicts and not overwrite:
            raise ChangedOnDisk(conflicts)
        for path in unsaved:
            bom, newline = _file_form(path)
            text = self.texts[path].replace("\n", newline)
            try:
                write_atomically(path, (_BOM if bom else "") + text)
            except OSError as error:
                raise SaveFailed(path, error) from error
            self._on_disk[path] = self._fingerprint_now(path, self.texts[path])
            self._stamps.pop(path, None)  # the next check reads it once, then trusts its new stamp
        return unsaved

    def save_to(self, folder: Path, *, overwrite: bool = False) -> list[Path]:
        """Write the edited files into ``folder`` (made if missing) instead of the case folder.

        The case folder is left as it is, so its files stay unsaved. Raises
        :class:`WouldOverwrite`, writing nothing, when a file of that name is
        already in ``folder``, unless ``overwrite``; :class:`SaveFailed` when
        one cannot be written. Returns the files written.
        """
        targets = {path: folder / path.relative_to(self.folder) for path in self.unsaved}
        if folder.resolve() == self.folder.resolve():
            return self.save(overwrite=overwrite)
        existing = [target for target in targets.values() if target.exists() or target.is_symlink()]
        if existing and not overwrite:
            raise WouldOverwrite(existing)
        written = []
        for path, target in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                bom, newline = _file_form(path)
                write_atomically(target, (_BOM if bom else "") + self.texts[path].replace("\n", newline))
            except OSError as error:
                raise SaveFailed(target, error) from error
            written.append(target)
        return written

    def reload(self) -> LoadResult:
        """Drop the edits and read the files again from disk (after someone else changed them)."""
        self._read_all()
        self.result = load_case(self.folder)
        self._undo.clear()
        self._redo.clear()
        return self.result


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one, never half of one.

    The text goes to a temporary file in the same folder, is flushed to the
    disk, and then takes the file's place in one step: a full disk or a
    failed write leaves the old file whole (and no temporary file behind).
    The new file keeps the old one's permissions. Only a regular file is
    replaced: a folder, a pipe or a device at ``path`` raises
    :class:`NotARegularFile` and nothing is written.
    """
    mode: int | None = None
    try:
        descriptor = _open_regular(path)
    except FileNotFoundError:
        pass
    else:
        mode = stat.S_IMODE(os.fstat(descriptor).st_mode)
        os.close(descriptor)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file 0600: a new file gets the usual mode (0666 less the umask).
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


@cache
def _umask() -> int:
    # Read once: reading it means setting it, for a moment, for every thread of the process.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the replaced file to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(descriptor)
