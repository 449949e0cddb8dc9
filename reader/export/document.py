"""The export as a small document: blocks of inlines, the same for HTML, Markdown and plain text.

:func:`build` walks a loaded case once and says *what* is shown, in which
order: the header (with the people the case follows), the status of each
person (:mod:`reader.export.status_part`), the timeline
(:mod:`reader.export.timeline_part`), the legend, the sources with their
highlights and cited passages, the entity index, the quotes and the
differences. The renderers (:mod:`reader.export.html`,
:mod:`~reader.export.markdown`, :mod:`~reader.export.text`) only decide
*how*, so the three formats hold the same content in the same structure.
The pieces are the blocks and inlines of :mod:`reader.export.nodes`.

Strings here are the case's own text, unescaped and uncleaned: each
renderer makes them safe for its format (see :func:`reader.model.text_safety.clean`).

Quotation marks belong to :class:`~reader.export.nodes.Cite` alone, a
source's exact words taken from its text: every renderer sets a Cite in
quotation marks and nothing else. A :class:`~reader.export.nodes.Text`
holds the annotator's words (summaries, measure summaries, the sides of
differences, notes) or the reader's own, and is never put in quotation
marks, so a paraphrase can never pass for what a source said.

Anchors (the ``id`` a link points at) are stable and readable:
``status``, ``status-<person>``, ``timeline``, ``src-<source>``,
``q-<source>-<start>-<end>`` for a cited passage (offsets in the source
text), ``ent-<entity>``, ``ev-<event>``, ``quote-<quote>``, ``diff-<difference>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from reader import __version__
from reader.export.inlines import Inlines
from reader.export.nodes import (
    Block,
    Chip,
    Document,
    Fields,
    Heading,
    Inline,
    Items,
    Line,
    Mark,
    Para,
    Section,
    SourceText,
    Text,
    citation_anchor,
)
from reader.export.status_part import StatusPart
from reader.export.timeline_part import TimelinePart
from reader.model.status import Basis, CaseStatus, case_status
from reader.model.types import Case, Citation, Entity, Mention, Quote, Source, Span
from reader.model.vocabulary import ENTITY_TYPES

#: How every export of this document tells the sources' words from the annotator's (said in its header).
QUOTING_KEY = ("Words in quotation marks are a source's own, exactly as it prints them, each with its place "
               "in the source; everything else (summaries, the sides of differences, descriptions, notes) "
               "is the annotator's.")

def linked_citations(case: Case) -> Iterator[Citation]:
    """Every citation a claim rests on (not explicit mentions or excludes): the ones the export links to."""
    for source in case.sources.values():
        yield from (caption.before for caption in source.captions if caption.before)
    for entity in case.entities.values():
        yield from entity.citations
    for event in case.events:
        yield from event.citations
        for measure in event.measures:
            yield from measure.citations
        for change in event.changes:
            yield from change.citations
        for claim in event.dates:
            yield from claim.citations
    yield from (quote.citation for quote in case.quotes)
    for difference in case.differences:
        for side in difference.sides:
            yield from side.citations


class _Builder:
    def __init__(self, case: Case, status: CaseStatus, redaction_labels: dict[str, str] | None) -> None:
        self.case = case
        self.status = status
        self.labels = redaction_labels
        self.inlines = Inlines(case)
        # Each entity's mentions by source, in case and text order: gathered in one pass,
        # since looking them up entity by entity took 40 s for 5,000 entities in 200 sources.
        self.mentions_of: dict[str, dict[str, list[Mention]]] = {}
        for source_id, mentions in case.mentions.items():
            for mention in mentions:
                self.mentions_of.setdefault(mention.entity_id, {}).setdefault(source_id, []).append(mention)

    def cite(self, citation: Citation) -> Inline:
        return self.inlines.cite(citation)

    def cite_lines(self, citations: Iterable[Citation]) -> tuple[Line, ...]:
        return self.inlines.cite_lines(citations)

    def entity_link(self, entity_id: str) -> Inline:
        return self.inlines.entity_link(entity_id)

    def publisher(self, source_id: str) -> str:
        return self.inlines.publisher(source_id)

    # --- parts ---

    def header(self) -> Iterator[Block]:
        case = self.case
        yield Heading(1, case.title)
        if case.summary:
            yield Para((Text(case.summary),), "summary")
        if case.subject_ids:
            label = "Person followed: " if len(case.subject_ids) == 1 else "People followed: "
            yield Para((Text(label, "strong"), *self.inlines.people_links(case.subject_ids)))
        sources = ", ".join(f"{s.publisher} ({s.date.display()})" for s in case.sources.values())
        yield Para((Text(f"{len(case.sources)} sources: {sources}. Every fact below comes from a quoted passage, "
                         "shown with its place in the source. Facts the reader works out are marked "
                         "computed."),), "note")
        yield Para((Text(QUOTING_KEY),), "note")
        if self.labels is not None:
            if self.labels:
                names = ", ".join(dict.fromkeys(self.labels.values()))
                words = (f"Redacted for sharing: the names of {len(self.labels)} sensitive "
                         f"{'person are' if len(self.labels) == 1 else 'people are'} replaced by their roles "
                         f"({names}).")
            else:
                words = "Redacted for sharing: no entity of this case is marked sensitive, so no name is hidden."
            yield Para((Text(words, "strong"),), "redacted")
        yield Para((Text(f"Exported by reader {__version__} on {self.status.today.isoformat()}.", "dim"),), "note")

    def legend_part(self) -> Section:
        counts = dict.fromkeys(ENTITY_TYPES, 0)
        for mentions in self.case.mentions.values():
            for mention in mentions:
                entity = self.case.entities.get(mention.entity_id)
                if entity is not None:
                    counts[entity.type] = counts.get(entity.type, 0) + 1
        items = tuple((Chip(entity_type), Text(f" {count} mention{'' if count == 1 else 's'}"))
                      for entity_type, count in counts.items())
        return Section("legend", (
            Heading(2, "Legend", "legend"),
            Para((Text("Mentions in the sources are highlighted by type; each links to its entry in the entity "
                       "index. Passages that a claim cites are underlined; a followed citation is outlined."),)),
            Items(items),
        ))

    def sources_part(self) -> Section:
        targets: dict[str, dict[Span, str]] = {}
        for citation in linked_citations(self.case):
            if citation.span is not None and citation.source_id in self.case.sources:
                targets.setdefault(citation.source_id, {})[citation.span] = \
                    citation_anchor(citation.source_id, citation.span)
        parts = [self.source(source, targets.get(source.id, {})) for source in self.case.sources.values()]
        return Section("sources", (Heading(2, "Sources", "sources"), Section("columns", tuple(parts))))

    def source(self, source: Source, targets: dict[Span, str]) -> Section:
        rows: list[tuple[str, tuple[Line, ...]]] = [
            ("Publisher", ((Text(source.publisher),),)),
            ("Author", ((Text(source.author or "not given", "" if source.author else "dim"),),)),
            ("Date", ((Text(source.date.display()),),)),
        ]
        if source.date.note:
            rows.append(("Date note", ((Text(source.date.note, "dim"),),)))
        rows.append(("Kind", ((Text(source.kind),),)))
        if source.url:
            rows.append(("Address", ((Text(source.url),),)))
        if source.note:
            rows.append(("Note", ((Text(source.note),),)))
        marks = []
        for mention in self.case.mentions.get(source.id, ()):
            entity = self.case.entities.get(mention.entity_id)
            if entity is not None:
                marks.append(Mark(mention.span, entity.id, entity.type, entity.name))
        blocks: list[Block] = [
            Heading(3, f"{source.publisher}: {source.title}"),
            Fields(tuple(rows)),
            SourceText(source.id, source.text, tuple(marks), tuple(sorted(targets.items())),
                       source.language or self.case.language),
        ]
        if source.captions:
            captions: list[Line] = []
            for caption in source.captions:
                line: list[Inline] = [Text("Image caption: ", "strong"), Text(caption.text)]
                if caption.before:
                    line += [Text(" (the image stood before "), self.cite(caption.before), Text(")")]
                captions.append(tuple(line))
            blocks.append(Items(tuple(captions)))
        return Section("source", tuple(blocks), f"src-{source.id}")

    def entities_part(self) -> Section:
        blocks: list[Block] = [Heading(2, "Entities", "entities")]
        by_type: dict[str, list[Entity]] = {}
        for entity in self.case.entities.values():
            by_type.setdefault(entity.type, []).append(entity)
        types = [t for t in ENTITY_TYPES if t in by_type] + sorted(set(by_type) - set(ENTITY_TYPES))
        for entity_type in types:
            blocks.append(Heading(3, f"{entity_type.capitalize()} ({len(by_type[entity_type])})"))
            blocks.extend(self.entity(entity) for entity in by_type[entity_type])
        return Section("entities", tuple(blocks))

    def entity(self, entity: Entity) -> Section:
        rows: list[tuple[str, tuple[Line, ...]]] = [
            ("Description", ((Text(entity.description),), *self.cite_lines(entity.citations))),
        ]
        if entity.aliases:
            rows.append(("Also written", ((Text(", ".join(entity.aliases)),),)))
        if entity.standpoint:
            rows.append(("Standpoint", ((Text(entity.standpoint),),)))
        if entity.affiliation:
            rows.append(("Speaks for", ((self.entity_link(entity.affiliation),),)))
        places: list[Line] = []
        by_source = self.mentions_of.get(entity.id, {})
        for source in self.case.sources.values():
            mentions = by_source.get(source.id)
            if not mentions:
                continue
            where = ", ".join("{}:{}".format(*source.line_col(m.span.start)) for m in mentions)
            places.append((Text(f"{source.id} ({len(mentions)}): {where}"),))
        rows.append(("Mentions", tuple(places) or ((Text("none in the texts", "dim"),),)))
        return Section("entity", (Heading(4, entity.name), Fields(tuple(rows))), f"ent-{entity.id}")

    def said(self, quote: Quote) -> str:
        """What comes after the speaker's name: reported speech is the source's words, not the speaker's."""
        if quote.mode == "direct":
            return " said"
        return (f", as {self.publisher(quote.citation.source_id)} reports in its own words "
                "(reported speech, not a quotation)")

    def quotes_part(self) -> Section:
        blocks: list[Block] = [Heading(2, "Quotes", "quotes")]
        for quote in self.case.quotes:
            head: list[Inline] = [self.entity_link(quote.speaker_id), Text(self.said(quote))]
            if quote.about:
                head.append(Text(", about "))
                for index, event_id in enumerate(quote.about):
                    if index:
                        head.append(Text(", "))
                    head.append(self.inlines.event_link(event_id))
            lines: list[Line] = [(self.cite(quote.citation),)]
            if quote.note:
                lines.append((Text("Note: " + quote.note, "dim"),))
            blocks.append(Section("quote", (Para(tuple(head)), Items(tuple(lines))), f"quote-{quote.id}"))
        return Section("quotes", tuple(blocks))

    def differences_part(self) -> Section:
        blocks: list[Block] = [Heading(2, "Differences between the sources", "differences")]
        for difference in self.case.differences:
            parts: list[Block] = [Para((Text(difference.summary, "strong"),
                                        Text(f" ({difference.id}, {difference.topic})", "dim")))]
            for side in difference.sides:
                # The side's words are the annotator's: never in quotation marks, which the
                # passages under them (each a Cite) alone carry.
                publishers = ", ".join(dict.fromkeys(self.publisher(c.source_id) for c in side.citations))
                parts.append(Para((Text(publishers, "strong"), Text(", summarised: "), Text(side.says))
                                  if publishers else (Text("Summarised: "), Text(side.says)), "side"))
                parts.append(Items(self.cite_lines(side.citations)))
            if difference.note:
                parts.append(Para((Text("Note: " + difference.note, "dim"),)))
            blocks.append(Section("difference", tuple(parts), f"diff-{difference.id}"))
        return Section("differences", tuple(blocks))

    def build(self) -> Document:
        parts: list[Block] = [*self.header()]
        body = [StatusPart(self.status, self.inlines).build(), TimelinePart(self.status, self.inlines).build(),
                self.legend_part(), self.sources_part(), self.entities_part()]
        if self.case.quotes:
            body.append(self.quotes_part())
        if self.case.differences:
            body.append(self.differences_part())
        contents = tuple((block.blocks[0].anchor or "", block.blocks[0].text) for block in body
                         if isinstance(block.blocks[0], Heading))
        return Document(self.case.title, self.case.language, (*parts, *body), self.labels is not None, contents)


def build(case: Case, *, today: dt.date | None = None, as_of: dt.date | None = None, basis: Basis = "happened",
          redaction_labels: dict[str, str] | None = None) -> Document:
    """The document of a loaded case.

    ``today`` is the date the status's age is counted to (default: the
    system's date); ``as_of`` and ``basis`` ask for the status on a date
    (:func:`reader.model.status.case_status`; default: now);
    ``redaction_labels`` (entity id → label) is given when ``case`` is a
    redacted copy, so the header says so.
    """
    status = case_status(case, as_of=as_of, basis=basis, today=today)
    return _Builder(case, status, redaction_labels).build()
