"""Computed facts: a measure's end, with its calculation and the citations of its inputs; a measure's `term`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.model.computed import ASSUMPTION, term_end
from reader.model.status import case_status, derive
from reader.model.types import Case, Citation, FuzzyDate, Measure, Term
from reader.paths import default_case
from tests.support.case_files import DAILY_TEXT, EVENTS_YAML, headline, only_problem, write_case

D = dt.date


@pytest.mark.parametrize(("term", "start", "end"), [
    (Term(months=5, days=8), D(2019, 10, 16), D(2020, 3, 24)),
    (Term(months=5, days=8), D(2019, 11, 1), D(2020, 4, 9)),
    (Term(years=7), D(2019, 7, 17), D(2026, 7, 17)),
    (Term(months=1), D(2019, 8, 31), D(2019, 9, 30)),  # no 31 September: the month's last day
    (Term(years=1), D(2020, 2, 29), D(2021, 2, 28)),
    (Term(months=13), D(2019, 12, 15), D(2021, 1, 15)),
    (Term(days=40), D(2019, 12, 31), D(2020, 2, 9)),
])
def test_a_term_is_added_in_calendar_order(term: Term, start: dt.date, end: dt.date) -> None:
    assert term.after(start) == end


@pytest.mark.parametrize(("term", "words"), [
    (Term(years=7), "7 years"), (Term(months=5, days=8), "5 months and 8 days"),
    (Term(years=1, months=1, days=1), "1 year, 1 month and 1 day"), (Term(days=2), "2 days"),
])
def test_a_term_in_words(term: Term, words: str) -> None:
    assert term.display() == words


@pytest.fixture(scope="module")
def bundled() -> Case:
    result = load_case(default_case())
    assert result.case is not None
    return result.case


def test_the_bundled_term_ends_carry_their_derivation(bundled: Case) -> None:
    first, fact = derive(bundled)
    # the seven-year term: from the (inferred) date of the sentence, by its two sources
    assert first.id == "term-end:prison-2019-07" and first.measure_id == "prison-2019-07"
    assert first.event_id == "sentence-2019" and first.value == "17 July 2026"
    assert first.calculation == "17 July 2019 + 7 years = 17 July 2026"
    assert {c.source_id for c in first.inputs[0].citations} == {"owp", "industriall"}
    # the new term: it began when he was returned to prison, which no source dates
    assert fact.computed is True
    assert fact.id == "term-end:prison-2019-10" and fact.measure_id == "prison-2019-10"
    assert fact.event_id == "resentencing"  # the decision that imposed it
    assert (fact.earliest, fact.latest) == (D(2020, 3, 24), D(2020, 4, 9))
    assert fact.value == "between 24 March 2020 and 9 April 2020"
    assert "16 October 2019 + 5 months and 8 days = 24 March 2020" in fact.calculation
    assert "1 November 2019 + 5 months and 8 days = 9 April 2020" in fact.calculation
    assert fact.assumption == ASSUMPTION and "not stated by any source" in fact.assumption
    length, start = fact.inputs
    assert length.value == "5 months and 8 days"
    assert [c.quote for c in length.citations] == ["a new prison sentence of five months and eight days"]
    assert start.label == "start of the term (began: `reimprisonment`)"
    assert start.value.startswith("date unknown (not before 16 October 2019, not after 1 November 2019)")
    assert [c.quote for c in start.citations] == ["who has been returned to prison to serve a new 5-month term"]
    assert start.note is not None and "returned to prison" in start.note
    assert "new-sentence-length" in fact.difference_ids  # the lead says "5-month term"
    # every input is backed by a passage that is really in the source
    for citation in (*first.citations, *fact.citations):
        assert citation.span is not None
        text = bundled.sources[citation.source_id].text
        assert text[citation.span.start:citation.span.end] == citation.quote


def _end(term: Term, start: FuzzyDate):
    measure = Measure("m", "imprisonment", "p", "e", [Citation("s", "two years")], term=term)
    return term_end(measure, term, start, length_citations=tuple(measure.citations), start_label="the date of `e`",
                    start_citations=(Citation("s", "jailed"),))


def test_a_term_without_a_dated_start_computes_nothing() -> None:
    two_years = Term(years=2)
    assert _end(two_years, FuzzyDate()) is None
    fact = _end(two_years, FuzzyDate(not_after="2019-08"))
    assert fact is not None
    assert (fact.earliest, fact.latest) == (None, D(2021, 8, 31))
    assert fact.value == "not after 31 August 2021"
    assert fact.calculation == "start not after 31 August 2019: 31 August 2019 + 2 years = 31 August 2021 " \
                               "at the latest"
    assert fact.over_by(D(2021, 8, 31)) is True and fact.over_by(D(2021, 8, 30)) is None
    fact = _end(two_years, FuzzyDate("2019-07-17"))
    assert fact is not None and fact.value == "17 July 2021"
    assert fact.calculation == "17 July 2019 + 2 years = 17 July 2021"
    assert fact.over_by(D(2021, 7, 16)) is False
    assert fact.id == "term-end:m" and fact.event_id == "e" and fact.measure_id == "m"
    assert [i.label for i in fact.inputs] == ["length of the term", "start of the term (the date of `e`)"]


def test_a_term_in_hours_is_not_counted_on_the_calendar() -> None:
    hours = Term(hours=100)
    assert not hours.on_calendar and hours.display() == "100 hours"
    assert _end(hours, FuzzyDate("2019-07-17")) is None  # community service is not served on the calendar
    assert Term(months=1).on_calendar and not Term().on_calendar


# --- a measure's `term` in a case ---------------------------------------------------------------

TERM_EVENTS = EVENTS_YAML.replace("""\
        kind: imprisonment
        citations:
          - source: daily
            quote: "was sentenced to seven years in prison"
