"""The case format itself: every section and field of a case's YAML files.

``docs/format.md`` explains these fields to people; this module is what the
checker and the JSON Schema follow. Keep the two in step (a test does).
The lists of words a field may choose from (entity types, event kinds,
states, ...) live in :mod:`reader.model.vocabulary`, shared with the screens
and the exporters.
"""

from __future__ import annotations

from typing import Any

from reader.load.spec import Choice, Count, Date, Field, Flag, Id, ListOf, Record, Text
from reader.model.anchor import MAX_NAME_CHARS
from reader.model.types import MAX_TERM
from reader.model.vocabulary import (
    DIFFERENCE_TOPICS,
    ENTITY_TYPES,
    EVENT_KINDS,
    QUOTE_MODES,
    SOURCE_KINDS,
    STANDPOINTS,
    STATUS_STATES,
)

FORMAT_VERSION = 1

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

CASE = Record(
    name="case",
    doc="The case itself.",
    fields={
        "id": Field(Id(), required=True, doc="the case id"),
        "title": Field(Text(), required=True, doc="shown in the header"),
        "subject": Field(Id(refers_to="an entity"), doc="id of the entity the case is about"),
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
        "author": Field(Text(), nullable=True, doc="the byline; null when none is given"),
        "date": Field(Date(), required=True, doc="publication date, or unknown"),
        **DATE_FIELDS,
        "kind": Field(Choice(values=SOURCE_KINDS), required=True, doc="what sort of source it is"),
        "language": Field(Text(), doc="BCP 47 language tag, e.g. en"),
        "url": Field(Text(), nullable=True, doc="where it was published, when known"),
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
        "description": Field(Text(), required=True, doc="one line, backed by the citations"),
        "citations": Field(CITATIONS, required=True, doc="passages that support the description"),
        "standpoint": Field(Choice(values=STANDPOINTS), doc="where a speaker stands"),
        "affiliation": Field(Id(refers_to="an entity"), doc="id of the organisation a person speaks for"),
        "mentions": Field(ListOf(item=CITATION), doc="explicit mentions no name or alias covers"),
        "exclude": Field(ListOf(item=CITATION), doc="places where a name matches but means something else"),
        "sensitive": Field(Flag(), doc="true for people who must not be named when sharing"),
        "role": Field(Text(), doc="what a sensitive entity is called when sharing: witness gives [witness 1]"),
        "note": Field(Text(), doc="a remark for annotators"),
    },
)

STATUS = Record(
    name="status",
    doc="The subject's legal status after an event.",
    fields={
        "state": Field(Choice(values=STATUS_STATES), required=True, doc="the status in one word"),
        "summary": Field(Text(), required=True, doc="one line in plain words"),
    },
)

_LONG_TERM = (f"the reader counts a term up to {MAX_TERM['years']:,} years ({MAX_TERM['months']:,} months, "
              f"{MAX_TERM['days']:,} days); for a longer one, leave `term` out and give the length in the "
              "event's `summary`")

TERM = Record(
    name="term",
    doc="The length of a prison term served from the event's date, as a source states it.",
    fields={
        "years": Field(Count(minimum=0, maximum=MAX_TERM["years"], unit="years", over_hint=_LONG_TERM),
                       doc="whole years of the term"),
        "months": Field(Count(minimum=0, maximum=MAX_TERM["months"], unit="months", over_hint=_LONG_TERM),
                        doc="whole months of the term"),
        "days": Field(Count(minimum=0, maximum=MAX_TERM["days"], unit="days", over_hint=_LONG_TERM),
                      doc="whole days of the term"),
        "citations": Field(CITATIONS, required=True, doc="passages that state the length"),
    },
)

EVENT = Record(
    name="event",
    doc="Something that happened in the case.",
    fields={
        "id": Field(Id(), required=True, doc="event id"),
        "kind": Field(Choice(values=EVENT_KINDS), required=True, doc="what sort of event"),
        "date": Field(Date(), required=True, doc="when it happened, or unknown"),
        **DATE_FIELDS,
        "summary": Field(Text(), required=True, doc="one line"),
        "entities": Field(ListOf(item=Id(refers_to="an entity")), doc="ids of the entities involved"),
        "status": Field(STATUS, doc="the legal status after this event, when it changes"),
        "term": Field(TERM, doc="the length of the prison term served from this event's date"),
        "citations": Field(CITATIONS, required=True, doc="passages that report the event"),
        "note": Field(Text(), doc="a remark for readers"),
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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
