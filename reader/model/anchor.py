"""Anchoring: finding quotes and names in source texts, tolerant of typography only.

This is the one place that turns text selectors into character offsets.
Matching is done on a *folded* copy of each text in which curly quotes,
dash variants and Unicode spaces are replaced one-for-one by their plain
forms, so offsets in the folded copy are offsets in the original. Runs of
whitespace are matched by ``\\s+`` in the pattern rather than collapsed in
the text, for the same reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader.model.types import Citation, Entity, Mention, Source, Span

_FOLD = {
    **dict.fromkeys("‘’‚‛", "'"),
    **dict.fromkeys("“”„‟", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000\t\r\n\f\v", " "),
}
_FOLD_TABLE = str.maketrans(_FOLD)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Replace typographic variants by plain characters, one for one."""
    return text.translate(_FOLD_TABLE)


def _pattern_text(text: str) -> str:
    """Regex source matching ``text`` with any typography and any whitespace runs."""
    words = _SPACE.split(fold(text).strip())
    return r"\s+".join(re.escape(word) for word in words)


@lru_cache(maxsize=4096)
def _quote_regex(quote: str) -> re.Pattern[str]:
    # Inside a lookahead the match is tried at every position, so occurrences that
    # overlap ("aba" twice in "ababa") are all found and each can be cited.
    return re.compile(f"(?=({_pattern_text(quote)}))")


@dataclass(frozen=True)
class QuoteMatch:
    """What became of one citation: its span, or why it has none.

    Exactly one of ``span`` (found once), ``places`` (found several times:
    the spans, so the caller can list their lines) or ``closest`` (not
    found: the nearest passage, possibly None) is meaningful.
    """

    span: Span | None = None
    places: tuple[Span, ...] = ()
    closest: Span | None = None
    occurrence_out_of_range: int = 0  # the number of matches, when occurrence asked for more

    @property
    def found(self) -> bool:
        return self.span is not None


