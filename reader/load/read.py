"""Step 1 of loading a case, read: the case folder's files, as records with positions, and the source texts.

Reading lists the case files of a folder, reads each one safely
(:mod:`reader.load.files`: regular files only, bounded sizes, UTF-8),
parses its YAML keeping the line and column of every value
(:mod:`reader.load.yamlnodes`) and checks it against the format
(:mod:`reader.load.format`), then merges the sections of all the files.
It also reads the text of each source a ``sources`` record names.

What it finds wrong with a file (unreadable, not YAML, a field of the wrong
shape, a second ``case`` section, a source file missing or outside the
folder) is reported where it was written. It builds no model object and
judges nothing that spans records (an unknown id, say): that is for
:mod:`reader.load.build` and :mod:`reader.load.check`. It never writes.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.load.files import (
    MAX_SOURCE_BYTES,
    MAX_YAML_BYTES,
    LinkLoop,
    inside_folder,
    path_problem,
    read_text,
    shown_path,
)
from reader.load.format import CASE_FILE, FORMAT_VERSION, LIST_SECTIONS
from reader.load.parallel import in_two
from reader.load.problems import Problem, Problems, known_list
from reader.load.spec import Rec
from reader.load.unsafe_text import warn_unsafe_text
from reader.load.yamlnodes import YMap, YSeq, parse_yaml
from reader.model.types import Location

#: Most records (sources, entities, events, quotes and differences together) one case file may
#: hold: four times the 5,000 entities of the large benchmark case.
MAX_RECORDS = 20_000


@dataclass(frozen=True)
class Sections:
    """The sections of all of a case's files, merged in file order."""

    case: Rec | None  # the one `case` section; None when no file has one
    lists: Mapping[str, list[Rec]]  # every list section (`sources`, `entities`, …), items in file order
    unread: tuple[Path, ...] = ()  # files that could not be read as sections at all

    @property
    def complete(self) -> bool:
        """Whether every case file was read: when not, ids it defines are unknown, not wrong."""
        return not self.unread


@dataclass(frozen=True)
class SourceText:
    """The text a ``sources`` record names (None when it cannot be used), and what reading it found."""

    text: str | None
    problems: list[Problem]


@dataclass
class _FileRead:
    """What one case file gave: its checked sections (None if it could not be read) and its problems."""

    path: Path
    record: Rec | None
    problems: list[Problem]


def case_files(folder: Path) -> list[Path]:
    """The YAML files of a case folder, in the order they are read (broken links included, to be reported)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix in {".yaml", ".yml"} and (p.is_file() or (p.is_symlink() and not p.exists())))


def case_size(folder: Path) -> int:
    """How many bytes the case's annotation files hold: what loading a case costs grows with it."""
    try:
        return sum(path.stat().st_size for path in case_files(folder) if path.is_file())
    except OSError:
        return 0


def _case_entries(folder: Path) -> list[Path]:
    """Every entry of a case folder named like a case file, whatever it is, so what is not a file gets reported.

    :func:`case_files` lists the files to read and write; a folder or a named
    pipe called ``quotes.yaml`` is not one, but leaving it out in silence hid
    the quotes the user meant it to hold.
    """
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"})


def read_sections(folder: Path, problems: Problems, texts: Mapping[Path, str] | None = None, *,
                  split_from: int | None = None) -> Sections | None:
    """Read, parse and check every case file of ``folder`` and merge their sections.

    ``texts`` gives the contents of case files to use instead of what is on
    disk (the reader's unsaved edits), keyed by their paths in ``folder``; a
    file there that is not on disk yet counts as one of the case's files.
    From ``split_from`` bytes of case files, about half of them are read in a
    forked child (:func:`reader.load.parallel.in_two`); None reads them all
    here. Returns None, with the problem reported, when there is nothing to
    read: the folder cannot be listed, it holds no case file, or no file has
    a ``case`` section.
    """
    texts = texts or {}
    try:
        files = _case_entries(folder)
        # A file the reader has created but not yet saved counts as one of the case's files.
        files = sorted({*files, *(path for path in texts if path.parent == folder)})
    except OSError as exc:
        problems.error(Location(folder), f"cannot read the case folder: {exc.strerror or exc}",
                       hint="check that the folder exists and that you may read it")
        return None
    if not files:
        problems.error(Location(folder), "no case files (*.yaml) in this folder",
                       hint="a case folder holds case.yaml and the other annotation files; "
                            "see docs/format.md")
        return None
    sections = _merge(_read_files(files, texts, split_from), problems)
    if sections.case is None:
        if not problems.errors:
            case_yaml = folder / "case.yaml"
            problems.error(Location(case_yaml if _looked_up(case_yaml.exists, False) else folder),
                           "no `case` section in any case file",
                           hint="add `case:` with `id` and `title` to case.yaml")
        return None
    return sections


