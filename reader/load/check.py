"""Step 3 of loading a case, check: what is wrong across its records.

Each check looks at the case as built (:mod:`reader.load.build`) and
reports into the :class:`~reader.load.problems.Problems` it is given, each
problem where the user wrote the thing to change, with a hint:

- :func:`check_references`: an id referred to that no record defines, or
  one of another kind (an event where an entity is wanted);
- :func:`check_shared_names`: a name (or alias) that belongs to several
  entities, so a mention of it could not be told apart;
- :func:`check_unmentioned`: an entity no source mentions (given the
  mentions anchoring found);
- :func:`check_chronology`: dated events listed out of the order they
  happened in;
- :func:`check_people`: events and measures of people the case does not
  follow, subjects that are not people;
- :func:`check_outcomes`: an acquittal that leaves measures in force, an
  appeal stage with no verdict before it;
- :func:`check_measures`: changes to a measure that is not there yet, or
  dated before it began, ``replaced`` by a measure from elsewhere, two
  changes on one date that disagree, hours where a term runs on the
  calendar.

Checks change nothing and build nothing; they read no file and search no
text. The loader runs them in this order (the unmentioned check once the
mentions are known), which is the order their problems are listed in.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.load.build import Built, fold_name
from reader.load.problems import Problems, did_you_mean, known_list, with_article
from reader.model.types import Change, Event, Location, Measure, Mention, Term
from reader.model.vocabulary import (
    AFTER_VERDICT_STAGES,
    ENDING_ACTIONS,
    ENDING_STAGES,
    HOURS_MEASURES,
    PROCEEDINGS_STAGES,
    RESIZING_ACTIONS,
    VERDICT_STAGES,
)


def check_references(built: Built, problems: Problems) -> None:
    """Report each reference to an id that no record of its kind defines."""
    by_kind: dict[str, list[str]] = {}
    for identifier, (kind, _) in built.ids.items():
        by_kind.setdefault(kind, []).append(identifier)
    for kind, identifier, where in built.references:
        # built.ids answers "is it known?" in one look-up; the list is only for messages.
        if built.ids.get(identifier, ("",))[0] == kind:
            continue
        known = by_kind.get(kind, [])
        if identifier in built.ids:
            actual = built.ids[identifier][0]
            problems.error(where, f"`{identifier}` is {with_article(actual)}, not {with_article(kind)}",
                           hint=f"known {kind} ids: {known_list(known)}")
            continue
        if not built.complete:
            continue  # it may be defined in the file that could not be read
        hint = did_you_mean(identifier, known)
        hint = f"{hint} (known {kind} ids: {known_list(known)})" if hint else \
            f"known {kind} ids: {known_list(known)}"
        if kind == "measure" and not hint.startswith("did you mean"):
            # A change names a measure an earlier decision imposed: say where measures are written.
            hint += "; a change acts on a measure listed in the `measures:` of the decision that imposed it"
        problems.error(where, f"unknown {kind} `{identifier}`", hint=hint)


def check_shared_names(built: Built, owners: Mapping[str, list[str]], problems: Problems) -> None:
    """Report each name that ``owners`` (folded name -> the ids it names) gives to several entities."""
    for name, ids in owners.items():
        for entity_id in ids[1:]:
            where = built.name_locations.get(entity_id, {}).get(name)
            problems.error(where or Location(built.case.folder),
                           f"name `{name}` belongs to several entities: " + ", ".join(f"`{i}`" for i in ids),
                           hint="a name may belong to one entity only; for shared words "
                                "such as “the President” use explicit `mentions`")


def check_unmentioned(built: Built, mentions: Mapping[str, list[Mention]], problems: Problems, *,
                      all_marked: bool = True) -> None:
    """Warn about entities that no source mentions (nor names as author or publisher).

    Nothing is reported when a source could not be built, or (``all_marked``
    False) when some source had too many names for all of them to be marked:
    what it mentions is unknown.
    """
    if built.sources_missing or not all_marked:
        return
    case = built.case
    mentioned = {m.entity_id for found in mentions.values() for m in found}
    # A byline or publisher is named in the metadata the reader shows, not in the text.
    named_in_metadata = {fold_name(name) for source in case.sources.values()
                         for name in (source.author, source.publisher) if name}
    for entity in case.entities.values():
        if entity.id in mentioned or not case.sources or not entity.name:
            continue  # an entity whose name was refused (or left out) is reported already
        if named_in_metadata & {fold_name(name) for name in entity.names}:
            continue
        if entity.id:
            where = built.name_locations.get(entity.id, {}).get(fold_name(entity.name))
            problems.warning(where or Location(case.folder),
                             f"entity `{entity.id}` is never mentioned in any source",
                             hint="add the spelling the sources use to `aliases`, "
                                  "or an explicit `mentions` entry")


def check_chronology(built: Built, problems: Problems) -> None:
    """Warn where dated events are listed out of the order they happened in."""
    previous: Event | None = None
    for event in built.case.events:
        if not event.date.is_known:
            continue
        if previous is not None and event.date.latest() < previous.date.earliest():
            problems.warning(
                event.location or Location(built.case.folder),
                f"event `{event.id}` ({event.date.text}) is listed after `{previous.id}` "
                f"({previous.date.text}) but happened before it",
                hint="list events in the order they happened")
        previous = event


def check_people(built: Built, problems: Problems) -> None:
    """Report subjects that are not people, and events or measures of someone the case does not follow."""
    case = built.case
    subjects = case.subject_ids
    for subject_id in subjects:
        entity = case.entities.get(subject_id)
        if entity is not None and entity.type != "person":
            where = built.subject_locations.get(subject_id) or entity.location or Location(case.folder)
            problems.error(where, f"subject `{subject_id}` is {with_article(entity.type)}, not a person",
                           hint=f"`subjects` lists the people the case follows; {with_article(entity.type)} "
                                "goes in events' `entities`")
    if not subjects or any(subject_id not in case.entities for subject_id in subjects):
        # No `subjects` (or a version 1 `subject`), or one that names nothing, is reported where the case
        # is written; until it is right, every event's people would be reported as well.
        return

    def hint(person: str, where: str) -> str:
        follows = ", ".join(f"`{i}`" for i in subjects)
        return (f"the case follows {follows}; if it follows `{person}` too, add them to `subjects` in "
                f"case.yaml, else {where}")

    for event in case.events:
        where = event.location or Location(case.folder)
        for person in event.people:
            if person in case.entities and person not in subjects:
                problems.error(where, f"event `{event.id}` is about `{person}`, who is not a subject",
                               hint=hint(person, "name them in the event's `entities` instead of `people`"))
        for measure in event.measures:
            if measure.person_id in case.entities and measure.person_id not in subjects \
                    and measure.person_id not in event.people:
                problems.error(measure.location or where,
                               f"measure `{measure.id}` is on `{measure.person_id}`, who is not a subject",
                               hint=hint(measure.person_id, "say what happened to them in the event's "
                                                            "`summary` or `note`"))


def check_measures(built: Built, problems: Problems) -> None:
    """Report changes that cannot apply to their measure, and measures whose length is in the wrong unit."""
    case = built.case
    imposed: dict[str, tuple[Measure, Event]] = {}
    seen_on: dict[tuple[str, str], tuple[Change, Event]] = {}  # (measure, day) -> the first change that day
    ended: dict[str, tuple[Change, Event]] = {}  # measure -> the change that ended it for good
    length: dict[str, Term | None] = {}  # measure -> its term as changed so far
    for event in case.events:
        for change in event.changes:
            found = imposed.get(change.measure_id)
            where = change.location or event.location or Location(case.folder)
            if found is None:
                later = next((e for e in case.events if any(m.id == change.measure_id for m in e.measures)), None)
                if later is not None:
                    problems.error(where, f"`{event.id}` changes measure `{change.measure_id}`, which "
                                          f"`{later.id}` imposes later in the file",
                                   hint="list events in the order they happened: the event that imposes a "
                                        "measure comes before the ones that change it")
                continue  # an unknown id is reported with the references
            measure, imposing = found
            _check_change(measure, imposing, change, event, where, problems)
            if measure.id in ended and (_one_day(event) is None or _one_day(event) != _one_day(ended[measure.id][1])):
                before, ender = ended[measure.id]  # (two changes on one day are reported as a conflict below)
                problems.warning(where, f"`{event.id}` changes measure `{measure.id}` ({change.action}) after "
                                        f"`{ender.id}` ended it ({before.action})",
                                 hint="a measure ended stays ended: check the order of the events, or whether the "
                                      "later change acts on another measure")
            elif change.action in ENDING_ACTIONS and change.action != "suspended":
                ended[measure.id] = (change, event)
            _check_resize(measure, length.get(measure.id, measure.term), change, where, problems)
            if change.action in RESIZING_ACTIONS and change.term is not None:
                length[measure.id] = change.term
            day = _one_day(event)
            if day is not None:
                first = seen_on.setdefault((measure.id, day), (change, event))
                if first[0] is not change and _disagree(first[0], change):
                    problems.error(where, f"two changes to measure `{measure.id}` on {day}: `{first[1].id}` "
                                          f"says {_says(first[0])}, `{event.id}` says {_says(change)}",
                                   hint="if the sources disagree, record a difference and keep the change most "
                                        "sources report; if both happened, date them apart")
        for measure in event.measures:
            imposed[measure.id] = (measure, event)
            _check_measure_dates(measure, event, problems, Location(case.folder))
            if measure.term and measure.term.on_calendar and measure.kind in HOURS_MEASURES \
                    and measure.term.hours:
                problems.error(measure.location or Location(case.folder),
                               f"measure `{measure.id}` has a term both in hours and on the calendar",
                               hint="give the length the way the source counts it: hours, or years, "
                                    "months and days")


def _days(term: Term) -> int:
    """A term's rough length in days, to compare two terms (a year is 365 days, a month 30)."""
    return term.years * 365 + term.months * 30 + term.weeks * 7 + term.days


