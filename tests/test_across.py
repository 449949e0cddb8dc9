"""Reading across sources: coverage of events by source, what only one source states, voices by organisation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.load.case_loader import load_case
from reader.model.across import coverage, only_in, source_coverage, standpoint_of, voices
from reader.model.vocabulary import STANDPOINTS
from tests.support.case_files import write_case

QUOTES_TWO_SOURCES = """\
quotes:
  - id: innocent
    speaker: erlan-baltabay
    mode: reported
    citation:
      source: daily
      quote: "Baltabay said he was innocent."
  - id: released
    speaker: erlan-baltabay
    citation:
      source: weekly
      quote: "was released in August 2019 after a pardon"
  - id: no-comment
    speaker: ministry-of-justice
    citation:
      source: daily
      quote: "The Ministry of Justice did not comment."
"""


def test_each_event_lists_the_passages_of_every_source_in_source_order(bundled_case) -> None:
    rows = coverage(bundled_case)
    assert [row.event.id for row in rows] == [event.id for event in bundled_case.events]
    for row in rows:
        assert [source_id for source_id, _ in row.passages] == list(bundled_case.sources)
        for source_id in bundled_case.sources:
            expected = [c for c in row.event.citations if c.source_id == source_id]
            assert list(row.citations_in(source_id)) == expected
        assert set(row.source_ids) == set(row.event.source_ids)
        assert row.single_source == (len(set(row.event.source_ids)) == 1)


def test_an_event_cited_twice_in_one_source_counts_that_source_once(bundled_case) -> None:
    row = next(row for row in coverage(bundled_case) if row.event.id == "imprisonment-2019")
    assert len(row.citations_in("industriall")) == 2
    assert row.source_ids == ("owp", "industriall")  # the case's source order, not the citations'
    assert row.corroboration == 2 and not row.single_source


def test_source_coverage_counts_reported_and_only_events(case_dir: Path) -> None:
    case = load_case(case_dir).case
    assert case is not None
    counts = {count.source_id: (count.reported, count.only) for count in source_coverage(case)}
    # `sentence` is reported only by daily, `release` only by weekly.
    assert counts == {"daily": (1, 1), "weekly": (1, 1)}


def test_source_coverage_of_the_bundled_case_adds_up(bundled_case) -> None:
    rows = coverage(bundled_case)
    both = sum(1 for row in rows if row.corroboration == 2)
    counts = {count.source_id: count for count in source_coverage(bundled_case)}
    for source_id, count in counts.items():
        assert count.reported == count.only + both
        assert count.only == sum(1 for event in bundled_case.events if set(event.source_ids) == {source_id})
    assert sum(count.only for count in counts.values()) + both == len(bundled_case.events)


def test_only_in_a_source_lists_its_single_source_events_and_speakers(case_dir: Path) -> None:
    write_case(case_dir, {"quotes.yaml": QUOTES_TWO_SOURCES})
    case = load_case(case_dir).case
    assert case is not None
    daily = only_in(case, "daily")
    assert [row.event.id for row in daily.events] == ["sentence"]
    # Baltabay is quoted by both sources; only daily quotes the ministry.
    assert [voice.speaker.id for voice in daily.voices] == ["ministry-of-justice"]
    weekly = only_in(case, "weekly")
    assert [row.event.id for row in weekly.events] == ["release"]
    assert weekly.voices == ()


def test_voices_group_people_under_their_organisation_and_order_groups_by_standpoint(bundled_case) -> None:
    groups = voices(bundled_case, standpoint_order=STANDPOINTS)
    by_organisation = {group.organisation.id: group for group in groups}
    ituc = by_organisation["ituc"]
    # The organisation speaking for itself first, then its people.
    assert [voice.speaker.id for voice in ituc.voices] == ["ituc", "sharan-burrow"]
    assert ituc.quote_count == sum(1 for q in bundled_case.quotes if q.speaker_id in {"ituc", "sharan-burrow"})
    # Human Rights Watch is never quoted itself, but its researcher is.
    assert [voice.speaker.id for voice in by_organisation["human-rights-watch"].voices] == ["mihra-rittman"]
    # A speaker with no organisation is a group of their own.
    assert [voice.speaker.id for voice in by_organisation["erlan-baltabay"].voices] == ["erlan-baltabay"]
    ranks = [STANDPOINTS.index(group.organisation.standpoint) for group in groups]
    assert ranks == sorted(ranks)
    quoted = [quote for group in groups for voice in group.voices for quote in voice.quotes]
    assert sorted(q.id for q in quoted) == sorted(q.id for q in bundled_case.quotes)


def test_a_speakers_standpoint_falls_back_to_their_organisations(bundled_case) -> None:
    burrow = bundled_case.entities["sharan-burrow"]
    assert standpoint_of(bundled_case, burrow) == "union"
    # With no standpoint of her own, a speaker stands where her organisation does.
    moved = replace(burrow, standpoint=None, affiliation="human-rights-watch")
    assert standpoint_of(bundled_case, moved) == "ngo"
    assert standpoint_of(bundled_case, replace(burrow, standpoint=None, affiliation=None)) is None
