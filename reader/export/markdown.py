"""The export as Markdown (CommonMark, with a little inline HTML for anchors).

Each place a link points at gets an explicit ``<a id="…"></a>`` anchor,
since renderers name headings differently: cited passages, sources, events,
entities, quotes and differences. A citation is a link, ``[“quote” (owp
3:1)](#q-owp-73-220)``; a mention in a source text links to its entity in
the index.

Case text is escaped for Markdown: control and bidi characters become
visible placeholders, every character that could start markup (``\\ ` * _
[ ] < > # | ~ $ &``, and list or heading markers at the start of a line) is
backslash-escaped, so ``<script>`` is text, never HTML.

Web and mail addresses in case text stay text too. Renderers that link bare
addresses (GitHub's extended autolinks; markdown-it's linkify, as in VS Code)
look for ``scheme://``, ``www.``, a domain with a known ending
(``Reuters.com``) or ``name@domain``. So a ``:`` before ``//`` (and after
``mailto``/``xmpp``) and a ``.`` between a letter or digit and a letter are
backslash-escaped (``https\\://example\\.org``: the page shows
``https://example.org``, as text); and an ``@`` between an address's name
and its domain becomes a code span (``me`@`example\\.org``). GitHub's
cmark-gfm finds mail addresses after escapes and entities are undone
(``\\@`` and ``&#64;`` are still linked), in the text between two pieces of
markup, so only markup keeps the name and domain apart. An empty HTML
comment did so invisibly, but a renderer with HTML off (markdown-it's
``default`` preset, for one) shows ``<!---->`` as text; a code span reads
``me@example.org`` everywhere, its ``@`` set in code type.
"""

from __future__ import annotations

import re

from reader.export.nesting import Chars, Close, Open, Piece, nest
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
    Mark,
    Para,
    Section,
    SourceText,
    Text,
)
from reader.model.text_safety import clean

_SPECIAL = frozenset("\\`*_[]<>#|~$&")
_BLOCK_MARKERS = frozenset("-+=>")
_SPECIAL_CHAR = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")
#: Where each line's text begins: after its indentation (spaces and tabs).
_LINE_TEXT = re.compile(r"^[ \t]*", re.MULTILINE)
_ORDERED_MARK = re.compile(r"[.)]")
#: Where a renderer would begin a link in plain text: a ``.`` in a name such as ``example.org``
#: or ``www.x`` (a word character before it; it counts only when a letter follows, checked in
#: code), the ``:`` of ``https://`` or ``mailto:``, the ``@`` of ``name@domain``.
_LINK_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_LINK_COLON = re.compile(r":(?=//)|(?<=mailto):|(?<=xmpp):", re.IGNORECASE)
_LINK_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
#: The ``@`` of an address, as a code span: the one form no renderer links that shows no markup
#: with HTML on or off (see the module's docstring).
AT_UNLINKED = "`@`"


def escaped_chars(text: str, *, drop_indent: bool = True) -> list[str]:
    """Each character of ``text`` as Markdown, one entry per character, so offsets still index it.

    Controls become visible placeholders; markup characters are
    backslash-escaped; at the start of a line, indentation is dropped (it
    would make a code block) and list, quote and heading markers are
    escaped; the characters a renderer would make a web or mail address
    into a link at are escaped; a single line break becomes a hard break,
    so lines stay lines.
    """
    visible = clean(text)
    # Most characters stay as they are: start from them all, and change only the few
    # that need it, found by regular expressions (a big source has millions).
    out = list(visible)
    last = len(visible) - 1
    for match in _SPECIAL_CHAR.finditer(visible):
        out[match.start()] = "\\" + match.group()
    for match in _LINE_TEXT.finditer(visible):
        if drop_indent:
            out[match.start():match.end()] = [""] * (match.end() - match.start())
        first = match.end()  # the line's first character after its indentation
        if first <= last and visible[first] in _BLOCK_MARKERS:
            out[first] = "\\" + visible[first]
    for match in _LINK_DOT.finditer(visible):
        if visible[match.end()].isalpha():
            out[match.start()] = "\\."
    for match in _LINK_COLON.finditer(visible):
        out[match.start()] = "\\:"
    for match in _LINK_AT.finditer(visible):
        out[match.start()] = AT_UNLINKED
    for match in _ORDERED_MARK.finditer(visible):
        index = match.start()
        if index > 0 and visible[index - 1].isdigit() and _digits_start_line(visible, index):
            out[index] = "\\" + visible[index]
    at = visible.find("\n")
    while at != -1:
        lone = (at == 0 or visible[at - 1] != "\n") and (at == last or visible[at + 1] != "\n")
        out[at] = "\\\n" if lone and 0 < at < last else "\n"
        at = visible.find("\n", at + 1)
    return out


