"""Finding things in a case's sources: text search, mention order, context lines.

Pure functions over the model, so the reader's ``/`` search and ``n``/``N``
keys can be tested (and benchmarked) without a terminal. Search is forgiving
in the same way quote anchoring is: letter case, typographic quotes and
dashes, and runs of whitespace do not matter.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model.anchor import fold
from reader.model.types import Case, Span

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class Place:
    """A passage in one of the case's sources, ordered source by source, then by offset."""

    source_index: int
    span: Span
    source_id: str = ""


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The regex that finds ``query`` in folded text, or None for an empty query."""
    words = _SPACE.split(fold(query).strip())
    if not words or words == [""]:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


class TextSearch:
    """Searches every source of a case; each text is folded once, on first use."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._order = {source_id: index for index, source_id in enumerate(case.sources)}
        self._folded: dict[str, str] = {}

    def _folded_text(self, source_id: str) -> str:
        folded = self._folded.get(source_id)
        if folded is None:
            folded = self._folded[source_id] = fold(self.case.sources[source_id].text)
        return folded

    def find(self, query: str, *, limit: int | None = None) -> list[Place]:
        """Every place ``query`` occurs, source by source in case order.

        ``limit`` caps the number of places returned (a one-letter query in a
        million words would otherwise list hundreds of thousands).
        """
        pattern = query_pattern(query)
        if pattern is None:
            return []
        places: list[Place] = []
        for source_id, index in self._order.items():
            for match in pattern.finditer(self._folded_text(source_id)):
                if match.end() > match.start():
                    places.append(Place(index, Span(match.start(), match.end()), source_id))
                    if limit is not None and len(places) >= limit:
                        return places
        return places


def mention_places(case: Case, entity_id: str) -> list[Place]:
    """Every mention of an entity as a :class:`Place`, in reading order across sources."""
    order = {source_id: index for index, source_id in enumerate(case.sources)}
    return [Place(order[m.source_id], m.span, m.source_id) for m in case.mentions_of(entity_id)]


def step(places: Sequence[Place], position: tuple[int, int], forward: bool, *, inclusive: bool = False) -> int | None:
    """The index of the place after (or before) ``position``, wrapping around the ends.

    ``position`` is ``(source_index, offset)``. Going forward, the first place
    starting after it is chosen (at it too, when ``inclusive``); going back, the
    last place starting before it. None when there are no places.
    """
    if not places:
        return None
    keys = [(place.source_index, place.span.start) for place in places]
    if forward:
        index = (bisect.bisect_left if inclusive else bisect.bisect_right)(keys, position)
        return index % len(places)
    index = bisect.bisect_left(keys, position) - 1
    return index % len(places)


@dataclass(frozen=True)
class Context:
    """A keyword in its context: the text before it, the keyword, the text after."""

    before: str
    keyword: str
    after: str


def context_around(text: str, span: Span, width: int = 30) -> Context:
    """Up to ``width`` characters either side of ``span``, on one line, cut at word boundaries."""
    start = max(0, span.start - width)
    end = min(len(text), span.end + width)
    before = _SPACE.sub(" ", text[start : span.start])
    after = _SPACE.sub(" ", text[span.end : end])
    if start > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return Context(before, _SPACE.sub(" ", text[span.start : span.end]), after)
