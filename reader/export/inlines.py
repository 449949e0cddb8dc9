"""The small pieces every part of an export is made of: cited passages, links, who says so, whose it is.

:class:`Inlines` makes the inlines of :mod:`reader.export.nodes` for one
case: a citation as a :class:`~reader.export.nodes.Cite` (the source's
exact words, taken from its text), links to entities, events and
differences, and "who says so" with the single-source warning. The
functions below it say whose an event is and which source gives which date
of a disputed one, in the same words for the documents, Web Annotation and
TimelineJS.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reader.export.nodes import Cite, Inline, Line, Link, Text, citation_anchor
from reader.model.across import only
from reader.model.proceedings import person_name, publishers
from reader.model.types import Case, Citation, DateClaim, Event


def names(case: Case, people: Sequence[str]) -> str:
    """People's names in a list: "Asel Nurova", "Asel Nurova and Timur Bekov", "A, B and C"."""
    found = [person_name(case, person) for person in people]
    if len(found) <= 1:
        return "".join(found)
    return ", ".join(found[:-1]) + " and " + found[-1]


def whose(case: Case, event: Event) -> str:
    """Whose the event is: its people's names, or "the case as a whole" when it names none."""
    return names(case, event.people) if event.people else "the case as a whole"


def claim_words(case: Case, claim: DateClaim) -> str:
    """One source's date of a disputed event, with who gives it: "7 November 2018 (RFE/RL)"."""
    return f"{claim.date.display()} ({publishers(case, claim.source_ids)})"


def disputed_words(case: Case, event: Event) -> str:
    """Every date of a disputed event with who gives it: "date disputed: 12 June 2020 (…); 9 July 2020 (…)"."""
    return "date disputed: " + "; ".join(claim_words(case, claim) for claim in event.dates)


def when(case: Case, event: Event) -> str:
    """An event's date in words; a disputed one as each date with who gives it."""
    return disputed_words(case, event) if event.disputed else event.date.display()


class Inlines:
    """The inlines of one case's export."""

    def __init__(self, case: Case) -> None:
        self.case = case

    def cite(self, citation: Citation) -> Cite | Text:
        """A passage as the source prints it, linked to its place; what was typed, unquoted, if not found."""
        source = self.case.sources.get(citation.source_id)
        if source is None or citation.span is None:
            # Not found in the source (a case that loads without errors has none): what the annotator
            # typed, unchecked, so it is not set as a quotation.
            return Text(f"{citation.quote} (not found in {citation.source_id})", "dim")
        line, column = source.line_col(citation.span.start)
        return Cite(citation_anchor(source.id, citation.span), source.id, line, column,
                    source.text[citation.span.start:citation.span.end])

    def cite_lines(self, citations: Iterable[Citation]) -> tuple[Line, ...]:
        """One line per passage."""
        return tuple((self.cite(citation),) for citation in citations)

    def entity_link(self, entity_id: str) -> Inline:
        entity = self.case.entities.get(entity_id)
        return Link(entity.name, f"ent-{entity_id}") if entity else Text(entity_id)

    def event_link(self, event_id: str) -> Inline:
        return Link(event_id, f"ev-{event_id}")

    def people_links(self, people: Sequence[str]) -> Iterator[Inline]:
        """Links to each person's entry, in a list: "A", "A and B", "A, B and C"."""
        for index, person in enumerate(people):
            if index:
                yield Text(" and " if index == len(people) - 1 else ", ")
            yield self.entity_link(person)

    def publisher(self, source_id: str) -> str:
        source = self.case.sources.get(source_id)
        return source.publisher if source else source_id

    def says(self, source_ids: Sequence[str]) -> Line:
        """Who says so: "OWP, IndustriALL Global Union (2 sources)", or "only OWP" as a warning (see
        :func:`~reader.model.across.only`)."""
        if not source_ids:
            return (Text("no source", "dim"),)
        count = len(source_ids)
        if count == 1:
            return (Text(only(publishers(self.case, source_ids)), "warn"),)
        return (Text(publishers(self.case, source_ids)), Text(f" ({count} sources)"))

    def difference_links(self, ids: Iterable[str]) -> Iterator[Inline]:
        for index, identifier in enumerate(ids):
            if index:
                yield Text(", ")
            yield Link(identifier, f"diff-{identifier}")


__all__ = ["Inlines", "claim_words", "disputed_words", "names", "publishers", "when", "whose"]
