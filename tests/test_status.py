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
from reader.model.status import (
    CaseStatus,
    PersonStatus,
    Standing,
    age_phrase,
    case_status,
    newest_of,
    parse_as_of,
    timeline,
)
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
    # The Weekly is at least as recent as 1 August 2019: of the two, it is the newest.
    status = case_status(load(case_dir), today=D(2019, 9, 20))
    newest = newest_of(status.sources)
    assert newest is not None and newest.source.id == "weekly" and newest.freshness_day == D(2019, 8, 1)
    # The status (convicted; imprisonment) rests on The Daily alone: The Weekly reports a release that moves
    # no one's status. The picture is as of The Daily, the person's and the case's alike, never of a source
    # that says nothing of the status (issue 19: "How old" and "Freshness" named different sources).
    assert only(status).newest_source is not None and only(status).newest_source.source.id == "daily"
    assert status.newest_source is only(status).newest_source
    assert status.freshness.startswith("As of The Daily, 18 July 2019: 64 days old")
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


# --- the bundled case, across its story -----------------------------------------------------------
# What the two sources say (content/baltabay/sources): OWP (undated, written after 17 July 2019) reports
# the trial "since the end of June" and the sentence of "17th July" to 7 years in prison; IndustriALL
# (1 November 2019) adds the ban on public activity, the pardon and release in August 2019, the fine
# that replaced the rest of the term, the new sentence of 16 October to five months and eight days for
# not paying it, and that he "has been returned to prison"; no source says anything after that.

PRISON_7 = "imprisonment, 7 years"
BAN = "ban on posts or activity, length not given"
FINE = "fine, amount not given"
PRISON_5 = "imprisonment, 5 months and 8 days"
ENDED_WARNING = ("the imprisonment, 5 months and 8 days would have ended between 24 March 2020 and "
                 "9 April 2020; no source says what happened then")


@pytest.mark.parametrize(("as_of", "stage", "setter", "in_force", "uncertain", "pending", "warnings"), [
    # before the accusation's bound (no later than June 2019): no stage, the accusation may have come
    ("2019-05", None, None, [], [], [], []),
    # inside the month of the trial: accused, on trial and even convicted may all have come
    ("2019-06-15", None, None, [], [], [], []),
    # the day after the sentence: 7 years and the ban; the fine (not before 17 July) may have come
    ("2019-07-18", "convicted", "sentence-2019", [PRISON_7, BAN], ["fine-2019"], [], []),
    # in August, the month of the release: the pardon may have come
    ("2019-08-15", "convicted", "sentence-2019", [PRISON_7, BAN], ["fine-2019"],
     [("prison-2019-07", "pardoned", "release-2019-08")], []),
    # after the pardon: the 7 years are over, the ban stays; the fine still may or may not have come
    ("2019-09", "convicted", "sentence-2019", [BAN], ["fine-2019"], [], []),
    # after the new sentence, inside the bounds of his return to prison: it may have begun
    ("2019-10-20", "convicted", "resentencing", [BAN, FINE, PRISON_5], [],
     [("prison-2019-10", "began", "reimprisonment")], []),
    ("2019-11-05", "convicted", "resentencing", [BAN, FINE, PRISON_5], [], [], []),
    # between the earliest and the latest computed end of the new term: it may have ended
    ("2020-04-01", "convicted", "resentencing", [BAN, FINE, PRISON_5], [], [],
     ["the imprisonment, 5 months and 8 days would end between 24 March 2020 and 9 April 2020: it may have "
      "ended by 1 April 2020; no source says"]),
    # the computed end has passed: said beside the status, in words
    ("2020-05", "convicted", "resentencing", [BAN, FINE, PRISON_5], [], [], [ENDED_WARNING]),
    (None, "convicted", "resentencing", [BAN, FINE, PRISON_5], [], [], [ENDED_WARNING]),  # today
])
def test_bundled_status_across_the_story(bundled: Case, as_of, stage, setter, in_force, uncertain, pending,
                                         warnings) -> None:
    status = case_status(bundled, as_of=parse_as_of(as_of) if as_of else None, today=D(2026, 12, 2))
    person = only(status)
    assert person.name == "Erlan Baltabay"
    assert person.stage == stage
    assert (person.stage_step.step.event.id if person.stage_step else None) == setter
    assert labels(person) == in_force
    assert [m.id for m in person.uncertain_measures] == uncertain
    assert [(m.id, p.change.action, p.step.step.event.id) for m in person.all_measures for p in m.pending] == pending
    assert list(person.warnings) == warnings
    assert [w for _, w in status.warnings] == warnings
    assert person.headline == "; ".join([person.stage_words or "no stage recorded", *in_force])


