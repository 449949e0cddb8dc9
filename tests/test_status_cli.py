"""`reader status`: text readable when piped, JSON in the documented shape, --as-of, exit codes."""

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
from reader.paths import default_case

DOC = (Path(__file__).resolve().parent.parent / "docs" / "status-json.md").read_text(encoding="utf-8")


def documented_schema() -> dict:
    """The JSON Schema block of docs/status-json.md."""
    section = DOC.split("### JSON Schema", 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert match, "docs/status-json.md has no ```json block after ### JSON Schema"
    return json.loads(match.group(1))


def flat(text: str) -> str:
    """Text with every run of whitespace made one space, so wrapped lines still match."""
    return " ".join(text.split())


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["status", "--json", "--today", "2025-06-01", *args]) == 0
    return json.loads(capsys.readouterr().out)


# --- JSON -------------------------------------------------------------------------------------

def test_the_documented_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(documented_schema())


@pytest.mark.parametrize("args", [
    (), ("--as-of", "2010"), ("--as-of", "2019-08"), ("--as-of", "2019-08-15"), ("--as-of", "2030-01-01"),
    ("--as-of", "2019-08-15", "--basis", "reported"), ("--as-of", "2019-12", "--basis", "reported"),
])
def test_json_matches_the_documented_schema(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    data = run_json(capsys, *args)
    jsonschema.Draft202012Validator(documented_schema()).validate(data)
    assert data["schema_version"] == 1


def test_the_schema_rejects_what_it_should(capsys: pytest.CaptureFixture[str]) -> None:
    validator = jsonschema.Draft202012Validator(documented_schema())
    data = run_json(capsys)
    data["computed"][0]["computed"] = False  # a computed fact must say so
    assert not validator.is_valid(data)
    data = run_json(capsys)
    del data["status"]["since"]
    assert not validator.is_valid(data)


def test_json_answers_what_when_and_who(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys)
    assert data["query"] == {"as_of": None, "basis": "happened", "today": "2025-06-01"}
    status = data["status"]
    assert status["state"] == "imprisoned" and status["event"] == "reimprisonment"
    assert status["since"]["earliest"] == "2019-10-16" and status["since"]["latest"] == "2019-11-01"
    assert status["since"]["inferred"] is True
    assert status["sources"] == ["industriall"] and status["single_source"] is True
    text = (default_case() / "sources" / "industriall.txt").read_text(encoding="utf-8")
    for citation in status["citations"]:
        assert text[citation["start"]:citation["end"]] == citation["quote"]
        line = text.splitlines()[citation["line"] - 1]
        assert line[citation["column"] - 1:].startswith(citation["quote"][:20])
    freshness = data["freshness"]
    assert freshness["newest_source"] == "industriall" and freshness["date"]["text"] == "2019-11-01"
    assert freshness["age_days"] == 2039 and freshness["may_have_changed"] is True
    owp = next(s for s in data["sources"] if s["id"] == "owp")
    assert owp["dated"] is False and owp["bound_inferred"] is True
    assert owp["label"] == "undated; not before 17 July 2019 (inferred)"
    [fact] = data["computed"]
    assert fact["computed"] is True and fact["latest"] == "2020-04-09"
    assert "= 9 April 2020" in fact["calculation"]
    assert all(item["citations"] for item in fact["inputs"])
    timeline = data["timeline"]
    assert [step["event"] for step in timeline][-2:] == ["reimprisonment", "campaign-call-2019-11"]
    assert timeline[-1]["status"] == {"state": "imprisoned", "summary": status["summary"],
                                      "set_by": "reimprisonment"}
    assert {step["standing"] for step in timeline} == {"counts"}


def test_json_as_of_before_between_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    before = run_json(capsys, "--as-of", "2010")
    assert before["status"] is None and before["query"]["as_of"] == "2010-12-31"
    assert {step["standing"] for step in before["timeline"]} == {"uncertain", "not-yet"}  # Zhanaozen: undated
    between = run_json(capsys, "--as-of", "2019-09")
    assert between["query"]["as_of"] == "2019-09-30"
    assert between["status"]["state"] == "released" and between["status"]["event"] == "release-2019-08"
    assert [u["event"] for u in between["uncertain"]] == ["fine"]
    assert between["freshness"]["may_have_changed"] is False
    after = run_json(capsys, "--as-of", "2030-01-01")
    assert after["status"]["state"] == "imprisoned"
    assert after["freshness"]["may_have_changed"] is True
    reported = run_json(capsys, "--as-of", "2019-09", "--basis", "reported")
    assert reported["status"] is None  # IndustriALL was not out yet, and OWP is undated
    assert {s["id"]: s["published_by_as_of"] for s in reported["sources"]} == {"owp": "uncertain",
                                                                              "industriall": "not-yet"}


# --- text -------------------------------------------------------------------------------------

def test_text_output_has_no_colour_codes_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--today", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())
    words = flat(out)
    assert "Status imprisoned: Back in prison" in words
    assert "Says who IndustriALL Global Union (single source)" in words
    assert "“who has been returned to prison to serve a new 5-month term” (industriall 3:159)" in words
    assert "Freshness As of IndustriALL Global Union, 1 November 2019: 2,039 days old (about 6 years)." in words
    assert "The status may have changed since." in words
    assert "Undated The Organization for World Peace: undated; not before 17 July 2019 (inferred)" in words
    assert "Computed (not stated by any source)" in words
    assert "[computed]" in words and "calculation start between 16 October 2019 and 1 November 2019" in words
    assert "Timeline" in out
    # the timeline's columns line up: date, status after, sources
    assert "17 July 2019 (inferred)   → convicted   owp, industriall" in out
    assert "August 2019               → released    industriall (single source)" in out


def test_text_output_as_of_shows_what_may_have_changed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--as-of", "2019-08-15", "--today", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    words = flat(out)
    assert "Status on 15 August 2019, from the events that had happened by then" in words
    assert "Status convicted: Sentenced to seven years in prison" in words
    assert "May have changed by 15 August 2019 (uncertain at this date)" in words
    assert "released (release-2019-08): dated August 2019: may be before or after 15 August 2019" in words
    assert "Computed" not in out  # the new term had not begun
    assert re.search(r"16 October 2019\s+→ convicted\s+not yet\s+industriall", out)


def test_text_output_before_any_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--as-of", "2010"]) == 0
    words = flat(capsys.readouterr().out)
    assert ("Status none recorded by 31 December 2010: no event that sets a status had certainly happened "
            "by then") in words
    assert main(["status", "--as-of", "2019-09", "--basis", "reported"]) == 0
    words = flat(capsys.readouterr().out)
    assert "from what the sources published by then had reported" in words
    assert ("none recorded by 30 September 2019: no source certainly published by then reports an event that "
            "sets a status") in words
    assert "accused (accusation): reported only by The Organization for World Peace" in words


def test_the_real_command_piped_has_no_escape_codes() -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    env["TERM"] = "xterm-256color"
    done = subprocess.run([sys.executable, "-m", "reader", "status", "--today", "2025-06-01"],
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "imprisoned" in done.stdout


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


def test_status_output_shows_control_characters_from_the_case_inertly(tmp_path, capsys) -> None:
    from tests.support.case_files import write_case

    folder = write_case(tmp_path / "case")
    events = (folder / "events.yaml").read_text(encoding="utf-8")
    (folder / "events.yaml").write_text(events.replace("summary: Sentenced to seven years.",
                                                       'summary: "\\e]52;c;SGk=\\a Sentenced to seven years."'),
                                        encoding="utf-8")
    from reader.cli import main

    assert main(["status", str(folder), "--today", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]52;c;SGk=" in out  # ESC made visible (Rich itself drops BEL)
