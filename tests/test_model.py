"""The model objects: fuzzy dates, source positions, mentions by entity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.model import (
    Case,
    Citation,
    Entity,
    Event,
    FuzzyDate,
    Location,
    Mention,
    Precision,
    Quote,
    Side,
    Source,
    Span,
)
from reader.model.types import Amount, Caption, Change, DateClaim, Difference, Measure, Term

# --- FuzzyDate ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "precision", "earliest", "latest", "display"), [
    ("2019-07-17", Precision.DAY, dt.date(2019, 7, 17), dt.date(2019, 7, 17), "17 July 2019"),
    ("2019-07", Precision.MONTH, dt.date(2019, 7, 1), dt.date(2019, 7, 31), "July 2019"),
    ("2019-02", Precision.MONTH, dt.date(2019, 2, 1), dt.date(2019, 2, 28), "February 2019"),
    ("2020-02", Precision.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29), "February 2020"),
    ("2019", Precision.YEAR, dt.date(2019, 1, 1), dt.date(2019, 12, 31), "2019"),
    ("2019-11-01", Precision.DAY, dt.date(2019, 11, 1), dt.date(2019, 11, 1), "1 November 2019"),
])
def test_fuzzy_date_reads_its_precision_from_its_shape(text: str, precision: Precision, earliest: dt.date,
                                                      latest: dt.date, display: str) -> None:
    date = FuzzyDate(text)
    assert date.precision is precision
    assert date.is_known
    assert date.earliest() == earliest
    assert date.latest() == latest
    assert date.display() == display


def test_unknown_date_without_bounds() -> None:
    date = FuzzyDate("unknown")
    assert date.precision is Precision.UNKNOWN
    assert not date.is_known
    assert date.earliest() is None
    assert date.latest() is None
    assert date.display() == "date unknown"
    assert FuzzyDate() == date


def test_unknown_date_with_bounds() -> None:
    date = FuzzyDate("unknown", inferred=True, note="why", not_before="2019-06", not_after="2019-07-17")
    assert date.earliest() == dt.date(2019, 6, 1)
    assert date.latest() == dt.date(2019, 7, 17)
    assert date.display() == "date unknown (not before June 2019, not after 17 July 2019) (inferred)"


def test_unknown_date_with_one_bound() -> None:
    assert FuzzyDate("unknown", not_after="2019-08").display() == "date unknown (not after August 2019)"
    assert FuzzyDate("unknown", not_after="2019-08").latest() == dt.date(2019, 8, 31)
    assert FuzzyDate("unknown", not_after="2019-08").earliest() is None
    assert FuzzyDate("unknown", not_before="2019").earliest() == dt.date(2019, 1, 1)


def test_known_date_ignores_its_bounds_for_earliest_and_latest() -> None:
    date = FuzzyDate("2019-07", not_before="2019-07-10", not_after="2019-07-20")
    assert (date.earliest(), date.latest()) == (dt.date(2019, 7, 1), dt.date(2019, 7, 31))
    assert date.display() == "July 2019"


def test_inferred_known_date_says_so() -> None:
    assert FuzzyDate("2019-07-17", inferred=True).display() == "17 July 2019 (inferred)"


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_day_month_and_year_nest(day: dt.date) -> None:
    as_day = FuzzyDate(day.isoformat())
    as_month = FuzzyDate(day.isoformat()[:7])
    as_year = FuzzyDate(day.isoformat()[:4])
    assert as_day.earliest() == as_day.latest() == day
    assert as_year.earliest() <= as_month.earliest() <= day <= as_month.latest() <= as_year.latest()


# --- Location and Span --------------------------------------------------------------------

def test_location_prints_like_a_compiler() -> None:
    assert str(Location(Path("case/events.yaml"), 12, 5)) == "case/events.yaml:12:5"
    assert str(Location(Path("case/case.yaml"))) == "case/case.yaml"
    assert sorted([Location(Path("a"), 3, 1), Location(Path("a"), 1, 9)])[0].line == 1


def test_span_relations() -> None:
    span = Span(5, 10)
    assert len(span) == 5
    assert span.overlaps(Span(9, 12)) and span.overlaps(Span(0, 6)) and span.overlaps(Span(6, 7))
    assert not span.overlaps(Span(10, 12)) and not span.overlaps(Span(0, 5))
    assert span.contains(Span(5, 10)) and span.contains(Span(6, 8))
    assert not span.contains(Span(4, 6)) and not span.contains(Span(9, 11))


# --- Source ---------------------------------------------------------------------------------

def source(text: str, source_id: str = "src") -> Source:
    return Source(source_id, Path(f"{source_id}.txt"), text, "title", "publisher", FuzzyDate(), "news")


def test_line_col_counts_lines_and_characters_from_one() -> None:
    text = "Headline\n\nÖzkan said “yes”.\nLast"
    src = source(text)
    assert src.line_col(0) == (1, 1)
    assert src.line_col(text.index("line")) == (1, 5)
    assert src.line_col(text.index("\n")) == (1, 9)  # the line break belongs to its line
    assert src.line_col(9) == (2, 1)  # the empty line
    assert src.line_col(text.index("Özkan")) == (3, 1)
    assert src.line_col(text.index("said")) == (3, 7)
    assert src.line_col(text.index("yes")) == (3, 13)  # “ is one character
    assert src.line_col(text.index("Last")) == (4, 1)
    assert src.line_col(len(text)) == (4, 5)
    assert src.line_starts == [0, 9, 10, 28]


def test_word_count() -> None:
    assert source("one two\n\nthree  four\n").word_count == 4


@given(st.text(alphabet=st.sampled_from("ab\n"), min_size=1, max_size=40), st.data())
def test_line_col_agrees_with_splitting_lines(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text) - 1))
    line, col = source(text).line_col(offset)
    lines = text.split("\n")
    assert sum(len(part) + 1 for part in lines[:line - 1]) + col - 1 == offset
    assert col - 1 <= len(lines[line - 1])


# --- Case -----------------------------------------------------------------------------------

def make_case() -> Case:
    one = source("Erlan met Erlan.", "one")
    two = source("Erlan and the Ministry.", "two")
    erlan = Entity("erlan", "person", "Erlan", "A person.", [Citation("one", "Erlan", occurrence=1)])
    ministry = Entity("ministry", "organisation", "Ministry", "A ministry.", [Citation("two", "Ministry")],
                      aliases=("the Ministry",))
    one.captions.append(Caption("A photo", Citation("one", "met")))
    case = Case(
        "demo", "Demo", Path("demo"), {"one": one, "two": two},
        entities={"erlan": erlan, "ministry": ministry},
        events=[
            Event("e1", "sentence", FuzzyDate("2019"), "Something.",
                  [Citation("two", "Erlan"), Citation("one", "met"), Citation("two", "and")],
                  people=("erlan",), proceedings=(("erlan", "convicted"),),
                  measures=(Measure("m1", "imprisonment", "erlan", "e1", [Citation("one", "Erlan met")],
                                    term=Term(years=7)),)),
            Event("e2", "pardon", FuzzyDate(not_before="2019", not_after="2020"), "Pardoned.",
                  [Citation("two", "Ministry")], people=("erlan",),
                  changes=(Change("m1", "pardoned", "e2", [Citation("two", "the Ministry")]),),
                  dates=(DateClaim(FuzzyDate("2019"), [Citation("one", "met"), Citation("one", "Erlan")]),
                         DateClaim(FuzzyDate("2020"), [Citation("two", "and")]))),
            Event("e3", "context", FuzzyDate("2020"), "Context.", [Citation("one", "Erlan")]),
        ],
        quotes=[Quote("q1", "erlan", Citation("one", "Erlan met"))],
        differences=[Difference("d1", "name", "Differ.", [Side("a", [Citation("one", "met")]),
                                                          Side("b", [Citation("two", "the")])])],
        subject_ids=("erlan",),
    )
    case.mentions = {
        "one": [Mention("erlan", "one", Span(0, 5)), Mention("erlan", "one", Span(10, 15))],
        "two": [Mention("erlan", "two", Span(0, 5)), Mention("ministry", "two", Span(10, 22), explicit=True)],
    }
    return case


def test_mentions_of_an_entity_source_by_source_in_text_order() -> None:
    case = make_case()
    assert [(m.source_id, m.span.start) for m in case.mentions_of("erlan")] == [("one", 0), ("one", 10),
                                                                               ("two", 0)]
    assert [m.span for m in case.mentions_of("ministry")] == [Span(10, 22)]
    assert case.mentions_of("nobody") == []


def test_mention_counts_include_sources_without_mentions() -> None:
    case = make_case()
    assert case.mention_counts("erlan") == {"one": 2, "two": 1}
    assert case.mention_counts("ministry") == {"one": 0, "two": 1}
    assert case.mention_counts("nobody") == {"one": 0, "two": 0}


def test_mentions_of_ignores_sources_the_case_does_not_have() -> None:
    case = make_case()
    case.mentions["gone"] = [Mention("erlan", "gone", Span(0, 1))]
    assert len(case.mentions_of("erlan")) == 3
    assert "gone" not in case.mention_counts("erlan")


def test_subjects_and_names() -> None:
    case = make_case()
    assert case.subjects == [case.entities["erlan"]]
    assert case.entities["ministry"].names == ("Ministry", "the Ministry")
    case.subject_ids = ("nobody", "erlan")  # an id the case does not define is left out, the order kept
    assert case.subjects == [case.entities["erlan"]]
    case.subject_ids = ()
    assert case.subjects == []


def test_measures_and_what_each_event_does() -> None:
    case = make_case()
    sentence, pardon, context = case.events
    assert list(case.measures) == ["m1"] and case.measures["m1"].person_id == "erlan"
    assert case.measures["m1"].source_ids == ("one",)
    assert sentence.acts and pardon.acts and not context.acts
    assert sentence.stage_of("erlan") == "convicted" and pardon.stage_of("erlan") is None
    assert sentence.concerns("erlan") and not sentence.concerns("ministry")
    assert context.people == () and context.concerns("erlan") and context.concerns("anyone")  # the whole case
    assert pardon.disputed and not sentence.disputed
    assert [claim.source_ids for claim in pardon.dates] == [("one",), ("two",)]


def test_all_citations_covers_every_claim() -> None:
    case = make_case()
    quotes = [c.quote for c in case.all_citations()]
    # captions, entities, events (each with its measures, changes and dates), quotes, differences
    assert quotes == ["met", "Erlan", "Ministry",
                      "Erlan", "met", "and", "Erlan met",
                      "Ministry", "the Ministry", "met", "Erlan", "and",
                      "Erlan",
                      "Erlan met", "met", "the"]


@pytest.mark.parametrize(("term", "words", "on_calendar"), [
    (Term(years=7), "7 years", True), (Term(months=5, days=8), "5 months and 8 days", True),
    (Term(hours=100), "100 hours", False), (Term(years=1, hours=1), "1 year and 1 hour", True),
    (Term(years=1000), "1,000 years", True), (Term(), "no length", False),
])
def test_a_term_in_words(term: Term, words: str, on_calendar: bool) -> None:
    assert term.display() == words and term.on_calendar is on_calendar


def test_event_source_ids_in_citation_order_without_repeats() -> None:
    case = make_case()
    assert case.events[0].source_ids == ("two", "one")


@pytest.mark.parametrize(("amount", "words"), [
    (Amount(500000, "KZT"), "500,000 KZT"), (Amount(2.5, "USD"), "2.5 USD"), (Amount(300), "300"),
    (Amount(1000, "monthly calculation indices"), "1,000 monthly calculation indices"),
])
def test_an_amount_in_words(amount: Amount, words: str) -> None:
    assert amount.display() == words
