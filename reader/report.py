"""Problems and summaries as Rich text, shared by ``reader check`` and the app.

Messages contain the user's own text (quotes, names, passages of a source),
so they are appended as plain strings to :class:`rich.text.Text`, never
parsed as markup, and cleaned of control and bidi characters first: Rich
passes ESC through to the terminal, and ``reader check`` must not let a
hostile quote retitle the terminal or write the clipboard.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from reader.load.case_loader import LoadResult
from reader.load.problems import Problem
from reader.model.text_safety import clean

#: How many problems ``reader check`` and the app list before summing up the rest in one
#: line: a broken file can hold 100,000 (20,000 empty entities, five each), which took
#: `reader check` 200,000 lines and the app a minute and gigabytes to lay out.
MAX_PROBLEMS_SHOWN = 50


def format_problem(problem: Problem) -> Text:
    """A problem as coloured text; the message is data, never parsed as markup, and cleaned."""
    text = Text()
    text.append(clean(str(problem.location)), style="bold")
    text.append(": ")
    text.append(problem.severity.value, style="bold red" if problem.is_error else "bold yellow")
    text.append(": " + clean(problem.message))
    for detail in problem.details:
        text.append("\n    " + clean(detail), style="dim")
    if problem.hint:
        text.append("\n    hint: ", style="cyan")
        text.append(clean(problem.hint))
    return text


def summary_line(result: LoadResult) -> Text:
    """``id: N sources, …; E errors, W warnings in F files``, or ``no problems``."""
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    text = Text()
    case = result.case
    if case is not None:
        mentions = sum(len(m) for m in case.mentions.values())
        text.append(f"{clean(case.id)}: {len(case.sources)} sources, {len(case.entities)} entities, "
                    f"{mentions} mentions, {len(case.events)} events, {len(case.quotes)} quotes, "
                    f"{len(case.differences)} differences; ")
    else:
        text.append(f"{clean(str(result.folder))}: ")
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
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class Inert:
    """Renders any Rich renderable with every control and bidi character in its text made visible.

    For output built from many pieces of case text (``reader status``), where
    cleaning each string by hand would be easy to forget once. Rich's own
    control segments (cursor moves it emits itself) pass unchanged.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            yield segment if segment.control else Segment(clean(segment.text), segment.style)


class _InertPrints(RenderHook):
    """Wraps whatever a console prints in :class:`Inert`."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [Inert(renderable) for renderable in renderables]


def terminal_console(*, stderr: bool = False, soft_wrap: bool = True) -> Console:
    """The console every command prints with: whatever it is given is printed inertly.

    A message that quotes a path, an argument or a case's text must still be
    cleaned where it is made (Rich's :class:`~rich.text.Text` silently drops
    BEL, BS, VT, FF and CR, so they would be lost rather than shown), but one
    that is not cannot reach the terminal with a control character in it.
    """
    console = Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)
    console.push_render_hook(_InertPrints())
    return console


def shown_problems(problems: Sequence[Problem], limit: int | None = MAX_PROBLEMS_SHOWN
                   ) -> tuple[list[Problem], str | None]:
    """The problems to list, in file order, and a line summing up those left out (None when none is).

    Past ``limit`` (None: no limit), errors are kept before warnings, so a
    flood of warnings cannot hide the error that stops the case from opening.
    """
    if limit is None or len(problems) <= limit:
        return sorted(problems, key=_in_file_order), None
    kept = sorted(problems, key=lambda p: (not p.is_error, *_in_file_order(p)))[:limit]
    errors = sum(1 for p in problems if p.is_error) - sum(1 for p in kept if p.is_error)
    warnings = len(problems) - limit - errors
    left = ", ".join(_plural(count, noun) for count, noun in ((errors, "error"), (warnings, "warning")) if count)
    return sorted(kept, key=_in_file_order), f"… and {len(problems) - limit:,} more ({left})"


def _in_file_order(problem: Problem) -> tuple[str, int, int]:
    return str(problem.location.path), problem.location.line, problem.location.col


def print_report(result: LoadResult, console: Console, *, quiet: bool = False,
                 limit: int | None = MAX_PROBLEMS_SHOWN) -> None:
    """Print the problems of a loaded case (unless ``quiet``; past ``limit``, one line for the rest)
    and the summary line, as ``reader check`` does."""
    if not quiet:
        problems, rest = shown_problems(result.problems.items, limit)
        for problem in problems:
            console.print(format_problem(problem))
        if rest is not None:
            console.print(Text(f"{rest}; `reader check --all` lists them all", style="bold"))
    console.print(summary_line(result))