@pytest.mark.parametrize(("as_of", "pending_stages"), [
    ("2019-05", [("accusation", "accused")]),
    ("2019-06-15", [("accusation", "accused"), ("trial", "on-trial"), ("verdict", "convicted")]),
    ("2019-06-30", [("verdict", "convicted")]),  # the end of June: accused and on trial; the verdict may have come
    ("2019-07-18", []),
])
def test_bundled_stages_that_may_have_come(bundled: Case, as_of: str, pending_stages) -> None:
    person = only(case_status(bundled, as_of=parse_as_of(as_of), today=D(2026, 12, 2)))
    assert [(s.step.event.id, stage) for s, stage in person.stage_pending] == pending_stages
    if as_of == "2019-06-30":
        assert person.stage == "on-trial" and person.stage_step is not None
        assert person.stage_step.step.event.id == "trial"


def test_bundled_measures_rest_on_their_own_sources(bundled: Case) -> None:
    person = only(case_status(bundled, as_of=parse_as_of("2019-07-18"), today=D(2026, 12, 2)))
    prison, ban = person.measures
    assert prison.source_ids == ("owp", "industriall") and prison.corroboration == 2
    assert ban.source_ids == ("industriall",) and ban.single_source  # only IndustriALL reports the ban
    assert prison.since.display() == "17 July 2019 (inferred)"
    assert prison.until == "17 July 2026 (computed, if served in full)" and ban.until is None
    assert "first-sentence-framing" in prison.difference_ids
    [fine] = person.uncertain_measures
    assert fine.standing is Standing.UNCERTAIN and not fine.in_force
    assert fine.since.display() == ("date unknown (not before 17 July 2019, not after 16 October 2019) "
                                    "(inferred)")


def test_bundled_pardon_ends_the_first_term_by_the_release(bundled: Case) -> None:
    person = only(case_status(bundled, as_of=parse_as_of("2019-09"), today=D(2026, 12, 2)))
    [prison] = person.ended_measures
    assert prison.id == "prison-2019-07" and prison.ended_by is not None
    assert (prison.ended_by.change.action, prison.ended_by.step.step.event.id) == ("pardoned", "release-2019-08")
    # the pardon is backed by IndustriALL's own passage about the release
    assert "industriall" in prison.source_ids


def test_bundled_new_term_begins_with_his_return_to_prison(bundled: Case) -> None:
    before = only(case_status(bundled, as_of=parse_as_of("2019-10-20"), today=D(2026, 12, 2)))
    after = only(case_status(bundled, as_of=parse_as_of("2019-11-05"), today=D(2026, 12, 2)))
    new_before, new_after = before.measures[-1], after.measures[-1]
    assert new_before.id == new_after.id == "prison-2019-10"
    # his return to prison, not the sentence, starts the term: while it may not have come, its bounds do
    assert new_before.since == new_after.since
    assert new_before.until == "between 24 March 2020 and 9 April 2020 (computed, if served in full)"
    assert [c.change.action for c in new_before.pending] == ["began"] and new_before.in_force
    assert new_after.since.display() == ("date unknown (not before 16 October 2019, not after 1 November 2019) "
                                         "(inferred)")
    assert new_after.until == "between 24 March 2020 and 9 April 2020 (computed, if served in full)"
    assert [c.change.action for c in new_after.changes] == ["began"]
    assert new_after.source_ids == ("industriall",) and new_after.single_source
    assert "new-sentence-length" in new_after.difference_ids


def test_bundled_status_now_joins_the_passed_end_to_the_status(bundled: Case) -> None:
    status = case_status(bundled, today=D(2026, 12, 2))
    person = only(status)
    [(who, warning)] = status.warnings
    assert who is person and warning == ENDED_WARNING
    assert [f.measure_id for f in status.computed] == ["prison-2019-10"]  # only measures in force
    assert status.newest_source is not None and status.newest_source.source.id == "industriall"
    assert status.age_days == (D(2026, 12, 2) - D(2019, 11, 1)).days
    assert [s.source.id for s in status.undated_sources] == ["owp"]
    assert status.undated_sources[0].bound_inferred
    assert status.may_have_changed and "may have changed since" in status.freshness


