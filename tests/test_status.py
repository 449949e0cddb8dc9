"""The derived status: the timeline, the status on a date by either basis, freshness, as-of dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.model.status import Standing, age_phrase, case_status, parse_as_of, timeline
from reader.model.types import Case, Precision
from reader.paths import default_case
from tests.support.case_files import problem_texts, write_case

D = dt.date

# --- a small synthetic case: two sources, four events -----------------------------------------

COURT_TEXT = """\
Court news

On 1 March 2019 Aliya Nur was arrested. On 17 July 2019 Aliya Nur was sentenced to seven years in prison.
"""

LATER_TEXT = """\
Later news

Aliya Nur was sentenced in July. She appealed at some point. Aliya Nur was released in August 2019. \
She spoke to reporters afterwards.
"""

EVENTS = """\
events:
  - id: arrest
    kind: arrest
    date: 2019-03-01
    summary: Arrested.
    status: {state: accused, summary: Under arrest.}
    citations:
      - {source: court, quote: "Aliya Nur was arrested"}
  - id: sentence
    kind: sentence
    date: 2019-07-17
    summary: Sentenced to seven years.
    status: {state: imprisoned, summary: In prison for seven years.}
    citations:
      - {source: court, quote: "was sentenced to seven years in prison"}
      - {source: later, quote: "Aliya Nur was sentenced in July."}
  - id: appeal
    kind: appeal
    date: unknown
    summary: Appealed.
    citations:
      - {source: later, quote: "She appealed at some point."}
  - id: release
    kind: release
    date: 2019-08
    summary: Released.
    status: {state: released, summary: Free.}
    citations:
      - {source: later, quote: "Aliya Nur was released in August 2019."}
"""


def synthetic(tmp_path: Path, *, later_date: str = "date: 2019-12-01", court_date: str = "date: 2019-07-18",
              extra_events: str = "", events: str = EVENTS) -> Case:
    """Load the synthetic case; ``later_date``/``court_date`` are the sources' date lines."""
    case_yaml = f"""\
version: 1
case: {{id: nur, title: Aliya Nur, subject: aliya-nur}}
sources:
  - id: court
    file: court.txt
    title: Court news
    publisher: Court News
    {court_date}
    kind: news
  - id: later
    file: later.txt
    title: Later news
    publisher: Later News
    {later_date}
    kind: news
"""
    entities = """\
entities:
  - id: aliya-nur
    type: person
    name: Aliya Nur
    description: The subject.
    citations:
      - {source: court, quote: "Aliya Nur was arrested"}
"""
    folder = write_case(tmp_path / "nur", {
        "case.yaml": case_yaml, "entities.yaml": entities, "events.yaml": events + extra_events,
        "quotes.yaml": None, "differences.yaml": None, "court.txt": COURT_TEXT, "later.txt": LATER_TEXT,
    })
    # write_case adds the minimal case's own source texts; they are simply not used here.
    result = load_case(folder)
    assert result.case is not None, problem_texts(result)
    return result.case


@pytest.fixture(scope="module")
def bundled() -> Case:
    result = load_case(default_case())
    assert result.case is not None
    return result.case


def standing(status, event_id: str) -> Standing:
    return next(s.standing for s in status.steps if s.step.event.id == event_id)


# --- timeline -----------------------------------------------------------------------------------

def test_timeline_carries_the_status_forward(tmp_path: Path) -> None:
    steps = timeline(synthetic(tmp_path))
    assert [s.event.id for s in steps] == ["arrest", "sentence", "appeal", "release"]
    assert [s.index for s in steps] == [0, 1, 2, 3]
    assert [s.status.state if s.status else None for s in steps] == ["accused", "imprisoned", "imprisoned",
                                                                      "released"]
    assert [s.status_event_id for s in steps] == ["arrest", "sentence", "sentence", "release"]
    assert [s.sets_status for s in steps] == [True, True, False, True]


def test_timeline_counts_the_sources_of_each_event(tmp_path: Path) -> None:
    steps = {s.event.id: s for s in timeline(synthetic(tmp_path))}
    assert steps["sentence"].source_ids == ("court", "later")
    assert steps["sentence"].corroboration == 2 and not steps["sentence"].single_source
    assert steps["arrest"].source_ids == ("court",)
    assert steps["arrest"].corroboration == 1 and steps["arrest"].single_source
    assert [c.quote for c in steps["sentence"].citations] == ["was sentenced to seven years in prison",
                                                             "Aliya Nur was sentenced in July."]


