"""Each person's legal status, derived from the case's events: the timeline and the status on a date.

Plain frozen dataclasses and pure functions; no Textual, no files. The app's
status sidebar, ``reader status`` and the exports all call :func:`timeline`
and :func:`case_status` and only show what they return.

**What a status is.** A case follows one or more people (its subjects).
For each, the status on a date is where the proceedings stand (the stage set
by the last event that counts and names one for them) and every measure in
force: imposed by an event that counts, and not ended by a change that
counts (``replaced``, ``suspended``, ``lifted``, ``served``, ``pardoned``,
``quashed``) nor by an end a source states. Each measure carries its own
evidence: the sources of its own citations and of the changes that count,
never those of the last event. A measure whose term runs on the calendar has
a computed end (:mod:`reader.model.computed`); when it has passed with no
source saying what happened, the status says so.

**Which events count on a date D** (``as_of``), for ``basis="happened"``:
an event has happened by D when the last day it could have happened is on
or before D; that last day is its date's last day, narrowed by
``not_after``, and by the publication of any dated source that reports it
(a source reports what has already happened). It has not happened yet when
its first possible day is after D. Otherwise (a date that spans D, an
unknown date, or dates the sources dispute on both sides of D) it is
*uncertain*: its effects are listed as what may have changed, never applied.
An event's place in the file never makes it count.

For ``basis="reported"``, an event counts when a source that had been
published by D reports it. A source counts as published when the last day
it could have been published (its date's last day, narrowed by
``not_after``) is on or before D; an undated source with no ``not_after``
bound may have been published at any later time, so it never counts for a
past D: the events only it reports are *uncertain*. Only citations from
published sources are shown as evidence, and only they are counted for
corroboration.

With no ``as_of`` every event counts: the status now is the status the
sources end on.

**Freshness.** The picture is "as of" the newest source it rests on (every
source for ``happened``, the published ones for ``reported``). A dated
source counts by the last day it could have been published; an undated one
by the first day its bounds allow (it is at least that recent). The age is
counted from that day to ``today``. The status may have changed since when
that day is before the date asked about (or today).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from reader.model.computed import Derived, date_bounds, day_words, term_end
from reader.model.proceedings import measure_label, stage_words
from reader.model.types import (
    FIRST_YEAR,
    LAST_YEAR,
    Amount,
    Case,
    Change,
    Citation,
    DateClaim,
    Event,
    FuzzyDate,
    Measure,
    Source,
    Term,
    days_in_month,
    month_name,
)
from reader.model.vocabulary import (
    AFTER_VERDICT_STAGES,
    CHANGE_ACTIONS,
    ENDING_ACTIONS,
    ENDING_STAGES,
    MEASURE_KINDS,
    RESIZING_ACTIONS,
    VERDICT_STAGES,
)

Basis = Literal["happened", "reported"]
BASES: tuple[Basis, ...] = ("happened", "reported")

_AS_OF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Standing(StrEnum):
    """Whether an event (or a source's publication) counts on the date asked about."""

    COUNTS = "counts"  # happened (or was reported, or was published) by then
    UNCERTAIN = "uncertain"  # its date does not say
    NOT_YET = "not-yet"  # not by then


class Corroborated:
    """How many sources back a claim, from the ``source_ids`` of the class it is mixed into."""

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources behind the claim; each class that mixes this in says which."""
        raise NotImplementedError

    @property
    def corroboration(self) -> int:
        """How many distinct sources back it."""
        return len(self.source_ids)

    @property
    def single_source(self) -> bool:
        """True when it rests on one source only."""
        return self.corroboration == 1


@dataclass(frozen=True)
class Step(Corroborated):
    """One event of the timeline, with the recorded differences about it."""

    index: int  # position in case.events
    event: Event
    difference_ids: tuple[str, ...]  # recorded differences about this event

    @property
    def date(self) -> FuzzyDate:
        """The event's date at its stated precision (``earliest()``/``latest()`` give the span)."""
        return self.event.date

    @property
    def acts(self) -> bool:
        """True when the event moves someone's proceedings or imposes or changes a measure."""
        return self.event.acts

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every passage that reports the event."""
        return tuple(self.event.citations)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that report the event, in citation order."""
        return self.event.source_ids


@dataclass(frozen=True)
class StepAt(Corroborated):
    """A step seen from the date asked about: whether it counts, why, and on whose word."""

    step: Step
    standing: Standing
    reason: str  # in plain words: "dated 17 July 2019", "reported by IndustriALL, 1 November 2019"
    citations: tuple[Citation, ...]  # the evidence that counts (for "reported": published sources only)
    counted_date: FuzzyDate | None = None  # the date as counted (see ``date``); None: the event's own
    counted_dates: tuple[DateClaim, ...] | None = None  # the disputed dates that count; None: all of them

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources of the evidence that counts, in citation order."""
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))

    @property
    def date(self) -> FuzzyDate:
        """The event's date as the reader counts it on the date asked about.

        The event's own date, narrowed by what the evidence that counts says
        of it: an event happened no later than the publication of a dated
        source that reports it ("date unknown (not after 21 September
        2020)"), and, for ``basis="reported"``, a date the sources dispute
        is only what the sources published by then give.
        """
        return self.counted_date or self.step.date

    @property
    def dates(self) -> tuple[DateClaim, ...]:
        """Each date the sources that count give, when they dispute it (empty when they do not)."""
        claims = self.step.event.dates if self.counted_dates is None else self.counted_dates
        return claims if len(claims) > 1 else ()

    @property
    def disputed(self) -> bool:
        """True when the sources that count give the event different dates."""
        return bool(self.dates)


@dataclass(frozen=True)
class ChangeAt:
    """A change to a measure, with the step that made it as seen from the date asked about."""

    change: Change
    step: StepAt

    @property
    def ends(self) -> bool:
        """True when the change ends the measure (replaced, suspended, lifted, served, pardoned, quashed)."""
        return self.change.action in ENDING_ACTIONS

    @property
    def words(self) -> str:
        """The action in words, with the new length or amount: "reduced to 5 years"."""
        words = CHANGE_ACTIONS.get(self.change.action, self.change.action)
        if self.change.term is not None:
            words += f" to {self.change.term.display()}"
        elif self.change.amount is not None:
            words += f" to {self.change.amount.display()}"
        return words


@dataclass(frozen=True)
class MeasureAt(Corroborated):
    """One measure as it stood on the date asked about: its term, its changes, its evidence.

    ``standing`` is whether the decision that imposed it counts by then
    (UNCERTAIN: it may have been imposed). ``changes`` are the changes that
    count, in order; ``pending`` those that may or may not have happened by
    then. ``ended_by`` is the change that ended it, if one counts;
    ``ended_stated`` is True when an end a source states has passed.
    """

    measure: Measure
    standing: Standing
    imposed: StepAt
    term: Term | None  # the length after the changes that count
    amount: Amount | None
    began: FuzzyDate  # when it began to be served
    begun: Standing  # whether it had begun by then: NOT_YET for a measure imposed to start later
    changes: tuple[ChangeAt, ...]
    pending: tuple[ChangeAt, ...]
    ended_by: ChangeAt | None
    ended_stated: bool
    end: FuzzyDate | None  # its stated end: the measure's own, or the last `extended` change's
    open_ended: bool  # extended with no new end or length given: its end cannot be computed
    computed_end: Derived | None
    citations: tuple[Citation, ...]  # the measure's own and its counted changes', that count
    difference_ids: tuple[str, ...]
    newest_source: SourceDate | None  # the newest of the sources behind it

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def person_id(self) -> str:
        return self.measure.person_id

    @property
    def in_force(self) -> bool:
        """True when it had certainly been imposed, had begun (or may have), and nothing that counts had ended it.

        A measure imposed to begin later (a ban "after serving her sentence",
        a prison term whose custody came days after the verdict) is not in
        force before it begins: it is :attr:`not_begun`.
        """
        return self.standing is Standing.COUNTS and self.begun is not Standing.NOT_YET and not self.ended

    @property
    def not_begun(self) -> bool:
        """True when it had been imposed but had certainly not begun by then."""
        return self.standing is Standing.COUNTS and self.begun is Standing.NOT_YET and not self.ended

    @property
    def ended(self) -> bool:
        return self.ended_by is not None or self.ended_stated

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources behind this measure: those citing it and its changes that count."""
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))

    @property
    def label(self) -> str:
        """"imprisonment, 5 months and 8 days", with the length as changed."""
        return measure_label(self.measure, self.term, self.amount)

    @property
    def since(self) -> FuzzyDate:
        """When it was imposed, or began if a source says."""
        return self.began

    @property
    def beginning(self) -> StepAt:
        """The step its start comes from: a counted change that says it ``began``, else its decision."""
        return next((c.step for c in self.changes if c.change.action == "began"), self.imposed)

    @property
    def start_unknown(self) -> bool:
        """True when it runs from a ``start`` the case gives as unknown, with no bound, and no event says it began."""
        start = self.measure.start
        return (start is not None and self.beginning is self.imposed and not start.is_known
                and not start.not_before and not start.not_after)

    @property
    def until(self) -> str | None:
        """Its end in words: stated, or computed and labelled so; None when neither is known.

        A term on the calendar whose start is unknown says so: its length is
        known, but there is no day to count it from.
        """
        if self.end is not None:
            return f"{self.end.display()} (stated)"
        if self.open_ended:
            return "not known: it was extended, and no source says until when"
        if self.computed_end is not None:
            return f"{self.computed_end.value} (computed, if served in full)"
        if self.start_unknown and self.term is not None and self.term.on_calendar:
            return f"not known: its start is unknown, so the end of its {self.term.display()} cannot be counted"
        return None

    def end_passed(self, day: dt.date) -> bool | None:
        """Whether its computed end is on or before ``day`` (None: may be either, or no computed end)."""
        if self.computed_end is None or self.end is not None:
            return False
        return self.computed_end.over_by(day)

    def warning(self, day: dt.date) -> str | None:
        """What to say when it is in force but its computed end had passed by ``day``, else None."""
        if not self.in_force or self.computed_end is None:
            return None
        passed = self.end_passed(day)
        if passed is None:
            return (f"the {self.label} would end {self.computed_end.value}: it may have ended by "
                    f"{day_words(day)}; no source says")
        if passed:
            return (f"the {self.label} would have ended {self.computed_end.value}; no source says what "
                    "happened then")
        return None


