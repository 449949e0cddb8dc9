"""Writing into a case: a new case's folder, and a new source's files and its lines in ``case.yaml``.

A source is added the way the reader saves an annotation
(:mod:`reader.edit.yamltext`, :func:`reader.edit.session.write_atomically`):
the new item is spliced into the ``sources`` list of ``case.yaml`` and
nothing else in the file changes, its comments, blank lines, key order,
quoting, byte order mark and line ends included. The case is checked with
the change before anything is saved, and the change is refused if it would
add an error. The new files (the text and the original page) are written
first, without replacing anything; ``case.yaml`` is then replaced in one
step, and if that fails the new files are removed again: a failed add
leaves the case as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.edit.session import os_reason, write_atomically
from reader.edit.yamltext import EditError, append_item, compose, dump_inline, dump_value, find, set_key
from reader.ingest.retrieve import IngestError
from reader.load.case_loader import load_case
from reader.load.problems import Problems
from reader.load.read import read_sections
from reader.load.spec import ID_PATTERN
from reader.model.text_safety import clean

CASE_FILE = "case.yaml"
CLEANING_FILE = "CLEANING.md"
_STOP_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "de", "la", "le", "les",
                         "des", "du", "der", "die", "das", "und", "von", "el", "los"})


def slug(text: str, *, words: int = 4, max_chars: int = 40) -> str:
    """``text`` as an id part: ascii letters and digits joined by ``-``, the first few significant words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in re.split(r"[^a-z0-9]+", ascii_text) if part]
    significant = [part for part in parts if part not in _STOP_WORDS] or parts
    result = ""
    for part in significant[:words]:
        candidate = f"{result}-{part}" if result else part
        if len(candidate) > max_chars:
            break
        result = candidate
    return result


def as_id(text: str, fallback: str) -> str:
    """A valid id from ``text`` (it must start with a letter), else ``fallback``."""
    candidate = slug(text)
    if candidate and not candidate[0].isalpha():
        candidate = f"{fallback}-{candidate}"
    return candidate if candidate and ID_PATTERN.fullmatch(candidate) else fallback


def derive_source_id(publisher: str | None, date: str | None, title: str | None, taken: Iterable[str]) -> str:
    """An id for a new source from its publisher and date (or title, when undated), unique in the case."""
    who = slug(publisher or "", words=3, max_chars=30)
    when = date if date and re.fullmatch(r"[0-9-]+", date) else slug(title or "", words=3, max_chars=30)
    base = "-".join(part for part in (who, when) if part)
    if not base or not base[0].isalpha():
        base = f"source-{base}" if base else "source"
    return unique(base, taken)


