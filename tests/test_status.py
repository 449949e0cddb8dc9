"""The derived status: the timeline, each person's status on a date by either basis, freshness, as-of dates.

A status is per person: where the proceedings stand and every measure in
force, each with its own sources. Small cases written here test one rule
each; the bundled case is asserted at dates across its story, against what
its two sources say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.load.case_loader import load_case
from reader.model.status import CaseStatus, PersonStatus, Standing, age_phrase, case_status, parse_as_of, timeline
from reader.model.types import Case, Precision
from reader.paths import default_case
from tests.support.case_files import problem_texts, story_case

D = dt.date

# --- a small case: two sources, four events, one person -----------------------------------------

COURT_TEXT = """\
Court news

On 1 March 2019 Aliya Nur was arrested. On 17 July 2019 Aliya Nur was sentenced to seven years in prison.
"""

LATER_TEXT = """\
Later news

Aliya Nur was sentenced in July. She appealed at some point. Aliya Nur was pardoned and released in August 2019. \
She spoke to reporters afterwards.
"""

EVENTS = """\
events:
  - id: arrest
    kind: arrest
    date: 2019-03-01
    summary: Arrested.
    people: [aliya-nur]
    proceedings: accused
    citations:
      - {source: court, quote: "Aliya Nur was arrested"}
  - id: sentence
    kind: sentence
    date: 2019-07-17
    summary: Sentenced to seven years.
    people: [aliya-nur]
    proceedings: convicted
    measures:
      - id: prison
        kind: imprisonment
        term: {years: 7}
        citations:
          - {source: court, quote: "sentenced to seven years in prison"}
    citations:
      - {source: court, quote: "was sentenced to seven years in prison"}
      - {source: later, quote: "Aliya Nur was sentenced in July."}
  - id: appeal
    kind: appeal
    date: unknown
    summary: Appealed.
    people: [aliya-nur]
    proceedings: appeal-pending
    citations:
      - {source: later, quote: "She appealed at some point."}
  - id: release
    kind: release
    date: 2019-08
    summary: Pardoned and released.
    people: [aliya-nur]
    changes:
      - measure: prison
        action: pardoned
        citations:
          - {source: later, quote: "Aliya Nur was pardoned and released in August 2019."}
    citations:
      - {source: later, quote: "Aliya Nur was pardoned and released in August 2019."}
"""


def load(folder: Path) -> Case:
    result = load_case(folder)
    assert result.case is not None and result.ok, problem_texts(result)
    return result.case


def synthetic(tmp_path: Path, *, later_date: str = "2019-12-01", court_date: str = "2019-07-18",
              extra_events: str = "", events: str = EVENTS) -> Case:
    """Load the small case; ``later_date``/``court_date`` are the sources' dates (the YAML after ``date:``)."""
    return load(story_case(tmp_path / "nur", people={"aliya-nur": "Aliya Nur"},
                           sources={"court": (court_date, COURT_TEXT), "later": (later_date, LATER_TEXT)},
                           events=events + extra_events))


@pytest.fixture(scope="module")
def bundled() -> Case:
    return load(default_case())


def standing(status: CaseStatus, event_id: str) -> Standing:
    return next(s.standing for s in status.steps if s.step.event.id == event_id)


def only(status: CaseStatus) -> PersonStatus:
    """The status of the case's one person."""
    [person] = status.people
    return person


def labels(person: PersonStatus) -> list[str]:
    """The measures in force, as the status shows them."""
    return [m.label for m in person.measures]


# --- timeline -----------------------------------------------------------------------------------

