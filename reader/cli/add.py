"""``reader add CASE PAGE.html|URL [--id ID]`` and ``reader add CASE TEXT.txt --publisher … --date …``.

The page's article and metadata are found by trafilatura and htmldate
(imported only when this command runs: see :mod:`reader.ingest.extract`);
the work is done in :mod:`reader.ingest`. This module reads the command
line and says what was done: what was found and where, what was not, how
the text was cleaned, and what to do next.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader.cli.options import EXIT_OK, CommandFailed, UsageError, command_parser
from reader.ingest.case_edit import Outcome, add_source
from reader.ingest.retrieve import IngestError, download, is_address, read_saved
from reader.ingest.sources import Draft, Given, check_date, from_page, from_text
from reader.load.files import shown_path
from reader.model.text_safety import clean
from reader.model.vocabulary import SOURCE_KINDS
from reader.report import terminal_console

_TEXT_SUFFIXES = {".txt", ".text", ".md"}


def _parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "reader add",
        "Add a source to a case: a page saved from the browser (.html, .htm, .mhtml), a web address, or a "
        "text you already have (.txt, with --publisher and --date). The article's text and its title, author, "
        "date, publisher and address are found in the page; the original page is kept in the case's "
        "originals/ folder with its SHA-256. Options given here win over what the page says.")
    parser.add_argument("case", type=Path, help="the case folder (made by reader new, or any case)")
    parser.add_argument("page", help="a saved page, an address (https://…), or a .txt file")
    parser.add_argument("--id", dest="source_id", metavar="ID",
                        help="the new source's id (default: made from its publisher and date)")
    parser.add_argument("--title", help="the headline (default: the page's; for a .txt, its first paragraph)")
    parser.add_argument("--author", help="the byline (default: the page's, if it gives one)")
    parser.add_argument("--publisher", help="who published it (default: the page's site name)")
    parser.add_argument("--date", help="when it was published: YYYY-MM-DD, YYYY-MM, YYYY or unknown "
                                       "(default: the page's date; a page without one is undated)")
    parser.add_argument("--url", metavar="ADDRESS", help="where it was published (default: the page's address)")
    parser.add_argument("--kind", choices=SOURCE_KINDS,
                        help="what sort of source it is (default: other; news, ngo-statement, union-statement, …)")
    parser.add_argument("--language", help="its language, as a BCP 47 tag such as en (default: the page's)")
    return parser


def add_command(args: list[str]) -> int:
    """``reader add``: add the source and say what was found; exit 1 when it cannot be added."""
    options = _parser().parse_args(args)
    folder: Path = options.case
    if not (folder / "case.yaml").is_file():
        raise UsageError(f"`{shown_path(str(folder))}` is not a case folder: it has no case.yaml",
                         hint=f"make one first: reader new {shown_path(str(folder))} --title \"…\"")
    page: str = options.page
    try:
        date = check_date(options.date) if options.date is not None else None
        given = Given(title=options.title, author=options.author, publisher=options.publisher, date=date,
                      url=options.url, kind=options.kind, language=options.language, source_id=options.source_id)
        draft = _draft(page, given)
        outcome = add_source(folder, draft.source)
    except IngestError as exc:
        # An address is named in the messages about fetching it; a file, here.
        where = "" if is_address(page) else f"{shown_path(page)}: "
        raise CommandFailed(f"{where}{exc}", exc.hint) from None
    _report(terminal_console(), folder, page, draft, outcome)
    return EXIT_OK


def _draft(page: str, given: Given) -> Draft:
    if is_address(page):
        return from_page(download(page), given)
    path = Path(page)
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return from_text(path, given)
    if not path.exists() and not path.is_symlink():
        raise IngestError("no such file", hint="give a saved page (.html), an address (https://…) or a .txt file")
    return from_page(read_saved(path), given)


def _report(console: Console, folder: Path, page: str, draft: Draft, outcome: Outcome) -> None:
    case = clean(shown_path(str(folder)))
    if not outcome.added:
        console.print(Text(f"reader: {clean(shown_path(page))} is already in {case}, as the source "
                           f"`{outcome.same_as}`: nothing added", style="bold"))
        return
    console.print(Text(f"reader: added the source `{outcome.source_id}` to {case}", style="bold green"))
    rows: list[tuple[str, str]] = []
    if outcome.text_path is not None:
        rows.append(("text", f"{shown_path(str(outcome.text_path))} ({len(draft.source.text.split()):,} words)"))
    if outcome.original_path is not None:
        rows.append(("original", f"{shown_path(str(outcome.original_path))} "
                                 f"(sha256 {outcome.record.get('sha256', '')[:16]}…)"))
    for name, value, where in draft.found:
        rows.append((name, f"{value}  (from {where})"))
    if draft.encoding and draft.encoding not in {"utf-8", "utf-8-sig"}:
        rows.append(("encoding", f"{draft.encoding}, converted to UTF-8"))
    rows.append(("kind", str(outcome.record.get("kind"))))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        console.print(Text(f"  {name:<{width}}  {clean(value)}"))
    if draft.missing:
        words = {"date": "no date: the source is undated (date: unknown); give --date if you know it",
                 "author": "no author: the source names none (author: null); give --author if you know it",
                 "address": "no address: the source has no url; give --url if you know it"}
        console.print(Text("  not found:", style="bold yellow"))
        for name in draft.missing:
            console.print(Text(f"    {words.get(name, name)}"))
    if outcome.earlier_version:
        console.print(Text(f"  another version of `{outcome.earlier_version}`: the same address, a different text "
                           "(an updated article); both are kept", style="bold yellow"))
    changes = draft.source.changes
    if changes:
        console.print(Text(f"  cleaned: {len(changes)} change{'s' if len(changes) > 1 else ''} to the text, "
                           f"listed in {case}/CLEANING.md"))
        for change in draft.source.changes[:8]:
            console.print(Text(f"    {clean(_short(change))}"))
        if len(draft.source.changes) > 8:
            console.print(Text(f"    … and {len(draft.source.changes) - 8} more"))
    if outcome.cleaning_note_failed:
        console.print(Text(f"  warning: {clean(outcome.cleaning_note_failed)}", style="yellow"))
    if outcome.record.get("kind") == "other":
        console.print(Text(f"  say what kind of source it is in case.yaml (kind: {', '.join(SOURCE_KINDS)})"))
    console.print(Text(f"  next: reader check {case}"))


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
