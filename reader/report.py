"""Problems and summaries as Rich text, shared by ``reader check`` and the app.

Messages contain the user's own text (quotes, names), so they are appended
as plain strings to :class:`rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from reader.load.case_loader import LoadResult
from reader.load.problems import Problem


def format_problem(problem: Problem) -> Text:
    """A problem as coloured text; the message is data, never parsed as markup."""
    text = Text()
    text.append(str(problem.location), style="bold")
    text.append(": ")
    text.append(problem.severity.value, style="bold red" if problem.is_error else "bold yellow")
    text.append(": " + problem.message)
    for detail in problem.details:
        text.append("\n    " + detail, style="dim")
    if problem.hint:
        text.append("\n    hint: ", style="cyan")
        text.append(problem.hint)
    return text


def summary_line(result: LoadResult) -> Text:
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    text = Text()
    case = result.case
    if case is not None:
        mentions = sum(len(m) for m in case.mentions.values())
        text.append(f"{case.id}: {len(case.sources)} sources, {len(case.entities)} entities, "
                    f"{mentions} mentions, {len(case.events)} events, {len(case.quotes)} quotes, "
                    f"{len(case.differences)} differences; ")
    else:
        text.append(f"{result.folder}: ")
    if not errors and not warnings:
        text.append("no problems", style="bold green")
        return text
    files = len({p.location.path for p in result.problems})
    text.append(f"{_plural(errors, 'error')}", style="bold red" if errors else "")
    text.append(", ")
    text.append(f"{_plural(warnings, 'warning')}", style="bold yellow" if warnings else "")
    text.append(f" in {_plural(files, 'file')}")
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
