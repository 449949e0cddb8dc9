"""Step 4 of loading a case, anchor: where each citation's passage is, and every mention of an entity.

:func:`anchor_case` places every citation of a case as built in its source
and finds every name of every entity in every text, using the matching in
:mod:`reader.model.anchor`. It *returns* what it found, an
:class:`Anchors`: a span (or None) for each citation, the mentions of each
source, and the problems (a quote not found or ambiguous, an exclude that
excludes nothing), each at the citation that asked. It changes nothing:
:func:`reader.load.build.anchored` builds the case again with the spans.

Sources are independent here, so a big case's are split between this
process and a forked child (:mod:`reader.load.parallel`) when the loader
asks; the result is the same, in source order either way. Anchoring reads
no file and reports nothing about the records themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.load.parallel import in_two
from reader.load.problems import Problem, Problems
from reader.model import anchor, closest
from reader.model.anchor import FoldedText, NameMatcher, QuoteMatch, describe_difference, mentions_in, merge_mentions
from reader.model.closest import SearchBudget
from reader.model.types import Case, Citation, Location, Mention, Source, Span

#: How many places of an ambiguous quote are listed before "and N more".
MAX_PLACES_SHOWN = 8

#: What placing one quote costs, in characters of text scanned for names (measured on the large benchmark case).
CHARACTERS_PER_QUOTE = 250


@dataclass(frozen=True)
class Anchors:
    """What anchoring a case found: nothing in the case is changed to hold it."""

    spans: list[Span | None]  # for each citation of case.all_citations(), in that order; None: not placed
    mentions: dict[str, list[Mention]]  # by source id, in source order; each source's in text order
    problems: list[Problem]  # in source order
    all_marked: bool = True  # False when some source had too many names to mark them all


@dataclass
class _SourceWork:
    """One source's share of the case's citations, as indexes into the list of them all."""

    citations: list[int] = field(default_factory=list)  # the quotes to place
    explicit: list[tuple[str, int]] = field(default_factory=list)  # (entity id, citation): explicit mentions
    excludes: list[tuple[str, int]] = field(default_factory=list)  # (entity id, citation): passages excluded


@dataclass
class _Anchored:
    """One source anchored: the spans found for its citations (by index), its mentions and its problems.

    ``searches`` are the quotes not found whose closest passage is still to be
    looked for: (the place their problem goes in ``problems``, the citation's
    index), in order. ``text`` is the source folded, kept for those searches;
    it is not sent back from a child process (the parent folds the text again).
    """

    source_id: str
    spans: dict[int, Span]
    mentions: list[Mention]
    problems: list[Problem]
    searches: list[tuple[int, int]] = field(default_factory=list)
    text: FoldedText | None = None
    cut: bool = False  # whether names were not marked to the end of the text (too many of them)

    def __reduce__(self) -> tuple:
        # Sent back from a child process. Column lists of plain values pickle ten times
        # faster than as many named tuples: a big case sends back 50,000 mentions.
        mentions = self.mentions
        return (_Anchored.from_columns, (
            self.source_id, [(index, span.start, span.end) for index, span in self.spans.items()],
            [m.entity_id for m in mentions], [m.span.start for m in mentions],
            [m.span.end for m in mentions], [m.explicit for m in mentions], self.problems, self.searches,
            self.cut))

    @staticmethod
    def from_columns(source_id: str, spans: list[tuple[int, int, int]], entity_ids: list[str],
                     starts: list[int], ends: list[int], explicit: list[bool],
                     problems: list[Problem], searches: list[tuple[int, int]], cut: bool) -> _Anchored:
        mentions = [Mention(entity_id, source_id, Span(start, end), flag)
                    for entity_id, start, end, flag in zip(entity_ids, starts, ends, explicit, strict=True)]
        return _Anchored(source_id, {index: Span(start, end) for index, start, end in spans}, mentions, problems,
                         searches, cut=cut)


def anchor_case(case: Case, owners: dict[str, list[str]], *, split_from: int | None = None) -> Anchors:
    """Place every citation of ``case`` in its source and find every mention, source by source.

    ``owners`` maps each folded name to the ids of the entities it names
    (:func:`reader.model.anchor.name_owners`); a name of several is found for
    the first. From ``split_from`` characters of source text (quotes
    weighed in), about half of the sources are anchored in a forked child;
    None anchors them all here.
    """
    matcher = NameMatcher(owners)
    citations = case.all_citations()
    work = {source_id: _SourceWork() for source_id in case.sources}
    index_of: dict[int, int] = {}
    for index, citation in enumerate(citations):
        # An unknown source or a missing quote is reported already.
        if citation.source_id in work and citation.quote.strip():
            work[citation.source_id].citations.append(index)
            index_of[id(citation)] = index
    for entity in case.entities.values():
        for citation in entity.explicit_mentions:
            if id(citation) in index_of:
                work[citation.source_id].explicit.append((entity.id, index_of[id(citation)]))
        for citation in entity.exclude:
            if id(citation) in index_of:
                work[citation.source_id].excludes.append((entity.id, index_of[id(citation)]))

    def anchor_sources(source_ids: Sequence[str]) -> list[_Anchored]:
        return [_anchor_source(case.sources[source_id], citations, work[source_id], matcher)
                for source_id in source_ids]

    source_ids = list(case.sources)
    sizes = [len(case.sources[source_id].text) for source_id in source_ids]
    if split_from is not None and sum(sizes) >= split_from:
        # Placing a quote costs about what scanning a few hundred characters for names does;
        # sources early in a case tend to be the most cited, so halving by text alone is uneven.
        weights = [size + CHARACTERS_PER_QUOTE * len(work[source_id].citations)
                   for source_id, size in zip(source_ids, sizes, strict=True)]
        anchored = in_two(anchor_sources, source_ids, weights)
    else:
        anchored = anchor_sources(source_ids)
    spans: list[Span | None] = [None] * len(citations)
    mentions: dict[str, list[Mention]] = {}
    problems: list[Problem] = []
    case_budget = closest.CASE_SEARCH_BUDGET  # looked up now: a test may lower it
    all_marked = not any(result.cut for result in anchored)
    for result in anchored:
        for index, span in result.spans.items():
            spans[index] = span
        mentions[result.source_id] = result.mentions
        if result.searches:
            case_budget -= _search_closest(case.sources[result.source_id], citations, result, case_budget)
        problems.extend(result.problems)
    return Anchors(spans, mentions, problems, all_marked)


def _search_closest(source: Source, citations: list[Citation], result: _Anchored, case_budget: int) -> int:
    """Look for the closest passage to each quote of ``result.searches``, and put its problem in place.

    Done here, source by source in order, however the sources were split: so
    the case's search budget (what is left of it is ``case_budget``) is spent
    in the same order, with the same outcome, either way. Each source may
    spend its own budget at most. Returns what was spent.
    """
    own = closest.SOURCE_SEARCH_BUDGET
    budget = SearchBudget(min(own, case_budget), "this source" if case_budget >= own else "the case")
    start = budget.cells
    text = result.text or FoldedText(source.text)
    for placed, (at, index) in enumerate(result.searches):
        citation = citations[index]
        passage = text.closest(citation.quote, budget)
        result.problems.insert(at + placed, _not_found(source, citation, passage, text.search_gave_up))
    result.text = None
    return start - budget.cells


def _anchor_source(source: Source, citations: list[Citation], work: _SourceWork,
                   matcher: NameMatcher) -> _Anchored:
    """Place one source's citations and find its mentions."""
    problems = Problems()
    text = FoldedText(source.text)  # folded once, for the citations and the names alike
    spans: dict[int, Span] = {}
    searches: list[tuple[int, int]] = []
    if len(work.citations) * len(source.text) >= anchor.TOGETHER_FROM_CHARS:
        text.look_up_together(citations[index] for index in work.citations)
    for index in work.citations:
        citation = citations[index]
        match = text.locate(citation, closest=False)
        if match.found:
            spans[index] = match.span
        elif not _report_unresolved(problems, source, text, citation, match):
            searches.append((len(problems.items), index))
    automatic, marked_to = _automatic_mentions(source, text, matcher, problems)
    explicit = [Mention(entity_id, source.id, spans[index], explicit=True)
                for entity_id, index in work.explicit if index in spans]
    excluded: dict[str, list[Span]] = {}
    for entity_id, index in work.excludes:
        span = spans.get(index)
        if span is None:
            continue
        excluded.setdefault(entity_id, []).append(span)
        if span.end <= marked_to and not any(m.entity_id == entity_id and span.contains(m.span) for m in automatic):
            problems.warning(citations[index].location or Location(source.path),
                             f"this exclude removes no mention of `{entity_id}`",
                             hint="no name of the entity matches inside the passage; remove the exclude")
    return _Anchored(source.id, spans, merge_mentions(automatic, explicit, excluded), problems.items, searches,
                     text if searches else None, marked_to < len(source.text))


