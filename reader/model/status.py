"""The case's legal status, derived from its events: the timeline and the status on a date.

Plain frozen dataclasses and pure functions; no Textual, no files. The app's
status sidebar and ``reader status`` both call :func:`timeline` and
:func:`case_status` and only show what they return.

**Order.** Events are listed in the order they happened (docs/format.md);
the status after an event is the status of the last event, in that order,
that set one.

**Which events count on a date D** (``as_of``), for ``basis="happened"``:

1. By its own date: an event has happened by D when the last day it could
   have happened is on or before D; that last day is its date's last day,
   narrowed by ``not_after`` and by the publication of any dated source that
   reports it (a source reports what has already happened). It has not
   happened yet when its first possible day is after D. Otherwise (a date
   that spans D, or an unknown date) it is *uncertain*.
2. By order, for events their own date leaves uncertain: an event listed
   before one that had happened by its own date had happened too; an event
   listed after one that had not happened yet had not happened either. When
   both apply (dated events listed out of order) it stays uncertain.

So an event dated "July 2019" has not certainly happened by 15 July 2019:
it is listed as uncertain on that date, and the status shown is the one
before it, with the change it may bring named beside it.

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

**Freshness.** The picture is "as of" the newest dated source it rests on
(every source for ``happened``, the published ones for ``reported``); its
age is counted in days from the last day that source could have been
published to ``today``, so it is never overstated. The status may have
changed since when that source is older than the date asked about (or
today).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from reader.model.computed import Derived, date_bounds, day_words, derive
from reader.model.types import FIRST_YEAR, LAST_YEAR, Case, Citation, Event, FuzzyDate, Source, Status

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
    """One event of the timeline and the status in force after it.

    ``status`` is carried forward from the last event (this one or an
    earlier one) that set a status; ``status_event_id`` names that event.
    """

    index: int  # position in case.events
    event: Event
    status: Status | None
    status_event_id: str | None
    difference_ids: tuple[str, ...]  # recorded differences about this event

    @property
    def date(self) -> FuzzyDate:
        """The event's date at its stated precision (``earliest()``/``latest()`` give the span)."""
        return self.event.date

    @property
    def sets_status(self) -> bool:
        """True when this event sets the status (rather than carrying the previous one)."""
        return self.event.status is not None

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
    reason: str  # in plain words: "dated 17 July 2019", "listed before `trial`, which had happened"
    citations: tuple[Citation, ...]  # the evidence that counts (for "reported": published sources only)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources of the evidence that counts, in citation order."""
        return tuple(dict.fromkeys(citation.source_id for citation in self.citations))


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
class CaseStatus(Corroborated):
    """The status as it stood on a date, with its evidence, its freshness and what may have changed."""

    case_id: str
    title: str
    subject: str | None  # the subject's name
    as_of: dt.date | None  # None: now, from everything the sources say
    basis: Basis
    today: dt.date
    status: Status | None  # None: no event had set a status by then
    setting: StepAt | None  # the step that set it
    steps: tuple[StepAt, ...]  # every event, in timeline order, seen from as_of
    sources: tuple[SourceDate, ...]
    newest_source: SourceDate | None  # the newest dated source the picture rests on
    age_days: int | None  # today − newest source's last possible day
    may_have_changed: bool
    computed: tuple[Derived, ...]  # computed facts about the status in force

    @property
    def state(self) -> str | None:
        """The status in one word (a ``status.state`` of the format), or None."""
        return self.status.state if self.status else None

    @property
    def summary(self) -> str | None:
        """The status in one line of plain words, or None."""
        return self.status.summary if self.status else None

    @property
    def event(self) -> Event | None:
        """The event that set the status."""
        return self.setting.step.event if self.setting else None

    @property
    def since(self) -> FuzzyDate | None:
        """The date of the event that set the status, at its own precision."""
        return self.setting.step.date if self.setting else None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The passages behind the status (those of the event that set it)."""
        return self.setting.citations if self.setting else ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that say so."""
        return self.setting.source_ids if self.setting else ()

    @property
    def uncertain(self) -> tuple[StepAt, ...]:
        """Status changes that may or may not have happened by then: listed after the setting event."""
        after = self.setting.step.index if self.setting else -1
        return tuple(s for s in self.steps if s.step.index > after and s.step.sets_status
                     and s.standing is Standing.UNCERTAIN)

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
        return "today" if self.age_days == 0 else f"{age_phrase(self.age_days)} ago"

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
            text = "No source it rests on is dated (" + "; ".join(
                f"{s.source.publisher}: {s.label}" for s in resting_on) + ")."
        if not self.may_have_changed:
            return text + f" That source was published on or after {describe_as_of(self.as_of)}: it looks back " \
                          "on that date."
        if newest is None:
            text += " With no dated source, the status may have changed at any time."
        elif self.as_of is None:
            text += " The status may have changed since."
        else:
            text += f" The status may have changed between then and {day_words(self.as_of)}."
        overdue = [fact for fact in self.computed if fact.over_by(self.reference_date)]
        if overdue:
            when = "today" if self.as_of is None else day_words(self.as_of)
            text += (f" The computed end of the term ({overdue[0].value}) is before {when}; "
                     "no source here says what happened then.")
        return text

    def _age_words(self) -> str:
        if self.age_days is None:
            return ""
        if self.age_days < 0:
            return f"dated {-self.age_days:,} days after today"
        if self.age_days == 0:
            return "published today"
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
    last = calendar.monthrange(year, month or 12)[1]
    if day is not None and not 1 <= day <= last:
        raise ValueError(f"{calendar.month_name[month or 12]} {year} has no day {day}")
    return dt.date(year, month or 12, day or last)


