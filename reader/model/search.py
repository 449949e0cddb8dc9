"""Finding things in a case's sources: text search, mention order, context lines.

Pure functions over the model, so the reader's ``/`` search and ``n``/``N``
keys can be tested (and benchmarked) without a terminal. Search is forgiving
in the same way quote anchoring is: letter case, typographic quotes and
dashes, and runs of whitespace do not matter.

Each text is searched in a *searchable* copy, folded (:func:`~reader.model.anchor.fold`)
and made caseless (:func:`caseless`), both one character for one, so a match's
offsets are the original text's. Letter case is removed from the copy rather
than ignored by the regular expression: ``re`` scans for a literal word
quickly only when case matters (a million words in about 10 ms instead of 80).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.model.anchor import fold
from reader.model.types import Case, Span

_SPACE = re.compile(r"\s+")

#: Letters that ``re.IGNORECASE`` takes as the same letter but ``str.lower`` keeps apart
#: (micro sign and mu, dotless i and i, long s and s, final sigma and sigma, ...), each
#: mapped to one of them. From CPython's ``re._casefix``; a test checks them against ``re``.
_TWINS = dict(zip("\xb5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80\u1c81"
                  "\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe\u1fd3\u1fe3\ufb06",
                  "\u03bcis\u03b9\u03c3\u03b2\u03b8\u03c6\u03c0\u03ba\u03c1\u03b5\u0432\u0434"
                  "\u043e\u0441\u0442\u0442\u044a\u0463\ua64b\u1e61\u03b9\u0390\u03b0\ufb05", strict=True))
_TWIN = re.compile("[" + "".join(_TWINS) + "]")
_DOTTED_I = "\u0130"


def caseless(text: str) -> str:
    """``text`` without letter case, as ``re.IGNORECASE`` sees it, one character for one.

    A case-sensitive search of this copy for a caseless query finds what a
    case-blind search of the text finds, at the same offsets.
    """
    if text.isascii():
        return text.lower()
    # str.lower makes the dotted capital I two characters; its one-letter lowercase is "i".
    text = text.replace(_DOTTED_I, "i").lower()
    return _TWIN.sub(lambda match: _TWINS[match.group()], text) if _TWIN.search(text) else text


def searchable(text: str) -> str:
    """The copy of ``text`` that :func:`query_pattern` patterns are run on: folded and caseless."""
    return caseless(fold(text))


@dataclass(frozen=True, order=True)
class Place:
    """A passage in one of the case's sources, ordered source by source, then by offset."""

    source_index: int
    span: Span
    source_id: str = ""


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The regex that finds ``query`` in :func:`searchable` text, or None for an empty query."""
    words = _SPACE.split(searchable(query).strip())
    if not words or words == [""]:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


class TextSearch:
    """Searches the sources of a case; each text's searchable copy is made once, on first use.

    Safe to use from a worker thread while the UI thread uses it too: the
    copies are only ever added to a dict, and a copy made twice is the same.
    """

    def __init__(self, case: Case) -> None:
        self.case = case
        self._order = {source_id: index for index, source_id in enumerate(case.sources)}
        self._searchable: dict[str, str] = {}

    def _text(self, source_id: str) -> str:
        text = self._searchable.get(source_id)
        if text is None:
            text = self._searchable[source_id] = searchable(self.case.sources[source_id].text)
        return text

    def find_in(self, source_id: str, query: str, *, limit: int | None = None) -> list[Span]:
        """Where ``query`` occurs in one source, in text order (at most ``limit`` places)."""
        pattern = query_pattern(query)
        if pattern is None:
            return []
        spans: list[Span] = []
        for match in pattern.finditer(self._text(source_id)):
            if match.end() > match.start():
                spans.append(Span(match.start(), match.end()))
                if limit is not None and len(spans) >= limit:
                    break
        return spans

    def find(self, query: str, *, limit: int | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[Place]:
        """Every place ``query`` occurs, source by source in case order.

        ``limit`` caps the number of places returned (a one-letter query in a
        million words would otherwise list hundreds of thousands).
        ``cancelled`` is asked before each source; when it says True the
        search stops and returns what it found so far (a worker whose query
        was superseded).
        """
        pattern = query_pattern(query)
        if pattern is None:
            return []
        places: list[Place] = []
        for source_id, index in self._order.items():
            if cancelled is not None and cancelled():
                break
            for match in pattern.finditer(self._text(source_id)):
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
