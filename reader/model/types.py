"""The objects a case is made of.

Plain dataclasses: a :class:`Case` holds its :class:`Source` texts and the
annotations about them. Every claim (a description, an event, a measure
and each change to it, each source's date of a disputed event, a quote, one
side of a difference) carries :class:`Citation` objects; once the case is
loaded each citation knows the :class:`Span` of its passage in the source.

A case follows one or more people (``subject_ids``). An event says whose it
is (``people``), where their proceedings stand after it, which
:class:`Measure` objects it imposes and what :class:`Change` it makes to
measures imposed before; :mod:`reader.model.status` derives each person's
status on a date from them.

Objects are built whole and not changed afterwards: the loader builds a
citation again with its span rather than setting it. Citations, events,
terms, quotes, sides of a difference and differences are frozen so that
stays true (measures and changes too); a case, its sources and its entities are not yet, because
tests make variants of loaded ones by assignment.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import NamedTuple


class Location(NamedTuple):
    """Where something was written: a file and a 1-based line and column.

    A line of 0 means the file as a whole (a missing file, say). A named
    tuple rather than a frozen dataclass: a big case makes one for each of
    its hundreds of thousands of YAML values, and a tuple is made three
    times faster.
    """

    path: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return str(self.path)
        return f"{self.path}:{self.line}:{self.col}"


class Span(NamedTuple):
    """A half-open range of character offsets ``[start, end)`` in a source text.

    A named tuple (immutable, ordered by start then end) because a big case
    holds one per mention, hundreds of thousands of them. ``len`` is the
    number of characters it covers, so an empty span is false.
    """

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


#: The years a date in a case may have. Sources and events of a case are centuries from
#: either end, and a term counted from the last of these days still ends inside the
#: calendar Python counts (to 9999): a date outside is refused by the checker, not clipped.
FIRST_YEAR = 1000
LAST_YEAR = 2999
#: The longest term counted, in each of its units (1,000 years): from the last day a case may
#: date, a term of the longest length in every unit still ends inside the calendar (year 5999).
#: A longer term is refused by the checker.
MAX_TERM = {"years": 1000, "months": 12_000, "weeks": 52_000, "days": 365_250, "hours": 100_000}

#: The longest ``short`` (a publisher's short name) a case may give (see :mod:`reader.model.source_labels`).
MAX_SHORT_CHARS = 24

#: The months' names, in English as the cases are written. Not :mod:`calendar`'s, which
#: follow the locale and whose import (with :mod:`locale`) cost every command two milliseconds.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
#: The months' names in three letters ("Mar"), for narrow places.
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)


def month_name(month: int) -> str:
    """The name of ``month`` (1 to 12)."""
    return MONTH_NAMES[month - 1]


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` (1 to 12) of ``year`` has (the Gregorian calendar, as :mod:`datetime` counts)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


class Precision(StrEnum):
    """How precisely a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FuzzyDate:
    """A date at the precision a source gives it.

    ``text`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``unknown``; the
    precision is read from that shape. ``inferred`` marks a date (or part of
    one) worked out rather than stated, explained in ``note``; ``not_before``
    and ``not_after`` bound an unknown or imprecise date. An event whose date
    the sources dispute has an unknown date bounded by the dates they give,
    listed in ``disputed``.
    """

    text: str = "unknown"
    inferred: bool = False
    note: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    disputed: tuple[str, ...] = ()  # the dates the sources give, when they differ (the bounds span them)

    @property
    def precision(self) -> Precision:
        if self.text == "unknown":
            return Precision.UNKNOWN
        return (Precision.YEAR, Precision.MONTH, Precision.DAY)[self.text.count("-")]

    @property
    def is_known(self) -> bool:
        return self.precision is not Precision.UNKNOWN

    def earliest(self) -> dt.date | None:
        """The first day the date could be, or None when unknown and unbounded."""
        if self.is_known:
            return _first_day(self.text)
        return _first_day(self.not_before) if self.not_before else None

    def latest(self) -> dt.date | None:
        """The last day the date could be, or None when unknown and unbounded."""
        if self.is_known:
            return _last_day(self.text)
        return _last_day(self.not_after) if self.not_after else None

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day the date could be, narrowed by its ``not_before``/``not_after``."""
        earliest, latest = self.earliest(), self.latest()
        if self.not_before:
            bound = _first_day(self.not_before)
            earliest = bound if earliest is None else max(earliest, bound)
        if self.not_after:
            bound = _last_day(self.not_after)
            latest = bound if latest is None else min(latest, bound)
        return earliest, latest

    def display(self) -> str:
        """The date in words at its own precision: "17 July 2019", "July 2019", "2019"."""
        if self.disputed:
            return " or ".join(_words(text) for text in self.disputed) + " (disputed)" + \
                (" (inferred)" if self.inferred else "")
        label = _words(self.text) if self.is_known else "date unknown"
        if not self.is_known and (self.not_before or self.not_after):
            bounds = []
            if self.not_before:
                bounds.append(f"not before {_words(self.not_before)}")
            if self.not_after:
                bounds.append(f"not after {_words(self.not_after)}")
            label += " (" + ", ".join(bounds) + ")"
        return label + (" (inferred)" if self.inferred else "")


def _parts(text: str) -> tuple[int, int | None, int | None]:
    pieces = [int(piece) for piece in text.split("-")]
    return pieces[0], (pieces[1] if len(pieces) > 1 else None), (pieces[2] if len(pieces) > 2 else None)


def _first_day(text: str) -> dt.date:
    year, month, day = _parts(text)
    return dt.date(year, month or 1, day or 1)


def _last_day(text: str) -> dt.date:
    year, month, day = _parts(text)
    month = month or 12
    return dt.date(year, month, day or days_in_month(year, month))


def _words(text: str) -> str:
    if text == "unknown":
        return "unknown"
    year, month, day = _parts(text)
    if month is None:
        return str(year)
    if day is None:
        return f"{month_name(month)} {year}"
    return f"{day} {month_name(month)} {year}"


@dataclass(frozen=True)
class Citation:
    """A passage of a source, named by its exact text (a TextQuoteSelector).

    ``span`` is where the quote is in the source's text: None as written,
    and in a loaded case once the loader has found the passage (it builds
    the citation again with its span: a citation is never changed).
    ``location`` is where the YAML wrote it.
    """

    source_id: str
    quote: str
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    note: str | None = None
    location: Location | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Caption:
    """An image caption, kept apart from the body; ``before`` places it."""

    text: str
    before: Citation | None = None


@dataclass
class Source:
    """One source article: its metadata and its text."""

    id: str
    path: Path
    text: str
    title: str
    publisher: str
    date: FuzzyDate
    kind: str
    author: str | None = None
    language: str | None = None
    url: str | None = None
    captions: list[Caption] = field(default_factory=list)
    note: str | None = None
    #: The publisher's short name as the case gives it (see :mod:`reader.model.source_labels`).
    short: str | None = None

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line of the text starts."""
        starts = [0]
        index = self.text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = self.text.find("\n", index + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset, as an editor shows them."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class Entity:
    """A person, organisation, place, law, charge, amount or date."""

    id: str
    type: str
    name: str
    description: str
    citations: list[Citation]
    aliases: tuple[str, ...] = ()
    standpoint: str | None = None
    affiliation: str | None = None
    explicit_mentions: list[Citation] = field(default_factory=list)
    exclude: list[Citation] = field(default_factory=list)
    sensitive: bool = False
    role: str | None = None  # what a sensitive entity is called when names are hidden ("witness")
    note: str | None = None
    location: Location | None = None  # where the YAML defines it

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: what automatic mention finding looks for."""
        return (self.name, *self.aliases)


class Mention(NamedTuple):
    """A place in a source that mentions an entity (a named tuple: a big case holds 100,000 of them)."""

    entity_id: str
    source_id: str
    span: Span
    explicit: bool = False


@dataclass(frozen=True)
class Term:
    """The length of a measure, as a source states it.

    Lengths are added in calendar order (years, then months, then days; a day
    past a month's end falls back to its last day), which is how
    :mod:`reader.model.computed` counts an expected end. ``hours`` is the
    length of community service, which is not counted on the calendar.
    """

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0

    @property
    def on_calendar(self) -> bool:
        """True when the term is a stretch of time (years, months, weeks or days) that ends on a day."""
        return bool(self.years or self.months or self.weeks or self.days)

    def display(self) -> str:
        """The length in words: "7 years", "5 months and 8 days", "100 hours"."""
        parts = [f"{count:,} {unit}{'' if count == 1 else 's'}"
                 for count, unit in ((self.years, "year"), (self.months, "month"), (self.weeks, "week"),
                                     (self.days, "day"), (self.hours, "hour")) if count]
        if not parts:
            return "no length"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def after(self, start: dt.date) -> dt.date:
        """The day the term ends when it starts on ``start``: start + years + months + weeks + days.

        A term the checker accepts, from a date it accepts, ends well inside the
        calendar; one built otherwise that would end past 31 December 9999 ends
        on that day rather than raising.
        """
        month_index = start.month - 1 + self.months
        year = start.year + self.years + month_index // 12
        if year > dt.MAXYEAR:
            return dt.date.max
        month = month_index % 12 + 1
        day = min(start.day, days_in_month(year, month))
        try:
            return dt.date(year, month, day) + dt.timedelta(days=self.days + 7 * self.weeks)
        except OverflowError:
            return dt.date.max


@dataclass(frozen=True)
class Amount:
    """A sum of money (a fine), as a source gives it: a number and its currency or unit."""

    value: float
    currency: str | None = None

    def display(self) -> str:
        """"500,000 KZT", "2.5 USD"."""
        number = f"{int(self.value):,}" if float(self.value).is_integer() else f"{self.value:,}"
        return f"{number} {self.currency}" if self.currency else number


@dataclass(frozen=True)
class Measure:
    """A measure a decision imposes on one person: a prison term, a fine, a ban...

    ``kind`` is one of :data:`reader.model.vocabulary.MEASURE_KINDS`. Its start
    is ``start`` when the case gives one, else the date of the event that
    imposed it (``event_id``); ``end`` is an end a source states. Its
    ``citations`` state it, with its term or amount.
    """

    id: str
    kind: str
    person_id: str
    event_id: str  # the event that imposed it
    citations: list[Citation]
    term: Term | None = None
    amount: Amount | None = None
    start: FuzzyDate | None = None  # None: from the imposing event's date
    end: FuzzyDate | None = None  # as a source states it
    summary: str | None = None
    note: str | None = None
    location: Location | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))


@dataclass(frozen=True)
class Change:
    """What a later event does to a measure imposed earlier (``action`` from ``CHANGE_ACTIONS``)."""

    measure_id: str
    action: str
    event_id: str  # the event that made the change
    citations: list[Citation]
    term: Term | None = None  # the new length, for reduced or increased
    amount: Amount | None = None  # the new amount, for reduced or increased
    by: str | None = None  # the measure that replaces it, for replaced
    end: FuzzyDate | None = None  # the new end, for extended, when the source gives one
    note: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class DateClaim:
    """One source's date for an event whose date the sources dispute."""

    date: FuzzyDate
    citations: list[Citation]

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))


