"""The case format itself: every section and field of a case's YAML files.

``docs/format.md`` explains these fields to people; this module is what the
checker and the JSON Schema follow. Keep the two in step (a test does).
The lists of words a field may choose from (entity types, event kinds,
states, ...) live in :mod:`reader.model.vocabulary`, shared with the screens
and the exporters.
"""

from __future__ import annotations

from typing import Any

from reader.load.spec import Choice, Count, Date, Field, Flag, Id, ListOf, Number, PerPerson, Record, Retired, Text
from reader.load.yamlnodes import YMap, YNode, YScalar
from reader.model.anchor import MAX_NAME_CHARS
from reader.model.types import MAX_SHORT_CHARS, MAX_TERM
from reader.model.vocabulary import (
    CHANGE_ACTIONS,
    DIFFERENCE_TOPICS,
    ENTITY_TYPES,
    EVENT_KINDS,
    MEASURE_KINDS,
    PROCEEDINGS_STAGES,
    QUOTE_MODES,
    SOURCE_KINDS,
    STANDPOINTS,
)

#: The version of the format this reader reads. Version 1 had one subject and a status word
#: per event; version 2 has people, proceedings and measures (docs/format.md, "Version 1").
FORMAT_VERSION = 2

CITATION = Record(
    name="citation",
    doc="A passage of a source, found by its exact text (W3C TextQuoteSelector).",
    fields={
        "source": Field(Id(refers_to="a source"), required=True, doc="id of the source quoted"),
        "quote": Field(Text(), required=True, doc="the exact text, as it is in the source"),
        "prefix": Field(Text(), doc="text that comes right before the quote"),
        "suffix": Field(Text(), doc="text that comes right after the quote"),
        "occurrence": Field(Count(minimum=1), doc="which match to take, counting from 1"),
        "note": Field(Text(), doc="why this passage supports the claim"),
    },
)
CITATIONS = ListOf(item=CITATION, min_items=1)

DATE_FIELDS = {
    "date_inferred": Field(Flag(), doc="true when any part of the date is worked out, not stated"),
    "date_note": Field(Text(), doc="how the date was read or inferred"),
    "not_before": Field(Date(), doc="earliest possible date"),
    "not_after": Field(Date(), doc="latest possible date"),
}

_SEE_V1 = ' (docs/format.md, "Version 1")'

#: What a version 1 ``status: {state: …}`` becomes in version 2, state by state.
_STATUS_INSTEAD = {
    "accused": "write `proceedings: accused` and give the event `people: [id]`",
    "on-trial": "write `proceedings: on-trial` and give the event `people: [id]`",
    "convicted": "write `proceedings: convicted`, give the event `people: [id]`, and list what the sentence "
                 "imposes in `measures:` (`{id: …, kind: imprisonment, term: {years: 7}, citations: […]}`)",
    "imprisoned": "a prison term is a measure of the decision that imposed it (`measures: [{id: …, kind: "
                  "imprisonment, term: {years: 7}, citations: […]}]`); on the event that put the person in "
                  "prison, write `changes: [{measure: …, action: began, citations: […]}]`",
    "released": "say what ended the prison term, on this event: `changes: [{measure: …, action: pardoned, "
                "citations: […]}]` (or served, lifted, suspended, replaced, quashed)",
    "at-liberty": "leave it out: a person is free when no custodial measure is in force; where the "
                  "proceedings stand goes in `proceedings:`",
    "unknown": "leave it out: when nothing sets a stage or imposes a measure, the reader says none is recorded",
}


def _scalar(node: YNode, key: str) -> str | None:
    """The text of ``node``'s field ``key`` when it is a plain value, else None."""
    if isinstance(node, YMap) and key in node.items:
        value = node.items[key][1]
        if isinstance(value, YScalar) and not value.is_null:
            return value.value.strip()
    return None


def _subject_hint(node: YNode) -> str | None:
    if isinstance(node, YScalar) and not node.is_null and node.value.strip():
        return f"write `subjects: [{node.value.strip()}]`: a case may follow several people" + _SEE_V1
    return None


def _status_hint(node: YNode) -> str | None:
    state = _scalar(node, "state")
    return _STATUS_INSTEAD[state] + _SEE_V1 if state in _STATUS_INSTEAD else None


