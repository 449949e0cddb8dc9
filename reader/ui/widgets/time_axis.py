"""A time axis a few dozen cells wide, and bars on it that keep a date's precision.

Pure layout, no Textual, so it is tested without a terminal. The axis runs
from the first to the last year any date touches. Years in which something
is dated finer than a year share most of the width (a month there is
several cells wide, so a month-precise date is drawn as a span, not a
point); years with only year-precise dates get just room for their label;
runs of years with nothing in them are squeezed into a short gap.

A date is drawn by what is known of it (see :class:`Bar`):

- a day: one point ``●``;
- a month: a heavy line ``━━━`` across the month;
- a year: a light line ``├───┤`` across the year;
- an unknown date with bounds: a dotted line ``┄┄┄`` between its bounds,
  with ``◂`` or ``▸`` where a bound is missing and the line runs on to the
  edge of the axis;
- an unknown date with no bound: nothing (the view says "date unknown").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reader.model.computed import date_bounds
from reader.model.dates import short_date  # noqa: F401  (its home is the model; the widgets import it from here)
from reader.model.types import MONTH_ABBREVIATIONS, FuzzyDate, Precision

#: Cells a year with only year-precise dates gets: room for "2015" and a space.
COARSE_CELLS = 6
#: Cells a run of empty years is squeezed into.
GAP_CELLS = 3


class Kind(StrEnum):
    """What is known of a date, which decides how its bar is drawn."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    BOUNDS = "bounds"  # unknown, somewhere between its bounds


GLYPHS = {Kind.DAY: "●", Kind.MONTH: "━", Kind.YEAR: "─", Kind.BOUNDS: "┄"}


@dataclass(frozen=True)
class Bar:
    """A date drawn on the axis: cells ``[start, end]`` (inclusive) and how.

    ``open_start``/``open_end`` say the date has no bound on that side: the
    bar runs to the edge of the axis there.
    """

    kind: Kind
    start: int
    end: int
    open_start: bool = False
    open_end: bool = False

    def text(self) -> str:
        """The bar's cells, from ``start`` to ``end``."""
        cells = self.end - self.start + 1
        if self.kind is Kind.DAY:
            return GLYPHS[Kind.DAY]
        line = list(GLYPHS[self.kind] * cells)
        if self.kind is Kind.YEAR and cells >= 3:
            line[0], line[-1] = "├", "┤"
        if self.kind is Kind.BOUNDS:
            if self.open_start:
                line[0] = "◂"
            if self.open_end:
                line[-1] = "▸"
        return "".join(line)