def _read_files(files: list[Path], texts: Mapping[Path, str], split_from: int | None) -> list[_FileRead]:
    def read_all(paths: Sequence[Path]) -> list[_FileRead]:
        return [_read_file(path, texts) for path in paths]

    if split_from is None:
        return read_all(files)
    sizes = [_size(path) for path in files]
    return in_two(read_all, files, sizes) if sum(sizes) >= split_from else read_all(files)


def _merge(reads: list[_FileRead], problems: Problems) -> Sections:
    """The files' sections merged, their problems reported in file order (a second `case` section too)."""
    case: Rec | None = None
    lists: dict[str, list[Rec]] = {name: [] for name in LIST_SECTIONS}
    unread: list[Path] = []
    for read in reads:
        problems.extend(read.problems)
        record = read.record
        if record is None:
            unread.append(read.path)
            continue
        if "case" in record:
            if case is not None:
                problems.error(record.at("case"), "a second `case` section "
                                                  f"(the first is at {case.location})",
                               hint="a case has one `case` section; remove this one")
            else:
                case = record["case"]
        for name in LIST_SECTIONS:
            lists[name].extend(record.get(name, ()))
    return Sections(case, lists, tuple(unread))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_file(path: Path, texts: Mapping[Path, str]) -> _FileRead:
    """Read, parse and check one case file; its record is None when it could not be read as sections."""
    problems = Problems()
    unread = _FileRead(path, None, problems.items)
    if _linked_outside(path.parent, path, problems):
        return unread
    text = texts[path] if path in texts else read_text(path, problems, limit=MAX_YAML_BYTES, what="case file",
                                                      name=path.name)
    if text is None:
        return unread
    root = parse_yaml(text, path, problems) if text.strip() else None
    if root is None:
        if not problems.errors:  # nothing but blank lines or comments (a syntax error is reported)
            problems.warning(Location(path, 1, 1), "empty case file", hint="add sections to it or delete it")
            return _FileRead(path, Rec(Location(path, 1, 1)), problems.items)
        return unread
    if not isinstance(root, YMap):
        problems.error(root.location, "a case file must be a mapping of sections",
                       hint="start lines with `case:`, `sources:`, `entities:`, `events:`, "
                            "`quotes:` or `differences:`")
        return unread
    if _too_many_records(root, problems):
        return unread
    record = CASE_FILE.check(root, problems)
    if "version" in record and record["version"] == 1:
        problems.error(record.at("version"), "this file is in version 1 of the case format",
                       hint=f"write `version: {FORMAT_VERSION}`; each field version 2 writes otherwise is "
                            "reported where it is (docs/format.md, \"Version 1\")")
    elif "version" in record and record["version"] != FORMAT_VERSION:
        problems.error(record.at("version"), f"unsupported format version {record['version']}",
                       hint=f"this reader reads version {FORMAT_VERSION}")
    return _FileRead(path, record, problems.items)


def _too_many_records(root: YMap, problems: Problems) -> bool:
    """Report a file whose sections hold more than :data:`MAX_RECORDS` records together; True if so.

    Checked before the records are: a record that is wrong is reported several
    times over (an empty one five times), so a file of 200,000 of them made a
    million problems, 5 s and 460 MB before the first could be shown.
    """
    count = 0
    for name in LIST_SECTIONS:
        if name in root.items and isinstance(section := root.items[name][1], YSeq):
            if count + len(section.items) > MAX_RECORDS:
                first_over = section.items[MAX_RECORDS - count]
                problems.error(first_over.location, f"more than {MAX_RECORDS:,} records (sources, entities, events, "
                                                    "quotes and differences) in one file; the file was not read",
                               hint="split it into several case files: the reader merges them")
                return True
            count += len(section.items)
    return False


