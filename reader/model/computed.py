"""Facts the reader computes from stated ones, kept apart from what sources state.

A :class:`Derived` fact is never a source's claim: it carries a label, its
value, the calculation in words and the citations of every input, and is
always marked computed. Only what the case's annotations support is
computed; today that is the end of a measure's term (a prison term, a ban,
restricted freedom: any term counted on the calendar), from the day it
began to be served:

- the start is the date of the change that says it ``began``, else the
  measure's own ``start``, else the date of the decision that imposed it,
  with their bounds; an unknown start with no bound gives nothing;
- the length is the measure's term, or the last ``reduced``/``increased``
  change's;
- the end is start + years + months + days in calendar order (a day past a
  month's end falls back to its last day: 31 August + 1 month = 30
  September), the day the term would be over if served in full;
- a start known only as a range gives an end known only as a range.

Nothing here knows about release, remission or time credited: the
assumption is written into every fact so that no reader mistakes it for a
release date a source gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from reader.model.types import Citation, FuzzyDate, Measure, Term

ASSUMPTION = ("Computed, not stated by any source: assumes the whole term is served from the day it began, "
              "with no time credited, no remission and no early release.")


@dataclass(frozen=True)
class Input:
    """One stated fact a computation rests on, with the passages that state it."""

    label: str  # what it is: "length of the term", "start of the term"
    value: str  # as stated, in words
    citations: tuple[Citation, ...]
    note: str | None = None  # how a date was read or inferred, when the case says


@dataclass(frozen=True)
class Derived:
    """A computed fact: its value, how it was computed, and what it rests on.

    ``earliest``/``latest`` bound the computed date (equal when it is known
    to the day; either may be None when a bound of an input is missing).
    ``computed`` is always True, so a consumer serialising facts cannot
    forget to label it.
    """

    id: str  # stable: "term-end:<event id>"
    label: str
    value: str
    earliest: dt.date | None
    latest: dt.date | None
    calculation: str
    assumption: str
    inputs: tuple[Input, ...]
    event_id: str  # the decision that imposed the measure
    measure_id: str = ""
    difference_ids: tuple[str, ...] = ()  # recorded differences about the measure or its events
    computed: Literal[True] = True

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation behind the inputs, in input order."""
        return tuple(citation for item in self.inputs for citation in item.citations)

    def over_by(self, day: dt.date) -> bool | None:
        """Whether the computed date is on or before ``day``: True, False, or None when it may be either."""
        if self.latest is not None and self.latest <= day:
            return True
        if self.earliest is not None and self.earliest > day:
            return False
        return None


def date_bounds(date: FuzzyDate) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a date could be, narrowed by its bounds (:meth:`FuzzyDate.bounds`)."""
    return date.bounds()


def day_words(day: dt.date) -> str:
    """A day in words: "17 July 2019"."""
    return FuzzyDate(day.isoformat()).display()


def range_words(earliest: dt.date | None, latest: dt.date | None) -> str:
    """A range of days in words: one day, "between … and …", "not before …", "not after …"."""
    if earliest is not None and earliest == latest:
        return day_words(earliest)
    if earliest is not None and latest is not None:
        return f"between {day_words(earliest)} and {day_words(latest)}"
    if earliest is not None:
        return f"not before {day_words(earliest)}"
    if latest is not None:
        return f"not after {day_words(latest)}"
    return "unknown"


def term_end(measure: Measure, term: Term | None, start: FuzzyDate, *, length_citations: tuple[Citation, ...],
             start_label: str, start_citations: tuple[Citation, ...],
             difference_ids: tuple[str, ...] = ()) -> Derived | None:
    """The computed end of ``measure`` served for ``term`` from ``start``; None when it cannot be counted.

    Nothing is computed for a term in hours (community service is not served
    on the calendar) or for a start that is unknown with no bound.
    """
    if term is None or not term.on_calendar:
        return None
    start_earliest, start_latest = date_bounds(start)
    if start_earliest is None and start_latest is None:
        return None
    end_earliest = term.after(start_earliest) if start_earliest else None
    end_latest = term.after(start_latest) if start_latest else None
    length = term.display()
    return Derived(
        id=f"term-end:{measure.id}",
        label=f"End of the term ({length}), if served in full",
        value=range_words(end_earliest, end_latest),
        earliest=end_earliest,
        latest=end_latest,
        calculation=_calculation(term, start_earliest, start_latest),
        assumption=ASSUMPTION,
        inputs=(
            Input("length of the term", length, length_citations),
            Input(f"start of the term ({start_label})", start.display(), start_citations, start.note),
        ),
        event_id=measure.event_id,
        measure_id=measure.id,
        difference_ids=difference_ids,
    )


def _calculation(term: Term, start_earliest: dt.date | None, start_latest: dt.date | None) -> str:
    length = term.display()

    def step(day: dt.date) -> str:
        return f"{day_words(day)} + {length} = {day_words(term.after(day))}"

    if start_earliest is not None and start_latest is not None:
        if start_earliest == start_latest:
            return step(start_earliest)
        return (f"start {range_words(start_earliest, start_latest)}: "
                f"earliest {step(start_earliest)}; latest {step(start_latest)}")
    if start_earliest is not None:
        return f"start not before {day_words(start_earliest)}: {step(start_earliest)} at the earliest"
    assert start_latest is not None
    return f"start not after {day_words(start_latest)}: {step(start_latest)} at the latest"