@pytest.mark.parametrize(("as_of", "looks_back"), [
    ("2019-07-18", True), ("2019-11-01", True), ("2019-11-05", False), ("2020-05", False),
])
def test_bundled_freshness_at_a_date(bundled: Case, as_of: str, looks_back: bool) -> None:
    status = case_status(bundled, as_of=parse_as_of(as_of), today=D(2026, 12, 2))
    assert status.newest_source is not None and status.newest_source.source.id == "industriall"
    assert status.may_have_changed is not looks_back
    assert ("it looks back on that date" in status.freshness) is looks_back


# --- two people, a sentence in several parts, and what later events do to each part ---------------

COURT_REPORT = """\
Court report

On 25 July 2017 Larisa Kharkova was sentenced to four years of restricted freedom, banned from holding posts \
for five years and ordered to do 400 hours of community service. Amin Eleusinov was sentenced to eight years \
in prison and fined 500,000 tenge. On 26 September 2017 the appeal court cut her community service to 100 \
hours. On 7 November 2018 the Supreme Court upheld the sentences.
"""

RIGHTS_REPORT = """\
Rights watch

Larisa Kharkova was sentenced to four years of restricted freedom and banned from holding posts for five years. \
Amin Eleusinov was sentenced to eight years in prison.
"""

UNION_REPORT = """\
Union news

Larisa Kharkova got four years of restricted freedom. In January 2018 her ban on holding posts was lifted. \
In March 2019 the rest of the prison term of Amin Eleusinov was replaced by restricted freedom. The Supreme \
Court upheld the sentences on 22 May 2019.
"""

STORY_EVENTS = """\
events:
  - id: sentence
    kind: sentence
    date: 2017-07-25
    summary: Both sentenced.
    people: [larisa-kharkova, amin-eleusinov]
    proceedings: convicted
    measures:
      - id: kharkova-restricted-freedom
        kind: restricted-freedom
        person: larisa-kharkova
        term: {years: 4}
        citations:
          - {source: court, quote: "sentenced to four years of restricted freedom"}
          - {source: rights, quote: "sentenced to four years of restricted freedom"}
          - {source: union, quote: "got four years of restricted freedom"}
      - id: kharkova-post-ban
        kind: ban
        person: larisa-kharkova
        term: {years: 5}
        citations:
          - {source: court, quote: "banned from holding posts for five years"}
          - {source: rights, quote: "banned from holding posts for five years"}
      - id: kharkova-community-service
        kind: community-service
        person: larisa-kharkova
        term: {hours: 400}
        citations:
          - {source: court, quote: "ordered to do 400 hours of community service"}
      - id: eleusinov-prison
        kind: imprisonment
        person: amin-eleusinov
        term: {years: 8}
        citations:
          - {source: court, quote: "Amin Eleusinov was sentenced to eight years in prison"}
          - {source: rights, quote: "Amin Eleusinov was sentenced to eight years in prison"}
      - id: eleusinov-fine
        kind: fine
        person: amin-eleusinov
        amount: {value: 500000, currency: KZT}
        citations:
          - {source: court, quote: "fined 500,000 tenge"}
    citations:
      - {source: court, quote: "On 25 July 2017 Larisa Kharkova was sentenced"}
      - {source: rights, quote: "Larisa Kharkova was sentenced"}
  - id: appeal
    kind: appeal
    date: 2017-09-26
    summary: The appeal court cuts her community service.
    people: [larisa-kharkova]
    proceedings: appeal-decided
    changes:
      - measure: kharkova-community-service
        action: reduced
        term: {hours: 100}
        citations:
          - {source: court, quote: "the appeal court cut her community service to 100 hours"}
    citations:
      - {source: court, quote: "On 26 September 2017 the appeal court cut her community service to 100 hours."}
  - id: ban-lifted
    kind: other
    date: 2018-01
    summary: Her ban on holding posts is lifted.
    people: [larisa-kharkova]
    changes:
      - measure: kharkova-post-ban
        action: lifted
        citations:
          - {source: union, quote: "In January 2018 her ban on holding posts was lifted."}
    citations:
      - {source: union, quote: "In January 2018 her ban on holding posts was lifted."}
  - id: supreme-court
    kind: appeal
    date: disputed
    dates:
      - date: 2018-11-07
        citations:
          - {source: court, quote: "On 7 November 2018 the Supreme Court upheld the sentences."}
      - date: 2019-05-22
        citations:
          - {source: union, quote: "Court upheld the sentences on 22 May 2019."}
    summary: The Supreme Court upholds the sentences.
    people: [larisa-kharkova, amin-eleusinov]
    proceedings: final
    changes:
      - measure: kharkova-restricted-freedom
        action: upheld
        citations:
          - {source: court, quote: "the Supreme Court upheld the sentences"}
    citations:
      - {source: court, quote: "the Supreme Court upheld the sentences"}
      - {source: union, quote: "Court upheld the sentences on 22 May 2019."}
  - id: replacement
    kind: other
    date: 2019-03
    summary: The rest of his prison term is replaced by restricted freedom.
    people: [amin-eleusinov]
    measures:
      - id: eleusinov-restricted-freedom
        kind: restricted-freedom
        citations:
          - {source: union, quote: "replaced by restricted freedom"}
    changes:
      - measure: eleusinov-prison
        action: replaced
        by: eleusinov-restricted-freedom
        citations:
          - {source: union, quote: "the rest of the prison term of Amin Eleusinov was replaced by restricted freedom"}
    citations:
      - {source: union, quote: "In March 2019 the rest of the prison term of Amin Eleusinov was replaced"}
"""

