"""Search, mention order and keyword-in-context lines, without a terminal."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.model import Case, FuzzyDate, Source, Span
from reader.model.search import Place, TextSearch, caseless, context_around, mention_places, step


def case_of(*texts: str) -> Case:
    sources = {f"s{index}": Source(f"s{index}", Path(f"s{index}.txt"), text, "t", "p", FuzzyDate(), "news")
               for index, text in enumerate(texts)}
    return Case("c", "Case", Path("."), sources)


def test_search_ignores_case_typography_and_line_breaks() -> None:
    case = case_of("The Union’s leader\nwas jailed.", "the union's LEADER was")
    places = TextSearch(case).find("union's leader")
    assert [(p.source_id, case.sources[p.source_id].text[p.span.start:p.span.end]) for p in places] == [
        ("s0", "Union’s leader"), ("s1", "union's LEADER")]


def test_search_lists_places_source_by_source_in_text_order_and_stops_at_the_limit() -> None:
    case = case_of("a b a", "a")
    places = TextSearch(case).find("a")
    assert [(p.source_index, p.span.start) for p in places] == [(0, 0), (0, 4), (1, 0)]
    assert len(TextSearch(case).find("a", limit=2)) == 2


def test_an_empty_or_blank_query_finds_nothing() -> None:
    case = case_of("text")
    assert TextSearch(case).find("") == []
    assert TextSearch(case).find("   ") == []


def test_regex_characters_in_a_query_are_literal() -> None:
    case = case_of("cost $28,000 (approx.) [sic]")
    search = TextSearch(case)
    assert len(search.find("$28,000 (approx.)")) == 1
    assert len(search.find("[sic]")) == 1
    assert search.find(".*") == []


def test_step_goes_forward_and_back_and_wraps_around() -> None:
    places = [Place(0, Span(5, 6)), Place(0, Span(20, 21)), Place(1, Span(3, 4))]
    assert step(places, (0, 5), forward=True) == 1
    assert step(places, (0, 20), forward=True) == 2
    assert step(places, (1, 3), forward=True) == 0  # wraps to the first
    assert step(places, (0, 5), forward=False) == 2  # wraps to the last
    assert step(places, (1, 3), forward=False) == 1
    assert step(places, (0, 5), forward=True, inclusive=True) == 0
    assert step(places, (0, 0), forward=True) == 0
    assert step([], (0, 0), forward=True) is None


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 50)), min_size=1, unique=True),
       st.integers(0, 3), st.integers(0, 60))
def test_step_forward_then_back_returns_to_the_same_place(keys, source, offset) -> None:
    places = sorted(Place(s, Span(o, o + 1)) for s, o in keys)
    index = step(places, (source, offset), forward=True)
    assert index is not None
    here = places[index]
    back = step(places, (here.source_index, here.span.start), forward=False)
    forward_again = step(places, (places[back].source_index, places[back].span.start), forward=True)
    assert forward_again == index


def test_context_around_cuts_at_word_boundaries_and_flattens_lines() -> None:
    text = "Alpha beta gamma delta\nepsilon Baltabay zeta eta theta iota kappa"
    start = text.index("Baltabay")
    context = context_around(text, Span(start, start + 8), width=12)
    assert context.keyword == "Baltabay"
    assert context.before == "…epsilon "
    assert context.after == " zeta eta…"
    assert "\n" not in context.before + context.after


def test_context_at_the_edges_of_the_text_has_no_ellipsis() -> None:
    context = context_around("Baltabay said", Span(0, 8), width=30)
    assert (context.before, context.keyword, context.after) == ("", "Baltabay", " said")


def test_mention_places_follow_the_case_order_of_sources(bundled_case: Case) -> None:
    places = mention_places(bundled_case, "erlan-baltabay")
    assert places == sorted(places)
    assert {p.source_id for p in places} == {"owp", "industriall"}
    assert len(places) == sum(bundled_case.mention_counts("erlan-baltabay").values())


def _cased_letters() -> list[str]:
    """Every character of the Basic Multilingual Plane that has a case, or a twin re.IGNORECASE knows."""
    chars = (chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)
    return [char for char in chars if char.lower() != char or char.upper() != char or caseless(char) != char]


def test_caseless_text_keeps_every_offset() -> None:
    for char in _cased_letters():
        assert len(caseless(char)) == 1, hex(ord(char))
    text = "İstanbul ΟΔΟΣ straße ǅ"
    assert len(caseless(text)) == len(text)


def test_caseless_search_finds_what_a_case_blind_regex_finds() -> None:
    # re.IGNORECASE is the reference: two letters are the same to the search exactly when
    # a case-blind regular expression takes them as the same.
    for char in _cased_letters():
        partners = {char.lower(), char.upper(), char.title(), char.casefold(), caseless(char)}
        for other in (partner for partner in partners if len(partner) == 1):
            blind = re.fullmatch(re.escape(char), other, re.IGNORECASE) is not None
            assert blind == (caseless(char) == caseless(other)), (hex(ord(char)), hex(ord(other)))


def test_search_ignores_case_beyond_ascii() -> None:
    case = case_of("ΟΔΟΣ and οδος; İzmir; Straße; ſeven")
    search = TextSearch(case)
    assert [case.sources["s0"].text[p.span.start:p.span.end] for p in search.find("οδοσ")] == ["ΟΔΟΣ", "οδος"]
    assert len(search.find("izmir")) == 1
    assert len(search.find("STRASSE")) == 0  # as re.IGNORECASE: ß is one letter, not two
    assert len(search.find("seven")) == 1


def test_find_in_searches_one_source_and_a_cancelled_search_stops() -> None:
    case = case_of("a b a", "a")
    search = TextSearch(case)
    assert search.find_in("s0", "A") == [Span(0, 1), Span(4, 5)]
    assert search.find_in("s0", "a", limit=1) == [Span(0, 1)]
    assert search.find_in("s1", " ") == []
    assert search.find("a", cancelled=lambda: True) == []
    asked: list[int] = []

    def cancelled_after_the_first_source() -> bool:
        asked.append(1)
        return len(asked) > 1

    assert len(search.find("a", cancelled=cancelled_after_the_first_source)) == 2  # the first source's two