def _term_hint(node: YNode) -> str | None:
    lengths = [f"{unit}: {_scalar(node, unit)}" for unit in ("years", "months", "weeks", "days")
               if _scalar(node, unit) is not None]
    if not lengths:
        return None
    term = "{" + ", ".join(lengths) + "}"
    return (f"the length is now a measure's: on the decision that imposed it, `measures: [{{id: …, kind: "
            f"imprisonment, term: {term}, citations: […]}}]` (the term's citations become the measure's); "
            f"on the event it began, `changes: [{{measure: …, action: began, citations: […]}}]`" + _SEE_V1)


CASE = Record(
    name="case",
    doc="The case itself.",
    fields={
        "id": Field(Id(), required=True, doc="the case id"),
        "title": Field(Text(), required=True, doc="shown in the header"),
        # An empty list is a warning, not an error (the builder says so): a case just begun with
        # `reader new` and no --subject follows no one yet, and still checks and opens.
        "subjects": Field(ListOf(item=Id(refers_to="an entity")),
                          required=True,
                          doc="ids of the people the case follows, in the order the reader lists them"),
        "subject": Field(Retired(instead="write `subjects:` with a list of the people the case follows, "
                                         "e.g. `subjects: [erlan-baltabay]`" + _SEE_V1,
                                 successor="subjects", hint_for=lambda node: _subject_hint(node))),
        "summary": Field(Text(), doc="a few sentences for the case list"),
        "language": Field(Text(), doc="default language of the sources (BCP 47)"),
    },
)

CAPTION = Record(
    name="caption",
    doc="An image caption, kept apart from the body text.",
    fields={
        "text": Field(Text(), required=True, doc="the caption, word for word"),
        "before": Field(Text(), doc="a passage of the body that the image stood just before"),
    },
)

SOURCE = Record(
    name="source",
    doc="One source article.",
    fields={
        "id": Field(Id(), required=True, doc="source id, used by citations"),
        "file": Field(Text(), required=True, doc="path of the text, relative to the case folder"),
        "title": Field(Text(), required=True, doc="the headline as published"),
        "publisher": Field(Text(), required=True, doc="who published it"),
        "short": Field(Text(max_length=MAX_SHORT_CHARS, what="a short name",
                            over_hint="a short name is a few letters for tabs and narrow columns, e.g. `HKFP`"),
                       doc="the publisher's short name for tabs and narrow columns, e.g. HKFP; "
                           "without it, one is made from the publisher's name"),
        "author": Field(Text(), nullable=True, doc="the byline; null when none is given"),
        "date": Field(Date(), required=True, doc="publication date, or unknown"),
        **DATE_FIELDS,
        "kind": Field(Choice(values=SOURCE_KINDS), required=True, doc="what sort of source it is"),
        "language": Field(Text(), doc="BCP 47 language tag, e.g. en"),
        "url": Field(Text(), nullable=True, doc="where it was published, when known"),
        "retrieved": Field(Date(), doc="when the page was saved or downloaded (reader add)"),
        "original": Field(Text(), doc="the page as retrieved, kept in the case (originals/ID.html)"),
        "sha256": Field(Text(), doc="the SHA-256 of the original page, to trace the text back to it"),
        "captions": Field(ListOf(item=CAPTION), doc="image captions"),
        "note": Field(Text(), doc="anything a reader should know about this source"),
    },
)

#: A name or an alias: what the name matcher looks for in every source, so a few words, bounded.
NAME = Text(max_length=MAX_NAME_CHARS, what="a name",
            over_hint="a name or alias is a few words, as the sources write them; put longer text in "
                      "`description`, and mark a long passage with an explicit `mentions` entry")

ENTITY = Record(
    name="entity",
    doc="A person, organisation, place, law, charge, amount or date the sources mention.",
    fields={
        "id": Field(Id(), required=True, doc="entity id"),
        "type": Field(Choice(values=ENTITY_TYPES), required=True, doc="what kind of entity"),
        "name": Field(NAME, required=True, doc="canonical name"),
        "aliases": Field(ListOf(item=NAME), doc="other names and spellings that count as mentions"),
        # Optional, so that a case just begun (``reader new``) can name the person it follows before any
        # source says who they are; a description given is a fact, and the builder asks for its citations.
        "description": Field(Text(), doc="one line, backed by the citations"),
        "citations": Field(CITATIONS, doc="passages that support the description (required with it)"),
        "standpoint": Field(Choice(values=STANDPOINTS), doc="where a speaker stands"),
        "affiliation": Field(Id(refers_to="an entity"), doc="id of the organisation a person speaks for"),
        "mentions": Field(ListOf(item=CITATION), doc="explicit mentions no name or alias covers"),
        "exclude": Field(ListOf(item=CITATION), doc="places where a name matches but means something else"),
        "sensitive": Field(Flag(), doc="true for people who must not be named when sharing"),
        "role": Field(Text(), doc="what a sensitive entity is called when sharing: witness gives [witness 1]"),
        "note": Field(Text(), doc="a remark for annotators"),
    },
)