class FoldedText:
    """A source text folded once for all the matching done against it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)

    def find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` occurs, typography and whitespace aside."""
        if not quote.strip():
            return []
        return [Span(m.start(1), m.end(1)) for m in _quote_regex(quote).finditer(self.folded)]

    def _preceded_by(self, start: int, prefix: str) -> bool:
        window = self.folded[max(0, start - 4 * len(prefix) - 16):start]
        return re.search(_pattern_text(prefix) + r"\s*\Z", window) is not None

    def _followed_by(self, end: int, suffix: str) -> bool:
        window = self.folded[end:end + 4 * len(suffix) + 16]
        return re.match(r"\s*" + _pattern_text(suffix), window) is not None

    def locate(self, citation: Citation) -> QuoteMatch:
        """Resolve a citation against this text."""
        spans = self.find_all(citation.quote)
        if citation.prefix:
            spans = [s for s in spans if self._preceded_by(s.start, citation.prefix)]
        if citation.suffix:
            spans = [s for s in spans if self._followed_by(s.end, citation.suffix)]
        if citation.occurrence is not None:
            if citation.occurrence <= len(spans):
                return QuoteMatch(span=spans[citation.occurrence - 1])
            if spans:
                return QuoteMatch(occurrence_out_of_range=len(spans), places=tuple(spans))
            spans = []
        if len(spans) == 1:
            return QuoteMatch(span=spans[0])
        if spans:
            return QuoteMatch(places=tuple(spans))
        return QuoteMatch(closest=self.closest(citation.quote))

    def closest(self, quote: str) -> Span | None:
        """The passage most like ``quote``, for a helpful "not found" message."""
        needle = _SPACE.sub(" ", fold(quote).strip())
        haystack = self.folded
        if not needle or not haystack:
            return None
        longest = difflib.SequenceMatcher(None, haystack, needle, autojunk=False).find_longest_match(
            0, len(haystack), 0, len(needle))
        if longest.size < min(len(needle), 3):
            return None
        # Look around the longest common stretch, then trim to the stretches that match.
        slack = max(8, len(needle) // 2)
        low = max(0, longest.a - longest.b - slack)
        high = min(len(haystack), longest.a - longest.b + len(needle) + slack)
        blocks = [block for block in difflib.SequenceMatcher(
            None, haystack[low:high], needle, autojunk=False).get_matching_blocks()
            if block.size >= min(3, len(needle))]
        if not blocks:
            return None
        first, last = blocks[0], blocks[-1]
        # Widen by the parts of the quote before the first and after the last matching
        # stretch, so a wrong first or last word still shows in the passage.
        start = max(low, low + first.a - first.b)
        end = min(high, low + last.a + last.size + (len(needle) - last.b - last.size))
        span = Span(start, end)
        candidate = _SPACE.sub(" ", haystack[span.start:span.end])
        if difflib.SequenceMatcher(None, candidate, needle, autojunk=False).ratio() < 0.5:
            return None
        return _snap_to_words(self.text, span)


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


def describe_difference(quote: str, passage: str, limit: int = 3) -> list[str]:
    """How a quote differs from the passage found for it, word by word."""
    mine = _SPACE.split(fold(quote).strip())
    theirs = _SPACE.split(fold(passage).strip())
    changes: list[str] = []
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, source = " ".join(mine[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            if ours.lower() == source.lower():
                changes.append(f"letter case: “{ours}” in your quote, “{source}” in the source")
            else:
                changes.append(f"“{ours}” in your quote, “{source}” in the source")
        elif tag == "delete":
            changes.append(f"“{ours}” is in your quote but not in the source")
        else:
            changes.append(f"the source has “{source}” here")
    if len(changes) > limit:
        changes = [*changes[:limit], f"and {len(changes) - limit} more difference(s)"]
    return changes


# --- mentions ------------------------------------------------------------------------

def name_owners(entities: Iterable[Entity]) -> dict[str, list[str]]:
    """Every name and alias (folded), with the ids of the entities that use it."""
    owners: dict[str, list[str]] = {}
    for entity in entities:
        for name in dict.fromkeys(_SPACE.sub(" ", fold(n).strip()) for n in entity.names):
            if name:
                owners.setdefault(name, []).append(entity.id)
    return owners


def build_name_regex(owners: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One regex matching any name, whole words only, longest name first."""
    names = sorted(owners, key=lambda n: (-len(n), n))
    if not names:
        return None
    alternatives = "|".join(_pattern_text(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_name_mentions(source: Source, folded: FoldedText, regex: re.Pattern[str] | None,
                       owners: dict[str, list[str]]) -> list[Mention]:
    """Automatic mentions in one source: every whole-word occurrence of a name.

    Scanning runs left to right; at each place the longest name wins, and
    the scan resumes after it, so names never overlap. Names owned by more
    than one entity are skipped (the checker reports them).
    """
    if regex is None:
        return []
    mentions = []
    for match in regex.finditer(folded.folded):
        name = _SPACE.sub(" ", match.group())
        ids = owners.get(name)
        if ids and len(ids) == 1:
            mentions.append(Mention(ids[0], source.id, Span(match.start(), match.end())))
    return mentions


def merge_mentions(automatic: list[Mention], explicit: list[Mention],
                   excluded: dict[str, list[Span]]) -> list[Mention]:
    """Combine automatic and explicit mentions of one source, in text order.

    An automatic mention is dropped when its entity excludes a passage that
    contains it, or when an explicit mention overlaps it (the annotator's
    word wins over the name matcher).
    """
    explicit_spans = sorted(m.span for m in explicit)
    kept = []
    for mention in automatic:
        if any(span.contains(mention.span) for span in excluded.get(mention.entity_id, ())):
            continue
        if any(span.overlaps(mention.span) for span in explicit_spans):
            continue
        kept.append(mention)
    return sorted(kept + explicit, key=lambda m: (m.span.start, m.span.end))