@dataclass(frozen=True)
class Event:
    """Something that happened in the case.

    ``people`` say whose event it is (none: the case as a whole).
    ``proceedings`` is where the proceedings stand after it for each of
    them, as ``(person id, stage)`` pairs; ``measures`` are what it imposes
    and ``changes`` what it does to measures imposed before. When the
    sources dispute its date, ``dates`` holds each one with who gives it
    and ``date`` spans them (unknown, bounded by the earliest and latest).
    """

    id: str
    kind: str
    date: FuzzyDate
    summary: str
    citations: list[Citation]
    entity_ids: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    proceedings: tuple[tuple[str, str], ...] = ()
    measures: tuple[Measure, ...] = ()
    changes: tuple[Change, ...] = ()
    dates: tuple[DateClaim, ...] = ()
    note: str | None = None
    location: Location | None = None  # where the YAML defines it

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that report this event, in citation order."""
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))

    @property
    def disputed(self) -> bool:
        """True when the sources give different dates for it."""
        return bool(self.dates)

    @property
    def acts(self) -> bool:
        """True when it moves the proceedings or imposes or changes a measure."""
        return bool(self.proceedings or self.measures or self.changes)

    def concerns(self, person_id: str) -> bool:
        """True when the event is this person's (or the whole case's)."""
        return not self.people or person_id in self.people

    def stage_of(self, person_id: str) -> str | None:
        """Where the proceedings stand for this person after the event, or None when it does not say."""
        return next((stage for person, stage in self.proceedings if person == person_id), None)


@dataclass(frozen=True)
class Quote:
    """Words a speaker said, as a source reports them."""

    id: str
    speaker_id: str
    citation: Citation
    mode: str = "direct"
    about: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = None  # where the YAML defines it


@dataclass(frozen=True)
class Side:
    """One account in a difference."""

    says: str
    citations: list[Citation]


@dataclass(frozen=True)
class Difference:
    """A place where the sources disagree or differ."""

    id: str
    topic: str
    summary: str
    sides: list[Side]
    entity_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = None  # where the YAML defines it


@dataclass
class Case:
    """A whole case: its sources, their annotations and the mentions found."""

    id: str
    title: str
    folder: Path
    sources: dict[str, Source]
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # by source id, in text order
    subject_ids: tuple[str, ...] = ()  # the people the case follows
    summary: str | None = None
    language: str | None = None

    @property
    def subjects(self) -> list[Entity]:
        """The people the case follows, in the order the case lists them (those defined)."""
        return [self.entities[i] for i in self.subject_ids if i in self.entities]

    @cached_property
    def measures(self) -> dict[str, Measure]:
        """Every measure of the case by id, in the order the events impose them.

        Worked out once: the timeline asks for it at every event of a case of
        thousands. A loaded case's events are never changed in place.
        """
        return {measure.id: measure for event in self.events for measure in event.measures}

    def _mentions_by_entity(self) -> dict[str, list[Mention]]:
        """Every entity's mentions in reading order, indexed in one pass and kept until the mentions change.

        The entity panel asks for every entity's counts: one pass over all the
        mentions instead of one per entity keeps that linear in the case.
        The mentions of a loaded case are replaced, never changed in place, so
        the dict's identity tells whether the index is still good.
        """
        key = (id(self.mentions), len(self.mentions))
        cached = self.__dict__.get("_mention_index")
        if cached is None or cached[0] != key:
            index: dict[str, list[Mention]] = {}
            for source_id in self.sources:
                for mention in self.mentions.get(source_id, ()):
                    index.setdefault(mention.entity_id, []).append(mention)
            cached = self.__dict__["_mention_index"] = (key, index)
        return cached[1]

    def mentions_of(self, entity_id: str) -> list[Mention]:
        """Every mention of an entity, source by source, in text order."""
        return list(self._mentions_by_entity().get(entity_id, ()))

    def mention_count_table(self) -> dict[str, list[int]]:
        """For every entity, how many times each source mentions it, in source order (one pass)."""
        order = {source_id: index for index, source_id in enumerate(self.sources)}
        table = {entity_id: [0] * len(order) for entity_id in self.entities}
        for source_id, found in self.mentions.items():
            column = order.get(source_id)
            if column is None:
                continue
            for mention in found:
                row = table.get(mention.entity_id)
                if row is not None:
                    row[column] += 1
        return table

    def mention_counts(self, entity_id: str) -> dict[str, int]:
        """How many times each source mentions an entity."""
        counts = dict.fromkeys(self.sources, 0)
        for mention in self._mentions_by_entity().get(entity_id, ()):
            counts[mention.source_id] += 1
        return counts

    def all_citations(self) -> list[Citation]:
        """Every citation in the case, the claims' and the explicit mentions' alike."""
        citations: list[Citation] = []
        for source in self.sources.values():
            citations.extend(caption.before for caption in source.captions if caption.before)
        for entity in self.entities.values():
            citations.extend(entity.citations)
            citations.extend(entity.explicit_mentions)
            citations.extend(entity.exclude)
        for event in self.events:
            citations.extend(event.citations)
            for measure in event.measures:
                citations.extend(measure.citations)
            for change in event.changes:
                citations.extend(change.citations)
            for claim in event.dates:
                citations.extend(claim.citations)
        citations.extend(quote.citation for quote in self.quotes)
        for difference in self.differences:
            for side in difference.sides:
                citations.extend(side.citations)
        return citations