def test_the_timeline_lists_every_event_in_the_files_order_with_what_it_does(tmp_path: Path) -> None:
    case = synthetic(tmp_path)
    steps = timeline(case)
    assert [s.event.id for s in steps] == ["arrest", "sentence", "appeal", "release"]
    assert [s.index for s in steps] == [0, 1, 2, 3]
    assert [s.acts for s in steps] == [True, True, True, True]
    assert [s.event.stage_of("aliya-nur") for s in steps] == ["accused", "convicted", "appeal-pending", None]
    assert [m.id for m in steps[1].event.measures] == ["prison"]
    assert [(c.measure_id, c.action) for c in steps[3].event.changes] == [("prison", "pardoned")]
    extra = synthetic(tmp_path / "b", extra_events="""\
  - id: interview
    kind: other
    date: unknown
    summary: Spoke to reporters.
    citations:
      - {source: later, quote: "She spoke to reporters afterwards."}
""")
    interview = timeline(extra)[-1]
    assert not interview.acts and interview.event.people == () and interview.event.concerns("aliya-nur")


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
    assert not by_id["zhanaozen-protests"].acts  # context moves no one's proceedings
    # what acts: the stages, the two sentences, the fine, the pardon and the return to prison
    assert [s.event.id for s in steps if s.acts] == [
        "accusation", "trial", "verdict", "sentence-2019", "release-2019-08", "fine", "resentencing",
        "reimprisonment"]
    assert by_id["sentence-2019"].corroboration == 2
    assert by_id["reimprisonment"].single_source
    assert "new-sentence-length" in by_id["reimprisonment"].difference_ids
    trial = by_id["trial"].date
    assert trial.precision is Precision.MONTH and trial.inferred
    assert (trial.earliest(), trial.latest()) == (D(2019, 6, 1), D(2019, 6, 30))


# --- case_status, basis "happened" ------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "stage", "setter", "in_force", "uncertain"), [
    # before every event; the undated appeal cannot come before the sentence, which had not happened
    (D(2019, 2, 28), None, None, [], []),
    (D(2019, 3, 1), "accused", "arrest", [], []),  # on the day of the first
    (D(2019, 7, 16), "accused", "arrest", [], []),  # between two dated events
    (D(2019, 7, 17), "convicted", "sentence", ["imprisonment, 7 years"], ["appeal"]),
    (D(2019, 8, 15), "convicted", "sentence", ["imprisonment, 7 years"], ["appeal", "release"]),  # in August
    (D(2019, 8, 31), "convicted", "sentence", [], ["appeal"]),  # the release month is over: pardoned
    (D(2019, 12, 1), "appeal-pending", "appeal", [], []),  # the later source, which reports it, is out
    (None, "appeal-pending", "appeal", [], []),
])
def test_status_on_a_date_by_what_had_happened(tmp_path: Path, as_of, stage, setter, in_force, uncertain) -> None:
    status = case_status(synthetic(tmp_path), as_of=as_of, today=D(2031, 1, 1))
    person = only(status)
    assert (person.person_id, person.name) == ("aliya-nur", "Aliya Nur")
    assert person.stage == stage
    assert (person.stage_step.step.event.id if person.stage_step else None) == setter
    assert labels(person) == in_force
    assert [s.step.event.id for s in status.steps if s.standing is Standing.UNCERTAIN] == uncertain
    if setter is None:
        assert person.stage_words is None and person.since is None and person.source_ids == ()
        assert person.headline == "no stage recorded"


def test_what_may_have_changed_is_listed_beside_the_status_never_applied(tmp_path: Path) -> None:
    person = only(case_status(synthetic(tmp_path), as_of=D(2019, 8, 15)))
    [prison] = person.measures
    assert prison.in_force and not prison.ended
    assert [(p.change.action, p.step.step.event.id, p.words) for p in prison.pending] == [
        ("pardoned", "release", "pardoned")]
    assert [(s.step.event.id, stage) for s, stage in person.stage_pending] == [("appeal", "appeal-pending")]
    assert person.headline == "convicted at first instance; imprisonment, 7 years"
    after = only(case_status(synthetic(tmp_path / "b"), as_of=D(2019, 8, 31)))
    [ended] = after.ended_measures
    assert ended.ended_by is not None and ended.ended_by.step.step.event.id == "release"
    assert after.measures == () and after.headline == "convicted at first instance"


def test_an_undated_event_never_counts_by_its_place_in_the_file(tmp_path: Path) -> None:
    case = synthetic(tmp_path)
    # Listed before the release, after the sentence: by the dates alone it may have come at any time
    # after the sentence, so it stays uncertain until a source that reports it is out.
    for day in (D(2019, 7, 20), D(2019, 9, 1), D(2019, 11, 30)):
        status = case_status(case, as_of=day)
        assert standing(status, "release") is (Standing.COUNTS if day > D(2019, 8, 31) else Standing.NOT_YET)
        assert standing(status, "appeal") is Standing.UNCERTAIN, day
        assert only(status).stage == "convicted"
    reason = next(s.reason for s in case_status(case, as_of=D(2019, 9, 1)).steps if s.step.event.id == "appeal")
    assert reason == "date unknown" and "listed" not in reason
    counted = case_status(case, as_of=D(2019, 12, 1))
    assert standing(counted, "appeal") is Standing.COUNTS
    assert next(s.reason for s in counted.steps if s.step.event.id == "appeal") == \
        "reported by The Later, 1 December 2019"


