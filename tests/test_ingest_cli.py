"""reader new and reader add through the command line: from two saved pages to a case reader check accepts."""

from __future__ import annotations

import errno
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.ingest import case_edit
from reader.load.case_loader import load_case

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _run(*args: str | Path) -> int:
    return main([str(arg) for arg in args])


def test_two_saved_pages_make_a_case_that_reader_check_accepts(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # What a new user does: save two pages from the browser, then three commands.
    saved = tmp_path / "Downloads"
    saved.mkdir()
    for name in ("ngo-wikimedia.html", "news-netzpolitik.html"):
        (saved / name).write_bytes((PAGES / name).read_bytes())
    case = tmp_path / "turkey-block"
    assert _run("new", case, "--title", "Wikipedia blocked in Turkey", "--subject", "Katherine Maher") == 0
    assert _run("check", case) == 0  # a new case checks (warnings only) and opens
    assert _run("add", case, saved / "ngo-wikimedia.html", "--kind", "ngo-statement") == 0
    assert _run("add", case, saved / "news-netzpolitik.html") == 0
    capsys.readouterr()
    assert _run("check", case) == 0
    out = capsys.readouterr().out
    assert "2 sources" in out and "no problems" in out
    result = load_case(case)
    assert result.ok and result.case is not None
    sources = result.case.sources
    assert list(sources) == ["wikimedia-foundation-2020-01-15", "netzpolitik-org-2016-06-23"]
    wikimedia = sources["wikimedia-foundation-2020-01-15"]
    assert (wikimedia.publisher, wikimedia.kind, wikimedia.date.text) == ("Wikimedia Foundation", "ngo-statement",
                                                                         "2020-01-15")
    assert result.case.subject_ids == ("katherine-maher",)
    # The original page is kept, and its SHA-256 traces the text back to it.
    records = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))["sources"]
    for record in records:
        original = (case / record["original"]).read_bytes()
        assert hashlib.sha256(original).hexdigest() == record["sha256"]
        assert record["retrieved"]
    cleaning = (case / "CLEANING.md").read_text(encoding="utf-8")
    assert "## `sources/wikimedia-foundation-2020-01-15.txt`" in cleaning


