"""The case's mentions and citations as W3C Web Annotations (JSON-LD), for annotation tools.

One ``AnnotationCollection`` holds one embedded ``AnnotationPage`` with one
``Annotation`` per mention and one per citation of a claim (an entity's
description, an event, a measure a decision imposes, a change a later event
makes to one, one source's date of an event whose date the sources
dispute, a quote, a side of a difference, a caption's place). A claim about
people (an event of theirs, a measure, a change, a disputed date) carries
a ``linking`` body per person: their name, with the id of their entity. Each targets its passage with both a
``TextQuoteSelector`` (the exact text as the source holds it, with up to
32 characters before and after) and a ``TextPositionSelector`` (offsets, in
Unicode code points, into the source text as the reader stores it: UTF-8
decoded, byte-order mark dropped, line ends made ``\\n``).

A source's exact words are only ever in a target's ``TextQuoteSelector``;
every body (what a claim says, a difference's side, a note) is the
annotator's words, never put in quotation marks. A quote in reported
speech is tagged ``quote/reported`` and its body says the passage is the
source's words for what was said, not the speaker's own.

A source is identified by its ``url`` when the case gives one, else by a
stable ``urn:uuid:`` made from the case and source ids (UUID version 5),
so re-exporting gives the same identifiers. Annotation, entity and page
ids are made the same way. docs/export.md shows an example.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, NamedTuple

from reader import __version__
from reader.export.inlines import claim_words, when, whose
from reader.model.proceedings import change_words, effects, measure_label, person_name, publishers
from reader.model.types import Case, Citation, Event, Measure, Source

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # how much text before and after a passage its TextQuoteSelector carries

# A fixed namespace for this program's name-based UUIDs; changing it would change every exported id.
_NAMESPACE = uuid.UUID("d5ab3cab-407a-4d82-a89f-845e5b4fac9f")


def urn(*parts: str) -> str:
    """A stable ``urn:uuid:`` for the named thing (the same parts always give the same URN)."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, chr(31).join(parts))}"


def source_iri(case: Case, source: Source) -> str:
    """The IRI an annotation's target names its source by: its address, or a stable URN."""
    return source.url or urn(case.id, "source", source.id)


def _target(case: Case, source: Source, start: int, end: int) -> dict[str, Any]:
    text = source.text
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": text[start:end]}
    if start > 0:
        quote["prefix"] = text[max(0, start - CONTEXT_CHARS):start]
    if end < len(text):
        quote["suffix"] = text[end:end + CONTEXT_CHARS]
    return {
        "source": source_iri(case, source),
        "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
    }


