"""A folder of cases as a watchlist: `reader status FOLDER`, `reader check FOLDER`, and reader.model.watchlist.

The folder holds the bundled case, the two-person case, and a copy of the
bundled case with a mistake in it: one row per person of the cases that
load, one row with its error for the one that does not, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reader.cli import main
from reader.load.case_loader import load_case
from reader.model.status import case_status
from reader.model.watchlist import (
    Flag,
    case_rows,
    failed_row,
    short_status,
    sort_rows,
)
from reader.paths import bundled_cases, default_case
from tests.support.two_people import write_two_people

DOC = (Path(__file__).resolve().parent.parent / "docs" / "status-json.md").read_text(encoding="utf-8")
TODAY = "2025-06-01"



@pytest.fixture(autouse=True)
def default_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output laid out at the width a pipe gets, whatever COLUMNS the shell (or a test worker) exports."""
    monkeypatch.delenv("COLUMNS", raising=False)

def watchlist_schema() -> dict:
    section = DOC.split("### JSON Schema of the watchlist\n", 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert match
    return json.loads(match.group(1))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of three cases: the bundled one, two people, and a broken copy of the bundled one."""
    folder = tmp_path_factory.mktemp("watch") / "cases"
    folder.mkdir()
    shutil.copytree(default_case(), folder / "baltabay")
    write_two_people(folder / "field-stone")
    broken = folder / "broken"
    shutil.copytree(default_case(), broken)
    events = broken / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("kind: sentence", "kind: sentense", 1),
                      encoding="utf-8")
    (folder / "notes").mkdir()  # a folder that is not a case is not listed
    return folder


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two cases that both load."""
    folder = tmp_path_factory.mktemp("good") / "cases"
    folder.mkdir()
    shutil.copytree(default_case(), folder / "baltabay")
    write_two_people(folder / "field-stone")
    return folder


def run_json(capsys: pytest.CaptureFixture[str], folder: Path, *args: str, code: int = 1) -> dict:
    assert main(["status", str(folder), "--json", "--today", TODAY, *args]) == code
    return json.loads(capsys.readouterr().out)


def names(data: dict) -> list[str]:
    return [row["person"]["name"] if row["person"] else f"[{row['case']['id']}]" for row in data["rows"]]


# --- reader status FOLDER ---------------------------------------------------------------------

def test_the_watchlist_as_text_lists_every_person_and_the_broken_case(watched: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(watched), "--today", TODAY]) == 1  # a case in it has errors
    out = capsys.readouterr().out
    assert "Traceback" not in out and "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    assert out.startswith(f"Watchlist: 3 people in 3 cases in {watched} (1 did not load)\n"
                          "Status now; ages counted to 1 June 2025; stale after 365 days; sorted by case\n")
    # each row: case, person, status now, since, sources, age of the newest source, flags (one a line)
    assert re.search(r"^ baltabay +Erlan Baltabay +convicted at first instance; imprisonment, 5 months and 8 days; "
                     r"ban +2019-10-16 to +1 +about 6 years +end passed\n +on posts or activity; fine +2019-11-01 "
                     r"+single source\n +disputed\n +stale$", out, re.MULTILINE)
    assert re.search(r"^ field-stone +Nadia Field +sentence changed on appeal; restricted freedom, 4 years; ban on "
                     r"posts +2018-09-26 +2 +about 6 years +end passed$", out, re.MULTILINE)
    assert re.search(r"^ field-stone +Omar Stone +verdict final; fine, 500,000 KZT; restricted freedom, 2 years +"
                     r"not before +3 +about 6 years +end may have passed\n +2019-05-22 +single source$",
                     out, re.MULTILINE)
    assert re.search(r"^ broken +— +did not load \(see Flags\) +error$", out, re.MULTILINE)
    words = flat(out.split("\nFlags\n", 1)[1])
    assert ("broken error broken/events.yaml:136:11: error: `sentense` is not one of: arrest, charge, trial, "
            "verdict, sentence,") in words
    assert "(hint: did you mean `sentence`?)" in words
    assert ("field-stone · Omar Stone end may have passed the restricted freedom, 2 years would end not before 22 "
            "May 2021: it may have ended by 1 June 2025; no source says") in words
    assert "single source restricted freedom, 2 years: only The Bulletin" in words
    assert "disputed the date of `supreme-court` disputed difference `ruling-date`" in words
    assert ("field-stone · Nadia Field end passed the restricted freedom, 4 years would have ended 25 July 2022; "
            "no source says what happened then") in words
    assert ("stale no source for 2,039 days (more than 365); the newest: IndustriALL Global Union, 1 November "
            "2019") in words


