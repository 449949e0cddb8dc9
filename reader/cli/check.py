"""``reader check [PATH]``: every problem of a case, located, with a hint, and a summary line.

On a folder whose subfolders are cases, every case in it is checked in
turn, each under a heading, and a last line sums them up.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader.cli.folders import load_each
from reader.cli.options import EXIT_ERRORS, EXIT_OK, command_parser, path_argument, resolve_case_path
from reader.load.case_loader import load_case
from reader.load.catalog import CaseEntry, cases_in
from reader.load.files import shown_path
from reader.model.text_safety import clean
from reader.report import MAX_PROBLEMS_SHOWN, print_report, terminal_console


def check_command(args: list[str]) -> int:
    """``reader check``: print the case's problems (or each case's, for a folder of cases); exit 1 on errors."""
    parser = command_parser("reader check", "Check a case, or every case in a folder of cases: every problem, "
                                            "located, with a hint. Exit code 0 when clean, 1 on errors, "
                                            "2 on usage errors.")
    path_argument(parser, folders=True)
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary line (of each case)")
    parser.add_argument("--all", action="store_true",
                        help=f"list every problem (by default the first {MAX_PROBLEMS_SHOWN}, errors first, "
                             "then one line for the rest)")
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    limit = None if options.all else MAX_PROBLEMS_SHOWN
    console = terminal_console()
    entries = cases_in(folder)
    if entries is not None:
        return _check_folder(folder, entries, console, quiet=options.quiet, limit=limit)
    result = load_case(folder, parallel=True)
    print_report(result, console, quiet=options.quiet, limit=limit)
    return EXIT_OK if result.ok else EXIT_ERRORS


def _check_folder(folder: Path, entries: list[CaseEntry], console: Console, *, quiet: bool,
                  limit: int | None) -> int:
    """Check each case of a folder of cases under a heading; sum them up in a last line."""
    clean_cases: list[str] = []
    warned: list[str] = []
    failed: list[str] = []
    for number, (entry, result) in enumerate(load_each(entries)):
        if number and not quiet:
            console.print()
        if not quiet:
            heading = Text(f"{clean(entry.folder.name)}/", style="bold underline")
            heading.append(f"  {clean(entry.title)}", style="bold")
            console.print(heading)
        print_report(result, console, quiet=quiet, limit=limit)
        name = clean(entry.folder.name)
        (failed if not result.ok else warned if result.problems.items else clean_cases).append(name)
    console.print()
    summary = Text(f"{clean(shown_path(str(folder)))}: {len(entries):,} case{'' if len(entries) == 1 else 's'}: ",
                   style="bold")
    parts = [(len(clean_cases), "with no problems", "bold green"),
             (len(warned), "with warnings only", "bold yellow"),
             (len(failed), "with errors", "bold red")]
    summary.append_text(Text(", ").join(Text(f"{count:,} {words}", style=style if count else "")
                                        for count, words, style in parts))
    if failed:
        summary.append(f" ({', '.join(failed)})")
    console.print(summary)
    return EXIT_ERRORS if failed else EXIT_OK
