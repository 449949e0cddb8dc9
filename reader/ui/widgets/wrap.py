"""Plain-text helpers for the source view: make text safe to show, and wrap it.

Nothing here imports Textual, so it can be tested without a terminal. Both
steps keep character offsets intact: :func:`clean` (from
:mod:`reader.model.text_safety`, re-exported here for the widgets) replaces
each control and bidi control by exactly one visible character, and
:func:`wrap` returns rows as ``[start, end)`` offsets into the text, so a
mention's :class:`~reader.model.Span` can be laid over the rows without any
translation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from reader.model.text_safety import clean

try:  # rich >= 15 knows grapheme clusters; older versions split by code point.
    from rich.cells import split_graphemes
except ImportError:  # pragma: no cover - depends on the installed rich
    split_graphemes = None

__all__ = ["Row", "clean", "wrap"]


class Row(NamedTuple):
    """One screen row of wrapped text: the offsets ``[start, end)`` it shows."""

    start: int
    end: int


_TOKEN = re.compile(r"\s+|\S+")

#: Characters one cell wide that are neither whitespace (but the space) nor part of a
#: bigger grapheme: printable ASCII, most Latin, Greek and Cyrillic letters, and the
#: typographic quotes, dashes and ellipsis. A line of only these has a row as wide as it
#: is long, and breaks only at spaces.
_NARROW = frozenset(
    char
    for first, last in ((0x20, 0x7E), (0xA1, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E))
    for char in map(chr, range(first, last + 1))
    if char == " " or (char.isprintable() and not char.isspace() and get_character_cell_size(char) == 1)
)
_is_narrow = _NARROW.issuperset


def wrap(text: str, width: int) -> list[Row]:
    """Wrap ``text`` to ``width`` cells on word boundaries, paragraph by paragraph.

    Each newline ends a row; an empty line is an empty row (but the final
    newline of a text adds none). Spaces where a
    row breaks are not shown. A word wider than a whole row is cut between
    graphemes. Widths are measured in terminal cells, so wide (CJK) and
    zero-width characters take the room they really take.

    Args:
        text: Text without control characters (see :func:`clean`).
        width: Row width in cells; anything below 1 is treated as 1.

    Returns:
        The rows, in order, covering every non-break character of the text.
    """
    width = max(1, width)
    rows: list[Row] = []
    offset = 0
    lines = text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # a file's final newline ends the last line; it does not start a blank one
    for line in lines:
        # Most text is one cell a character, with only spaces for whitespace. Such a
        # line is wrapped a row at a time with string searches, several times faster.
        if (line.isascii() and line.isprintable()) or _is_narrow(line):
            _wrap_narrow_line(line, offset, width, rows)
        else:
            _wrap_line(line, offset, width, rows)
        offset += len(line) + 1
    return rows


def _wrap_line(line: str, base: int, width: int, rows: list[Row]) -> None:
    """Append the rows of one paragraph (no newline inside) to ``rows``."""
    start = end = 0  # the row being filled is line[start:end]
    used = 0  # cells in line[start:end]
    gap = 0  # cells of whitespace after `end`, shown only if a word follows on this row
    for match in _TOKEN.finditer(line):
        token_start, token_end = match.span()
        cells = cell_len(match.group())
        if match.group()[0].isspace() and token_start > 0:
            gap += cells
            continue
        # A word, or the paragraph's leading indentation (kept as if a word).
        if end > start and used + gap + cells <= width:
            end, used, gap = token_end, used + gap + cells, 0
            continue
        if end > start:
            rows.append(Row(base + start, base + end))
        start, gap = token_start, 0
        if cells <= width:
            end, used = token_end, cells
        else:
            start, used = _cut_long_word(line, token_start, token_end, base, width, rows)
            end = token_end
    rows.append(Row(base + start, base + end))


def _wrap_narrow_line(line: str, base: int, width: int, rows: list[Row]) -> None:
    """:func:`_wrap_line` for a line of narrow characters (see ``_NARROW``): a row is as wide as it is long.

    The same rows: each row holds the words (the leading indentation counted
    as one) whose span from the row's start fits the width; a word wider
    than a row is cut into rows of ``width`` characters.
    """
    length = len(line)
    if not length:
        rows.append(Row(base, base))
        return
    last = len(line.rstrip(" "))  # where the last word ends: trailing spaces are never shown
    start = 0
    # The first "word" is the indentation when there is some.
    word_end = length - len(line.lstrip(" ")) if line[0] == " " else _word_end(line, 0, length)
    while True:
        while word_end - start > width:  # a word wider than a row: cut it
            rows.append(Row(base + start, base + start + width))
            start += width
        end = word_end
        limit = start + width
        if limit >= last:
            end = max(end, last)  # every word left fits on this row
        elif limit > end:
            # The last word that ends by the limit: the one before the space at (or before) it.
            stop = limit if line[limit] == " " else line.rfind(" ", end, limit)
            while stop > end and line[stop - 1] == " ":
                stop -= 1
            end = max(end, stop)
        rows.append(Row(base + start, base + end))
        if end >= last:
            return
        start = end
        while line[start] == " ":
            start += 1
        word_end = _word_end(line, start, length)


def _word_end(line: str, start: int, length: int) -> int:
    """Where the word at ``start`` ends: at the next space, or the end of the line."""
    end = line.find(" ", start)
    return length if end < 0 else end


def _cut_long_word(line: str, start: int, end: int, base: int, width: int, rows: list[Row]) -> tuple[int, int]:
    """Append full-width rows of an over-long word; return where the rest starts and its cells."""
    row_start, used = start, 0
    for grapheme_start, grapheme_cells in _graphemes(line, start, end):
        if used and used + grapheme_cells > width:
            rows.append(Row(base + row_start, base + grapheme_start))
            row_start, used = grapheme_start, 0
        used += grapheme_cells
    return row_start, used


def _graphemes(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(offset, cells)`` of each grapheme of ``line[start:end]``."""
    if split_graphemes is not None:
        spans, _ = split_graphemes(line[start:end])
        return [(start + span_start, cells) for span_start, _, cells in spans]
    return [(index, get_character_cell_size(line[index])) for index in range(start, end)]

