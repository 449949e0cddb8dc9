"""An editing session: the case files as edited so far, undo and redo, and saving.

Every edit is tried on the texts in memory: the case is reloaded from them
(exactly as ``reader check`` would load the saved files) and the edit is
refused, with ``reader check``'s own messages, if that reports an error.
Nothing is written until :meth:`EditSession.save`, which writes each changed
file atomically and refuses to overwrite a file that changed on disk since
it was read, unless told to.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
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


def _read_raw(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as file:  # newline="": keep \r\n as written
        return file.read()


def _read(path: Path) -> str | None:
    """A case file's text as the loader sees it: without a byte order mark, lines ending in ``\n``."""
    try:
        raw = _read_raw(path)
    except FileNotFoundError:
        return None
    return raw.removeprefix(_BOM).replace("\r\n", "\n")


def _file_form(path: Path) -> tuple[bool, str]:
    """Whether the file starts with a byte order mark, and its line ending: kept as they were on save."""
    try:
        raw = _read_raw(path)
    except (FileNotFoundError, UnicodeDecodeError):
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
        was read, unless ``overwrite`` (the user chose to keep their version).
        """
        unsaved = self.unsaved
        conflicts = [path for path in unsaved if path in self.changed_on_disk()]
        if conflicts and not overwrite:
            raise ChangedOnDisk(conflicts)
        for path in unsaved:
            bom, newline = _file_form(path)
            text = self.texts[path].replace("\n", newline)
            write_atomically(path, (_BOM if bom else "") + text)
            self._on_disk[path] = self._fingerprint_now(path, self.texts[path])
            self._stamps.pop(path, None)  # the next check reads it once, then trusts its new stamp
        return unsaved

    def reload(self) -> LoadResult:
        """Drop the edits and read the files again from disk (after someone else changed them)."""
        self._read_all()
        self.result = load_case(self.folder)
        self._undo.clear()
        self._redo.clear()
        return self.result


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
