"""Anchoring quotes and names in source texts: tolerant of typography, nothing else."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.model.anchor import (
    FoldedText,
    build_name_regex,
    describe_difference,
    find_name_mentions,
    fold,
    merge_mentions,
    name_owners,
)
from reader.model.types import Citation, Entity, FuzzyDate, Mention, Source, Span

SENTENCE = ("On 17th July Erlan Baltabai, the leader of a now-closed trade union of oil workers "
            "in Shymkent, Kazakhstan, has been sentenced to 7 years in prison after being found "
            "guilty of embezzlement.")


def locate(text: str, quote: str, **selector) -> tuple[FoldedText, object]:
    folded = FoldedText(text)
    return folded, folded.locate(Citation("src", quote, **selector))


def found(text: str, quote: str, **selector) -> str | None:
    """The passage of ``text`` the citation resolves to, or None."""
    _, match = locate(text, quote, **selector)
    span = match.span  # type: ignore[attr-defined]
    return None if span is None else text[span.start:span.end]


def squash(text: str) -> str:
    return " ".join(fold(text).split())


# --- fold -------------------------------------------------------------------------------

def test_fold_replaces_typography_one_for_one() -> None:
    text = "“Baltabay’s” ‘union’ — 2015–2019 −5\u00a0a\u2009b\u202fc\tx\r\ny"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "\"Baltabay's\" 'union' - 2015-2019 -5 a b c x  y"


def test_fold_leaves_letters_and_case_alone() -> None:
    text = "Özkan ÖZKAN Erlan é ß İ"
    assert fold(text) == text


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


# --- quotes: what matches ---------------------------------------------------------------

@pytest.mark.parametrize(("source", "quote"), [
    ("workers’ rights", "workers' rights"),
    ("workers' rights", "workers’ rights"),
    ("the “harshly condemned” sentence", 'the "harshly condemned" sentence'),
    ('the "harshly condemned" sentence', "the “harshly condemned” sentence"),
    ("‘hand-picked successor,’", "'hand-picked successor,'"),
    ("Kassym-Jomart Tokayev", "Kassym–Jomart Tokayev"),
    ("Kassym—Jomart", "Kassym-Jomart"),
    ("Kassym‑Jomart", "Kassym‐Jomart"),
    ("−5 degrees", "-5 degrees"),
    ("Mihra\u00a0Rittman further", "Mihra Rittman further"),
    ("Mihra Rittman further", "Mihra\u00a0Rittman further"),
    ("sentenced  to\t7 years", "sentenced to 7 years"),
    ("sentenced to\n7 years", "sentenced to 7 years"),
    ("sentenced to\n\n   7 years", "sentenced   to 7\nyears"),
    ("sentenced to 7 years", "  sentenced to 7 years \n"),
])
def test_quote_matches_across_typography(source: str, quote: str) -> None:
    text = f"Before. {source} After."
    passage = found(text, quote)
    assert passage is not None
    assert squash(passage) == squash(source)


@pytest.mark.parametrize(("source", "quote"), [
    ("Erlan Baltabai", "erlan baltabai"),
    ("Erlan Baltabai", "Erlan Baltabay"),
    ("legal procedings", "legal proceedings"),
    ("went onto that", "went on to that"),
    ("Kazak government", "Kazakh government"),
    ("7 years", "seven years"),
    ("Human Rights Watch,.", "Human Rights Watch."),
    ("trade union", "trade-union"),
    ("trade union", "tradeunion"),
    ("I.L.O", "ILO"),
])
def test_quote_does_not_match_across_case_spelling_or_punctuation(source: str, quote: str) -> None:
    assert found(f"Before. {source} After.", quote) is None


def test_blank_quote_matches_nothing() -> None:
    assert FoldedText("some text").find_all("  \n") == []


# --- quotes: choosing among several places ----------------------------------------------

TEXT = ("He does not contest the amount. He said he was safeguarding the money in union dues. "
        "He was sentenced. He")


def test_ambiguous_quote_lists_every_place() -> None:
    _, match = locate(TEXT, "He")
    assert not match.found  # type: ignore[attr-defined]
    assert match.places == (Span(0, 2), Span(32, 34), Span(85, 87), Span(103, 105))  # type: ignore[attr-defined]


@pytest.mark.parametrize("prefix", ["in union dues. ", "in union dues.", "dues.", "money in union dues.  "])
def test_prefix_disambiguates_with_or_without_whitespace_at_the_join(prefix: str) -> None:
    _, match = locate(TEXT, "He", prefix=prefix)
    assert match.span == Span(85, 87)  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [" was sentenced", "was sentenced", " said he"])
def test_suffix_disambiguates_with_or_without_whitespace_at_the_join(suffix: str) -> None:
    _, match = locate(TEXT, "He", suffix=suffix)
    expected = Span(32, 34) if "said" in suffix else Span(85, 87)
    assert match.span == expected  # type: ignore[attr-defined]


def test_prefix_and_suffix_are_typography_tolerant() -> None:
    text = "the union’s suspension in 2015. the union’s funds"
    _, match = locate(text, "union", prefix="the", suffix="'s suspension")
    assert match.span == Span(4, 9)  # type: ignore[attr-defined]


def test_prefix_must_end_right_before_the_quote() -> None:
    # "dues" comes before the third "He", but not right before it.
    _, match = locate(TEXT, "He", prefix="dues")
    assert not match.found  # type: ignore[attr-defined]
    _, match = locate(TEXT, "He", prefix="union dues. He was")
    assert not match.found  # type: ignore[attr-defined]


def test_prefix_that_matches_nothing() -> None:
    _, match = locate(TEXT, "He", prefix="in union fees. ")
    assert not match.found and not match.places  # type: ignore[attr-defined]


@pytest.mark.parametrize(("occurrence", "start"), [(1, 0), (2, 32), (3, 85), (4, 103)])
def test_occurrence_picks_the_nth_match(occurrence: int, start: int) -> None:
    _, match = locate(TEXT, "He", occurrence=occurrence)
    assert match.span == Span(start, start + 2)  # type: ignore[attr-defined]


def test_occurrence_counts_after_prefix_and_suffix() -> None:
    # "He" followed by " was": at 85 ("He was sentenced"); only one, so occurrence 1.
    _, match = locate(TEXT, "He", suffix=" was", occurrence=1)
    assert match.span == Span(85, 87)  # type: ignore[attr-defined]
    _, match = locate(TEXT, "He", suffix=" was", occurrence=2)
    assert match.occurrence_out_of_range == 1  # type: ignore[attr-defined]
    assert match.places == (Span(85, 87),)  # type: ignore[attr-defined]


def test_occurrence_out_of_range_reports_how_many() -> None:
    _, match = locate(TEXT, "He", occurrence=5)
    assert not match.found  # type: ignore[attr-defined]
    assert match.occurrence_out_of_range == 4  # type: ignore[attr-defined]
    assert len(match.places) == 4  # type: ignore[attr-defined]


def test_overlapping_occurrences_can_each_be_cited() -> None:
    text = "the union the union the union"
    folded = FoldedText(text)
    assert folded.find_all("the union the union") == [Span(0, 19), Span(10, 29)]
    _, match = locate(text, "the union the union", occurrence=2)
    assert match.span == Span(10, 29)  # type: ignore[attr-defined]
    _, match = locate("ababa", "aba", prefix="ab")
    assert match.span == Span(2, 5)  # type: ignore[attr-defined]


# --- quotes not found: the closest passage ----------------------------------------------

def test_not_found_gives_the_closest_passage_and_the_difference() -> None:
    quote = "has been sentenced to seven years in prison"
    _, match = locate(SENTENCE, quote)
    assert not match.found and not match.places  # type: ignore[attr-defined]
    closest = match.closest  # type: ignore[attr-defined]
    assert closest is not None
    passage = SENTENCE[closest.start:closest.end]
    assert "has been sentenced to 7 years in prison" in passage
    assert describe_difference(quote, passage) == ["“seven” in your quote, “7” in the source"]


def test_closest_passage_for_a_misspelt_name() -> None:
    quote = "Erlan Baltabay, the leader of a now-closed trade union"
    _, match = locate(SENTENCE, quote)
    closest = match.closest  # type: ignore[attr-defined]
    assert closest is not None
    passage = SENTENCE[closest.start:closest.end]
    assert passage.startswith("Erlan Baltabai, the leader")
    assert describe_difference(quote, passage)[0] == "“Baltabay,” in your quote, “Baltabai,” in the source"


def test_nothing_close_gives_no_passage() -> None:
    _, match = locate(SENTENCE, "Zzyzx qwvj")
    assert match.closest is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("quote", "passage", "expected"), [
    ("sentenced to seven years", "sentenced to 7 years", ["“seven” in your quote, “7” in the source"]),
    ("the Union leader", "the union leader", ["letter case: “Union” in your quote, “union” in the source"]),
    ("went on to say that", "went onto that",
     ["“on to say” in your quote, “onto” in the source"]),
    ("was found guilty", "was guilty", ["“found” is in your quote but not in the source"]),
    ("was guilty", "was found guilty", ["the source has “found” here"]),
    ("workers' rights", "workers’ rights", []),
    ("a b c d e f g h", "a x c y e z g w",
     ["“b” in your quote, “x” in the source", "“d” in your quote, “y” in the source",
      "“f” in your quote, “z” in the source", "and 1 more difference(s)"]),
])
def test_describe_difference(quote: str, passage: str, expected: list[str]) -> None:
    assert describe_difference(quote, passage) == expected


# --- property: any passage can be cited --------------------------------------------------

def cuts_a_cluster(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` splits a letter from its marks, or characters NFC composes."""
    def nfc(part: str) -> str:
        return unicodedata.normalize("NFC", part)

    passage = text[start:end]
    first, last = start + len(passage) - len(passage.lstrip()), end - len(passage) + len(passage.rstrip())
    marks = [text[i] for i in (start, end, first, last) if i < len(text)]
    return any(unicodedata.category(mark)[0] == "M" for mark in marks) or \
        nfc(text) != nfc(text[:start]) + nfc(text[start:end]) + nfc(text[end:])


