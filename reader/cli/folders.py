"""A folder of cases on the command line: telling it from a case folder, and loading each case in it.

``reader check FOLDER`` and ``reader status FOLDER`` take either a case
folder (it holds ``case.yaml``) or a folder whose subfolders are cases, the
way ``reader FOLDER`` opens the list of them (:mod:`reader.load.catalog`).
Each case is loaded on its own; one that fails to load is reported with its
first error, never with a traceback, and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reader.load.case_loader import LoadResult, load_case
from reader.load.catalog import CaseEntry, is_case, list_cases


def cases_in(folder: Path) -> list[CaseEntry] | None:
    """The cases directly inside ``folder`` when it is a folder of cases; None when it is a case (or neither)."""
    if is_case(folder):
        return None
    return list_cases(folder) or None


def load_each(entries: list[CaseEntry]) -> Iterator[tuple[CaseEntry, LoadResult]]:
    """Each case of a folder, loaded and checked, one at a time (a big one over two processes)."""
    for entry in entries:
        yield entry, load_case(entry.folder, parallel=True)


def first_error(result: LoadResult, relative_to: Path) -> str:
    """The first error of a case that did not load, located, with its hint and how many more there are."""
    errors = sorted(result.problems.errors,
                    key=lambda p: (str(p.location.path), p.location.line, p.location.col))
    if not errors:
        return "the case did not load"
    text = errors[0].format(relative_to=relative_to).splitlines()[0]
    if errors[0].hint:
        text += f" (hint: {errors[0].hint})"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1:,} more error{'' if len(errors) == 2 else 's'}; `reader check` lists them)"
    return text
