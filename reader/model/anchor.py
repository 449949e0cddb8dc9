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
(:func:`fold_normal`). Runs of whitespace compare equal to a single space:
quotes and names are looked up in a *squashed* copy of the folded text
(every run of whitespace one space) with plain string search and an
Aho-Corasick automaton, and each match is mapped back through the few
places where a run was shortened. No regular expression is built per quote
or per name (only per prefix or suffix, cached), so a case with thousands
of citations and names loads in time proportional to its text (see
``benchmarks/``). A match never starts or ends inside a cluster of a letter
and its combining marks: ``Jose`` does not match the first four letters of
``José``.

A quote that is not found gets the passage most like it, for the error to
show: that search, and the budgets that bound it, are
:mod:`reader.model.closest` (:meth:`FoldedText.closest` asks it).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, islice

from reader.model import closest as closest_search
from reader.model.closest import SearchBudget, closest_passage
from reader.model.types import Citation, Entity, Mention, Source, Span

try:  # C Aho-Corasick automaton (pyahocorasick); the pure-Python trie below does the same, slower.
    import ahocorasick
except ImportError:  # pragma: no cover - depends on the installation
    ahocorasick = None

_FOLD = {
    **dict.fromkeys("‘’‚‛", "'"),
    **dict.fromkeys("“”„‟", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000\t\r\n\f\v", " "),
}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")
_SPACE = re.compile(r"\s+")
#: The whitespace characters (``\s``, ``str.isspace``) that folding leaves as they are.
#: A folded text is squashed by turning these into spaces (one for one) and then runs of
#: spaces into one: two scans for a literal space, much faster than ``\s+`` over the text.
UNFOLDED_SPACES = "\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
_UNFOLDED_SPACE = re.compile(f"[{UNFOLDED_SPACES}]")
_SPACE_RUN = re.compile(" {2,}")
#: Tokens of a text: a run of word characters, a run of whitespace, or one other character.
#: Whole-word matching falls on token boundaries (see :class:`NameMatcher`).
_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)


# Finding a quote scans the whole text (every place it occurs is wanted), so a source cited
# thousands of times cost thousands of scans: 5,000 quotes in a 2 MB source, 3.4 s. Past a
# point they are looked up together instead, in one pass of an Aho-Corasick automaton.
#: From how many characters scanned (quotes × text length) a source's quotes are looked up together.
TOGETHER_FROM_CHARS = 100_000_000
#: A quote longer than this is looked up alone: an automaton recurses as deep as its longest word.
TOGETHER_LONGEST = 5_000
#: At most this many characters of quotes go into one automaton (its memory grows with them).
TOGETHER_AT_MOST = 4_000_000

#: The most names marked in one source. An article mentions names a few thousand times at
#: most (the large benchmark case, 500 times a source); 30 MB of one name repeated made three
#: million mentions, 9 s and 1.3 GB to check. Past it, the rest of the source is not searched.
MAX_MENTIONS_PER_SOURCE = 100_000

#: The longest name or alias, in characters, that names are matched by. The case format refuses
#: longer ones; the matcher skips them. Names are a few words: this is far above any real one
#: and far below what the C automaton can take (a name of 700,000 characters overflows its stack).
MAX_NAME_CHARS = 300