def _check_resize(measure: Measure, before: Term | None, change: Change, where: Location,
                  problems: Problems) -> None:
    """Warn about a ``reduced`` that lengthens the term, or an ``increased`` that shortens it."""
    after = change.term
    if before is None or after is None or change.action not in RESIZING_ACTIONS:
        return
    longer = (_days(after), after.hours) > (_days(before), before.hours)
    shorter = (_days(after), after.hours) < (_days(before), before.hours)
    if (change.action == "reduced" and not shorter) or (change.action == "increased" and not longer):
        problems.warning(where, f"measure `{measure.id}` {change.action} from {before.display()} to "
                                f"{after.display()}",
                         hint="`term` on a change is the new length in full, as the source gives it; check the "
                              "numbers, or the action")


def _check_measure_dates(measure: Measure, event: Event, problems: Problems, fallback: Location) -> None:
    """Report a measure whose stated end comes before its start, or before the decision that imposed it."""
    if measure.end is None:
        return
    _, end = measure.end.bounds()
    start = measure.start or event.date
    began, _ = start.bounds()
    if end is not None and began is not None and end < began:
        what = "its start" if measure.start else f"`{event.id}`, which imposed it"
        problems.error(measure.location or fallback,
                       f"measure `{measure.id}` ends ({measure.end.display()}) before {what} "
                       f"({start.display()})",
                       hint="check `end` and `start` against the sources: a measure cannot end before it begins")


