"""The command line: exit codes, compiler-style messages, the schema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.paths import default_case


@pytest.fixture
def broken_case(tmp_path: Path) -> Path:
    """A copy of the bundled case with two mistakes in two files."""
    folder = tmp_path / "case"
    shutil.copytree(default_case(), folder)
    entities = folder / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace("aliases:", "alias:", 1), encoding="utf-8")
    events = folder / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("kind: sentence", "kind: sentense", 1),
                      encoding="utf-8")
    return folder


def test_check_bundled_case_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "no problems" in out
    assert "2 sources" in out


def test_check_reports_every_problem_located(broken_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(broken_case)]) == 1
    out = capsys.readouterr().out
    entities_line = next(n for n, line in enumerate(
        (broken_case / "entities.yaml").read_text(encoding="utf-8").splitlines(), 1) if "alias:" in line)
    assert f"entities.yaml:{entities_line}:5: error: unknown field `alias` in entity" in out
    assert "hint: did you mean `aliases`?" in out
    assert "error: `sentense` is not one of" in out
    assert "did you mean `sentence`?" in out
    assert "2 errors" in out


def test_check_accepts_the_case_yaml_file_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(default_case() / "case.yaml")]) == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    error = capsys.readouterr().err
    assert "no such file or folder" in error
    assert "hint: give a case folder, or the name of a bundled case (baltabay, civic-square)" in error
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    assert main(["check", str(text_file)]) == 2
    assert "give the case folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--no-such-flag"])
    assert exit_info.value.code == 2


def test_empty_folder_is_an_error_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no case files (*.yaml) in this folder" in capsys.readouterr().out


def test_schema_is_json_with_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["properties"]) == {"version", "case", "sources", "entities", "events", "quotes",
                                         "differences"}
    entity = schema["properties"]["entities"]["items"]
    assert "aliases" in entity["properties"]
    assert entity["additionalProperties"] is False


def test_no_traceback_from_the_real_command(broken_case: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "reader", "check", str(broken_case)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "error: unknown field `alias`" in done.stdout


def test_a_dumb_terminal_is_refused_at_once_with_what_to_use_instead(tmp_path: Path) -> None:
    # Before, the reader repainted nonstop at full CPU on TERM=dumb and ignored q and ctrl+c:
    # the timeout makes such a hang fail the test instead of hanging it.
    env = {**os.environ, "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", "reader", str(default_case())], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert " ".join(done.stderr.split()) == (
        "reader: error: this terminal (TERM=dumb) cannot show the reader; use a terminal such as "
        "xterm-256color, or `reader status` / `reader export` for plain text")
    # The plain-text commands it points to work there.
    status = subprocess.run([sys.executable, "-m", "reader", "status", str(default_case())], capture_output=True,
                            text=True, env=env, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert status.returncode == 0 and "Status now" in status.stdout


def test_a_bundled_case_is_named_by_its_folder_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no folder of that name here
    assert main(["check", "civic-square"]) == 0
    assert capsys.readouterr().out.startswith("civic-square: 15 sources")
    (tmp_path / "civic-square").mkdir()  # a folder of the user's own comes first
    assert main(["check", "civic-square"]) == 1
    assert "civic-square" in capsys.readouterr().out
