"""Overlapping spans of a text turned into properly nested open/close steps, for markup formats.

Mentions and cited passages may overlap each other in any way (a quote may
start in the middle of a name), but HTML elements must nest. :func:`nest`
cuts the text at every span boundary and opens and closes spans so that the
elements nest: a span that outlives one opened before it is closed there and
reopened as a *continuation* piece. The first piece of each span is marked,
so a renderer can give only it the span's ``id``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Piece(Generic[T]):
    """One span to mark up: ``[start, end)`` of the text, what it is, and how it sorts among equals."""

    start: int
    end: int
    value: T
    rank: int = 0  # at the same start and end, lower ranks enclose higher ones


@dataclass(frozen=True)
class Open(Generic[T]):
    """Open a piece; ``first`` is True for its first (or only) part."""

    piece: Piece[T]
    first: bool


@dataclass(frozen=True)
class Close(Generic[T]):
    """Close the innermost open piece."""

    piece: Piece[T]


@dataclass(frozen=True)
class Chars:
    """Text ``[start, end)`` of the source, inside whatever is open."""

    start: int
    end: int


Step = Open[T] | Close[T] | Chars


def nest(length: int, pieces: Sequence[Piece[T]]) -> Iterator[Step]:
    """The steps that write a text of ``length`` characters with ``pieces`` marked and properly nested.

    Empty pieces and pieces outside the text are dropped. Outer pieces are
    the ones that start first, then the longer, then the lower ``rank``.
    """
    kept = [p for p in pieces if 0 <= p.start < p.end <= length]
    order = sorted(range(len(kept)), key=lambda i: (kept[i].start, -kept[i].end, kept[i].rank, i))
    points = sorted({0, length, *(p.start for p in kept), *(p.end for p in kept)})
    stack: list[int] = []
    started: set[int] = set()
    by_start = iter(order)
    pending = next(by_start, None)
    active: list[int] = []  # indices of pieces covering the current stretch, in nesting order
    for start, end in itertools.pairwise(points):
        active = [i for i in active if kept[i].end > start]
        while pending is not None and kept[pending].start <= start:
            active.append(pending)
            pending = next(by_start, None)
        active.sort(key=lambda i: (kept[i].start, -kept[i].end, kept[i].rank, i))
        same = 0
        while same < len(stack) and same < len(active) and stack[same] == active[same]:
            same += 1
        for index in reversed(stack[same:]):
            yield Close(kept[index])
        del stack[same:]
        for index in active[same:]:
            yield Open(kept[index], index not in started)
            started.add(index)
            stack.append(index)
        yield Chars(start, end)
    for index in reversed(stack):
        yield Close(kept[index])
