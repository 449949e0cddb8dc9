"""The screen shown for a folder of cases: pick one to read.

The list only lists: Enter hands the chosen case's folder to ``open_case``,
the function its maker gave it (the app's :meth:`~reader.ui.app.ReaderApp.open_case`),
and the list stays under the case, so Esc in the case comes back to it as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.load.catalog import CaseEntry
from reader.ui.inert import CleanTitles
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.wrap import clean


class CaseListScreen(CleanTitles, Screen[None]):
    """Lists the cases in a folder; Enter opens one, and Esc on the case comes back here."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self, folder: Path, cases: list[CaseEntry],
                 open_case: Callable[[Path], object] | None = None) -> None:
        """List ``cases``, found in ``folder``; Enter calls ``open_case`` with the chosen case's folder."""
        super().__init__()
        self.folder = folder
        self.cases = cases
        self._open_case = open_case

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        yield Static(Content.assemble(("Cases in ", "bold"), clean(str(self.folder)),
                                      ("\nEnter opens a case; Esc in a case comes back to this list.", "dim")),
                     id="case-list-intro")
        yield OptionList(*(self._option(index, entry) for index, entry in enumerate(self.cases)),
                         id="case-list", markup=False)
        yield Footer(compact=True)

    @staticmethod
    def _option(index: int, entry: CaseEntry) -> Option:
        prompt = Content.assemble((clean(entry.title), "bold"), ("\n" + clean(str(entry.folder.name)), "dim"))
        if entry.problem:
            prompt = Content.assemble(prompt, ("  " + clean(entry.problem), "italic"))
        return Option(prompt, id=str(index))

    def on_mount(self) -> None:
        self.sub_title = f"{len(self.cases)} case{'s' if len(self.cases) != 1 else ''}"
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#case-list")
    def _case_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            entry = self.cases[int(event.option.id)]
            self.notify(f"Opening {entry.title}…", markup=False, timeout=2)
            if self._open_case is not None:
                self._open_case(entry.folder)