def _automatic_mentions(source: Source, text: FoldedText, matcher: NameMatcher,
                        problems: Problems) -> tuple[list[Mention], int]:
    """The mentions names make in ``source``, the first :data:`MAX_MENTIONS_PER_SOURCE` of them, and how far
    into the text they are marked (its length when all of them are); a warning where the rest begin."""
    limit = anchor.MAX_MENTIONS_PER_SOURCE
    found = matcher.find(text, limit)
    marked_to = len(source.text)
    if len(found) > limit:
        marked_to = found[limit][0]
        found = found[:limit]
        line, col = source.line_col(marked_to)
        problems.warning(Location(source.path, line, col),
                         f"names are found more than {limit:,} times in `{source.id}`; only the first {limit:,} "
                         "are marked, up to here",
                         hint="a text this full of names is unusual: check that no alias is a common word, or "
                              "split the text into several sources")
    return mentions_in(source.id, found, matcher.owners), marked_to


def _report_unresolved(problems: Problems, source: Source, text: FoldedText, citation: Citation,
                       match: QuoteMatch) -> bool:
    """Report a citation not placed, if it was found in the wrong way; False when it was not found at all.

    A quote not found at all is reported once its closest passage has been
    looked for (:func:`_not_found`), after every source is anchored.
    """
    where = citation.location or Location(source.path)
    name = f"`{source.id}` ({source.path.name})"
    if match.occurrence_out_of_range:
        problems.error(where, f"`occurrence: {citation.occurrence}` asked for, but the quote "
                              f"occurs {match.occurrence_out_of_range} time(s) in {name}",
                       details=_places(source, match.places),
                       hint=f"use an occurrence from 1 to {match.occurrence_out_of_range}")
    elif match.places:
        problems.error(where, f"quote is ambiguous: it occurs {len(match.places)} times "
                              f"in {name}",
                       details=_places(source, match.places),
                       hint="add a `prefix` or `suffix` (the text just before or after it), "
                            "or `occurrence: N`")
    elif (citation.prefix or citation.suffix) and (plain := text.find_all(citation.quote)):
        given = " and ".join(f"`{key}`" for key, value in
                             (("prefix", citation.prefix), ("suffix", citation.suffix)) if value)
        problems.error(where, f"quote found in {name}, but not with the given {given}",
                       details=_places(source, plain),
                       hint=f"copy the {given} from the source text at one of these places")
    else:
        return False
    return True