def _folded_char(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def fold(text: str) -> str:
    """Replace typographic variants by plain characters, one for one."""
    # Faster than str.translate, which looks up every character of a non-ASCII text
    # in the table; here only the few characters that change are touched.
    return _FOLDABLE.sub(_folded_char, text)


def fold_normal(text: str) -> str:
    """``text`` in NFC, then folded: the form quotes and names are compared in."""
    return fold(unicodedata.normalize("NFC", text))


def _is_mark(char: str) -> bool:
    """Whether ``char`` is a combining mark (it belongs to the letter before it)."""
    return unicodedata.category(char)[0] == "M"


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


def squash(text: str) -> str:
    """``text`` folded, trimmed, with every run of whitespace as one space: how quotes and names compare."""
    return _SPACE.sub(" ", fold_normal(text).strip())


@lru_cache(maxsize=4096)
def _prefix_regex(prefix: str) -> re.Pattern[str]:
    return re.compile(_pattern_text(prefix) + r"\s*\Z")


@lru_cache(maxsize=4096)
def _suffix_regex(suffix: str) -> re.Pattern[str]:
    return re.compile(r"\s*" + _pattern_text(suffix))


@dataclass(frozen=True)
class QuoteMatch:
    """What became of one citation: its span, or why it has none.

    Exactly one of ``span`` (found once), ``places`` (found several times:
    the spans, so the caller can list their lines) or ``closest`` (not
    found: the nearest passage, possibly None, with ``search_gave_up``
    saying why when the search for it stopped short) is meaningful.
    """

    span: Span | None = None
    places: tuple[Span, ...] = ()
    closest: Span | None = None
    occurrence_out_of_range: int = 0  # the number of matches, when occurrence asked for more
    search_gave_up: str | None = None  # why no closest passage was looked for in full, if so

    @property
    def found(self) -> bool:
        return self.span is not None


class FoldedText:
    """A source text normalised, folded and squashed once for all the matching done against it.

    ``folded`` is the NFC copy of the text, folded; its offsets are *not*
    the original's when the text was not in NFC. ``squashed`` is ``folded``
    with every run of whitespace replaced by one space: where a run of two
    or more was shortened, ``_run_at`` holds its offset in ``squashed`` and
    ``_shift`` how many characters all runs up to and including it removed,
    so an offset maps back to ``folded`` by bisection. Every public method
    takes and returns offsets of the original ``text``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.normal = NormalMap(text)
        self.folded = fold(self.normal.normal)
        self._squashed: str | None = None
        self._run_at: list[int] = []
        self._shift: list[int] = []
        #: Where each of the needles looked up together occurs in ``squashed`` (see :meth:`look_up_together`).
        self._starts: dict[str, list[int]] = {}
        #: What the closest-passage searches in this text may still cost when no budget is given them.
        self.search_budget: SearchBudget | None = None
        #: Why the last closest-passage search gave up, or None when it did not.
        self.search_gave_up: str | None = None

    @property
    def squashed(self) -> str:
        """The folded text with every run of whitespace as one space (made on first use)."""
        if self._squashed is None:
            spaced = self.folded
            if any(space in spaced for space in UNFOLDED_SPACES):
                spaced = _UNFOLDED_SPACE.sub(" ", spaced)
            pieces, kept_to, removed = [], 0, 0
            for run in _SPACE_RUN.finditer(spaced):
                pieces.append(spaced[kept_to:run.start() + 1])
                kept_to = run.end()
                self._run_at.append(run.start() - removed)
                removed += run.end() - run.start() - 1
                self._shift.append(removed)
            pieces.append(spaced[kept_to:])
            self._squashed = "".join(pieces)
        return self._squashed

    @cached_property
    def has_marks(self) -> bool:
        """Whether the text holds any combining mark (after NFC, most texts hold none)."""
        if self.folded.isascii():  # most texts, and the check is instant
            return False
        return any(_is_mark(char) for char in set(self.folded) if char >= "\u0300")

    def to_original(self, span: Span) -> Span:
        """A span of ``folded`` as a span of the original text."""
        return self.normal.span(span)

    def _whole(self, start: int, end: int) -> bool:
        """Whether ``folded[start:end]`` cuts no letter from its combining marks."""
        return not (_is_mark(self.folded[start]) or (end < len(self.folded) and _is_mark(self.folded[end])))

    def folded_offset(self, offset: int) -> int:
        """The offset in ``folded`` of the character at ``offset`` in ``squashed``."""
        runs_before = bisect.bisect_left(self._run_at, offset)
        return offset + (self._shift[runs_before - 1] if runs_before else 0)

    def unsquash(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` in ``squashed``, in text order, as offsets in the original text."""
        self.squashed  # noqa: B018 - made on first use, with the runs that map offsets back
        runs, shifts, normal = self._run_at, self._shift, self.normal
        # Both ends only move forward: walk the shortened runs once instead of bisecting.
        first = last = 0
        mapped = []
        for start, end, name in found:
            while first < len(runs) and runs[first] < start:
                first += 1
            while last < len(runs) and runs[last] < end - 1:
                last += 1
            start, end = start + (shifts[first - 1] if first else 0), end + (shifts[last - 1] if last else 0)
            if normal.changes:
                span = normal.span(Span(start, end))
                start, end = span.start, span.end
            mapped.append((start, end, name))
        return mapped

    def _spans(self, needle: str, skip: int = 0) -> list[Span]:
        """Spans of ``folded`` where ``needle`` occurs in ``squashed`` (overlapping ones too).

        ``skip`` characters at the start of each occurrence are left out of its
        span (a prefix searched for together with the quote).
        """
        squashed, last = self.squashed, len(needle) - 1
        starts = self._starts.get(needle)
        if starts is not None:
            return [Span(self.folded_offset(at + skip), self.folded_offset(at + last) + 1) for at in starts]
        spans = []
        at = squashed.find(needle)
        while at != -1:
            spans.append(Span(self.folded_offset(at + skip), self.folded_offset(at + last) + 1))
            at = squashed.find(needle, at + 1)
        return spans

    def look_up_together(self, citations: Iterable[Citation]) -> None:
        """Find where the quotes of many citations occur in one pass over the text, for :meth:`locate` to use.

        Only worth it when the quotes are many and the text long: each quote
        looked up alone scans the whole text. The answers are the same either
        way (every place, overlapping ones too); a quote too long for the
        automaton, or past what it may hold, is still looked up alone. Does
        nothing without the ``pyahocorasick`` package.
        """
        if ahocorasick is None:
            return
        needles: dict[str, None] = {}
        for citation in citations:
            needle = squash(citation.quote)
            before = squash(citation.prefix) if citation.prefix else ""
            for wanted in (needle, before + needle, f"{before} {needle}") if before and needle else (needle,):
                needles[wanted] = None
        automaton, held = ahocorasick.Automaton(), 0
        for needle in needles:
            if needle and needle not in self._starts and len(needle) <= TOGETHER_LONGEST \
                    and held + len(needle) <= TOGETHER_AT_MOST:
                automaton.add_word(needle, needle)
                self._starts[needle] = []
                held += len(needle)
        if not held:
            return
        automaton.make_automaton()
        starts = self._starts
        for end, needle in automaton.iter(self.squashed):  # by where each ends: each needle's in text order
            starts[needle].append(end - len(needle) + 1)

    def _find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` occurs, as spans of ``folded``."""
        needle = squash(quote)
        if not needle:
            return []
        spans = self._spans(needle)
        return [span for span in spans if self._whole(span.start, span.end)] if self.has_marks else spans

    def find_all(self, quote: str) -> list[Span]:
        """Every place ``quote`` occurs, typography, whitespace and normal form aside (overlapping ones too)."""
        return [self.to_original(span) for span in self._find_all(quote)]

    def _find_after(self, prefix: str, quote: str) -> list[Span]:
        """Spans of ``folded`` where ``quote`` may follow ``prefix``: the two together, with or without a space.

        A superset of the places of :meth:`_find_all` that :meth:`_preceded_by`
        accepts, found with two searches rather than a check at every place of
        a short quote ("He").
        """
        before, needle = squash(prefix), squash(quote)
        if not before or not needle:
            return self._find_all(quote)
        spans = sorted({*self._spans(before + needle, skip=len(before)),
                        *self._spans(f"{before} {needle}", skip=len(before) + 1)})
        return [span for span in spans if self._whole(span.start, span.end)] if self.has_marks else spans

    def _preceded_by(self, start: int, prefix: str) -> bool:
        window = self.folded[max(0, start - 4 * len(prefix) - 16):start]
        return _prefix_regex(prefix).search(window) is not None

    def _followed_by(self, end: int, suffix: str) -> bool:
        window = self.folded[end:end + 4 * len(suffix) + 16]
        return _suffix_regex(suffix).match(window) is not None

    def locate(self, citation: Citation, *, closest: bool = True) -> QuoteMatch:
        """Resolve a citation against this text; every span in the answer indexes the original.

        With ``closest`` False, a quote not found is not compared with the text
        (the caller searches for its closest passage later, within a budget).
        """
        if citation.prefix:
            spans = [s for s in self._find_after(citation.prefix, citation.quote)
                     if self._preceded_by(s.start, citation.prefix)]
        else:
            spans = self._find_all(citation.quote)
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
        if not closest:
            return QuoteMatch()
        passage = self.closest(citation.quote)
        return QuoteMatch(closest=passage, search_gave_up=self.search_gave_up)

    def closest(self, quote: str, budget: SearchBudget | None = None) -> Span | None:
        """The passage most like ``quote`` (a span of the original), for a helpful "not found" message.

        The search is :func:`reader.model.closest.closest_passage`; what it
        costs is taken from ``budget`` (by default, this text's own, of
        :data:`~reader.model.closest.SOURCE_SEARCH_BUDGET`). None when
        nothing comes close, and also when the search gave up
        (:attr:`search_gave_up` then says why).
        """
        if budget is None:
            if self.search_budget is None:
                self.search_budget = SearchBudget(closest_search.SOURCE_SEARCH_BUDGET)
            budget = self.search_budget
        found = closest_passage(self, squash(quote), budget)
        self.search_gave_up = found.gave_up
        return found.span


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
        for name in dict.fromkeys(squash(n) for n in entity.names):
            if name:
                owners.setdefault(name, []).append(entity.id)
    return owners


def build_name_regex(owners: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One regex matching any name, whole words only, longest name first.

    Mentions are found by :class:`NameMatcher`, which gives the same answer
    in time that does not grow with the number of names; this regex is for
    a few names matched in other ways (redaction ignores letter case). For
    a text that holds combining marks, :func:`_mark_aware` gives the variant
    in which a mark counts as part of a word, so ``Jose`` does not match in
    ``José`` written with a combining accent.
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


def _is_word_char(char: str) -> bool:
    """Whether ``char`` belongs to a word: the regex ``\\w``, or a combining mark."""
    return char.isalnum() or char == "_" or _is_mark(char)


def _is_word(token: str) -> bool:
    # Exactly the regex ``\w`` on one character: alphanumeric or the underscore.
    return token[0].isalnum() or token[0] == "_"


_END = ""  # the key marking, in a trie node, the name that ends there (no token is empty)


class NameMatcher:
    """Finds whole-word occurrences of many names in one pass over a text.

    Two engines give the same answer, in time that grows with the text, not
    with the number of names:

    - an Aho-Corasick automaton (the ``pyahocorasick`` package, in C) finds
      every occurrence of every name in the squashed text (whitespace runs as
      one space); those with a word character just before or just after are
      dropped; then, left to right, the longest name starting at each place
      is taken and the scan resumes after it;
    - without it, a trie of tokens: a text is split into runs of word
      characters, runs of whitespace and single other characters, and a name
      matches as a whole word exactly where its tokens follow each other in
      the text (any whitespace run standing for a space), with no word
      character just before a name that starts with punctuation, nor just
      after one that ends with it.

    Either way names never overlap, and a name owned by several entities
    still takes the words it covers (the caller skips it).
    """

    def __init__(self, owners: dict[str, list[str]], *, automaton: bool | None = None) -> None:
        """Index the names of ``owners``; ``automaton`` forces an engine (default: the automaton if installed)."""
        self.owners = owners
        # The format refuses a name over MAX_NAME_CHARS; one that got here anyway is not looked for,
        # by either engine: a huge one crashes the automaton. (NFC may lengthen a name up to three times.)
        names = [name for name in owners if len(name) <= 3 * MAX_NAME_CHARS]
        use_automaton = ahocorasick is not None if automaton is None else automaton
        self._automaton = None
        self._trie: dict[str, dict] = {}
        if use_automaton and names:
            if ahocorasick is None:
                raise RuntimeError("the pyahocorasick package is not installed")
            self._automaton = ahocorasick.Automaton()
            for name in names:
                self._automaton.add_word(name, (len(name), name))
            self._automaton.make_automaton()
            self._longest = max(map(len, names))
            return
        for name in names:
            tokens = _TOKEN.findall(name)
            node = self._trie
            for token in tokens:
                node = node.setdefault(token, {})
            # With the name, whether its end is a word end already (no check needed after it).
            node[_END] = (name, _is_word(tokens[-1]))  # type: ignore[assignment]
        # First tokens that are punctuation: a word character must not come just before them.
        self._opening_marks = {token for token in self._trie if not _is_word(token)}

    def __bool__(self) -> bool:
        return bool(self.owners)

    def find(self, text: FoldedText, limit: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of each name in a text (offsets of the original), in text order.

        Ambiguous names are included. In a text that holds combining marks, a
        mark counts as a word character, so ``Jose`` is not found in ``José``
        written with a combining accent. With a ``limit``, only the first
        ``limit + 1`` are found (one more than ``limit`` says there are more),
        and the search stops about there, whatever the rest of the text holds.
        """
        if self._automaton is not None:
            return self._find_with_automaton(text, limit)
        found = self._find_with_trie(text.folded, text.has_marks, limit)
        if text.normal.changes:
            spans = [(text.to_original(Span(start, end)), name) for start, end, name in found]
            found = [(span.start, span.end, name) for span, name in spans]
        return found

    def _find_with_automaton(self, text: FoldedText, limit: int | None) -> list[tuple[int, int, str]]:
        squashed = text.squashed
        # Whole words: no word character (the regex ``\w``, or a mark) just before or just after.
        # Padding the text with a space on both sides spares checking for its ends.
        padded = f" {squashed} "
        matches = self._automaton.iter(squashed)  # type: ignore[union-attr]
        if text.has_marks:
            whole = ((last - length + 1, -length, name) for last, (length, name) in matches
                     if not _is_word_char(padded[last - length + 1]) and not _is_word_char(padded[last + 2]))
        else:  # the same without looking for marks, for the texts (nearly all) that have none
            whole = ((last - length + 1, -length, name) for last, (length, name) in matches
                     if not ((before := padded[last - length + 1]).isalnum() or before == "_")
                     and not ((after := padded[last + 2]).isalnum() or after == "_"))
        if limit is None:
            return text.unsquash(_leftmost_longest(list(whole)))
        # The automaton gives the names in the order they end. Met in batches, so a text
        # holding millions of names is read only as far as the first ``limit + 1`` taken.
        candidates: list[tuple[int, int, str]] = []
        while True:
            batch = list(islice(whole, limit + 1))
            candidates += batch
            if len(batch) <= limit:  # the end of the text
                taken = _leftmost_longest(candidates)
                break
            # Every name ending before the last one met has been met, so the places from
            # which no name could reach that far are settled: what is taken there is final.
            start, negative_length, _ = batch[-1]
            settled = start - negative_length - 1 - self._longest
            taken = _leftmost_longest([candidate for candidate in candidates if candidate[0] <= settled])
            if len(taken) > limit:
                break
        return text.unsquash(taken[:limit + 1])

    def _find_with_trie(self, folded: str, marks: bool, limit: int | None) -> list[tuple[int, int, str]]:
        trie = self._trie
        if not trie:
            return []
        tokens = _TOKEN.findall(folded)
        count = len(tokens)
        opening_marks = self._opening_marks
        found: list[tuple[int, int, str]] = []
        starts: list[int] = []
        resume = 0  # the first token not taken by the last name found
        for index in [i for i, token in enumerate(tokens) if token in trie]:
            if index < resume:
                continue
            token = tokens[index]
            if index and ((token in opening_marks and _is_word(tokens[index - 1]))
                          or (marks and _is_mark(tokens[index - 1][-1]))):
                continue
            node, position, best, name = trie[token], index + 1, 0, ""
            while True:
                ending = node.get(_END)
                if ending is not None and (position == count or ((ending[1] or not _is_word(tokens[position]))
                                           and not (marks and _is_mark(tokens[position][0])))):
                    best, name = position, ending[0]
                if position == count:
                    break
                token = tokens[position]
                node = node.get(" " if token[0].isspace() else token)
                if node is None:
                    break
                position += 1
            if best:
                if not starts:
                    starts = list(accumulate(map(len, tokens), initial=0))
                found.append((starts[index], starts[best], name))
                resume = best
                if limit is not None and len(found) > limit:
                    break
        return found


def _leftmost_longest(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """From ``(start, -length, name)`` of names found, overlapping, the ones taken: ``(start, end, name)``.

    Left to right, the longest name starting at each place is taken, and the
    scan resumes after it, so names never overlap.
    """
    candidates.sort()  # by place, the longest first
    taken: list[tuple[int, int, str]] = []
    resume = 0
    for start, negative_length, name in candidates:
        if start >= resume:
            resume = start - negative_length
            taken.append((start, resume, name))
    return taken


def find_name_mentions(source: Source, folded: FoldedText, matcher: NameMatcher) -> list[Mention]:
    """Automatic mentions in one source: every whole-word occurrence of a name.

    Scanning runs left to right; at each place the longest name wins, and
    the scan resumes after it, so names never overlap. Names owned by more
    than one entity are skipped (the checker reports them), but still take
    the words they cover.
    """
    return mentions_in(source.id, matcher.find(folded), matcher.owners)


def mentions_in(source_id: str, found: list[tuple[int, int, str]], owners: dict[str, list[str]]) -> list[Mention]:
    """The mentions that names ``found`` by :meth:`NameMatcher.find` in a source make: those of one entity only."""
    return [Mention(ids[0], source_id, Span(start, end)) for start, end, name in found if len(ids := owners[name]) == 1]


def merge_mentions(automatic: list[Mention], explicit: list[Mention],
                   excluded: dict[str, list[Span]]) -> list[Mention]:
    """Combine automatic and explicit mentions of one source, in text order.

    ``automatic`` is in text order, as :class:`NameMatcher` finds them.

    An automatic mention is dropped when its entity excludes a passage that
    contains it, or when an explicit mention overlaps it (the annotator's
    word wins over the name matcher).
    """
    if not explicit and not excluded:
        return automatic  # already in text order, as most sources' are
    # Some explicit span overlaps [start, end) exactly when, among those that
    # begin before ``end``, the one reaching furthest ends after ``start``.
    explicit_spans = sorted(m.span for m in explicit)
    explicit_starts = [span.start for span in explicit_spans]
    reach: list[int] = []
    for span in explicit_spans:
        reach.append(max(span.end, reach[-1]) if reach else span.end)
    kept = []
    for mention in automatic:
        excluding = excluded.get(mention.entity_id)
        if excluding and any(span.contains(mention.span) for span in excluding):
            continue
        before_end = bisect.bisect_left(explicit_starts, mention.span.end)
        if before_end and reach[before_end - 1] > mention.span.start:
            continue
        kept.append(mention)
    return sorted(kept + explicit, key=lambda m: (m.span.start, m.span.end))