def test_the_watchlist_json_matches_its_schema_and_tells_each_row(watched: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, watched)
    jsonschema.Draft202012Validator(watchlist_schema()).validate(data)
    assert data["watchlist"] == {"folder": str(watched), "cases": 3, "people": 3, "failed": 1}
    assert data["query"] == {"as_of": None, "basis": "happened", "today": TODAY, "person": None, "sort": "case",
                             "stale_after": 365}
    assert names(data) == ["Erlan Baltabay", "[broken]", "Nadia Field", "Omar Stone"]
    erlan, broken, nadia, omar = data["rows"]
    assert broken["person"] is None and broken["status"] is None and broken["measures"] == []
    assert broken["case"] == {"id": "broken", "title": "Erlan Baltabay, Kazakh union leader", "folder": "broken"}
    assert broken["error"].startswith("broken/events.yaml:136:11: error: `sentense` is not one of")
    assert [f["flag"] for f in broken["flags"]] == ["error"]
    assert erlan["since"]["event"] == "reimprisonment" and erlan["sources"] == ["industriall"]
    assert erlan["newest_source"]["id"] == "industriall" and erlan["age_days"] == 2039
    assert [m["id"] for m in erlan["measures"]] == ["activity-ban", "fine-2019", "prison-2019-10"]
    assert nadia["stage"] == "appeal-decided" and nadia["since"]["event"] == "appeal"
    assert nadia["corroboration"] == 2 and nadia["age_days"] == 2183
    assert [f["flag"] for f in nadia["flags"]] == ["end passed", "end passed", "single source", "single source",
                                                   "disputed", "stale"]
    assert omar["status"] == "verdict final; fine, 500,000 KZT; restricted freedom, 2 years"
    assert omar["since"] == {"date": omar["since"]["date"], "what": "restricted freedom, 2 years: imposed",
                             "event": "release"}
    assert omar["since"]["date"]["not_before"] == "2019-05-22"
    assert len(omar["warnings"]) == 1 and error_free(data["rows"][:1] + data["rows"][2:])


def error_free(rows: list[dict]) -> bool:
    return all(row["error"] is None and row["person"] is not None for row in rows)


def test_the_bundled_cases_are_a_watchlist_of_four_people(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, bundled_cases(), code=0)
    jsonschema.Draft202012Validator(watchlist_schema()).validate(data)
    assert [(row["case"]["id"], row["person"]["id"]) for row in data["rows"]] == [
        ("baltabay", "erlan-baltabay"), ("civic-square", "joshua-wong"), ("civic-square", "nathan-law"),
        ("civic-square", "alex-chow")]
    assert {row["status"] for row in data["rows"][1:]} == {"verdict final"}
    assert main(["check", "-q", str(bundled_cases())]) == 0
    assert capsys.readouterr().out.rstrip().endswith(": 2 cases: 2 with no problems, 0 with warnings only, "
                                                     "0 with errors")


