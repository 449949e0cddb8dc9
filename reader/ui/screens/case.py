"""The main screen: the sources of a case side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.model import Case
from reader.ui.widgets.source_pane import SourcePane


class CaseScreen(Screen[None]):
    """Every source of the case in its own pane, side by side."""

    def __init__(self, case: Case, *, warnings: int = 0) -> None:
        super().__init__()
        self.case = case
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="sources"):
            for source in self.case.sources.values():
                yield SourcePane(self.case, source)
        yield Static(self.status_text(), id="status-line")
        yield Footer()

    def status_text(self) -> str:
        mentions = sum(len(m) for m in self.case.mentions.values())
        text = (f"{len(self.case.sources)} sources · {len(self.case.entities)} entities · "
                f"{mentions} mentions · {len(self.case.events)} events")
        if self.warnings:
            text += f" · {self.warnings} warning{'s' if self.warnings != 1 else ''} (run reader check)"
        return text
