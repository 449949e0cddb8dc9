"""The search box that ``/`` opens under the sources."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """A one-line search box: typing searches as you go, Enter goes to the first match, Esc closes."""

    BINDINGS = [
        Binding("escape", "cancel", "Close search", id="close-search"),
    ]

    class Cancelled(Message):
        """The reader closed the box without going to a match."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search every source (Enter: go, Esc: close)", id=id, compact=True)

    def action_cancel(self) -> None:
        """Close the box; the screen decides what happens to the matches."""
        self.post_message(self.Cancelled())
