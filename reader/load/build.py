"""Step 2 of loading a case, build: the records read, turned into the model's typed objects.

:func:`build_case` turns the merged sections (:mod:`reader.load.read`) into
a :class:`~reader.model.Case` *as written*: every source, entity, event,
quote and difference, whose citations have no span yet and which has no
mentions. It notes what the checks across records need (which ids are
defined where, every reference to an id, where each entity's names are
written) and reports only what one record gets wrong by itself as it is
built: an id already taken, a date after its own ``not_after``, a term with
no length, an alias that repeats a name.

:func:`anchored` is the last step of loading: the same objects built again
whole with the spans and mentions :mod:`reader.load.anchoring` found.

Building reads no file (the source texts come from the read step), checks
nothing across records (:mod:`reader.load.check`) and finds nothing in the
texts (:mod:`reader.load.anchoring`). No object is changed once built.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.load.problems import Problems
from reader.load.read import Sections, SourceText
from reader.load.spec import Rec, RList
from reader.model.anchor import fold_normal
from reader.model.types import (
    Amount,
    Caption,
    Case,
    Change,
    Citation,
    DateClaim,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Location,
    Measure,
    Mention,
    Quote,
    Side,
    Source,
    Span,
    Term,
)
from reader.model.vocabulary import HOURS_MEASURES

_T = TypeVar("_T")


@dataclass(frozen=True)
class Built:
    """A case as written, and what the checks across its records need to know about it."""

    case: Case  # not anchored yet: no citation has a span, and there are no mentions
    ids: Mapping[str, tuple[str, Location]]  # every id defined: its kind and where
    references: Sequence[tuple[str, str, Location]]  # every reference to an id: (kind, id, where)
    name_locations: Mapping[str, Mapping[str, Location]]  # entity id -> folded name -> where it is written
    # False when a case file could not be read: the ids it defines are then
    # unknown, and references to them are not reported as errors of their own.
    complete: bool = True
    # True when a source could not be built (its text unreadable, say): what is mentioned
    # where is then unknown, and "never mentioned" would be a warning for each entity it names.
    sources_missing: bool = False
    # Where case.yaml lists each subject: a subject that is no person is reported there.
    subject_locations: Mapping[str, Location] = dataclasses.field(default_factory=dict)


def build_case(folder: Path, sections: Sections, texts: Sequence[SourceText], problems: Problems) -> Built:
    """The case as written in ``sections``; ``texts`` are the source texts read, one per ``sources`` record.

    Problems are reported into ``problems`` in the order of the records.
    """
    return Builder(folder, problems, complete=sections.complete).build(sections, texts)


def fold_name(name: str) -> str:
    """A name as names are compared: folded (:func:`~reader.model.anchor.fold_normal`), its spaces squashed."""
    return " ".join(fold_normal(name).split())


_SHA256 = re.compile(r"[0-9a-f]{64}")


class Builder:
    """Turns checked records into model objects, noting ids, references and names as it goes."""

    def __init__(self, folder: Path, problems: Problems, *, complete: bool = True) -> None:
        self.folder = folder
        self.problems = problems
        self.complete = complete
        self.ids: dict[str, tuple[str, Location]] = {}
        self.references: list[tuple[str, str, Location]] = []  # (kind, id, where)
        self.name_locations: dict[str, dict[str, Location]] = {}  # entity id -> folded name -> where
        self.sources_missing = False

    def build(self, sections: Sections, texts: Sequence[SourceText]) -> Built:
        """The case as written, from its sections and its sources' texts."""
        record = sections.case
        assert record is not None
        lists = sections.lists
        built_sources = (self.source(r, text) for r, text in zip(lists["sources"], texts, strict=True))
        sources = {s.id: s for s in built_sources if s is not None}
        if not lists["sources"] and self.complete:
            # A warning, not an error: a case just made by `reader new` has none yet and still opens.
            self.problems.warning(record.location, "the case has no sources yet",
                                  hint="add a saved page or an address with `reader add CASE PAGE.html`, or "
                                       "write a `sources:` list in case.yaml")
        case = Case(
            id=record.get("id", "case"),
            title=record.get("title", ""),
            folder=self.folder,
            sources=sources,
            entities={e.id: e for e in (self.entity(r) for r in lists["entities"])},
            events=[self.event(r) for r in lists["events"]],
            quotes=[self.quote(r) for r in lists["quotes"]],
            differences=[self.difference(r) for r in lists["differences"]],
            subject_ids=tuple(dict.fromkeys(record.get("subjects", ()))),
            summary=record.get("summary"),
            language=record.get("language"),
        )
        self.refer("entity", record, "subjects")
        subjects = record.get("subjects")
        if isinstance(subjects, RList) and not subjects:
            self.problems.warning(subjects.location, "the case follows no one yet",
                                  hint="add the person to `entities` (`type: person`) and their id to `subjects`, "
                                       "e.g. `subjects: [erlan-baltabay]`")
        located = {subject: subjects.at(i) for i, subject in reversed(list(enumerate(subjects)))} \
            if isinstance(subjects, RList) else {}
        return Built(case, self.ids, self.references, self.name_locations, self.complete, self.sources_missing,
                     located)

    def claim_id(self, kind: str, record: Rec) -> str:
        """Register a record's id, reporting one already taken; return the id."""
        identifier = record.get("id", "")
        if identifier:
            if identifier in self.ids:
                other_kind, where = self.ids[identifier]
                self.problems.error(record.at("id"), f"duplicate id `{identifier}` "
                                                     f"(already used by the {other_kind} at {where})",
                                    hint="ids are unique across the whole case; rename one")
            else:
                self.ids[identifier] = (kind, record.at("id"))
        return identifier

    def refer(self, kind: str, record: Rec, key: str) -> None:
        """Note the references held in ``record[key]`` (one id or a list of ids)."""
        value = record.get(key)
        if isinstance(value, RList):
            self.references.extend((kind, item, value.at(i)) for i, item in enumerate(value))
        elif value:
            self.references.append((kind, value, record.at(key)))

    def citation(self, record: Rec) -> Citation:
        self.refer("source", record, "source")
        return Citation(
            source_id=record.get("source", ""),
            quote=record.get("quote", ""),
            prefix=record.get("prefix"),
            suffix=record.get("suffix"),
            occurrence=record.get("occurrence"),
            note=record.get("note"),
            location=record.at("quote"),
        )

    def citations(self, record: Rec, key: str) -> list[Citation]:
        return [self.citation(item) for item in record.get(key, ())]

    def date(self, record: Rec) -> FuzzyDate:
        date = FuzzyDate(
            text=record.get("date", "unknown"),
            inferred=record.get("date_inferred", False),
            note=record.get("date_note"),
            not_before=_bound(record.get("not_before")),
            not_after=_bound(record.get("not_after")),
        )
        if date.inferred and not date.note:
            self.problems.warning(record.at("date_inferred"), "inferred date without a `date_note`",
                                  hint="say in `date_note` how the date was worked out")
        if date.not_before and date.not_after and FuzzyDate(date.not_before).earliest() > \
                FuzzyDate(date.not_after).latest():
            self.problems.error(record.at("not_after"),
                                f"`not_after` ({date.not_after}) is before `not_before` ({date.not_before})")
        if date.is_known:
            if date.not_before and date.latest() < FuzzyDate(date.not_before).earliest():
                self.problems.error(record.at("not_before"),
                                    f"date {date.text} is before its own `not_before` ({date.not_before})")
            if date.not_after and date.earliest() > FuzzyDate(date.not_after).latest():
                self.problems.error(record.at("not_after"),
                                    f"date {date.text} is after its own `not_after` ({date.not_after})")
        return date

    def source(self, record: Rec, text: SourceText) -> Source | None:
        """The source a record describes, with its text; None (noted) when it has no usable text or id."""
        identifier = self.claim_id("source", record)
        date = self.date(record)  # checked even when the text cannot be read
        digest = record.get("sha256")
        if digest is not None and not _SHA256.fullmatch(digest):
            self.problems.error(record.at("sha256"), f"`{digest}` is not a SHA-256",
                                hint="64 hexadecimal digits, as `sha256sum` prints them; `reader add` writes it")
        self.problems.extend(text.problems)
        if text.text is None or not identifier:
            self.sources_missing = True
            return None
        captions = []
        for caption in record.get("captions", ()):
            before = None
            if "before" in caption:
                before = Citation(identifier, caption["before"], location=caption.at("before"))
            captions.append(Caption(caption.get("text", ""), before))
        return Source(
            id=identifier,
            path=self.folder / record["file"],
            text=text.text,
            title=record.get("title", ""),
            publisher=record.get("publisher", ""),
            date=date,
            kind=record.get("kind", "other"),
            author=record.get("author"),
            language=record.get("language"),
            url=record.get("url"),
            captions=captions,
            note=record.get("note"),
            short=record.get("short"),
        )

    def entity(self, record: Rec) -> Entity:
        identifier = self.claim_id("entity", record)
        self.refer("entity", record, "affiliation")
        if "description" in record and "citations" not in record and "citations" not in record.refused:
            self.problems.error(record.at("description"), "a description needs `citations`: the passages that "
                                                          "support it",
                                hint="quote the passages that say it under `citations:`, or leave the "
                                     "description out until a source says it")
        names = self.name_locations.setdefault(identifier, {})
        if "name" in record:
            names.setdefault(fold_name(record["name"]), record.at("name"))
        aliases = record.get("aliases", RList(record.location))
        for index, alias in enumerate(aliases):
            folded = fold_name(alias)
            if folded in names:
                self.problems.warning(aliases.at(index), f"alias `{alias}` repeats a name of this entity",
                                      hint="remove it")
            names.setdefault(folded, aliases.at(index))
        return Entity(
            id=identifier,
            type=record.get("type", "other"),
            name=record.get("name", ""),
            description=record.get("description", ""),
            citations=self.citations(record, "citations"),
            aliases=tuple(aliases),
            standpoint=record.get("standpoint"),
            affiliation=record.get("affiliation"),
            explicit_mentions=self.citations(record, "mentions"),
            exclude=self.citations(record, "exclude"),
            sensitive=record.get("sensitive", False),
            role=record.get("role"),
            note=record.get("note"),
            location=record.location,
        )

    def event(self, record: Rec) -> Event:
        self.refer("entity", record, "entities")
        self.refer("entity", record, "people")
        identifier = self.claim_id("event", record)
        people = tuple(dict.fromkeys(record.get("people", ())))
        dates = tuple(DateClaim(self.date(claim), self.citations(claim, "citations"))
                      for claim in record.get("dates", ()))
        return Event(
            id=identifier,
            kind=record.get("kind", "other"),
            date=self.event_date(record, dates),
            summary=record.get("summary", ""),
            citations=self.citations(record, "citations"),
            entity_ids=tuple(record.get("entities", ())),
            people=people,
            proceedings=self.proceedings(record, people),
            measures=tuple(self.measure(item, identifier, people) for item in record.get("measures", ())),
            changes=tuple(self.change(item, identifier) for item in record.get("changes", ())),
            dates=dates,
            note=record.get("note"),
            location=record.at("date"),
        )

    def event_date(self, record: Rec, dates: tuple[DateClaim, ...]) -> FuzzyDate:
        """The event's date; for a disputed one, unknown between the earliest and latest date given."""
        if record.get("date") != "disputed":
            if dates:
                self.problems.error(record.at("dates"), "`dates` lists the dates the sources dispute, but the "
                                                       "event's `date` is not `disputed`",
                                    hint="write `date: disputed`, or remove `dates`")
            return self.date(record)
        if "dates" not in record:
            if "dates" not in record.refused:
                self.problems.error(record.at("date"), "a disputed date needs the dates the sources give",
                                    hint="list them in `dates:`, each with its `date` and `citations`")
            return FuzzyDate()
        for key in ("not_before", "not_after"):
            if key in record:
                self.problems.error(record.at(key), f"`{key}` on a disputed date",
                                    hint="give the bounds on each entry of `dates` instead")
        firsts = [claim.date.earliest() for claim in dates]
        lasts = [claim.date.latest() for claim in dates]
        first = min(firsts) if all(firsts) else None  # an unbounded account leaves that end open
        last = max(lasts) if all(lasts) else None
        return FuzzyDate(
            text="unknown",
            inferred=any(claim.date.inferred for claim in dates),
            note=record.get("date_note") or "The sources give different dates: "
                 + "; ".join(claim.date.display() for claim in dates) + ".",
            not_before=first.isoformat() if first else None,
            not_after=last.isoformat() if last else None,
            disputed=tuple(claim.date.text for claim in dates),
        )

    def proceedings(self, record: Rec, people: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """Where the proceedings stand after the event, as (person, stage) pairs."""
        given = record.get("proceedings")
        if not given:
            return ()
        if "*" in given:
            if not people:
                self.problems.error(record.at("proceedings"), "`proceedings` on an event with no `people`",
                                    hint="say whose proceedings these are: add `people: [id]` to the event")
            return tuple((person, given["*"]) for person in people)
        pairs = []
        for person, stage in given.items():
            if person not in people:
                self.problems.error(given.at(person), f"`{person}` in `proceedings` is not one of the "
                                                      "event's `people`",
                                    hint=f"add it to the event's `people`, or use one of: "
                                         f"{', '.join(people) or '(the event has no people)'}")
            pairs.append((person, stage))
        return tuple(pairs)

    def measure(self, record: Rec, event_id: str, people: tuple[str, ...]) -> Measure:
        identifier = self.claim_id("measure", record)
        self.refer("entity", record, "person")
        kind = record.get("kind", "other")
        person = record.get("person")
        if person is None and "person" not in record.refused:
            if len(people) == 1:
                person = people[0]
            elif not people:
                self.problems.error(record.location, f"measure `{identifier}` does not say whose it is, and "
                                                     "its event has no `people`",
                                    hint="give the event `people: [id]`, or the measure `person: id`")
            else:
                self.problems.error(record.location, f"measure `{identifier}` does not say whose it is, and "
                                                     "its event has several `people`",
                                    hint=f"say whose it is with `person:`, one of: {', '.join(people)}")
        elif person is not None and people and person not in people:
            self.problems.error(record.at("person"), f"measure `{identifier}` is on `{person}`, who is not one of "
                                                     "the event's `people`",
                                hint=f"a measure is on one of the event's `people` ({', '.join(people)}): "
                                     f"name one of them, or add `{person}` to them")
        return Measure(
            id=identifier,
            kind=kind,
            person_id=person or "",
            event_id=event_id,
            citations=self.citations(record, "citations"),
            term=self.term(record, kind),
            amount=self.amount(record),
            start=self.date(record["start"]) if "start" in record else None,
            end=self.date(record["end"]) if "end" in record else None,
            summary=record.get("summary"),
            note=record.get("note"),
            location=record.location,
        )

    def change(self, record: Rec, event_id: str) -> Change:
        self.refer("measure", record, "measure")
        self.refer("measure", record, "by")
        action = record.get("action", "")
        where = record.at("action")
        if action in ("reduced", "increased") and "term" not in record and "amount" not in record \
                and not record.refused & {"term", "amount"}:
            self.problems.error(where, f"`{action}` needs the new length or amount",
                                hint="give `term:` (e.g. `term: {years: 5}`) or `amount:` as the source states it")
        elif action not in ("reduced", "increased", "extended", "") and ("term" in record or "amount" in record):
            key = "term" if "term" in record else "amount"
            self.problems.error(record.at(key), f"`{key}` on a change that is `{action}`",
                                hint="only `reduced` and `increased` give a new length or amount; "
                                     "remove it, or change the action")
        if action != "extended" and "end" in record:
            self.problems.error(record.at("end"), f"`end` on a change that is `{action}`",
                                hint="`end` gives the new end of an `extended` measure; to end a measure, use "
                                     "`lifted`, `served`, `pardoned`, `paid` or `quashed`")
        if action == "replaced" and "by" not in record and "by" not in record.refused:
            self.problems.error(where, "`replaced` needs the measure that replaces it",
                                hint="give `by:` the id of a measure this same event imposes in `measures:`")
        elif action != "replaced" and "by" in record:
            self.problems.error(record.at("by"), f"`by` on a change that is `{action}`",
                                hint="`by` names the new measure of a `replaced` change")
        return Change(
            measure_id=record.get("measure", ""),
            action=action,
            event_id=event_id,
            citations=self.citations(record, "citations"),
            term=self.term(record, None),
            amount=self.amount(record),
            by=record.get("by"),
            end=self.date(record["end"]) if "end" in record else None,
            note=record.get("note"),
            location=record.location,
        )

    def term(self, record: Rec, kind: str | None) -> Term | None:
        """The ``term`` of a measure (of ``kind``) or of a change (``kind`` None), checked by itself."""
        term = record.get("term")
        if term is None:
            return None
        lengths = {unit: term.get(unit, 0) for unit in ("years", "months", "weeks", "days", "hours")}
        # A refused length, or a field that is no unit (`length: 7`), is reported already: one error is enough.
        if not any(lengths.values()) and not term.refused:
            self.problems.error(term.location, "a term needs a length",
                                hint="give `years`, `months`, `days` (or `hours`, for community service) as "
                                     "the source states them, e.g. `months: 5` and `days: 8`")
        if kind is not None and lengths["hours"] and kind not in HOURS_MEASURES:
            self.problems.error(term.at("hours"), f"hours on a measure of kind `{kind}`",
                                hint="a term in hours is for community service or forced labour "
                                     "(`kind: community-service`); give this one in years, months or days")
        return Term(**lengths)

    def amount(self, record: Rec) -> Amount | None:
        amount = record.get("amount")
        if amount is None or "value" not in amount:
            return None
        return Amount(amount["value"], amount.get("currency"))

    def quote(self, record: Rec) -> Quote:
        self.refer("entity", record, "speaker")
        self.refer("event", record, "about")
        citation = record.get("citation")
        return Quote(
            id=self.claim_id("quote", record),
            speaker_id=record.get("speaker", ""),
            citation=self.citation(citation) if citation else Citation("", ""),
            mode=record.get("mode", "direct"),
            about=tuple(record.get("about", ())),
            note=record.get("note"),
            location=record.location,
        )

    def difference(self, record: Rec) -> Difference:
        self.refer("entity", record, "entities")
        self.refer("event", record, "events")
        return Difference(
            id=self.claim_id("difference", record),
            topic=record.get("topic", "other"),
            summary=record.get("summary", ""),
            sides=[Side(side.get("says", ""), self.citations(side, "citations"))
                   for side in record.get("sides", ())],
            entity_ids=tuple(record.get("entities", ())),
            event_ids=tuple(record.get("events", ())),
            note=record.get("note"),
            location=record.location,
        )


def _bound(value: str | None) -> str | None:
    return None if value in (None, "unknown") else value


def _with(obj: _T, **changes: object) -> _T:
    """``dataclasses.replace(obj, **changes)``, faster: a big case rebuilds tens of thousands of objects.

    Only for the model's plain dataclasses, whose ``__dict__`` holds their
    fields and nothing else: one that held more (a ``cached_property``) would
    fail here loudly, never lose a field.
    """
    return type(obj)(**{**vars(obj), **changes})


class _Placing:
    """Gives each citation of a case as written its span: the same citation, built again with it."""

    def __init__(self, spans: dict[int, Span]) -> None:
        self.spans = spans  # by id() of the citation as written

    def citation(self, citation: Citation) -> Citation:
        span = self.spans.get(id(citation))
        return citation if span is None else _with(citation, span=span)

    def citations(self, citations: list[Citation]) -> list[Citation]:
        spans = self.spans  # the loop of citation() inlined: a big case places tens of thousands
        return [citation if (span := spans.get(id(citation))) is None else _with(citation, span=span)
                for citation in citations]


def anchored(case: Case, spans: Sequence[Span | None], mentions: Mapping[str, list[Mention]]) -> Case:
    """The case as written, built again whole with its citations' spans and its mentions.

    ``spans`` holds a span (or None: not found) for each citation of
    ``case.all_citations()``, in that order; ``mentions`` the mentions of each
    source, by source id. ``case`` is not changed: its sources without
    captions are shared with the result; every object holding a citation is new.
    """
    placing = _Placing({id(citation): span for citation, span in zip(case.all_citations(), spans, strict=True)
                        if span is not None})
    sources = {}
    for source_id, source in case.sources.items():
        if source.captions:  # dataclasses.replace: a source may hold a cached_property
            source = dataclasses.replace(source, captions=[
                Caption(caption.text, placing.citation(caption.before) if caption.before else None)
                for caption in source.captions])
        sources[source_id] = source
    return dataclasses.replace(
        case,
        sources=sources,
        entities={entity_id: _with(
            entity, citations=placing.citations(entity.citations),
            explicit_mentions=placing.citations(entity.explicit_mentions),
            exclude=placing.citations(entity.exclude)) for entity_id, entity in case.entities.items()},
        events=[_with(
            event, citations=placing.citations(event.citations),
            measures=tuple(_with(measure, citations=placing.citations(measure.citations))
                           for measure in event.measures),
            changes=tuple(_with(change, citations=placing.citations(change.citations)) for change in event.changes),
            dates=tuple(DateClaim(claim.date, placing.citations(claim.citations)) for claim in event.dates))
            for event in case.events],
        quotes=[_with(quote, citation=placing.citation(quote.citation)) for quote in case.quotes],
        differences=[_with(
            difference, sides=[Side(side.says, placing.citations(side.citations)) for side in difference.sides])
            for difference in case.differences],
        mentions=dict(mentions),
    )
