"""The export as a small document: blocks of inlines, the same for HTML, Markdown and plain text.

:func:`build` walks a loaded case once and says *what* is shown, in which
order: the header, the status (with its evidence and computed facts), the
timeline, the legend, the sources with their highlights and cited passages,
the entity index, the quotes and the differences. The renderers
(:mod:`reader.export.html`, :mod:`~reader.export.markdown`,
:mod:`~reader.export.text`) only decide *how*, so the three formats hold the
same content in the same structure.

Strings here are the case's own text, unescaped and uncleaned: each
renderer makes them safe for its format (see :func:`reader.model.text_safety.clean`).

Quotation marks belong to :class:`Cite` alone, a source's exact words taken
from its text: every renderer sets a Cite in quotation marks and nothing
else. A :class:`Text` holds the annotator's words (summaries, the sides of
differences, notes) or the reader's own, and is never put in quotation
marks, so a paraphrase can never pass for what a source said.

Anchors (the ``id`` a link points at) are stable and readable:
``status``, ``timeline``, ``src-<source>``, ``q-<source>-<start>-<end>``
for a cited passage (offsets in the source text), ``ent-<entity>``,
``ev-<event>``, ``quote-<quote>``, ``diff-<difference>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reader import __version__
from reader.model.computed import Derived
from reader.model.status import CaseStatus, StepAt, case_status, describe_as_of
from reader.model.types import Case, Citation, Entity, Mention, Quote, Source, Span
from reader.model.vocabulary import ENTITY_TYPES

#: How every export of this document tells the sources' words from the annotator's (said in its header).
QUOTING_KEY = ("Words in quotation marks are a source's own, exactly as it prints them, each with its place "
               "in the source; everything else (summaries, the sides of differences, descriptions, notes) "
               "is the annotator's.")

# --- inlines ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """Plain words; ``style`` is "", "strong", "em", "dim", "computed" or "warn"."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Link:
    """Words that lead to an anchor of the document."""

    text: str
    anchor: str


@dataclass(frozen=True)
class Cite:
    """A passage of a source, linked to its place in the text: “quote” (source line:col)."""

    anchor: str
    source_id: str
    line: int
    column: int
    quote: str

    @property
    def where(self) -> str:
        """``owp 3:1``: the source and where the passage starts in its text file."""
        return f"{self.source_id} {self.line}:{self.column}"


@dataclass(frozen=True)
class Chip:
    """An entity type drawn in its highlight look (the legend)."""

    entity_type: str


Inline = Text | Link | Cite | Chip
Line = tuple[Inline, ...]