def test_timeline_of_the_bundled_case(bundled: Case) -> None:
    steps = timeline(bundled)
    assert [s.event.id for s in steps] == [e.id for e in bundled.events]
    by_id = {s.event.id: s for s in steps}
    assert by_id["zhanaozen-protests"].status is None  # nothing has set a status yet
    assert by_id["refusal"].status is not None and by_id["refusal"].status.state == "released"
    assert by_id["refusal"].status_event_id == "fine"  # carried from the fine, not from the release
    assert by_id["campaign-call-2019-11"].status_event_id == "reimprisonment"
    assert by_id["sentence-2019"].corroboration == 2
    assert by_id["reimprisonment"].single_source
    assert "new-sentence-length" in by_id["reimprisonment"].difference_ids
    trial = by_id["trial"].date
    assert trial.precision is Precision.MONTH and trial.inferred
    assert (trial.earliest(), trial.latest()) == (D(2019, 6, 1), D(2019, 6, 30))
    # the status after each step is the status of the event that set it
    for step in steps:
        if step.status_event_id is not None:
            assert step.status == by_id[step.status_event_id].event.status


# --- case_status, basis "happened" ------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "state", "setter", "uncertain"), [
    (D(2019, 2, 28), None, None, []),  # before every event
    (D(2019, 3, 1), "accused", "arrest", []),  # on the day of the first
    (D(2019, 7, 16), "accused", "arrest", []),  # between two dated events
    (D(2019, 7, 17), "imprisoned", "sentence", []),
    (D(2019, 8, 15), "imprisoned", "sentence", ["release"]),  # inside the month of the release
    (D(2019, 8, 31), "released", "release", []),  # the release month is over
    (D(2030, 1, 1), "released", "release", []),  # after every event
    (None, "released", "release", []),
])
def test_status_on_a_date_by_what_had_happened(tmp_path: Path, as_of, state, setter, uncertain) -> None:
    status = case_status(synthetic(tmp_path), as_of=as_of, today=D(2031, 1, 1))
    assert status.state == state
    assert (status.event.id if status.event else None) == setter
    assert [s.step.event.id for s in status.uncertain] == uncertain
    if setter is None:
        assert status.status is None and status.since is None and status.citations == ()


def test_an_event_of_unknown_date_is_placed_by_the_events_around_it(tmp_path: Path) -> None:
    case = synthetic(tmp_path)
    before = case_status(case, as_of=D(2019, 7, 10))
    assert standing(before, "appeal") is Standing.NOT_YET  # listed after a sentence that had not happened
    during = case_status(case, as_of=D(2019, 7, 20))
    assert standing(during, "appeal") is Standing.UNCERTAIN
    after = case_status(case, as_of=D(2019, 9, 1))
    assert standing(after, "appeal") is Standing.COUNTS
    reason = next(s.reason for s in after.steps if s.step.event.id == "appeal")
    assert "listed before `release`" in reason


def test_a_source_publication_bounds_an_undated_event(tmp_path: Path) -> None:
    extra = """\
  - id: interview
    kind: other
    date: unknown
    summary: Spoke to reporters.
    citations:
      - {source: later, quote: "She spoke to reporters afterwards."}
"""
    case = synthetic(tmp_path, extra_events=extra)
    assert standing(case_status(case, as_of=D(2019, 11, 30)), "interview") is Standing.UNCERTAIN
    on_the_day = case_status(case, as_of=D(2019, 12, 1))
    assert standing(on_the_day, "interview") is Standing.COUNTS
    assert "reported by Later News" in next(s.reason for s in on_the_day.steps if s.step.event.id == "interview")


def test_events_listed_out_of_order_leave_the_event_between_them_uncertain(tmp_path: Path) -> None:
    events = EVENTS.replace("date: 2019-03-01", "date: 2019-09-01")  # the arrest is now dated after the rest
    status = case_status(synthetic(tmp_path, events=events), as_of=D(2019, 8, 31))
    assert standing(status, "arrest") is Standing.NOT_YET
    assert standing(status, "release") is Standing.COUNTS
    # listed after an event that had not happened and before one that had: the order says nothing
    assert standing(status, "appeal") is Standing.UNCERTAIN


