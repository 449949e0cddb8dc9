"""The command line: ``reader [PATH]``, ``reader check``, ``reader status``, ``reader schema``,
``reader export``, ``reader serve``.

Argument parsing and the non-interactive commands live here; the app is
imported only when it is about to run, so ``reader check`` starts fast.
Exit codes: 0 fine, 1 the case has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader import __version__
from reader.load.case_loader import load_case
from reader.model.controls import clean
from reader.paths import default_case
from reader.report import Inert, print_report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "status", "schema", "export", "serve")


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _path_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help="a case folder (default: the bundled Erlan Baltabay case)")


def resolve_case_path(path: Path | None) -> Path:
    """The case folder named on the command line, or the bundled case."""
    if path is None:
        return default_case()
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    if path.is_file():
        if path.suffix in {".yaml", ".yml"}:
            return path.parent
        raise UsageError(f"{path} is a file; give the case folder that holds case.yaml")
    return path


def _tolerate_narrow_terminals() -> None:
    """Print what the terminal's encoding cannot show as ``\\u241b`` escapes rather than crash.

    Case files are read as UTF-8 whatever the locale says, but under a
    Latin-1 or ASCII locale the output cannot hold every character of a
    message (a quote, a placeholder such as ␛).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    _tolerate_narrow_terminals()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "check":
            return check_command(args[1:])
        if args and args[0] == "status":
            return status_command(args[1:])
        if args and args[0] == "schema":
            return schema_command(args[1:])
        if args and args[0] == "export":
            from reader.export.command import export_command  # only the command run is imported

            return export_command(args[1:])
        if args and args[0] == "serve":
            from reader.serve import serve_command

            return serve_command(args[1:])
        return open_command(args)
    except UsageError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text(f"reader: error: {clean(str(exc))}", style="bold red"))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def open_command(args: list[str]) -> int:
    parser = _parser("reader", "Read the sources of a human-rights case side by side.\n\n"
                               "Commands: reader check [PATH], reader status [PATH], reader export [PATH], "
                               "reader serve [PATH], reader schema. "
                               "Run `reader COMMAND --help` for more.")
    _path_argument(parser)
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    if os.environ.get("TERM") == "dumb":
        # A dumb terminal cannot place the cursor or clear the screen, so a full-screen app
        # cannot be shown on it. Textual tried anyway: Rich takes a dumb terminal to be 80×25
        # whatever its size, the terminal said otherwise, and the case screen laid itself out
        # for each size in turn, forever, at full CPU and deaf to q and ctrl+c.
        raise UsageError("this terminal (TERM=dumb) cannot show the reader; use a terminal such as "
                         "xterm-256color, or `reader status` / `reader export` for plain text")
    from reader.ui.app import ReaderApp  # Textual is imported only to open the app.

    # The app opens a folder of cases on the list of them; a case it loads before it
    # starts, or, when the case is big, while it shows a preview.
    app = ReaderApp(folder)
    app.run()
    return app.return_code or EXIT_OK


def check_command(args: list[str]) -> int:
    parser = _parser("reader check", "Check a case: every problem, located, with a hint. "
                                     "Exit code 0 when clean, 1 on errors, 2 on usage errors.")
    _path_argument(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    print_report(result, Console(highlight=False, soft_wrap=True), quiet=options.quiet)
    return EXIT_OK if result.ok else EXIT_ERRORS


def status_command(args: list[str]) -> int:
    """``reader status``: the case's status as text or JSON; exit 1 when the case has errors."""
    # Imported here: ``reader check`` need not pay for the status model and Rich's tables.
    from reader.model.status import BASES, case_status
    from reader.status_report import render_status, status_json

    parser = _parser("reader status", "Print the case's legal status (since when, says who, as of which "
                                      "source, computed facts) and its timeline. Exit code 0 on success, "
                                      "1 when the case has errors, 2 on usage errors.")
    _path_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help="print JSON for scripts (shape: docs/status-json.md)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="the status as it stood on DATE: YYYY-MM-DD, or YYYY-MM / YYYY for the end "
                             "of that month / year")
    parser.add_argument("--basis", choices=BASES, default="happened",
                        help="with --as-of: count the events that had happened by DATE (default), or "
                             "only what the sources published by DATE had reported")
    parser.add_argument("--today", metavar="DATE",
                        help="the date ages are counted to (default: the system's date); "
                             "for reproducible output")
    options = parser.parse_args(args)
    as_of = _date_option("--as-of", options.as_of)
    today = _date_option("--today", options.today)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    if result.case is None or not result.ok:
        print_report(result, Console(stderr=True, highlight=False, soft_wrap=True))
        return EXIT_ERRORS
    status = case_status(result.case, as_of=as_of, basis=options.basis, today=today)
    if options.json:
        sys.stdout.write(json.dumps(status_json(status), indent=2, ensure_ascii=False) + "\n")
    else:
        console = Console(highlight=False)
        if console.is_terminal:
            console.print(Inert(render_status(status)))
        else:  # piped: plain lines, without the spaces Rich pads table cells with
            with console.capture() as capture:
                console.print(Inert(render_status(status)))
            sys.stdout.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))
    return EXIT_OK


def _date_option(name: str, value: str | None) -> dt.date | None:
    from reader.model.status import parse_as_of

    if value is None:
        return None
    try:
        return parse_as_of(value)
    except ValueError as exc:
        raise UsageError(f"bad {name} date `{value}`: {exc}") from None


def schema_command(args: list[str]) -> int:
    parser = _parser("reader schema", "Print the JSON Schema of case files, for editors with YAML "
                                      "language support (see docs/format.md).")
    parser.parse_args(args)
    from reader.load.format import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
