"""What a new user's attack on the status model found, held fixed (tests/probe_cases, issue 19).

Each case in tests/probe_cases was written from docs/format.md alone, with
what a careful reader would say at each date written down first
(tests/probe_cases/EXPECTED.md). These tests hold the reader to the answers
it got wrong: a measure shown in force before it began, an acquittal beside a
prison term with no word said, changes after a measure had ended, a measure
that ends before it begins.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.model.status import CaseStatus, PersonStatus, case_status
from reader.model.types import Case

PROBES = Path(__file__).resolve().parent / "probe_cases"
TODAY = dt.date(2026, 12, 2)


def loaded(name: str) -> Case:
    result = load_case(PROBES / name)
    assert result.case is not None, [str(p) for p in result.problems]
    return result.case


def person(status: CaseStatus, person_id: str) -> PersonStatus:
    found = status.person(person_id)
    assert found is not None
    return found


def on(case: Case, day: str | None) -> CaseStatus:
    return case_status(case, as_of=dt.date.fromisoformat(day) if day else None, today=TODAY)


def messages(name: str) -> list[str]:
    return [f"{p.severity.value}: {p.message}" for p in load_case(PROBES / name).problems]


def test_a_ban_that_begins_after_the_prison_term_is_not_in_force_before_it_begins() -> None:
    case = loaded("lowmarsh-fine")
    mira = person(on(case, "2021-04-12"), "mira-stallworth")
    assert [m.label for m in mira.measures] == ["imprisonment, 3 years"]
    assert [m.label for m in mira.not_begun] == ["ban on posts or activity, 5 years"]
    assert mira.not_begun[0].began.display() == "date unknown (not before 12 April 2024) (inferred)"
    later = person(on(case, "2024-06-01"), "mira-stallworth")
    assert "ban on posts or activity, 5 years" in [m.label for m in later.measures]  # it may have begun by then


def test_a_prison_term_is_not_served_before_the_custody_that_began_it() -> None:
    case = loaded("quarrel-suspended")
    before = person(on(case, "2019-08-03"), "tamsin-quarrel")
    assert "imprisonment, 2 years" not in [m.label for m in before.measures]
    [waiting] = [m for m in before.not_begun if m.measure.kind == "imprisonment"]
    assert waiting.began.display() == "5 August 2019"
    assert waiting.until == "5 August 2021 (computed, if served in full)"  # counted from custody, not the ruling
    after = person(on(case, "2019-08-06"), "tamsin-quarrel")
    assert "imprisonment, 2 years" in [m.label for m in after.measures]


def test_an_acquittal_beside_a_measure_in_force_is_said_at_the_status_and_warned_at_check() -> None:
    case = loaded("acquitted-with-prison-in-force")
    status = on(case, None)
    bruno = person(status, "bruno-kessmer")
    assert bruno.stage == "acquitted"
    assert any(w.startswith("acquitted, yet no source here says what became of the imprisonment")
               for w in bruno.warnings)
    assert "warning: `appeal`: acquitted for `bruno-kessmer`, but no event ends `k-prison`" in \
        messages("acquitted-with-prison-in-force")
    assert "warning: `appeal`: charges dropped for `ada-varnholt`, but no event ends `v-prison`" in \
        messages("acquitted-with-prison-in-force")


def test_changes_after_a_measure_ended_are_warned_about_and_a_reduction_that_lengthens_too() -> None:
    found = messages("changes-after-the-end")
    assert "warning: `appeal` changes measure `v-prison` (reduced) after `pardon` ended it (pardoned)" in found
    assert "warning: measure `v-prison` reduced from 6 years to 9 years" in found
    assert "warning: `appeal` changes measure `k-prison` (began) after `pardon` ended it (served)" in found


def test_a_measure_that_ends_before_it_begins_is_refused() -> None:
    found = messages("contradictory-measures")
    assert "error: measure `m1` ends (1 January 2019) before `verdict`, which imposed it (9 March 2020)" in found
    assert "error: measure `m7` ends (1 June 2020) before its start (1 January 2021)" in found


@pytest.mark.parametrize("name", ["lowmarsh-fine", "quarrel-suspended", "marlovia-five", "brackwater-disputed",
                                  "undated-appeal-since"])
def test_the_probe_cases_that_are_well_formed_check_clean(name: str) -> None:
    assert messages(name) == []
