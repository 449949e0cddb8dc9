"""Command palette providers (ctrl+p): jump to any entity, event or source; switch highlights; open a view.

Narrowed to one person of the case (``p``, or the palette's ``Person:``
commands), the entity and event commands offer only that person's (see
:mod:`reader.ui.people`).

The commands act on the screen the palette was opened from, which they know
only by what they need of it: :class:`CaseReader` (the case screen) and
:class:`ViewSwitcher` (the case screen, or a cross-source view over it). They
never import a screen, so the screens, which offer these commands, sit above
them.

Every name shown comes from the case, so it is put into :class:`Content`
as plain text (never markup) with the fuzzy match drawn over it; help texts,
which the palette parses as markup, are escaped.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from abc import abstractmethod
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from reader.model import Case, Citation, Event
from reader.model.proceedings import person_name, publishers
from reader.model.status import case_status
from reader.ui.people import can_narrow, keeps_event, person_entities
from reader.ui.view_table import VIEWS
from reader.ui.widgets.difference_list import sides_first
from reader.ui.widgets.person_status import head_citations, head_message
from reader.ui.widgets.wrap import clean


@runtime_checkable
class ViewSwitcher(Protocol):
    """What the cross-source views' commands act on: the case screen, or a view over it."""

    case: Case
    today: dt.date | None
    person: str | None
    """The person the screen is narrowed to (None: everyone)."""

    def action_open_view(self, name: str, source_id: str | None = None) -> None:
        """Open a cross-source view (``source_id``: the voices view's "only in" filter)."""

    def reveal(self, citations: Sequence[Citation], message: str = "") -> None:
        """Show ``citations`` marked in their sources, saying ``message``."""

    def narrow_to(self, person_id: str | None) -> None:
        """Narrow to one person of the case (None: everyone)."""


@runtime_checkable
class CaseReader(ViewSwitcher, Protocol):
    """What the case screen's commands act on: the reading state and the actions on it."""

    show_highlights: bool
    hidden_types: frozenset[str]

    def present_types(self) -> tuple[str, ...]:
        """The entity types the case has, in legend order."""

    def select_entity(self, entity_id: str) -> None:
        """Select an entity and go to its first mention."""

    def show_event(self, event: Event) -> None:
        """Show where the sources report ``event``."""

    def action_goto_source(self, number: int) -> None:
        """Read source ``number`` (from 1)."""

    def action_toggle_highlights(self) -> None:
        """Show or hide every highlight."""

    def action_toggle_type(self, entity_type: str) -> None:
        """Show or hide one entity type's highlights."""

    def action_toggle_entities(self) -> None:
        """Show or hide the entity panel."""

    def action_toggle_status(self) -> None:
        """Show or hide the case-status sidebar."""

    def action_toggle_sync(self) -> None:
        """Scroll the sources together, or each on its own."""

    def action_search(self) -> Awaitable[None]:
        """Open the search box."""


@dataclass(frozen=True)
class Entry:
    """One command: what the palette shows and what choosing it does."""

    text: str
    help: str
    run: Callable[[], object]


#: How many commands of each kind the palette lists: the first ones before anything is
#: typed, the best matches after. A big case has thousands of entities and events, and
#: listing all of them (or all that match a letter or two) took a second or more a key.
LISTED_AT_MOST = 50


#: The longest a palette entry's label may be; a longer one is cut there and ends in "…".
LABEL_AT_MOST = 200


def _plain(text: str) -> str:
    return clean(" ".join(text.split()))


def _label(text: str) -> str:
    """``text`` on one line, cut to :data:`LABEL_AT_MOST` characters with "…" when longer, so a cut shows."""
    text = _plain(text)
    return text if len(text) <= LABEL_AT_MOST else text[: LABEL_AT_MOST - 1].rstrip() + "…"


#: How far apart the kinds of match are ranked: any match at a word's start above any match
#: inside a word, and either above any loose (fuzzy) one. Textual's fuzzy scores are far below
#: this (a few points a letter typed), so they only order the matches of one kind.
_KIND_WEIGHT = 10_000.0


