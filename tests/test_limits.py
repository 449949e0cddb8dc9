"""Limits on what a case may hold and on what checking it may cost (issue 17, items 7 and 10).

Whatever ``reader check`` accepts, every other command computes with: dates
have a year from 1000 to 2999 and a term is at most 1,000 years (or 12,000
months, or 365,250 days), so the end of the longest term from the last day
is still a date. What is refused is refused with a located error.

Small files must not cost minutes: aliases are bounded by the text they
expand to, the search for the passage closest to a quote that is not found
is bounded (and says when it gave up), and the problems listed are capped
with the counts kept whole. Tests hold the behaviour, not the time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import SIZES, generate
from reader.cli import main
from reader.cli.status import render_status, status_json
from reader.export import FORMATS, export
from reader.load import case_loader, read, yamlnodes
from reader.load.case_loader import load_case
from reader.load.catalog import list_cases
from reader.load.problems import Location, Problems
from reader.load.yamlnodes import MAX_ALIAS_CHARS, describe, parse_yaml
from reader.model import anchor, closest
from reader.model.anchor import FoldedText, describe_difference, squash
from reader.model.closest import Closest, SearchBudget, closest_passage
from reader.model.status import case_status, parse_as_of
from reader.model.types import Term
from reader.paths import default_case
from reader.report import MAX_PROBLEMS_SHOWN, shown_problems
from tests.support.case_files import (
    CASE_YAML,
    DAILY_TEXT,
    ENTITIES_YAML,
    EVENTS_YAML,
    QUOTES_YAML,
    empty_entities,
    extreme_case,
    only_problem,
    problem_texts,
    with_term,
    write_case,
)

TERM_HINT = ("    hint: the reader counts a term up to 1,000 years (12,000 months, 52,000 weeks, 365,250 days, "
             "100,000 hours); for a longer one, leave `term` out and give the length in the measure's `summary`")


# --- dates and terms: what check accepts, everything computes with ------------------------------

@pytest.mark.parametrize(("field", "written"), [
    ("date", "9999-12-31"), ("date", "3000"), ("date", "0999-01"),
    ("not_before", "0001-01-01"), ("not_after", "9999-12-31"),
])
def test_a_date_outside_1000_to_2999_is_refused_where_written(tmp_path: Path, field: str, written: str) -> None:
    events = EVENTS_YAML.replace("    date: 2019-08\n", f"    date: unknown\n    {field}: {written}\n"
                                 if field != "date" else f"    date: {written}\n")
    problem = only_problem(load_case(write_case(tmp_path / "case", {"events.yaml": events})))
    assert problem.format(relative_to=tmp_path / "case").startswith(
        f"events.yaml:{21 if field != 'date' else 20}:")
    assert problem.message == f"bad date `{written}`: the year must be from 1000 to 2999"


@pytest.mark.parametrize(("unit", "count", "limit"), [
    ("months", "99999999", "12,000"), ("years", "1001", "1,000"), ("days", "99999999999999999999", "365,250"),
])
def test_a_term_over_the_limit_is_refused_once(tmp_path: Path, unit: str, count: str, limit: str) -> None:
    term = f"        term: {{{unit}: {count}}}\n"
    result = load_case(write_case(tmp_path / "case", {"events.yaml": with_term(term)}))
    # Only this: not also "a term needs a length", though none is left.
    assert problem_texts(result) == [
        f"events.yaml:12:{18 + len(unit)}: error: {int(count):,} {unit} is more than the {limit} {unit} allowed\n"
        + TERM_HINT]


def test_as_of_and_today_outside_the_years_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="the year must be from 1000 to 2999"):
        parse_as_of("9999-12-31")
    assert main(["status", "--as-of", "9999"]) == 2
    assert "bad --as-of date `9999`: the year must be from 1000 to 2999, as in case files" in capsys.readouterr().err


def test_a_term_built_past_the_calendar_ends_on_its_last_day() -> None:
    # The checker refuses such terms; a term built in code must still not raise.
    assert Term(years=10**6).after(dt.date(2019, 7, 17)) == dt.date.max
    assert Term(days=10**9).after(dt.date(2019, 7, 17)) == dt.date.max
    assert Term(years=1000, months=12_000, days=365_250).after(dt.date(2999, 12, 31)) == dt.date(6000, 1, 8)


def test_the_extreme_values_check_accepts_work_in_every_command(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = extreme_case(tmp_path / "case")
    result = load_case(folder)
    assert problem_texts(result) == []
    case = result.case
    assert case is not None
    for as_of in (None, dt.date(1000, 1, 1), dt.date(2999, 12, 31)):
        for basis in ("happened", "reported"):
            for today in (dt.date(1000, 1, 1), dt.date(2999, 12, 31)):
                status = case_status(case, as_of=as_of, basis=basis, today=today)
                json.dumps(status_json(status))
                render_status(status)
    ends = [fact.value for fact in case_status(case, today=dt.date(2026, 1, 1)).computed]
    assert ends == ["25 July 5019", "between 9 January 4000 and 8 January 6000"]
    for format in FORMATS:
        for redacted in (False, True):
            assert export(case, format, today=dt.date(2999, 12, 31), redacted=redacted)
    for command in (["check"], ["status", "--today", "2026-01-01"], ["status", "--json"],
                    ["status", "--as-of", "1000"],
                    ["status", "--as-of", "2999-12-31", "--basis", "reported", "--today", "1000-01-01"],
                    *(["export", "-f", format, "-o", "-"] for format in FORMATS)):
        assert main([*command, str(folder)]) == 0, command
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    ahead = (dt.date(2999, 12, 31) - dt.date(2026, 1, 1)).days
    assert f"dated {ahead:,} days after today" in output.out  # a source dated after today, in words that make sense


# --- aliases: bounded by the text they expand to -------------------------------------------------

def test_an_alias_of_a_long_text_used_many_times_is_refused() -> None:
    text = "x" * (MAX_ALIAS_CHARS // 4)
    problems = Problems()
    yaml_text = "quotes:\n  - &a " + text + "\n" + "  - *a\n" * 9000
    parse_yaml(yaml_text, Path("quotes.yaml"), problems)
    assert [p.format() for p in problems] == [
        "quotes.yaml:2:5: error: aliases expand to more than 1,000,000 characters of text (an alias bomb?)\n"
        "    hint: write the text out where it is needed instead of repeating a long text through aliases"]


def test_a_long_text_used_through_a_few_aliases_is_fine() -> None:
    problems = Problems()
    parse_yaml("a: &a " + "x" * (MAX_ALIAS_CHARS // 4) + "\nb: *a\nc: *a\n", Path("x.yaml"), problems)
    assert not problems.items


def test_messages_quote_a_long_value_shortened(tmp_path: Path) -> None:
    problems = Problems()
    node = parse_yaml("quotes:\n  - " + "y" * 100_000 + "\n", Path("q.yaml"), problems)
    assert node is not None
    assert describe(node.items["quotes"][1].items[0]) == f"the text '{'y' * 79}…' (100,000 characters)"
    problems.error(Location(Path("q.yaml")), "unknown field `" + "z" * 100_000 + "` in entity")
    message = problems.items[-1].message
    assert len(message) < 2100 and message.endswith("` in entity") and "(98,026 characters left out)" in message


# --- names: a few words, never a pattern that crashes the name matcher ----------------------------

NAME_HINT = ("    hint: a name or alias is a few words, as the sources write them; put longer text in `description`, "
             "and mark a long passage with an explicit `mentions` entry")


def with_alias(alias: str) -> str:
    return ENTITIES_YAML.replace("aliases: [Baltabay, Erlan Baltabai, Baltabai]",
                                 f"aliases: [Baltabay, Erlan Baltabai, Baltabai, {alias}]")


def test_a_name_or_alias_over_the_limit_is_refused_where_written(tmp_path: Path) -> None:
    at_limit = "x" * anchor.MAX_NAME_CHARS
    assert load_case(write_case(tmp_path / "fine", {"entities.yaml": with_alias(at_limit)})).ok
    folder = write_case(tmp_path / "case", {"entities.yaml": with_alias(at_limit + "x").replace(
        "name: Ministry of Justice", "name: " + "Ministry of Justice " * 20)})
    assert problem_texts(load_case(folder)) == [
        "entities.yaml:5:51: error: a name of 301 characters is longer than the 300 allowed\n" + NAME_HINT,
        "entities.yaml:12:11: error: a name of 399 characters is longer than the 300 allowed\n" + NAME_HINT]


def test_a_huge_alias_is_refused_not_a_crash(tmp_path: Path) -> None:
    # 700,000 characters overflowed the C automaton's stack: check, status and the app died (exit 139).
    # In a child process, so a crash fails this test rather than the whole run.
    folder = write_case(tmp_path / "case", {"entities.yaml": with_alias("x" * 700_000)})
    for command in ("check", "status"):
        run = subprocess.run([sys.executable, "-m", "reader", command, str(folder)], capture_output=True,
                             text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert run.returncode == 1, run.stderr
        assert "entities.yaml:5:51: error: a name of 700,000 characters is longer than the 300 allowed" in (
            run.stdout + run.stderr)


def test_the_name_matcher_skips_a_huge_name_it_is_given_anyway() -> None:
    # Whatever builds the names, the automaton is never fed one it would crash on.
    program = ("from reader.model.anchor import FoldedText, NameMatcher\n"
               "matcher = NameMatcher({'x' * 700_000: ['huge'], 'Baltabay': ['erlan']})\n"
               "print(matcher.find(FoldedText('Erlan Baltabay and ' + 'x' * 700_000)))\n")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[(6, 14, 'Baltabay')]"


# --- the closest passage: bounded, and saying when it gave up ------------------------------------

def big_text(around: str) -> str:
    """About 80,000 characters of distinct words with ``around`` in the middle: past the exact search."""
    paragraphs = [" ".join(f"word{n}-{i}" for i in range(60)) for n in range(100)]
    return "\n\n".join([*paragraphs[:50], around, *paragraphs[50:]]) + "\n"


def test_a_near_miss_in_a_big_source_gets_todays_message(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {
        "sources/daily.txt": big_text(DAILY_TEXT),
        "events.yaml": EVENTS_YAML.replace('"was sentenced to seven years in prison"',
                                           '"was sentenced to 7 years in prison"', 1)})
    text = (folder / "sources" / "daily.txt").read_text(encoding="utf-8")
    assert len(text) * len("was sentenced to 7 years in prison") > closest.EXACT_SEARCH_CELLS
    line = text[:text.index("was sentenced")].count("\n") + 1
    assert problem_texts(load_case(folder)) == [
        "events.yaml:14:20: error: quote not found in `daily` (daily.txt)\n"
        f"    closest passage at {line}:49: “was sentenced to seven years in prison”\n"
        "    differs: “7” in your quote, “seven” in the source\n"
        "    hint: copy the passage exactly as the source has it (typos included)"]


def test_a_long_near_miss_in_a_big_text_is_found_by_its_pieces() -> None:
    passage = " ".join(f"the court heard witness {i} about the strike of the oil workers" for i in range(30))
    text = FoldedText(big_text(passage))
    quote = passage.replace("witness 17", "witnes 17").replace("workers", "worker", 1)
    found = text.closest(quote)
    assert found is not None and text.search_gave_up is None
    assert text.text[found.start:found.end] == passage
    assert describe_difference(quote, passage) == ["“worker” in your quote, “workers” in the source",
                                                   "“witnes” in your quote, “witness” in the source"]


def test_the_search_reads_its_budget_and_says_why_it_was_not_begun() -> None:
    text = FoldedText(DAILY_TEXT)
    quote = "was sentenced to 7 years in prison"
    spent = SearchBudget(0, "the case")
    assert closest_passage(text, squash(quote), spent) == Closest(
        None, "the case's search limit was used up by earlier quotes")
    budget = SearchBudget(closest.SOURCE_SEARCH_BUDGET)
    found = closest_passage(text, squash(quote), budget)
    assert found.gave_up is None and found.span is not None
    assert DAILY_TEXT[found.span.start:found.span.end] == "was sentenced to seven years in prison"
    assert 0 < budget.cells < closest.SOURCE_SEARCH_BUDGET  # what the search cost was taken from the budget


def wrong_quotes(count: int, source: str = "daily") -> str:
    lines = ["quotes:"]
    for i in range(count):
        lines += [f"  - id: wrong{i}", "    speaker: erlan-baltabay", "    citation:", f"      source: {source}",
                  f'      quote: "was sentenced to {i + 2} years in prison"']
    return "\n".join(lines) + "\n"


def test_the_search_gives_up_cleanly_when_the_sources_budget_is_spent(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A small budget: the first wrong quote is compared in full, the next ones are not.
    monkeypatch.setattr(closest, "SOURCE_SEARCH_BUDGET", 5_000)
    result = load_case(write_case(tmp_path / "case", {"quotes.yaml": wrong_quotes(3)}))
    texts = problem_texts(result)
    assert len(texts) == 3
    assert "closest passage at 3:49: “was sentenced to seven years in prison”" in texts[0]
    for text in texts[1:]:
        assert text.endswith(
            "error: quote not found in `daily` (daily.txt)\n"
            "    no close passage found within the search limit: this source's search limit was used up by "
            "earlier quotes\n"
            "    hint: check that the `source` is right, and copy the passage exactly as the source has it")


def test_the_budget_is_per_source_and_the_same_split_in_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(closest, "SOURCE_SEARCH_BUDGET", 3_000)
    monkeypatch.setattr(case_loader, "PARALLEL_FROM_SIZE", 0)
    quotes = wrong_quotes(2) + wrong_quotes(2, "weekly").replace("quotes:\n", "").replace("wrong", "other")
    folder = write_case(tmp_path / "case", {"quotes.yaml": quotes})
    serial, split = load_case(folder), load_case(folder, parallel=True)
    assert problem_texts(serial) == problem_texts(split)
    gave_up = [text for text in problem_texts(serial) if "search limit" in text]
    assert len(gave_up) == 2 and any("`daily`" in t for t in gave_up) and any("`weekly`" in t for t in gave_up)


GAVE_UP = ("error: quote not found in `{source}` ({source}.txt)\n"
           "    no close passage found within the search limit: {why}\n"
           "    hint: check that the `source` is right, and copy the passage exactly as the source has it")


def test_the_case_budget_bounds_every_source_together_and_the_same_split_in_two(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 5,000 wrong quotes against a 2 MB source took 11.6 s: each source had a budget, the case none.
    monkeypatch.setattr(closest, "SOURCE_SEARCH_BUDGET", 10**9)
    monkeypatch.setattr(closest, "CASE_SEARCH_BUDGET", 5_000)
    monkeypatch.setattr(case_loader, "PARALLEL_FROM_SIZE", 0)
    quotes = wrong_quotes(2) + wrong_quotes(2, "weekly").replace("quotes:\n", "").replace("wrong", "other")
    folder = write_case(tmp_path / "case", {"quotes.yaml": quotes})
    serial, split = problem_texts(load_case(folder)), problem_texts(load_case(folder, parallel=True))
    assert serial == split
    assert "closest passage at 3:49: “was sentenced to seven years in prison”" in serial[0]
    used_up = "the case's search limit was used up by earlier quotes"
    assert [text.split(": ", 1)[1] for text in serial[1:]] == [
        GAVE_UP.format(source="daily", why=used_up)] + [GAVE_UP.format(source="weekly", why=used_up)] * 2


def test_the_quote_that_reaches_the_limit_says_so_and_the_later_ones_are_not_begun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A big text, searched by pieces; the budget cannot pay for one scan of it.
    monkeypatch.setattr(closest, "EXACT_SEARCH_CELLS", 0)
    monkeypatch.setattr(closest, "SOURCE_SEARCH_BUDGET", 1_000)
    folder = write_case(tmp_path / "case", {"sources/daily.txt": big_text(DAILY_TEXT), "quotes.yaml": wrong_quotes(2)})
    assert [text.split(": ", 1)[1] for text in problem_texts(load_case(folder))] == [
        GAVE_UP.format(source="daily", why="the search limit for this source was reached"),
        GAVE_UP.format(source="daily", why="this source's search limit was used up by earlier quotes")]


@pytest.mark.parametrize("case", ["bundled", "tiny", "broken"])
def test_quotes_looked_up_together_are_placed_as_they_are_alone(tmp_path: Path, case: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A source cited thousands of times has its quotes looked up in one pass: 5,000 quotes in a 2 MB
    # source took 3.4 s to find one by one. The answer must not change, prefixes and all.
    if case == "bundled":
        folder = default_case()
    elif case == "tiny":
        folder = generate(SIZES["tiny"], tmp_path / "tiny")
    else:
        broken = ("quotes:\n  - id: a\n    speaker: erlan-baltabay\n    citation: {source: daily, quote: Baltabay}\n"
                  "  - id: b\n    speaker: erlan-baltabay\n    citation: {source: daily, quote: Baltabay, "
                  "prefix: nowhere}\n"
                  "  - id: c\n    speaker: erlan-baltabay\n    citation: {source: daily, quote: said he, "
                  "prefix: Baltabay}\n" + "\n".join(wrong_quotes(3).splitlines()[1:]) + "\n")
        folder = write_case(tmp_path / "broken", {"quotes.yaml": broken})
    alone = load_case(folder)
    monkeypatch.setattr(anchor, "TOGETHER_FROM_CHARS", 0)
    together = load_case(folder)
    assert problem_texts(together) == problem_texts(alone)
    if alone.case is not None:
        assert together.case is not None
        assert [c.span for c in together.case.all_citations()] == [c.span for c in alone.case.all_citations()]
        assert together.case.mentions == alone.case.mentions
    else:
        assert len(problem_texts(alone)) == 5  # ambiguous, not with its prefix, and three not found


def test_a_quote_too_long_to_compare_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(closest, "EXACT_SEARCH_CELLS", 0)
    monkeypatch.setattr(closest, "CLOSEST_WINDOW_CELLS", 100)
    result = load_case(write_case(tmp_path / "case", {"quotes.yaml": wrong_quotes(1)}))
    assert only_problem(result).details == (
        "no close passage found within the search limit: the quote is 34 characters long, too long to compare "
        "with the source in full",)


def test_a_quote_longer_than_its_source_is_not_compared(tmp_path: Path) -> None:
    long_quote = "Baltabay said he was innocent. " * 200
    result = load_case(write_case(tmp_path / "case", {
        "quotes.yaml": QUOTES_YAML.replace("Baltabay said he was innocent.", long_quote.strip())}))
    assert only_problem(result).details == (
        "no close passage found within the search limit: the quote is longer than the whole source "
        "(6,199 characters against 183)",)


# --- mentions: a bounded number per source ------------------------------------------------------

def test_names_are_marked_up_to_a_limit_per_source_with_a_warning_where_the_rest_begin(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 30 MB of "Baltabay " made 3 million mentions: check took 8.8 s and 1.34 GB, the app 18 s.
    monkeypatch.setattr(anchor, "MAX_MENTIONS_PER_SOURCE", 4)
    monkeypatch.setattr(case_loader, "PARALLEL_FROM_SIZE", 0)
    text = DAILY_TEXT + "Baltabay and the Ministry of Justice, " * 3 + "in the Shymkent court.\n"
    # An entity named only past the limit: not called "never mentioned", since names were not all marked.
    court = ("  - id: court\n    type: organisation\n    name: Shymkent court\n    description: A court.\n"
             "    citations:\n      - source: daily\n        quote: in the Shymkent court\n")
    folder = write_case(tmp_path / "case", {"sources/daily.txt": text, "entities.yaml": ENTITIES_YAML + court})
    serial, split = load_case(folder), load_case(folder, parallel=True)
    assert problem_texts(serial) == problem_texts(split) == [
        "sources/daily.txt:4:18: warning: names are found more than 4 times in `daily`; only the first 4 are "
        "marked, up to here\n"
        "    hint: a text this full of names is unusual: check that no alias is a common word, or split the text "
        "into several sources"]
    assert serial.case is not None
    marked = [(m.entity_id, m.explicit) for m in serial.case.mentions["daily"]]
    # The three names of DAILY_TEXT and the first of the added line; none after it.
    assert [entity for entity, explicit in marked if not explicit] == [
        "erlan-baltabay", "erlan-baltabay", "ministry-of-justice", "erlan-baltabay"]
    first_unmarked = text.index("Ministry of Justice, ")
    assert all(m.span.start < first_unmarked for m in serial.case.mentions["daily"])


# --- values and records: a file's cost bounded before its records are checked ----------------------

SPLIT_HINT = "    hint: split it into several case files: the reader merges them"


def test_a_file_of_more_values_than_the_limit_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted as the file is composed: keys, values, lists and mappings alike, the file itself too.
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 9)
    problems = Problems()
    assert parse_yaml("quotes:\n  - {id: a}\n  - {id: b}\n", Path("quotes.yaml"), problems) is not None
    assert problems.items == []
    assert parse_yaml("quotes:\n  - {id: a}\n  - {id: b}\n  - {}\n", Path("quotes.yaml"), problems) is None
    assert [problem.format() for problem in problems] == [
        "quotes.yaml:2:3: error: more than 9 values in one file; the file was not read\n"
        "    hint: split it into several case files (entities.yaml, events.yaml, …): the reader merges them"]


def test_a_folder_of_cases_lists_a_case_of_too_many_values_without_reading_it_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_case(tmp_path / "cases" / "fine")
    write_case(tmp_path / "cases" / "huge", {"case.yaml": CASE_YAML + "  - {}\n" * 50})
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 60)
    listed = {entry.folder.name: (entry.title, entry.problem) for entry in list_cases(tmp_path / "cases")}
    assert listed == {"fine": ("Demo case", None),
                      "huge": ("huge", "case.yaml cannot be read (TooManyNodes); open it for details")}


def test_eight_megabytes_of_empty_entities_are_one_error(tmp_path: Path) -> None:
    # 1,200,000 values: check took 39 s and 2.7 GB, the app 49 s; now composing stops at the limit.
    folder = write_case(tmp_path / "case", {"entities.yaml": empty_entities((8 * 1024 * 1024 - 20) // 7)})
    assert problem_texts(load_case(folder)) == [
        f"entities.yaml:2:3: error: more than {yamlnodes.MAX_NODES:,} values in one file; the file was not read\n"
        "    hint: split it into several case files (entities.yaml, events.yaml, …): the reader merges them"]


def test_a_file_of_more_records_than_the_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted over the sections of the file, before any record is checked (each `{}` is five problems).
    monkeypatch.setattr(read, "MAX_RECORDS", 3)
    at_limit = write_case(tmp_path / "fine", {"entities.yaml": empty_entities(3)})
    texts = problem_texts(load_case(at_limit))
    assert not any("records" in text for text in texts)
    assert sum("entity is missing the required field `id`" in text for text in texts) == 3
    over = "entities:\n  - {}\n  - {}\nevents:\n  - {}\n  - {}\n"
    folder = write_case(tmp_path / "case", {"entities.yaml": over, "events.yaml": None})
    assert problem_texts(load_case(folder)) == [
        "entities.yaml:6:5: error: more than 3 records (sources, entities, events, quotes and differences) in one "
        "file; the file was not read\n" + SPLIT_HINT]


def test_two_hundred_thousand_empty_entities_are_one_error(tmp_path: Path) -> None:
    # A million problems: 4.8 s and 464 MB in check, 9.2 s in the app.
    folder = write_case(tmp_path / "case", {"entities.yaml": empty_entities(200_000)})
    assert problem_texts(load_case(folder)) == [
        f"entities.yaml:{read.MAX_RECORDS + 2}:5: error: more than {read.MAX_RECORDS:,} records (sources, entities, "
        "events, quotes and differences) in one file; the file was not read\n" + SPLIT_HINT]


def test_the_large_benchmark_case_fits_the_limits_with_room(tmp_path: Path) -> None:
    # Measured on the tiny case, per record, and scaled to the large one: at least twice over.
    tiny, large = SIZES["tiny"], SIZES["large"]
    folder = generate(tiny, tmp_path / "tiny")
    for name, records in (("entities.yaml", "entities"), ("events.yaml", "events")):
        loader = yamlnodes.QuickSafeLoader((folder / name).read_text(encoding="utf-8"))
        try:
            loader.get_single_node()
        finally:
            loader.dispose()
        per_record = loader.nodes / getattr(tiny, records)
        assert 2 * per_record * getattr(large, records) < yamlnodes.MAX_NODES
        assert 2 * getattr(large, records) < read.MAX_RECORDS
    assert 10 * large.mentions // large.sources < anchor.MAX_MENTIONS_PER_SOURCE


# --- problems: a capped list, whole counts -------------------------------------------------------

def test_check_lists_the_first_problems_and_sums_up_the_rest(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_case(tmp_path / "case", {"entities.yaml": empty_entities(4000)})
    total = len(load_case(folder).problems)
    assert total > 10_000
    assert main(["check", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert sum(": error: " in line for line in lines) == MAX_PROBLEMS_SHOWN
    assert lines[-2] == (f"… and {total - MAX_PROBLEMS_SHOWN:,} more ({total - MAX_PROBLEMS_SHOWN:,} errors); "
                         "`reader check --all` lists them all")
    assert lines[-1] == f"{folder}: {total:,} errors, 0 warnings in 5 files"
    assert main(["check", "--all", str(folder)]) == 1
    assert sum(": error: " in line for line in capsys.readouterr().out.splitlines()) == total


def test_errors_are_listed_before_a_flood_of_warnings(tmp_path: Path) -> None:
    problems = Problems()
    for line in range(1, 200):
        problems.warning(Location(Path("a.yaml"), line, 1), f"warning {line}")
    problems.error(Location(Path("z.yaml"), 1, 1), "the error")
    shown, rest = shown_problems(problems.items, limit=10)
    assert [p.message for p in shown] == [*(f"warning {line}" for line in range(1, 10)), "the error"]
    assert rest == "… and 190 more (190 warnings)"
    assert shown_problems(problems.items, limit=None) == (problems.sorted(), None)