def test_an_appeal_cannot_come_before_the_verdict_it_appeals(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), as_of=D(2019, 7, 10))
    assert standing(status, "appeal") is Standing.NOT_YET
    assert next(s.reason for s in status.steps if s.step.event.id == "appeal") == \
        "it comes after `sentence`, which had not happened by then"
    assert only(status).stage_pending == ()


def test_a_change_certainly_made_means_its_measure_was_imposed(tmp_path: Path) -> None:
    # the sentence is undated here, and the sources that report it are published later; the pardon of
    # August 2019 shows it had been handed down by then
    events = EVENTS.replace("    date: 2019-07-17\n", "    date: unknown\n")
    status = case_status(synthetic(tmp_path, events=events, court_date="2019-12-15"), as_of=D(2019, 9, 1))
    assert standing(status, "sentence") is Standing.COUNTS
    assert next(s.reason for s in status.steps if s.step.event.id == "sentence") == \
        "it comes before `release`, which had happened by then (dated August 2019)"
    person = only(status)
    assert person.stage == "convicted" and [m.id for m in person.ended_measures] == ["prison"]
    before = case_status(synthetic(tmp_path / "b", events=events, court_date="2019-12-15"), as_of=D(2019, 7, 31))
    assert standing(before, "sentence") is Standing.UNCERTAIN
    assert [m.id for m in only(before).uncertain_measures] == ["prison"]


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
    assert "reported by The Later" in next(s.reason for s in on_the_day.steps if s.step.event.id == "interview")


def test_events_listed_out_of_order_are_placed_by_their_dates(tmp_path: Path) -> None:
    events = EVENTS.replace("date: 2019-03-01", "date: 2019-09-01")  # the arrest is now dated after the rest
    status = case_status(synthetic(tmp_path, events=events), as_of=D(2019, 8, 31))
    assert standing(status, "arrest") is Standing.NOT_YET
    assert standing(status, "release") is Standing.COUNTS
    assert standing(status, "appeal") is Standing.UNCERTAIN  # the order of the file says nothing
    assert only(status).stage == "convicted"


def test_the_status_carries_its_evidence_stage_and_measure_apart(tmp_path: Path) -> None:
    person = only(case_status(synthetic(tmp_path), as_of=D(2019, 7, 31), today=D(2031, 1, 1)))
    assert person.since is not None and person.since.text == "2019-07-17"
    assert person.stage_step is not None and person.stage_step.source_ids == ("court", "later")
    [prison] = person.measures
    # the measure rests on its own citations, not on the event's: only the court report states the term
    assert prison.source_ids == ("court",) and prison.single_source
    assert prison.since.text == "2019-07-17" and prison.imposed.step.event.id == "sentence"
    assert prison.until == "17 July 2026 (computed, if served in full)"
    assert prison.term is not None and prison.term.years == 7 and prison.amount is None
    assert prison.newest_source is not None and prison.newest_source.source.id == "court"
    assert person.source_ids == ("court", "later")
    assert all(c.span is not None for c in prison.citations)
    assert prison.warning(D(2020, 1, 1)) is None and person.warnings == ()


def test_bad_basis_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="basis"):
        case_status(synthetic(tmp_path), basis="rumoured")  # type: ignore[arg-type]


# --- case_status, basis "reported" ------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "stage", "in_force", "sentence_sources"), [
    (D(2019, 7, 17), None, [], None),  # the sentence has happened, but no source had reported it
    (D(2019, 7, 18), "convicted", ["imprisonment, 7 years"], ("court",)),  # the court report is out
    (D(2019, 11, 30), "convicted", ["imprisonment, 7 years"], ("court",)),  # pardoned, but nobody had said
    (D(2019, 12, 1), "appeal-pending", [], ("court", "later")),
    (None, "appeal-pending", [], ("court", "later")),
])
def test_status_by_what_had_been_reported(tmp_path: Path, as_of, stage, in_force, sentence_sources) -> None:
    case = synthetic(tmp_path)
    status = case_status(case, as_of=as_of, basis="reported", today=D(2020, 1, 1))
    assert only(status).stage == stage and labels(only(status)) == in_force
    sentence = next(s for s in status.steps if s.step.event.id == "sentence")
    if sentence_sources is None:
        assert sentence.standing is Standing.NOT_YET and sentence.citations == ()
    else:
        assert sentence.source_ids == sentence_sources  # only published sources are evidence
        assert sentence.corroboration == len(sentence_sources)
    happened = only(case_status(case, as_of=D(2019, 7, 17)))  # by what had happened
    assert happened.stage == "convicted" and labels(happened) == ["imprisonment, 7 years"]