STORY_DIFFERENCES = """\
differences:
  - id: supreme-court-date
    topic: date
    summary: The sources date the Supreme Court's ruling differently.
    events: [supreme-court]
    sides:
      - says: 7 November 2018.
        citations:
          - {source: court, quote: "On 7 November 2018"}
      - says: 22 May 2019.
        citations:
          - {source: union, quote: "on 22 May 2019"}
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return load(story_case(
        tmp_path_factory.mktemp("story") / "story",
        people={"larisa-kharkova": "Larisa Kharkova", "amin-eleusinov": "Amin Eleusinov"},
        sources={"court": ("2019-06-01", COURT_REPORT), "rights": ("2017-10-01", RIGHTS_REPORT),
                 "union": ("2019-06-10", UNION_REPORT)},
        events=STORY_EVENTS, differences=STORY_DIFFERENCES))


def people_on(case: Case, as_of: str | None) -> tuple[PersonStatus, PersonStatus]:
    status = case_status(case, as_of=parse_as_of(as_of) if as_of else None, today=D(2026, 12, 2))
    kharkova, eleusinov = status.people
    assert (kharkova.person_id, eleusinov.person_id) == ("larisa-kharkova", "amin-eleusinov")
    return kharkova, eleusinov


def test_each_person_has_their_own_stage_and_measures(story: Case) -> None:
    kharkova, eleusinov = people_on(story, "2017-08-01")
    assert kharkova.stage == eleusinov.stage == "convicted"
    assert labels(kharkova) == ["restricted freedom, 4 years", "ban on posts or activity, 5 years",
                                "community service, 400 hours"]
    assert labels(eleusinov) == ["imprisonment, 8 years", "fine, 500,000 KZT"]
    assert eleusinov.headline == "convicted at first instance; imprisonment, 8 years; fine, 500,000 KZT"
    # each part counts its own sources
    assert [m.source_ids for m in kharkova.measures] == [("court", "rights", "union"), ("court", "rights"),
                                                        ("court",)]
    fine = eleusinov.measures[1]
    assert fine.amount is not None and (fine.amount.value, fine.amount.currency) == (500000, "KZT")
    assert fine.term is None and fine.computed_end is None and fine.until is None


def test_community_service_in_hours_reduced_on_appeal(story: Case) -> None:
    kharkova, eleusinov = people_on(story, "2017-10-15")
    assert kharkova.stage == "appeal-decided" and kharkova.stage_words == "sentence changed on appeal"
    assert eleusinov.stage == "convicted"  # the appeal was hers
    service = next(m for m in kharkova.measures if m.id == "kharkova-community-service")
    assert service.label == "community service, 100 hours" and service.in_force
    assert [c.words for c in service.changes] == ["reduced to 100 hours"]
    assert service.source_ids == ("court",)
    assert service.computed_end is None and service.until is None  # hours are not served on the calendar
    assert service.since.text == "2017-07-25"


def test_a_part_lifted_on_one_sources_word_leaves_the_other_parts_their_own_sources(story: Case) -> None:
    kharkova, _ = people_on(story, "2018-02-15")
    assert labels(kharkova) == ["restricted freedom, 4 years", "community service, 100 hours"]
    [ban] = kharkova.ended_measures
    assert ban.id == "kharkova-post-ban" and ban.ended_by is not None
    assert ban.ended_by.change.action == "lifted" and ban.ended_by.step.single_source
    # the lifting, which one source reports, neither becomes the status nor dates it
    assert kharkova.stage_step is not None and kharkova.stage_step.step.event.id == "appeal"
    assert kharkova.since is not None and kharkova.since.text == "2017-09-26"
    restricted = kharkova.measures[0]
    assert restricted.since.text == "2017-07-25"
    assert restricted.source_ids == ("court", "rights", "union") and restricted.corroboration == 3


def test_a_replaced_measure_ends_and_its_replacement_is_in_force(story: Case) -> None:
    _, before = people_on(story, "2019-02-28")
    assert labels(before) == ["imprisonment, 8 years", "fine, 500,000 KZT"]
    _, after = people_on(story, "2019-04-01")
    assert labels(after) == ["fine, 500,000 KZT", "restricted freedom, length not given"]
    [prison] = after.ended_measures
    assert prison.ended_by is not None and prison.ended_by.change.by == "eleusinov-restricted-freedom"
    assert prison.ended_by.words == "replaced"
    replacement = after.measures[-1]
    assert replacement.since.text == "2019-03" and replacement.imposed.step.event.id == "replacement"
    assert replacement.source_ids == ("union",)
    assert after.warnings == ()  # the replaced term's computed end (25 July 2025) is no longer the question


@pytest.mark.parametrize(("as_of", "standing_of", "stage"), [
    ("2018-10-31", Standing.NOT_YET, "convicted"),  # before both dates
    ("2018-11-07", Standing.UNCERTAIN, "convicted"),  # on the earlier date: the other source says later
    ("2019-01-15", Standing.UNCERTAIN, "convicted"),  # between them
    ("2019-05-22", Standing.COUNTS, "final"),  # on the later date: by either account it had happened
])
def test_a_disputed_date_is_uncertain_between_the_dates(story: Case, as_of: str, standing_of: Standing,
                                                        stage: str) -> None:
    status = case_status(story, as_of=parse_as_of(as_of), today=D(2026, 12, 2))
    assert standing(status, "supreme-court") is standing_of
    _, eleusinov = status.people
    assert eleusinov.stage == stage
    reason = next(s.reason for s in status.steps if s.step.event.id == "supreme-court")
    if standing_of is not Standing.UNCERTAIN:  # every account says so
        assert reason == "dated 7 November 2018 (The Court) or 22 May 2019 (The Union)"
    if standing_of is Standing.UNCERTAIN:
        assert [(s.step.event.id, w) for s, w in eleusinov.stage_pending] == [("supreme-court", "final")]
        step = next(s for s in status.steps if s.step.event.id == "supreme-court")
        assert step.reason == ("the sources give different dates (7 November 2018: The Court; 22 May 2019: "
                               f"The Union), on both sides of {parse_as_of(as_of).day} "
                               f"{parse_as_of(as_of):%B %Y}")
        kharkova = status.people[0]
        restricted = kharkova.measures[0]
        assert [(p.change.action, p.step.step.event.id) for p in restricted.pending] == [("upheld", "supreme-court")]


def test_a_disputed_date_keeps_each_sources_date(story: Case) -> None:
    event = next(e for e in story.events if e.id == "supreme-court")
    assert event.disputed and not event.date.is_known
    assert (event.date.not_before, event.date.not_after) == ("2018-11-07", "2019-05-22")
    assert [(claim.date.text, claim.source_ids) for claim in event.dates] == [
        ("2018-11-07", ("court",)), ("2019-05-22", ("union",))]
    step = next(s for s in timeline(story) if s.event.id == "supreme-court")
    assert step.difference_ids == ("supreme-court-date",)
    kharkova, _ = people_on(story, None)
    restricted = kharkova.measures[0]
    assert restricted.difference_ids == ("supreme-court-date",)  # it was upheld on a disputed date


def test_a_computed_end_passed_warns_for_any_measure_on_the_calendar(story: Case) -> None:
    kharkova, eleusinov = people_on(story, None)
    assert kharkova.stage == "final"
    assert list(kharkova.warnings) == ["the restricted freedom, 4 years would have ended 25 July 2021; no source "
                                       "says what happened then"]
    assert eleusinov.warnings == ()  # his open-ended restricted freedom has no computed end
