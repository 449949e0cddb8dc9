"""One source in its own scrolling pane, titled with publisher, date and author."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from reader.model import Case, Source
from reader.ui.widgets.source_text import SourceText


def source_heading(source: Source) -> str:
    """``publisher · date · author`` for a pane title."""
    parts = [source.publisher, source.date.display()]
    if source.author:
        parts.append(source.author)
    return " · ".join(parts)


class SourcePane(VerticalScroll):
    """Scrolls one source on its own; its title says who published it and when."""

    def __init__(self, case: Case, source: Source) -> None:
        super().__init__(id=f"source-{source.id}", classes="source-pane")
        self.case = case
        self.source = source
        # Titles are rendered as markup by Textual; escape the user's text.
        self.border_title = _escape(source_heading(source))
        self.border_subtitle = _escape(source.kind)

    def compose(self) -> ComposeResult:
        yield SourceText(self.case, self.source)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