def read_case_file(path: Path, problems: Problems) -> Rec | None:
    """The checked sections of one case file as it is on disk, or None when it is not a mapping of them.

    For a quick look at one file (the case's title and first source before
    the whole case is read); it does not ask where the file's links lead.
    """
    text = read_text(path, problems, limit=MAX_YAML_BYTES, what="case file") \
        if _looked_up(path.is_file, False) else None
    root = parse_yaml(text, path, problems) if text else None
    if not isinstance(root, YMap):
        return None
    return CASE_FILE.check(root, problems)


def _linked_outside(folder: Path, path: Path, problems: Problems) -> bool:
    """Report a case file that is a link leading out of the case folder, or nowhere; True if so."""
    try:
        if not path.is_symlink():
            return False
    except OSError:  # a path too long to look up, say: reading the file reports why
        return False
    try:
        target = path.resolve()
    except RuntimeError:  # a loop of links (Python 3.13 resolves it without raising)
        target = None
    if target is None or _loops(path):
        problems.error(Location(path), f"case file `{path.name}` is a link that leads round in a loop",
                       hint="remove the link, or point it at a file in the case folder")
        return True
    if inside_folder(folder, path.name) is None:
        problems.error(Location(path), f"case file `{path.name}` is a link to `{target}`, outside the case folder",
                       hint="copy the file into the case folder; a case reads nothing outside its folder")
        return True
    if not path.exists():
        problems.error(Location(path), f"case file `{path.name}` is a link to `{target}`, which does not exist",
                       hint="remove the link, or point it at a file in the case folder")
        return True
    return False


def _loops(path: Path) -> bool:
    """Whether following the link ``path`` never reaches anything but links."""
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _looked_up(question: Callable[[], bool], otherwise: bool) -> bool:
    """The answer to ``question`` about a path (``path.exists``), or ``otherwise`` when the path cannot be
    looked up at all (too long for the system, say): reading the file then says why."""
    try:
        return question()
    except OSError:
        return otherwise


def read_source_texts(folder: Path, records: Sequence[Rec]) -> list[SourceText]:
    """The text of each ``sources`` record, in order, with what reading it found (see :func:`read_source_text`)."""
    return [read_source_text(folder, record) for record in records]


def read_source_text(folder: Path, record: Rec) -> SourceText:
    """Read the source text a ``sources`` record names, safely; None as the text when it cannot be used.

    The problems are reported at the record's ``file`` field (a file missing,
    outside the folder, unreadable or empty) or in the text itself (a control
    character). A record without ``file`` has no text and no problem here:
    the format check reported it.
    """
    problems = Problems()
    text = _source_text(folder, record, problems)
    return SourceText(text, problems.items)


def _source_text(folder: Path, record: Rec, problems: Problems) -> str | None:
    if "file" not in record:
        return None
    relative = record["file"]
    where = record.at("file")
    shown = shown_path(relative)
    unusable = path_problem(relative)
    if unusable is not None:
        problems.error(where, f"source file `{shown}` {unusable.message}", hint=unusable.hint)
        return None
    try:
        path = inside_folder(folder, relative)
    except LinkLoop:
        problems.error(where, f"source file `{shown}` is a link that leads round in a loop",
                       hint="point the link at the source text, or put the text in its place")
        return None
    if path is None:
        problems.error(where, f"source file `{shown}` is outside the case folder",
                       hint="keep source texts inside the case folder, e.g. sources/name.txt")
        return None
    if not _looked_up(path.exists, True):
        siblings = {p.name: str(p.relative_to(folder)) for p in path.parent.glob("*")} \
            if _looked_up(path.parent.is_dir, False) else {}
        # Compare file names, not paths: every sibling shares the folder part, which
        # made any file there look "close" (weekly.txt missing → "did you mean daily.txt?").
        close = difflib.get_close_matches(path.name, list(siblings), n=1, cutoff=0.75)
        hint = f"did you mean `{siblings[close[0]]}`?" if close else (
            "files there: " + known_list(siblings.values()) if siblings else "check the path; it is "
                                                                            "relative to the case folder")
        problems.error(where, f"source file `{shown}` not found", hint=hint)
        return None
    text = read_text(path, problems, limit=MAX_SOURCE_BYTES, what="source text", reported_at=where)
    if text is not None and not text.strip():
        problems.error(where, f"source file `{shown}` is empty", hint="paste the article's text into it")
        return None
    if text is not None:
        warn_unsafe_text(text, path, problems)
    return text
