"""``reader status --json``: each person's status as plain JSON data, in the shape docs/status-json.md documents.

Only what the :class:`~reader.model.status.CaseStatus` and the case hold is
written; nothing is worked out here but the shape. A paraphrase (an event's
or a measure's ``summary``) is a field of its own, never put among the
``citations``, which hold only exact quotes. The shape is documented, with
its JSON Schema, in docs/status-json.md; change both together and bump
:data:`SCHEMA_VERSION` when a field changes meaning or goes away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.model.computed import Derived, date_bounds
from reader.model.proceedings import effects, stage_words
from reader.model.status import (
    CaseStatus,
    ChangeAt,
    MeasureAt,
    PersonStatus,
    SourceDate,
    Standing,
    StatusChange,
    StepAt,
)
from reader.model.types import Amount, Case, Citation, FuzzyDate, Source, Term
from reader.model.vocabulary import MEASURE_KINDS
from reader.model.watchlist import (
    DEFAULT_STALE_AFTER,
    person_differences,
    person_flags,
    short_status,
)

#: The version of the shape: 2 since people, proceedings and measures replaced the one status of version 1; 3 since
#: a person's newest source (and the case's) is the newest behind the status, and dates are as counted.
SCHEMA_VERSION = 3

_PUBLISHED = {Standing.COUNTS: "published", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not-yet"}


def status_json(status: CaseStatus, case: Case | None = None, *, person_id: str | None = None,
                stale_after: int = DEFAULT_STALE_AFTER) -> dict[str, Any]:
    """The status as plain JSON data, in the shape docs/status-json.md documents.

    ``case`` is the case the status was worked out from: it gives the
    differences, so that a difference naming only another subject is not
    listed under this one (without it, the status's own events stand in and
    every difference is kept). ``person_id`` narrows the people and the
    timeline to one subject (it must be one).
    """
    case = case or stand_in_case(status)
    sources = {s.source.id: s.source for s in status.sources}
    people = [p for p in status.people if person_id is None or p.person_id == person_id]
    steps = [s for s in status.steps if person_id is None or s.step.event.concerns(person_id)]
    newest = status.newest_source
    return {
        "schema_version": SCHEMA_VERSION,
        "case": {
            "id": status.case_id,
            "title": status.title,
            "subjects": [{"id": p.person_id, "name": p.name} for p in status.people],
        },
        "query": {
            "as_of": status.as_of.isoformat() if status.as_of else None,
            "basis": status.basis,
            "today": status.today.isoformat(),
            "person": person_id,
        },
        "people": [person_json(status, case, person, sources, stale_after=stale_after) for person in people],
        "freshness": {
            "newest_source": newest.source.id if newest else None,
            "date": date_json(newest.date) if newest else None,
            "age_days": status.age_days,
            "age": status.age_phrase,
            "may_have_changed": status.may_have_changed,
            "text": status.freshness,
        },
        "sources": [_source(s) for s in status.sources],
        "timeline": [_step(case, s, sources, status.unseen_differences) for s in steps],
    }


def stand_in_case(status: CaseStatus) -> Case:
    """A stand-in case made of what the status holds (its events and sources), with no differences.

    For a caller that has only the status: the events' effects can be told from it, but not which
    differences name another subject, so every difference is kept.
    """
    return Case(id=status.case_id, title=status.title, folder=Path(), sources={s.source.id: s.source for s in
                                                                                status.sources},
                events=[s.step.event for s in status.steps], subject_ids=tuple(p.person_id for p in status.people))


# --- a person --------------------------------------------------------------------------------

def person_json(status: CaseStatus, case: Case, person: PersonStatus, sources: dict[str, Source], *,
                stale_after: int = DEFAULT_STALE_AFTER) -> dict[str, Any]:
    """One person's status: the stage, the measures in force, what may have changed, what ended, warnings."""
    newest = person.newest_source
    stage = person.stage_step
    return {
        "id": person.person_id,
        "name": person.name,
        "status": short_status(person),
        "since": change_json(person.last_change),
        "stage": None if stage is None or person.stage is None else {
            "stage": person.stage,
            "words": person.stage_words,
            "event": stage.step.event.id,
            "event_summary": stage.step.event.summary,
            "since": date_json(stage.date),
            "dates": _claims(stage, sources),
            "sources": list(stage.source_ids),
            "corroboration": stage.corroboration,
            "single_source": stage.single_source,
            "differences": list(person_differences(case, person.person_id, stage.step.difference_ids, status)),
            "citations": [citation_json(c, sources) for c in stage.citations],
        },
        "measures": [measure_json(status, case, m, sources) for m in person.measures],
        "may_have_changed": {
            "stages": [{
                "stage": stage_here,
                "words": stage_words(stage_here),
                "event": seen.step.event.id,
                "date": date_json(seen.date),
                "dates": _claims(seen, sources),
                "reason": seen.reason,
            } for seen, stage_here in person.stage_pending],
            "measures": [measure_json(status, case, m, sources) for m in person.uncertain_measures],
            "changes": [{"label": m.label, "change": change_json_at(c, sources)}
                        for m in person.measures for c in m.pending],
        },
        "not_begun": [measure_json(status, case, m, sources) for m in person.not_begun],
        "ended_measures": [measure_json(status, case, m, sources) for m in person.ended_measures],
        "warnings": list(person.warnings),
        "sources": list(person.source_ids),
        "corroboration": len(person.source_ids),
        "newest_source": newest_json(newest),
        "age_days": (status.today - newest.freshness_day).days if newest and newest.freshness_day else None,
        "flags": [{"flag": note.flag.value, "detail": note.detail}
                  for note in person_flags(case, status, person, stale_after=stale_after, newest=newest)],
    }