def test_an_undated_source_without_an_upper_bound_is_uncertain(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="unknown\n    not_before: 2019-08\n    date_inferred: true\n"
                                          "    date_note: It reports the release.")
    status = case_status(case, as_of=D(2020, 6, 30), basis="reported")
    assert {s.source.id: s.standing for s in status.sources} == {"court": Standing.COUNTS,
                                                                "later": Standing.UNCERTAIN}
    person = only(status)
    assert person.stage == "convicted" and labels(person) == ["imprisonment, 7 years"]
    uncertain = [s for s in status.steps if s.standing is Standing.UNCERTAIN]
    assert [s.step.event.id for s in uncertain] == ["appeal", "release"]
    assert "The Later" in uncertain[1].reason
    [prison] = person.measures
    assert [p.step.step.event.id for p in prison.pending] == ["release"]


def test_an_undated_source_with_an_upper_bound_counts_after_it(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="unknown\n    not_before: 2019-08\n    not_after: 2019-09\n"
                                          "    date_inferred: true\n    date_note: Bounded.")
    assert labels(only(case_status(case, as_of=D(2019, 9, 29), basis="reported"))) == ["imprisonment, 7 years"]
    assert labels(only(case_status(case, as_of=D(2019, 9, 30), basis="reported"))) == []


# --- freshness ----------------------------------------------------------------------------------

def test_the_picture_is_as_of_the_newest_dated_source(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), today=D(2019, 12, 11))
    assert status.newest_source is not None and status.newest_source.source.id == "later"
    assert status.age_days == 10
    assert status.age_phrase == "10 days"
    assert status.may_have_changed
    assert status.freshness.startswith("As of The Later, 1 December 2019: 10 days old (10 days).")
    assert "may have changed since" in status.freshness


def test_a_month_precise_source_is_aged_from_its_last_day(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path, later_date="2019-12"), today=D(2020, 1, 10))
    assert status.age_days == 10


def test_a_past_date_covered_by_later_sources_has_not_changed_since(tmp_path: Path) -> None:
    status = case_status(synthetic(tmp_path), as_of=D(2019, 8, 31), today=D(2025, 1, 1))
    assert not status.may_have_changed
    assert "published on or after 31 August 2019" in status.freshness
    later = case_status(synthetic(tmp_path / "b"), as_of=D(2020, 3, 1), today=D(2025, 1, 1))
    assert later.may_have_changed
    assert "between then and 1 March 2020" in later.freshness


def test_undated_sources_are_shown_as_undated_with_inferred_bounds(case_dir: Path) -> None:
    case = load(case_dir)
    status = case_status(case, today=D(2019, 9, 20))
    assert [s.source.id for s in status.undated_sources] == ["weekly"]
    weekly = status.undated_sources[0]
    assert not weekly.dated and weekly.bound_inferred
    assert weekly.label == "undated; not before August 2019 (inferred)"
    assert weekly.freshness_day == D(2019, 8, 1)


def test_an_undated_source_bounded_after_the_dated_ones_is_the_newest(case_dir: Path) -> None:
    # The minimal case: The Daily of 18 July 2019, and The Weekly, undated but not before August 2019.
    # The Weekly is at least as recent as 1 August 2019: the picture is as of it, not of The Daily.
    status = case_status(load(case_dir), today=D(2019, 9, 20))
    assert status.newest_source is not None and status.newest_source.source.id == "weekly"
    assert status.age_days == (D(2019, 9, 20) - D(2019, 8, 1)).days == 50
    assert status.freshness.startswith(
        "As of The Weekly, undated; not before August 2019 (inferred): at most 50 days old (7 weeks).")
    assert status.age_ago == "at most 7 weeks ago"
    # and the measure's own newest source is The Daily, the only one that states it
    [prison] = only(status).measures
    assert prison.newest_source is not None and prison.newest_source.source.id == "daily"


def test_no_dated_source(tmp_path: Path) -> None:
    case = synthetic(tmp_path, later_date="unknown", court_date="unknown")
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