@dataclass(frozen=True)
class Stretch:
    """The days ``first``..``last`` (inclusive), drawn over cells ``start``..``start + cells - 1``."""

    first: dt.date
    last: dt.date
    start: int
    cells: int
    gap: bool = False  # a run of years with nothing dated in them

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def cell(self, day: dt.date) -> int:
        """The cell that shows ``day`` (a day inside the stretch)."""
        return self.start + min(self.cells - 1, (day - self.first).days * self.cells // self.days)


def kind_of(date: FuzzyDate) -> Kind | None:
    """How a date is drawn, or None when it is unknown and unbounded."""
    precision = date.precision
    if precision is Precision.DAY:
        return Kind.DAY
    if precision is Precision.MONTH:
        return Kind.MONTH
    if precision is Precision.YEAR:
        return Kind.YEAR
    earliest, latest = date_bounds(date)
    return Kind.BOUNDS if earliest or latest else None


class TimeAxis:
    """Maps days to cells for a set of dates, ``width`` cells wide (see the module docstring)."""

    def __init__(self, dates: Sequence[FuzzyDate], width: int) -> None:
        self.width = max(1, width)
        years: set[int] = set()
        fine: set[int] = set()
        for date in dates:
            kind = kind_of(date)
            if kind is None:
                continue
            earliest, latest = date_bounds(date)
            for bound in (earliest, latest):
                if bound is not None:
                    years.add(bound.year)
                    if kind is not Kind.YEAR:
                        fine.add(bound.year)
        self.stretches: list[Stretch] = self._lay_out(sorted(years), fine) if years else []

    @property
    def empty(self) -> bool:
        """True when no date has a known day, month, year or bound: nothing can be drawn."""
        return not self.stretches

    def _lay_out(self, years: list[int], fine: set[int]) -> list[Stretch]:
        # The pieces in order: each year with a date, and a gap for each run of empty years between.
        pieces: list[tuple[int, int, bool]] = []  # (first year, last year, gap)
        for year in years:
            if pieces and year > pieces[-1][1] + 1:
                pieces.append((pieces[-1][1] + 1, year - 1, True))
            pieces.append((year, year, False))
        gaps = sum(1 for piece in pieces if piece[2])
        coarse = sum(1 for piece in pieces if not piece[2] and piece[0] not in fine)
        fine_count = len(pieces) - gaps - coarse
        # Narrower and narrower, gaps and year-only years give up cells first, so the years with
        # finer dates keep as much room as they can.
        for gap_cells, coarse_cells in ((GAP_CELLS, COARSE_CELLS), (1, 4), (1, 2), (1, 1)):
            spare = self.width - gaps * gap_cells - coarse * coarse_cells
            if fine_count and spare >= fine_count * max(2, coarse_cells):
                sizes = self._share(pieces, fine, spare, fine_count, gap_cells, coarse_cells)
                break
            if not fine_count and spare >= 0:
                # Only year-precise dates: the years share the width evenly.
                years_only = {piece[0] for piece in pieces if not piece[2]}
                sizes = self._share(pieces, years_only, spare + coarse * coarse_cells, coarse, gap_cells)
                break
        else:
            sizes = self._share(pieces, fine, self.width - gaps - coarse, fine_count, 1, 1)
        stretches = []
        start = 0
        for (first, last, gap), cells in zip(pieces, sizes, strict=True):
            cells = max(1, cells)
            stretches.append(Stretch(dt.date(first, 1, 1), dt.date(last, 12, 31), start, cells, gap))
            start += cells
        return stretches

    def _share(self, pieces: list[tuple[int, int, bool]], wide: set[int], room: int, count: int,
               gap_cells: int = GAP_CELLS, coarse_cells: int = COARSE_CELLS) -> list[int]:
        """Cells for each piece: gaps ``gap_cells``, years in ``wide`` an even share of ``room``, others coarse."""
        share, extra = divmod(max(room, count), max(count, 1))
        sizes = []
        for first, _last, gap in pieces:
            if gap:
                sizes.append(gap_cells)
            elif first in wide:
                sizes.append(share + (1 if extra > 0 else 0))
                extra -= 1
            else:
                sizes.append(coarse_cells)
        return sizes

    def cell(self, day: dt.date) -> int:
        """The cell that shows ``day``; days before or after the axis go to its first or last cell."""
        if not self.stretches or day < self.stretches[0].first:
            return 0
        for stretch in self.stretches:
            if day <= stretch.last:
                return stretch.cell(day)
        return self.stretches[-1].start + self.stretches[-1].cells - 1

    def bar(self, date: FuzzyDate) -> Bar | None:
        """How ``date`` is drawn, or None when it is unknown with no bound (or nothing can be drawn)."""
        kind = kind_of(date)
        if kind is None or self.empty:
            return None
        earliest, latest = date_bounds(date)
        start = self.cell(earliest) if earliest is not None else 0
        end = self.cell(latest) if latest is not None else self.width - 1
        if kind is Kind.DAY:
            end = start
        return Bar(kind, start, max(start, end), open_start=earliest is None, open_end=latest is None)

    def line(self, date: FuzzyDate) -> str:
        """The whole axis row for ``date``: its bar among blanks (all blanks for an undrawable date)."""
        bar = self.bar(date)
        if bar is None:
            return " " * self.width
        return (" " * bar.start + bar.text()).ljust(self.width)[: self.width]

    def ticks(self) -> tuple[str, str]:
        """Two label rows for the axis: the years, and the months where a year is wide enough."""
        years = [" "] * self.width
        months = [" "] * self.width

        def put(row: list[str], at: int, label: str) -> None:
            # A label goes where it fits with a blank cell before it, so labels never run together.
            if at + len(label) <= self.width and all(cell == " " for cell in row[max(0, at - 1): at + len(label)]):
                row[at: at + len(label)] = label

        for stretch in self.stretches:
            if not stretch.gap:
                put(years, stretch.start, str(stretch.first.year))
        for stretch in self.stretches:
            if stretch.gap:
                # A gap's mark goes in only where it leaves the years' labels alone.
                at = stretch.start + max(0, (stretch.cells - 1) // 2)
                if at < self.width and years[at] == " " and (at + 1 >= self.width or years[at + 1] == " "):
                    years[at] = "…"
                continue
            per_month = stretch.cells / 12
            if per_month < 1.5:
                continue
            for month in range(1, 13):
                at = stretch.cell(dt.date(stretch.first.year, month, 1))
                put(months, at, MONTH_ABBREVIATIONS[month - 1] if per_month >= 4 else MONTH_ABBREVIATIONS[month - 1][0])
        return "".join(years)[: self.width], "".join(months)[: self.width]