@dataclass(frozen=True)
class StatusChange:
    """The latest change that made a person's status what it is: when, what, and the event.

    ``date`` is the date as counted (:attr:`StepAt.date`: an undated event
    bounded by the sources that report it), or a measure's own stated start
    or end; ``earliest`` and ``latest`` are its bounds.
    """

    date: FuzzyDate
    what: str  # "convicted at first instance", "imprisonment, 4 years: reduced to 4 years"
    step: StepAt
    brief: str = ""  # the same in a few words, for narrow places: "imprisonment reduced to 4 years"

    @property
    def earliest(self) -> dt.date | None:
        return date_bounds(self.date)[0]

    @property
    def latest(self) -> dt.date | None:
        return date_bounds(self.date)[1]

    @property
    def words(self) -> str:
        """The date in words; a disputed one with every date the sources that count give."""
        if self.date == self.step.date and self.step.disputed:
            return " or ".join(claim.date.display() for claim in self.step.dates) + " (disputed)"
        return self.date.display()


def _day_key(date: FuzzyDate) -> tuple[dt.date, dt.date]:
    """A date's place for "which is the latest": its first possible day, then its last (unknown: first of all)."""
    earliest, latest = date_bounds(date)
    return earliest or dt.date.min, latest or earliest or dt.date.min