def rank(matcher: Matcher, text: str) -> tuple[float, Sequence[int]]:
    """How well ``text`` matches what was typed, and the offsets to highlight; ``(0, ())`` for no match.

    What was typed, found whole at the start of a word ("pard" in "Pardoned"),
    ranks first; found whole inside a word ("ardo"), next; its letters found
    in order with gaps (the fuzzy match: "pard" in "Protests in Zhanaozen"),
    last. Textual's fuzzy score orders the matches within each kind, so a
    palette listing all three puts the one the reader meant at the top.
    """
    query = " ".join(matcher.query.split()).casefold()
    folded = text.casefold()
    score, offsets = matcher.fuzzy_search.match(query, text)
    if not score or not query or len(folded) != len(text):  # a letter whose case folds to two: fuzzy alone
        return score, offsets
    at = next((m.start() for m in re.finditer(re.escape(query), folded) if _word_start(folded, m.start())), -1)
    kind = 2 if at >= 0 else 1 if (at := folded.find(query)) >= 0 else 0
    if kind:
        offsets = range(at, at + len(query))
    return kind * _KIND_WEIGHT + score, offsets


def _word_start(text: str, at: int) -> bool:
    """Whether a word starts at ``at``: its character is a letter or digit and the one before is not."""
    return text[at].isalnum() and (at == 0 or not text[at - 1].isalnum())