""", """\
        kind: imprisonment
        term:
          years: 7
        citations:
          - source: daily
            quote: "seven years in prison"
""")


def test_a_term_is_loaded_with_its_measure(tmp_path: Path) -> None:
    assert TERM_EVENTS != EVENTS_YAML
    result = load_case(write_case(tmp_path / "case", {"events.yaml": TERM_EVENTS}))
    assert result.case is not None and list(result.problems) == []
    [measure] = result.case.events[0].measures
    assert measure.term == Term(years=7) and measure.person_id == "erlan-baltabay"
    [citation] = measure.citations  # the measure's citations state it, with its term
    assert citation.span is not None
    assert DAILY_TEXT[citation.span.start:citation.span.end] == "seven years in prison"
    assert citation in result.case.all_citations()
    status = case_status(result.case, today=D(2020, 1, 1))
    # the release changes no measure here, so the prison term is in force, with its computed end
    assert [fact.value for fact in status.computed] == ["17 July 2026"]
    assert status.people[0].measures[0].until == "17 July 2026 (computed, if served in full)"


def test_a_term_needs_a_length(tmp_path: Path) -> None:
    events = TERM_EVENTS.replace("        term:\n          years: 7\n", "        term: {}\n")
    result = load_case(write_case(tmp_path / "case", {"events.yaml": events}))
    problem = only_problem(result)
    line = events.splitlines().index("        term: {}") + 1
    assert headline(problem, result.folder) == f"events.yaml:{line}:15: error: a term needs a length"
    assert problem.hint is not None and "`months: 5`" in problem.hint and "`hours`" in problem.hint


def test_a_measure_quote_must_be_in_the_source(tmp_path: Path) -> None:
    events = TERM_EVENTS.replace('quote: "seven years in prison"', 'quote: "7 years in prison"')
    result = load_case(write_case(tmp_path / "case", {"events.yaml": events}))
    assert "quote not found in `daily`" in only_problem(result).message