def test_the_watchlist_at_a_past_date(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, good, "--as-of", "2019-01-01", code=0)
    jsonschema.Draft202012Validator(watchlist_schema()).validate(data)
    erlan, nadia, omar = data["rows"]
    assert erlan["status"] == "nothing recorded" and erlan["since"] is None and erlan["corroboration"] == 0
    assert nadia["status"] == ("sentence changed on appeal; restricted freedom, 4 years; ban on posts or activity, "
                               "5 years; community service, 100 hours")
    assert omar["status"] == "appeal rejected; imprisonment, 5 years; fine, 500,000 KZT"
    assert omar["warnings"] == [] and "end passed" not in {f["flag"] for f in omar["flags"]}


@pytest.mark.parametrize(("sort", "order"), [
    ("case", ["Erlan Baltabay", "[broken]", "Nadia Field", "Omar Stone"]),
    ("person", ["[broken]", "Erlan Baltabay", "Nadia Field", "Omar Stone"]),
    # the status that has stood longest first: Nadia's since 26 September 2018, Erlan's since October 2019,
    # Omar's since a release not before 22 May 2019 (compared by its first possible day)
    ("since", ["[broken]", "Nadia Field", "Omar Stone", "Erlan Baltabay"]),
    ("age", ["[broken]", "Nadia Field", "Omar Stone", "Erlan Baltabay"]),  # the Monitor is older than IndustriALL
    ("flags", ["[broken]", "Erlan Baltabay", "Nadia Field", "Omar Stone"]),
])
def test_the_watchlist_sorts(watched: Path, capsys: pytest.CaptureFixture[str], sort: str,
                             order: list[str]) -> None:
    data = run_json(capsys, watched, "--sort", sort)
    assert data["query"]["sort"] == sort
    assert names(data) == order


