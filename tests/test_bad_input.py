"""Hostile and broken input: links out of the case, control and bidi characters, limits, locales.

These complement test_loader.py (every ``reader check`` error class) with the
bad input of issue 5; docs/bad-input.md lists every class with its message
and points at the test that covers it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from reader.cli import main
from reader.load.case_loader import load_case
from reader.load.files import MAX_SOURCE_BYTES, MAX_YAML_BYTES
from reader.load.problems import Location, Problem, Severity
from reader.load.unsafe_text import MAX_REPORTED_PER_FILE
from reader.model.text_safety import BIDI_CONTROLS, clean, find_unsafe
from reader.report import format_problem
from tests.support.case_files import (
    CASE_YAML,
    ENTITIES_YAML,
    QUOTES_YAML,
    WEEKLY_TEXT,
    only_problem,
    problem_texts,
    write_case,
)

ESCAPE_HINT = ("    hint: the reader shows it as plain characters (ESC as ␛); delete it: it is a command to the "
               "terminal, not text")
BIDI_HINT = ("    hint: it makes text display in an order other than the order it is stored in; the reader shows "
             "it as `\ufffd`; delete it unless the text needs it")


# --- case files that are links ---------------------------------------------------------

def test_case_file_linking_outside_the_case_folder_is_refused(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None})
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(QUOTES_YAML, encoding="utf-8")
    (folder / "quotes.yaml").symlink_to(outside)
    result = load_case(folder)
    assert problem_texts(result) == [
        f"quotes.yaml: error: case file `quotes.yaml` is a link to `{outside.resolve()}`, outside the case folder\n"
        "    hint: copy the file into the case folder; a case reads nothing outside its folder"
    ]
    assert result.case is None


def test_case_file_that_is_a_broken_link(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None})
    (folder / "quotes.yaml").symlink_to(folder / "gone.yaml")
    result = load_case(folder)
    assert problem_texts(result) == [
        f"quotes.yaml: error: case file `quotes.yaml` is a link to `{(folder / 'gone.yaml').resolve()}`, "
        "which does not exist\n"
        "    hint: remove the link, or point it at a file in the case folder"
    ]


def test_case_file_linking_inside_the_case_folder_is_fine(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"quotes.yaml": None, "notes/quotes.yaml": QUOTES_YAML})
    (folder / "quotes.yaml").symlink_to(folder / "notes" / "quotes.yaml")
    result = load_case(folder)
    assert problem_texts(result) == []
    assert result.case is not None and [q.id for q in result.case.quotes] == ["innocent"]


# --- control characters, escape sequences and bidi controls in source texts ---------------

SALTED_LINE = "Note \x1b]0;pwned\x07 x\u202eyz\x7f \x1b[2J\tend \x9b31m and \x1b]52;c;SGVsbG8=\x07.\n"


def test_controls_in_a_source_text_are_warnings_at_their_place(broken) -> None:
    result = broken({"sources/weekly.txt": WEEKLY_TEXT + SALTED_LINE})
    assert result.case is not None  # warnings only: the case opens
    assert problem_texts(result) == [
        "sources/weekly.txt:4:6: warning: terminal escape sequence `␛]0;pwned␇` (OSC 0: it would change the "
        "terminal's title) in the source text\n" + ESCAPE_HINT,
        "sources/weekly.txt:4:18: warning: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in the source "
        "text\n" + BIDI_HINT,
        "sources/weekly.txt:4:21: warning: control character U+007F (DEL) in the source text\n"
        "    hint: the reader shows it as `␡`; delete it unless it is part of the published text",
        "sources/weekly.txt:4:23: warning: terminal escape sequence `␛[2J` (CSI: it would move the cursor, "
        "erase or recolour the screen) in the source text\n" + ESCAPE_HINT,
        "sources/weekly.txt:4:32: warning: terminal escape sequence `\ufffd31m` (CSI: it would move the cursor, "
        "erase or recolour the screen) in the source text\n" + ESCAPE_HINT,
        "sources/weekly.txt:4:41: warning: terminal escape sequence `␛]52;c;SGVsbG8=␇` (OSC 52: it would write "
        "to the clipboard) in the source text\n" + ESCAPE_HINT,
    ]
    # The text is kept as written; only the display replaces the characters.
    assert result.case.sources["weekly"].text.endswith(SALTED_LINE)


@pytest.mark.parametrize(("char", "name", "shown_as"), [
    ("\x00", "U+0000 (NUL)", "␀"), ("\x07", "U+0007 (BEL)", "␇"), ("\x08", "U+0008 (BS)", "␈"),
    ("\x0b", "U+000B (VT)", "␋"), ("\x0c", "U+000C (FF)", "␌"), ("\x1b", "U+001B (ESC)", "␛"),
    ("\x7f", "U+007F (DEL)", "␡"), ("\x85", "U+0085 (NEL)", "\ufffd"), ("\x9b", "U+009B (CSI)", "\ufffd"),
    ("\x9d", "U+009D (OSC)", "\ufffd"),
])
def test_each_control_character_is_named(broken, char: str, name: str, shown_as: str) -> None:
    # NUL is not in the first 8 kB that decide whether a file is binary.
    result = broken({"sources/weekly.txt": WEEKLY_TEXT + "x" * 9000 + char + "\n"})
    assert problem_texts(result) == [
        f"sources/weekly.txt:4:9001: warning: control character {name} in the source text\n"
        f"    hint: the reader shows it as `{shown_as}`; delete it unless it is part of the published text"
    ]


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_each_bidi_control_is_a_warning(broken, char: str) -> None:
    result = broken({"sources/weekly.txt": WEEKLY_TEXT.replace("He had", f"He{char} had")})
    problem = only_problem(result)
    assert problem.severity is Severity.WARNING
    assert problem.message.startswith(f"bidirectional control U+{ord(char):04X} (")
    assert (problem.location.line, problem.location.col) == (3, 62)


def test_a_hidden_control_inside_a_quote_shows_in_the_difference(broken, capsys) -> None:
    # The quote looks the same as the passage on screen; the placeholder shows why it does not match.
    result = broken({"sources/weekly.txt": WEEKLY_TEXT.replace("released in", "released\u202e in")})
    assert main(["check", str(result.folder)]) == 1
    out = capsys.readouterr().out
    assert "differs: “released” in your quote, “released\ufffd” in the source" in out


def test_marks_tabs_and_other_scripts_are_not_warned_about(broken) -> None:
    # LRM, RLM and ALM are ordinary in right-to-left writing; a tab is whitespace.
    text = WEEKLY_TEXT + "\tمرحبا\u200f بالعالم \u061c שלום\u200e עולם — 中文 👩‍👩‍👧\n"
    result = broken({"sources/weekly.txt": text})
    assert problem_texts(result) == []


def test_a_flood_of_controls_is_summed_up(broken) -> None:
    flood = "".join(f"word{n} \x1b[{n}m\n" for n in range(MAX_REPORTED_PER_FILE + 25))
    result = broken({"sources/weekly.txt": WEEKLY_TEXT + flood})
    texts = problem_texts(result)
    assert len(texts) == MAX_REPORTED_PER_FILE + 1
    assert texts[-1] == (f"sources/weekly.txt:{4 + MAX_REPORTED_PER_FILE}:8: warning: and 25 more control or "
                         "bidirectional character(s) in this source text\n"
                         "    hint: clean the file: these are not words of the text")


# --- control characters in YAML ----------------------------------------------------------

def test_raw_controls_in_yaml_are_errors_at_their_place(broken) -> None:
    entities = ENTITIES_YAML.replace("description: A union leader.",
                                     "description: A union \x1b]52;c;SGVsbG8=\x07leader.\x7f")
    result = broken({"entities.yaml": entities})
    assert problem_texts(result) == [
        "entities.yaml:6:26: error: terminal escape sequence `␛]52;c;SGVsbG8=␇` (OSC 52: it would write to the "
        "clipboard) is not allowed in YAML\n"
        "    hint: delete it; it most likely came with text pasted from a web page or a terminal",
        "entities.yaml:6:49: error: control character U+007F (DEL) is not allowed in YAML\n"
        "    hint: delete it; it most likely came with text pasted from a web page or a terminal",
    ]


def test_bidi_controls_in_yaml_are_warnings_at_their_place(broken) -> None:
    entities = ENTITIES_YAML.replace("description: A union leader.", "description: A union\u202e leader.")
    result = broken({"entities.yaml": entities})
    assert problem_texts(result) == [
        "entities.yaml:6:25: warning: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in the case file\n"
        + BIDI_HINT
    ]
    assert result.case is not None


def test_controls_written_as_escapes_in_yaml_are_warnings_at_the_text(broken) -> None:
    entities = ENTITIES_YAML.replace("description: Did not comment.",
                                     'description: "Did not \\e]0;pwned\\a comment \\u202E \\x1b[2J."')
    result = broken({"entities.yaml": entities})
    assert problem_texts(result) == [
        "entities.yaml:13:18: warning: terminal escape sequence `␛]0;pwned␇` (OSC 0: it would change the "
        "terminal's title), written as an escape in a quoted text (and 2 more in this text)\n" + ESCAPE_HINT
    ]
    assert result.case is not None
    assert result.case.entities["ministry-of-justice"].description == \
        "Did not \x1b]0;pwned\x07 comment \u202e \x1b[2J."


def test_escapes_in_a_key_are_reported_too(broken) -> None:
    entities = ENTITIES_YAML.replace("    description: Did not comment.", '    "\\e[2Jnote": x\n    description: y')
    texts = problem_texts(broken({"entities.yaml": entities}))
    assert "entities.yaml:13:5: warning: terminal escape sequence `␛[2J` (CSI: it would move the cursor, erase " \
           "or recolour the screen), written as an escape in a quoted text\n" + ESCAPE_HINT in texts
    assert any(text.startswith("entities.yaml:13:5: error: unknown field `\x1b[2Jnote` in entity") for text in texts)


# --- what reader check prints ---------------------------------------------------------------

def test_markup_in_a_message_is_printed_literally(broken, capsys: pytest.CaptureFixture[str]) -> None:
    result = broken({"entities.yaml": ENTITIES_YAML.replace("aliases:", "'[bold red]aliases[/] [link=x]':")})
    assert main(["check", str(result.folder)]) == 1
    out = capsys.readouterr().out
    assert "error: unknown field `[bold red]aliases[/] [link=x]` in entity" in out


def test_check_output_holds_no_control_characters(broken, capsys: pytest.CaptureFixture[str]) -> None:
    # The quote is not found, so its text and the closest passage (with an escape) are printed.
    weekly = WEEKLY_TEXT.replace("after a pardon", "after \x1b]52;c;SGVsbG8=\x07a pardon")
    entities = ENTITIES_YAML.replace('"The Ministry of Justice did not comment."',
                                     '"The Ministry of \\e]0;x\\a Justice did not comment. \\u202E"')
    folder = write_case(broken({}).folder, {"sources/weekly.txt": weekly, "entities.yaml": entities,
                                            "events.yaml": None})
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "␛]52;c;SGVsbG8=␇" in out and "quote not found" in out
    assert not list(find_unsafe(out))


def test_a_problem_renders_inertly_on_a_real_terminal() -> None:
    problem = Problem(Location(Path("x\x1b]0;t\x07.yaml"), 1, 2), Severity.ERROR,
                      "bad \x1b]52;c;eA==\x07 [bold]x[/bold] \u202e", details=("\x9b2J [link=y]",), hint="\x1b[2J")
    console = Console(force_terminal=True, color_system="truecolor", width=200, record=False)
    with console.capture() as capture:
        console.print(format_problem(problem))
    out = capture.get()
    assert "[bold]x[/bold]" in out and "[link=y]" in out
    assert "\x1b]" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
    # What ESCs remain are Rich's own colour codes (CSI … m), nothing else.
    assert all(sequence.startswith("\x1b[") and sequence.endswith("m") for sequence in
               (out[f.start:f.end] for f in find_unsafe(out) if f.kind == "escape"))


# --- limits and unreadable input ---------------------------------------------------------

def sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no room on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)


def test_a_source_text_over_the_size_limit(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case")
    sparse(folder / "sources" / "weekly.txt", MAX_SOURCE_BYTES + 1)
    assert problem_texts(load_case(folder)) == [
        "case.yaml:15:11: error: source text `weekly.txt` is 32.0 MB, over the 32 MB limit\n"
        "    hint: split it into several files"
    ]


def test_a_case_file_over_the_size_limit(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case")
    sparse(folder / "quotes.yaml", MAX_YAML_BYTES + 1)
    assert problem_texts(load_case(folder)) == [
        "quotes.yaml: error: case file `quotes.yaml` is 8.0 MB, over the 8 MB limit\n"
        "    hint: split it into several files"
    ]


def test_an_unreadable_source_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_case(tmp_path / "case")
    weekly = folder / "sources" / "weekly.txt"
    real = os.open

    def open_file(path: str | Path, flags: int, *args: int) -> int:
        # The tests may run as root, who can read a file whatever its mode; fail as the OS would.
        if Path(path) == weekly:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", open_file)
    assert problem_texts(load_case(folder)) == [
        f"case.yaml:15:11: error: cannot read source text `{weekly}`: permission denied\n"
        "    hint: check the file's permissions"
    ]


def test_an_unreadable_case_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_case(tmp_path / "case")

    def iterdir(path: Path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "iterdir", iterdir)
    problem = only_problem(load_case(folder))
    assert problem.format() == (f"{folder}: error: cannot read the case folder: Permission denied\n"
                                "    hint: check that the folder exists and that you may read it")


# --- locales -------------------------------------------------------------------------------

def run_check(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "check", str(folder)], capture_output=True,
                          env={**os.environ, **env}, check=False, encoding="utf-8", errors="replace")


def test_utf8_files_are_read_as_utf8_under_an_ascii_locale(tmp_path: Path) -> None:
    weekly = WEEKLY_TEXT.replace("He had been sentenced", "He had been “sentenced” by Özkan’s court")
    case_yaml = CASE_YAML.replace("title: Union leader sentenced", "title: “Union leader” sentenced — Özkan")
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": weekly, "case.yaml": case_yaml})
    ascii_locale = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                    "PYTHONIOENCODING": ""}
    probe = subprocess.run([sys.executable, "-c", "import locale, sys; print(locale.getpreferredencoding(), "
                            "sys.stdout.encoding)"], capture_output=True, text=True,
                           env={**os.environ, **ascii_locale}, check=True)
    assert "utf" not in probe.stdout.lower()  # the locale really is not UTF-8
    done = run_check(folder, **ascii_locale)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "demo: 2 sources" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_check_prints_under_a_narrow_output_encoding(broken, encoding: str) -> None:
    result = broken({"sources/weekly.txt": WEEKLY_TEXT + "Özkan \x1b]0;pwned\x07 “x”\n"})
    done = run_check(result.folder, PYTHONIOENCODING=encoding)
    assert done.returncode == 0
    assert "Traceback" not in done.stdout + done.stderr
    assert "\\u241b]0;pwned\\u2407" in done.stdout  # ␛ and ␇ as escapes the encoding can carry


def test_clean_replaces_exactly_the_characters_check_warns_about() -> None:
    # One code point a line, so no two of them make an escape sequence together.
    every = "\n".join(chr(code) for code in range(0x110000) if code != 0x0A)
    cleaned = clean(every)
    assert len(cleaned) == len(every)
    assert not list(find_unsafe(cleaned))
    warned = {every[f.start] for f in find_unsafe(every)}
    replaced = {a for a, b in zip(every, cleaned, strict=True) if a != b} - {"\t"}
    assert warned == replaced
    assert replaced == {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0)), *BIDI_CONTROLS,
                        *map(chr, range(0xD800, 0xE000))} - {"\n", "\t"}


def test_clean_skips_its_table_only_for_texts_the_table_would_not_change() -> None:
    from reader.model.text_safety import _TABLE

    for char in [*map(chr, range(0x100)), *BIDI_CONTROLS, "\ud800", "\udc9b", "\udfff"]:
        for text in (char, f"a{char}b", f"{char} x {char}"):
            assert clean(text) == text.translate(_TABLE), repr(text)


def test_a_line_break_in_what_the_user_wrote_keeps_the_message_on_one_line(broken) -> None:
    result = broken({"entities.yaml": ENTITIES_YAML.replace("    aliases:", '    "ali\\nases":')})
    assert problem_texts(result)[0] == ("entities.yaml:5:5: error: unknown field `ali\\nases` in entity\n"
                                        "    hint: did you mean `aliases`?")


def test_nesting_deeper_than_the_parser_allows_gets_the_nesting_hint(broken) -> None:
    result = broken({"quotes.yaml": "deep: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    assert problem_texts(result) == [
        "quotes.yaml:1:1006: error: YAML syntax error: while increasing flow level exceeded maximum nesting depth\n"
        "    hint: case files need only a few levels; keep nesting under 64"
    ]


def test_a_binary_case_file(broken) -> None:
    result = broken({"quotes.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert problem_texts(result) == [
        "quotes.yaml:1:1: error: case file looks like a binary file, not text\n"
        "    hint: save it as plain UTF-8 text"
    ]


def test_a_source_path_that_names_a_folder_gets_a_hint(broken) -> None:
    result = broken({"case.yaml": CASE_YAML.replace("file: sources/weekly.txt", "file: sources")})
    assert problem_texts(result) == [
        f"case.yaml:15:11: error: source text `{result.folder / 'sources'}` is a folder, not a file\n"
        "    hint: name a file inside it, e.g. sources/name.txt"
    ]


def test_tabs_in_a_source_are_whitespace(broken) -> None:
    # Not warned about; matched like a space, and shown as one space (one character for one).
    result = broken({"sources/weekly.txt": "\t" + WEEKLY_TEXT.replace("was released in", "was\treleased in")})
    assert problem_texts(result) == []
    assert clean("\tWas\treleased") == " Was released"
