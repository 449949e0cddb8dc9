"""``reader new FOLDER --title "…" [--subject NAME]``: a new, empty case that checks and opens."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from reader.cli.options import EXIT_OK, CommandFailed, command_parser
from reader.ingest.case_edit import new_case
from reader.ingest.retrieve import IngestError
from reader.model.text_safety import clean
from reader.report import terminal_console


def new_command(args: list[str]) -> int:
    """``reader new``: make the case folder and its case.yaml; exit 1 if the folder is not new or empty."""
    parser = command_parser("reader new", "Start a case: make FOLDER with a case.yaml that reader check accepts "
                                          "and reader opens. Then add pages to it with reader add.")
    parser.add_argument("folder", type=Path, help="the case folder to make (new, or empty)")
    parser.add_argument("--title", required=True, help="the case's title, shown in the header")
    parser.add_argument("--subject", metavar="NAME",
                        help="the person the case follows, by name: made a person entity and the case's subject")
    options = parser.parse_args(args)
    try:
        new_case(options.folder, options.title, options.subject)
    except IngestError as exc:
        raise CommandFailed(str(exc), exc.hint) from None
    console = terminal_console()
    folder = clean(str(options.folder))
    console.print(Text(f"reader: made the case {folder}", style="bold"))
    console.print(Text(f"  next: reader add {folder} PAGE.html   (a page saved from the browser, or an address)"))
    console.print(Text(f"        reader check {folder}           then open it: reader {folder}"))
    return EXIT_OK
