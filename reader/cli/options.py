"""What every command shares: its argument parser, the case path argument, the case folder it names,
date options, usage errors and exit codes.

Exit codes: 0 fine, 1 the case has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from reader import __version__
from reader.load.files import path_problem, shown_path
from reader.model.text_safety import clean
from reader.paths import bundled_cases, default_case

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line itself is wrong (exit code 2); ``hint`` says what to do, when we can tell."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _terminal_columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` reads it (``COLUMNS``, then the terminal, then 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with the width read here: argparse imports :mod:`shutil` for it (and shutil
    imports bz2 and lzma), a millisecond of every command's start-up for help that is rarely printed."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() - 2 if width is None else width)


class CommandFailed(Exception):
    """The command could not do what it was asked (exit code 1): a page that cannot be read or fetched, say."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with its error messages cleaned of controls: they quote what was typed."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``prog: error: message``, then exit 2 (as argparse does), the message inert."""
        super().error(clean(message))


def whole_number(least: int, what: str = "a number") -> Callable[[str], int]:
    """An argparse ``type``: a whole number of at least ``least``, refused with what it should be (``what``)."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if number < least:
            rule = "cannot be negative" if least == 0 else f"must be {least} or more"
            raise argparse.ArgumentTypeError(f"{what} {rule}: {number}")
        return number

    return parse


def command_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """The parser of one command (``prog`` is how it is typed, ``reader check``), with ``--version``."""
    parser = ArgumentParser(prog=prog, description=description, formatter_class=_HelpFormatter)
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def path_argument(parser: argparse.ArgumentParser, *, folders: bool = False) -> None:
    """Add the optional case folder argument that every command on a case takes.

    ``folders``: the command also takes a folder of cases (one whose subfolders are cases).
    """
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help="a case folder, or a folder of case folders (default: the bundled Erlan Baltabay "
                             "case)" if folders else "a case folder (default: the bundled Erlan Baltabay case)")


def bundled_case(name: str) -> Path | None:
    """The bundled case called ``name`` (a bare folder name such as ``civic-square``), or None."""
    if not name or "/" in name or name in {".", ".."}:
        return None
    folder = bundled_cases() / name
    return folder if (folder / "case.yaml").is_file() else None


def resolve_case_path(path: Path | None) -> Path:
    """The case folder named on the command line, or the bundled case.

    A name that is no file or folder here but is the name of a bundled case
    (``reader civic-square``) opens that case.

    The one place the command line chooses the default case: every command,
    the app included, is given the folder this returns.
    """
    if path is None:
        return default_case()
    shown = shown_path(str(path))
    # Asked before the path is looked up: the system refuses these with an exception.
    unusable = path_problem(str(path))
    if unusable is not None:
        raise UsageError(f"the case folder `{shown}` {unusable.message}",
                         hint="check the path: no file system holds a name this long"
                         if unusable.kind == "name too long" else
                         "give the path from a folder nearer the case (`cd` there first), or move the case "
                         "to a shallower folder" if unusable.kind == "path too long" else None)
    try:
        exists, is_file = path.exists(), path.is_file()
    except OSError as exc:  # a folder on the way that may not be searched, say
        raise UsageError(f"cannot open the case folder `{shown}`: {exc.strerror or exc}") from None
    if not exists:
        bundled = bundled_case(str(path))
        if bundled is not None:  # `reader civic-square`: a bundled case by its name
            return bundled
        names = ", ".join(sorted(c.name for c in bundled_cases().iterdir() if (c / "case.yaml").is_file()))
        raise UsageError(f"no such file or folder: {path}",
                         hint=f"give a case folder, or the name of a bundled case ({names})")
    if is_file:
        if path.suffix in {".yaml", ".yml"}:
            return path.parent
        raise UsageError(f"{path} is a file; give the case folder that holds case.yaml")
    return path


def status_date_arguments(parser: argparse.ArgumentParser, *, as_of_help: str) -> None:
    """Add ``--as-of``, ``--basis`` and ``--today``, the options of every command that tells a status."""
    from reader.model.status import BASES  # only a command that tells a status needs the status model

    parser.add_argument("--as-of", metavar="DATE", help=as_of_help)
    parser.add_argument("--basis", choices=BASES, default="happened",
                        help="with --as-of: count the events that had happened by DATE (default), or only what "
                             "the sources published by DATE had reported")
    parser.add_argument("--today", metavar="DATE",
                        help="the date ages are counted to (default: the system's date); for reproducible output")


def date_option(name: str, value: str | None) -> dt.date | None:
    """The date given to option ``name`` (``--as-of``, ``--today``), None if it was not given.

    Raises:
        UsageError: the date is not one :func:`reader.model.status.parse_as_of` reads.
    """
    from reader.model.status import parse_as_of  # only a command with a date option needs the status model

    if value is None:
        return None
    try:
        return parse_as_of(value)
    except ValueError as exc:
        raise UsageError(f"bad {name} date `{value}`: {exc}") from None
