"""The pieces an export document is made of: inlines (words, links, cited passages) and blocks.

:mod:`reader.export.document` builds a :class:`Document` from a case; the
renderers (:mod:`reader.export.html`, :mod:`~reader.export.markdown`,
:mod:`~reader.export.text`) turn one into their format. Quotation marks
belong to :class:`Cite` alone, a source's exact words taken from its text;
a :class:`Text` holds the annotator's words or the reader's own and is never
put in quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model.types import Span

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
