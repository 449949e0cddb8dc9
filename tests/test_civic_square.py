"""The second bundled case, told right: each person's status at the dates of content/civic-square/FACTS.md.

FACTS.md lists, with the quotes behind each line, what a careful reader of
the fifteen sources would say of Joshua Wong, Nathan Law and Alex Chow at ten
dates. These tests hold the status model to that table: the stage of the
proceedings, every measure in force (by its label), what may have changed
(an event inside its bounds, a verdict between its two disputed dates) and
the warning when a computed end has passed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from reader.load.case_loader import load_case
from reader.model.status import CaseStatus, PersonStatus, case_status
from reader.model.types import Case
from reader.paths import bundled_cases

TODAY = dt.date(2026, 12, 2)
PEOPLE = ("joshua-wong", "nathan-law", "alex-chow")


@pytest.fixture(scope="module")
def civic() -> Case:
    result = load_case(bundled_cases() / "civic-square")
    assert result.case is not None and not result.problems.errors
    return result.case


def on(case: Case, day: str) -> CaseStatus:
    return case_status(case, as_of=dt.date.fromisoformat(day), today=TODAY)


def person(status: CaseStatus, person_id: str) -> PersonStatus:
    found = status.person(person_id)
    assert found is not None
    return found


def in_force(status: CaseStatus) -> dict[str, tuple[str | None, list[str]]]:
    """Each person's stage and the labels of the measures in force."""
    return {p.person_id: (p.stage, [m.label for m in p.measures]) for p in status.people}


def test_the_case_follows_three_people_in_its_order(civic: Case) -> None:
    assert civic.subject_ids == PEOPLE
    assert [p.name for p in case_status(civic, today=TODAY).people] == ["Joshua Wong", "Nathan Law", "Alex Chow"]


def test_before_the_verdict_all_three_are_accused_with_no_measure(civic: Case) -> None:
    assert in_force(on(civic, "2016-01-01")) == {p: ("accused", []) for p in PEOPLE}


def test_between_the_two_dates_given_for_the_verdict_it_may_have_come(civic: Case) -> None:
    status = on(civic, "2016-07-18")  # 15 July (HKFP) or 21 July (SCMP)
    assert in_force(status) == {p: ("accused", []) for p in PEOPLE}
    for person_id in PEOPLE:
        one = person(status, person_id)
        assert [stage for _, stage in one.stage_pending] == ["convicted"]
        assert "different dates" in one.stage_pending[0][0].reason
        assert [m.measure.kind for m in one.uncertain_measures] == ["bail"]


def test_after_both_verdict_dates_they_are_convicted_and_on_bail(civic: Case) -> None:
    status = on(civic, "2016-08-01")
    assert in_force(status) == {p: ("convicted", ["on bail"]) for p in PEOPLE}
    wong = person(status, "joshua-wong")
    assert wong.measures[0].since.display() == "21 July 2016 or 15 July 2016 (disputed) (inferred)"
    # their own appeal and the prosecution's, both undated, may have been lodged by then
    assert [stage for _, stage in wong.stage_pending] == ["appeal-pending", "appeal-pending"]


def test_after_sentencing_each_has_a_non_custodial_measure_of_their_own(civic: Case) -> None:
    assert in_force(on(civic, "2016-12-01")) == {
        "joshua-wong": ("appeal-pending", ["community service, 80 hours"]),
        "nathan-law": ("appeal-pending", ["community service, 120 hours"]),
        "alex-chow": ("appeal-pending", ["suspended sentence, 1 year"]),
    }


@pytest.mark.parametrize("day", ["2017-06-15", "2017-08-16"])
def test_inside_the_bounds_of_the_undated_completion_the_service_may_have_been_served(civic: Case,
                                                                                        day: str) -> None:
    status = on(civic, day)
    for person_id, hours in (("joshua-wong", 80), ("nathan-law", 120)):
        one = person(status, person_id)
        assert [m.label for m in one.measures] == [f"community service, {hours} hours"]
        assert [change.words for m in one.measures for change in m.pending] == ["served"]
        assert one.warnings == ()  # hours are not counted on the calendar: no end is computed


def test_the_suspended_sentence_warns_once_its_computed_end_has_passed(civic: Case) -> None:
    chow = person(on(civic, "2017-06-15"), "alex-chow")
    assert chow.warnings == ()
    chow = person(on(civic, "2017-08-16"), "alex-chow")
    assert chow.warnings == ("the suspended sentence, 1 year would have ended 15 August 2017; no source says "
                             "what happened then",)


def test_the_court_of_appeal_replaces_every_sentence_with_prison(civic: Case) -> None:
    status = on(civic, "2017-09-01")
    assert in_force(status) == {
        "joshua-wong": ("appeal-decided", ["imprisonment, 6 months"]),
        "nathan-law": ("appeal-decided", ["imprisonment, 8 months"]),
        "alex-chow": ("appeal-decided", ["imprisonment, 7 months"]),
    }
    chow = person(status, "alex-chow")
    assert [(m.label, m.ended_by.words if m.ended_by else None) for m in chow.ended_measures] == [
        ("on bail", None), ("suspended sentence, 1 year", "replaced")]
    law = person(status, "nathan-law").measures[0]
    assert law.difference_ids  # 7 or 8 months: the sources differ, and the measure says so
    assert law.until == "17 April 2018 (computed, if served in full)"


def test_wong_and_law_are_bailed_a_fortnight_before_chow(civic: Case) -> None:
    assert in_force(on(civic, "2017-10-30")) == {
        "joshua-wong": ("appeal-pending", ["restricted freedom, length not given", "travel ban, length not given"]),
        "nathan-law": ("appeal-pending", ["restricted freedom, length not given", "travel ban, length not given"]),
        "alex-chow": ("appeal-decided", ["imprisonment, 7 months"]),
    }
    status = on(civic, "2017-12-15")
    assert in_force(status)["alex-chow"] == ("appeal-pending", ["on bail"])
    assert [m.ended_by.words for m in person(status, "alex-chow").ended_measures
            if m.measure.kind == "imprisonment" and m.ended_by] == ["suspended"]


def test_after_the_final_ruling_no_measure_is_in_force_and_the_prison_terms_were_quashed(civic: Case) -> None:
    for day in ("2018-03-01", None):
        status = on(civic, day) if day else case_status(civic, today=TODAY)
        assert in_force(status) == {p: ("final", []) for p in PEOPLE}
        for one in status.people:
            assert one.warnings == ()
            prison = [m for m in one.ended_measures if m.measure.kind == "imprisonment"]
            assert [m.ended_by.words for m in prison if m.ended_by] == ["quashed"]


def test_freshness_counts_the_undated_case_page_by_its_lower_bound(civic: Case) -> None:
    status = case_status(civic, today=TODAY)
    assert status.newest_source is not None and not status.newest_source.dated
    assert status.newest_source.source.publisher == "PEN America"
    assert status.freshness.startswith("As of PEN America, undated; not before 27 February 2021 (inferred): at most")
