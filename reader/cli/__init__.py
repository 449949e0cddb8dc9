"""The command line: ``reader [PATH]``, ``reader check``, ``reader status``, ``reader schema``,
``reader export``, ``reader serve``, ``reader suggest``, ``reader new``, ``reader add``.

:func:`main` only picks the command; each command is a module of its own
(:mod:`~reader.cli.check`, :mod:`~reader.cli.status`, :mod:`~reader.cli.schema`,
:mod:`~reader.cli.export`, :mod:`~reader.cli.serve`, :mod:`~reader.cli.suggest`, :mod:`~reader.cli.new`,
:mod:`~reader.cli.add`, and :mod:`~reader.cli.app`, which runs the app), imported only when it runs, so
``reader check`` does not pay for Textual or a web server. What they share (the parser, the case path,
usage errors, exit codes) is in :mod:`~reader.cli.options`; writing output whole
to standard output, in :mod:`~reader.cli.output`.
Exit codes: 0 fine, 1 the case has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.text import Text

from reader.cli.options import EXIT_ERRORS, EXIT_USAGE, CommandFailed, UsageError
from reader.model.text_safety import clean
from reader.report import terminal_console

COMMANDS = ("check", "status", "schema", "export", "serve", "suggest", "new", "add")


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
        # Only the command run is imported.
        if args and args[0] == "check":
            from reader.cli.check import check_command

            return check_command(args[1:])
        if args and args[0] == "status":
            from reader.cli.status import status_command

            return status_command(args[1:])
        if args and args[0] == "schema":
            from reader.cli.schema import schema_command

            return schema_command(args[1:])
        if args and args[0] == "export":
            from reader.cli.export import export_command

            return export_command(args[1:])
        if args and args[0] == "serve":
            from reader.cli.serve import serve_command

            return serve_command(args[1:])
        if args and args[0] == "suggest":
            from reader.cli.suggest import suggest_command

            return suggest_command(args[1:])
        if args and args[0] == "new":
            from reader.cli.new import new_command

            return new_command(args[1:])
        if args and args[0] == "add":
            from reader.cli.add import add_command

            return add_command(args[1:])
        from reader.cli.app import open_command

        return open_command(args)
    except UsageError as exc:
        console = terminal_console(stderr=True)
        console.print(Text(f"reader: error: {clean(str(exc))}", style="bold red"))
        if exc.hint:
            console.print(Text(f"    hint: {clean(exc.hint)}"))
        return EXIT_USAGE
    except CommandFailed as exc:
        console = terminal_console(stderr=True)
        console.print(Text(f"reader: error: {clean(str(exc))}", style="bold red"))
        if exc.hint:
            console.print(Text(f"    hint: {clean(exc.hint)}"))
        return EXIT_ERRORS
    except KeyboardInterrupt:
        return 130