def unique(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# -- reader new -------------------------------------------------------------------------------------


def new_case(folder: Path, title: str, subject: str | None) -> list[Path]:
    """Make the case folder with its ``case.yaml`` (and ``sources/``); returns the files made.

    Raises:
        IngestError: the folder is a file, or holds something already.
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise IngestError(f"`{folder}` is a file, not a folder", hint="name a new folder for the case")
    if folder.is_dir() and any(folder.iterdir()):
        raise IngestError(f"the folder `{folder}` is not empty",
                          hint="a new case needs a new or empty folder; to add pages to a case that is already "
                               "there, use `reader add`")
    case_id = as_id(folder.resolve().name, "case")
    lines = [
        "# Made by `reader new`. Add sources with `reader add FOLDER PAGE.html` (a saved page) or",
        "# `reader add FOLDER https://…`; check with `reader check FOLDER`; the format: docs/format.md.",
        "version: 2",
        "",
        "case:",
        f"  id: {case_id}",
        f"  title: {_scalar(title)}",
    ]
    if subject:
        person = as_id(subject, "person")
        lines += [f"  subjects: [{person}]", "", "entities:", f"  - id: {person}", "    type: person",
                  f"    name: {_scalar(subject)}"]
    else:
        lines += ["  subjects: []  # the people the case follows: their entity ids (type: person)"]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sources").mkdir(exist_ok=True)
        path = folder / CASE_FILE
        write_atomically(path, "\n".join(lines) + "\n")
    except OSError as exc:
        raise IngestError(f"cannot make the case in `{folder}`: {os_reason(exc)}") from None
    return [path]


def _scalar(value: str) -> str:
    """``value`` as one line of YAML, quoted when it needs to be (PyYAML's own quoting)."""
    return dump_inline(value)


# -- reader add -------------------------------------------------------------------------------------


@dataclass
class NewSource:
    """A source to add: its text, the fields of its ``case.yaml`` item, and its original bytes."""

    text: str
    fields: dict[str, Any]  # title, publisher, author, date, … in the order they are written
    raw: bytes  # the original page (or text file), as retrieved
    original_suffix: str | None  # ".html", ".mhtml": kept in originals/; None for a text given as text
    address: str | None
    changes: list[str] = field(default_factory=list)  # how the text was cleaned, for CLEANING.md
    source_id: str | None = None  # --id; else derived


@dataclass
class Outcome:
    """What ``reader add`` did."""

    source_id: str
    added: bool
    text_path: Path | None = None
    original_path: Path | None = None
    record: dict[str, Any] = field(default_factory=dict)
    same_as: str | None = None  # not added: this source holds the same page (or the same text)
    earlier_version: str | None = None  # added: a source with the same address and another text
    cleaning_note_failed: str | None = None


@dataclass
class _Known:
    ids: set[str]
    sources: list[dict[str, str]]  # id, sha256, url, file of each source


def _known(folder: Path) -> _Known:
    problems = Problems()
    sections = read_sections(folder, problems)
    if sections is None:
        first = problems.errors[0] if problems.errors else None
        raise IngestError(f"the case in `{folder}` cannot be read"
                          + (f": {first.location.file}:{first.location.line}: {first.message}" if first else ""),
                          hint=f"run `reader check {folder}` and fix what it says first")
    ids: set[str] = set()
    sources = []
    for name, records in sections.lists.items():
        for record in records:
            if isinstance(record.get("id"), str):
                ids.add(record["id"])
            for measure in record.get("measures", ()) or ():
                if isinstance(measure, dict) and isinstance(measure.get("id"), str):
                    ids.add(measure["id"])
            if name == "sources":
                sources.append({key: record[key] for key in ("id", "sha256", "url", "file")
                                if isinstance(record.get(key), str)})
    return _Known(ids, sources)


def add_source(folder: Path, new: NewSource) -> Outcome:
    """Add ``new`` to the case in ``folder``; see the module's docstring for how it is written.

    Raises:
        IngestError: the case cannot be read, the id is taken, the change would add an error to the
            case, or a file cannot be written (then nothing is left changed).
    """
    case_path = folder / CASE_FILE
    if not case_path.is_file():
        raise IngestError(f"`{folder}` is not a case: it has no {CASE_FILE}",
                          hint=f"make one with `reader new {folder} --title \"…\"`")
    known = _known(folder)
    digest = hashlib.sha256(new.raw).hexdigest()
    text_digest = hashlib.sha256(new.text.encode("utf-8")).hexdigest()
    for source in known.sources:
        if source.get("sha256") == digest:
            return Outcome(source["id"], added=False, same_as=source["id"])
    earlier = None
    if new.address:
        for source in known.sources:
            if source.get("url") == new.address:
                if _text_digest(folder, source) == text_digest:
                    return Outcome(source["id"], added=False, same_as=source["id"])
                earlier = earlier or source["id"]
    if new.source_id is not None:
        if not ID_PATTERN.fullmatch(new.source_id):
            raise IngestError(f"`{new.source_id}` is not a valid id",
                              hint=f"use lower-case letters, digits and `-`, starting with a letter, e.g. "
                                   f"`{as_id(new.source_id, 'source')}`")
        if new.source_id in known.ids:
            raise IngestError(f"the id `{new.source_id}` is taken in this case",
                              hint=f"give another with --id, e.g. `{unique(new.source_id, known.ids)}`, or leave "
                                   "--id out to have one made")
        source_id = new.source_id
    else:
        source_id = derive_source_id(new.fields.get("publisher"), _dated(new.fields.get("date")),
                                     new.fields.get("title"), known.ids)
    # Files already there under this name (left by hand, or by an add that was interrupted) are not replaced.
    text_path = _free_path(folder / "sources", source_id, ".txt", known)
    original_path = _free_path(folder / "originals", source_id, new.original_suffix, known) \
        if new.original_suffix else None
    record: dict[str, Any] = {"id": source_id, "file": text_path.relative_to(folder).as_posix(), **new.fields}
    if earlier:
        note = f"Another version of `{earlier}`: the same address, a different text (an updated article)."
        record["note"] = f"{record['note']} {note}" if record.get("note") else note
    if original_path is not None:
        record["original"] = original_path.relative_to(folder).as_posix()
    record["sha256"] = digest
    made: list[Path] = []
    try:
        _write_new(text_path, new.text.encode("utf-8"), made)
        if original_path is not None:
            _write_new(original_path, new.raw, made)
        _splice_into_case_yaml(folder, case_path, record)
    except BaseException:
        for path in reversed(made):
            path.unlink(missing_ok=True)
        raise
    outcome = Outcome(source_id, added=True, text_path=text_path, original_path=original_path, record=record,
                      earlier_version=earlier)
    if new.changes:
        outcome.cleaning_note_failed = _note_cleaning(folder, source_id, new)
    return outcome


def _dated(date: object) -> str | None:
    return date if isinstance(date, str) and date != "unknown" else None


def _text_digest(folder: Path, source: dict[str, str]) -> str | None:
    try:
        text = (folder / source["file"]).read_text(encoding="utf-8-sig")
    except (KeyError, OSError, UnicodeDecodeError, ValueError):
        return None
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def _free_path(directory: Path, source_id: str, suffix: str, known: _Known) -> Path:
    path = directory / f"{source_id}{suffix}"
    if path.exists() or path.is_symlink():
        raise IngestError(f"`{path}` is there already, and no source of the case names it",
                          hint="move it away, or give the new source another id with --id")
    return path


def _write_new(path: Path, data: bytes, made: list[Path]) -> None:
    """Write ``data`` to a new file at ``path`` (never over one), flushed to the disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise IngestError(f"cannot write `{path}`: {os_reason(exc)}",
                          hint="check the folder's permissions and the free space") from None
    made.append(path)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        raise IngestError(f"cannot write `{path}`: {os_reason(exc)}",
                          hint="check the free space; nothing was added") from None


def _splice_into_case_yaml(folder: Path, case_path: Path, record: dict[str, Any]) -> None:
    """Add ``record`` to the ``sources`` list of ``case.yaml``, check the case, write the file in one step."""
    try:
        with open(case_path, encoding="utf-8", newline="") as file:
            raw = file.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise IngestError(f"cannot read `{case_path}`: {reason}") from None
    bom = raw.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        root = compose(text)
        sources = find(root, ["sources"])
        if sources is None and isinstance(root, yaml.MappingNode) and not root.flow_style:
            # A new top-level section, after a blank line, as the sections of a case file are written.
            changed = text.rstrip("\n") + "\n\n" + dump_value({"sources": [record]})
        elif sources is None:
            changed = set_key(text, [], "sources", [record]).text
        elif sources.value in ([], "") and isinstance(root, yaml.MappingNode):
            # `sources: []` or `sources:` with nothing: the key's line becomes a block list of one item.
            key = next(k for k, v in root.value if v is sources)
            block = dump_value({"sources": [record]}).rstrip("\n")
            changed = text[:key.start_mark.index] + block + text[sources.end_mark.index:]
        else:
            changed = append_item(text, ["sources"], record).text
    except EditError as exc:
        raise IngestError(f"cannot add to the `sources` list of `{case_path}`: {exc}",
                          hint="write `sources:` as a list of items, each starting with `- id:`") from None
    finally:
        compose.cache_clear()
    before = load_case(folder)
    after = load_case(folder, {case_path: changed})
    old = {(p.location.file, p.message) for p in before.problems.errors}
    added = [p for p in after.problems.errors if (p.location.file, p.message) not in old]
    if added:
        first = added[0]
        raise IngestError(f"adding the source would make the case invalid: {first.location.file}:"
                          f"{first.location.line}:{first.location.column}: {first.message}",
                          hint=first.hint or "nothing was added; run `reader check` on the case")
    try:
        write_atomically(case_path, ("\ufeff" if bom else "") + changed.replace("\n", newline))
    except OSError as exc:
        raise IngestError(f"cannot write `{case_path}`: {os_reason(exc)}",
                          hint="nothing was added: the case is as it was") from None


def _note_cleaning(folder: Path, source_id: str, new: NewSource) -> str | None:
    """Record in the case's CLEANING.md how the text was cleaned; the reason it could not be, or None."""
    path = folder / CLEANING_FILE
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else \
            "# How the texts were cleaned\n\nWhat `reader add` removed or changed in each text it extracted.\n"
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read {path.name}: {exc}"
    where = f", <{new.address}>" if new.address else ""
    lines = [f"## `sources/{source_id}.txt`", "",
             f"Extracted by `reader add` from `originals/{source_id}{new.original_suffix or ''}`{where}.", ""]
    lines += [f"- {change}" for change in new.changes]
    section = "\n".join(lines) + "\n"
    try:
        write_atomically(path, existing.rstrip("\n") + "\n\n" + section)
    except OSError as exc:
        return f"cannot write {path.name}: {os_reason(exc)}"
    return None


def shown(value: object) -> str:
    """A value from a page, safe to print."""
    return clean(str(value))