def timeline(case: Case) -> list[Step]:
    """The case's events in order, each with the status in force after it."""
    # Each event's differences, in case order, found in one pass (not one pass per event).
    differences: dict[str, list[str]] = {}
    for difference in case.differences:
        for event_id in dict.fromkeys(difference.event_ids):
            differences.setdefault(event_id, []).append(difference.id)
    steps: list[Step] = []
    status: Status | None = None
    setter: str | None = None
    for index, event in enumerate(case.events):
        if event.status is not None:
            status, setter = event.status, event.id
        steps.append(Step(index, event, status, setter, tuple(differences.get(event.id, ()))))
    return steps


def case_status(case: Case, *, as_of: dt.date | None = None, basis: Basis = "happened",
                today: dt.date | None = None) -> CaseStatus:
    """The status as it stood on ``as_of`` (None: now), by what had happened or what had been reported.

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
    setting = next((s for s in reversed(seen) if s.standing is Standing.COUNTS and s.step.sets_status), None)
    newest = max((s for s in resting_on if s.dated), default=None,
                 key=lambda s: (date_bounds(s.date)[1] or dt.date.min, len(s.date.text)))
    newest_day = date_bounds(newest.date)[1] if newest else None
    reference = as_of or today
    computed: tuple[Derived, ...] = ()
    if setting is not None:
        counting = {s.step.event.id for s in seen[setting.step.index:] if s.standing is Standing.COUNTS}
        computed = tuple(fact for fact in derive(case) if fact.event_id in counting)
    subject = case.subject
    return CaseStatus(
        case_id=case.id,
        title=case.title,
        subject=subject.name if subject else None,
        as_of=as_of,
        basis=basis,
        today=today,
        status=setting.step.event.status if setting else None,
        setting=setting,
        steps=tuple(seen),
        sources=sources,
        newest_source=newest,
        age_days=(today - newest_day).days if newest_day else None,
        may_have_changed=newest_day is None or newest_day < reference,
        computed=computed,
    )


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
    own = [_own_standing(case, step, as_of) for step in steps]
    last_counts = max((i for i, (standing, _) in enumerate(own) if standing is Standing.COUNTS), default=-1)
    first_not_yet = min((i for i, (standing, _) in enumerate(own) if standing is Standing.NOT_YET),
                        default=len(steps))
    seen = []
    for i, (step, (standing, reason)) in enumerate(zip(steps, own, strict=True)):
        if standing is Standing.UNCERTAIN:
            before_happened, after_not_yet = i < last_counts, i > first_not_yet
            if before_happened and not after_not_yet:
                standing = Standing.COUNTS
                reason = f"listed before `{steps[last_counts].event.id}`, which had happened"
            elif after_not_yet and not before_happened:
                standing = Standing.NOT_YET
                reason = f"listed after `{steps[first_not_yet].event.id}`, which had not happened yet"
        seen.append(StepAt(step, standing, reason, step.citations))
    return seen


def _own_standing(case: Case, step: Step, as_of: dt.date) -> tuple[Standing, str]:
    """Whether an event had happened by ``as_of`` by its own date and its reporting sources alone."""
    date = step.date
    earliest, latest = date_bounds(date)
    if latest is not None and latest <= as_of:
        return Standing.COUNTS, _date_phrase(date)
    if earliest is not None and earliest > as_of:
        return Standing.NOT_YET, _date_phrase(date)
    for source_id in step.source_ids:  # a source reports what has already happened
        source = case.sources.get(source_id)
        published = date_bounds(source.date)[1] if source else None
        if source is not None and published is not None and published <= as_of:
            return Standing.COUNTS, f"reported by {source.publisher}, {source.date.display()}"
    if not date.is_known and earliest is None and latest is None:
        return Standing.UNCERTAIN, "date unknown"
    return Standing.UNCERTAIN, f"{_date_phrase(date)}: may be before or after {day_words(as_of)}"


def _date_phrase(date: FuzzyDate) -> str:
    return f"dated {date.display()}" if date.is_known else date.display()


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


__all__ = [
    "BASES",
    "Basis",
    "CaseStatus",
    "Derived",
    "SourceDate",
    "Standing",
    "Step",
    "StepAt",
    "age_phrase",
    "case_status",
    "describe_as_of",
    "parse_as_of",
    "timeline",
]