@dataclass(frozen=True)
class PersonStatus:
    """One person's status on the date asked about: the stage of the proceedings and the measures."""

    person_id: str
    name: str
    stage: str | None  # a PROCEEDINGS_STAGES word, or None when nothing that counts names one
    stage_step: StepAt | None  # the step that set it
    stage_pending: tuple[tuple[StepAt, str], ...]  # later stages that may have come by then
    all_measures: tuple[MeasureAt, ...]  # every measure imposed (or that may have been) by then
    reference: dt.date  # the date asked about, or today
    source_dates: tuple[SourceDate, ...] = ()  # the case's sources as seen from then (for ``newest_source``)

    @property
    def stage_words(self) -> str | None:
        """The stage in words ("convicted at first instance"), or None."""
        return stage_words(self.stage) if self.stage else None

    @property
    def since(self) -> FuzzyDate | None:
        """The date of the event that set the stage, as counted (see :attr:`StepAt.date`)."""
        return self.stage_step.date if self.stage_step else None

    @property
    def last_change(self) -> StatusChange | None:
        """When the status became what it is: the latest change that made it so, or None when nothing is recorded.

        The candidates are the event that set the stage, the beginning of
        each measure in force, each counted change of length or amount to a
        measure in force (``reduced``, ``increased``…) and the end of each
        measure that ended. The latest is found by the order of the story
        first (a change to a measure comes after the decision that imposed
        it, whatever the dates say: an undated appeal is later than the
        verdict it changed), then by the first possible day of each date,
        then its last (an undated event with no bound is never the latest
        by its date alone), then the place in the timeline. Every view that
        says "since" shows this one.
        """
        found: list[tuple[tuple[dt.date, dt.date], StatusChange]] = []
        if self.stage_step is not None and self.stage_words:
            change = StatusChange(self.stage_step.date, self.stage_words, self.stage_step, self.stage_words)
            found.append((_day_key(change.date), change))

        def of(measure: MeasureAt, date: FuzzyDate, step: StepAt, words: str, brief: str) -> StatusChange:
            kind = MEASURE_KINDS.get(measure.measure.kind, measure.measure.kind)
            return StatusChange(date, f"{measure.label}: {words}", step, f"{kind} {brief}")

        for measure in self.measures:
            beginning = measure.beginning
            started = beginning is not measure.imposed or measure.measure.start is not None
            begun = measure.begun is Standing.COUNTS
            words, brief = (("began to be served", "began") if begun else ("may have begun to be served",
                                                                           "may have begun")) \
                if started else ("imposed", "imposed")
            found.append((_day_key(measure.since), of(measure, measure.since, beginning, words, brief)))
            imposed_key = _day_key(measure.imposed.date)
            for change_at in measure.changes:
                if change_at.change.action in RESIZING_ACTIONS:
                    change = of(measure, change_at.step.date, change_at.step, change_at.words, change_at.words)
                    found.append((max(_day_key(change.date), imposed_key), change))
        for measure in self.ended_measures:
            imposed_key = _day_key(measure.imposed.date)
            if measure.ended_by is not None:
                ended = measure.ended_by
                change = of(measure, ended.step.date, ended.step, ended.words, ended.words)
                found.append((max(_day_key(change.date), imposed_key), change))
            elif measure.end is not None:
                change = of(measure, measure.end, measure.imposed, "ended, as stated", "ended, as stated")
                found.append((max(_day_key(change.date), imposed_key), change))
        if not found:
            return None
        return max(found, key=lambda pair: (pair[0], pair[1].step.step.index))[1]

    @property
    def newest_source(self) -> SourceDate | None:
        """The newest source behind the status: of those the stage and the measures in force rest on.

        By the same rule as the case's freshness (:meth:`SourceDate.freshness_day`):
        a dated source by the last day it could have been published, an
        undated one by the first day its bounds allow. None when none of
        them is dated or bounded.
        """
        wanted = set(self.source_ids)
        return newest_of(tuple(s for s in self.source_dates if s.source.id in wanted))

    @property
    def measures(self) -> tuple[MeasureAt, ...]:
        """The measures in force."""
        return tuple(m for m in self.all_measures if m.in_force)

    @property
    def not_begun(self) -> tuple[MeasureAt, ...]:
        """Measures imposed by then that had not begun yet (they begin later: see ``began``)."""
        return tuple(m for m in self.all_measures if m.not_begun)

    @property
    def uncertain_measures(self) -> tuple[MeasureAt, ...]:
        """Measures that may or may not have been imposed by then."""
        return tuple(m for m in self.all_measures if m.standing is Standing.UNCERTAIN and not m.ended)

    @property
    def ended_measures(self) -> tuple[MeasureAt, ...]:
        """Measures imposed and ended by then."""
        return tuple(m for m in self.all_measures if m.standing is Standing.COUNTS and m.ended)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the status must say beside itself.

        A computed end passed with no source saying what happened; and an
        acquittal or dropped charges while measures stay in force, which the
        sources leave unexplained (the reader shows both rather than pick one).
        """
        found = [w for m in self.measures if (w := m.warning(self.reference))]
        if self.stage in ENDING_STAGES and self.measures:
            held = ", ".join(m.label for m in self.measures)
            found.append(f"{self.stage_words}, yet no source here says what became of the {held}: it is still "
                         "listed as in force")
        return tuple(found)

    @property
    def headline(self) -> str:
        """The status in one line: the stage, then each measure in force."""
        parts = [self.stage_words or "no stage recorded"]
        parts.extend(m.label for m in self.measures)
        return "; ".join(parts)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source behind the stage or a measure in force."""
        ids = list(self.stage_step.source_ids) if self.stage_step else []
        for measure in self.measures:
            ids.extend(measure.source_ids)
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class SourceDate:
    """A source's publication date, and whether it had been published on the date asked about."""

    source: Source
    standing: Standing  # COUNTS: published by then (always, with no as_of)

    @property
    def date(self) -> FuzzyDate:
        """The source's publication date, as the case gives it."""
        return self.source.date

    @property
    def dated(self) -> bool:
        """True when the source gives a publication date (at any precision)."""
        return self.source.date.is_known

    @property
    def bound_inferred(self) -> bool:
        """True when the source is undated and a bound on its date was worked out from its text."""
        date = self.source.date
        return not self.dated and date.inferred and bool(date.not_before or date.not_after)

    @property
    def freshness_day(self) -> dt.date | None:
        """The day the source shows the case as of: its last possible day when dated, else its first bound.

        An undated source bounded by ``not_before`` was published that day or
        later, so the picture it gives is at least that recent; one with no
        lower bound says nothing of when it was written.
        """
        earliest, latest = date_bounds(self.source.date)
        return latest if self.dated else earliest

    @property
    def label(self) -> str:
        """The date in words; undated sources say so, with any bound and whether it is inferred."""
        date = self.source.date
        if self.dated:
            return date.display()
        bounds = []
        if date.not_before:
            bounds.append(f"not before {FuzzyDate(date.not_before).display()}")
        if date.not_after:
            bounds.append(f"not after {FuzzyDate(date.not_after).display()}")
        if not bounds:
            return "undated"
        return "undated; " + ", ".join(bounds) + (" (inferred)" if date.inferred else "")