ALPHABET = st.sampled_from(list("abAB ’'“\"-–—.\n\t\u00a0\u2009é1"))


@st.composite
def text_and_passage(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(ALPHABET, min_size=1, max_size=60) | st.text(min_size=1, max_size=60))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(text_and_passage())
@example(("ababa", 2, 5))
@example(("a  b\n\na b", 4, 9))
@example(("a  b\n\na b", 0, 9))
@example(("“x’ y” x' y", 6, 11))
def test_any_passage_can_be_cited_by_its_occurrence(case: tuple[str, int, int]) -> None:
    text, start, end = case
    quote = text[start:end]
    if not quote.strip() or cuts_a_cluster(text, start, end):
        return  # a passage that splits a letter from its accents is never found (test_normal_form.py)
    # Where the passage really starts and ends once the whitespace around it is trimmed.
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    first, last = start + lead, end - trail
    folded = FoldedText(text)
    occurrence = 1 + sum(1 for span in folded.find_all(quote) if span.start < first)
    match = folded.locate(Citation("src", quote, occurrence=occurrence))
    assert match.span == Span(first, last)
    # The resolved text is the quote, typography and whitespace aside (offsets round-trip).
    assert squash(text[match.span.start:match.span.end]) == squash(quote)


# --- mentions ---------------------------------------------------------------------------

