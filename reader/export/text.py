"""The export as plain text: the same parts as HTML and Markdown, citations as ``[source line:col]``.

Source texts are written line for line as their files hold them (cleaned of
control and bidi characters, one placeholder for one character), each line
numbered, so a citation's ``[owp 3:159]`` is line 3, column 159 of both the
text file and the source's block here (columns count from after ``3 | ``).
Mentions are not marked in the text; the entity index lists where each
entity is mentioned.
"""

from __future__ import annotations

from reader.export.nodes import (
    Block,
    Chip,
    Cite,
    Document,
    Fields,
    Heading,
    Inline,
    Items,
    Line,
    Link,
    Para,
    Section,
    SourceText,
    Text,
)
from reader.model.text_safety import clean

_UNDERLINE = {1: "=", 2: "=", 3: "-"}


def esc(text: str) -> str:
    """``text`` on one line with every control and bidi character made visible."""
    return clean(" ".join(text.split("\n")))


def render(document: Document) -> str:
    """The document as plain text."""
    out: list[str] = []
    blocks = list(document.blocks)
    first_section = next((i for i, b in enumerate(blocks) if isinstance(b, Section)), len(blocks))
    for block in blocks[:first_section]:
        out.extend(_block(block))
    if document.contents:
        out.append("Contents: " + ", ".join(esc(title) for _, title in document.contents))
    for block in blocks[first_section:]:
        out.extend(_block(block))
    return "\n\n".join(part for part in out if part) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = esc(block.text)
        if block.level in _UNDERLINE:
            return [text + "\n" + _UNDERLINE[block.level] * min(len(text), 78)]
        return [text]
    if isinstance(block, Para):
        return [_line(block.inlines)]
    if isinstance(block, Fields):
        width = min(max((len(label) for label, _ in block.rows), default=0), 24)
        rows = []
        for label, lines in block.rows:
            first, *rest = lines or ((),)
            rows.append(f"{esc(label) + ':':<{width + 1}}  {_line(first)}")
            rows.extend(" " * (width + 3) + _line(line) for line in rest)
        return ["\n".join(rows)]
    if isinstance(block, Items):
        return ["\n".join(f"  - {_line(item)}" for item in block.items)] if block.items else []
    if isinstance(block, SourceText):
        # Numbered as in the file, so a citation's [owp 3:159] is found by eye: line 3, column 159.
        lines = clean(block.text).rstrip("\n").split("\n")
        width = len(str(len(lines)))
        return ["\n".join(f"{number:>{width}} | {line}".rstrip() for number, line in enumerate(lines, 1))]
    parts: list[str] = []
    for child in block.blocks:
        parts.extend(_block(child))
    return parts


def _line(line: Line) -> str:
    return "".join(_inline(inline) for inline in line)


def _inline(inline: Inline) -> str:
    if isinstance(inline, Text):
        if inline.style == "computed":
            return f" [{esc(inline.text.strip()).upper()}]"
        return esc(inline.text)
    if isinstance(inline, Link):
        return esc(inline.text)
    if isinstance(inline, Cite):
        return f"“{esc(inline.quote)}” [{esc(inline.where)}]"
    assert isinstance(inline, Chip)
    return esc(inline.entity_type)
