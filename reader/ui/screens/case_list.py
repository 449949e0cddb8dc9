"""The screen shown for a folder of cases: pick one to read."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.load.case_loader import LoadResult, load_case
from reader.load.catalog import CaseEntry
from reader.ui.inert import CleanTitles
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.wrap import clean


class CaseListScreen(CleanTitles, Screen[None]):
    """Lists the cases in a folder; Enter opens one, and Esc on the case comes back here."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self, folder: Path, cases: list[CaseEntry]) -> None:
        super().__init__()
        self.folder = folder
        self.cases = cases

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
            self._load(entry.folder)

    @work(thread=True, exclusive=True)
    def _load(self, folder: Path) -> None:
        # Loading checks every quote and finds every mention: off the UI thread.
        result = load_case(folder)
        self.app.call_from_thread(self._open, result)

    def _open(self, result: LoadResult) -> None:
        from reader.ui.app import ReaderApp

        if isinstance(self.app, ReaderApp):
            self.app.open_result(result)
