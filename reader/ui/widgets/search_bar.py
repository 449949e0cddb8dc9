"""The search: the line ``/`` opens under the sources, the query, its matches, and the worker that finds them.

:class:`SearchLine` is what the reader sees: a ``/`` prompt, the box to type
in (:class:`SearchBar`) and, as they type, how many matches there are ("3 of
17": the one Enter goes to, of all of them; "no match"). :class:`SearchBar`
owns the search: what was asked (:attr:`SearchBar.query`),
every place it occurs (:attr:`SearchBar.places`), and in a big case the
worker that searches every source while the reader goes on typing. A case
of up to ``at_once_up_to`` characters is searched whole at each keystroke
(a few milliseconds); a bigger one has the sources on screen searched at
once and the others in a thread, and :class:`SearchBar.Found` says when
every match is in. Each search gets a new token, so what a worker finds for
an older query is dropped (:meth:`SearchBar.take`).

What the matches mean for the reading (the marks in the views, what ``n``
steps through, the status line) is the case screen's guide's business
(:class:`reader.ui.screens.guide.Guide`): it asks with
:meth:`SearchBar.search` and reads the answer from the bar.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.model import Case, Span
from reader.model.search import Place, TextSearch

#: Search stops counting after this many matches (a one-letter query in a big case).
MAX_MATCHES = 10_000


class SearchBar(Input):
    """A one-line search box: typing searches as you go, Enter goes to the first match, Esc closes."""

    BINDINGS = [
        Binding("escape", "cancel", "Close search", id="close-search"),
    ]

    class Cancelled(Message):
        """The reader closed the box without going to a match."""

    class Found(Message):
        """The worker found every place of a query; :meth:`SearchBar.take` says whether it is still the current one."""

        def __init__(self, token: int, places: list[Place]) -> None:
            super().__init__()
            self.token = token
            self.places = places

    def __init__(self, case: Case, *, at_once_up_to: int, id: str | None = None) -> None:
        """Search ``case``; one of more than ``at_once_up_to`` characters is searched in a worker as you type."""
        super().__init__(placeholder="Search every source (Enter: go, Esc: close)", id=id, compact=True)
        self.at_once_up_to = at_once_up_to
        #: What is searched for, as typed (but blanks at either end): "" when there is no search.
        self.query = ""
        #: Every place the query occurs, in reading order (none yet while :attr:`searching`).
        self.places: list[Place] = []
        #: While the worker searches: the sources searched at once, and their matches.
        self.at_once: dict[str, tuple[Span, ...]] = {}
        self._token = 0
        # The query a worker is still searching every source for.
        self._pending: str | None = None
        self.set_case(case)

    def set_case(self, case: Case) -> None:
        """Search ``case`` from now on (the next :meth:`search` finds its text)."""
        self._text_search = TextSearch(case)
        self._text_length = sum(len(source.text) for source in case.sources.values())

    @property
    def searching(self) -> bool:
        """Whether the worker is still finding the query's places in every source."""
        return self._pending is not None

    def search(self, query: str, *, wait: bool = True, on_screen: Iterable[str] = ()) -> None:
        """Search every source for ``query`` (blank: end the search); the answer is in :attr:`places`.

        With ``wait`` False (a keystroke) in a case bigger than
        :attr:`at_once_up_to`, only the ``on_screen`` sources are searched
        here (:attr:`at_once`); a worker searches them all, and
        :class:`Found` arrives when it is done.
        """
        self.query = query.strip()
        self._token += 1  # whatever a worker is still finding is stale now
        self._pending = None
        self.at_once = {}
        self.places = []
        if not self.query:
            return
        if wait or self._text_length <= self.at_once_up_to:
            self.places = self._text_search.find(query, limit=MAX_MATCHES)
            return
        self._pending = query
        self.at_once = {source_id: tuple(self._text_search.find_in(source_id, query, limit=MAX_MATCHES))
                        for source_id in on_screen}
        self._search_everywhere(query, self._token)

    def describe(self) -> str:
        """What the search found, in a line for the status line ("" when nothing is searched for)."""
        if not self.query:
            return ""
        if self.searching:
            return f"Searching every source for “{self.query}”…"
        count = len(self.places)
        if not count:
            return f"No match for “{self.query}”"
        more = "+" if count >= MAX_MATCHES else ""
        return f"{count}{more} match{'es' if count != 1 else ''} for “{self.query}” · Enter: go to the first, then n/N"

    def count(self, at: int | None = None) -> str:
        """How many matches, for the line beside the box: ``3 of 17`` (``at``: the one Enter goes to), ``no match``."""
        if not self.query:
            return ""
        if self.searching:
            return "searching…"
        total = len(self.places)
        if not total:
            return "no match"
        more = "+" if total >= MAX_MATCHES else ""
        return f"{at + 1} of {total}{more}" if at is not None else f"{total}{more} match{'es' if total != 1 else ''}"

    def finish(self) -> None:
        """Search every source now if the worker is still at it (Enter and ``n`` need every match)."""
        if self._pending is not None:
            self.search(self._pending)

    @work(thread=True, exclusive=True, group="search")
    def _search_everywhere(self, query: str, token: int) -> None:
        """Find ``query`` in every source, off the UI thread; report back unless superseded."""
        worker = get_current_worker()

        def cancelled() -> bool:
            # Asked before each source. Sleeping lets go of the GIL, so the UI thread
            # (drawing the keystroke, or taking the next one) never waits long for it.
            time.sleep(0)
            return worker.is_cancelled

        places = self._text_search.find(query, limit=MAX_MATCHES, cancelled=cancelled)
        if not worker.is_cancelled:
            self.post_message(self.Found(token, places))

    def take(self, found: Found) -> bool:
        """Take in what the worker found, if it is for the current search; whether it was."""
        if found.token != self._token or self._pending is None:
            return False  # a later keystroke (or Enter, or Esc) searched again
        self._pending = None
        self.places = found.places
        return True

    def action_cancel(self) -> None:
        """Close the box; the screen decides what happens to the matches."""
        self.post_message(self.Cancelled())


class SearchLine(Horizontal):
    """The search line under the sources: the ``/`` prompt, the box (:attr:`bar`), and the count of matches."""

    def __init__(self, bar: SearchBar, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The box the query is typed in.
        self.bar = bar

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield self.bar
        yield Static("", id="search-count", markup=False)

    def show_count(self, count: str) -> None:
        """Show how many matches there are (see :meth:`SearchBar.count`)."""
        label = self.query_one("#search-count", Static)
        if str(label.content) != count:
            # Its width is fixed (styles/reader.tcss): a new count redraws it without laying the line out again.
            label.update(count, layout=False)
