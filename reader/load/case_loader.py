"""Load a case folder: read, check, build the model, anchor every citation.

``load_case`` never raises on bad input. It returns a :class:`LoadResult`
holding every problem found, each at the line and column the user wrote,
and the :class:`~reader.model.Case` when there were no errors.
"""

from __future__ import annotations

import difflib
import errno
import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.load.characters import warn_unsafe_text
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
from reader.load.problems import Problem, Problems, did_you_mean, known_list, with_article
from reader.load.spec import Rec, RList
from reader.load.yamlnodes import YMap, parse_yaml
from reader.model.anchor import (
    FoldedText,
    NameMatcher,
    describe_difference,
    find_name_mentions,
    fold_normal,
    merge_mentions,
    name_owners,
)
from reader.model.types import (
    Caption,
    Case,
    Citation,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Location,
    Mention,
    Quote,
    Side,
    Source,
    Span,
    Status,
    Term,
)

#: How many places of an ambiguous quote are listed before "and N more".
MAX_PLACES_SHOWN = 8

#: From how many bytes of case files, or characters of source text, a second process
#: pays for itself. Forking and sending the results back cost a few milliseconds:
#: the bundled case (55 kB of YAML) loads 5 ms slower split, the medium benchmark
#: case (200 kB of YAML, 600,000 characters of text) 70 ms faster.
PARALLEL_FROM_SIZE = 100_000

#: What placing one quote costs, in characters of text scanned for names (measured on the large benchmark case).
CHARACTERS_PER_QUOTE = 250


@dataclass
class LoadResult:
    """The outcome of loading a case: the problems and, when none is an error, the case."""

    folder: Path
    problems: Problems
    case: Case | None = None

    @property
    def ok(self) -> bool:
        return not self.problems.errors


@dataclass
class _Sections:
    """The sections of all case files, merged."""

    case: Rec | None = None
    lists: dict[str, list[Rec]] = field(default_factory=lambda: {name: [] for name in LIST_SECTIONS})
    unread: list[Path] = field(default_factory=list)  # files that could not be read as YAML at all


def case_files(folder: Path) -> list[Path]:
    """The YAML files of a case folder, in the order they are read (broken links included, to be reported)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix in {".yaml", ".yml"} and (p.is_file() or (p.is_symlink() and not p.exists())))


def _case_entries(folder: Path) -> list[Path]:
    """Every entry of a case folder named like a case file, whatever it is, so what is not a file gets reported.

    :func:`case_files` lists the files to read and write; a folder or a named
    pipe called ``quotes.yaml`` is not one, but leaving it out in silence hid
    the quotes the user meant it to hold.
    """
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a case is built, and keep it off the case afterwards.

    Loading makes hundreds of thousands of small objects that all live on;
    each makes the collector run again over everything made so far, which
    took a third of the time to load a large case. Nothing the loader makes
    forms a cycle that must be freed early, and reference counting still
    frees the rest.

    Once built, the case is frozen out of the collector's reach
    (``gc.freeze``): otherwise every full collection walks all of it again,
    a quarter of a second on a large case, landing on whatever key the
    reader pressed then, and once more at exit. A case holds no reference
    cycles, so a replaced one is still freed, by reference counting.

    Freezing keeps whatever is alive, garbage in cycles too: when this is not
    the first freeze (a case reloaded after an edit, say), what was made since
    the last one is collected before loading, so a closed dialog is not kept
    for good. That pass walks only the objects made since, not the frozen case.
    """
    if gc.get_freeze_count():
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _linked_outside(folder: Path, path: Path, problems: Problems) -> bool:
    """Report a case file that is a link leading out of the case folder, or nowhere; True if so."""
    if not path.is_symlink():
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


def load_case(folder: Path, texts: Mapping[Path, str] | None = None, *, parallel: bool = False) -> LoadResult:
    """Load and check the case in ``folder``; report, never raise, on bad input.

    ``texts`` gives the contents of case files to use instead of what is on
    disk (the reader's unsaved edits), keyed by their paths in ``folder``.
    ``parallel`` lets a big case's files and sources be split with a forked
    child process (see :mod:`reader.load.parallel`): only for callers with no
    other threads running, such as the command line. The result is the same.
    """
    with _collector_paused():
        return _load_case(folder, texts, parallel)