def entity(identifier: str, name: str, *aliases: str, **fields) -> Entity:
    return Entity(identifier, "person", name, "description", [], aliases=aliases, **fields)


def source(text: str) -> Source:
    return Source("src", Path("src.txt"), text, "title", "publisher", FuzzyDate(), "news")


def mentions(text: str, *entities: Entity) -> list[tuple[str, str]]:
    """Automatic mentions as (entity id, the text matched), in text order."""
    owners = name_owners(entities)
    found = find_name_mentions(source(text), FoldedText(text), build_name_regex(owners), owners)
    return [(m.entity_id, text[m.span.start:m.span.end]) for m in found]


BALTABAY = entity("erlan-baltabay", "Erlan Baltabay", "Baltabay", "Erlan")


@pytest.mark.parametrize(("text", "expected"), [
    ("Baltabay’s union", ["Baltabay"]),
    ("Baltabay's union", ["Baltabay"]),
    ("(Baltabay)", ["Baltabay"]),
    ("“Baltabay”,", ["Baltabay"]),
    ("Baltabay-led", ["Baltabay"]),
    ("Baltabayev", []),
    ("Baltabay2", []),
    ("Baltabay_x", []),
    ("xBaltabay", []),
    ("ÖBaltabay", []),
    ("BaltabayÖ", []),
    ("baltabay", []),
    ("BALTABAY", []),
])
def test_names_match_whole_words_only_and_case_sensitively(text: str, expected: list[str]) -> None:
    assert [matched for _, matched in mentions(text, BALTABAY)] == expected