def test_the_status_carries_its_evidence(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), as_of=D(2019, 7, 31))
    assert status.since is not None and status.since.text == "2019-07-17"
    assert status.source_ids == ("court", "later")
    assert status.corroboration == 2 and not status.single_source
    assert all(c.span is not None for c in status.citations)
    assert status.summary == "In prison for seven years."


def test_bad_basis_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="basis"):
        case_status(synthetic(tmp_path), basis="rumoured")  # type: ignore[arg-type]


# --- case_status, basis "reported" ------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "state", "sentence_sources"), [
    (D(2019, 7, 17), None, None),  # the sentence has happened, but no source had reported it
    (D(2019, 7, 18), "imprisoned", ("court",)),  # the court report is out
    (D(2019, 11, 30), "imprisoned", ("court",)),  # the release happened, but nobody had reported it
    (D(2019, 12, 1), "released", ("court", "later")),
    (None, "released", ("court", "later")),
])
def test_status_by_what_had_been_reported(tmp_path: Path, as_of, state, sentence_sources) -> None:
    case = synthetic(tmp_path)
    status = case_status(case, as_of=as_of, basis="reported", today=D(2020, 1, 1))
    assert status.state == state
    sentence = next(s for s in status.steps if s.step.event.id == "sentence")
    if sentence_sources is None:
        assert sentence.standing is Standing.NOT_YET and sentence.citations == ()
    else:
        assert sentence.source_ids == sentence_sources  # only published sources are evidence
        assert sentence.corroboration == len(sentence_sources)
    assert case_status(case, as_of=D(2019, 7, 17)).state == "imprisoned"  # by what had happened


def test_an_undated_source_without_an_upper_bound_is_uncertain(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="date: unknown\n    not_before: 2019-08\n    date_inferred: true\n"
                                          "    date_note: It reports the release.")
    status = case_status(case, as_of=D(2020, 6, 30), basis="reported")
    assert {s.source.id: s.standing for s in status.sources} == {"court": Standing.COUNTS,
                                                                "later": Standing.UNCERTAIN}
    assert status.state == "imprisoned"
    assert [s.step.event.id for s in status.uncertain] == ["release"]
    assert "Later News" in status.uncertain[0].reason


def test_an_undated_source_with_an_upper_bound_counts_after_it(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="date: unknown\n    not_before: 2019-08\n    not_after: 2019-09\n"
                                          "    date_inferred: true\n    date_note: Bounded.")
    assert case_status(case, as_of=D(2019, 9, 29), basis="reported").state == "imprisoned"
    assert case_status(case, as_of=D(2019, 9, 30), basis="reported").state == "released"


# --- freshness ----------------------------------------------------------------------------------

def test_the_picture_is_as_of_the_newest_dated_source(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), today=D(2019, 12, 11))
    assert status.newest_source is not None and status.newest_source.source.id == "later"
    assert status.age_days == 10
    assert status.age_phrase == "10 days"
    assert status.may_have_changed
    assert status.freshness.startswith("As of Later News, 1 December 2019: 10 days old (10 days).")
    assert "may have changed since" in status.freshness


def test_a_month_precise_source_is_aged_from_its_last_day(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path, later_date="date: 2019-12"), today=D(2020, 1, 10))
    assert status.age_days == 10


def test_a_past_date_covered_by_later_sources_has_not_changed_since(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), as_of=D(2019, 8, 31), today=D(2025, 1, 1))
    assert not status.may_have_changed
    assert "published on or after 31 August 2019" in status.freshness
    later = case_status(synthetic(tmp_path / "b"), as_of=D(2020, 3, 1), today=D(2025, 1, 1))
    assert later.may_have_changed
    assert "between then and 1 March 2020" in later.freshness


def test_undated_sources_are_shown_as_undated_with_inferred_bounds(case_dir: Path) -> None:
    case = load_case(case_dir).case
    assert case is not None
    status = case_status(case, today=D(2019, 7, 20))
    assert [s.source.id for s in status.undated_sources] == ["weekly"]
    weekly = status.undated_sources[0]
    assert not weekly.dated and weekly.bound_inferred
    assert weekly.label == "undated; not before August 2019 (inferred)"
    assert status.newest_source is not None and status.newest_source.source.id == "daily"
    assert status.age_days == 2