def _not_found(source: Source, citation: Citation, closest: Span | None, gave_up: str | None) -> Problem:
    """The error for a quote not found in ``source``: the closest passage, or why there is none."""
    details = []
    if closest is not None:
        line, col = source.line_col(closest.start)
        passage = source.text[closest.start:closest.end]
        details.append(f"closest passage at {line}:{col}: “{_shorten(passage, 160)}”")
        details.extend(f"differs: {d}" for d in describe_difference(citation.quote, passage))
        hint = "copy the passage exactly as the source has it (typos included)"
    elif gave_up:
        details.append(f"no close passage found within the search limit: {gave_up}")
        hint = "check that the `source` is right, and copy the passage exactly as the source has it"
    else:
        hint = "no passage of this source comes close; is the `source` right?"
    problems = Problems()
    problems.error(citation.location or Location(source.path), f"quote not found in `{source.id}` "
                                                                f"({source.path.name})", details=details, hint=hint)
    return problems.items[0]


def _places(source: Source, spans: tuple[Span, ...] | list[Span]) -> list[str]:
    lines = []
    for span in spans[:MAX_PLACES_SHOWN]:
        line, col = source.line_col(span.start)
        before = source.text[max(0, span.start - 30):span.start].split("\n")[-1]
        after = source.text[span.end:span.end + 30].split("\n")[0]
        lines.append(f"at {line}:{col}: …{before}[{source.text[span.start:span.end]}]{after}…")
    if len(spans) > MAX_PLACES_SHOWN:
        lines.append(f"and {len(spans) - MAX_PLACES_SHOWN} more")
    return lines


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
