"""Warnings about control characters, escape sequences and bidi controls in case files.

The reader never lets such characters reach the terminal (it shows them as
visible placeholders, see :mod:`reader.model.text_safety`), but a reader of
the case should know they are there: an escape sequence in an article is
someone's attempt at the terminal, a bidi override makes a quote display
differently from what it says. ``reader check`` reports each one as a
warning where it was written; the case still opens.

In a source text every one is reported at its own line and column. In a
YAML file the raw control characters YAML itself forbids (all C0 but tab,
newline and CR; DEL; C1 but NEL) are an error, since the file cannot be
read; bidi controls and NEL, which YAML accepts, are warnings at their line
and column; and a double-quoted text that *writes* a control with an escape
(``"\\e]52;…"``, ``"\\u202E"``) gets one warning at the start of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

from reader.load.problems import Location, Problems
from reader.model.text_safety import Unsafe, char_name, clean, find_unsafe

#: Unsafe characters reported one by one in a file; beyond it, one summary warning.
MAX_REPORTED_PER_FILE = 10

#: What YAML 1.1 refuses to read at all: the complement of PyYAML's NON_PRINTABLE
#: (tab, LF, CR, \x20-\x7e, \x85, \xa0-\ud7ff, \ue000-\ufffd, \U00010000 up), written
#: out, because the negated class takes ten times as long to compile at start-up.
_YAML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def unsafe_hint(finding: Unsafe, text: str) -> str:
    """What to do about an unsafe character, and how the reader shows it meanwhile."""
    placeholder = clean(text[finding.start:finding.end])
    if finding.kind == "escape":
        return ("the reader shows it as plain characters (ESC as ␛); delete it: it is a command to the "
                "terminal, not text")
    if finding.kind == "bidi":
        return (f"it makes text display in an order other than the order it is stored in; the reader shows "
                f"it as `{placeholder}`; delete it unless the text needs it")
    return f"the reader shows it as `{placeholder}`; delete it unless it is part of the published text"


class LineIndex:
    """Turns offsets of a text into 1-based ``(line, column)`` pairs, counting characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


class UnsafeReporter:
    """Reports unsafe characters of one file, up to :data:`MAX_REPORTED_PER_FILE` of them."""

    def __init__(self, path: Path, problems: Problems, what: str) -> None:
        self.path = path
        self.problems = problems
        self.what = what
        self.count = 0
        self._first_unreported: Location | None = None

    def report(self, location: Location, message: str, hint: str) -> None:
        self.count += 1
        if self.count <= MAX_REPORTED_PER_FILE:
            self.problems.warning(location, message, hint=hint)
        elif self._first_unreported is None:
            self._first_unreported = location

    def finish(self) -> None:
        """Add the summary warning for what was found beyond the limit."""
        if self._first_unreported is not None:
            more = self.count - MAX_REPORTED_PER_FILE
            self.problems.warning(self._first_unreported,
                                  f"and {more} more control or bidirectional character(s) in this {self.what}",
                                  hint="clean the file: these are not words of the text")


def _findings(text: str) -> Iterator[tuple[Unsafe, int, int]]:
    findings = find_unsafe(text)
    first = next(findings, None)
    if first is None:  # the usual case: no index to build
        return
    index = LineIndex(text)
    for finding in (first, *findings):
        yield (finding, *index.line_col(finding.start))


def warn_unsafe_text(text: str, path: Path, problems: Problems, *, what: str = "source text") -> None:
    """Warn about every control character, escape sequence and bidi control of a text, located."""
    reporter = UnsafeReporter(path, problems, what)
    for finding, line, col in _findings(text):
        reporter.report(Location(path, line, col), f"{finding.what} in the {what}", unsafe_hint(finding, text))
    reporter.finish()


def check_yaml_characters(text: str, path: Path, problems: Problems, reporter: UnsafeReporter) -> bool:
    """Check the raw characters of a YAML file before parsing; False when YAML cannot read it.

    Characters YAML forbids are errors, each located; bidi controls and NEL,
    which YAML reads, are warnings through ``reporter``.
    """
    forbidden = [match.start() for match in _YAML_FORBIDDEN.finditer(text)]
    if forbidden:
        # An escape sequence is one error, not one for its ESC and one for its BEL.
        sequences = {finding.start: finding for finding in find_unsafe(text)}
        errors: list[tuple[int, str]] = []
        covered = -1
        for offset in forbidden:
            if offset < covered:
                continue
            finding = sequences.get(offset)
            errors.append((offset, finding.what if finding else f"character {char_name(text[offset])}"))
            covered = finding.end if finding else offset + 1
        index = LineIndex(text)
        for offset, what in errors[:MAX_REPORTED_PER_FILE]:
            line, col = index.line_col(offset)
            problems.error(Location(path, line, col), f"{what} is not allowed in YAML",
                           hint="delete it; it most likely came with text pasted from a web page or a terminal")
        if len(errors) > MAX_REPORTED_PER_FILE:
            line, col = index.line_col(errors[MAX_REPORTED_PER_FILE][0])
            problems.error(Location(path, line, col),
                           f"and {len(errors) - MAX_REPORTED_PER_FILE} more character(s) YAML does not allow",
                           hint="clean the file: these are not words of the text")
        return False
    for finding, line, col in _findings(text):
        reporter.report(Location(path, line, col), f"{finding.what} in the {reporter.what}",
                        unsafe_hint(finding, text))
    return True


def warn_escaped_unsafe(value: str, raw: str, location: Location, reporter: UnsafeReporter) -> None:
    """Warn once about a double-quoted YAML text that writes unsafe characters with escapes.

    ``raw`` is the text as written in the file (quotes and escapes); unsafe
    characters that stand in it as they are were reported by
    :func:`check_yaml_characters` already.
    """
    if "\\" not in raw:
        return
    written = {raw[f.start:f.end] for f in find_unsafe(raw)}
    escaped = [f for f in find_unsafe(value) if value[f.start:f.end] not in written]
    if not escaped:
        return
    more = f" (and {len(escaped) - 1} more in this text)" if len(escaped) > 1 else ""
    reporter.report(location, f"{escaped[0].what}, written as an escape in a quoted text{more}",
                    unsafe_hint(escaped[0], value))
