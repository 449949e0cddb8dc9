"""Anchoring: finding quotes and names in source texts, tolerant of typography only.

This is the one place that turns text selectors into character offsets.
Matching is done on a *folded* copy of each text:

1. The text is put in Unicode normal form C (NFC), so ``é`` written as one
   code point and ``e`` followed by a combining accent (NFD, as some
   editors and macOS file names write it) compare equal. NFC can change
   lengths, so :class:`FoldedText` keeps a map from offsets in the normal
   copy back to offsets in the original; every span it returns indexes the
   original text. Most texts are NFC already and the map is then empty.
2. Curly quotes, dash variants and Unicode spaces are replaced one-for-one
   by their plain forms (:func:`fold`), which changes no offset.

Quotes, prefixes, suffixes and names go through the same two steps
(:func:`fold_normal`). Runs of whitespace are matched by ``\\s+`` in the
pattern rather than collapsed in the text, so that offsets stay put. A
match never starts or ends inside a cluster of a letter and its combining
marks: ``Jose`` does not match the first four letters of ``José``.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

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


def fold_normal(text: str) -> str:
    """``text`` in NFC, then folded: the form quotes and names are compared in."""
    return fold(unicodedata.normalize("NFC", text))


def _is_mark(char: str) -> bool:
    """Whether ``char`` is a combining mark (it belongs to the letter before it)."""
    return unicodedata.category(char)[0] == "M"


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """A regex character class body listing every combining mark (categories Mn, Mc, Me)."""
    # Marks live in the first two planes and in the variation selectors of plane 14.
    codes = [code for code in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)) if _is_mark(chr(code))]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                   for low, high in ranges)


def _pattern_text(text: str) -> str:
    """Regex source matching ``text`` with any typography and any whitespace runs."""
    words = _SPACE.split(fold_normal(text).strip())
    return r"\s+".join(re.escape(word) for word in words)


class NormalMap:
    """An NFC copy of a text, and the way back from its offsets to the original's.

    Only the stretches NFC changed are recorded, as ``(normal_start,
    normal_end, original_start, original_end)``; between them the two texts
    are the same character for character. An offset inside a changed stretch
    maps to the stretch's start (for a span's start) or end (for its end),
    so a span never splits a letter from its accents.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.changes: list[tuple[int, int, int, int]] = []
        if unicodedata.is_normalized("NFC", text):
            self.normal = text
        else:
            self.normal = self._normalize(text)
        self._starts = [change[0] for change in self.changes]

    def _normalize(self, text: str) -> str:
        pieces: list[str] = []
        normal_at = original_at = 0
        for line in text.split("\n"):
            # Newline is never part of a composition, so lines normalise independently,
            # and a line already in NFC (nearly all of them) costs one fast check.
            if unicodedata.is_normalized("NFC", line):
                pieces.append(line)
                normal_at += len(line)
            else:
                for start, end in _segments(line):
                    piece = line[start:end]
                    normal = unicodedata.normalize("NFC", piece)
                    if normal != piece:
                        self.changes.append((normal_at, normal_at + len(normal),
                                             original_at + start, original_at + end))
                    pieces.append(normal)
                    normal_at += len(normal)
            pieces.append("\n")
            normal_at += 1
            original_at += len(line) + 1
        pieces.pop()  # the newline after the last line
        return "".join(pieces)

    def start(self, offset: int) -> int:
        """The original offset of a span that starts at ``offset`` in the normal copy."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        _, normal_end, original_start, original_end = self.changes[index]
        return original_start if offset < normal_end else original_end + offset - normal_end

    def end(self, offset: int) -> int:
        """The original offset of a span that ends at ``offset`` in the normal copy."""
        index = bisect.bisect_left(self._starts, offset) - 1
        if index < 0:
            return offset
        _, normal_end, _, original_end = self.changes[index]
        return original_end if offset <= normal_end else original_end + offset - normal_end

    def span(self, span: Span) -> Span:
        """A span of the normal copy as a span of the original text."""
        if not self.changes:
            return span
        start = self.start(span.start)
        return Span(start, max(start, self.end(span.end)))


def _segments(line: str) -> list[tuple[int, int]]:
    """Cut ``line`` into stretches that NFC normalises independently of each other.

    A cut is tried before every character with combining class 0 and kept
    when normalising the two sides apart gives what normalising them together
    does; otherwise (Hangul jamo, some Indic vowel signs compose with the
    character before them) the stretches are joined. Below U+0300 nothing
    composes with what precedes it, so those cuts need no check.
    """
    if not line:
        return []
    cuts = [0, *(i for i in range(1, len(line)) if not unicodedata.combining(line[i])), len(line)]
    segments = []
    start, end = cuts[0], cuts[1]
    for after in cuts[2:]:
        if line[end] < "\u0300":
            safe = True
        else:
            left, right = line[start:end], line[end:after]
            safe = unicodedata.normalize("NFC", left + right) == \
                unicodedata.normalize("NFC", left) + unicodedata.normalize("NFC", right)
        if safe:
            segments.append((start, end))
            start = end
        end = after
    segments.append((start, end))
    return segments


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
    """A source text normalised and folded once for all the matching done against it.

    ``folded`` is the text to match against; its offsets are *not* the
    original's when the text was not in NFC. Every public method takes and
    returns offsets of the original ``text``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.normal = NormalMap(text)
        self.folded = fold(self.normal.normal)

    @cached_property
    def has_marks(self) -> bool:
        """Whether the text holds any combining mark (after NFC, most texts hold none)."""
        return any(_is_mark(char) for char in set(self.folded) if char >= "\u0300")

    def to_original(self, span: Span) -> Span:
        """A span of ``folded`` as a span of the original text."""
        return self.normal.span(span)

    def _whole(self, start: int, end: int) -> bool:
        """Whether ``folded[start:end]`` cuts no letter from its combining marks."""
        return not (_is_mark(self.folded[start]) or (end < len(self.folded) and _is_mark(self.folded[end])))

    def _find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` occurs, as spans of ``folded``."""
        if not quote.strip():
            return []
        return [Span(m.start(1), m.end(1)) for m in _quote_regex(quote).finditer(self.folded)
                if self._whole(m.start(1), m.end(1))]

    def find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` occurs, typography, whitespace and normal form aside."""
        return [self.to_original(span) for span in self._find_all(quote)]

    def _preceded_by(self, start: int, prefix: str) -> bool:
        window = self.folded[max(0, start - 4 * len(prefix) - 16):start]
        return re.search(_pattern_text(prefix) + r"\s*\Z", window) is not None

    def _followed_by(self, end: int, suffix: str) -> bool:
        window = self.folded[end:end + 4 * len(suffix) + 16]
        return re.match(r"\s*" + _pattern_text(suffix), window) is not None

    def locate(self, citation: Citation) -> QuoteMatch:
        """Resolve a citation against this text; every span in the answer indexes the original."""
        spans = self._find_all(citation.quote)
        if citation.prefix:
            spans = [s for s in spans if self._preceded_by(s.start, citation.prefix)]
        if citation.suffix:
            spans = [s for s in spans if self._followed_by(s.end, citation.suffix)]
        spans = [self.to_original(span) for span in spans]
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
        """The passage most like ``quote`` (a span of the original), for a helpful "not found" message."""
        needle = _SPACE.sub(" ", fold_normal(quote).strip())
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
        return _snap_to_words(self.text, self.to_original(span))


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
    mine = _SPACE.split(fold_normal(quote).strip())
    theirs = _SPACE.split(fold_normal(passage).strip())
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
    """Every name and alias (normalised and folded), with the ids of the entities that use it."""
    owners: dict[str, list[str]] = {}
    for entity in entities:
        for name in dict.fromkeys(_SPACE.sub(" ", fold_normal(n).strip()) for n in entity.names):
            if name:
                owners.setdefault(name, []).append(entity.id)
    return owners


def build_name_regex(owners: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One regex matching any name, whole words only, longest name first.

    For a text that holds combining marks, :func:`find_name_mentions` uses a
    variant in which a mark counts as part of a word, so ``Jose`` does not
    match in ``José`` written with a combining accent.
    """
    names = sorted(owners, key=lambda n: (-len(n), n))
    if not names:
        return None
    alternatives = "|".join(_pattern_text(name) for name in names)
    return re.compile(rf"{_WORD_BEFORE}(?:{alternatives}){_WORD_AFTER}")