# --- blocks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    """A heading of ``level`` 1–4, with an anchor when something links to it."""

    level: int
    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph; ``role`` names what it is for styling ("summary", "note", "redacted", …)."""

    inlines: Line
    role: str = ""


@dataclass(frozen=True)
class Fields:
    """Label and value rows; a value is one or more lines."""

    rows: tuple[tuple[str, tuple[Line, ...]], ...]


@dataclass(frozen=True)
class Items:
    """A bulleted list, one line per item."""

    items: tuple[Line, ...]


@dataclass(frozen=True)
class Mark:
    """A highlighted mention in a source text."""

    span: Span
    entity_id: str
    entity_type: str
    name: str


@dataclass(frozen=True)
class SourceText:
    """A source's text with its mentions highlighted and its cited passages anchored.

    ``targets`` maps each cited span to its anchor; ``language`` is a BCP 47 tag or None.
    """

    source_id: str
    text: str
    marks: tuple[Mark, ...]
    targets: tuple[tuple[Span, str], ...]
    language: str | None = None


@dataclass(frozen=True)
class Section:
    """A group of blocks: ``role`` is what it is ("status", "sources", "source", "entity", …)."""

    role: str
    blocks: tuple[Block, ...]
    anchor: str | None = None


Block = Heading | Para | Fields | Items | SourceText | Section


@dataclass(frozen=True)
class Document:
    """The whole export: a title, the blocks in order, and whether names were redacted."""

    title: str
    language: str | None
    blocks: tuple[Block, ...]
    redacted: bool = False
    contents: tuple[tuple[str, str], ...] = field(default=())  # (anchor, heading) of each part


def citation_anchor(source_id: str, span: Span) -> str:
    """The anchor of a cited passage: ``q-owp-120-158``."""
    return f"q-{source_id}-{span.start}-{span.end}"


def linked_citations(case: Case) -> Iterator[Citation]:
    """Every citation a claim rests on (not explicit mentions or excludes): the ones the export links to."""
    for source in case.sources.values():
        yield from (caption.before for caption in source.captions if caption.before)
    for entity in case.entities.values():
        yield from entity.citations
    for event in case.events:
        yield from event.citations
        if event.term:
            yield from event.term.citations
    yield from (quote.citation for quote in case.quotes)
    for difference in case.differences:
        for side in difference.sides:
            yield from side.citations


class _Builder:
    def __init__(self, case: Case, status: CaseStatus, redaction_labels: dict[str, str] | None) -> None:
        self.case = case
        self.status = status
        self.labels = redaction_labels
        # Each entity's mentions by source, in case and text order: gathered in one pass,
        # since looking them up entity by entity took 40 s for 5,000 entities in 200 sources.
        self.mentions_of: dict[str, dict[str, list[Mention]]] = {}
        for source_id, mentions in case.mentions.items():
            for mention in mentions:
                self.mentions_of.setdefault(mention.entity_id, {}).setdefault(source_id, []).append(mention)

    # --- inline helpers ---

    def cite(self, citation: Citation) -> Cite | Text:
        source = self.case.sources.get(citation.source_id)
        if source is None or citation.span is None:
            # Not found in the source (a case that loads without errors has none): what the annotator
            # typed, unchecked, so it is not set as a quotation.
            return Text(f"{citation.quote} (not found in {citation.source_id})", "dim")
        line, column = source.line_col(citation.span.start)
        return Cite(citation_anchor(source.id, citation.span), source.id, line, column,
                    source.text[citation.span.start:citation.span.end])

    def cite_lines(self, citations: Iterable[Citation]) -> tuple[Line, ...]:
        return tuple((self.cite(citation),) for citation in citations)

    def entity_link(self, entity_id: str) -> Inline:
        entity = self.case.entities.get(entity_id)
        return Link(entity.name, f"ent-{entity_id}") if entity else Text(entity_id)

    def event_link(self, event_id: str) -> Inline:
        return Link(event_id, f"ev-{event_id}")

    def publisher(self, source_id: str) -> str:
        source = self.case.sources.get(source_id)
        return source.publisher if source else source_id

    # --- parts ---

    def header(self) -> Iterator[Block]:
        case = self.case
        yield Heading(1, case.title)
        if case.summary:
            yield Para((Text(case.summary),), "summary")
        if case.subject:
            yield Para((Text("Subject: ", "strong"), self.entity_link(case.subject.id)))
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

    def status_part(self) -> Section:
        status = self.status
        rows: list[tuple[str, tuple[Line, ...]]] = []
        if status.status is None or status.setting is None:
            rows.append(("Status", ((Text(f"none recorded by {describe_as_of(status.as_of)}"),),)))
        else:
            rows.append(("Status", ((Text(status.status.state, "strong"), Text(": " + status.status.summary)),)))
            since = status.setting.step
            rows.append(("Since", ((Text(since.date.display() + ": " + since.event.summary + " ("),
                                    self.event_link(since.event.id), Text(")")),)))
            who: Line = (Text(", ".join(self.publisher(sid) for sid in status.source_ids)),
                         Text(" (single source)", "warn") if status.single_source
                         else Text(f" ({status.corroboration} sources)"))
            rows.append(("Says who", (who, *self.cite_lines(status.citations))))
            if since.difference_ids:
                rows.append(("Differences", (tuple(self.difference_links(since.difference_ids)),)))
        rows.append(("Freshness", ((Text(status.freshness),),)))
        for dating in status.undated_sources:
            rows.append(("Undated", ((Text(f"{dating.source.publisher}: {dating.label}"),),)))
        blocks: list[Block] = [Heading(2, "Status", "status"),
                               Para((Text("Status now, from everything the sources report", "dim"),)),
                               Fields(tuple(rows))]
        if status.computed:
            blocks.append(Heading(3, "Computed (not stated by any source)"))
            for fact in status.computed:
                blocks.append(self.derived(fact))
        return Section("status", tuple(blocks))

    def difference_links(self, ids: Iterable[str]) -> Iterator[Inline]:
        for index, identifier in enumerate(ids):
            if index:
                yield Text(", ")
            yield Link(identifier, f"diff-{identifier}")

    def derived(self, fact: Derived) -> Section:
        rows: list[tuple[str, tuple[Line, ...]]] = [("calculation", ((Text(fact.calculation),),))]
        for item in fact.inputs:
            rows.append((item.label, ((Text(item.value),), *self.cite_lines(item.citations))))
        if fact.difference_ids:
            rows.append(("differences", (tuple(self.difference_links(fact.difference_ids)),)))
        rows.append(("assumption", ((Text(fact.assumption, "dim"),),)))
        return Section("derived", (
            Para((Text(fact.label + ": ", "strong"), Text(fact.value), Text(" computed", "computed"))),
            Fields(tuple(rows)),
        ))

    def timeline_part(self) -> Section:
        blocks: list[Block] = [Heading(2, "Timeline", "timeline"),
                               Para((Text("Events in the order they happened, each with the status after it "
                                          "and the sources that report it.", "dim"),))]
        for seen in self.status.steps:
            blocks.append(self.step(seen))
        return Section("timeline", tuple(blocks))

    def step(self, seen: StepAt) -> Section:
        step = seen.step
        if step.status is None:
            after = Text("no status yet", "dim")
        elif step.sets_status:
            after = Text("→ " + step.status.state, "strong")
        else:
            after = Text(step.status.state, "dim")
        who: list[Inline] = [Text(", ".join(self.publisher(sid) for sid in step.source_ids))]
        if step.single_source:
            who.append(Text(" (single source)", "warn"))
        head: Line = (Text(step.date.display(), "strong"), Text(" · "), after, Text(" · "), *who)
        blocks: list[Block] = [Para(head, "when"),
                               Para((Text(step.event.summary), Text(f" ({step.event.id})", "dim")), "summary")]
        notes: list[Line] = []
        if step.date.note:
            notes.append((Text("Date: " + step.date.note, "dim"),))
        if step.event.note:
            notes.append((Text("Note: " + step.event.note, "dim"),))
        if step.difference_ids:
            notes.append((Text("Differences: "), *self.difference_links(step.difference_ids)))
        blocks.append(Items(tuple(notes) + self.cite_lines(step.citations)))
        return Section("event", tuple(blocks), f"ev-{step.event.id}")

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
                    head.append(self.event_link(event_id))
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
        body = [self.status_part(), self.timeline_part(), self.legend_part(), self.sources_part(),
                self.entities_part()]
        if self.case.quotes:
            body.append(self.quotes_part())
        if self.case.differences:
            body.append(self.differences_part())
        contents = tuple((block.blocks[0].anchor or "", block.blocks[0].text) for block in body
                         if isinstance(block.blocks[0], Heading))
        return Document(self.case.title, self.case.language, (*parts, *body), self.labels is not None, contents)


def build(case: Case, *, today: dt.date | None = None, redaction_labels: dict[str, str] | None = None) -> Document:
    """The document of a loaded case.

    ``today`` is the date the status's age is counted to (default: the
    system's date); ``redaction_labels`` (entity id → label) is given when
    ``case`` is a redacted copy, so the header says so.
    """
    return _Builder(case, case_status(case, today=today), redaction_labels).build()