def test_no_dated_source(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="date: unknown", court_date="date: unknown")
    status = case_status(case, today=D(2020, 1, 1))
    assert status.newest_source is None and status.age_days is None
    assert status.age_phrase == "no dated source"
    assert status.may_have_changed
    assert status.freshness.startswith("No source it rests on is dated")
    assert "With no dated source, the status may have changed at any time." in status.freshness
    assert case_status(case, as_of=D(2020, 1, 1), basis="reported").freshness.startswith(
        "No source had certainly been published by 1 January 2020")


@pytest.mark.parametrize(("days", "phrase"), [
    (0, "today"), (1, "1 day"), (13, "13 days"), (14, "2 weeks"), (60, "8 weeks"), (61, "2 months"),
    (729, "24 months"), (730, "about 2 years"), (2039, "about 6 years"),
])
def test_age_phrase(days: int, phrase: str) -> None:
    assert age_phrase(days) == phrase


# --- the bundled case ---------------------------------------------------------------------------

def test_bundled_status_now(bundled: Case) -> None:
    status = case_status(bundled, today=D(2025, 6, 1))
    assert status.state == "imprisoned"
    assert status.event is not None and status.event.id == "reimprisonment"
    assert status.since is not None and status.since.not_before == "2019-10-16"
    assert status.single_source and status.source_ids == ("industriall",)
    assert status.newest_source is not None and status.newest_source.source.id == "industriall"
    assert status.age_days == (D(2025, 6, 1) - D(2019, 11, 1)).days
    assert [s.source.id for s in status.undated_sources] == ["owp"]
    assert status.undated_sources[0].bound_inferred
    assert [fact.id for fact in status.computed] == ["term-end:reimprisonment"]
    assert "computed end of the term (between 24 March 2020 and 9 April 2020) is before today" \
        in status.freshness


@pytest.mark.parametrize(("as_of", "state", "setter", "uncertain"), [
    ("2019-05", None, None, ["accusation"]),  # no source dates the accusation
    ("2019-07", "convicted", "sentence-2019", ["imprisonment-2019"]),
    ("2019-08-15", "convicted", "sentence-2019", ["imprisonment-2019", "release-2019-08", "fine"]),
    ("2019-09-01", "released", "release-2019-08", ["fine"]),
    ("2019-10-20", "convicted", "resentencing", ["reimprisonment"]),
    ("2019-11-01", "imprisoned", "reimprisonment", []),
])
def test_bundled_status_on_dates(bundled: Case, as_of: str, state, setter, uncertain) -> None:
    status = case_status(bundled, as_of=parse_as_of(as_of), today=D(2025, 6, 1))
    assert status.state == state
    assert (status.event.id if status.event else None) == setter
    assert [s.step.event.id for s in status.uncertain] == uncertain
    # the computed end of the new term is shown only once the term had certainly begun
    assert [f.id for f in status.computed] == (["term-end:reimprisonment"] if setter == "reimprisonment" else [])


# --- --as-of dates ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("2019", D(2019, 12, 31)), ("2019-07", D(2019, 7, 31)), ("2020-02", D(2020, 2, 29)),
    ("2019-02", D(2019, 2, 28)), ("2019-07-17", D(2019, 7, 17)), (" 2019-07-17 ", D(2019, 7, 17)),
])
def test_parse_as_of_takes_the_end_of_a_partial_date(text: str, day: dt.date) -> None:
    assert parse_as_of(text) == day


@pytest.mark.parametrize(("text", "message"), [
    ("2019-13", "there is no month 13"), ("2019-02-30", "February 2019 has no day 30"),
    ("17/07/2019", "not a date"), ("", "not a date"), ("0000", "there is no year 0"),
    ("2019-7-1", "not a date"),
])
def test_parse_as_of_explains_a_bad_date(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_as_of(text)


def test_each_step_lists_the_differences_about_its_event_in_case_order(bundled_case: Case) -> None:
    steps = timeline(bundled_case)
    assert any(step.difference_ids for step in steps)
    for step in steps:
        assert step.difference_ids == tuple(difference.id for difference in bundled_case.differences
                                            if step.event.id in difference.event_ids)