def change_json(change: StatusChange | None) -> dict[str, Any] | None:
    """The last change to a status: ``date``, ``what`` (in words) and ``event``."""
    if change is None:
        return None
    return {"date": date_json(change.date), "what": change.what, "event": change.step.step.event.id}


def measure_json(status: CaseStatus, case: Case, seen: MeasureAt, sources: dict[str, Source]) -> dict[str, Any]:
    """A measure as it stood: its term (as changed), since and until, its computed end, evidence and changes."""
    reference = status.reference_date
    measure = seen.measure
    ended: dict[str, Any] | None = None
    if seen.ended_by is not None:
        ended = {"stated": False, "words": seen.ended_by.words, "date": date_json(seen.ended_by.step.date),
                 "event": seen.ended_by.step.step.event.id, "change": change_json_at(seen.ended_by, sources)}
    elif seen.ended_stated and measure.end is not None:
        ended = {"stated": True, "words": "ended, as a source states", "date": date_json(measure.end),
                 "event": None, "change": None}
    began = seen.beginning
    differences = list(person_differences(case, measure.person_id, seen.difference_ids, status))
    computed = derived_json(seen.computed_end, sources) if seen.computed_end else None
    if computed is not None:
        computed["differences"] = differences  # the fact's, less those naming only another subject
    return {
        "id": measure.id,
        "kind": measure.kind,
        "kind_words": MEASURE_KINDS.get(measure.kind, measure.kind),
        "person": measure.person_id,
        "label": seen.label,
        "summary": measure.summary,
        "note": measure.note,
        "standing": seen.standing.value,
        "in_force": seen.in_force,
        "imposed_by": seen.imposed.step.event.id,
        "term": term_json(seen.term),
        "term_imposed": term_json(measure.term),
        "amount": amount_json(seen.amount),
        "amount_imposed": amount_json(measure.amount),
        "since": date_json(seen.since),
        "since_event": began.step.event.id,
        "since_dates": _claims(began, sources) if measure.start is None else [],
        "until": date_json(measure.end) if measure.end is not None else None,
        "until_text": seen.until,
        "computed_end": computed,
        "end_passed": seen.end_passed(reference) if seen.computed_end else None,
        "warning": seen.warning(reference),
        "sources": list(seen.source_ids),
        "corroboration": seen.corroboration,
        "single_source": seen.single_source,
        "differences": differences,
        "newest_source": newest_json(seen.newest_source),
        "changes": [change_json_at(c, sources) for c in seen.changes],
        "pending": [change_json_at(c, sources) for c in seen.pending],
        "ended": ended,
        "citations": [citation_json(c, sources) for c in seen.citations],
    }


def change_json_at(seen: ChangeAt, sources: dict[str, Source]) -> dict[str, Any]:
    """A change to a measure, with the event that made it and whether it counts on the date asked about."""
    change = seen.change
    return {
        "measure": change.measure_id,
        "action": change.action,
        "words": seen.words,
        "event": seen.step.step.event.id,
        "date": date_json(seen.step.date),
        "dates": _claims(seen.step, sources),
        "term": term_json(change.term),
        "amount": amount_json(change.amount),
        "by": change.by,
        "ends": seen.ends,
        "standing": seen.step.standing.value,
        "reason": seen.step.reason,
        "sources": list(dict.fromkeys(c.source_id for c in change.citations)),
        "citations": [citation_json(c, sources) for c in change.citations],
    }


