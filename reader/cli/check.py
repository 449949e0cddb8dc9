"""``reader check [PATH]``: every problem of a case, located, with a hint, and a summary line."""

from __future__ import annotations

from reader.cli.options import EXIT_ERRORS, EXIT_OK, command_parser, path_argument, resolve_case_path
from reader.load.case_loader import load_case
from reader.report import MAX_PROBLEMS_SHOWN, print_report, terminal_console


def check_command(args: list[str]) -> int:
    """``reader check``: print the case's problems; exit 1 when it has errors."""
    parser = command_parser("reader check", "Check a case: every problem, located, with a hint. "
                                            "Exit code 0 when clean, 1 on errors, 2 on usage errors.")
    path_argument(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    parser.add_argument("--all", action="store_true",
                        help=f"list every problem (by default the first {MAX_PROBLEMS_SHOWN}, errors first, "
                             "then one line for the rest)")
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    print_report(result, terminal_console(), quiet=options.quiet,
                 limit=None if options.all else MAX_PROBLEMS_SHOWN)
    return EXIT_OK if result.ok else EXIT_ERRORS
