"""The screen shown when a case cannot be opened: every problem, located."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.load.case_loader import LoadResult
from reader.model.text_safety import clean
from reader.report import format_problem, shown_problems, summary_line
from reader.ui.inert import CleanTitles
from reader.ui.list_keys import KeyedScroll
from reader.ui.widgets.header import ReaderHeader


class ProblemsScreen(CleanTitles, Screen[None]):
    """Lists the problems of a case the way ``reader check`` prints them."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("escape", "app.back_to_cases", "Cases", show=False, id="back-to-cases"),
    ]

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        problems = self.result.problems
        yield ReaderHeader()
        yield Static(
            Text.assemble(
                ("This case cannot be opened. ", "bold"),
                f"Fix the problems below in the files named, then run `reader check {clean(str(self.result.folder))}` "
                "or open the case again.",
            ),
            id="problems-intro",
        )
        shown, rest = shown_problems(problems.items)
        with KeyedScroll(id="problems-list"):
            for problem in shown:
                yield Static(format_problem(problem), classes="problem")
            if rest is not None:
                yield Static(Text(f"{rest}; `reader check --all {clean(str(self.result.folder))}` lists them all",
                                  style="bold"), id="problems-more")
        yield Static(summary_line(self.result), id="problems-summary")
        yield Footer()
