"""Load a case folder: the loader's steps, run in order, and the case built whole at the end.

``load_case`` never raises on bad input. It returns a :class:`LoadResult`
holding every problem found, each at the line and column the user wrote,
and the :class:`~reader.model.Case` when there were no errors. The steps,
each in its own module and each with one job:

1. read (:mod:`reader.load.read`): the case files, as records with
   positions, merged; the source texts, safely;
2. build (:mod:`reader.load.build`): the records as typed objects, the
   case as written;
3. check (:mod:`reader.load.check`): what is wrong across records;
4. anchor (:mod:`reader.load.anchoring`): each citation's span and each
   source's mentions, returned, not written into the case;

and then the case is built again whole with its spans
(:func:`reader.load.build.anchored`). No step changes what an earlier one
made, and the order the steps run in is the order of the problems.

This module decides only what spans steps: when a big case's work is split
with a second process, and how the collector is kept off it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.load.anchoring import anchor_case
from reader.load.build import Builder, anchored, build_case
from reader.load.check import (
    check_chronology,
    check_measures,
    check_outcomes,
    check_people,
    check_references,
    check_shared_names,
    check_unmentioned,
)
from reader.load.problems import Problems
from reader.load.read import case_files, case_size, read_case_file, read_sections, read_source_text, read_source_texts
from reader.model.anchor import name_owners
from reader.model.types import Case, Source

__all__ = ["PARALLEL_FROM_SIZE", "LoadResult", "case_files", "case_size", "load_case", "preview_case"]

#: From how many bytes of case files, or characters of source text, a second process
#: pays for itself. Forking and sending the results back cost a few milliseconds:
#: the bundled case (55 kB of YAML) loads 5 ms slower split, the medium benchmark
#: case (200 kB of YAML, 600,000 characters of text) 70 ms faster.
PARALLEL_FROM_SIZE = 100_000


@dataclass
class LoadResult:
    """The outcome of loading a case: the problems and, when none is an error, the case."""

    folder: Path
    problems: Problems
    case: Case | None = None

    @property
    def ok(self) -> bool:
        return not self.problems.errors


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


def load_case(folder: Path, texts: Mapping[Path, str] | None = None, *, parallel: bool = False,
              partial: bool = False) -> LoadResult:
    """Load and check the case in ``folder``; report, never raise, on bad input.

    ``texts`` gives the contents of case files to use instead of what is on
    disk (the reader's unsaved edits), keyed by their paths in ``folder``.
    ``parallel`` lets a big case's files and sources be split with a forked
    child process (see :mod:`reader.load.parallel`): only for callers with no
    other threads running, such as the command line. The result is the same.
    With ``partial``, the case is built even when it has errors, from what
    could be read (for ``reader suggest``, which reads only its sources and
    names, on a case still being written); it has none when its files
    cannot be read at all.
    """
    with _collector_paused():
        return _load_case(folder, texts, PARALLEL_FROM_SIZE if parallel else None, partial)


def _load_case(folder: Path, texts: Mapping[Path, str] | None, split_from: int | None,
               partial: bool = False) -> LoadResult:
    problems = Problems()
    sections = read_sections(folder, problems, texts, split_from=split_from)
    if sections is None:
        return LoadResult(folder, problems)
    source_texts = read_source_texts(folder, sections.lists["sources"])
    built = build_case(folder, sections, source_texts, problems)
    check_references(built, problems)
    owners = name_owners(built.case.entities.values())
    check_shared_names(built, owners, problems)
    anchors = anchor_case(built.case, owners, split_from=split_from)
    problems.extend(anchors.problems)
    check_unmentioned(built, anchors.mentions, problems, all_marked=anchors.all_marked)
    check_chronology(built, problems)
    check_people(built, problems)
    check_measures(built, problems)
    check_outcomes(built, problems)
    if problems.errors and not partial:
        return LoadResult(folder, problems)
    return LoadResult(folder, problems, anchored(built.case, anchors.spans, anchors.mentions))


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
    record = read_case_file(folder / "case.yaml", problems)
    if record is None:
        return None
    records = record.get("sources", ())
    if "case" not in record or not records:
        return None
    builder = Builder(folder, problems)
    first = builder.source(records[0], read_source_text(folder, records[0]))
    if first is None:
        return None
    sources = {first.id: first}
    for source_record in records[1:]:
        identifier = source_record.get("id", "")
        if identifier and identifier not in sources and "file" in source_record:
            sources[identifier] = Source(
                id=identifier, path=folder / source_record["file"], text="", title=source_record.get("title", ""),
                publisher=source_record.get("publisher", ""), date=builder.date(source_record),
                kind=source_record.get("kind", "other"), author=source_record.get("author"),
                short=source_record.get("short"))
    case = record["case"]
    return Case(id=case.get("id", "case"), title=case.get("title", ""), folder=folder, sources=sources)
