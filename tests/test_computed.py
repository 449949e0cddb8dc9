"""Computed facts: a term's end, with its calculation and the citations of its inputs; the `term` field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.model.computed import ASSUMPTION, derive, term_end
from reader.model.status import case_status
from reader.model.types import Case, Citation, Event, FuzzyDate, Term
from reader.paths import default_case
from tests.support.case_files import DAILY_TEXT, EVENTS_YAML, headline, only_problem, write_case

D = dt.date


@pytest.mark.parametrize(("term", "start", "end"), [
    (Term([], months=5, days=8), D(2019, 10, 16), D(2020, 3, 24)),
    (Term([], months=5, days=8), D(2019, 11, 1), D(2020, 4, 9)),
    (Term([], years=7), D(2019, 7, 17), D(2026, 7, 17)),
    (Term([], months=1), D(2019, 8, 31), D(2019, 9, 30)),  # no 31 September: the month's last day
    (Term([], years=1), D(2020, 2, 29), D(2021, 2, 28)),
    (Term([], months=13), D(2019, 12, 15), D(2021, 1, 15)),
    (Term([], days=40), D(2019, 12, 31), D(2020, 2, 9)),
])
def test_a_term_is_added_in_calendar_order(term: Term, start: dt.date, end: dt.date) -> None:
    assert term.after(start) == end


@pytest.mark.parametrize(("term", "words"), [
    (Term([], years=7), "7 years"), (Term([], months=5, days=8), "5 months and 8 days"),
    (Term([], years=1, months=1, days=1), "1 year, 1 month and 1 day"), (Term([], days=2), "2 days"),
])
def test_a_term_in_words(term: Term, words: str) -> None:
    assert term.display() == words


@pytest.fixture(scope="module")
def bundled() -> Case:
    result = load_case(default_case())
    assert result.case is not None
    return result.case


def test_the_bundled_term_end_carries_its_derivation(bundled: Case) -> None:
    [fact] = derive(bundled)
    assert fact.computed is True
    assert fact.id == "term-end:reimprisonment" and fact.event_id == "reimprisonment"
    assert (fact.earliest, fact.latest) == (D(2020, 3, 24), D(2020, 4, 9))
    assert fact.value == "between 24 March 2020 and 9 April 2020"
    assert "16 October 2019 + 5 months and 8 days = 24 March 2020" in fact.calculation
    assert "1 November 2019 + 5 months and 8 days = 9 April 2020" in fact.calculation
    assert fact.assumption == ASSUMPTION and "not stated by any source" in fact.assumption
    length, start = fact.inputs
    assert length.value == "5 months and 8 days"
    assert [c.quote for c in length.citations] == ["a new prison sentence of five months and eight days"]
    assert start.value.startswith("date unknown (not before 16 October 2019, not after 1 November 2019)")
    assert start.note is not None and "returned to prison" in start.note
    assert "new-sentence-length" in fact.difference_ids  # the lead says "5-month term"
    # every input is backed by a passage that is really in the source
    for citation in fact.citations:
        assert citation.span is not None
        text = bundled.sources[citation.source_id].text
        assert text[citation.span.start:citation.span.end] == citation.quote


def test_a_term_without_a_dated_start_computes_nothing() -> None:
    case = Case("c", "C", Path("c"), {})
    undated = Event("e", "imprisonment", FuzzyDate(), "Jailed.", [Citation("s", "jailed")],
                    term=Term([Citation("s", "two years")], years=2))
    assert term_end(case, undated) is None
    bounded = Event("e", "imprisonment", FuzzyDate(not_after="2019-08"), "Jailed.", [Citation("s", "jailed")],
                    term=Term([Citation("s", "two years")], years=2))
    fact = term_end(case, bounded)
    assert fact is not None
    assert (fact.earliest, fact.latest) == (None, D(2021, 8, 31))
    assert fact.value == "not after 31 August 2021"
    assert fact.calculation == "start not after 31 August 2019: 31 August 2019 + 2 years = 31 August 2021 " \
                               "at the latest"
    assert fact.over_by(D(2021, 8, 31)) is True and fact.over_by(D(2021, 8, 30)) is None
    exact = Event("e", "imprisonment", FuzzyDate("2019-07-17"), "Jailed.", [Citation("s", "jailed")],
                  term=Term([Citation("s", "two years")], years=2))
    fact = term_end(case, exact)
    assert fact is not None and fact.value == "17 July 2021"
    assert fact.calculation == "17 July 2019 + 2 years = 17 July 2021"
    assert fact.over_by(D(2021, 7, 16)) is False


# --- the `term` field in a case -----------------------------------------------------------------

TERM_EVENTS = EVENTS_YAML.replace("""\
      - source: daily
        quote: "was sentenced to seven years in prison"
""", """\
      - source: daily
        quote: "was sentenced to seven years in prison"
    term:
      years: 7
      citations:
        - source: daily
          quote: "seven years in prison"
""")


def test_a_term_is_loaded_with_its_citations(tmp_path: Path) -> None:
    assert TERM_EVENTS != EVENTS_YAML
    result = load_case(write_case(tmp_path / "case", {"events.yaml": TERM_EVENTS}))
    assert result.case is not None and list(result.problems) == []
    term = result.case.events[0].term
    assert term is not None and (term.years, term.months, term.days) == (7, 0, 0)
    [citation] = term.citations
    assert citation.span is not None
    assert DAILY_TEXT[citation.span.start:citation.span.end] == "seven years in prison"
    assert citation in result.case.all_citations()
    status = case_status(result.case, today=D(2020, 1, 1))
    # the release carries no status here, so the sentence's status is in force, with its term
    assert [fact.value for fact in status.computed] == ["17 July 2026"]


def test_a_term_needs_a_length(tmp_path: Path) -> None:
    events = TERM_EVENTS.replace("      years: 7\n", "")
    result = load_case(write_case(tmp_path / "case", {"events.yaml": events}))
    problem = only_problem(result)
    line = events.splitlines().index("    term:") + 1
    assert headline(problem, result.folder) == f"events.yaml:{line + 1}:7: error: a term needs a length"
    assert problem.hint is not None and "`months: 5`" in problem.hint


def test_a_term_quote_must_be_in_the_source(tmp_path: Path) -> None:
    events = TERM_EVENTS.replace('quote: "seven years in prison"', 'quote: "7 years in prison"')
    result = load_case(write_case(tmp_path / "case", {"events.yaml": events}))
    assert "quote not found in `daily`" in only_problem(result).message