def case_size(folder: Path) -> int:
    """How many bytes the case's annotation files hold: what loading a case costs grows with it."""
    try:
        return sum(path.stat().st_size for path in case_files(folder) if path.is_file())
    except OSError:
        return 0


def preview_case(folder: Path) -> Case | None:
    """The case as ``case.yaml`` alone gives it, with only the first source's text: what a big case shows first.

    Reading ``case.yaml`` and one source takes a moment where reading and
    checking a whole big case takes seconds, so the reader shows this while
    the whole case loads. The other sources have their metadata and an empty
    text; the case has no entities, events or mentions yet. Nothing is
    checked here beyond what building the first source needs: None when
    ``case.yaml`` cannot give a title and a first source, and the full load
    reports every problem.
    """
    problems = Problems()
    path = folder / "case.yaml"
    text = read_text(path, problems, limit=MAX_YAML_BYTES, what="case file") if path.is_file() else None
    root = parse_yaml(text, path, problems) if text else None
    if not isinstance(root, YMap):
        return None
    record = CASE_FILE.check(root, problems)
    records = record.get("sources", ())
    if "case" not in record or not records:
        return None
    builder = _Builder(folder, problems)
    first = builder.source(records[0])
    if first is None:
        return None
    sources = {first.id: first}
    for source_record in records[1:]:
        identifier = source_record.get("id", "")
        if identifier and identifier not in sources and "file" in source_record:
            sources[identifier] = Source(
                id=identifier, path=folder / source_record["file"], text="", title=source_record.get("title", ""),
                publisher=source_record.get("publisher", ""), date=builder.date(source_record),
                kind=source_record.get("kind", "other"), author=source_record.get("author"))
    case = record["case"]
    return Case(id=case.get("id", "case"), title=case.get("title", ""), folder=folder, sources=sources)


def _load_case(folder: Path, texts: Mapping[Path, str] | None, parallel: bool) -> LoadResult:
    problems = Problems()
    result = LoadResult(folder, problems)
    try:
        files = _case_entries(folder)
        # A file the reader has created but not yet saved counts as one of the case's files.
        files = sorted({*files, *(path for path in (texts or {}) if path.parent == folder)})
    except OSError as exc:
        problems.error(Location(folder), f"cannot read the case folder: {exc.strerror or exc}",
                       hint="check that the folder exists and that you may read it")
        return result
    if not files:
        problems.error(Location(folder), "no case files (*.yaml) in this folder",
                       hint="a case folder holds case.yaml and the other annotation files; "
                            "see docs/format.md")
        return result
    sections = _read_sections(files, problems, texts or {}, parallel)
    if sections.case is None:
        if not problems.errors:
            problems.error(Location(folder / "case.yaml" if (folder / "case.yaml").exists() else folder),
                           "no `case` section in any case file",
                           hint="add `case:` with `id` and `title` to case.yaml")
        return result
    result.case = _Builder(folder, problems, complete=not sections.unread, parallel=parallel).build(sections)
    if problems.errors:
        result.case = None
    return result


@dataclass
class _FileRead:
    """What one case file gave: its checked sections (None if it could not be read) and its problems."""

    path: Path
    record: Rec | None
    problems: list[Problem]


def _read_sections(files: list[Path], problems: Problems, texts: Mapping[Path, str],
                   parallel: bool) -> _Sections:
    def read_all(paths: Sequence[Path]) -> list[_FileRead]:
        return [_read_file(path, texts) for path in paths]

    sizes = [_size(path) for path in files] if parallel else []
    reads = in_two(read_all, files, sizes) if parallel and sum(sizes) >= PARALLEL_FROM_SIZE else read_all(files)
    sections = _Sections()
    for read in reads:
        problems.extend(read.problems)
        record = read.record
        if record is None:
            sections.unread.append(read.path)
            continue
        if "case" in record:
            if sections.case is not None:
                problems.error(record.at("case"), "a second `case` section "
                                                  f"(the first is at {sections.case.location})",
                               hint="a case has one `case` section; remove this one")
            else:
                sections.case = record["case"]
        for name in LIST_SECTIONS:
            sections.lists[name].extend(record.get(name, ()))
    return sections


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
    record = CASE_FILE.check(root, problems)
    if "version" in record and record["version"] != FORMAT_VERSION:
        problems.error(record.at("version"), f"unsupported format version {record['version']}",
                       hint=f"this reader reads version {FORMAT_VERSION}")
    return _FileRead(path, record, problems.items)


