"""The document exports read back as plain lines, the same way for HTML, Markdown and text.

:func:`shown_lines` turns an HTML, Markdown or plain-text export into the
lines a reader sees, with each format's markup taken away: a field is
``Label: value`` on one line (its further lines follow on their own), a
list item or a heading is its words, a cited passage is ``“…” (owp 3:1)``
and a computed fact's badge is ``[COMPUTED]``. Tests then assert the same
lines in each format.
"""

from __future__ import annotations

import re

from tests.support.own_words import visible_text

FORMATS = ("html", "md", "txt")

_MD_LINK = re.compile(r"(?<!\\)\[((?:[^\]\\\n]|\\.)*)\]\(#[^)]*\)")


def shown_lines(output: str, format: str) -> list[str]:
    """The non-empty lines of an export as shown, markup taken away (see the module docstring)."""
    if format == "html":
        page = re.sub(r"<nav\b.*?</nav>", "", output, flags=re.DOTALL)  # the contents: links to the parts
        page = page.replace("</dt><dd><div>", ": ")  # a field's label and its first line on one line
        page = page.replace('<span class="computed"> computed</span>', " [COMPUTED]")
        lines = visible_text(page).split("\n")
    elif format == "md":
        text = re.sub(r'<a id="[^"]*"></a>', "", output)
        text = _MD_LINK.sub(r"\1", text)
        text = re.sub(r"(?m)^#+ ", "", text)
        text = re.sub(r"\\(.)", r"\1", text).replace("*", "").replace("`@`", "@")
        lines = [re.sub(r"^\s*- ", "", line) for line in text.split("\n")]
    elif format == "txt":
        lines = []
        for line in output.split("\n"):
            line = re.sub(r"^(\S[^:“]*:) +", r"\1 ", line)  # a field's label, padded to its column
            line = re.sub(r"^\s*- ", "", line)
            line = re.sub(r"” \[(\S+ \d+:\d+)\]", r"” (\1)", line)
            lines.append(line)
    else:
        raise ValueError(format)
    shown = (" ".join(line.split()) for line in lines)
    return [line for line in shown if line and not re.fullmatch(r"=+|-+", line)]  # not a heading's underline


def part(lines: list[str], heading: str, next_heading: str) -> list[str]:
    """The lines from ``heading`` (its first line that is exactly it) up to ``next_heading``."""
    start = lines.index(heading)
    return lines[start:lines.index(next_heading, start)]