def test_stale_after_sets_the_flag(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fresh = run_json(capsys, good, "--stale-after", "3000", code=0)
    assert all("stale" not in {f["flag"] for f in row["flags"]} for row in fresh["rows"])
    # 2,039 days since IndustriALL; 2,183 since the Monitor: 2,100 splits them
    split = run_json(capsys, good, "--stale-after", "2100", code=0)
    assert [("stale" in {f["flag"] for f in row["flags"]}) for row in split["rows"]] == [False, True, True]
    assert main(["status", str(good), "--today", TODAY, "--stale-after", "2100"]) == 0
    out = capsys.readouterr().out
    assert "stale after 2,100 days" in out
    assert "no source for 2,183 days (more than 2,100); the newest: The Monitor, 10 June 2019" in flat(out)


def test_person_narrows_the_watchlist(watched: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, watched, "--person", "omar-stone")
    assert names(data) == ["[broken]", "Omar Stone"]  # he may be in the case that did not load
    assert main(["status", str(watched), "--person", "nobody"]) == 2
    err = flat(capsys.readouterr().err)
    assert ("--person `nobody`: no case in " + str(watched) + " follows such a person; the people followed are "
            "`erlan-baltabay`, `nadia-field`, `omar-stone`") in err


def test_a_case_whose_status_cannot_be_worked_out_is_a_row_too(good: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.load.watchlist as watchlist_loader  # where each case of a folder becomes its rows

    real = watchlist_loader.case_status

    def fails_on_one(case, **options):
        if case.id == "field-stone":
            raise ValueError("a date out of range")
        return real(case, **options)

    monkeypatch.setattr(watchlist_loader, "case_status", fails_on_one)
    data = run_json(capsys, good)
    assert names(data) == ["Erlan Baltabay", "[field-stone]"]
    assert data["rows"][1]["error"] == ("its status could not be worked out (ValueError: a date out of range); "
                                        "please report this")


def test_the_real_command_on_a_folder_with_a_broken_case_has_no_traceback(watched: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "reader", "status", str(watched), "--today", TODAY],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "did not load" in done.stdout and "Omar Stone" in done.stdout


def test_a_case_yaml_that_cannot_be_read_is_a_row_with_its_error(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cases"
    write_two_people(folder / "field-stone")
    (folder / "garbled").mkdir()
    (folder / "garbled" / "case.yaml").write_text("case: [unclosed\n", encoding="utf-8")
    data = run_json(capsys, folder)
    garbled = next(row for row in data["rows"] if row["case"]["id"] == "garbled")
    assert garbled["error"].startswith("garbled/case.yaml:")
    assert [row["person"]["id"] for row in data["rows"] if row["person"]] == ["nadia-field", "omar-stone"]


# --- reader check FOLDER ----------------------------------------------------------------------

def test_check_checks_every_case_in_a_folder_and_sums_up(watched: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(watched)]) == 1
    out = capsys.readouterr().out
    assert "no case files" not in out
    blocks = out.split("\n\n")
    assert blocks[0].startswith("baltabay/  Erlan Baltabay, Kazakh union leader\nbaltabay: 2 sources")
    assert blocks[1].startswith("broken/  Erlan Baltabay, Kazakh union leader\n")
    assert "events.yaml:136:11: error: `sentense` is not one of" in blocks[1]
    assert blocks[1].rstrip().endswith("1 error, 0 warnings in 1 file")
    assert blocks[2].startswith("field-stone/  Nadia Field and Omar Stone\nfield-stone: 3 sources")
    assert blocks[2].rstrip().endswith("no problems")
    assert out.rstrip().splitlines()[-1] == (f"{watched}: 3 cases: 2 with no problems, 0 with warnings only, "
                                             "1 with errors (broken)")
    assert main(["check", "--quiet", str(good_copy(watched))]) == 0
    quiet = capsys.readouterr().out.splitlines()
    assert quiet[-1].endswith(": 2 cases: 2 with no problems, 0 with warnings only, 0 with errors")
    assert len(quiet) == 4  # a summary line per case, a blank line, the sum


def good_copy(watched: Path) -> Path:
    """The folder of cases without its broken case."""
    folder = watched.parent / "good-copy"
    if not folder.exists():
        folder.mkdir()
        for name in ("baltabay", "field-stone"):
            shutil.copytree(watched / name, folder / name)
    return folder


def test_check_on_an_empty_folder_still_says_there_is_no_case(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no case files (*.yaml) in this folder" in capsys.readouterr().out


# --- reader.model.watchlist -------------------------------------------------------------------

def test_rows_flags_and_orders_from_the_model(tmp_path: Path) -> None:
    today = dt.date(2025, 6, 1)
    folder = write_two_people(tmp_path / "field-stone")
    case = load_case(folder).case
    assert case is not None
    status = case_status(case, today=today)
    rows = case_rows(folder, case, status, stale_after=3000)
    nadia, omar = rows
    assert [row.person_id for row in rows] == ["nadia-field", "omar-stone"] and nadia.order == 0
    assert nadia.flag_set == (Flag.END_PASSED, Flag.SINGLE_SOURCE, Flag.DISPUTED)
    assert omar.flag_set == (Flag.END_MAY_HAVE_PASSED, Flag.SINGLE_SOURCE, Flag.DISPUTED)
    assert short_status(omar.person) == omar.status == "verdict final; fine, 500,000 KZT; restricted freedom, 2 years"
    change = nadia.person.last_change
    assert nadia.since == change
    assert change is not None and (change.step.step.event.id, change.what) == ("appeal", "sentence changed on appeal")
    broken = failed_row(tmp_path / "broken", "case.yaml:1:1: error: no")
    assert broken.flag_set == (Flag.ERROR,) and broken.person is None and broken.case_id == "broken"
    assert [row.case_id for row in sort_rows([*rows, broken], "flags")] == ["broken", "field-stone", "field-stone"]
    assert [row.person_name for row in sort_rows(rows, "person")] == ["Nadia Field", "Omar Stone"]
    with pytest.raises(ValueError, match="sort by one of case, person, since, age, flags"):
        sort_rows(rows, "size")
    early = case_status(case, as_of=dt.date(2018, 3, 1), today=today)
    nadia_early, omar_early = case_rows(folder, case, early)
    assert nadia_early.status == "under investigation"
    assert omar_early.status == "under investigation; pre-trial detention"
    assert Flag.STALE in nadia_early.flag_set
