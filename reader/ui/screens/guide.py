"""The guide: where the case screen takes the reader in the sources, and what it marks there.

:class:`Guide` owns the reader's way through the sources:

- **the walk** (:class:`~reader.ui.walk.Walk`): what ``n`` and ``N`` step
  through, the selected entity's mentions or the search's matches, and which
  of them the reader was last taken to;
- **the search** as the reading sees it: the search bar (made at the first
  ``/``: most readings never search), its matches marked in the sources and
  walked, the worker's late answer for a big case taken in;
- **the marks**: a place gone to, or the passages an event, a difference or
  a quote cites, scrolled into view and marked, the first of them made the
  active source and given the keyboard.

Going somewhere closes a panel that covers the sources and says in the
status line where the reader is. The guide knows the screen it works for
only as :class:`Guided` (the case, the selected entity, the source deck, the
body, the status line, what has the keyboard); the screen tells it what the
reader asked (the keys, the search bar's messages, the panels' choices) and
when the case changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.widget import Widget

from reader.model import Case, Citation, Event, Mention, Span
from reader.model.search import Place, mention_places
from reader.ui.walk import Walk
from reader.ui.widgets.case_body import CaseBody
from reader.ui.widgets.search_bar import MAX_MATCHES, SearchBar, SearchLine
from reader.ui.widgets.source_deck import SourceDeck
from reader.ui.widgets.status_line import StatusLine

#: Up to this many characters of text in the whole case, a keystroke in the search box
#: searches every source before the next frame (a few milliseconds at most). A bigger
#: case searches the sources on screen at once and the others in a worker thread, so
#: typing never waits for a million words to be searched.
SEARCH_AT_ONCE = 1_000_000


class Guided(Protocol):
    """What the guide needs of the screen it works for (the case screen)."""

    case: Case
    selected_entity: str | None
    deck: SourceDeck
    body: CaseBody
    status_line: StatusLine

    @property
    def focused(self) -> Widget | None:
        """The widget that has the keyboard."""


class Guide:
    """Takes the reader to mentions, matches and cited passages, and marks them; runs the search for the reading."""

    def __init__(self, screen: Guided) -> None:
        self._screen = screen
        #: What ``n`` and ``N`` step through.
        self.walk = Walk()
        #: The search box under the sources (None until the first ``/``).
        self.bar: SearchBar | None = None
        #: The line that holds it, with its prompt and count.
        self.line: SearchLine | None = None

    @property
    def query(self) -> str:
        """What is searched for ("" when nothing is)."""
        return self.bar.query if self.bar is not None else ""

    def _say(self, message: str = "") -> None:
        self._screen.status_line.show(message)

    def marks_anything(self) -> bool:
        """Whether a search or a mark is showing (what Esc clears before it leaves the case)."""
        return bool(self.query) or any(view.mark is not None for view in self._screen.deck.views())

    def case_changed(self) -> None:
        """The screen shows another version of the case: search it, and walk what the reader walked in it."""
        screen, walk = self._screen, self.walk
        if self.bar is not None:
            self.bar.set_case(screen.case)
        if walk.kind == "mentions" and screen.selected_entity is not None:
            walk.start("mentions", mention_places(screen.case, screen.selected_entity))
        elif walk.kind == "matches" and self.query:
            self.search(self.query)

    # -- mentions ---------------------------------------------------------------------

    def walk_mentions(self, entity_id: str) -> None:
        """Walk the mentions of ``entity_id`` (just selected) from now on, and say how many there are."""
        case = self._screen.case
        self.walk.start("mentions", mention_places(case, entity_id))
        self._say(self.walk.summary(case.entities[entity_id].name))

    def go_to_first(self) -> None:
        """Go to the first place walked (the palette's entity command: its first mention)."""
        if self.walk.places:
            self.go_to(self.walk.places[0])

    def go_to_mention(self, mention: Mention) -> None:
        """Go to a mention chosen in the entity panel."""
        self.go_to(self._place(mention.source_id, mention.span))

    def mention_clicked(self, source_id: str, span: Span) -> None:
        """A mention was clicked (and its entity selected): mark it, and walk on from it."""
        index = self.walk.index_of(self._place(source_id, span))
        if index is not None:
            self.go_to(self.walk.places[index], focus=False)

    def _place(self, source_id: str, span: Span) -> Place:
        return Place(self._screen.deck.source_ids.index(source_id), span, source_id)

    # -- n and N ------------------------------------------------------------------------

    def step(self, *, forward: bool) -> None:
        """Go to the next (or previous) place walked, from the last one gone to or else from where the reader is."""
        self.finish_search()
        screen, walk = self._screen, self.walk
        if not walk.places:
            if walk.kind == "matches" and self.query:
                self._say(f"No match for “{self.query}”")
            elif screen.selected_entity is None:
                self._say("Nothing to step through: select an entity (e) or search (/) first")
            return
        deck = screen.deck
        here = (deck.source_ids.index(deck.active_source), deck.view(deck.active_source).top_offset)
        index = walk.next_index(forward, here)
        if index is not None:
            self.go_to(walk.places[index], index=index)

    def go_to(self, place: Place, *, index: int | None = None, focus: bool = True) -> None:
        """Take the reader to ``place``: its source active, the passage in view and marked."""
        screen, walk, deck = self._screen, self.walk, self._screen.deck
        if index is None:
            index = walk.index_of(place)
        walk.index = index
        screen.body.close_covering()
        deck.active_source = place.source_id
        deck.reveal({place.source_id: place.span})
        if focus and screen.focused is not deck.view(place.source_id):
            # Focusing the focused view again would repaint all of it.
            deck.focus_source(place.source_id)
        if index is None:
            return
        mentions = walk.kind == "mentions"
        case, selected = screen.case, screen.selected_entity
        name = case.entities[selected].name if mentions and selected else f"“{self.query}”"
        self._say(walk.where(index, name, more=not mentions and len(walk.places) >= MAX_MATCHES))
        if mentions:
            found = [m for m in case.mentions.get(place.source_id, ()) if m.span == place.span]
            if found:
                screen.body.entity_panel.show_mention(found[0])

    # -- the search -----------------------------------------------------------------------

    async def open_search(self) -> None:
        """Open the search box under the sources (made the first time) and put the keyboard in it."""
        self._screen.body.close_covering()
        bar, line = self.bar, self.line
        if bar is None or line is None:
            bar = self.bar = SearchBar(self._screen.case, at_once_up_to=SEARCH_AT_ONCE, id="search-bar")
            line = self.line = SearchLine(bar, id="search-line")
            await self._screen.deck.mount(line)
        line.display = True
        bar.focus()

    def typed(self, query: str) -> None:
        """The reader typed in the search box: search as they type, and say what was found."""
        self.search(query, wait=False)
        self._say_found()

    def _say_found(self) -> None:
        """Say how many matches the search found (or that it is still searching), on the line and beside the box."""
        bar, line = self.bar, self.line
        if bar is None or line is None:
            return
        self._say(bar.describe())
        line.show_count(bar.count(self._next_match()))

    def _next_match(self) -> int | None:
        """Which match Enter (or ``n``) goes to: the first from where the reader is."""
        deck, walk = self._screen.deck, self.walk
        if walk.kind != "matches" or not walk.places or deck.active_source not in deck.source_ids:
            return None
        here = (deck.source_ids.index(deck.active_source), deck.view(deck.active_source).top_offset)
        return walk.next_index(True, here)

    def search(self, query: str, *, wait: bool = True) -> None:
        """Search every source for ``query`` (blank: end the search), walk the matches and mark them.

        With ``wait`` False (a keystroke), a big case has only the sources on
        screen searched at once (see :class:`SearchBar`); the others' matches
        come with :meth:`found`.
        """
        deck, bar = self._screen.deck, self.bar
        if bar is None:
            self.walk.start("matches", [])
            deck.show_matches({})
            return
        bar.search(query, wait=wait, on_screen=deck.shown_sources())
        self.walk.start("matches", bar.places)
        if bar.searching:
            deck.show_matches(bar.at_once)
        else:
            deck.show_places(bar.places)

    def found(self, message: SearchBar.Found) -> None:
        """Take in what the search worker found, unless a later search made it stale."""
        bar = self.bar
        if bar is None or not bar.take(message):
            return
        self._screen.deck.show_places(message.places, keep=bar.at_once)
        if self.walk.kind == "matches":  # else an entity was selected meanwhile: n/N walk its mentions
            self.walk.places = message.places
            self._say_found()

    def finish_search(self) -> None:
        """Search every source now if the worker is still at it: n/N and Enter need every match."""
        bar = self.bar
        if bar is not None and bar.searching and self.walk.kind == "matches":
            bar.finish()
            self.walk.start("matches", bar.places)
            self._screen.deck.show_places(bar.places)

    def submitted(self) -> None:
        """Enter in the search box: go to the first match (or back to the source) and close the box."""
        self.finish_search()
        # Focus the source with the first match before hiding the box: hiding
        # the focused box first would let focus fall back on the first source.
        if self.walk.places:
            self.step(forward=True)
        else:
            self._screen.deck.focus_active()
        if self.line is not None:
            self.line.display = False

    def cancelled(self) -> None:
        """Esc in the search box: close it, forget the query, and give the keyboard back to the source."""
        bar, line = self.bar, self.line
        if bar is None or line is None:
            return
        line.display = False
        bar.value = ""
        self._screen.deck.focus_active()

    def clear(self) -> None:
        """End the search, forget the places walked, take every mark away, and let the status line sum up."""
        if self.bar is not None:
            self.bar.value = ""
        self.search("")
        self.walk.places = []
        self._screen.deck.clear_marks()
        self._say()

    # -- cited passages -------------------------------------------------------------------

    def show_event(self, event: Event) -> None:
        """Scroll every source that reports ``event`` to its quote, and mark it."""
        case = self._screen.case
        sources = ", ".join(case.sources[s].publisher for s in event.source_ids if s in case.sources)
        self.reveal(event.citations, f"{event.date.display()}: reported by {sources}")

    def reveal(self, citations: Sequence[Citation], message: str = "") -> None:
        """Scroll each cited source to its passage and mark it; the first cited source becomes active.

        A source cited more than once shows its first passage. Other views
        lose their marks, so the marks on screen are exactly these passages.
        """
        screen = self._screen
        shown: dict[str, Span] = {}
        for citation in citations:
            if citation.span is not None and citation.source_id in screen.case.sources:
                shown.setdefault(citation.source_id, citation.span)
        if not shown:
            return
        screen.body.close_covering()
        screen.deck.reveal(shown)
        first = next(iter(shown))
        screen.deck.active_source = first
        screen.deck.focus_source(first)
        if message:
            self._say(message)
