"""Command palette providers (ctrl+p): jump to any entity, event or source; switch highlights.

Every name shown comes from the case, so it is put into :class:`Content`
as plain text (never markup) with the fuzzy match drawn over it; help texts,
which the palette parses as markup, are escaped.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.ui.widgets.wrap import clean

if TYPE_CHECKING:
    from reader.ui.screens.case import CaseScreen


@dataclass(frozen=True)
class Entry:
    """One command: what the palette shows and what choosing it does."""

    text: str
    help: str
    run: Callable[[], object]


def _plain(text: str) -> str:
    return clean(" ".join(text.split()))


class _CaseProvider(Provider):
    """Commands built from the case on the screen the palette was opened from."""

    @abstractmethod
    def entries(self, screen: CaseScreen) -> Iterator[Entry]:
        """The commands this provider offers on ``screen``."""

    def _entries(self) -> list[Entry]:
        from reader.ui.screens.case import CaseScreen

        screen = self.screen
        return list(self.entries(screen)) if isinstance(screen, CaseScreen) else []

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(Content(entry.text), entry.run, text=entry.text, help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score, offsets = matcher.fuzzy_search.match(query, entry.text)
            if score > 0:
                display = Content(entry.text)
                for offset in offsets:
                    display = display.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, display, entry.run, text=entry.text, help=escape(entry.help))


class EntityCommands(_CaseProvider):
    """``Entity: <name>``: select the entity and go to its first mention."""

    def entries(self, screen: CaseScreen) -> Iterator[Entry]:
        for entity in screen.case.entities.values():
            count = sum(screen.case.mention_counts(entity.id).values())
            aliases = f" · also {'; '.join(entity.aliases)}" if entity.aliases else ""
            yield Entry(f"Entity: {_plain(entity.name)}",
                        _plain(f"{entity.type}, {count} mention{'s' if count != 1 else ''}{aliases}"),
                        partial(screen.select_entity, entity.id))


class EventCommands(_CaseProvider):
    """``Event: <date> <summary>``: show where the sources report it."""

    def entries(self, screen: CaseScreen) -> Iterator[Entry]:
        for event in screen.case.events:
            sources = ", ".join(screen.case.sources[s].publisher for s in event.source_ids)
            yield Entry(_plain(f"Event: {event.date.display()} · {event.summary}")[:200],
                        _plain(f"{event.kind}, reported by {sources}"), partial(screen.show_event, event))


class SourceCommands(_CaseProvider):
    """``Source <n>: <publisher>``: read that source."""

    def entries(self, screen: CaseScreen) -> Iterator[Entry]:
        for number, source in enumerate(screen.case.sources.values(), start=1):
            yield Entry(_plain(f"Source {number}: {source.publisher} · {source.title}"),
                        _plain(f"{source.date.display()}, {source.kind}"),
                        partial(screen.action_goto_source, number))


class ViewCommands(_CaseProvider):
    """Highlight switches, panels and synced scrolling."""

    def entries(self, screen: CaseScreen) -> Iterator[Entry]:
        yield Entry("Highlights: show or hide all", "h", screen.action_toggle_highlights)
        for entity_type in screen.present_types():
            state = "hide" if entity_type not in screen.hidden_types and screen.show_highlights else "show"
            yield Entry(f"Highlights: {state} {entity_type}", f"only the {entity_type} highlights",
                        partial(screen.action_toggle_type, entity_type))
        yield Entry("Panel: show or hide the entities", "e", screen.action_toggle_entities)
        yield Entry("Panel: show or hide the case status", "c", screen.action_toggle_status)
        yield Entry("Synced scrolling: on or off", "s", screen.action_toggle_sync)
        yield Entry("Search every source", "/", screen.action_search)


CASE_COMMANDS = {EntityCommands, EventCommands, SourceCommands, ViewCommands}
