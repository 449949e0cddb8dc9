"""The case's people in the reader: narrowing to one of them, and what an event does to each, in words.

A case follows one or more people (its subjects). With several, the reader
can be narrowed to one (``p``, or the palette): the timelines, the coverage
table, the entity panel and the palette then show only that person's part
of the case. Narrowing only hides; it never decides what is true about a
case, so the rules are the model's (:meth:`reader.model.types.Event.concerns`)
and a few set operations on them:

- an event is shown when it is the person's or the case's as a whole
  (context, reactions: they belong to everyone's story);
- an entity is shown when it is the person, or is named by an event that
  names the person among its ``people`` (a case-wide event would bring in
  every co-defendant it names).

A case that follows one person cannot be narrowed: it behaves as if
nothing were.
"""

from __future__ import annotations

from reader.model import Case, Event
from reader.model.proceedings import effects, person_name


def can_narrow(case: Case) -> bool:
    """Whether the case follows more than one person, so that narrowing to one of them hides something."""
    return len(case.subject_ids) > 1


def next_person(case: Case, person_id: str | None) -> str | None:
    """The person after ``person_id`` in the case's order, then everyone (None), then the first again."""
    if not can_narrow(case):
        return None
    cycle: list[str | None] = [*case.subject_ids, None]
    index = cycle.index(person_id) if person_id in cycle else len(cycle) - 1
    return cycle[(index + 1) % len(cycle)]


def narrowed_to(case: Case, person_id: str | None) -> str | None:
    """``person_id`` if the case can be narrowed to them (a subject of a case of several), else None."""
    return person_id if can_narrow(case) and person_id in case.subject_ids else None


def who(case: Case, person_id: str | None) -> str:
    """Whom the reader is narrowed to, in words: the person's name, or "everyone"."""
    return person_name(case, person_id) if person_id is not None else "everyone"


def keeps_event(event: Event, person_id: str | None) -> bool:
    """Whether an event shows when narrowed to ``person_id`` (None: everyone): theirs or the whole case's."""
    return person_id is None or event.concerns(person_id)


def person_entities(case: Case, person_id: str | None) -> frozenset[str] | None:
    """The entities shown when narrowed to ``person_id``: the person and those their events name; None: all."""
    if person_id is None:
        return None
    ids = {person_id}
    for event in case.events:
        if person_id in event.people:
            ids.update(event.entity_ids)
    return frozenset(ids & case.entities.keys())


def effect_lines(case: Case, event: Event, *, person_id: str | None = None, together: bool = False) -> list[str]:
    """What ``event`` does, one line per effect: "→ convicted at first instance", "→ fine, 500 KZT: imposed".

    In a case of several people each line starts with the person's name,
    unless the reader is narrowed to that person (``person_id``), when only
    their effects are listed. With ``together``, the people an effect is
    the same for share its line: "Joshua Wong, Nathan Law → accused".
    """
    if not event.acts:  # most events: and effects() looks through every event for the measures changed
        return []
    named = len(case.subject_ids) > 1 and person_id is None
    names_by_text: dict[str, list[str]] = {}
    lines = []
    for effect in effects(case, event):
        if person_id is not None and effect.person_id and effect.person_id != person_id:
            continue
        name = person_name(case, effect.person_id) if named and effect.person_id else ""
        if together:
            names_by_text.setdefault(effect.text, []).append(name)
        else:
            lines.append(f"{name + ' ' if name else ''}→ {effect.text}")
    for text, names in names_by_text.items():
        who = ", ".join(dict.fromkeys(name for name in names if name))
        lines.append(f"{who + ' ' if who else ''}→ {text}")
    return lines


__all__ = ["can_narrow", "effect_lines", "keeps_event", "narrowed_to", "next_person", "person_entities", "who"]