@dataclass
class _SourceWork:
    """One source's share of the case's citations, as indexes into the list of them all."""

    citations: list[int] = field(default_factory=list)  # the quotes to place
    explicit: list[tuple[str, int]] = field(default_factory=list)  # (entity id, citation): explicit mentions
    excludes: list[tuple[str, int]] = field(default_factory=list)  # (entity id, citation): passages excluded


@dataclass
class _Anchored:
    """One source anchored: the spans found for its citations (by index), its mentions and its problems."""

    source_id: str
    spans: dict[int, Span]
    mentions: list[Mention]
    problems: list[Problem]

    def __reduce__(self) -> tuple:
        # Sent back from a child process. Column lists of plain values pickle ten times
        # faster than as many named tuples: a big case sends back 50,000 mentions.
        mentions = self.mentions
        return (_Anchored.from_columns, (
            self.source_id, [(index, span.start, span.end) for index, span in self.spans.items()],
            [m.entity_id for m in mentions], [m.span.start for m in mentions],
            [m.span.end for m in mentions], [m.explicit for m in mentions], self.problems))

    @staticmethod
    def from_columns(source_id: str, spans: list[tuple[int, int, int]], entity_ids: list[str],
                     starts: list[int], ends: list[int], explicit: list[bool],
                     problems: list[Problem]) -> _Anchored:
        mentions = [Mention(entity_id, source_id, Span(start, end), flag)
                    for entity_id, start, end, flag in zip(entity_ids, starts, ends, explicit, strict=True)]
        return _Anchored(source_id, {index: Span(start, end) for index, start, end in spans}, mentions, problems)


