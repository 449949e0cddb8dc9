"""Reading across sources: which source reports what, what only one source states, and who is quoted.

Plain frozen dataclasses and pure functions over a :class:`Case`; no
Textual. The reader's coverage, voices and timeline views only show what
these return:

- :func:`coverage`: each event with the passages each source reports it
  in, and how many sources report it (one source: a single-source claim);
- :func:`only_in`: the events one source alone reports, and the speakers
  it alone quotes ("facts stated only by X");
- :func:`voices`: the quotes by speaker, the speakers grouped by the
  organisation they speak for (``affiliation``), each with its
  ``standpoint``;
- :func:`only` and :func:`told_by`: the one way every view and command
  writes that a single source says something (``only 2``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.model.status import Corroborated
from reader.model.types import Case, Citation, Entity, Event, Quote

#: What :func:`only` means, for the keys under the tables that write it.
ONLY_KEY = "only 2: source 2 alone reports it"


def only(source: str) -> str:
    """How the reader writes that ``source`` alone says so: ``only 2``, ``only IndustriALL Global Union``.

    One notation everywhere (coverage, the timeline, the sidebar, the
    watchlist, ``reader status``): "only" and then the source, named as
    the place names sources (its number in a table, its publisher in a
    sentence), never a count (``1 only`` read as "only source 1").
    """
    return f"only {source}"


def told_by(sources: Sequence[str], *, separator: str = " ") -> str:
    """The sources that report something: ``1 2``, or ``only 2`` when one alone does (see :func:`only`)."""
    return only(sources[0]) if len(sources) == 1 else separator.join(sources)


@dataclass(frozen=True)
class CoverageRow(Corroborated):
    """One event and, for every source of the case in order, the passages that report it."""

    index: int  # position in case.events (timeline order)
    event: Event
    passages: tuple[tuple[str, tuple[Citation, ...]], ...]  # (source id, its citations), every source

    def citations_in(self, source_id: str) -> tuple[Citation, ...]:
        """The passages of one source that report the event (empty when it does not)."""
        return self._by_source.get(source_id, ())

    @cached_property
    def _by_source(self) -> dict[str, tuple[Citation, ...]]:
        # Looked up for every source of every row: a big case has 200 sources and 2,000 events.
        return dict(self.passages)

    @cached_property
    def source_ids(self) -> tuple[str, ...]:  # type: ignore[override]
        """The sources that report the event, in the case's source order."""
        return tuple(sid for sid, citations in self.passages if citations)


@dataclass(frozen=True)
class SourceCoverage:
    """How many events one source reports, and how many of them no other source does."""

    source_id: str
    reported: int
    only: int


def coverage(case: Case) -> list[CoverageRow]:
    """Every event, in timeline order, with each source's passages about it."""
    rows = []
    for index, event in enumerate(case.events):
        by_source: dict[str, list[Citation]] = {}
        for citation in event.citations:
            by_source.setdefault(citation.source_id, []).append(citation)
        passages = tuple((source_id, tuple(by_source.get(source_id, ()))) for source_id in case.sources)
        rows.append(CoverageRow(index, event, passages))
    return rows


def source_coverage(case: Case, rows: Sequence[CoverageRow] | None = None) -> list[SourceCoverage]:
    """For each source, in the case's order: events it reports, and events only it reports.

    ``rows`` is the case's :func:`coverage`, when the caller has it already.
    """
    reported: Counter[str] = Counter()
    only: Counter[str] = Counter()
    for row in coverage(case) if rows is None else rows:
        reported.update(row.source_ids)
        if row.single_source:
            only[row.source_ids[0]] += 1
    return [SourceCoverage(source_id, reported[source_id], only[source_id]) for source_id in case.sources]


@dataclass(frozen=True)
class Voice:
    """One speaker and what the sources quote them saying, in the order the case lists the quotes."""

    speaker: Entity
    quotes: tuple[Quote, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that quote this speaker, in the order their quotes come."""
        return tuple(dict.fromkeys(quote.citation.source_id for quote in self.quotes))


@dataclass(frozen=True)
class VoiceGroup:
    """The speakers who speak for one organisation (or a speaker who speaks for no organisation).

    ``organisation`` is the entity the group is named after: the
    organisation the speakers are affiliated with, or the lone speaker
    itself. It may be among the ``voices`` (an organisation quoted as such).
    """

    organisation: Entity
    voices: tuple[Voice, ...]

    @property
    def quote_count(self) -> int:
        """How many quotes the group's speakers have."""
        return sum(len(voice.quotes) for voice in self.voices)


def voices(case: Case, *, standpoint_order: Sequence[str] = (), source_id: str | None = None) -> list[VoiceGroup]:
    """The case's quotes by speaker, the speakers grouped by organisation.

    Groups are ordered by the organisation's standpoint (in
    ``standpoint_order``; others after, then none), then by name; within a
    group, the organisation itself comes first, then its people by name.
    With ``source_id``, only the speakers that source alone quotes are kept
    (see :func:`only_in`). A quote whose speaker is not an entity of the
    case is left out (the loader never lets one through).
    """
    by_speaker: dict[str, list[Quote]] = {}
    for quote in case.quotes:
        if quote.speaker_id in case.entities:
            by_speaker.setdefault(quote.speaker_id, []).append(quote)
    all_voices = [Voice(case.entities[sid], tuple(quotes)) for sid, quotes in by_speaker.items()]
    if source_id is not None:
        all_voices = [voice for voice in all_voices if voice.source_ids == (source_id,)]
    groups: dict[str, list[Voice]] = {}
    for voice in all_voices:
        affiliation = voice.speaker.affiliation
        key = affiliation if affiliation in case.entities else voice.speaker.id
        groups.setdefault(key, []).append(voice)

    def standpoint_rank(entity: Entity) -> tuple[int, str]:
        standpoint = entity.standpoint or ""
        order = list(standpoint_order)
        rank = order.index(standpoint) if standpoint in order else len(order) + (0 if standpoint else 1)
        return rank, entity.name.casefold()

    result = []
    for key, members in groups.items():
        organisation = case.entities[key]
        members.sort(key=lambda voice: (voice.speaker.id != key, voice.speaker.name.casefold()))
        result.append(VoiceGroup(organisation, tuple(members)))
    result.sort(key=lambda group: standpoint_rank(group.organisation))
    return result


def standpoint_of(case: Case, entity: Entity) -> str | None:
    """A speaker's standpoint: its own, or else its organisation's."""
    if entity.standpoint:
        return entity.standpoint
    organisation = case.entities.get(entity.affiliation) if entity.affiliation else None
    return organisation.standpoint if organisation else None


@dataclass(frozen=True)
class OnlyIn:
    """What one source alone states: the events no other source reports, the speakers no other quotes."""

    source_id: str
    events: tuple[CoverageRow, ...]
    voices: tuple[Voice, ...]


def only_in(case: Case, source_id: str) -> OnlyIn:
    """The events only ``source_id`` reports, and the speakers only it quotes (with their quotes)."""
    events = tuple(row for row in coverage(case) if row.source_ids == (source_id,))
    speakers = tuple(voice for group in voices(case, source_id=source_id) for voice in group.voices)
    return OnlyIn(source_id, events, speakers)


__all__ = [
    "CoverageRow",
    "OnlyIn",
    "SourceCoverage",
    "Voice",
    "VoiceGroup",
    "coverage",
    "only_in",
    "source_coverage",
    "standpoint_of",
    "voices",
]
