"""A list row with numbers in right-aligned columns: a label that wraps on the left, the cells on the right.

The entity panel lists each entity with how often each source names it.
Written after the name, the counts ended wherever the name did, and a name
that wrapped left them at a ragged end with nothing saying what they count.
A :class:`CountColumns` row lays itself out at the width it is drawn at: the
cells, each right-aligned in a column as wide as the widest it will hold,
on the first line; the label wrapped in the room left of them, so every
row's numbers stand in one column under a heading row made the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

#: The least room the label keeps, however many columns there are: a row never becomes numbers alone.
LABEL_ROOM = 8


class CountColumns(Visual):
    """A label, then each cell right-aligned in a column of its width in ``widths`` (a space before each)."""

    def __init__(self, label: Content, cells: Sequence[Content], widths: Sequence[int]) -> None:
        self.label = label
        self.cells = tuple(cells)
        #: The cells as they are drawn: each right-aligned in its column, a space before each.
        self._right = Content("").join(Content(" ") + cell.right(width)
                                       for cell, width in zip(cells, widths, strict=True))
        self._lines_at: tuple[int, list[Content]] | None = None

    def __str__(self) -> str:
        """The row as plain words, label then cells: "Erlan Baltabay 8 18"."""
        return " ".join([self.label.plain, *(cell.plain for cell in self.cells)])

    def lines(self, width: int) -> list[Content]:
        """The row at ``width`` cells: the label's first line padded out to the cells, then its other lines."""
        if self._lines_at is not None and self._lines_at[0] == width:
            return self._lines_at[1]
        room = max(LABEL_ROOM, width - self._right.cell_length)
        wrapped = self.label.wrap(room) or [Content("")]
        first = wrapped[0].rstrip()
        lines = [first.pad_right(room - first.cell_length) + self._right, *(line.rstrip() for line in wrapped[1:])]
        self._lines_at = (width, lines)
        return lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.label.cell_length + self._right.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        # Each line fits the width already, so drawing them as one text wraps nothing again.
        return Content("\n").join(self.lines(width)).render_strips(width, height, style, options)