class _Builder:
    """Turns checked records into model objects, checking what spans records."""

    def __init__(self, folder: Path, problems: Problems, *, complete: bool = True, parallel: bool = False) -> None:
        self.folder = folder
        self.problems = problems
        # Whether a big case's sources may be anchored half in a forked child process.
        self.parallel = parallel
        # False when a case file could not be read: the ids it defines are then
        # unknown, and references to them are not reported as errors of their own.
        self.complete = complete
        self.ids: dict[str, tuple[str, Location]] = {}
        self.references: list[tuple[str, str, Location]] = []  # (kind, id, where)
        self.name_locations: dict[str, dict[str, Location]] = {}  # entity id -> folded name -> where
        # True when a source could not be built (its text unreadable, say): what is mentioned
        # where is then unknown, and "never mentioned" would be a warning for each entity it names.
        self.sources_missing = False

    # --- building -------------------------------------------------------------------

    def build(self, sections: _Sections) -> Case:
        record = sections.case
        assert record is not None
        lists = sections.lists
        sources = {s.id: s for s in (self.source(r) for r in lists["sources"]) if s is not None}
        if not lists["sources"] and self.complete:
            self.problems.error(record.location, "the case has no sources",
                                hint="add a `sources:` list to case.yaml")
        case = Case(
            id=record.get("id", "case"),
            title=record.get("title", ""),
            folder=self.folder,
            sources=sources,
            entities={e.id: e for e in (self.entity(r) for r in lists["entities"])},
            events=[self.event(r) for r in lists["events"]],
            quotes=[self.quote(r) for r in lists["quotes"]],
            differences=[self.difference(r) for r in lists["differences"]],
            subject_id=record.get("subject"),
            summary=record.get("summary"),
            language=record.get("language"),
        )
        if case.subject_id:
            self.references.append(("entity", case.subject_id, record.at("subject")))
        self.check_references()
        self.anchor(case)
        if not self.sources_missing:
            self.check_unmentioned(case)
        self.check_chronology(case)
        return case

    def claim_id(self, kind: str, record: Rec) -> str:
        """Register a record's id, reporting one already taken; return the id."""
        identifier = record.get("id", "")
        if identifier:
            if identifier in self.ids:
                other_kind, where = self.ids[identifier]
                self.problems.error(record.at("id"), f"duplicate id `{identifier}` "
                                                     f"(already used by the {other_kind} at {where})",
                                    hint="ids are unique across the whole case; rename one")
            else:
                self.ids[identifier] = (kind, record.at("id"))
        return identifier

    def refer(self, kind: str, record: Rec, key: str) -> None:
        """Note the references held in ``record[key]`` (one id or a list of ids)."""
        value = record.get(key)
        if isinstance(value, RList):
            self.references.extend((kind, item, value.at(i)) for i, item in enumerate(value))
        elif value:
            self.references.append((kind, value, record.at(key)))

    def citation(self, record: Rec) -> Citation:
        self.refer("source", record, "source")
        return Citation(
            source_id=record.get("source", ""),
            quote=record.get("quote", ""),
            prefix=record.get("prefix"),
            suffix=record.get("suffix"),
            occurrence=record.get("occurrence"),
            note=record.get("note"),
            location=record.at("quote"),
        )

    def citations(self, record: Rec, key: str) -> list[Citation]:
        return [self.citation(item) for item in record.get(key, ())]

    def date(self, record: Rec) -> FuzzyDate:
        date = FuzzyDate(
            text=record.get("date", "unknown"),
            inferred=record.get("date_inferred", False),
            note=record.get("date_note"),
            not_before=_bound(record.get("not_before")),
            not_after=_bound(record.get("not_after")),
        )
        if date.inferred and not date.note:
            self.problems.warning(record.at("date_inferred"), "inferred date without a `date_note`",
                                  hint="say in `date_note` how the date was worked out")
        if date.not_before and date.not_after and FuzzyDate(date.not_before).earliest() > \
                FuzzyDate(date.not_after).latest():
            self.problems.error(record.at("not_after"),
                                f"`not_after` ({date.not_after}) is before `not_before` ({date.not_before})")
        if date.is_known:
            if date.not_before and date.latest() < FuzzyDate(date.not_before).earliest():
                self.problems.error(record.at("not_before"),
                                    f"date {date.text} is before its own `not_before` ({date.not_before})")
            if date.not_after and date.earliest() > FuzzyDate(date.not_after).latest():
                self.problems.error(record.at("not_after"),
                                    f"date {date.text} is after its own `not_after` ({date.not_after})")
        return date

    def source(self, record: Rec) -> Source | None:
        identifier = self.claim_id("source", record)
        date = self.date(record)  # checked even when the text cannot be read
        text = self.source_text(record)
        if text is None or not identifier:
            self.sources_missing = True
            return None
        source = Source(
            id=identifier,
            path=self.folder / record["file"],
            text=text,
            title=record.get("title", ""),
            publisher=record.get("publisher", ""),
            date=date,
            kind=record.get("kind", "other"),
            author=record.get("author"),
            language=record.get("language"),
            url=record.get("url"),
            note=record.get("note"),
        )
        for caption in record.get("captions", ()):
            before = None
            if "before" in caption:
                before = Citation(identifier, caption["before"], location=caption.at("before"))
            source.captions.append(Caption(caption.get("text", ""), before))
        return source

    def source_text(self, record: Rec) -> str | None:
        if "file" not in record:
            return None
        relative = record["file"]
        where = record.at("file")
        shown = shown_path(relative)
        unusable = path_problem(relative)
        if unusable is not None:
            self.problems.error(where, f"source file `{shown}` {unusable.message}", hint=unusable.hint)
            return None
        try:
            path = inside_folder(self.folder, relative)
        except LinkLoop:
            self.problems.error(where, f"source file `{shown}` is a link that leads round in a loop",
                                hint="point the link at the source text, or put the text in its place")
            return None
        if path is None:
            self.problems.error(where, f"source file `{shown}` is outside the case folder",
                                hint="keep source texts inside the case folder, e.g. sources/name.txt")
            return None
        if not path.exists():
            siblings = {p.name: str(p.relative_to(self.folder)) for p in path.parent.glob("*")} \
                if path.parent.is_dir() else {}
            # Compare file names, not paths: every sibling shares the folder part, which
            # made any file there look "close" (weekly.txt missing → "did you mean daily.txt?").
            close = difflib.get_close_matches(path.name, list(siblings), n=1, cutoff=0.75)
            hint = f"did you mean `{siblings[close[0]]}`?" if close else (
                "files there: " + known_list(siblings.values()) if siblings else "check the path; it is "
                                                                                "relative to the case folder")
            self.problems.error(where, f"source file `{shown}` not found", hint=hint)
            return None
        text = read_text(path, self.problems, limit=MAX_SOURCE_BYTES, what="source text",
                         reported_at=where)
        if text is not None and not text.strip():
            self.problems.error(where, f"source file `{shown}` is empty",
                                hint="paste the article's text into it")
            return None
        if text is not None:
            warn_unsafe_text(text, path, self.problems)
        return text

    def entity(self, record: Rec) -> Entity:
        identifier = self.claim_id("entity", record)
        self.refer("entity", record, "affiliation")
        names = self.name_locations.setdefault(identifier, {})
        if "name" in record:
            names.setdefault(_fold_name(record["name"]), record.at("name"))
        aliases = record.get("aliases", RList(record.location))
        for index, alias in enumerate(aliases):
            folded = _fold_name(alias)
            if folded in names:
                self.problems.warning(aliases.at(index), f"alias `{alias}` repeats a name of this entity",
                                      hint="remove it")
            names.setdefault(folded, aliases.at(index))
        return Entity(
            id=identifier,
            type=record.get("type", "other"),
            name=record.get("name", ""),
            description=record.get("description", ""),
            citations=self.citations(record, "citations"),
            aliases=tuple(aliases),
            standpoint=record.get("standpoint"),
            affiliation=record.get("affiliation"),
            explicit_mentions=self.citations(record, "mentions"),
            exclude=self.citations(record, "exclude"),
            sensitive=record.get("sensitive", False),
            role=record.get("role"),
            note=record.get("note"),
            location=record.location,
        )

    def event(self, record: Rec) -> Event:
        self.refer("entity", record, "entities")
        status = record.get("status")
        return Event(
            id=self.claim_id("event", record),
            kind=record.get("kind", "other"),
            date=self.date(record),
            summary=record.get("summary", ""),
            citations=self.citations(record, "citations"),
            entity_ids=tuple(record.get("entities", ())),
            status=Status(status["state"], status["summary"]) if status and len(status) == 2 else None,
            term=self.term(record),
            note=record.get("note"),
            location=record.at("date"),
        )

    def term(self, record: Rec) -> Term | None:
        term = record.get("term")
        if term is None:
            return None
        lengths = {unit: term.get(unit, 0) for unit in ("years", "months", "days")}
        if not any(lengths.values()) and not term.refused & set(lengths):  # a refused length is reported
            self.problems.error(term.location, "a term needs a length",
                                hint="give `years`, `months` and/or `days` as the source states them, "
                                     "e.g. `months: 5` and `days: 8`")
        return Term(citations=self.citations(term, "citations"), **lengths)

    def quote(self, record: Rec) -> Quote:
        self.refer("entity", record, "speaker")
        self.refer("event", record, "about")
        citation = record.get("citation")
        return Quote(
            id=self.claim_id("quote", record),
            speaker_id=record.get("speaker", ""),
            citation=self.citation(citation) if citation else Citation("", ""),
            mode=record.get("mode", "direct"),
            about=tuple(record.get("about", ())),
            note=record.get("note"),
            location=record.location,
        )

    def difference(self, record: Rec) -> Difference:
        self.refer("entity", record, "entities")
        self.refer("event", record, "events")
        return Difference(
            id=self.claim_id("difference", record),
            topic=record.get("topic", "other"),
            summary=record.get("summary", ""),
            sides=[Side(side.get("says", ""), self.citations(side, "citations"))
                   for side in record.get("sides", ())],
            entity_ids=tuple(record.get("entities", ())),
            event_ids=tuple(record.get("events", ())),
            note=record.get("note"),
            location=record.location,
        )

    # --- checks across records --------------------------------------------------------

    def check_references(self) -> None:
        by_kind: dict[str, list[str]] = {}
        for identifier, (kind, _) in self.ids.items():
            by_kind.setdefault(kind, []).append(identifier)
        for kind, identifier, where in self.references:
            # self.ids answers "is it known?" in one look-up; the list is only for messages.
            if self.ids.get(identifier, ("",))[0] == kind:
                continue
            known = by_kind.get(kind, [])
            if identifier in self.ids:
                actual = self.ids[identifier][0]
                self.problems.error(where, f"`{identifier}` is {with_article(actual)}, not {with_article(kind)}",
                                    hint=f"known {kind} ids: {known_list(known)}")
                continue
            if not self.complete:
                continue  # it may be defined in the file that could not be read
            hint = did_you_mean(identifier, known)
            hint = f"{hint} (known {kind} ids: {known_list(known)})" if hint else \
                f"known {kind} ids: {known_list(known)}"
            self.problems.error(where, f"unknown {kind} `{identifier}`", hint=hint)

    def anchor(self, case: Case) -> None:
        """Place every citation in its source and find every mention, source by source.

        Sources are independent here, so a big case's are split between this
        process and a forked child (when the caller allows it); the results
        are applied in source order either way.
        """
        matcher = NameMatcher(self.owned_names(case))
        citations = case.all_citations()
        work = {source_id: _SourceWork() for source_id in case.sources}
        index_of: dict[int, int] = {}
        for index, citation in enumerate(citations):
            # An unknown source or a missing quote is reported already.
            if citation.source_id in work and citation.quote.strip():
                work[citation.source_id].citations.append(index)
                index_of[id(citation)] = index
        for entity in case.entities.values():
            for citation in entity.explicit_mentions:
                if id(citation) in index_of:
                    work[citation.source_id].explicit.append((entity.id, index_of[id(citation)]))
            for citation in entity.exclude:
                if id(citation) in index_of:
                    work[citation.source_id].excludes.append((entity.id, index_of[id(citation)]))

        def anchor_sources(source_ids: Sequence[str]) -> list[_Anchored]:
            return [self.anchor_source(case.sources[source_id], citations, work[source_id], matcher)
                    for source_id in source_ids]

        source_ids = list(case.sources)
        sizes = [len(case.sources[source_id].text) for source_id in source_ids]
        if self.parallel and sum(sizes) >= PARALLEL_FROM_SIZE:
            # Placing a quote costs about what scanning a few hundred characters for names does;
            # sources early in a case tend to be the most cited, so halving by text alone is uneven.
            weights = [size + CHARACTERS_PER_QUOTE * len(work[source_id].citations)
                       for source_id, size in zip(source_ids, sizes, strict=True)]
            anchored = in_two(anchor_sources, source_ids, weights)
        else:
            anchored = anchor_sources(source_ids)
        for result in anchored:
            for index, span in result.spans.items():
                citations[index].span = span
            case.mentions[result.source_id] = result.mentions
            self.problems.extend(result.problems)

    def anchor_source(self, source: Source, citations: list[Citation], work: _SourceWork,
                      matcher: NameMatcher) -> _Anchored:
        """Place one source's citations and find its mentions, changing nothing: the caller applies the result."""
        problems = Problems()
        text = FoldedText(source.text)  # folded once, for the citations and the names alike
        spans: dict[int, Span] = {}
        for index in work.citations:
            citation = citations[index]
            match = text.locate(citation)
            if match.found:
                spans[index] = match.span
            else:
                self.report_unresolved(problems, source, text, citation, match)
        automatic = find_name_mentions(source, text, matcher)
        explicit = [Mention(entity_id, source.id, spans[index], explicit=True)
                    for entity_id, index in work.explicit if index in spans]
        excluded: dict[str, list[Span]] = {}
        for entity_id, index in work.excludes:
            span = spans.get(index)
            if span is None:
                continue
            excluded.setdefault(entity_id, []).append(span)
            if not any(m.entity_id == entity_id and span.contains(m.span) for m in automatic):
                problems.warning(citations[index].location or Location(source.path),
                                 f"this exclude removes no mention of `{entity_id}`",
                                 hint="no name of the entity matches inside the passage; remove the exclude")
        return _Anchored(source.id, spans, merge_mentions(automatic, explicit, excluded), problems.items)

    def report_unresolved(self, problems: Problems, source: Source, text: FoldedText, citation: Citation,
                          match) -> None:
        where = citation.location or Location(source.path)
        name = f"`{source.id}` ({source.path.name})"
        if match.occurrence_out_of_range:
            problems.error(where, f"`occurrence: {citation.occurrence}` asked for, but the quote "
                                  f"occurs {match.occurrence_out_of_range} time(s) in {name}",
                           details=self.places(source, match.places),
                           hint=f"use an occurrence from 1 to {match.occurrence_out_of_range}")
        elif match.places:
            problems.error(where, f"quote is ambiguous: it occurs {len(match.places)} times "
                                  f"in {name}",
                           details=self.places(source, match.places),
                           hint="add a `prefix` or `suffix` (the text just before or after it), "
                                "or `occurrence: N`")
        elif (citation.prefix or citation.suffix) and (plain := text.find_all(citation.quote)):
            given = " and ".join(f"`{key}`" for key, value in
                                 (("prefix", citation.prefix), ("suffix", citation.suffix)) if value)
            problems.error(where, f"quote found in {name}, but not with the given {given}",
                           details=self.places(source, plain),
                           hint=f"copy the {given} from the source text at one of these places")
        else:
            details = []
            if match.closest is not None:
                line, col = source.line_col(match.closest.start)
                passage = source.text[match.closest.start:match.closest.end]
                details.append(f"closest passage at {line}:{col}: “{_shorten(passage, 160)}”")
                details.extend(f"differs: {d}" for d in describe_difference(citation.quote, passage))
                hint = "copy the passage exactly as the source has it (typos included)"
            elif match.search_gave_up:
                details.append(f"no close passage found within the search limit: {match.search_gave_up}")
                hint = "check that the `source` is right, and copy the passage exactly as the source has it"
            else:
                hint = "no passage of this source comes close; is the `source` right?"
            problems.error(where, f"quote not found in {name}", details=details, hint=hint)

    def places(self, source: Source, spans: tuple[Span, ...] | list[Span]) -> list[str]:
        lines = []
        for span in spans[:MAX_PLACES_SHOWN]:
            line, col = source.line_col(span.start)
            before = source.text[max(0, span.start - 30):span.start].split("\n")[-1]
            after = source.text[span.end:span.end + 30].split("\n")[0]
            lines.append(f"at {line}:{col}: …{before}[{source.text[span.start:span.end]}]{after}…")
        if len(spans) > MAX_PLACES_SHOWN:
            lines.append(f"and {len(spans) - MAX_PLACES_SHOWN} more")
        return lines

    def owned_names(self, case: Case) -> dict[str, list[str]]:
        """Each folded name with the ids of the entities it names; a name of several is reported."""
        owners = name_owners(case.entities.values())
        for name, ids in owners.items():
            for entity_id in ids[1:]:
                where = self.name_locations.get(entity_id, {}).get(name)
                self.problems.error(where or Location(case.folder),
                                    f"name `{name}` belongs to several entities: "
                                    + ", ".join(f"`{i}`" for i in ids),
                                    hint="a name may belong to one entity only; for shared words "
                                         "such as “the President” use explicit `mentions`")
        return owners

    def check_unmentioned(self, case: Case) -> None:
        """Warn about entities that no source mentions (nor names as author or publisher)."""
        mentioned = {m.entity_id for mentions in case.mentions.values() for m in mentions}
        # A byline or publisher is named in the metadata the reader shows, not in the text.
        named_in_metadata = {_fold_name(name) for source in case.sources.values()
                             for name in (source.author, source.publisher) if name}
        for entity in case.entities.values():
            if entity.id in mentioned or not case.sources:
                continue
            if named_in_metadata & {_fold_name(name) for name in entity.names}:
                continue
            if entity.id:
                where = self.name_locations.get(entity.id, {}).get(_fold_name(entity.name))
                self.problems.warning(where or Location(case.folder),
                                      f"entity `{entity.id}` is never mentioned in any source",
                                      hint="add the spelling the sources use to `aliases`, "
                                           "or an explicit `mentions` entry")

    def check_chronology(self, case: Case) -> None:
        """Warn where dated events are listed out of the order they happened in."""
        previous: Event | None = None
        for event in case.events:
            if not event.date.is_known:
                continue
            if previous is not None and event.date.latest() < previous.date.earliest():
                self.problems.warning(
                    event.location or Location(case.folder),
                    f"event `{event.id}` ({event.date.text}) is listed after `{previous.id}` "
                    f"({previous.date.text}) but happened before it",
                    hint="list events in the order they happened")
            previous = event


def _bound(value: str | None) -> str | None:
    return None if value in (None, "unknown") else value


def _fold_name(name: str) -> str:
    return " ".join(fold_normal(name).split())


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