def term_json(term: Term | None) -> dict[str, int] | None:
    """A term as its four units (0 for a unit not given), or None."""
    if term is None:
        return None
    return {"years": term.years, "months": term.months, "weeks": term.weeks, "days": term.days, "hours": term.hours}


def amount_json(amount: Amount | None) -> dict[str, Any] | None:
    """An amount as ``value`` and ``currency``, or None."""
    return None if amount is None else {"value": amount.value, "currency": amount.currency}


def newest_json(dating: SourceDate | None) -> dict[str, Any] | None:
    """The newest source behind something: its id, publisher, date, and the day it counts as."""
    if dating is None:
        return None
    day = dating.freshness_day
    return {"id": dating.source.id, "publisher": dating.source.publisher, "date": date_json(dating.date),
            "label": dating.label, "dated": dating.dated, "day": day.isoformat() if day else None}


# --- dates, citations, sources, steps ---------------------------------------------------------

def date_json(date: FuzzyDate) -> dict[str, Any]:
    """A date at its precision, with its bounds."""
    earliest, latest = date_bounds(date)
    return {
        "text": date.text,
        "precision": date.precision.value,
        "display": date.display(),
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
        "inferred": date.inferred,
        "note": date.note,
        "not_before": date.not_before,
        "not_after": date.not_after,
    }


def _claims(seen: StepAt, sources: dict[str, Source]) -> list[dict[str, Any]]:
    """Each date the sources give an event whose date they dispute, with who gives it; [] otherwise."""
    return [{
        "date": date_json(claim.date),
        "sources": list(claim.source_ids),
        "citations": [citation_json(c, sources) for c in claim.citations],
    } for claim in seen.dates]


def citation_json(citation: Citation, sources: dict[str, Source]) -> dict[str, Any]:
    """A quote with where it was found in its source."""
    source = sources.get(citation.source_id)
    line = column = None
    if citation.span is not None and source is not None:
        line, column = source.line_col(citation.span.start)
    return {
        "source": citation.source_id,
        "quote": citation.quote,
        "note": citation.note,
        "start": citation.span.start if citation.span else None,
        "end": citation.span.end if citation.span else None,
        "line": line,
        "column": column,
    }


def _source(dating: SourceDate) -> dict[str, Any]:
    source = dating.source
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "author": source.author,
        "kind": source.kind,
        "date": date_json(source.date),
        "dated": dating.dated,
        "bound_inferred": dating.bound_inferred,
        "label": dating.label,
        "published_by_as_of": _PUBLISHED[dating.standing],
    }


def derived_json(fact: Derived, sources: dict[str, Source]) -> dict[str, Any]:
    """A computed fact: always ``"computed": true``, with its calculation, assumption and cited inputs."""
    return {
        "id": fact.id,
        "computed": fact.computed,
        "label": fact.label,
        "value": fact.value,
        "earliest": fact.earliest.isoformat() if fact.earliest else None,
        "latest": fact.latest.isoformat() if fact.latest else None,
        "calculation": fact.calculation,
        "assumption": fact.assumption,
        "event": fact.event_id,
        "measure": fact.measure_id,
        "differences": list(fact.difference_ids),
        "inputs": [{
            "label": item.label,
            "value": item.value,
            "note": item.note,
            "citations": [citation_json(c, sources) for c in item.citations],
        } for item in fact.inputs],
    }


def _step(case: Case, seen: StepAt, sources: dict[str, Source], unseen: frozenset[str]) -> dict[str, Any]:
    step = seen.step
    event = step.event
    return {
        "event": event.id,
        "kind": event.kind,
        "summary": event.summary,
        "date": date_json(seen.date),
        "disputed": seen.disputed,
        "dates": _claims(seen, sources),
        "people": list(event.people),
        "acts": step.acts,
        "effects": [{"person": effect.person_id, "text": effect.text} for effect in effects(case, event)],
        "sources": list(step.source_ids),
        "corroboration": step.corroboration,
        "single_source": step.single_source,
        "differences": [d for d in step.difference_ids if d not in unseen],
        "standing": seen.standing.value,
        "reason": seen.reason,
        "citations": [citation_json(c, sources) for c in step.citations],
    }