_LONG_TERM = (f"the reader counts a term up to {MAX_TERM['years']:,} years ({MAX_TERM['months']:,} months, "
              f"{MAX_TERM['weeks']:,} weeks, {MAX_TERM['days']:,} days, {MAX_TERM['hours']:,} hours); for a longer "
              "one, leave `term` out and "
              "give the length in the measure's `summary`")


def _length(unit: str, doc: str) -> Field:
    return Field(Count(minimum=0, maximum=MAX_TERM[unit], unit=unit, over_hint=_LONG_TERM), doc=doc)


TERM = Record(
    name="term",
    doc="The length of a measure, as a source states it (at least one unit).",
    scalar_hint="say what it counts: `term: {years: {value}}`, `{months: {value}}` or `{days: {value}}`; "
                "for community service, `{hours: {value}}`",
    fields={
        "years": _length("years", "whole years"),
        "months": _length("months", "whole months"),
        "weeks": _length("weeks", "whole weeks"),
        "days": _length("days", "whole days"),
        "hours": _length("hours", "hours of community service or forced labour"),
    },
)

AMOUNT = Record(
    name="amount",
    doc="A sum of money, as a source gives it.",
    fields={
        "value": Field(Number(), required=True, doc="the number, without currency or separators"),
        "currency": Field(Text(), doc="the currency or unit as the source gives it: KZT, USD, "
                                      "monthly calculation indices"),
    },
)

MOMENT = Record(
    name="date",
    doc="When a measure began or ends, when it is not the date of the event that imposed it.",
    fields={
        "date": Field(Date(), required=True, doc="the date, or unknown"),
        **DATE_FIELDS,
    },
)

MEASURE = Record(
    name="measure",
    doc="A measure a decision imposes on one person.",
    fields={
        "id": Field(Id(), required=True, doc="measure id"),
        "kind": Field(Choice(values=tuple(MEASURE_KINDS)), required=True, doc="what sort of measure"),
        "person": Field(Id(refers_to="an entity"),
                        doc="whose measure it is: one of the event's people (needed when it has several)"),
        "term": Field(TERM, doc="its length as the source states it"),
        "amount": Field(AMOUNT, doc="for a fine: the amount"),
        "start": Field(MOMENT, doc="when it began, if not on the event's date"),
        "end": Field(MOMENT, doc="when it ends, if a source says"),
        "summary": Field(Text(), doc="one line, when the kind and term do not say it all"),
        "citations": Field(CITATIONS, required=True, doc="passages that state it"),
        "note": Field(Text(), doc="a remark for readers"),
    },
)

CHANGE = Record(
    name="change",
    doc="What an event does to a measure imposed earlier.",
    fields={
        "measure": Field(Id(refers_to="a measure"), required=True, doc="id of the measure it acts on"),
        "action": Field(Choice(values=tuple(CHANGE_ACTIONS)), required=True, doc="what it does"),
        "term": Field(TERM, doc="the new length, for reduced or increased"),
        "amount": Field(AMOUNT, doc="the new amount, for reduced or increased"),
        "by": Field(Id(refers_to="a measure"), doc="for replaced: the measure, imposed by this event, that "
                                                   "replaces it"),
        "end": Field(MOMENT, doc="for extended: the new end, when the source gives it"),
        "citations": Field(CITATIONS, required=True, doc="passages that say so"),
        "note": Field(Text(), doc="a remark for readers"),
    },
)

DATE_CLAIM = Record(
    name="dated account",
    doc="One source's date for an event whose date the sources dispute.",
    fields={
        "date": Field(Date(), required=True, doc="the date this account gives"),
        **DATE_FIELDS,
        "citations": Field(CITATIONS, required=True, doc="passages that give this date"),
    },
)

