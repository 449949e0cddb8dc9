"""A folder of cases on the command line: loading each case in it, one at a time.

``reader check FOLDER`` and ``reader status FOLDER`` take either a case
folder (it holds ``case.yaml``) or a folder whose subfolders are cases,
told apart as ``reader FOLDER`` tells them (:func:`reader.load.catalog.cases_in`).
Each case is loaded on its own; one that fails to load is reported with its
first error (:func:`reader.load.watchlist.first_error`), never with a
traceback, and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.load.case_loader import LoadResult, load_case
from reader.load.catalog import CaseEntry


def load_each(entries: list[CaseEntry]) -> Iterator[tuple[CaseEntry, LoadResult]]:
    """Each case of a folder, loaded and checked, one at a time (a big one over two processes)."""
    for entry in entries:
        yield entry, load_case(entry.folder, parallel=True)
