"""Property tests: no input makes the loader or ``reader check`` crash, and offsets round-trip.

Hypothesis writes arbitrary text, arbitrary bytes and arbitrary YAML into
the minimal case of conftest.py. Whatever it writes, ``load_case`` returns
problems (never raises), ``reader check`` exits 0, 1 or 2 (never a
traceback), and every citation and mention of a case that loads points at
text that is its quote or name. Example counts are kept modest so the suite
stays fast; the strategies aim at the edges (controls, marks, nesting,
aliases, tags) rather than at volume.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.load.case_loader import LoadResult, load_case
from reader.model.anchor import fold_normal
from tests.support.case_files import WEEKLY_TEXT, write_case

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters that stress the reader: controls, bidi, marks, wide, surrogate-free astral, YAML syntax.
NASTY = st.sampled_from(list("\x00\x07\x1b\x7f\x85\x9b\x9d\u202e\u2066\u200f\u0301\u0308\u1161\ufeff\ufffe"
                             "\t\r\n :-#&*!|>'\"[]{}%@`,?中👩‍éÖ’“—\u00a0\u2028"))
TEXT = st.text(max_size=300) | st.text(NASTY, max_size=120) | st.text(st.characters(codec="utf-8"), max_size=200)

YAML_TOKENS = st.sampled_from([
    "- ", ": ", "\n", "\n  ", "\n    ", "\t", "&a ", "*a ", "&b ", "*b ", "!!python/object:os.system ", "!!str ",
    "!custom ", "<<: *a\n", "{", "}", "[", "]", ", ", '"', "'", "#", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.1\n",
    "? ", "id", "id: x", "quote", "source: daily", "entities:", "sources:", "case:", "version: 1", "null", "~",
    "2019-07-17", "0x1F", "1e9", "yes", "\\e]52;c;eA==\\a", "\u202e", "é", "\x1b", "[bold]",
])

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(NASTY, max_size=20) | \
    st.sampled_from(["daily", "weekly", "erlan-baltabay", "2019-07-17", "unknown", "person", "[bold red]x[/]"])
DATA = st.recursive(LEAVES, lambda children: st.lists(children, max_size=4) |
                    st.dictionaries(st.text(NASTY, max_size=8) | st.sampled_from(
                        ["id", "type", "name", "quote", "source", "citations", "entities", "events", "case",
                         "sources", "file", "date", "aliases", "mentions"]), children, max_size=4),
                    max_leaves=30)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str | bytes:
    """YAML of every kind: token soup, dumped data, deep brackets, alias chains, raw bytes."""
    kind = draw(st.sampled_from(["tokens", "data", "nesting", "aliases", "bytes", "text"]))
    if kind == "tokens":
        return "".join(draw(st.lists(YAML_TOKENS, max_size=40)))
    if kind == "data":
        return yaml.safe_dump(draw(DATA), allow_unicode=draw(st.booleans()))
    if kind == "nesting":
        depth = draw(st.integers(1, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
        if opener == "- ":
            return "".join("  " * level + "- \n" for level in range(min(depth, 300)))
        return "x: " + opener * depth + closer * draw(st.integers(0, depth)) + "\n"
    if kind == "aliases":
        width, levels = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
        lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels)]
        return "\n".join(lines) + "\n"
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    return draw(TEXT)


def load_with(files: dict[str, str | bytes]) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        return load_case(write_case(Path(folder) / "case", files))


def check_with(files: dict[str, str | bytes]) -> tuple[int, str]:
    """Run ``reader check`` in this process; the exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        case = write_case(Path(folder) / "case", files)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(case)])
    return code, out.getvalue() + err.getvalue()


def squash(text: str) -> str:
    return " ".join(fold_normal(text).split())


def assert_round_trip(result: LoadResult) -> None:
    """Every resolved citation covers its quote, every mention one of its entity's names."""
    case = result.case
    if case is None:
        return
    for citation in case.all_citations():
        if citation.span is not None:
            text = case.sources[citation.source_id].text
            assert squash(text[citation.span.start:citation.span.end]) == squash(citation.quote)
    for source_id, mentions in case.mentions.items():
        text = case.sources[source_id].text
        for mention in mentions:
            if mention.explicit:
                continue
            names = {squash(name) for name in case.entities[mention.entity_id].names}
            assert squash(text[mention.span.start:mention.span.end]) in names


def assert_located(result: LoadResult) -> None:
    for problem in result.problems:
        assert problem.message and "\n" not in problem.message
        assert problem.location.path is not None


@SETTINGS
@given(TEXT | st.binary(max_size=400))
def test_any_source_text_loads_without_raising(text: str | bytes) -> None:
    result = load_with({"sources/weekly.txt": text})
    assert_located(result)
    assert_round_trip(result)


@SETTINGS
@given(st.lists(TEXT | st.sampled_from(["Erlan Baltabai", "Baltabai", "Erlan Baltabay", "Baltabay",
                                        unicodedata.normalize("NFD", "Baltabaï"), "Ministry of Justice",
                                        "was released in August 2019 after a pardon"]), max_size=8),
       st.sampled_from(["NFC", "NFD"]))
def test_mentions_and_citations_round_trip_in_any_text(pieces: list[str], form: str) -> None:
    text = unicodedata.normalize(form, WEEKLY_TEXT + " ".join(pieces))
    result = load_with({"sources/weekly.txt": text})
    assert_located(result)
    assert_round_trip(result)
    if result.case is not None:
        weekly = result.case.mentions["weekly"]
        # Each mention is inside the text, and they do not overlap.
        assert all(0 <= m.span.start < m.span.end <= len(text) for m in weekly)
        assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(weekly))


@SETTINGS
@given(st.sampled_from(["case.yaml", "entities.yaml", "events.yaml", "notes.yaml"]), yaml_texts())
def test_any_yaml_loads_without_raising(name: str, text: str | bytes) -> None:
    result = load_with({name: text})
    assert_located(result)
    assert_round_trip(result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["case.yaml", "entities.yaml", "sources/weekly.txt"]), yaml_texts() | TEXT)
def test_reader_check_exits_0_1_or_2_and_never_prints_a_traceback(name: str, text: str | bytes) -> None:
    code, printed = check_with({name: text})
    assert code in (0, 1, 2)
    assert "Traceback" not in printed
    # Nothing that reaches the terminal is a control character but the newline.
    assert not any(char in printed for char in "\x1b\x07\x9b\x9d\u202e")
