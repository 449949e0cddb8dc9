"""``reader suggest [PATH]``: what the sources name that no entity covers yet, best first.

The suggestions are :func:`reader.model.suggest.suggest`'s; this module
reads the case, prints them for people (each with its first places:
source, line:column and a snippet) or as JSON for scripts (the shape is in
docs/suggest-json.md), and reports a case it cannot read as ``reader
check`` does.

A case still being written (no entities yet, subjects not defined) has
errors, and ``reader check`` says so; suggestions are still made from the
sources and names that could be read, with a note on standard error.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from reader.cli.options import (
    EXIT_ERRORS,
    EXIT_OK,
    UsageError,
    command_parser,
    path_argument,
    resolve_case_path,
    whole_number,
)
from reader.cli.output import write_to_standard_output
from reader.export.jsonout import dumps as json_text
from reader.load.case_loader import load_case
from reader.load.catalog import cases_in
from reader.model.suggest import Suggestion, describe, suggest
from reader.model.text_safety import clean
from reader.model.types import Case
from reader.report import print_report, terminal_console

#: How many suggestions are listed unless ``--limit`` or ``--all`` says otherwise.
DEFAULT_LIMIT = 60
#: How many places of each suggestion the text output shows (the JSON has them all).
PLACES_SHOWN = 3


def _parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "reader suggest",
        "List what the sources name that no entity covers yet, best first: names of people, organisations "
        "and places, charges and laws, dates and amounts, and other spellings of the case's entities, each "
        "with where it occurs. Exit code 0 on success, 1 when the case cannot be read, 2 on usage errors.")
    path_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts (shape: docs/suggest-json.md)")
    parser.add_argument("--limit", "-n", metavar="N", type=whole_number(1), default=DEFAULT_LIMIT,
                        help=f"list the best N suggestions (default {DEFAULT_LIMIT})")
    parser.add_argument("--all", action="store_true", help="list every suggestion")
    return parser


def suggest_command(args: list[str]) -> int:
    """``reader suggest``: a case's suggestions, as text or JSON; exit 1 when the case cannot be read."""
    options = _parser().parse_args(args)
    folder = resolve_case_path(options.path)
    if cases_in(folder) is not None:
        raise UsageError(f"{folder} is a folder of cases; reader suggest works on one case",
                         hint="give one of the case folders in it")
    result = load_case(folder, parallel=True, partial=True)
    errors = len(result.problems.errors)
    if result.case is None or not result.case.sources:
        print_report(result, terminal_console(stderr=True))
        return EXIT_ERRORS
    case = result.case
    if errors:
        terminal_console(stderr=True).print(Text(
            f"note: the case has {errors:,} error{'' if errors == 1 else 's'} (`reader check` lists "
            f"{'it' if errors == 1 else 'them'}); these suggestions come from the sources and entities that "
            "could be read", style="yellow"))
    suggestions = suggest(case)
    shown = suggestions if options.all else suggestions[:options.limit]
    if options.json:
        write_to_standard_output(json_text(suggestions_json(case, shown, total=len(suggestions))))
    else:
        _print(case, shown, total=len(suggestions))
    return EXIT_OK


def suggestions_json(case: Case, suggestions: list[Suggestion], *, total: int) -> dict[str, Any]:
    """The suggestions as JSON data (documented in docs/suggest-json.md)."""
    return {
        "case": case.id,
        "total": total,
        "shown": len(suggestions),
        "suggestions": [{
            "rank": rank,
            "text": suggestion.text,
            "kind": suggestion.kind,
            "type": suggestion.entity_type,
            "alias_of": None if suggestion.alias_of is None else {
                "id": suggestion.alias_of, "name": case.entities[suggestion.alias_of].name},
            "variants": list(suggestion.variants),
            "sources": len(suggestion.source_ids),
            "mentions": len(suggestion.places),
            "score": suggestion.score,
            "places": [{"source": place.source_id, "line": place.line, "column": place.column,
                        "start": place.span.start, "end": place.span.end, "text": place.text,
                        "context": place.context} for place in suggestion.places],
        } for rank, suggestion in enumerate(suggestions, start=1)],
    }


def _print(case: Case, suggestions: list[Suggestion], *, total: int) -> None:
    console = terminal_console()
    heading = Text(f"{clean(case.id)}: {total:,} suggestion{'' if total == 1 else 's'}", style="bold")
    if len(suggestions) < total:
        heading.append(f", the best {len(suggestions):,} shown (--all lists every one)")
    console.print(heading)
    width = len(str(len(suggestions)))
    for rank, suggestion in enumerate(suggestions, start=1):
        line = Text(f"{rank:>{width}}. ")
        line.append(clean(suggestion.text), style="bold")
        line.append(f"  {clean(describe(case, suggestion))}", style="dim")
        console.print(line)
        for place in suggestion.places[:PLACES_SHOWN]:
            where = Text(" " * (width + 2))
            where.append(f"{clean(place.source_id)} {place.line}:{place.column}", style="cyan")
            where.append(f"  {clean(place.context)}")
            console.print(where)
        if len(suggestion.places) > PLACES_SHOWN:
            console.print(Text(f"{' ' * (width + 2)}and {len(suggestion.places) - PLACES_SHOWN} more", style="dim"))