def _check_change(measure: Measure, imposing: Event, change: Change, event: Event,
                  where: Location, problems: Problems) -> None:
    if change.term is not None and change.term.hours and measure.kind not in HOURS_MEASURES:
        problems.error(where, f"hours on measure `{measure.id}`, of kind `{measure.kind}`",
                       hint="give the new length in years, months or days, as the measure's term is")
    if change.by is not None:
        if change.by == measure.id:
            problems.error(where, f"measure `{measure.id}` is replaced by itself",
                           hint="`by` names the new measure, imposed in this event's `measures`")
        elif all(new.id != change.by for new in event.measures):
            problems.error(where, f"`{change.by}` is not imposed by `{event.id}`",
                           hint=f"`by` names a measure listed in this event's `measures`; add `{change.by}` "
                                "there, or name one that is")
    start = measure.start or imposing.date
    began, _ = start.bounds()
    _, latest = event.date.bounds()
    if began is not None and latest is not None and latest < began and change.action != "began":
        problems.error(where, f"`{event.id}` ({event.date.display()}) changes measure `{measure.id}` before "
                              f"it began ({start.display()})",
                       hint="check both dates against the sources; a change cannot come before its measure")
    if event.people and measure.person_id and measure.person_id not in event.people:
        problems.warning(where, f"`{event.id}` changes measure `{measure.id}` of `{measure.person_id}`, who is "
                                "not among the event's `people`",
                         hint=f"add `{measure.person_id}` to the event's `people`")


def _one_day(event: Event) -> str | None:
    """The event's date when it is known to the day, else None."""
    date = event.date
    return date.text if date.is_known and date.text.count("-") == 2 else None


def _disagree(first: Change, second: Change) -> bool:
    return (first.action, first.term, first.amount, first.by) != (second.action, second.term, second.amount,
                                                                   second.by) \
        and not (first.action in ENDING_ACTIONS and second.action in ENDING_ACTIONS and first.action == second.action)


def _says(change: Change) -> str:
    words = f"`{change.action}`"
    if change.term is not None:
        words += f" to {change.term.display()}"
    if change.amount is not None:
        words += f" to {change.amount.display()}"
    return words


def check_outcomes(built: Built, problems: Problems) -> None:
    """Warn where the stage of the proceedings and the measures cannot both be true as written.

    An acquittal or dropped charges while a measure imposed before is never
    ended by any event; an appeal stage for someone no event gave a verdict.
    """
    case = built.case
    ends = {change.measure_id for event in case.events for change in event.changes
            if change.action in ENDING_ACTIONS}
    imposed: dict[str, list[Measure]] = {}
    had_verdict: set[str] = set()
    for event in case.events:
        for measure in event.measures:
            imposed.setdefault(measure.person_id, []).append(measure)
        where = event.location or Location(case.folder)
        for person, stage in event.proceedings:
            if stage in ENDING_STAGES:
                open_ones = [m.id for m in imposed.get(person, []) if m.id not in ends]
                if open_ones:
                    problems.warning(where, f"`{event.id}`: {PROCEEDINGS_STAGES[stage]} for `{person}`, but no "
                                            "event ends " + ", ".join(f"`{m}`" for m in open_ones),
                                     hint="if the sources say the measures were lifted or quashed, add those "
                                          "`changes` to this event; if they do not, the reader will say so")
            if stage in AFTER_VERDICT_STAGES and person not in had_verdict:
                problems.warning(where, f"`{event.id}`: {PROCEEDINGS_STAGES[stage]} for `{person}`, but no "
                                        "event before it gives them a verdict",
                                 hint="add the verdict (`proceedings: convicted`) if the sources report it, or "
                                      "choose the stage the proceedings had reached")
            if stage in VERDICT_STAGES:
                had_verdict.add(person)
