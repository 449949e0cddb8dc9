"""The status line under the sources: what just happened, or else the case in numbers.

It owns its words: the message last shown, and the summary it falls back on
when there is none (the counts of the case, or that a big case is still
loading). Whoever has news calls :meth:`StatusLine.show`; the case screen
tells it when the case changes.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.model import Case
from reader.ui.widgets.wrap import clean


def summary_text(case: Case, *, previewing: bool = False) -> str:
    """A one-line summary of ``case``; for a preview, that the rest of the case is on its way."""
    if previewing:
        return f"Loading all {len(case.sources)} sources: highlights follow…"
    mentions = sum(len(m) for m in case.mentions.values())
    return (f"{len(case.sources)} sources · {len(case.entities)} entities · "
            f"{mentions} mentions · {len(case.events)} events")


class StatusLine(Static):
    """One line: the last message, or the case's summary."""

    def __init__(self, case: Case, *, previewing: bool = False, id: str | None = None) -> None:
        self._case = case
        self._previewing = previewing
        #: The message shown ("" while the summary shows).
        self.message = ""
        super().__init__(Content(clean(self.summary())), id=id, markup=False)

    def summary(self) -> str:
        """What the line says when there is no message: the case in numbers."""
        return summary_text(self._case, previewing=self._previewing)

    def set_case(self, case: Case, *, previewing: bool = False) -> None:
        """Count ``case`` from now on (shown by the next :meth:`show`; the message on the line stays)."""
        self._case = case
        self._previewing = previewing

    def show(self, message: str = "") -> None:
        """Show ``message``, or the case's summary when there is none."""
        self.message = message
        # The line's size is fixed by the stylesheet, so new words need a repaint, not a layout.
        self.update(Content(clean(message or self.summary())), layout=False)
