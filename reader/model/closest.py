"""The closest passage: for a quote not found in its source, the passage most like it, within a budget.

When a quote is not in its source (a typo, a word changed, a digit for a
word), ``reader check`` shows the passage it was probably copied from, so
the error says where to look. Finding it compares the quote with stretches
of the text character by character (difflib), which costs the product of
their lengths: a "cell" for each pair of characters. So the search is
bounded:

- a quote and a text small enough (:data:`EXACT_SEARCH_CELLS`) are compared
  whole;
- otherwise pieces of the quote are looked up in the text with plain string
  search, the places most of them agree on are the candidates, and only
  those few stretches are compared (:func:`closest_passage`);
- every search is paid for from a :class:`SearchBudget`: one per source
  (:data:`SOURCE_SEARCH_BUDGET`), cut down to what is left of the case's
  (:data:`CASE_SEARCH_BUDGET`). A search that cannot be paid for gives up
  and says why, and the quotes after it are not searched at all: thousands
  of wrong quotes cost no more than the budget.

The text searched is a :class:`reader.model.anchor.FoldedText`, known here
only by what the search reads of it (:class:`Searched`), so this module
sits below :mod:`reader.model.anchor`, whose ``FoldedText.closest`` is how
the loader asks. The needle is the quote folded and squashed as anchoring
compares quotes; every span returned indexes the original text. How the
quote differs from the passage found, word by word, is
:func:`reader.model.anchor.describe_difference` (it folds both as anchoring
does).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Protocol

from reader.model.types import Span

# The budgets are counted in charged cells, about 15 ns each on a 2020s machine: difflib goes
# over a stretch about three times (COMPARE_PASSES), plain search scans SCAN_PER_CELL characters
# in that time. The loader reads the two budgets when it starts a search, so a test may lower them.
#: Up to this many cells (quote length × text length), the quote is compared with the whole text.
EXACT_SEARCH_CELLS = 1_000_000
#: The most cells one stretch may cost: a quote of about 2,500 characters.
CLOSEST_WINDOW_CELLS = 16_000_000
#: What all the searches in one source may cost together, in charged cells (about 0.4 s).
SOURCE_SEARCH_BUDGET = 25_000_000
#: What all the searches in a case may cost together, in charged cells (about 1.5 s): a case of
#: thousands of wrong quotes costs no more.
CASE_SEARCH_BUDGET = 100_000_000
#: How many times comparing a stretch goes over its cells (longest match, matching blocks, ratio).
COMPARE_PASSES = 3
#: How many characters plain string search scans for the cost of one cell.
SCAN_PER_CELL = 32
#: Length of the pieces of a quote looked up to find where it might be, and how many are looked up.
SEED_LENGTH = 32
SEED_PROBES = 48
#: A piece found in more places than this says nothing about where the quote is.
SEED_MAX_PLACES = 16
#: How many candidate stretches are compared in full.
SEED_WINDOWS = 3

_SPACE = re.compile(r"\s+")


@dataclass
class SearchBudget:
    """What closest-passage searches may still cost, in charged cells, and whose limit it is.

    ``of`` names the limit in messages: ``"this source"`` when the source's
    own limit bounds it, ``"the case"`` when what is left of the case's does.
    """

    cells: int
    of: str = "this source"
    #: Whether a search stopped short for want of cells: the searches after it are not begun.
    reached: bool = False

    @property
    def spent(self) -> bool:
        return self.reached or self.cells <= 0

    def used_up(self) -> str:
        """Why a search was not even begun."""
        return f"{self.of}'s search limit was used up by earlier quotes"

    def reach(self) -> str:
        """Note that a search stopped short for want of cells; say why."""
        self.reached = True
        return f"the search limit for {self.of} was reached"


class Searched(Protocol):
    """What the search reads of a text (a :class:`reader.model.anchor.FoldedText`)."""

    text: str
    """The text as written: the passage found is widened to whole words of it."""

    folded: str
    """The text normalised and folded, whitespace as written: what the quote is compared with."""

    @property
    def squashed(self) -> str:
        """``folded`` with every run of whitespace as one space: where pieces of the quote are looked up."""

    def folded_offset(self, offset: int) -> int:
        """The offset in ``folded`` of the character at ``offset`` in ``squashed``."""

    def to_original(self, span: Span) -> Span:
        """A span of ``folded`` as a span of ``text``."""


@dataclass(frozen=True)
class Closest:
    """What the search found: the passage (a span of the original text), or None and perhaps why."""

    span: Span | None = None
    #: Why the search stopped short (the budget, the quote's length), or None when it did not.
    gave_up: str | None = None


def closest_passage(text: Searched, needle: str, budget: SearchBudget) -> Closest:
    """The passage of ``text`` most like ``needle`` (a quote folded and squashed), paid for from ``budget``.

    No passage when nothing comes close (less than half alike), and none,
    with the reason, when the search gave up.
    """
    haystack = text.folded
    if not needle or not haystack:
        return Closest()
    if budget.spent:
        return Closest(gave_up=budget.used_up())
    if len(needle) * len(haystack) <= EXACT_SEARCH_CELLS:
        # Small enough to compare the quote with the whole text, as difflib does.
        budget.cells -= COMPARE_PASSES * len(needle) * len(haystack)
        found = _closest_between(haystack, needle, 0, len(haystack))
        return Closest(None if found is None else _snap_to_words(text.text, text.to_original(found[1])))
    if len(needle) > len(text.squashed):
        return Closest(gave_up=f"the quote is longer than the whole source ({len(needle):,} characters "
                               f"against {len(text.squashed):,})")
    windows = _seeded_windows(text, needle, budget)
    if isinstance(windows, str):
        return Closest(gave_up=windows)
    best: tuple[float, Span] | None = None
    for low, high in windows:
        cells = (high - low) * len(needle)
        if cells > CLOSEST_WINDOW_CELLS:
            return Closest(gave_up=f"the quote is {len(needle):,} characters long, too long to compare with "
                                   "the source in full")
        if COMPARE_PASSES * cells > budget.cells:
            return Closest(gave_up=budget.reach())
        budget.cells -= COMPARE_PASSES * cells
        found = _closest_between(haystack, needle, low, high)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return Closest(None if best is None else _snap_to_words(text.text, text.to_original(best[1])))


def _closest_between(folded: str, needle: str, low: int, high: int) -> tuple[float, Span] | None:
    """The passage of ``folded[low:high]`` most like ``needle`` (a span of ``folded``) and how alike, or None."""
    haystack = folded[low:high]
    longest = difflib.SequenceMatcher(None, haystack, needle, autojunk=False).find_longest_match(
        0, len(haystack), 0, len(needle))
    if longest.size < min(len(needle), 3):
        return None
    # Look around the longest common stretch, then trim to the stretches that match.
    slack = max(8, len(needle) // 2)
    window_low = max(0, longest.a - longest.b - slack)
    window_high = min(len(haystack), longest.a - longest.b + len(needle) + slack)
    blocks = [block for block in difflib.SequenceMatcher(
        None, haystack[window_low:window_high], needle, autojunk=False).get_matching_blocks()
        if block.size >= min(3, len(needle))]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    # Widen by the parts of the quote before the first and after the last matching
    # stretch, so a wrong first or last word still shows in the passage.
    start = max(window_low, window_low + first.a - first.b)
    end = min(window_high, window_low + last.a + last.size + (len(needle) - last.b - last.size))
    score = _similarity(_SPACE.sub(" ", haystack[start:end]), needle)
    if score < 0.5:
        return None
    return score, Span(low + start, low + end)


def _seeded_windows(text: Searched, needle: str, budget: SearchBudget) -> list[tuple[int, int]] | str:
    """Stretches of ``folded`` worth comparing with ``needle`` in full, found in time linear in the text.

    Pieces of the quote (``SEED_PROBES`` of them, spread over it) are
    looked up in the squashed text with plain string search; each place a
    rare piece is found says where the quote would start if it were
    there. The starts that most pieces agree on (give or take a quarter
    of the quote, for words added or left out) are the candidates, best
    first. None of them when no piece is found; why the search gave up (a
    string) when ``budget`` does not cover it.
    """
    squashed = text.squashed
    size = len(needle)
    # Long pieces are rare in a text; short ones survive a quote with many small mistakes:
    # the short ones are looked up only when no long one is found.
    votes: list[tuple[int, int]] | None = []
    for gram in dict.fromkeys((max(4, min(SEED_LENGTH, size // 3)), max(4, min(8, size // 4)))):
        votes = _seed_votes(squashed, needle, gram, budget)
        if votes is None:
            return budget.reach()
        if votes:
            break
    if not votes:  # no piece of the quote is in the source: nothing comes close
        return []
    votes.sort()
    drift = max(16, size // 4)
    clusters: list[tuple[int, int, int]] = []  # (-agreeing pieces, first start, last start)
    first = 0
    for last in range(len(votes)):
        while votes[last][0] - votes[first][0] > drift:
            first += 1
        agreeing = len({offset for _, offset in votes[first:last + 1]})
        clusters.append((-agreeing, votes[first][0], votes[last][0]))
    clusters.sort()
    windows: list[tuple[int, int]] = []
    slack = max(8, size // 2)
    for _, low, high in clusters:
        low, high = max(0, low - slack), min(len(squashed), high + size + slack)
        if any(low < taken_high and taken_low < high for taken_low, taken_high in windows):
            continue
        windows.append((low, high))
        if len(windows) == SEED_WINDOWS:
            break
    return [(text.folded_offset(low), text.folded_offset(high - 1) + 1) for low, high in sorted(windows)]


def _seed_votes(squashed: str, needle: str, gram: int, budget: SearchBudget) -> list[tuple[int, int]] | None:
    """Where ``needle`` would start in ``squashed``, by each of its pieces ``gram`` long that is found there.

    Each vote is (start, the piece's offset in the needle). A piece found in
    many places says little about where the quote is: those are used only
    when no rarer piece is found (a text that repeats itself). None when
    ``budget`` cannot pay for the next look-up (each may scan the whole text).
    """
    probes = sorted({round(k * (len(needle) - gram) / max(1, SEED_PROBES - 1)) for k in range(SEED_PROBES)})
    votes: list[tuple[int, int]] = []
    common: list[tuple[int, int]] = []
    whole_scan = len(squashed) // SCAN_PER_CELL
    for offset in probes:
        if budget.cells < whole_scan:
            return None
        piece = needle[offset:offset + gram]
        found: list[int] = []
        at = squashed.find(piece)
        while at != -1 and len(found) <= SEED_MAX_PLACES:
            found.append(at)
            at = squashed.find(piece, at + 1)
        # What the search scanned: to the last place found, or the whole text when it ran out.
        budget.cells -= (found[-1] if at != -1 else len(squashed)) // SCAN_PER_CELL
        (votes if len(found) <= SEED_MAX_PLACES else common).extend(
            (place - offset, offset) for place in found[:SEED_MAX_PLACES])
    return votes or common


def _similarity(candidate: str, needle: str) -> float:
    """How alike two texts are, from 0 to 1 (difflib's ratio)."""
    return difflib.SequenceMatcher(None, candidate, needle, autojunk=False).ratio()


def _snap_to_words(text: str, span: Span) -> Span:
    """Widen a span to whole words, so a passage is shown without cut words."""
    start, end = span.start, span.end
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