_WORD_BEFORE, _WORD_AFTER = r"(?<!\w)", r"(?!\w)"


@lru_cache(maxsize=8)
def _mark_aware(pattern: str) -> re.Pattern[str]:
    """The name regex ``pattern`` with combining marks counted as word characters."""
    # Only texts with marks need it: listing every mark costs tens of milliseconds,
    # and after NFC most texts have none.
    inner = pattern[len(_WORD_BEFORE):len(pattern) - len(_WORD_AFTER)]
    word = rf"[\w{_mark_class()}]"
    return re.compile(rf"(?<!{word}){inner}(?!{word})")


def find_name_mentions(source: Source, folded: FoldedText, regex: re.Pattern[str] | None,
                       owners: dict[str, list[str]]) -> list[Mention]:
    """Automatic mentions in one source: every whole-word occurrence of a name.

    Scanning runs left to right; at each place the longest name wins, and
    the scan resumes after it, so names never overlap. Names owned by more
    than one entity are skipped (the checker reports them).
    """
    if regex is None:
        return []
    if folded.has_marks:
        regex = _mark_aware(regex.pattern)
    mentions = []
    for match in regex.finditer(folded.folded):
        name = _SPACE.sub(" ", match.group())
        ids = owners.get(name)
        if ids and len(ids) == 1:
            mentions.append(Mention(ids[0], source.id, folded.to_original(Span(match.start(), match.end()))))
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