@dataclass(frozen=True)
class CaseStatus:
    """The status of each person of a case as it stood on a date, with the evidence and its freshness."""

    case_id: str
    title: str
    as_of: dt.date | None  # None: now, from everything the sources say
    basis: Basis
    today: dt.date
    people: tuple[PersonStatus, ...]  # one per subject, in the case's order
    steps: tuple[StepAt, ...]  # every event, in timeline order, seen from as_of
    sources: tuple[SourceDate, ...]
    newest_source: SourceDate | None  # the newest source the picture rests on
    age_days: int | None  # today − the newest source's day (see the module docstring)
    may_have_changed: bool
    unseen_differences: frozenset[str] = frozenset()  # differences no two sources that count give sides of

    def person(self, person_id: str) -> PersonStatus | None:
        """The status of one subject, or None when the case does not follow them."""
        return next((p for p in self.people if p.person_id == person_id), None)

    @property
    def heading(self) -> str:
        """What the status is of: now, or on a date by what had happened or had been reported by then."""
        if self.as_of is None:
            return "Status now, from everything the sources report"
        if self.basis == "happened":
            return f"Status on {describe_as_of(self.as_of)}, from the events that had happened by then"
        return f"Status on {describe_as_of(self.as_of)}, from what the sources published by then had reported"

    @property
    def computed(self) -> tuple[Derived, ...]:
        """The computed ends of every measure in force, person by person."""
        return tuple(m.computed_end for p in self.people for m in p.measures if m.computed_end)

    @property
    def warnings(self) -> tuple[tuple[PersonStatus, str], ...]:
        """Every person's warnings, with the person."""
        return tuple((p, w) for p in self.people for w in p.warnings)

    @property
    def undated_sources(self) -> tuple[SourceDate, ...]:
        """The sources with no publication date, to be shown as undated."""
        return tuple(s for s in self.sources if not s.dated)

    @property
    def reference_date(self) -> dt.date:
        """The date the status is asked about: ``as_of``, or today."""
        return self.as_of or self.today

    @property
    def age_phrase(self) -> str:
        """The newest source's age in words ("about 6 years"), or "no dated source"."""
        return age_phrase(self.age_days) if self.age_days is not None else "no dated source"

    @property
    def age_ago(self) -> str:
        """The newest source's age as it reads after its date: "about 6 years ago", or how far ahead it is dated."""
        if self.age_days is None:
            return "no dated source"
        if self.age_days < 0:  # a source dated after today: a typo, or a case written ahead
            return f"dated {-self.age_days:,} days after today"
        prefix = "" if self.newest_source is None or self.newest_source.dated else "at most "
        return "today" if self.age_days == 0 else f"{prefix}{age_phrase(self.age_days)} ago"

    @property
    def freshness(self) -> str:
        """A few plain sentences: as of which source, how old, and whether the status may have changed."""
        newest = self.newest_source
        resting_on = [s for s in self.sources if self.basis == "happened" or s.standing is Standing.COUNTS]
        if newest is not None:
            text = f"As of {newest.source.publisher}, {newest.label}: {self._age_words()}."
        elif not resting_on:
            text = f"No source had certainly been published by {describe_as_of(self.as_of)}"
            maybe = [s for s in self.sources if s.standing is Standing.UNCERTAIN]
            text += (" (" + "; ".join(f"{s.source.publisher}: {s.label}" for s in maybe) + ")." if maybe else ".")
        else:
            text = "No source it rests on is dated or bounded (" + "; ".join(
                f"{s.source.publisher}: {s.label}" for s in resting_on) + ")."
        if not self.may_have_changed:
            return text + f" That source was published on or after {describe_as_of(self.as_of)}: it looks back " \
                          "on that date."
        if newest is None:
            return text + " With no dated source, the status may have changed at any time."
        if self.as_of is None:
            return text + " The status may have changed since."
        return text + f" The status may have changed between then and {day_words(self.as_of)}."

    def _age_words(self) -> str:
        if self.age_days is None:
            return ""
        if self.age_days < 0:
            return f"dated {-self.age_days:,} days after today"
        if self.age_days == 0:
            return "published today"
        if self.newest_source is not None and not self.newest_source.dated:
            return f"at most {self.age_days:,} days old ({age_phrase(self.age_days)})"
        return f"{self.age_days:,} days old ({age_phrase(self.age_days)})"


