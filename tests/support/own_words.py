"""The annotator's own words, made easy to find, and checks that no output sets them as a quotation.

A paraphrase is never shown as a quotation: quotation marks (and HTML's
``<q>`` and ``<blockquote>``) are for a source's exact words only.
:func:`own_words_case` copies the bundled case and replaces every text the
annotator writes in their own words (summaries, the sides of differences,
descriptions, notes, date notes) by a numbered marker, ``Zephyr says 3``,
that no source holds. :func:`quoted_markers` and :func:`html_quoted_markers`
return every marker an output sets as a quotation; a test asserts they
return nothing, and that the markers are there at all.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from reader.paths import default_case

#: The case fields that hold the annotator's own words, never a source's.
OWN_WORDS_FIELDS = ("summary", "says", "description", "note", "date_note")
#: A marker: ``Zephyr <field> <number>`` (the field without its underscore, so Markdown leaves it as it is).
MARKER = re.compile(r"Zephyr ([a-z]+) (\d+)")
#: What sets words off as a quotation in plain text: a pair of quotation marks around them.
_QUOTED = re.compile(r"“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|‹[^›\n]*›|\"[^\"\n]*\"")
#: A quotation mark touching a marker (spaces and Markdown emphasis between them do not count).
_MARKS = "“”„‟«»‹›\"‘’‚‛"


def own_words_case(folder: Path) -> dict[str, list[str]]:
    """Copy the bundled case into ``folder`` with every own-words text a marker; the markers by field."""
    shutil.copytree(default_case(), folder)
    markers: dict[str, list[str]] = {field: [] for field in OWN_WORDS_FIELDS}

    def mark(node: Any) -> Any:
        if isinstance(node, dict):
            marked = {}
            for key, value in node.items():
                if key in markers and isinstance(value, str):
                    markers[key].append(f"Zephyr {key.replace('_', '')} {sum(map(len, markers.values())) + 1}")
                    value = markers[key][-1]
                marked[key] = mark(value)
            return marked
        if isinstance(node, list):
            return [mark(item) for item in node]
        return node

    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(mark(data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return markers


def quoted_markers(text: str) -> list[str]:
    """Each marker in ``text`` that stands inside a pair of quotation marks, touches one, or starts a
    Markdown blockquote line (``> ``).

    Markdown's anchors and link targets (``<a id="…">``, ``](#…)``) are
    left out first: their quotation marks are markup, not a quotation.
    """
    text = re.sub(r'<a id="[^"]*"></a>|\]\(#[^)]*\)', "", text)
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    found = []
    for match in MARKER.finditer(text):
        start, end = match.span()
        before = text[:start].rstrip(" *_\\")
        after = text[end:].lstrip(" *_\\")
        line = text[text.rfind("\n", 0, start) + 1:start]
        if (any(q_start < start and end < q_end for q_start, q_end in quoted)
                or (before and before[-1] in _MARKS) or (after and after[0] in _MARKS)
                or line.lstrip().startswith(">")):
            found.append(match.group())
    return found


class _Visible(HTMLParser):
    """An HTML page's text as a browser shows it (``<q>`` in curly quotes), and what ``<q>``/``<blockquote>`` hold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.quoting = 0
        self.in_quotations: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("q", "blockquote"):
            self.quoting += 1
            self.text.append("“" if tag == "q" else "\n")
        elif tag in ("style", "script", "title"):
            self.hidden += 1
        elif tag in ("p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "br", "section"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("q", "blockquote"):
            self.quoting -= 1
            self.text.append("”" if tag == "q" else "\n")
        elif tag in ("style", "script", "title"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.text.append(data)
        if self.quoting:
            self.in_quotations.append(data)


def visible_text(page: str) -> str:
    """The text of an HTML page or fragment as a browser shows it, ``<q>`` in curly quotes."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "".join(parser.text)


def html_quoted_markers(page: str) -> list[str]:
    """Each marker an HTML page or fragment sets as a quotation: in ``<q>``/``<blockquote>``, or in quotation marks."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    inside = [match.group() for data in parser.in_quotations for match in MARKER.finditer(data)]
    return inside + quoted_markers("".join(parser.text))


def html_quotations(page: str) -> list[str]:
    """The text of every ``<q>`` and ``<blockquote>`` of an HTML page or fragment, in order."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return parser.in_quotations
