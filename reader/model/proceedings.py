"""Proceedings and measures in plain words: one home for how the reader names them.

The status sidebar, the timeline, ``reader status`` and the exports all say
"imprisonment, 7 years" or "Erlan Baltabay: convicted at first instance"
the same way, because they all ask here. Pure functions on the model; the
words for each stage, kind and action come from
:mod:`reader.model.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.model.types import Amount, Case, Change, Event, Measure, Term
from reader.model.vocabulary import CHANGE_ACTIONS, MEASURE_KINDS, PROCEEDINGS_STAGES


def stage_words(stage: str) -> str:
    """A stage of the proceedings in words: "convicted at first instance"."""
    return PROCEEDINGS_STAGES.get(stage, stage)


def measure_label(measure: Measure, term: Term | None = None, amount: Amount | None = None) -> str:
    """The measure in a few words, with its length or amount: "imprisonment, 7 years", "fine, amount not given".

    ``term`` and ``amount`` are the measure's as changed since (default: as imposed).
    """
    kind = MEASURE_KINDS.get(measure.kind, measure.kind)
    if measure.kind == "other" and measure.summary:  # "other" says what it is in its summary
        kind = measure.summary.rstrip(".")
    term = term if term is not None else measure.term
    amount = amount if amount is not None else measure.amount
    if term is not None:
        return f"{kind}, {term.display()}"
    if amount is not None:
        return f"{kind}, {amount.display()}"
    if measure.kind == "fine":
        return f"{kind}, amount not given"
    if measure.kind in {"imprisonment", "restricted-freedom", "ban", "travel-ban", "suspended-sentence",
                        "community-service", "house-arrest", "pre-trial-detention"}:
        return f"{kind}, length not given"
    return kind


def change_words(change: Change, measure: Measure | None, replacement: Measure | None = None) -> str:
    """What a change does, in words: "imprisonment, 7 years: pardoned", "…: reduced to 5 years"."""
    label = measure_label(measure) if measure is not None else f"`{change.measure_id}`"
    words = f"{label}: {CHANGE_ACTIONS.get(change.action, change.action)}"
    if change.term is not None:
        words += f" to {change.term.display()}"
    elif change.amount is not None:
        words += f" to {change.amount.display()}"
    if change.by is not None:
        words += f" by {measure_label(replacement) if replacement is not None else change.by}"
    return words


@dataclass(frozen=True)
class Effect:
    """One thing an event does to one person's proceedings or measures, in words."""

    person_id: str
    text: str


def effects(case: Case, event: Event) -> tuple[Effect, ...]:
    """What ``event`` does, person by person: the stage it moves to, what it imposes and what it changes."""
    measures = case.measures
    found: list[Effect] = [Effect(person, stage_words(stage)) for person, stage in event.proceedings]
    found.extend(Effect(measure.person_id, f"{measure_label(measure)}: imposed") for measure in event.measures)
    for change in event.changes:
        measure = measures.get(change.measure_id)
        replacement = measures.get(change.by) if change.by else None
        found.append(Effect(measure.person_id if measure else "", change_words(change, measure, replacement)))
    return tuple(found)


def publishers(case: Case, source_ids: Iterable[str]) -> str:
    """The publishers of the sources, in order, each once: "OWP, IndustriALL Global Union"."""
    names = (case.sources[sid].publisher if sid in case.sources else sid for sid in source_ids)
    return ", ".join(dict.fromkeys(names))


def person_name(case: Case, person_id: str) -> str:
    """A subject's name, or the id when the case does not define it."""
    entity = case.entities.get(person_id)
    return entity.name if entity is not None else person_id


__all__ = ["Effect", "change_words", "effects", "measure_label", "person_name", "publishers", "stage_words"]