def age_phrase(days: int) -> str:
    """An age in plain words: "today", "3 days", "5 weeks", "10 months", "about 6 years"."""
    if days < 0:
        return f"{-days} days in the future"
    if days == 0:
        return "today"
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'}"
    if days < 61:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"about {round(days / 365.25)} years"


def parse_as_of(text: str) -> dt.date:
    """The last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the status as it stood at the end of it.

    Raises:
        ValueError: with a message saying what is wrong with the text.
    """
    match = _AS_OF.fullmatch(text.strip())
    if not match:
        raise ValueError("not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year == 0:
        raise ValueError("there is no year 0")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the year must be from {FIRST_YEAR} to {LAST_YEAR}, as in case files")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    last = days_in_month(year, month or 12)
    if day is not None and not 1 <= day <= last:
        raise ValueError(f"{month_name(month or 12)} {year} has no day {day}")
    return dt.date(year, month or 12, day or last)


def timeline(case: Case) -> list[Step]:
    """The case's events in order, each with the recorded differences about it."""
    # Each event's differences, in case order, found in one pass (not one pass per event).
    differences: dict[str, list[str]] = {}
    for difference in case.differences:
        for event_id in dict.fromkeys(difference.event_ids):
            differences.setdefault(event_id, []).append(difference.id)
    return [Step(index, event, tuple(differences.get(event.id, ()))) for index, event in enumerate(case.events)]


def case_status(case: Case, *, as_of: dt.date | None = None, basis: Basis = "happened",
                today: dt.date | None = None) -> CaseStatus:
    """Each subject's status as it stood on ``as_of`` (None: now), by what had happened or had been reported.

    See the module docstring for which events count on a date, and how
    freshness is measured. ``today`` defaults to the system's date; pass it
    for reproducible output.
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    today = today or dt.date.today()
    sources = tuple(SourceDate(source, _published(source, as_of)) for source in case.sources.values())
    steps = timeline(case)
    if basis == "happened":
        seen = _happened(case, steps, as_of)
        resting_on = sources
    else:
        seen = _reported(steps, sources)
        resting_on = tuple(s for s in sources if s.standing is Standing.COUNTS)
    reference = as_of or today
    by_source = {s.source.id: s for s in sources}
    counting = {s.source.id for s in resting_on}
    seen = _counted_dates(seen, by_source, counting)
    unseen = _unseen_differences(case, counting)
    differences = _differences_by_measure(case, unseen)  # once for the case, not once per person
    people = tuple(_person_status(case, person_id, seen, reference, by_source, counting, differences)
                   for person_id in case.subject_ids)
    # The picture is as of the newest source the people's statuses rest on, so that the case's freshness and
    # each person's "how old" never name different sources; with no status at all, the newest source there is.
    newest = newest_of(tuple(p.newest_source for p in people if p.newest_source is not None)) or newest_of(resting_on)
    newest_day = newest.freshness_day if newest else None
    return CaseStatus(
        case_id=case.id,
        title=case.title,
        as_of=as_of,
        basis=basis,
        today=today,
        people=people,
        steps=tuple(seen),
        sources=sources,
        newest_source=newest,
        age_days=(today - newest_day).days if newest_day else None,
        may_have_changed=newest_day is None or newest_day < reference,
        unseen_differences=unseen,
    )


def derive(case: Case) -> list[Derived]:
    """The computed end of every measure whose term runs on the calendar, after every change recorded."""
    return [m.computed_end for p in case_status(case).people for m in p.all_measures if m.computed_end]


def newest_of(sources: Iterable[SourceDate]) -> SourceDate | None:
    """The source with the latest freshness day (dated sources first on a tie: their day is known), or None.

    The one rule for "the newest source" everywhere: the case's freshness, a
    person's, a measure's.
    """
    return max((s for s in sources if s.freshness_day is not None), default=None,
               key=lambda s: (s.freshness_day, s.dated, len(s.date.text)))


def _person_status(case: Case, person_id: str, seen: list[StepAt], reference: dt.date,
                   by_source: dict[str, SourceDate], counting: set[str],
                   differences: dict[str, tuple[str, ...]]) -> PersonStatus:
    stage: str | None = None
    stage_step: StepAt | None = None
    pending_stages: list[tuple[StepAt, str]] = []
    for step_at in seen:
        stage_here = step_at.step.event.stage_of(person_id)
        if stage_here is None:
            continue
        if step_at.standing is Standing.COUNTS:
            stage, stage_step = stage_here, step_at
            pending_stages.clear()  # a later stage that counts settles what earlier doubts there were
        elif step_at.standing is Standing.UNCERTAIN and stage_here != stage:
            pending_stages.append((step_at, stage_here))
    measures = tuple(_measure_at(case, step_at, measure, seen, reference, by_source, counting, differences)
                     for step_at in seen if step_at.standing is not Standing.NOT_YET
                     for measure in step_at.step.event.measures if measure.person_id == person_id)
    return PersonStatus(
        person_id=person_id,
        name=case.entities[person_id].name if person_id in case.entities else person_id,
        stage=stage,
        stage_step=stage_step,
        stage_pending=tuple(pending_stages),
        all_measures=measures,
        reference=reference,
        source_dates=tuple(by_source.values()),
    )


def _differences_by_measure(case: Case, unseen: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The recorded differences about each measure: those naming the event that imposed or changed it."""
    by_event: dict[str, list[str]] = {}
    for difference in case.differences:
        if difference.id in unseen:
            continue
        for event_id in dict.fromkeys(difference.event_ids):
            by_event.setdefault(event_id, []).append(difference.id)
    found: dict[str, list[str]] = {}
    for event in case.events:
        for measure_id in [m.id for m in event.measures] + [c.measure_id for c in event.changes]:
            found.setdefault(measure_id, []).extend(by_event.get(event.id, ()))
    return {measure_id: tuple(dict.fromkeys(ids)) for measure_id, ids in found.items()}


def _measure_at(case: Case, imposed: StepAt, measure: Measure, seen: list[StepAt], reference: dt.date,
                by_source: dict[str, SourceDate], counting: set[str],
                differences: dict[str, tuple[str, ...]]) -> MeasureAt:
    term, amount = measure.term, measure.amount
    began = measure.start or imposed.date
    began_label = "as stated" if measure.start else f"the date of `{imposed.step.event.id}`"
    began_citations = tuple(measure.citations) if measure.start else tuple(imposed.citations)
    length_citations = tuple(measure.citations)
    changes: list[ChangeAt] = []
    pending: list[ChangeAt] = []
    ended_by: ChangeAt | None = None
    end, open_ended = measure.end, False
    beginning: StepAt | None = None  # the step that says it began, whether or not it counts by then
    for step_at in seen[imposed.step.index + 1:]:
        for change in step_at.step.event.changes:
            if change.measure_id != measure.id:
                continue
            if change.action == "began" and beginning is None:
                beginning = step_at
            change_at = ChangeAt(change, step_at)
            if step_at.standing is Standing.UNCERTAIN:
                pending.append(change_at)
            elif step_at.standing is Standing.COUNTS:
                changes.append(change_at)
                if change.action in RESIZING_ACTIONS:
                    term = change.term or term
                    amount = change.amount or amount
                    length_citations = tuple(change.citations)
                elif change.action == "extended":  # to a new end, for a new length, or for how long no one says
                    if change.end is not None:
                        end, open_ended = change.end, False
                    elif change.term is not None:
                        term, end, open_ended = change.term, None, False
                        length_citations = tuple(change.citations)
                    else:
                        end, open_ended = None, True
                elif change.action == "began":
                    began = step_at.date
                    began_label = f"began: `{step_at.step.event.id}`"
                    began_citations = tuple(change.citations)
                elif change.action in ENDING_ACTIONS:  # the last one says how it ended: suspended, then quashed
                    ended_by = change_at
    standing = imposed.standing
    if standing is Standing.UNCERTAIN and changes:  # changed by then, so imposed by then
        standing = Standing.COUNTS
    if beginning is not None:  # it began when a later event says: not before that event counts
        begun = beginning.standing
        if begun is not Standing.COUNTS:  # still its day: from it the end is counted, not from the verdict
            began = beginning.date
            began_label = f"began: `{beginning.step.event.id}`"
            began_citations = tuple(c for change in beginning.step.event.changes
                                    if change.measure_id == measure.id for c in change.citations)
    elif measure.start is not None:  # it begins on a date of its own
        begun = _standing_on(measure.start, reference)
    else:
        begun = standing
    citations = tuple(c for c in measure.citations if c.source_id in counting) or tuple(measure.citations)
    citations += tuple(c for change_at in changes for c in change_at.change.citations if c.source_id in counting)
    stated_end = date_bounds(end)[1] if end is not None else None
    behind = [by_source[sid] for sid in dict.fromkeys(c.source_id for c in citations) if sid in by_source]
    return MeasureAt(
        measure=measure,
        standing=standing,
        imposed=imposed,
        term=term,
        amount=amount,
        began=began,
        begun=begun,
        changes=tuple(changes),
        pending=tuple(pending),
        ended_by=ended_by,
        ended_stated=stated_end is not None and stated_end <= reference,
        end=end,
        open_ended=open_ended,
        computed_end=None if open_ended else term_end(
                              measure, term, began, length_citations=length_citations,
                              start_label=began_label,
                              start_citations=began_citations,
                              difference_ids=differences.get(measure.id, ())),
        citations=citations,
        difference_ids=differences.get(measure.id, ()),
        newest_source=newest_of(tuple(behind)),
    )


def _unseen_differences(case: Case, counting: set[str]) -> frozenset[str]:
    """The differences that the sources that count do not show: fewer than two of their sides cite one.

    For ``basis="reported"`` a difference between a source published by then
    and one published later was not there to be seen yet.
    """
    return frozenset(d.id for d in case.differences
                     if sum(any(c.source_id in counting for c in side.citations) for side in d.sides) < 2)


def _counted_dates(seen: list[StepAt], by_source: dict[str, SourceDate], counting: set[str]) -> list[StepAt]:
    """Each step with its date as counted: the disputed dates that count, and the bound of its reporting sources.

    A date the sources dispute keeps only the dates given by sources that
    count (for ``basis="reported"``, those published by then); one date left
    is the date. An event happened no later than the last day on which a
    dated source reporting it (among those that count) could have been
    published: an unknown or imprecise date is narrowed to ``not_after`` that
    day, the bound the reader used to count it as happened.
    """
    found = []
    for step_at in seen:
        event = step_at.step.event
        date, claims = event.date, None
        if event.dates:
            kept = tuple(claim for claim in event.dates if set(claim.source_ids) & counting)
            if kept and len(kept) < len(event.dates):
                claims = kept
                if len(kept) == 1:
                    date = kept[0].date
        if not (claims or event.dates) or (claims is not None and len(claims) == 1):
            earliest, latest = date_bounds(date)
            reported = [day for sid in step_at.source_ids if sid in by_source
                        if (day := date_bounds(by_source[sid].source.date)[1]) is not None]
            bound = min(reported, default=None)
            if bound is not None and (latest is None or bound < latest) and (earliest is None or earliest <= bound):
                date = dataclasses.replace(date, not_after=bound.isoformat())
        if date is not event.date or claims is not None:
            step_at = dataclasses.replace(step_at, counted_date=date, counted_dates=claims)
        found.append(step_at)
    return found


def _standing_on(date: FuzzyDate, day: dt.date) -> Standing:
    """Whether ``date`` had come by ``day``: COUNTS, NOT_YET, or UNCERTAIN when its bounds straddle it."""
    earliest, latest = date_bounds(date)
    if latest is not None and latest <= day:
        return Standing.COUNTS
    if earliest is not None and earliest > day:
        return Standing.NOT_YET
    return Standing.UNCERTAIN


def _published(source: Source, as_of: dt.date | None) -> Standing:
    if as_of is None:
        return Standing.COUNTS
    earliest, latest = date_bounds(source.date)
    if latest is not None and latest <= as_of:
        return Standing.COUNTS
    if earliest is not None and earliest > as_of:
        return Standing.NOT_YET
    return Standing.UNCERTAIN


def _happened(case: Case, steps: list[Step], as_of: dt.date | None) -> list[StepAt]:
    if as_of is None:
        return [StepAt(step, Standing.COUNTS, "no cut-off date", step.citations) for step in steps]
    seen = []
    for step in steps:
        standing, reason = _own_standing(case, step, as_of)
        seen.append(StepAt(step, standing, reason, step.citations))
    return _in_order(seen, _needs(steps))


def _needs(steps: list[Step]) -> list[tuple[tuple[int, ...], ...]]:
    """For each step, what must have happened before it: groups of steps, one of each group at least.

    A change needs the event that imposed its measure; a stage that comes only
    after a verdict (an appeal, a final verdict) needs one of the events that
    gave that person a verdict, when the case records any. This is the order
    of the story itself, which holds whatever the dates say and wherever the
    events are listed.
    """
    imposed_by = {measure.id: step.index for step in steps for measure in step.event.measures}
    verdicts: dict[str, list[int]] = {}
    for step in steps:
        for person, stage in step.event.proceedings:
            if stage in VERDICT_STAGES:
                verdicts.setdefault(person, []).append(step.index)
    needs = []
    for step in steps:
        groups: list[tuple[int, ...]] = []
        for change in step.event.changes:
            imposing = imposed_by.get(change.measure_id)
            if imposing is not None and imposing != step.index:
                groups.append((imposing,))
        for person, stage in step.event.proceedings:
            if stage in AFTER_VERDICT_STAGES:
                group = tuple(i for i in verdicts.get(person, ()) if i != step.index)
                if group:
                    groups.append(group)
        needs.append(tuple(dict.fromkeys(groups)))
    return needs


def _in_order(seen: list[StepAt], needs: list[tuple[tuple[int, ...], ...]]) -> list[StepAt]:
    """The standings, settled by the order of the story where the dates alone leave an event uncertain.

    An uncertain event that needs one that had not happened yet had not
    happened either ("after `sentence`, which had not happened by then"); an
    event that needs just one other, and had happened, means that one had
    happened too. Each settling turns an uncertain step into a certain one,
    never back, so this ends after at most one round per step.
    """
    changed = True
    while changed:
        changed = False
        for index, step_at in enumerate(seen):
            for group in needs[index]:
                before = [seen[i] for i in group]
                if seen[index].standing is Standing.UNCERTAIN and all(
                        b.standing is Standing.NOT_YET for b in before):
                    names = " or ".join(f"`{b.step.event.id}`" for b in before)
                    seen[index] = dataclasses.replace(
                        seen[index], standing=Standing.NOT_YET,
                        reason=f"it comes after {names}, which had not happened by then")
                    changed = True
                elif seen[index].standing is Standing.COUNTS and len(before) == 1 \
                        and before[0].standing is Standing.UNCERTAIN:
                    seen[group[0]] = dataclasses.replace(
                        before[0], standing=Standing.COUNTS,
                        reason=f"it comes before `{step_at.step.event.id}`, which had happened by then "
                               f"({step_at.reason})")
                    changed = True
    return seen


def _own_standing(case: Case, step: Step, as_of: dt.date) -> tuple[Standing, str]:
    """Whether an event had happened by ``as_of`` by its own date and its reporting sources alone."""
    date = step.date
    earliest, latest = date_bounds(date)
    if latest is not None and latest <= as_of:
        return Standing.COUNTS, _dated(case, step)
    if earliest is not None and earliest > as_of:
        return Standing.NOT_YET, _dated(case, step)
    for source_id in step.source_ids:  # a source reports what has already happened
        source = case.sources.get(source_id)
        published = date_bounds(source.date)[1] if source else None
        if source is not None and published is not None and published <= as_of:
            return Standing.COUNTS, f"reported by {source.publisher}, {source.date.display()}"
    if step.event.disputed:
        return Standing.UNCERTAIN, "the sources give different dates (" + "; ".join(
            f"{claim.date.display()}: {', '.join(_publishers(case, claim.source_ids))}"
            for claim in step.event.dates) + f"), on both sides of {day_words(as_of)}"
    if not date.is_known and earliest is None and latest is None:
        return Standing.UNCERTAIN, "date unknown"
    return Standing.UNCERTAIN, f"{_date_phrase(date)}: may be before or after {day_words(as_of)}"


def _date_phrase(date: FuzzyDate) -> str:
    return f"dated {date.display()}" if date.is_known else date.display()


def _dated(case: Case, step: Step) -> str:
    """The event's date in words; a disputed one with each source's date: "dated 7 November 2018 (RFE/RL) or …"."""
    if not step.event.disputed:
        return _date_phrase(step.date)
    return "dated " + " or ".join(f"{claim.date.display()} ({', '.join(_publishers(case, claim.source_ids))})"
                                  for claim in step.event.dates)


def _reported(steps: list[Step], sources: tuple[SourceDate, ...]) -> list[StepAt]:
    standing = {s.source.id: s.standing for s in sources}
    standing_of = {s.source.id: s for s in sources}
    seen = []
    for step in steps:
        published = [c for c in step.citations if standing.get(c.source_id) is Standing.COUNTS]
        maybe = [sid for sid in step.source_ids if standing.get(sid) is Standing.UNCERTAIN]
        if published:
            names = ", ".join(standing_of[sid].source.publisher for sid in dict.fromkeys(
                c.source_id for c in published))
            seen.append(StepAt(step, Standing.COUNTS, f"reported by {names}", tuple(published)))
        elif maybe:
            names = ", ".join(f"{standing_of[sid].source.publisher} ({standing_of[sid].label})" for sid in maybe)
            evidence = tuple(c for c in step.citations if c.source_id in maybe)
            seen.append(StepAt(step, Standing.UNCERTAIN, f"reported only by {names}, which may not have "
                                                         "been published yet", evidence))
        else:
            seen.append(StepAt(step, Standing.NOT_YET, "not reported yet", ()))
    return seen


def describe_as_of(as_of: dt.date | None) -> str:
    """The date asked about in words, or "now"."""
    return "now" if as_of is None else day_words(as_of)


def _publishers(case: Case, source_ids: tuple[str, ...]) -> list[str]:
    return [case.sources[sid].publisher if sid in case.sources else sid for sid in source_ids]


__all__ = [
    "BASES",
    "Basis",
    "CaseStatus",
    "ChangeAt",
    "Derived",
    "MeasureAt",
    "PersonStatus",
    "SourceDate",
    "Standing",
    "StatusChange",
    "Step",
    "StepAt",
    "age_phrase",
    "case_status",
    "derive",
    "describe_as_of",
    "newest_of",
    "parse_as_of",
    "timeline",
]
