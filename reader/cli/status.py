"""``reader status [PATH]``: the case's legal status and timeline, as text or as JSON for scripts.

The command (:func:`status_command`) loads the case and works out its
status; :func:`render_status` and :func:`status_json` show it. Both take a
:class:`~reader.model.status.CaseStatus` and show only what it holds.
Source text (quotes, summaries) is appended to :class:`rich.text.Text`
as plain strings, never parsed as markup. The JSON shape is documented,
with its JSON Schema, in docs/status-json.md; change both together and bump
:data:`SCHEMA_VERSION` when a field changes meaning or goes away.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reader.cli.options import EXIT_ERRORS, EXIT_OK, command_parser, date_option, path_argument, resolve_case_path
from reader.cli.output import write_to_standard_output
from reader.export.jsonout import dumps as json_text
from reader.load.case_loader import load_case
from reader.model.computed import Derived, date_bounds
from reader.model.status import BASES, CaseStatus, SourceDate, Standing, StepAt, case_status, describe_as_of
from reader.model.types import Citation, FuzzyDate, Source
from reader.report import print_report, terminal_console

SCHEMA_VERSION = 1

_STANDING_WORDS = {
    "happened": {Standing.COUNTS: "happened", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not yet"},
    "reported": {Standing.COUNTS: "reported", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not yet"},
}
_PUBLISHED = {Standing.COUNTS: "published", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not-yet"}


# --- JSON ------------------------------------------------------------------------------------

def status_json(status: CaseStatus) -> dict[str, Any]:
    """The status as plain JSON data, in the shape docs/status-json.md documents."""
    sources = {s.source.id: s.source for s in status.sources}
    setting = status.setting
    newest = status.newest_source
    return {
        "schema_version": SCHEMA_VERSION,
        "case": {"id": status.case_id, "title": status.title, "subject": status.subject},
        "query": {
            "as_of": status.as_of.isoformat() if status.as_of else None,
            "basis": status.basis,
            "today": status.today.isoformat(),
        },
        "status": None if setting is None or status.status is None else {
            "state": status.status.state,
            "summary": status.status.summary,
            "event": setting.step.event.id,
            "event_summary": setting.step.event.summary,
            "since": _date(setting.step.date),
            "sources": list(setting.source_ids),
            "corroboration": setting.corroboration,
            "single_source": setting.single_source,
            "differences": list(setting.step.difference_ids),
            "citations": [_citation(c, sources) for c in setting.citations],
        },
        "uncertain": [{
            "event": s.step.event.id,
            "state": s.step.event.status.state if s.step.event.status else None,
            "summary": s.step.event.status.summary if s.step.event.status else None,
            "date": _date(s.step.date),
            "reason": s.reason,
        } for s in status.uncertain],
        "freshness": {
            "newest_source": newest.source.id if newest else None,
            "date": _date(newest.date) if newest else None,
            "age_days": status.age_days,
            "age": status.age_phrase,
            "may_have_changed": status.may_have_changed,
            "text": status.freshness,
        },
        "sources": [_source(s) for s in status.sources],
        "computed": [_derived_json(fact, sources) for fact in status.computed],
        "timeline": [_step(s, sources) for s in status.steps],
    }


def _date(date: FuzzyDate) -> dict[str, Any]:
    earliest, latest = date_bounds(date)
    return {
        "text": date.text,
        "precision": date.precision.value,
        "display": date.display(),
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
        "inferred": date.inferred,
        "note": date.note,
        "not_before": date.not_before,
        "not_after": date.not_after,
    }


def _citation(citation: Citation, sources: dict[str, Source]) -> dict[str, Any]:
    source = sources.get(citation.source_id)
    line = column = None
    if citation.span is not None and source is not None:
        line, column = source.line_col(citation.span.start)
    return {
        "source": citation.source_id,
        "quote": citation.quote,
        "note": citation.note,
        "start": citation.span.start if citation.span else None,
        "end": citation.span.end if citation.span else None,
        "line": line,
        "column": column,
    }


def _source(dating: SourceDate) -> dict[str, Any]:
    source = dating.source
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "author": source.author,
        "kind": source.kind,
        "date": _date(source.date),
        "dated": dating.dated,
        "bound_inferred": dating.bound_inferred,
        "label": dating.label,
        "published_by_as_of": _PUBLISHED[dating.standing],
    }


def _derived_json(fact: Derived, sources: dict[str, Source]) -> dict[str, Any]:
    return {
        "id": fact.id,
        "computed": fact.computed,
        "label": fact.label,
        "value": fact.value,
        "earliest": fact.earliest.isoformat() if fact.earliest else None,
        "latest": fact.latest.isoformat() if fact.latest else None,
        "calculation": fact.calculation,
        "assumption": fact.assumption,
        "event": fact.event_id,
        "differences": list(fact.difference_ids),
        "inputs": [{
            "label": item.label,
            "value": item.value,
            "note": item.note,
            "citations": [_citation(c, sources) for c in item.citations],
        } for item in fact.inputs],
    }


def _step(seen: StepAt, sources: dict[str, Source]) -> dict[str, Any]:
    step = seen.step
    return {
        "event": step.event.id,
        "kind": step.event.kind,
        "summary": step.event.summary,
        "date": _date(step.date),
        "sets_status": step.sets_status,
        "status": None if step.status is None else {
            "state": step.status.state,
            "summary": step.status.summary,
            "set_by": step.status_event_id,
        },
        "sources": list(step.source_ids),
        "corroboration": step.corroboration,
        "single_source": step.single_source,
        "differences": list(step.difference_ids),
        "standing": seen.standing.value,
        "reason": seen.reason,
        "citations": [_citation(c, sources) for c in step.citations],
    }


# --- Rich ------------------------------------------------------------------------------------

def render_status(status: CaseStatus) -> RenderableType:
    """The status, its evidence, computed facts and the timeline, readable with or without colour."""
    return Group(*_parts(status))


def _parts(status: CaseStatus) -> Iterator[RenderableType]:
    sources = {s.source.id: s.source for s in status.sources}
    yield Text(status.title, style="bold")
    yield Text(_heading(status), style="dim")
    yield Text()
    yield _status_table(status, sources)
    if status.uncertain:
        yield Text()
        yield Text(f"May have changed by {describe_as_of(status.as_of)} (uncertain at this date)", style="bold")
        for seen in status.uncertain:
            line = Text()
            line.append(seen.step.event.status.state if seen.step.event.status else "", style="bold")
            line.append(f" ({seen.step.event.id}): {seen.reason}")
            yield Padding(line, (0, 0, 0, 2))
    if status.computed:
        yield Text()
        yield Text("Computed (not stated by any source)", style="bold magenta")
        for fact in status.computed:
            yield from _derived_lines(fact, sources)
    yield Text()
    yield Text("Timeline", style="bold")
    yield from _timeline(status)


def _heading(status: CaseStatus) -> str:
    if status.as_of is None:
        return "Status now, from everything the sources report"
    if status.basis == "happened":
        return f"Status on {describe_as_of(status.as_of)}, from the events that had happened by then"
    return f"Status on {describe_as_of(status.as_of)}, from what the sources published by then had reported"


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    return table


def _status_table(status: CaseStatus, sources: dict[str, Source]) -> Table:
    table = _grid()
    if status.status is None or status.setting is None:
        why = ("no event that sets a status had certainly happened by then" if status.basis == "happened" else
               "no source certainly published by then reports an event that sets a status")
        table.add_row("Status", Text(f"none recorded by {describe_as_of(status.as_of)}: {why}"))
    else:
        state = Text(status.status.state, style="bold")
        state.append(": " + status.status.summary, style="")
        table.add_row("Status", state)
        since = status.setting.step
        table.add_row("Since", Text(f"{since.date.display()}: {since.event.summary} ({since.event.id})"))
        who = Text(", ".join(sources[sid].publisher for sid in status.source_ids if sid in sources))
        who.append(" (single source)" if status.single_source else f" ({status.corroboration} sources)",
                   style="yellow" if status.single_source else "green")
        for citation in status.citations:
            who.append("\n")
            who.append_text(_quote(citation, sources))
        table.add_row("Says who", who)
        if since.difference_ids:
            table.add_row("Differences", Text(", ".join(since.difference_ids)))
    table.add_row("Freshness", Text(status.freshness))
    for dating in status.undated_sources:
        table.add_row("Undated", Text(f"{dating.source.publisher}: {dating.label}"))
    return table


def _quote(citation: Citation, sources: dict[str, Source]) -> Text:
    text = Text("“" + citation.quote + "”", style="italic")
    source = sources.get(citation.source_id)
    where = citation.source_id
    if source is not None and citation.span is not None:
        line, column = source.line_col(citation.span.start)
        where += f" {line}:{column}"
    text.append(f" ({where})", style="dim")
    return text


def _derived_lines(fact: Derived, sources: dict[str, Source]) -> Iterator[RenderableType]:
    head = Text()
    head.append(fact.label + ": ", style="bold")
    head.append(fact.value)
    head.append("  [computed]", style="magenta")
    yield Padding(head, (0, 0, 0, 2))
    table = _grid()
    table.add_row("calculation", Text(fact.calculation))
    for item in fact.inputs:
        value = Text(f"{item.value}")
        for citation in item.citations:
            value.append("\n")
            value.append_text(_quote(citation, sources))
        table.add_row(item.label, value)
    if fact.difference_ids:
        table.add_row("differences", Text(", ".join(fact.difference_ids), style="yellow"))
    table.add_row("assumption", Text(fact.assumption, style="dim"))
    yield Padding(table, (0, 0, 0, 4))


def _timeline(status: CaseStatus) -> Iterator[RenderableType]:
    by = None
    if status.as_of is not None:
        by = "by then"
    yield _timeline_row(Text("when"), Text("status after"), Text("sources"), Text(by) if by else None,
                        style="bold")
    for seen in status.steps:
        step = seen.step
        if step.status is None:
            after = Text("—", style="dim")
        elif step.sets_status:
            after = Text("→ " + step.status.state, style="bold")
        else:
            after = Text("  " + step.status.state, style="dim")
        who = Text(", ".join(step.source_ids))
        if step.single_source:
            who.append(" (single source)", style="yellow")
        standing = Text(_STANDING_WORDS[status.basis][seen.standing]) if by else None
        yield _timeline_row(Text(step.date.display()), after, who, standing)
        summary = Text(step.event.summary)
        summary.append(f" ({step.event.id})", style="dim")
        yield Padding(summary, (0, 0, 0, 4))


def _timeline_row(when: Text, after: Text, who: Text, standing: Text | None, style: str = "") -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=24, style=style)
    table.add_column(width=12, no_wrap=True, style=style)
    if standing is not None:
        table.add_column(width=9, no_wrap=True, style=style)
    table.add_column(style=style)
    cells = [when, after, *([standing] if standing is not None else []), who]
    table.add_row(*cells)
    return table


# --- the command -----------------------------------------------------------------------------

def status_command(args: list[str]) -> int:
    """``reader status``: the case's status as text or JSON; exit 1 when the case has errors."""
    parser = command_parser("reader status", "Print the case's legal status (since when, says who, as of which "
                                             "source, computed facts) and its timeline. Exit code 0 on success, "
                                             "1 when the case has errors, 2 on usage errors.")
    path_argument(parser)
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
    as_of = date_option("--as-of", options.as_of)
    today = date_option("--today", options.today)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    if result.case is None or not result.ok:
        print_report(result, terminal_console(stderr=True))
        return EXIT_ERRORS
    status = case_status(result.case, as_of=as_of, basis=options.basis, today=today)
    if options.json:
        # The data exact, yet controls and bidi controls written as \u escapes: safe to print.
        write_to_standard_output(json_text(status_json(status)))
    else:
        console = terminal_console(soft_wrap=False)
        if console.is_terminal:
            console.print(render_status(status))
        else:  # piped: plain lines, without the spaces Rich pads table cells with
            with console.capture() as capture:
                console.print(render_status(status))
            write_to_standard_output("".join(line.rstrip() + "\n" for line in capture.get().splitlines()),
                                     in_locale=True)
    return EXIT_OK