def test_longest_name_wins() -> None:
    assert mentions("Erlan Baltabay met Baltabay and Erlan.", BALTABAY) == [
        ("erlan-baltabay", "Erlan Baltabay"),
        ("erlan-baltabay", "Baltabay"),
        ("erlan-baltabay", "Erlan"),
    ]


def test_longest_name_wins_across_entities() -> None:
    union = entity("union", "Baltabay Union")
    text = "Erlan Baltabay Union"
    # Both "Erlan Baltabay" and "Baltabay Union" are there; reading left to right,
    # "Erlan Baltabay" starts first and takes the words it covers.
    assert mentions(text, BALTABAY, union) == [("erlan-baltabay", "Erlan Baltabay")]
    assert mentions("the Baltabay Union", BALTABAY, union) == [("union", "Baltabay Union")]


def test_names_are_typography_tolerant() -> None:
    union = entity("ioewu", "Oil Workers’ Union")
    assert mentions("the Oil Workers' Union and the Oil\nWorkers’  Union", union) == [
        ("ioewu", "Oil Workers' Union"),
        ("ioewu", "Oil\nWorkers’  Union"),
    ]


def test_a_name_of_two_entities_is_not_matched() -> None:
    other = entity("other", "Someone Else", "Erlan")
    owners = name_owners([BALTABAY, other])
    assert owners["Erlan"] == ["erlan-baltabay", "other"]
    assert mentions("Erlan and Baltabay", BALTABAY, other) == [("erlan-baltabay", "Baltabay")]


def test_name_owners_folds_and_deduplicates() -> None:
    person = entity("p", "Workers’ Union", "Workers' Union", "Workers'  Union")
    assert name_owners([person]) == {"Workers' Union": ["p"]}


def test_no_names_no_regex() -> None:
    assert build_name_regex({}) is None
    assert find_name_mentions(source("text"), FoldedText("text"), None, {}) == []


def test_explicit_mentions_win_over_overlapping_automatic_ones() -> None:
    automatic = [Mention("erlan-baltabay", "src", Span(0, 5)), Mention("erlan-baltabay", "src", Span(10, 18))]
    explicit = [Mention("president", "src", Span(3, 8), explicit=True)]
    merged = merge_mentions(automatic, explicit, {})
    assert merged == [explicit[0], automatic[1]]


def test_exclude_removes_only_its_own_entity_inside_the_passage() -> None:
    automatic = [Mention("erlan-baltabay", "src", Span(0, 5)), Mention("other", "src", Span(6, 9)),
                 Mention("erlan-baltabay", "src", Span(20, 25))]
    merged = merge_mentions(automatic, [], {"erlan-baltabay": [Span(0, 10)], "other": [Span(30, 40)]})
    assert merged == [automatic[1], automatic[2]]


def test_merged_mentions_are_in_text_order() -> None:
    automatic = [Mention("a", "src", Span(10, 12)), Mention("a", "src", Span(30, 32))]
    explicit = [Mention("b", "src", Span(20, 22), explicit=True), Mention("b", "src", Span(0, 2), explicit=True)]
    merged = merge_mentions(automatic, explicit, {})
    assert [m.span.start for m in merged] == [0, 10, 20, 30]


def test_the_name_regex_is_one_alternation_longest_first() -> None:
    regex = build_name_regex(name_owners([BALTABAY]))
    assert regex is not None
    pattern = regex.pattern
    assert pattern.index(re.escape("Erlan") + r"\s+" + re.escape("Baltabay")) < pattern.index("|Baltabay")
