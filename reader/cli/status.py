"""``reader status [PATH]``: each person's legal status, as text or as JSON; a folder of cases as a watchlist.

On a case folder, the command loads the case, works out its status
(:func:`reader.model.status.case_status`) and shows it:
:mod:`reader.cli.status_text` for people, :mod:`reader.cli.status_json`
for scripts (the shape and its JSON Schema are in docs/status-json.md). On a
folder whose subfolders are cases, it prints one row per person of every
case (:mod:`reader.cli.watchlist`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from rich.console import RenderableType

from reader.cli.options import (
    EXIT_ERRORS,
    EXIT_OK,
    UsageError,
    command_parser,
    date_option,
    path_argument,
    resolve_case_path,
    status_date_arguments,
    whole_number,
)
from reader.cli.output import write_to_standard_output
from reader.cli.status_json import status_json
from reader.cli.status_text import render_status
from reader.cli.watchlist import render_watchlist, watchlist_json, watchlist_rows
from reader.export.jsonout import dumps as json_text
from reader.load.case_loader import load_case
from reader.load.catalog import CaseEntry, cases_in
from reader.model.status import case_status
from reader.model.types import Case
from reader.model.watchlist import DEFAULT_STALE_AFTER, SORT_KEYS, sort_rows
from reader.report import print_report, terminal_console

# The JSON module's names, for callers that import them from the command, as before.
__all__ = ["render_status", "status_command", "status_json"]


def _parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "reader status",
        "Print each person's legal status: where the proceedings stand and every measure in force, since "
        "when, says who, how fresh, with warnings, what may have changed and the timeline. On a folder of "
        "cases, one row per person of every case (a watchlist). Exit code 0 on success, 1 when a case has "
        "errors, 2 on usage errors.")
    path_argument(parser, folders=True)
    parser.add_argument("--json", action="store_true",
                        help="print JSON for scripts (shape: docs/status-json.md)")
    status_date_arguments(parser, as_of_help="the status as it stood on DATE: YYYY-MM-DD, or YYYY-MM / YYYY for "
                                             "the end of that month / year")
    parser.add_argument("--person", metavar="ID",
                        help="only this person (an id of one of the case's subjects)")
    parser.add_argument("--sort", choices=tuple(SORT_KEYS), default=None,
                        help="a folder of cases: the order of the rows: "
                             + "; ".join(f"{key}: {words}" for key, words in SORT_KEYS.items()))
    parser.add_argument("--stale-after", metavar="DAYS", type=whole_number(0, "a number of days"),
                        default=DEFAULT_STALE_AFTER,
                        help=f"flag a person when no source about them is newer than DAYS days "
                             f"(default {DEFAULT_STALE_AFTER})")
    return parser


def status_command(args: list[str]) -> int:
    """``reader status``: a case's status, or a folder's watchlist, as text or JSON; exit 1 on a case's errors."""
    options = _parser().parse_args(args)
    as_of = date_option("--as-of", options.as_of)
    today = date_option("--today", options.today) or dt.date.today()
    folder = resolve_case_path(options.path)
    entries = cases_in(folder)
    if entries is not None:
        return _watchlist_command(options, folder, entries, as_of, today)
    if options.sort is not None:
        raise UsageError(f"--sort orders the rows of a folder of cases; {folder} is one case",
                         hint="leave out --sort, or give the folder that holds the case folders")
    result = load_case(folder, parallel=True)
    if result.case is None or not result.ok:
        print_report(result, terminal_console(stderr=True))
        return EXIT_ERRORS
    case = result.case
    person_id = _person(case, options.person)
    status = case_status(case, as_of=as_of, basis=options.basis, today=today)
    if options.json:
        # The data exact, yet controls and bidi controls written as \u escapes: safe to print.
        write_to_standard_output(json_text(status_json(status, case, person_id=person_id,
                                                       stale_after=options.stale_after)))
    else:
        _print(render_status(status, case, person_id=person_id))
    return EXIT_OK


def _person(case: Case, person_id: str | None) -> str | None:
    """``--person``'s id, checked against the case's subjects."""
    if person_id is None or person_id in case.subject_ids:
        return person_id
    known = ", ".join(f"`{sid}` ({case.entities[sid].name if sid in case.entities else sid})"
                      for sid in case.subject_ids)
    raise UsageError(f"--person `{person_id}`: the case `{case.id}` follows no such person; its subjects are "
                     f"{known}", hint=f"give one of those ids, e.g. --person {case.subject_ids[0]}"
                     if case.subject_ids else None)


def _watchlist_command(options: argparse.Namespace, folder: Path, entries: list[CaseEntry], as_of: dt.date | None,
                       today: dt.date) -> int:
    """``reader status FOLDER``: the watchlist; exit 1 when a case in it did not load."""
    sort = options.sort or "case"
    rows, failed = watchlist_rows(entries, as_of=as_of, basis=options.basis, today=today,
                                  stale_after=options.stale_after)
    if options.person is not None:
        known = list(dict.fromkeys(row.person_id for row in rows if row.person_id is not None))
        if options.person not in known:
            raise UsageError(f"--person `{options.person}`: no case in {folder} follows such a person; "
                             + (f"the people followed are {', '.join(f'`{k}`' for k in known)}" if known
                                else "no case there loaded"), hint="give one of those ids" if known else None)
        # The cases that did not load stay: the person may be in one of them.
        rows = [row for row in rows if row.person_id in (None, options.person)]
    rows = sort_rows(rows, sort)
    if options.json:
        write_to_standard_output(json_text(watchlist_json(folder, rows, as_of=as_of, basis=options.basis,
                                                          today=today, sort=sort, stale_after=options.stale_after,
                                                          person_id=options.person)))
    else:
        _print(render_watchlist(folder, rows, as_of=as_of, basis=options.basis, today=today, sort=sort,
                                stale_after=options.stale_after), wide=True)
    return EXIT_ERRORS if failed else EXIT_OK


#: The width a watchlist is laid out at when it is piped or written to a file (and COLUMNS does not say):
#: seven columns do not fit the 80 a console assumes, and a file has no width of its own.
PIPED_TABLE_WIDTH = 160


def _print(renderable: RenderableType, *, wide: bool = False) -> None:
    """Print to a terminal as Rich lays it out; piped, as plain lines (``wide``: at least :data:`PIPED_TABLE_WIDTH`)."""
    console = terminal_console(soft_wrap=False)
    if wide and not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_TABLE_WIDTH
    if console.is_terminal:
        console.print(renderable)
    else:  # piped: plain lines, without the spaces Rich pads table cells with
        with console.capture() as capture:
            console.print(renderable)
        write_to_standard_output("".join(line.rstrip() + "\n" for line in capture.get().splitlines()),
                                 in_locale=True)
