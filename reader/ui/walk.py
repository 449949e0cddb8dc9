"""What ``n`` and ``N`` step through: the selected entity's mentions, or the search's matches.

:class:`Walk` owns the places to step through (in reading order: source by
source, then by offset), which kind they are, and which of them the reader
was last taken to. It knows nothing of Textual: the case screen's guide
(:class:`reader.ui.screens.guide.Guide`) tells it what to walk and asks it
where to go next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from reader.model.search import Place, step

Kind = Literal["mentions", "matches"]


def neighbour(places: Sequence[Place], index: int, forward: bool) -> int:
    """The place after (or before) ``places[index]``, wrapping around: what :func:`step` finds from it.

    The places are in reading order, so this looks at the neighbours
    (skipping any that start at the same point) instead of making a key for
    each of thousands of places on every ``n``.
    """
    here = (places[index].source_index, places[index].span.start)
    by = 1 if forward else -1
    other = index + by
    while 0 <= other < len(places) and (places[other].source_index, places[other].span.start) == here:
        other += by
    return other % len(places)


class Walk:
    """The places ``n`` and ``N`` go through, and where the reader is among them."""

    def __init__(self) -> None:
        #: Mentions of the selected entity, or matches of the search.
        self.kind: Kind = "mentions"
        #: The places, in reading order.
        self.places: list[Place] = []
        #: The place the reader was last taken to (None: not one of these yet).
        self.index: int | None = None

    def start(self, kind: Kind, places: list[Place]) -> None:
        """Walk ``places`` from now on, from wherever the reader is."""
        self.kind = kind
        self.places = places
        self.index = None

    def next_index(self, forward: bool, here: tuple[int, int]) -> int | None:
        """The place after (or before) the last one gone to, or else after ``here`` (``(source index, offset)``)."""
        if not self.places:
            return None
        if self.index is not None:
            return neighbour(self.places, self.index, forward)
        return step(self.places, here, forward, inclusive=True)

    def summary(self, name: str) -> str:
        """How many places there are, and in how many sources: ``name: 12 mentions in 2 sources · n/N…``."""
        count, sources = len(self.places), len({place.source_id for place in self.places})
        what = "mention" if self.kind == "mentions" else "match"
        return (f"{name}: {count} {what}{'s' if count != 1 else ''} "
                f"in {sources} source{'s' if sources != 1 else ''} · n/N: next/previous")

    def where(self, index: int, name: str, *, more: bool = False) -> str:
        """Where ``places[index]`` is: ``Mention 3 of 12 · name · source 2 · n/N…`` (``more``: a count cut short)."""
        what = "Mention" if self.kind == "mentions" else "Match"
        return (f"{what} {index + 1} of {len(self.places)}{'+' if more else ''} · {name} · "
                f"source {self.places[index].source_index + 1} · n/N: next/previous")

    def index_of(self, place: Place) -> int | None:
        """Where ``place`` is among the places (None when it is not one of them)."""
        return next((index for index, other in enumerate(self.places) if other == place), None)
