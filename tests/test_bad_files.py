"""Files that are not what they say (issue 17): bad source paths, pipes and devices, UTF-16, folders named .yaml.

Each gives one located error, in ``reader check`` and in the loader the
reader uses, never a traceback, never a hang. A test that could hang (a
named pipe) runs ``reader check`` in a child process with a timeout.
"""

from __future__ import annotations

import gzip
import os
import stat
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reader.cli import main
from reader.load import files
from reader.load.case_loader import load_case
from reader.load.catalog import is_case
from reader.load.files import MAX_SOURCE_BYTES, NotReadable, read_bytes, read_text
from reader.load.problems import Problems
from tests.support.case_files import CASE_YAML, QUOTES_YAML, WEEKLY_TEXT, only_problem, problem_texts, write_case

LINE = "case.yaml:15:11: error: "  # where CASE_YAML names sources/weekly.txt


def with_weekly_file(relative: str) -> str:
    """CASE_YAML naming ``relative`` (YAML double-quoted, so escapes work) as the weekly source's file."""
    return CASE_YAML.replace("file: sources/weekly.txt", f'file: "{relative}"')


def check_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(folder)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def check_in_a_child(folder: Path) -> subprocess.CompletedProcess[str]:
    """``reader check`` in its own process, stopped after a minute: a hang fails the test instead of the run."""
    return subprocess.run([sys.executable, "-m", "reader", "check", str(folder)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


# --- source paths the system cannot look up ------------------------------------------------

def test_a_source_name_over_255_bytes_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "w" * 300 + ".txt"
    folder = write_case(tmp_path / "case", {"case.yaml": with_weekly_file(f"sources/{name}")})
    shown = f"sources/{'w' * 41}…{'w' * 45}.txt"
    assert problem_texts(load_case(folder)) == [
        f"{LINE}source file `{shown}` has a name 304 bytes long; file systems allow at most 255\n"
        "    hint: give the file a shorter name, and write that name here"]
    code, output = check_output(folder, capsys)
    assert code == 1 and "Traceback" not in output and "has a name 304 bytes long" in output


def test_a_source_path_over_the_path_limit_is_a_located_error(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"case.yaml": with_weekly_file("sources/" + "d/" * 3000 + "x.txt")})
    problem = only_problem(load_case(folder))
    assert problem.message.endswith("is 6,013 bytes long; paths are at most 4,095")
    assert problem.hint == "keep source texts in a shallow folder, e.g. sources/name.txt"


def test_a_nul_in_a_source_path_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_case(tmp_path / "case", {"case.yaml": with_weekly_file("sources/weekly\\0.txt")})
    errors = [text for text in problem_texts(load_case(folder)) if ": error: " in text]
    assert errors == [
        f"{LINE}source file `sources/weekly\0.txt` holds a NUL character (written `\\0` in YAML)\n"
        "    hint: remove it: no file name can hold one"]
    code, output = check_output(folder, capsys)
    # As everywhere, the NUL is shown as its placeholder.
    assert code == 1 and "Traceback" not in output and "source file `sources/weekly␀.txt` holds a NUL" in output


@pytest.mark.parametrize("links", [{"loop.txt": "loop.txt"}, {"loop.txt": "b.txt", "b.txt": "loop.txt"}],
                         ids=["to-itself", "through-another"])
def test_a_source_path_that_is_a_link_loop_is_a_located_error(tmp_path: Path, links: dict[str, str],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_case(tmp_path / "case", {"case.yaml": with_weekly_file("sources/loop.txt")})
    for name, target in links.items():
        (folder / "sources" / name).symlink_to(target)
    assert problem_texts(load_case(folder)) == [
        f"{LINE}source file `sources/loop.txt` is a link that leads round in a loop\n"
        "    hint: point the link at the source text, or put the text in its place"]
    code, output = check_output(folder, capsys)
    assert code == 1 and "Traceback" not in output


def test_a_case_file_that_is_a_link_loop_is_a_located_error(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None})
    (folder / "quotes.yaml").symlink_to("quotes.yaml")
    assert problem_texts(load_case(folder)) == [
        "quotes.yaml: error: case file `quotes.yaml` is a link that leads round in a loop\n"
        "    hint: remove the link, or point it at a file in the case folder"]


# --- the case folder's own path -------------------------------------------------------------

COMMANDS = [["check"], ["status"], ["export", "-f", "txt", "-o", "-"], ["serve", "--port", "0"], []]


@pytest.mark.parametrize("command", COMMANDS, ids=["check", "status", "export", "serve", "app"])
def test_a_case_folder_name_over_255_bytes_is_a_usage_error(tmp_path: Path, command: list[str],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    # Every command, the app included, refuses it before looking it up (the system would raise).
    assert main([*command, str(tmp_path / ("x" * 300))]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert lines[0].startswith("reader: error: the case folder `") and lines[0].endswith(
        "xxx` has a name 300 bytes long; file systems allow at most 255")
    assert lines[1:] == ["    hint: check the path: no file system holds a name this long"]


@pytest.mark.parametrize("command", COMMANDS, ids=["check", "status", "export", "serve", "app"])
def test_a_case_folder_path_over_4096_bytes_is_a_usage_error(command: list[str],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "/tmp" + "/d" * 2100]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"reader: error: the case folder `/tmp{'/d' * 22}/…d{'/d' * 24}` is 4,204 bytes long; paths are at most 4,095",
        "    hint: give the path from a folder nearer the case (`cd` there first), or move the case to a "
        "shallower folder"]


def test_a_case_folder_too_deep_for_its_files_is_reported_not_raised(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder whose own path is allowed, but the paths of the files in it are not: made one
    # level at a time from inside, as the system allows, and named by its whole path.
    monkeypatch.chdir(tmp_path)
    length = len(os.fsencode(tmp_path))
    while length < files.MAX_PATH_BYTES - 6:  # 4,090 bytes: `/case.yaml` makes it 4,100
        name = "d" * min(200, files.MAX_PATH_BYTES - 6 - length - 1)
        os.mkdir(name)
        os.chdir(name)
        length += 1 + len(name)
    folder = Path(os.getcwd())
    write_case(Path("."))
    texts = problem_texts(load_case(folder))
    assert texts[0] == ("case.yaml: error: cannot read case file `case.yaml`: its path is "
                        f"{length + 10:,} bytes long; paths are at most 4,095\n"
                        "    hint: move the case to a shallower folder")
    assert len(texts) == 5 and all("its path is" in text for text in texts)
    assert main(["check", str(folder)]) == 1
    assert is_case(folder)  # so the app opens it, on its problems


# --- pipes and devices: only regular files are read -------------------------------------------

def test_a_fifo_as_a_source_is_refused_without_waiting(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": None})
    os.mkfifo(folder / "sources" / "weekly.txt")
    checked = check_in_a_child(folder)
    assert checked.returncode == 1, checked.stderr
    weekly = folder / "sources" / "weekly.txt"
    assert (f"case.yaml:15:11: error: source text `{weekly}` is a named pipe (FIFO), not a regular file\n"
            "    hint: the reader reads only plain files (a pipe or a device might never end); save the text as a "
            "file and name that\n") in checked.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_character_device_is_refused_unread(device: str) -> None:
    problems = Problems()
    assert read_text(Path(device), problems, limit=MAX_SOURCE_BYTES, what="source text") is None
    assert [problem.message for problem in problems] == [f"source text `{device}` is a character device, "
                                                         "not a regular file"]


def test_a_file_swapped_for_a_fifo_after_it_was_looked_at_is_refused(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The file is checked again on the open descriptor: what it is when read, not when looked at.
    fifo = tmp_path / "weekly.txt"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.txt"
    regular.write_text("text", encoding="utf-8")
    looked_at = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    looked_at.stat = lambda path: os.stat(regular)  # what it was when looked at
    monkeypatch.setattr(files, "os", looked_at)
    with pytest.raises(NotReadable, match="is a named pipe"):
        read_bytes(fifo, limit=100, what="source text")


def test_a_file_that_grew_since_it_was_measured_is_read_no_further_than_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "weekly.txt"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def fstat(descriptor: int) -> os.stat_result:  # the size it had when opened
        info = list(real_fstat(descriptor))
        info[stat.ST_SIZE] = 10
        return os.stat_result(info)

    looked_at = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    looked_at.fstat = fstat
    monkeypatch.setattr(files, "os", looked_at)
    with pytest.raises(NotReadable, match="over the 0 MB limit"):
        read_bytes(path, limit=1000, what="source text")


def test_case_files_that_are_not_files_are_reported(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None})
    (folder / "quotes.yaml").mkdir()
    (folder / "more").mkdir()
    (folder / "more.yaml").symlink_to("more")
    assert problem_texts(load_case(folder)) == [
        "more.yaml: error: case file `more.yaml` is a folder, not a file\n"
        "    hint: a case file is a plain YAML file; rename the folder so it does not end in .yaml",
        "quotes.yaml: error: case file `quotes.yaml` is a folder, not a file\n"
        "    hint: a case file is a plain YAML file; rename the folder so it does not end in .yaml",
    ]


def test_a_fifo_named_like_a_case_file_is_reported_without_waiting(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None})
    os.mkfifo(folder / "quotes.yaml")
    checked = check_in_a_child(folder)
    assert checked.returncode == 1, checked.stderr
    assert ("quotes.yaml: error: case file `quotes.yaml` is a named pipe (FIFO), not a regular file\n"
            in checked.stdout)
    assert "0 quotes" not in checked.stdout


# --- other encodings ------------------------------------------------------------------------------

CONVERT = ("    hint: convert it: `iconv -f {name} -t UTF-8 weekly.txt > weekly-utf8.txt` and put weekly-utf8.txt in "
           "its place, or open it in an editor and save it with the encoding UTF-8 (Save with Encoding → UTF-8)")


@pytest.mark.parametrize(("codec", "words", "name"), [
    ("utf-16-le", "UTF-16 (little-endian)", "UTF-16"),
    ("utf-16-be", "UTF-16 (big-endian)", "UTF-16"),
    ("utf-32-le", "UTF-32 (little-endian)", "UTF-32"),
    ("utf-32-be", "UTF-32 (big-endian)", "UTF-32"),
])
def test_utf16_and_utf32_are_named_with_how_to_convert_and_nothing_else(tmp_path: Path, codec: str, words: str,
                                                                        name: str) -> None:
    data = ("\ufeff" + WEEKLY_TEXT).encode(codec)  # with the mark an editor writes
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": data})
    # One error: no "never mentioned" warning for each entity only that source names.
    assert problem_texts(load_case(folder)) == [
        f"sources/weekly.txt:1:1: error: source text is {words}, not UTF-8\n" + CONVERT.format(name=name)]


def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": WEEKLY_TEXT.encode("utf-16-le")})
    assert problem_texts(load_case(folder)) == [
        "sources/weekly.txt:1:1: error: source text looks like UTF-16 (little-endian) without a byte-order mark, "
        "not UTF-8\n" + CONVERT.format(name="UTF-16LE")]


#: The same news in three scripts: Latin, Cyrillic (Kazakh) and Chinese, which has no spaces.
SCRIPTS = {
    "latin": WEEKLY_TEXT,
    "cyrillic": "Балтабай босатылды\n\nЕрлан Балтабай 2019 жылы тамызда кешірім алғаннан кейін босатылды.\n",
    "chinese": "巴尔塔拜获释\n\n二〇一九年八月，叶尔兰·巴尔塔拜获赦免后获释。\n",
}


@pytest.mark.parametrize("script", list(SCRIPTS))
@pytest.mark.parametrize(("codec", "words", "name"), [
    ("utf-16-le", "UTF-16 (little-endian)", "UTF-16LE"),
    ("utf-16-be", "UTF-16 (big-endian)", "UTF-16BE"),
    ("utf-32-le", "UTF-32 (little-endian)", "UTF-32LE"),
    ("utf-32-be", "UTF-32 (big-endian)", "UTF-32BE"),
])
def test_utf16_and_utf32_without_a_mark_are_recognised_in_any_script(tmp_path: Path, script: str, codec: str,
                                                                     words: str, name: str) -> None:
    # Not only Latin text, whose every other byte is a NUL: a Kazakh case's sources are Cyrillic.
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": SCRIPTS[script].encode(codec)})
    assert problem_texts(load_case(folder)) == [
        f"sources/weekly.txt:1:1: error: source text looks like {words} without a byte-order mark, "
        "not UTF-8\n" + CONVERT.format(name=name)]


def test_a_utf16_case_file_is_one_error(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": ("\ufeff" + QUOTES_YAML).encode("utf-16-le")})
    problem = only_problem(load_case(folder))
    assert problem.message == "case file is UTF-16 (little-endian), not UTF-8"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10,
    gzip.compress(WEEKLY_TEXT.encode() * 50, mtime=0),
    struct.pack("<200I", *range(0, 20_000, 100)),  # numbers, as a program's data holds them
    struct.pack(">200I", *range(0, 20_000, 100)),
    bytes(range(256)) * 8,
], ids=["png", "gzip", "ints-le", "ints-be", "every-byte"])
def test_a_binary_file_is_still_called_binary(tmp_path: Path, data: bytes) -> None:
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": data})
    assert only_problem(load_case(folder)).message == "source text looks like a binary file, not text"
