"""`reader status` on a case: each person's status as text and as JSON in the documented shape, --as-of, --person.

Two cases: the bundled one (one person, undated events with bounds, a
pardon, a new term whose computed end has passed) and the made-up two-person
case of tests.support.two_people (several measures from one decision, a
reduction on appeal, a disputed date, an undated release that replaced a
prison term).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reader.cli import main
from reader.load.case_loader import load_case
from reader.model.vocabulary import CHANGE_ACTIONS, MEASURE_KINDS, PROCEEDINGS_STAGES
from reader.model.watchlist import Flag
from reader.paths import bundled_cases, default_case
from tests.support.case_files import write_case
from tests.support.two_people import write_two_people

DOC = (Path(__file__).resolve().parent.parent / "docs" / "status-json.md").read_text(encoding="utf-8")
TODAY = "2025-06-01"



@pytest.fixture(autouse=True)
def default_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output laid out at the width a pipe gets, whatever COLUMNS the shell (or a test worker) exports."""
    monkeypatch.delenv("COLUMNS", raising=False)

def documented_schema(heading: str = "### JSON Schema\n") -> dict:
    """The JSON Schema block that follows ``heading`` in docs/status-json.md."""
    assert heading in DOC, f"docs/status-json.md has no {heading.strip()!r}"
    section = DOC.split(heading, 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert match, f"docs/status-json.md has no ```json block after {heading.strip()!r}"
    return json.loads(match.group(1))


def flat(text: str) -> str:
    """Text with every run of whitespace made one space, so wrapped lines still match."""
    return " ".join(text.split())


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["status", "--json", "--today", TODAY, *args]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["status", "--today", TODAY, *args]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two-person case's folder, as a command-line argument."""
    return str(write_two_people(tmp_path_factory.mktemp("two") / "field-stone"))


def person(data: dict, person_id: str) -> dict:
    return next(p for p in data["people"] if p["id"] == person_id)


def by_id(measures: list[dict]) -> dict[str, dict]:
    return {m["id"]: m for m in measures}


# --- the documented shape ---------------------------------------------------------------------

@pytest.mark.parametrize("heading", ["### JSON Schema\n", "### JSON Schema of the watchlist\n"])
def test_the_documented_schemas_are_valid_schemas(heading: str) -> None:
    jsonschema.Draft202012Validator.check_schema(documented_schema(heading))


def test_the_documented_words_are_the_vocabulary() -> None:
    defs = documented_schema()["$defs"]
    assert defs["stage"]["enum"] == list(PROCEEDINGS_STAGES)
    assert defs["kind"]["enum"] == list(MEASURE_KINDS)
    assert defs["action"]["enum"] == list(CHANGE_ACTIONS)
    assert defs["flag"]["enum"] == [flag.value for flag in Flag]


@pytest.mark.parametrize("args", [
    (), ("--as-of", "2010"), ("--as-of", "2019-08"), ("--as-of", "2019-08-15"), ("--as-of", "2019-10-20"),
    ("--as-of", "2030-01-01"), ("--as-of", "2019-08-15", "--basis", "reported"),
    ("--as-of", "2019-12", "--basis", "reported"), ("--person", "erlan-baltabay"),
])
def test_json_of_the_bundled_case_matches_the_documented_schema(capsys: pytest.CaptureFixture[str],
                                                                args: tuple[str, ...]) -> None:
    data = run_json(capsys, *args)
    jsonschema.Draft202012Validator(documented_schema()).validate(data)
    assert data["schema_version"] == 3


@pytest.mark.parametrize("args", [
    (), ("--as-of", "2018-03"), ("--as-of", "2018-08-01"), ("--as-of", "2019-01-01"), ("--as-of", "2019-06-01"),
    ("--as-of", "2019-06-01", "--basis", "reported"), ("--person", "omar-stone"), ("--person", "nadia-field"),
])
def test_json_of_two_people_matches_the_documented_schema(capsys: pytest.CaptureFixture[str], two: str,
                                                          args: tuple[str, ...]) -> None:
    data = run_json(capsys, two, *args)
    jsonschema.Draft202012Validator(documented_schema()).validate(data)


def test_the_schema_rejects_what_it_should(capsys: pytest.CaptureFixture[str]) -> None:
    validator = jsonschema.Draft202012Validator(documented_schema())
    data = run_json(capsys)
    prison = by_id(data["people"][0]["measures"])["prison-2019-10"]
    prison["computed_end"]["computed"] = False  # a computed fact must say so
    assert not validator.is_valid(data)
    data = run_json(capsys)
    del data["people"][0]["measures"][0]["since"]
    assert not validator.is_valid(data)
    data = run_json(capsys)
    data["people"][0]["stage"]["stage"] = "imprisoned"  # a state word of version 1
    assert not validator.is_valid(data)


# --- JSON: the bundled case -------------------------------------------------------------------

def test_json_now_tells_the_stage_each_measure_and_the_warning(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys)
    assert data["query"] == {"as_of": None, "basis": "happened", "today": TODAY, "person": None}
    assert data["case"]["subjects"] == [{"id": "erlan-baltabay", "name": "Erlan Baltabay"}]
    [erlan] = data["people"]
    assert erlan["status"] == ("convicted at first instance; imprisonment, 5 months and 8 days; "
                               "ban on posts or activity; fine")
    assert erlan["stage"]["stage"] == "convicted" and erlan["stage"]["event"] == "resentencing"
    assert erlan["since"]["event"] == "reimprisonment"
    assert erlan["since"]["what"] == "imprisonment, 5 months and 8 days: began to be served"
    measures = by_id(erlan["measures"])
    assert list(measures) == ["activity-ban", "fine-2019", "prison-2019-10"]
    prison = measures["prison-2019-10"]
    assert prison["term"] == {"years": 0, "months": 5, "weeks": 0, "days": 8, "hours": 0}
    assert prison["since_event"] == "reimprisonment"
    assert (prison["since"]["earliest"], prison["since"]["latest"]) == ("2019-10-16", "2019-11-01")
    assert prison["until"] is None
    assert prison["until_text"] == "between 24 March 2020 and 9 April 2020 (computed, if served in full)"
    fact = prison["computed_end"]
    assert fact["computed"] is True and fact["latest"] == "2020-04-09" and fact["measure"] == "prison-2019-10"
    assert "= 9 April 2020" in fact["calculation"]
    assert all(item["citations"] for item in fact["inputs"])
    assert prison["end_passed"] is True
    assert prison["warning"] == erlan["warnings"][0] == (
        "the imprisonment, 5 months and 8 days would have ended between 24 March 2020 and 9 April 2020; "
        "no source says what happened then")
    assert prison["sources"] == ["industriall"] and prison["single_source"] is True
    assert prison["newest_source"]["id"] == "industriall" and prison["newest_source"]["day"] == "2019-11-01"
    assert measures["fine-2019"]["amount"] is None and measures["fine-2019"]["computed_end"] is None
    [ended] = erlan["ended_measures"]
    assert ended["id"] == "prison-2019-07" and ended["in_force"] is False
    assert ended["ended"]["words"] == "pardoned" and ended["ended"]["event"] == "release-2019-08"
    assert ended["ended"]["date"]["text"] == "2019-08" and ended["ended"]["stated"] is False
    text = (default_case() / "sources" / "industriall.txt").read_text(encoding="utf-8")
    for citation in prison["citations"] + erlan["stage"]["citations"]:
        assert text[citation["start"]:citation["end"]] == citation["quote"]
        line = text.splitlines()[citation["line"] - 1]
        assert line[citation["column"] - 1:].startswith(citation["quote"][:20])
    assert {f["flag"] for f in erlan["flags"]} == {"end passed", "single source", "disputed", "stale"}
    freshness = data["freshness"]
    assert freshness["newest_source"] == "industriall" and freshness["date"]["text"] == "2019-11-01"
    assert freshness["age_days"] == 2039 and freshness["may_have_changed"] is True
    owp = next(s for s in data["sources"] if s["id"] == "owp")
    assert owp["dated"] is False and owp["bound_inferred"] is True
    assert owp["label"] == "undated; not before 17 July 2019 (inferred)"
    assert {step["standing"] for step in data["timeline"]} == {"counts"}
    resentencing = next(s for s in data["timeline"] if s["event"] == "resentencing")
    assert resentencing["effects"] == [
        {"person": "erlan-baltabay", "text": "convicted at first instance"},
        {"person": "erlan-baltabay", "text": "imprisonment, 5 months and 8 days: imposed"}]


def test_json_as_of_dates_across_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    before = run_json(capsys, "--as-of", "2010")
    [erlan] = before["people"]
    assert before["query"]["as_of"] == "2010-12-31"
    assert erlan["stage"] is None and erlan["measures"] == [] and erlan["status"] == "nothing recorded"
    assert [s["event"] for s in erlan["may_have_changed"]["stages"]] == ["accusation"]  # undated, no lower bound
    on_trial = run_json(capsys, "--as-of", "2019-06-30")["people"][0]
    assert on_trial["stage"]["stage"] == "on-trial"
    # the verdict is undated, bounded June 2019 - 17 July 2019: it may have come, it has not certainly
    assert [(s["event"], s["stage"]) for s in on_trial["may_have_changed"]["stages"]] == [("verdict", "convicted")]
    sentenced = run_json(capsys, "--as-of", "2019-08-15")["people"][0]
    assert [m["id"] for m in sentenced["measures"]] == ["prison-2019-07", "activity-ban"]
    assert by_id(sentenced["measures"])["prison-2019-07"]["term"]["years"] == 7
    assert [(c["change"]["measure"], c["change"]["action"]) for c in sentenced["may_have_changed"]["changes"]] == [
        ("prison-2019-07", "pardoned")]  # released in August 2019: maybe before the 15th, maybe after
    assert [m["id"] for m in sentenced["may_have_changed"]["measures"]] == ["fine-2019"]
    released = run_json(capsys, "--as-of", "2019-09")["people"][0]
    assert [m["id"] for m in released["measures"]] == ["activity-ban"]
    assert [m["id"] for m in released["ended_measures"]] == ["prison-2019-07"]
    assert released["warnings"] == []
    back = run_json(capsys, "--as-of", "2020-04-01")["people"][0]
    assert by_id(back["measures"])["prison-2019-10"]["end_passed"] is None  # inside 24 March - 9 April 2020
    assert back["warnings"] == ["the imprisonment, 5 months and 8 days would end between 24 March 2020 and "
                                "9 April 2020: it may have ended by 1 April 2020; no source says"]
    assert "end may have passed" in {f["flag"] for f in back["flags"]}
    reported = run_json(capsys, "--as-of", "2019-09", "--basis", "reported")
    assert reported["people"][0]["stage"] is None  # IndustriALL was not out yet, and OWP is undated
    assert {s["id"]: s["published_by_as_of"] for s in reported["sources"]} == {"owp": "uncertain",
                                                                              "industriall": "not-yet"}


# --- JSON: two people -------------------------------------------------------------------------

def test_two_people_each_have_their_own_stage_and_measures(capsys: pytest.CaptureFixture[str], two: str) -> None:
    arrested = run_json(capsys, two, "--as-of", "2018-03")
    assert [p["id"] for p in arrested["people"]] == ["nadia-field", "omar-stone"]
    assert person(arrested, "nadia-field")["stage"]["stage"] == "under-investigation"
    assert person(arrested, "nadia-field")["measures"] == []
    assert [m["kind"] for m in person(arrested, "omar-stone")["measures"]] == ["pre-trial-detention"]

    sentenced = run_json(capsys, two, "--as-of", "2018-08-01")
    nadia, omar = person(sentenced, "nadia-field"), person(sentenced, "omar-stone")
    assert nadia["stage"]["stage"] == omar["stage"]["stage"] == "convicted"
    assert [(m["kind"], m["term"]) for m in nadia["measures"]] == [
        ("restricted-freedom", {"years": 4, "months": 0, "weeks": 0, "days": 0, "hours": 0}),
        ("ban", {"years": 5, "months": 0, "weeks": 0, "days": 0, "hours": 0}),
        ("community-service", {"years": 0, "months": 0, "weeks": 0, "days": 0, "hours": 400})]
    assert by_id(nadia["measures"])["field-service"]["computed_end"] is None  # hours are not on the calendar
    assert by_id(nadia["measures"])["field-restricted"]["computed_end"]["value"] == "25 July 2022"
    assert by_id(nadia["measures"])["field-restricted"]["sources"] == ["courier", "monitor"]
    assert by_id(nadia["measures"])["field-ban"]["single_source"] is True
    assert [m["id"] for m in omar["measures"]] == ["stone-prison", "stone-fine"]
    assert by_id(omar["measures"])["stone-fine"]["amount"] == {"value": 500000, "currency": "KZT"}
    [detention] = omar["ended_measures"]
    assert detention["ended"]["change"]["action"] == "replaced" and detention["ended"]["change"]["by"] == "stone-prison"

    appealed = run_json(capsys, two, "--as-of", "2018-10-01")
    nadia, omar = person(appealed, "nadia-field"), person(appealed, "omar-stone")
    assert nadia["stage"]["stage"] == "appeal-decided" and omar["stage"]["stage"] == "appeal-rejected"
    service = by_id(nadia["measures"])["field-service"]
    assert service["term"]["hours"] == 100 and service["term_imposed"]["hours"] == 400
    assert [(c["action"], c["words"], c["sources"]) for c in service["changes"]] == [
        ("reduced", "reduced to 100 hours", ["courier"])]
    assert service["label"] == "community service, 100 hours"
    # differences are each person's: the hours are Nadia Field's, not Omar Stone's, though one verdict decided
    # both; and of their time: the ruling whose date is disputed had not come by 1 October 2018
    assert service["differences"] == ["service-hours"]
    assert by_id(omar["measures"])["stone-prison"]["differences"] == []


def test_between_the_two_dates_of_a_disputed_ruling_it_may_have_happened(capsys: pytest.CaptureFixture[str],
                                                                         two: str) -> None:
    between = run_json(capsys, two, "--as-of", "2019-01-01")
    omar = person(between, "omar-stone")
    assert omar["stage"]["stage"] == "appeal-rejected"
    [maybe] = omar["may_have_changed"]["stages"]
    assert maybe["stage"] == "final" and maybe["event"] == "supreme-court"
    assert [(d["date"]["text"], d["sources"]) for d in maybe["dates"]] == [("2018-11-07", ["courier"]),
                                                                            ("2019-05-22", ["monitor"])]
    assert "7 November 2018: The Courier; 22 May 2019: The Monitor" in maybe["reason"]
    prison = by_id(omar["measures"])["stone-prison"]
    assert prison["term"]["years"] == 5  # the reduction is not applied while it may not have happened
    assert prison["differences"] == ["ruling-date"]  # it may have come
    assert [(c["action"], c["standing"]) for c in prison["pending"]] == [("reduced", "uncertain")]
    step = next(s for s in between["timeline"] if s["event"] == "supreme-court")
    assert step["disputed"] is True and step["standing"] == "uncertain"
    assert [d["citations"][0]["quote"] for d in step["dates"]] == ["On 7 November 2018 the Supreme Court",
                                                                   "On 22 May 2019 the Supreme Court"]
    after = person(run_json(capsys, two, "--as-of", "2019-06-01"), "omar-stone")
    assert after["stage"]["stage"] == "final"
    assert by_id(after["measures"])["stone-prison"]["term"]["years"] == 3
    assert by_id(after["measures"])["stone-prison"]["computed_end"]["value"] == "25 July 2021"
    # the release is undated, not before 22 May 2019: on 1 June 2019 it may have happened, not that it did
    assert [m["id"] for m in after["may_have_changed"]["measures"]] == ["stone-restricted"]
    [maybe] = after["may_have_changed"]["changes"]
    assert (maybe["label"], maybe["change"]["action"], maybe["change"]["by"]) == (
        "imprisonment, 3 years", "replaced", "stone-restricted")
    assert "may be before or after 1 June 2019" in maybe["change"]["reason"]


def test_two_people_now(capsys: pytest.CaptureFixture[str], two: str) -> None:
    data = run_json(capsys, two)
    nadia, omar = person(data, "nadia-field"), person(data, "omar-stone")
    assert nadia["warnings"] == [
        "the restricted freedom, 4 years would have ended 25 July 2022; no source says what happened then",
        "the ban on posts or activity, 5 years would have ended 25 July 2023; no source says what happened then"]
    assert omar["status"] == "verdict final; fine, 500,000 KZT; restricted freedom, 2 years"
    assert [m["id"] for m in omar["ended_measures"]] == ["stone-detention", "stone-prison"]
    prison = by_id(omar["ended_measures"])["stone-prison"]
    assert prison["ended"]["change"]["by"] == "stone-restricted" and prison["ended"]["event"] == "release"
    restricted = by_id(omar["measures"])["stone-restricted"]
    assert restricted["sources"] == ["bulletin"] and restricted["single_source"] is True
    assert restricted["computed_end"]["earliest"] == "2021-05-22" and restricted["computed_end"]["latest"] is None
    assert restricted["end_passed"] is None and restricted["warning"].startswith("the restricted freedom, 2 years "
                                                                                "would end not before 22 May 2021")
    # the undated Bulletin counts by its lower bound: not newer than the Monitor of 10 June 2019
    assert omar["newest_source"]["id"] == "monitor" and omar["age_days"] == 2183
    assert restricted["newest_source"] == {
        "id": "bulletin", "publisher": "The Bulletin", "date": restricted["newest_source"]["date"],
        "label": "undated; not before 23 May 2019 (inferred)", "dated": False, "day": "2019-05-23"}


def test_person_narrows_the_people_and_the_timeline(capsys: pytest.CaptureFixture[str], two: str) -> None:
    nadia = run_json(capsys, two, "--person", "nadia-field")
    assert nadia["query"]["person"] == "nadia-field"
    assert [p["id"] for p in nadia["people"]] == ["nadia-field"]
    assert [p["id"] for p in nadia["case"]["subjects"]] == ["nadia-field", "omar-stone"]
    assert [s["event"] for s in nadia["timeline"]] == ["arrest", "verdict", "appeal"]
    omar = run_json(capsys, two, "--person", "omar-stone")
    assert [s["event"] for s in omar["timeline"]] == ["arrest", "verdict", "appeal", "supreme-court", "release"]


def test_an_unknown_person_is_a_usage_error_naming_the_known_ids(capsys: pytest.CaptureFixture[str],
                                                                 two: str) -> None:
    for args in ([], ["--json"]):
        assert main(["status", two, "--person", "nadia", *args]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert flat(captured.err) == (
            "reader: error: --person `nadia`: the case `field-stone` follows no such person; its subjects are "
            "`nadia-field` (Nadia Field), `omar-stone` (Omar Stone) hint: give one of those ids, e.g. "
            "--person nadia-field")


# --- JSON: the second bundled case (three people, bail, a disputed verdict date) -------------------

CIVIC = str(bundled_cases() / "civic-square")


@pytest.mark.parametrize("as_of", [None, "2016-07-18", "2016-09", "2017-09", "2017-11", "2018-03"])
def test_json_of_the_civic_square_case_matches_the_documented_schema(capsys: pytest.CaptureFixture[str],
                                                                     as_of: str | None) -> None:
    data = run_json(capsys, CIVIC, *(("--as-of", as_of) if as_of else ()))
    jsonschema.Draft202012Validator(documented_schema()).validate(data)
    assert [p["id"] for p in data["people"]] == ["joshua-wong", "nathan-law", "alex-chow"]


def test_the_civic_square_case_at_the_dates_of_its_story(capsys: pytest.CaptureFixture[str]) -> None:
    """What content/civic-square/FACTS.md says of each person, at dates across the story."""
    def statuses(as_of: str) -> dict[str, str]:
        return {p["id"]: p["status"] for p in run_json(capsys, CIVIC, "--as-of", as_of)["people"]}

    # between the two dates the sources give the verdict (15 or 21 July 2016): it may have come
    between = run_json(capsys, CIVIC, "--as-of", "2016-07-18")
    wong = person(between, "joshua-wong")
    assert wong["status"] == "accused"
    assert [s["stage"] for s in wong["may_have_changed"]["stages"]] == ["convicted"]
    assert [d["date"]["text"] for d in wong["may_have_changed"]["stages"][0]["dates"]] == ["2016-07-21",
                                                                                           "2016-07-15"]
    assert [m["kind"] for m in wong["may_have_changed"]["measures"]] == ["bail"]
    assert statuses("2016-09") == {"joshua-wong": "appeal pending; community service, 80 hours",
                                   "nathan-law": "appeal pending; community service, 120 hours",
                                   "alex-chow": "appeal pending; suspended sentence, 1 year"}
    assert statuses("2017-09") == {"joshua-wong": "sentence changed on appeal; imprisonment, 6 months",
                                   "nathan-law": "sentence changed on appeal; imprisonment, 8 months",
                                   "alex-chow": "sentence changed on appeal; imprisonment, 7 months"}
    bailed = run_json(capsys, CIVIC, "--as-of", "2017-11")
    assert person(bailed, "joshua-wong")["status"] == "appeal pending; restricted freedom; travel ban"
    assert [(m["id"], m["ended"]["words"]) for m in person(bailed, "joshua-wong")["ended_measures"]][-1] == (
        "wong-imprisonment", "suspended")
    final = run_json(capsys, CIVIC, "--as-of", "2018-03")
    for one in final["people"]:
        assert one["status"] == "verdict final" and one["measures"] == [] and one["warnings"] == []
    assert by_id(person(final, "joshua-wong")["ended_measures"])["wong-imprisonment"]["ended"]["words"] == "quashed"


# --- text -------------------------------------------------------------------------------------

def test_text_now_answers_first_what_since_when_says_who_how_old(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_text(capsys)
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    words = flat(out)
    assert ("Erlan Baltabay (erlan-baltabay) Status convicted at first instance; imprisonment, 5 months and 8 "
            "days; ban on posts or activity, length not given; fine, amount not given Warning the imprisonment, "
            "5 months and 8 days would have ended between 24 March 2020 and 9 April 2020; no source says what "
            "happened then Since date unknown (not before 16 October 2019, not after 1 November 2019) "
            "(inferred): imprisonment, 5 months and 8 days: began to be served (reimprisonment) Says who "
            "only IndustriALL Global Union How old newest source behind the status: IndustriALL Global "
            "Union, 1 November 2019: about 6 years ago") in words
    # the warning is at the status's own level, not nested under a measure two blocks lower
    lines = out.splitlines()
    status_line = next(line for line in lines if line.startswith("  Status "))
    warning_line = next(line for line in lines if line.startswith("  Warning "))
    assert lines.index(warning_line) == lines.index(status_line) + 2  # the status wraps onto a second line
    assert ("until between 24 March 2020 and 9 April 2020 (computed, if served in full) start between 16 "
            "October 2019 and 1 November 2019: earliest 16 October 2019 + 5 months and 8 days = 24 March 2020") \
        in words
    assert "says only IndustriALL Global Union “a new prison sentence of five months and eight " \
           "days” (industriall 7:214)" in words
    assert "Ended imprisonment, 7 years: pardoned, August 2019 (release-2019-08)" in words
    assert "Freshness As of IndustriALL Global Union, 1 November 2019: 2,039 days old (about 6 years)." in words
    assert "Undated The Organization for World Peace: undated; not before 17 July 2019 (inferred)" in words
    assert "Computed, not stated by any source: assumes the whole term is served" in words
    assert re.search(r"^17 July 2019 \(inferred\)\s+owp, industriall$", out, re.MULTILINE)
    assert "→ imprisonment, 7 years: imposed" in out


def test_text_never_puts_a_summary_in_quotation_marks(capsys: pytest.CaptureFixture[str], two: str) -> None:
    for args in ((), (two,)):
        out = run_text(capsys, *args)
        quoted = re.findall(r"“([^”]*)”", out.replace("\n", " "))
        assert quoted
        case = load_case(Path(args[0]) if args else default_case()).case
        assert case is not None
        paraphrases = {e.summary for e in case.events} | {m.summary for m in case.measures.values() if m.summary} \
            | {d.summary for d in case.differences} | {side.says for d in case.differences for side in d.sides}
        for text in quoted:
            assert " ".join(text.split()) not in {" ".join(p.split()) for p in paraphrases}, text


def test_text_as_of_shows_what_may_have_changed(capsys: pytest.CaptureFixture[str]) -> None:
    words = flat(run_text(capsys, "--as-of", "2019-08-15"))
    assert "Status on 15 August 2019, from the events that had happened by then" in words
    assert "Status convicted at first instance; imprisonment, 7 years; ban on posts or activity" in words
    assert ("May have changed fine, amount not given: may have been imposed (fine): date unknown (not before 17 "
            "July 2019, not after 16 October 2019) (inferred): may be before or after 15 August 2019") in words
    assert ("imprisonment, 7 years: may have been pardoned (release-2019-08): dated August 2019: may be before "
            "or after 15 August 2019") in words
    assert "Warning" not in words
    out = run_text(capsys, "--as-of", "2019-08-15")
    assert re.search(r"^16 October 2019 \(inferred\)\s+not yet\s+only industriall", out, re.MULTILINE)


def test_text_before_anything_is_recorded(capsys: pytest.CaptureFixture[str]) -> None:
    words = flat(run_text(capsys, "--as-of", "2010"))
    assert ("Status none recorded by 31 December 2010: nothing that had certainly happened by then names a "
            "stage or a measure for this person") in words
    words = flat(run_text(capsys, "--as-of", "2019-09", "--basis", "reported"))
    assert "from what the sources published by then had reported" in words
    assert ("none recorded by 30 September 2019: no source certainly published by then reports a stage or a "
            "measure for this person") in words
    assert "accused (accusation): reported only by The Organization for World Peace" in words


def test_text_of_two_people_at_a_date_between_disputed_dates(capsys: pytest.CaptureFixture[str],
                                                             two: str) -> None:
    out = run_text(capsys, two, "--as-of", "2019-01-01")
    words = flat(out)
    assert words.index("Nadia Field (nadia-field) Status sentence changed on appeal; restricted freedom, 4 years; "
                       "ban on posts or activity, 5 years; community service, 100 hours") \
        < words.index("Omar Stone (omar-stone) Status appeal rejected; imprisonment, 5 years; fine, 500,000 KZT")
    assert ("May have changed verdict final (supreme-court): the sources give different dates (7 November 2018: "
            "The Courier; 22 May 2019: The Monitor), on both sides of 1 January 2019") in words
    assert "imprisonment, 5 years: may have been reduced to 3 years (supreme-court)" in words
    assert ("community service, 100 hours since 25 July 2018, imposed (verdict) until not stated; a term in hours "
            "is not counted on the calendar changed reduced to 100 hours, 26 September 2018 (appeal); says only The "
            "Courier") in words
    assert ("Ended pre-trial detention, length not given: replaced by the imprisonment, 5 years, 25 July 2018 "
            "(verdict); says only The Courier") in words
    # every date of the disputed ruling, each with who gives it, on the timeline
    assert re.search(r"^disputed: +uncertain +courier, monitor\n7 November 2018 \(courier\)\n"
                     r"22 May 2019 \(monitor\)\n", out, re.MULTILINE)
    assert "→ Omar Stone: imprisonment, 5 years: reduced to 3 years" in out


def test_text_now_of_one_of_two_people(capsys: pytest.CaptureFixture[str], two: str) -> None:
    out = run_text(capsys, two, "--person", "omar-stone")
    words = flat(out)
    assert "Nadia Field (nadia-field)" not in out
    assert ("Omar Stone (omar-stone) Status verdict final; fine, 500,000 KZT; restricted freedom, 2 years Warning "
            "the restricted freedom, 2 years would end not before 22 May 2021: it may have ended by 1 June 2025; "
            "no source says Since date unknown (not before 22 May 2019) (inferred): restricted freedom, 2 years: "
            "imposed (release) Says who The Courier, The Monitor, The Bulletin (3 sources)") in words
    assert ("since disputed: 7 November 2018 (The Courier); 22 May 2019 (The Monitor): The Supreme Court cuts "
            "Omar Stone's prison term to three years. (supreme-court)") in words
    assert ("Ended pre-trial detention, length not given: replaced by the imprisonment, 5 years, 25 July 2018 "
            "(verdict); says only The Courier imprisonment, 3 years: replaced by the restricted "
            "freedom, 2 years, date unknown (not before 22 May 2019) (inferred) (release); says only The "
            "Bulletin") in words
    assert "newest The Bulletin, undated; not before 23 May 2019 (inferred): at most about 6 years ago" in words
    # the joint appeal is hers and his: it stays on his timeline, with only what it did to him
    assert "The appeal court cuts Nadia Field's community service and upholds Omar Stone's sentence. (appeal) " \
           "→ appeal rejected → imprisonment, 5 years: upheld" in words  # his name goes without saying
    assert "community service, 400 hours" not in out.split("Timeline", 1)[1]  # what the appeal did to her


def test_the_real_command_piped_has_no_escape_codes() -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    env["TERM"] = "xterm-256color"
    done = subprocess.run([sys.executable, "-m", "reader", "status", "--today", TODAY],
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "imprisonment, 5 months and 8 days" in done.stdout


# --- exit codes -------------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "message"), [
    ("2019-13", "bad --as-of date `2019-13`: there is no month 13"),
    ("yesterday", "bad --as-of date `yesterday`: not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2019-02-29", "February 2019 has no day 29"),
])
def test_a_bad_as_of_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], date: str, message: str) -> None:
    assert main(["status", "--as-of", date]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_a_bad_today_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--today", "soon"]) == 2
    assert "bad --today date `soon`" in capsys.readouterr().err


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["status", "--basis", "rumoured"])
    assert exit_info.value.code == 2
    assert main(["status", "--sort", "age"]) == 2
    assert "--sort orders the rows of a folder of cases" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["status", "--stale-after", "-3"])
    assert exit_info.value.code == 2
    assert "a number of days cannot be negative: -3" in capsys.readouterr().err


def test_a_case_with_errors_prints_its_problems_and_exits_1(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "case"
    shutil.copytree(default_case(), folder)
    events = folder / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("kind: sentence", "kind: sentense", 1),
                      encoding="utf-8")
    for args in ([], ["--json"]):
        assert main(["status", str(folder), *args]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""  # nothing a script could mistake for a status
        assert "error: `sentense` is not one of" in captured.err
        assert "did you mean `sentence`?" in captured.err
        assert "1 error" in captured.err


def test_status_output_shows_control_characters_from_the_case_inertly(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_case(tmp_path / "case")
    events = (folder / "events.yaml").read_text(encoding="utf-8")
    (folder / "events.yaml").write_text(events.replace("summary: Sentenced to seven years.",
                                                       'summary: "\\e]52;c;SGk=\\a Sentenced to seven years."'),
                                        encoding="utf-8")
    assert main(["status", str(folder), "--today", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]52;c;SGk=" in out  # ESC made visible (Rich itself drops BEL)