EVENT = Record(
    name="event",
    doc="Something that happened in the case.",
    fields={
        "id": Field(Id(), required=True, doc="event id"),
        "kind": Field(Choice(values=EVENT_KINDS), required=True, doc="what sort of event"),
        "date": Field(Date(disputed=True), required=True, doc="when it happened, unknown, or disputed"),
        **DATE_FIELDS,
        "dates": Field(ListOf(item=DATE_CLAIM, min_items=2,
                              few_hint="list each date the sources give, with who gives it; when they all give "
                                       "one date, write it in `date` instead of `disputed`"),
                       doc="with date: disputed, each source's date and its citations"),
        "summary": Field(Text(), required=True, doc="one line"),
        "people": Field(ListOf(item=Id(refers_to="an entity")),
                        doc="whose event it is (subjects); leave out for the case as a whole"),
        "entities": Field(ListOf(item=Id(refers_to="an entity")), doc="ids of the entities involved"),
        "proceedings": Field(PerPerson(item=Choice(values=tuple(PROCEEDINGS_STAGES))),
                             doc="where the proceedings stand after it: one word, or one per person"),
        "measures": Field(ListOf(item=MEASURE), doc="measures this event imposes"),
        "changes": Field(ListOf(item=CHANGE), doc="what it does to measures imposed earlier"),
        "citations": Field(CITATIONS, required=True, doc="passages that report the event"),
        "note": Field(Text(), doc="a remark for readers"),
        "status": Field(Retired(instead="write where the proceedings stand as `proceedings:` (accused, "
                                        "on-trial, convicted...) and what was imposed as `measures:`" + _SEE_V1,
                                hint_for=lambda node: _status_hint(node))),
        "term": Field(Retired(instead="give the length to the measure it is the length of: `measures: [{id: …, "
                                      "kind: imprisonment, term: {months: 5, days: 8}, citations: […]}]`" + _SEE_V1,
                              hint_for=lambda node: _term_hint(node))),
    },
)

QUOTE = Record(
    name="quote",
    doc="Words a speaker said, as a source reports them.",
    fields={
        "id": Field(Id(), required=True, doc="quote id"),
        "speaker": Field(Id(refers_to="an entity"), required=True, doc="id of the person or organisation"),
        "citation": Field(CITATION, required=True, doc="the words, as one citation"),
        "mode": Field(Choice(values=QUOTE_MODES), doc="direct (default) or reported speech"),
        "about": Field(ListOf(item=Id(refers_to="an event")), doc="ids of the events it is about"),
        "note": Field(Text(), doc="a remark for readers"),
    },
)

SIDE = Record(
    name="side",
    doc="What one account holds.",
    fields={
        "says": Field(Text(), required=True, doc="one line"),
        "citations": Field(CITATIONS, required=True, doc="the passages saying it"),
    },
)

DIFFERENCE = Record(
    name="difference",
    doc="A place where the sources disagree or differ.",
    fields={
        "id": Field(Id(), required=True, doc="difference id"),
        "topic": Field(Choice(values=DIFFERENCE_TOPICS), required=True, doc="what differs"),
        "summary": Field(Text(), required=True, doc="one line: what differs"),
        "sides": Field(ListOf(item=SIDE, min_items=2), required=True, doc="two or more sides"),
        "entities": Field(ListOf(item=Id(refers_to="an entity")), doc="ids of the entities concerned"),
        "events": Field(ListOf(item=Id(refers_to="an event")), doc="ids of the events concerned"),
        "note": Field(Text(), doc="a remark for readers"),
    },
)

CASE_FILE = Record(
    name="case file",
    doc="One YAML file of a reader case; sections may be spread over several files.",
    fields={
        "version": Field(Count(minimum=1), doc=f"format version, {FORMAT_VERSION}"),
        "case": Field(CASE, doc="the case itself (exactly once per case)"),
        "sources": Field(ListOf(item=SOURCE), doc="the source articles"),
        "entities": Field(ListOf(item=ENTITY), doc="people, organisations, places, laws, charges, amounts, dates"),
        "events": Field(ListOf(item=EVENT), doc="what happened, in order"),
        "quotes": Field(ListOf(item=QUOTE), doc="who said what"),
        "differences": Field(ListOf(item=DIFFERENCE), doc="where the sources differ"),
    },
)

LIST_SECTIONS = ("sources", "entities", "events", "quotes", "differences")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one case file, for editors with YAML language support."""
    schema = CASE_FILE.json_schema()
    # The checker reads any number and says what is wrong with another version (read.py); an editor
    # flags every version but this one.
    schema["properties"]["version"]["const"] = FORMAT_VERSION
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