def _body(value: str, purpose: str, **extra: str) -> dict[str, Any]:
    return {**extra, "type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _mentions(case: Case) -> Iterator[dict[str, Any]]:
    for source_id, mentions in case.mentions.items():
        source = case.sources[source_id]
        for mention in mentions:
            entity = case.entities.get(mention.entity_id)
            if entity is None:
                continue
            yield {
                "id": urn(case.id, "mention", source_id, str(mention.span.start), str(mention.span.end)),
                "type": "Annotation",
                "motivation": "identifying",
                "body": [
                    _body(entity.name, "identifying", id=urn(case.id, "entity", entity.id)),
                    _body(entity.type, "tagging"),
                    _body(entity.description, "describing"),
                ],
                "target": _target(case, source, mention.span.start, mention.span.end),
            }


class Claim(NamedTuple):
    """What a set of passages supports: its kind (the ``tagging`` body), its words and whose it is."""

    kind: str  # "entity", "event/<kind>", "measure/<kind>", "change/<action>", "date", "quote", ...
    id: str
    words: str  # the annotator's words, or the reader's: never a quotation
    citations: list[Citation]
    people: tuple[str, ...] = ()  # the subjects it concerns


def _claims(case: Case) -> Iterator[Claim]:
    """Every claim of the case, with the passages that support it."""
    for source in case.sources.values():
        for index, caption in enumerate(source.captions, 1):
            if caption.before:
                yield Claim("caption", f"{source.id}/{index}", f"An image stood here, captioned: {caption.text}",
                            [caption.before])
    for entity in case.entities.values():
        yield Claim("entity", entity.id, f"{entity.name}: {entity.description}", entity.citations)
    measures = case.measures
    for event in case.events:
        yield from _event_claims(case, event, measures)
    for quote in case.quotes:
        speaker = case.entities.get(quote.speaker_id)
        name = speaker.name if speaker else quote.speaker_id
        if quote.mode == "direct":
            yield Claim("quote", quote.id, f"{name} said this", [quote.citation])
        else:  # the passage is the source's words about what was said, not the speaker's own
            yield Claim("quote/reported", quote.id,
                        f"Reported speech: {publishers(case, [quote.citation.source_id])}'s own words for what "
                        f"{name} said, not a quotation of them", [quote.citation])
    for difference in case.differences:
        for index, side in enumerate(difference.sides, 1):
            yield Claim("difference", f"{difference.id}/{index}", f"{difference.summary} This account: {side.says}",
                        side.citations)


def _event_claims(case: Case, event: Event, measures: dict[str, Measure]) -> Iterator[Claim]:
    """An event, each measure it imposes, each change it makes and, when disputed, each source's date."""
    words = f"{when(case, event)}: {event.summary} Whose: {whose(case, event)}."
    done = [f"{person_name(case, e.person_id)}: {e.text}" for e in effects(case, event)]
    if done:
        words += " What it does: " + "; ".join(done) + "."
    yield Claim(f"event/{event.kind}", event.id, words, event.citations, event.people)
    for measure in event.measures:
        text = (f"{person_name(case, measure.person_id)}: {measure_label(measure)}, imposed by {event.id} "
                f"({when(case, event)}).")
        if measure.summary:
            text += f" {measure.summary}"
        yield Claim(f"measure/{measure.kind}", measure.id, text, measure.citations, (measure.person_id,))
    for change in event.changes:
        measure = measures.get(change.measure_id)
        person = measure.person_id if measure else ""
        replacement = measures.get(change.by) if change.by else None
        yield Claim(f"change/{change.action}", f"{event.id}/{change.measure_id}",
                    f"{person_name(case, person)}: {change_words(change, measure, replacement)}, by {event.id} "
                    f"({when(case, event)}).", change.citations, (person,) if person else ())
    for index, claim in enumerate(event.dates, 1):
        others = "; ".join(claim_words(case, other) for other in event.dates if other is not claim)
        yield Claim("date", f"{event.id}/{index}",
                    f"{publishers(case, claim.source_ids)} gives {claim.date.display()} as the date of this event "
                    f"({event.id}: {event.summary}) The sources dispute its date; the others: {others}.",
                    claim.citations, event.people)


def _citations(case: Case) -> Iterator[dict[str, Any]]:
    for claim in _claims(case):
        for index, citation in enumerate(claim.citations, 1):
            source = case.sources.get(citation.source_id)
            if source is None or citation.span is None:
                continue
            body = [_body(claim.words, "describing"), _body(claim.kind, "tagging")]
            # Whose it is, as a link to the person: the same id the mentions of that person identify.
            body += [_body(person_name(case, person), "linking", id=urn(case.id, "entity", person))
                     for person in claim.people]
            if citation.note:
                body.append(_body(citation.note, "commenting"))
            yield {
                "id": urn(case.id, "citation", claim.kind, claim.id, str(index)),
                "type": "Annotation",
                "motivation": "describing",
                "body": body,
                "target": _target(case, source, citation.span.start, citation.span.end),
            }


def web_annotations(case: Case) -> dict[str, Any]:
    """The collection of annotations of a loaded case, as JSON-LD data."""
    items = [*_mentions(case), *_citations(case)]
    return {
        "@context": CONTEXT,
        "id": urn(case.id, "collection"),
        "type": "AnnotationCollection",
        "label": f"{case.title}: mentions and cited passages",
        "total": len(items),
        "generator": {"type": "Software", "name": f"reader {__version__}"},
        "first": {
            "id": urn(case.id, "collection", "page", "1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