def test_reader_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert _run("new", tmp_path, "--title", "X") == 1
    err = capsys.readouterr().err
    assert f"the folder `{tmp_path}` is not empty" in err and "reader add" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_reader_new_without_a_subject_checks_and_follows_no_one(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("new", tmp_path / "c", "--title", "A case: “quoted” — and: colons") == 0
    result = load_case(tmp_path / "c")
    assert result.ok and result.case is not None
    assert result.case.title == "A case: “quoted” — and: colons"
    warnings = [problem.message for problem in result.problems.items]
    assert warnings == ["the case has no sources yet", "the case follows no one yet"]


def test_adding_a_page_twice_says_it_is_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "c"
    _run("new", case, "--title", "T")
    assert _run("add", case, PAGES / "ngo-wikimedia.html") == 0
    before = (case / "case.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _run("add", case, PAGES / "ngo-wikimedia.html") == 0
    out = capsys.readouterr().out
    assert "is already in" in out and "`wikimedia-foundation-2020-01-15`: nothing added" in out
    assert (case / "case.yaml").read_text(encoding="utf-8") == before
    assert len(list((case / "sources").iterdir())) == 1


def test_an_updated_article_at_the_same_address_is_kept_beside_the_first(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "c"
    _run("new", case, "--title", "T")
    page = (PAGES / "ngo-wikimedia.html").read_text(encoding="utf-8")
    updated = tmp_path / "updated.html"
    updated.write_text(page.replace("<p>Today, on Wikipedia’s 19th birthday,",
                                    "<p>Update: access is now restored everywhere.</p><p>Today, on Wikipedia’s "
                                    "19th birthday,"), encoding="utf-8")
    assert _run("add", case, PAGES / "ngo-wikimedia.html") == 0
    capsys.readouterr()
    assert _run("add", case, updated) == 0
    out = capsys.readouterr().out
    assert "another version of `wikimedia-foundation-2020-01-15`" in out and "both are kept" in out
    result = load_case(case)
    assert result.ok and result.case is not None
    second = result.case.sources["wikimedia-foundation-2020-01-15-2"]
    assert "Update: access is now restored everywhere." in second.text
    assert "Another version of `wikimedia-foundation-2020-01-15`" in (second.note or "")


def test_the_edit_keeps_the_users_comments_and_layout(tmp_path: Path) -> None:
    case = tmp_path / "c"
    (case / "sources").mkdir(parents=True)
    (case / "sources" / "mine.txt").write_text("My headline\n\nMy text about Jane Doe.\n", encoding="utf-8")
    written = ("\ufeffversion: 2  # the format\r\n\r\ncase:\r\n  id: c\r\n  title: 'Mine'   # single quotes\r\n"
               "  subjects: [jane-doe]\r\n\r\nsources:\r\n  # my first source\r\n  - id: mine\r\n"
               "    file: sources/mine.txt\r\n    title: My headline\r\n    publisher: Me\r\n    date: 2020-01-01\r\n"
               "    kind: other\r\n\r\n# the people\r\nentities:\r\n"
               "  - {id: jane-doe, type: person, name: Jane Doe}\r\n")
    (case / "case.yaml").write_bytes(written.encode("utf-8"))
    assert _run("add", case, PAGES / "ngo-wikimedia.html") == 0
    after = (case / "case.yaml").read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") and "\n" not in after.replace("\r\n", "")
    head, tail = written.split("    kind: other\r\n", 1)
    assert after.startswith(head + "    kind: other\r\n")  # every byte before the new item as it was
    assert after.endswith(tail)  # and every byte after it
    assert "  - id: wikimedia-foundation-2020-01-15\r\n" in after
    assert load_case(case).ok


def test_a_failed_save_leaves_the_case_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    case = tmp_path / "c"
    _run("new", case, "--title", "T")
    before = {p: p.read_bytes() for p in case.rglob("*") if p.is_file()}

    def disk_full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(case_edit, "write_atomically", disk_full)  # replacing case.yaml fails, as on a full disk
    assert _run("add", case, PAGES / "ngo-wikimedia.html") == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "No space left on device (ENOSPC)" in err and "the case is as it was" in err
    assert {p: p.read_bytes() for p in case.rglob("*") if p.is_file()} == before


def test_a_text_you_already_have(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "c"
    _run("new", case, "--title", "T", "--subject", "Erlan Baltabay")
    text = tmp_path / "statement.txt"
    text.write_bytes("Erlan Baltabay freed\r\n\r\nErlan Baltabay was freed on 1 March.\r\n".encode("cp1252"))
    assert _run("add", case, text) == 1  # a text says neither who published it nor when
    err = capsys.readouterr().err
    assert "give --publisher and --date" in err
    assert _run("add", case, text, "--publisher", "IndustriALL Global Union", "--date", "2020-03",
                "--author", "Staff", "--url", "https://example.org/freed") == 0
    result = load_case(case)
    assert result.ok and result.case is not None
    source = result.case.sources["industriall-global-union-2020-03"]
    assert (source.title, source.author, source.url) == ("Erlan Baltabay freed", "Staff", "https://example.org/freed")
    assert source.text == "Erlan Baltabay freed\n\nErlan Baltabay was freed on 1 March.\n"
    capsys.readouterr()
    assert _run("add", case, text, "--publisher", "X", "--date", "2020-13-01") == 1
    assert "bad --date `2020-13-01`: there is no month 13" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "Bad Id"], "`Bad Id` is not a valid id"),
    (["--id", "katherine-maher"], "the id `katherine-maher` is taken in this case"),
])
def test_a_bad_or_taken_id_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                      message: str) -> None:
    case = tmp_path / "c"
    _run("new", case, "--title", "T", "--subject", "Katherine Maher")
    assert _run("add", case, PAGES / "ngo-wikimedia.html", *args) == 1
    assert message in capsys.readouterr().err
    assert list((case / "sources").iterdir()) == []


def test_a_page_that_is_not_there_or_not_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run("new", tmp_path / "c", "--title", "T")
    assert _run("add", tmp_path / "c", tmp_path / "nowhere.html") == 1
    assert "nowhere.html: no such file" in capsys.readouterr().err
    assert _run("add", tmp_path, PAGES / "ngo-wikimedia.html") == 2
    assert "is not a case folder: it has no case.yaml" in capsys.readouterr().err


def test_starting_the_app_or_reader_check_never_imports_the_extraction_libraries(tmp_path: Path) -> None:
    probe = ("import sys\n"
             "from reader.cli import main\n"
             "code = main(['check', '-q'])\n"
             "import reader.ui.app, reader.cli.new, reader.cli.add, reader.ingest.case_edit\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'trafilatura', 'htmldate', 'justext', "
             "'lxml', 'dateparser', 'courlan', 'charset_normalizer'})\n"
             "print(code, heavy)\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "0 []"
