"""One case of a folder, loaded and turned into its rows of the watchlist, or into a row with its error.

``reader status FOLDER`` and the app's watchlist screen both go through
:func:`entry_rows`, so a case that fails to load, or whose status cannot be
worked out, is the same row with the same words in both: its first error,
located, never a traceback; the other cases go on. The rows themselves
(the status in a few words, since when, the sources, flags, the orders)
are worked out by :mod:`reader.model.watchlist`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.load.case_loader import LoadResult, load_case
from reader.load.catalog import CaseEntry
from reader.model.status import Basis, case_status
from reader.model.watchlist import DEFAULT_STALE_AFTER, WatchRow, case_rows, failed_row


def entry_rows(entry: CaseEntry, *, today: dt.date, as_of: dt.date | None = None, basis: Basis = "happened",
               stale_after: int = DEFAULT_STALE_AFTER, parallel: bool = False) -> list[WatchRow]:
    """The rows of the case in ``entry``: one per person, or one with the error when it cannot be shown.

    ``parallel`` splits a big case over two processes (the command line
    does; the app loads in a thread of its own instead).
    """
    result = load_case(entry.folder, parallel=parallel)
    if result.case is None or not result.ok:
        return [failed_row(entry.folder, first_error(result, entry.folder.parent), entry.title)]
    try:
        status = case_status(result.case, as_of=as_of, basis=basis, today=today)
        return case_rows(entry.folder, result.case, status, stale_after=stale_after)
    except Exception as exc:  # one case must not take the whole watchlist down; say which and why
        return [failed_row(entry.folder, f"its status could not be worked out ({type(exc).__name__}: {exc}); "
                                         "please report this", entry.title)]


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


__all__ = ["entry_rows", "first_error"]