class _CaseProvider(Provider):
    """Commands built from the case on the screen the palette was opened from."""

    #: What the screen must offer for these commands (anything else gets none).
    acts_on: type[ViewSwitcher] = CaseReader

    @abstractmethod
    def entries(self, screen: Any) -> Iterator[Entry]:
        """The commands this provider offers on ``screen`` (an :attr:`acts_on`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._entries_made: list[Entry] | None = None

    def _every_entry(self) -> list[Entry]:
        # Made on the first search and kept for the next keys: the palette is open over
        # one screen, whose case and state do not change until it closes.
        if self._entries_made is None:
            self._entries_made = list(self._entries())
        return self._entries_made

    def _entries(self) -> Iterator[Entry]:
        screen = self.screen
        return self.entries(screen) if isinstance(screen, self.acts_on) else iter(())

    async def discover(self) -> Hits:
        for entry in islice(self._entries(), LISTED_AT_MOST):
            yield DiscoveryHit(Content(entry.text), entry.run, text=entry.text, help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        matches = []
        for entry in self._every_entry():
            score, offsets = rank(matcher, entry.text)
            if score > 0:
                matches.append((score, offsets, entry))
        # The best matches (word starts, then inside words, then loose: see rank), those of equal
        # score in the case's order.
        for score, offsets, entry in heapq.nlargest(LISTED_AT_MOST, matches, key=itemgetter(0)):
            display = Content(entry.text)
            for offset in offsets:
                display = display.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(score, display, entry.run, text=entry.text, help=escape(entry.help))


class EntityCommands(_CaseProvider):
    """``Entity: <name>``: select the entity and go to its first mention."""

    def entries(self, screen: CaseReader) -> Iterator[Entry]:
        narrowed = person_entities(screen.case, screen.person)
        for entity in screen.case.entities.values():
            if narrowed is not None and entity.id not in narrowed:
                continue
            count = sum(screen.case.mention_counts(entity.id).values())
            aliases = f" · also {'; '.join(entity.aliases)}" if entity.aliases else ""
            yield Entry(f"Entity: {_plain(entity.name)}",
                        _plain(f"{entity.type}, {count} mention{'s' if count != 1 else ''}{aliases}"),
                        partial(screen.select_entity, entity.id))


class EventCommands(_CaseProvider):
    """``Event: <date> <summary>``: show where the sources report it."""

    def entries(self, screen: CaseReader) -> Iterator[Entry]:
        for event in screen.case.events:
            if not keeps_event(event, screen.person):
                continue
            sources = ", ".join(screen.case.sources[s].publisher for s in event.source_ids)
            yield Entry(_label(f"Event: {event.date.display()} · {event.summary}"),
                        _plain(f"{event.kind}, reported by {sources}"), partial(screen.show_event, event))


class SourceCommands(_CaseProvider):
    """``Source <n>: <publisher>``: read that source."""

    def entries(self, screen: CaseReader) -> Iterator[Entry]:
        for number, source in enumerate(screen.case.sources.values(), start=1):
            yield Entry(_plain(f"Source {number}: {source.publisher} · {source.title}"),
                        _plain(f"{source.date.display()}, {source.kind}"),
                        partial(screen.action_goto_source, number))


class ViewCommands(_CaseProvider):
    """Highlight switches, panels and synced scrolling."""

    def entries(self, screen: CaseReader) -> Iterator[Entry]:
        yield Entry("Highlights: show or hide all", "h", screen.action_toggle_highlights)
        for entity_type in screen.present_types():
            state = "hide" if entity_type not in screen.hidden_types and screen.show_highlights else "show"
            yield Entry(f"Highlights: {state} {entity_type}", f"only the {entity_type} highlights",
                        partial(screen.action_toggle_type, entity_type))
        yield Entry("Panel: show or hide the entities", "e", screen.action_toggle_entities)
        yield Entry("Panel: show or hide the case status", "c", screen.action_toggle_status)
        yield Entry("Synced scrolling: on or off", "s", screen.action_toggle_sync)
        yield Entry("Search every source", "/", screen.action_search)


def cross_view_entries(case: Case, open_view: Callable[..., object], reveal: Callable[..., object],
                       today: dt.date | None, narrow: Callable[[str | None], object] | None = None,
                       person: str | None = None) -> Iterator[Entry]:
    """The views, "only in" each source, each difference, each person's status and narrowing, as palette entries.

    ``open_view(name, source_id=None)``, ``reveal(citations, message)`` and
    ``narrow(person_id)`` are what the screen the palette was opened from
    does with them; ``person`` is whom it is narrowed to.
    """
    for view in VIEWS.values():
        yield Entry(f"View: {view.title}", f"{view.key} · {view.purpose}", partial(open_view, view.name))
    for number, source in enumerate(case.sources.values(), start=1):
        yield Entry(_plain(f"Only in {number} {source.publisher}: what no other source states"),
                    "the events only it reports and the voices only it quotes",
                    partial(open_view, "voices", source.id))
    for difference in case.differences:
        citations = sides_first(difference)
        yield Entry(_label(f"Difference: {difference.topic} · {difference.summary}"),
                    "every side marked in its source, side by side",
                    partial(reveal, citations, _plain(f"{difference.topic}: {difference.summary}")))
    if narrow is not None and can_narrow(case):
        for person_id in case.subject_ids:
            if person_id != person:
                yield Entry(_plain(f"Person: narrow to {person_name(case, person_id)}"),
                            "p · their events and the entities they name", partial(narrow, person_id))
        if person is not None:
            yield Entry("Person: everyone", "p · every person's events and every entity", partial(narrow, None))
    for status in case_status(case, today=today).people:
        if person is not None and status.person_id != person:
            continue
        citations = head_citations(status)
        if citations:
            says = publishers(case, status.source_ids)
            # The status is the reader's words, not a source's: named plainly, never in quotation marks.
            yield Entry(_plain(f"Status of {status.name}: where it comes from"),
                        _plain(f"{status.headline} · says {says}"),
                        partial(reveal, citations, _plain(head_message(case, status))))


class CrossViewCommands(_CaseProvider):
    """The cross-source views, what only one source states, each difference, where the status comes from.

    Offered on the case screen and on the views themselves, so a view can
    be left for another from the palette too.
    """

    acts_on = ViewSwitcher

    def entries(self, screen: ViewSwitcher) -> Iterator[Entry]:
        return cross_view_entries(screen.case, screen.action_open_view, screen.reveal, screen.today,
                                  screen.narrow_to, screen.person)


CASE_COMMANDS = {EntityCommands, EventCommands, SourceCommands, ViewCommands, CrossViewCommands}
#: The palette on a cross-source view: the other views, differences, the status's sources.
VIEW_COMMANDS = {CrossViewCommands}