def _digits_start_line(text: str, index: int) -> bool:
    """Whether ``text[index]`` follows a run of digits that starts its line (an ordered-list marker)."""
    start = index
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start == 0 or text[start - 1] == "\n"


def esc(text: str) -> str:
    """``text`` as literal Markdown on one line: controls made visible, markup characters escaped."""
    return "".join(escaped_chars(" ".join(text.split("\n")), drop_indent=False))


def _anchor(anchor: str) -> str:
    return f'<a id="{anchor}"></a>'


def render(document: Document) -> str:
    """The document as Markdown."""
    out: list[str] = []
    blocks = list(document.blocks)
    first_section = next((i for i, b in enumerate(blocks) if isinstance(b, Section)), len(blocks))
    for block in blocks[:first_section]:
        out.extend(_block(block))
    if document.contents:
        out.append("Contents: " + " · ".join(f"[{esc(title)}](#{anchor})" for anchor, title in document.contents))
    for block in blocks[first_section:]:
        out.extend(_block(block))
    return "\n\n".join(part for part in out if part) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        anchor = _anchor(block.anchor) if block.anchor else ""
        return [f"{'#' * block.level} {anchor}{esc(block.text)}"]
    if isinstance(block, Para):
        return [_line(block.inlines).lstrip(" \t")]  # indentation would make a code block
    if isinstance(block, Fields):
        rows = []
        for label, lines in block.rows:
            first, *rest = lines or ((),)
            rows.append(f"- **{esc(label)}:** {_line(first)}")
            rows.extend(f"  - {_line(line)}" for line in rest)
        return ["\n".join(rows)]
    if isinstance(block, Items):
        return ["\n".join(f"- {_line(item)}" for item in block.items)] if block.items else []
    if isinstance(block, SourceText):
        return [_source_text(block)]
    parts: list[str] = []
    for child in block.blocks:
        parts.extend(_block(child))
    if block.anchor and parts:
        # The anchor goes on the first line of the section (after a heading's #s), not a line of its own.
        heading = re.match(r"#+ ", parts[0])
        cut = heading.end() if heading else 0
        parts[0] = parts[0][:cut] + _anchor(block.anchor) + parts[0][cut:]
    return parts


def _line(line: Line) -> str:
    return "".join(_inline(inline) for inline in line)


def _inline(inline: Inline) -> str:
    if isinstance(inline, Text):
        text = esc(inline.text)
        if not text.strip():
            return text
        # Emphasis markers must touch the words, so spaces go outside them.
        lead, body, trail = _split_spaces(text)
        if inline.style == "strong":
            return f"{lead}**{body}**{trail}"
        if inline.style in ("em", "dim"):
            return f"{lead}*{body}*{trail}"
        if inline.style == "computed":
            return f"{lead}**\\[{body.upper()}\\]**{trail}"
        if inline.style == "warn":
            return f"{lead}**{body}**{trail}"
        return text
    if isinstance(inline, Link):
        return f"[{esc(inline.text)}](#{inline.anchor})"
    if isinstance(inline, Cite):
        return f"[“{esc(inline.quote)}” ({esc(inline.where)})](#{inline.anchor})"
    assert isinstance(inline, Chip)
    return f"**{esc(inline.entity_type)}**"


def _split_spaces(text: str) -> tuple[str, str, str]:
    body = text.strip()
    start = text.index(body[0])
    return text[:start], body, text[start + len(body):]


def _source_text(block: SourceText) -> str:
    pieces: list[Piece[str | Mark]] = [Piece(span.start, span.end, anchor, rank=0) for span, anchor in block.targets]
    pieces += [Piece(mark.span.start, mark.span.end, mark, rank=1) for mark in block.marks]
    chars = escaped_chars(block.text)
    out: list[str] = []
    links: list[Mark] = []  # open mention links; Markdown links cannot nest, so only the outer one links
    for step in nest(len(block.text), pieces):
        if isinstance(step, Chars):
            out.append("".join(chars[step.start:step.end]))
            continue
        value = step.piece.value
        if isinstance(step, Open) and isinstance(value, str):
            if step.first:
                out.append(_anchor(value))
        elif isinstance(step, Open) and isinstance(value, Mark):
            if not links:
                out.append("[")
            links.append(value)
        elif isinstance(step, Close) and isinstance(value, Mark):
            links.pop()
            if not links:
                out.append(f"](#ent-{value.entity_id})")
    # Cited passages may run over paragraph breaks: they are bare anchors at their start, never wrappers.
    return "".join(out).strip("\n")
