"""Every kind of problem ``reader check`` reports, each through ``load_case`` on a case folder.

Each test breaks one thing in the minimal valid case of conftest.py and asserts
the message, the hint and the file:line:col where the user wrote the problem.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from reader.load.case_loader import case_files, load_case, preview_case
from reader.load.problems import Severity
from tests.support.case_files import (
    CASE_YAML,
    DAILY_TEXT,
    DIFFERENCES_YAML,
    ENTITIES_YAML,
    EVENTS_YAML,
    QUOTES_YAML,
    WEEKLY_TEXT,
    headline,
    only_problem,
    problem_texts,
    write_case,
)


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails if ``old`` is not there (so a test cannot go stale)."""
    assert text.count(old) == 1, f"{old!r} not found exactly once"
    return text.replace(old, new)


# --- the minimal case itself --------------------------------------------------------------

def test_the_minimal_case_loads_cleanly(case_dir: Path) -> None:
    result = load_case(case_dir)
    assert problem_texts(result) == []
    assert result.ok
    case = result.case
    assert case is not None
    assert case.id == "demo"
    assert list(case.sources) == ["daily", "weekly"]
    assert [e.id for e in case.events] == ["sentence", "release"]
    assert case.subject_ids == ("erlan-baltabay",) and [p.name for p in case.subjects] == ["Erlan Baltabay"]
    [sentence, release] = case.events
    assert sentence.people == ("erlan-baltabay",) and sentence.stage_of("erlan-baltabay") == "convicted"
    assert [(m.id, m.kind, m.person_id, m.event_id) for m in sentence.measures] == [
        ("prison", "imprisonment", "erlan-baltabay", "sentence")]
    assert release.people == () and not release.acts  # the case as a whole; it changes nothing
    assert all(c.span is not None for c in case.all_citations())
    assert case_files(case_dir) == [case_dir / name for name in
                                    ("case.yaml", "differences.yaml", "entities.yaml", "events.yaml",
                                     "quotes.yaml")]


def test_warnings_do_not_stop_the_case_from_loading(broken) -> None:
    result = broken({"quotes.yaml": ""})
    assert result.ok
    assert result.case is not None
    assert [p.severity for p in result.problems] == [Severity.WARNING]


def test_errors_stop_the_case_from_loading(broken) -> None:
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "type: person", "type: persn")})
    assert not result.ok
    assert result.case is None


# --- reading files ------------------------------------------------------------------------

def test_yaml_syntax_error(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "mode: reported", "mode: reported: yes")})
    assert problem_texts(result) == [
        "quotes.yaml:4:19: error: YAML syntax error: mapping values are not allowed in this context\n"
        '    hint: a value containing `: ` must be quoted, e.g. summary: "Note: ..."'
    ]


def test_yaml_syntax_error_does_not_cascade_into_unknown_references(broken) -> None:
    # events.yaml cannot be read, so `about: [sentence]` in quotes.yaml cannot be checked;
    # it is not reported as an unknown event of its own.
    result = broken({"events.yaml": replaced(EVENTS_YAML, "  - id: release", "  - id: release\n\tkind: x")})
    texts = problem_texts(result)
    assert len(texts) == 1, texts
    assert texts[0].startswith("events.yaml:19:1: error: YAML syntax error: ")
    assert texts[0].endswith("\n    hint: YAML does not allow tabs for indentation; indent with spaces")


def test_yaml_not_utf8_names_the_line_and_column_of_the_bad_byte(broken) -> None:
    text = replaced(ENTITIES_YAML, "description: Did not comment.", "description: Özkan did not comm\xe9nt.")
    data = text.encode("utf-8").replace("comm\xe9nt".encode(), b"comm\xe9nt")
    result = broken({"entities.yaml": data})
    assert problem_texts(result) == [
        # column 36: "Ö" before it is one character (two bytes)
        "entities.yaml:13:36: error: case file is not valid UTF-8 (byte 0xe9)\n"
        "    hint: save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"
    ]


def test_source_not_utf8_names_the_line_and_column_of_the_bad_byte(broken) -> None:
    data = replaced(WEEKLY_TEXT, "pardon", "pard\xf3n").encode("latin-1")
    result = broken({"sources/weekly.txt": data})
    assert problem_texts(result) == [
        "sources/weekly.txt:3:56: error: source text is not valid UTF-8 (byte 0xf3)\n"
        "    hint: save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"
    ]


@pytest.mark.parametrize("content", ["", "\n\n  \n", "# yaml-language-server: $schema=./case.schema.json\n"])
def test_empty_case_file_is_a_warning(broken, content: str) -> None:
    result = broken({"quotes.yaml": content})
    assert problem_texts(result) == [
        "quotes.yaml:1:1: warning: empty case file\n    hint: add sections to it or delete it"
    ]
    assert result.case is not None


def test_a_case_file_that_is_not_a_mapping(broken) -> None:
    result = broken({"quotes.yaml": "- just\n- a list\n"})
    assert problem_texts(result) == [
        "quotes.yaml:1:1: error: a case file must be a mapping of sections\n"
        "    hint: start lines with `case:`, `sources:`, `entities:`, `events:`, `quotes:` or `differences:`"
    ]


def test_bom_and_crlf_are_accepted(broken) -> None:
    def windows(text: str) -> bytes:
        return ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8")

    result = broken({name: windows(text) for name, text in [
        ("case.yaml", CASE_YAML), ("entities.yaml", ENTITIES_YAML), ("events.yaml", EVENTS_YAML),
        ("sources/daily.txt", DAILY_TEXT), ("sources/weekly.txt", WEEKLY_TEXT)]})
    assert problem_texts(result) == []
    assert result.case is not None
    daily = result.case.sources["daily"]
    assert daily.text == DAILY_TEXT  # the mark is dropped and line ends are LF
    assert daily.line_col(daily.text.index("Erlan")) == (3, 17)


def test_bom_and_crlf_keep_locations_right(broken) -> None:
    entities = replaced(ENTITIES_YAML, "    type: organisation", "    typ: organisation")
    weekly = ("\ufeff" + WEEKLY_TEXT).replace("\n", "\r\n").encode("utf-8")
    differences = replaced(DIFFERENCES_YAML, 'quote: "Erlan Baltabai"', 'quote: "Baltabai"')
    result = broken({"entities.yaml": ("\ufeff" + entities).replace("\n", "\r\n").encode("utf-8"),
                     "sources/weekly.txt": weekly, "differences.yaml": differences})
    texts = problem_texts(result)
    assert "entities.yaml:11:5: error: unknown field `typ` in entity\n    hint: did you mean `type`?" in texts
    ambiguous = next(t for t in texts if "ambiguous" in t)
    assert "    at 1:1: …[Baltabai] released…" in ambiguous
    assert "    at 3:7: …Erlan [Baltabai] was released in August 2019 a…" in ambiguous


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = load_case(tmp_path / "nowhere")
    problem = only_problem(result)
    assert problem.message == "cannot read the case folder: No such file or directory"
    assert problem.location.path == tmp_path / "nowhere"
    assert problem.hint == "check that the folder exists and that you may read it"


def test_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a case file")
    result = load_case(folder)
    assert problem_texts(result) == [
        ".: error: no case files (*.yaml) in this folder\n"
        "    hint: a case folder holds case.yaml and the other annotation files; see docs/format.md"
    ]
    assert result.case is None


def test_yml_files_are_read_too(broken) -> None:
    result = broken({"quotes.yaml": None, "quotes.yml": QUOTES_YAML})
    assert problem_texts(result) == []
    assert result.case is not None and [q.id for q in result.case.quotes] == ["innocent"]


# --- YAML and field problems, located -----------------------------------------------------

def test_duplicate_keys(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "    date: 2019-08\n",
                                             "    date: 2019-08\n    date: 2019-09\n")})
    assert problem_texts(result) == [
        "events.yaml:21:5: error: duplicate key `date` (first at line 20)\n"
        "    hint: YAML keeps only one of them; remove or rename one"
    ]


def test_unknown_field(broken) -> None:
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "    aliases:", "    alias:")})
    assert problem_texts(result)[0] == (
        "entities.yaml:5:5: error: unknown field `alias` in entity\n    hint: did you mean `aliases`?")


def test_missing_required_field(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "    summary: Released after a pardon.\n", "")})
    assert problem_texts(result) == [
        "events.yaml:18:5: error: event is missing the required field `summary`\n    hint: one line"
    ]


def test_wrong_type(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "about: [sentence]", "about: sentence")})
    assert problem_texts(result) == [
        "quotes.yaml:8:12: error: expected a list, found the text 'sentence'\n"
        "    hint: write it as a list: [sentence]"
    ]


def test_bad_date(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "date: 2019-07-18", "date: 2019-02-30")})
    assert problem_texts(result) == [
        "case.yaml:12:11: error: bad date `2019-02-30`: February 2019 has no day 30\n"
        "    hint: write YYYY-MM-DD, YYYY-MM, YYYY or `unknown`"
    ]


def test_year_zero_is_a_bad_date_not_a_crash(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "date: 2019-08", 'date: "0000"')})
    assert problem_texts(result) == [
        "events.yaml:20:11: error: bad date `0000`: there is no year 0\n"
        "    hint: write YYYY-MM-DD, YYYY-MM, YYYY, `unknown` or `disputed`"
    ]


def test_not_after_before_not_before(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "    date: 2019-08\n",
                                             "    date: unknown\n    not_before: 2019-09\n"
                                             "    not_after: 2019-08-31\n")})
    assert problem_texts(result) == [
        "events.yaml:22:16: error: `not_after` (2019-08-31) is before `not_before` (2019-09)"
    ]


def test_date_outside_its_own_bounds(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "    date: 2019-08\n",
                                             "    date: 2019-08\n    not_before: 2019-09\n"
                                             "    not_after: 2019-07\n")})
    assert problem_texts(result) == [
        "events.yaml:21:17: error: date 2019-08 is before its own `not_before` (2019-09)",
        "events.yaml:22:16: error: `not_after` (2019-07) is before `not_before` (2019-09)",
        "events.yaml:22:16: error: date 2019-08 is after its own `not_after` (2019-07)",
    ]


def test_source_dates_are_checked_even_when_its_file_is_missing(broken) -> None:
    result = broken({"sources/weekly.txt": None,
                     "case.yaml": replaced(CASE_YAML, "    date_note: It reports the release of August 2019.\n",
                                           "")})
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `sources/weekly.txt` not found\n"
        "    hint: files there: `sources/daily.txt`",
        "case.yaml:20:20: warning: inferred date without a `date_note`\n"
        "    hint: say in `date_note` how the date was worked out",
    ]


# --- ids and references -------------------------------------------------------------------

def test_duplicate_id_across_kinds(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "id: release", "id: ministry-of-justice")})
    folder = result.folder
    assert problem_texts(result) == [
        "events.yaml:18:9: error: duplicate id `ministry-of-justice` (already used by the entity at "
        f"{folder / 'entities.yaml'}:10:9)\n"
        "    hint: ids are unique across the whole case; rename one"
    ]


def test_duplicate_id_within_a_kind(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "id: release", "id: sentence")})
    assert [headline(p, result.folder) for p in result.problems] == [
        "events.yaml:18:9: error: duplicate id `sentence` (already used by the event at "
        f"{result.folder / 'events.yaml'}:2:9)"
    ]


def test_unknown_entity_with_did_you_mean_and_known_ids(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "speaker: erlan-baltabay", "speaker: erlan-baltabai")})
    assert problem_texts(result) == [
        "quotes.yaml:3:14: error: unknown entity `erlan-baltabai`\n"
        "    hint: did you mean `erlan-baltabay`? (known entity ids: `erlan-baltabay`, `ministry-of-justice`)"
    ]


def test_unknown_source_without_a_close_id_lists_the_known_ones(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "source: weekly", "source: monthly-review")})
    assert problem_texts(result) == [
        "events.yaml:24:17: error: unknown source `monthly-review`\n"
        "    hint: known source ids: `daily`, `weekly`"
    ]


def test_unknown_event(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "about: [sentence]", "about: [sentense, release]")})
    assert problem_texts(result) == [
        "quotes.yaml:8:13: error: unknown event `sentense`\n"
        "    hint: did you mean `sentence`? (known event ids: `release`, `sentence`)"
    ]


def test_unknown_subject_and_affiliation(broken) -> None:
    result = broken({
        "case.yaml": replaced(CASE_YAML, "subjects: [erlan-baltabay]", "subjects: [baltabay]"),
        "entities.yaml": replaced(ENTITIES_YAML, "    type: person\n", "    type: person\n    affiliation: union\n"),
    })
    assert [headline(p, result.folder) for p in result.problems.sorted()] == [
        "case.yaml:5:14: error: unknown entity `baltabay`",
        "entities.yaml:4:18: error: unknown entity `union`",
    ]


def test_reference_of_the_wrong_kind(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "speaker: erlan-baltabay", "speaker: sentence")})
    assert problem_texts(result) == [
        "quotes.yaml:3:14: error: `sentence` is an event, not an entity\n"
        "    hint: known entity ids: `erlan-baltabay`, `ministry-of-justice`"
    ]


def test_citation_of_an_entity_id_as_a_source(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "source: daily", "source: erlan-baltabay")})
    assert problem_texts(result) == [
        "quotes.yaml:6:15: error: `erlan-baltabay` is an entity, not a source\n"
        "    hint: known source ids: `daily`, `weekly`"
    ]


# --- source files -------------------------------------------------------------------------

def test_missing_source_file_with_a_did_you_mean(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "file: sources/weekly.txt", "file: sources/weekley.txt")})
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `sources/weekley.txt` not found\n"
        "    hint: did you mean `sources/weekly.txt`?"
    ]


def test_missing_source_file_in_a_missing_folder(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "file: sources/weekly.txt", "file: texts/weekly.txt")})
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `texts/weekly.txt` not found\n"
        "    hint: check the path; it is relative to the case folder"
    ]


def test_missing_source_file_lists_the_files_there(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "file: sources/weekly.txt", "file: sources/zzz.txt")})
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `sources/zzz.txt` not found\n"
        "    hint: files there: `sources/daily.txt`, `sources/weekly.txt`"
    ]


@pytest.mark.parametrize("path", ["../weekly.txt", "sources/../../weekly.txt", "/etc/hostname"])
def test_source_path_outside_the_case_folder(broken, tmp_path: Path, path: str) -> None:
    (tmp_path / "weekly.txt").write_text(WEEKLY_TEXT)
    result = broken({"case.yaml": replaced(CASE_YAML, "file: sources/weekly.txt", f"file: {path}")})
    assert problem_texts(result) == [
        f"case.yaml:15:11: error: source file `{path}` is outside the case folder\n"
        "    hint: keep source texts inside the case folder, e.g. sources/name.txt"
    ]


def test_source_symlink_pointing_outside_the_case_folder(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": None})
    outside = tmp_path / "secret.txt"
    outside.write_text(WEEKLY_TEXT)
    (folder / "sources" / "weekly.txt").symlink_to(outside)
    result = load_case(folder)
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `sources/weekly.txt` is outside the case folder\n"
        "    hint: keep source texts inside the case folder, e.g. sources/name.txt"
    ]


def test_source_symlink_inside_the_case_folder_is_fine(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": None, "sources/real/weekly.txt": WEEKLY_TEXT})
    (folder / "sources" / "weekly.txt").symlink_to(folder / "sources" / "real" / "weekly.txt")
    assert problem_texts(load_case(folder)) == []


def test_binary_source_file(broken) -> None:
    result = broken({"sources/weekly.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert problem_texts(result) == [
        "sources/weekly.txt:1:1: error: source text looks like a binary file, not text\n"
        "    hint: save it as plain UTF-8 text"
    ]


@pytest.mark.parametrize("content", ["", " \n\n\t\n"])
def test_empty_source_file(broken, content: str) -> None:
    result = broken({"sources/weekly.txt": content})
    assert problem_texts(result) == [
        "case.yaml:15:11: error: source file `sources/weekly.txt` is empty\n"
        "    hint: paste the article's text into it"
    ]


def test_source_file_that_is_a_folder(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "file: sources/weekly.txt", "file: sources")})
    problem = only_problem(result)
    assert headline(problem, result.folder) == (
        f"case.yaml:15:11: error: source text `{result.folder / 'sources'}` is a folder, not a file")


# --- quotes -------------------------------------------------------------------------------

def test_quote_not_found_shows_the_closest_passage_and_the_difference(broken) -> None:
    # the measure's own citation, the first of the two that quote this passage
    result = broken({"events.yaml": EVENTS_YAML.replace('"was sentenced to seven years in prison"',
                                                        '"was sentenced to 7 years in prison"', 1)})
    assert problem_texts(result) == [
        "events.yaml:14:20: error: quote not found in `daily` (daily.txt)\n"
        "    closest passage at 3:49: “was sentenced to seven years in prison”\n"
        "    differs: “7” in your quote, “seven” in the source\n"
        "    hint: copy the passage exactly as the source has it (typos included)"
    ]


def test_quote_not_found_with_nothing_close(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, "Baltabay said he was innocent.", "Zzyzx qwvj kkk.")})
    assert problem_texts(result) == [
        "quotes.yaml:7:14: error: quote not found in `daily` (daily.txt)\n"
        "    hint: no passage of this source comes close; is the `source` right?"
    ]


def test_quote_in_the_wrong_case_is_not_found(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, '"was released in August 2019 after a pardon"',
                                             '"was released in august 2019 after a pardon"')})
    assert problem_texts(result) == [
        "events.yaml:25:16: error: quote not found in `weekly` (weekly.txt)\n"
        "    closest passage at 3:16: “was released in August 2019 after a pardon”\n"
        "    differs: letter case: “august” in your quote, “August” in the source\n"
        "    hint: copy the passage exactly as the source has it (typos included)"
    ]


def test_ambiguous_quote_lists_each_place_and_asks_for_prefix_or_suffix(broken) -> None:
    result = broken({"differences.yaml": replaced(DIFFERENCES_YAML, 'quote: "Erlan Baltabai"', 'quote: "Baltabai"')})
    assert problem_texts(result) == [
        "differences.yaml:14:20: error: quote is ambiguous: it occurs 2 times in `weekly` (weekly.txt)\n"
        "    at 1:1: …[Baltabai] released…\n"
        "    at 3:7: …Erlan [Baltabai] was released in August 2019 a…\n"
        "    hint: add a `prefix` or `suffix` (the text just before or after it), or `occurrence: N`"
    ]


def test_ambiguity_resolved_by_prefix_suffix_or_occurrence(broken) -> None:
    for selector in ('prefix: "Erlan"', 'suffix: " was released"', "occurrence: 2"):
        result = broken({"differences.yaml": replaced(
            DIFFERENCES_YAML, 'quote: "Erlan Baltabai"', f'quote: "Baltabai"\n            {selector}')})
        assert problem_texts(result) == [], selector
        assert result.case is not None
        citation = result.case.differences[0].sides[1].citations[0]
        assert citation.span is not None
        assert result.case.sources["weekly"].line_col(citation.span.start) == (3, 7)


def test_prefix_that_matches_nothing_while_the_quote_alone_does(broken) -> None:
    result = broken({"differences.yaml": replaced(
        DIFFERENCES_YAML, 'quote: "Erlan Baltabai"', 'quote: "Baltabai"\n            prefix: "Mr "')})
    assert problem_texts(result) == [
        "differences.yaml:14:20: error: quote found in `weekly` (weekly.txt), but not with the given `prefix`\n"
        "    at 1:1: …[Baltabai] released…\n"
        "    at 3:7: …Erlan [Baltabai] was released in August 2019 a…\n"
        "    hint: copy the `prefix` from the source text at one of these places"
    ]


def test_suffix_that_matches_nothing_while_the_quote_alone_does(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, 'quote: "Baltabay said he was innocent."',
                                             'quote: "Baltabay said he was innocent."\n      suffix: "!"')})
    assert problem_texts(result) == [
        "quotes.yaml:7:14: error: quote found in `daily` (daily.txt), but not with the given `suffix`\n"
        "    at 3:89: …ced to seven years in prison. [Baltabay said he was innocent.] The Ministry of Justice did n…\n"
        "    hint: copy the `suffix` from the source text at one of these places"
    ]


def test_occurrence_out_of_range(broken) -> None:
    result = broken({"differences.yaml": replaced(
        DIFFERENCES_YAML, 'quote: "Erlan Baltabai"', 'quote: "Baltabai"\n            occurrence: 3')})
    assert problem_texts(result) == [
        "differences.yaml:14:20: error: `occurrence: 3` asked for, but the quote occurs 2 time(s) in "
        "`weekly` (weekly.txt)\n"
        "    at 1:1: …[Baltabai] released…\n"
        "    at 3:7: …Erlan [Baltabai] was released in August 2019 a…\n"
        "    hint: use an occurrence from 1 to 2"
    ]


def test_a_missing_quote_is_reported_once(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, '      quote: "Baltabay said he was innocent."\n', "")})
    assert problem_texts(result) == [
        "quotes.yaml:6:7: error: citation is missing the required field `quote`\n"
        "    hint: the exact text, as it is in the source"
    ]


def test_an_empty_quote_is_reported_once(broken) -> None:
    result = broken({"quotes.yaml": replaced(QUOTES_YAML, '"Baltabay said he was innocent."', '" "')})
    assert problem_texts(result) == [
        "quotes.yaml:7:14: error: empty text\n    hint: write the value or leave the field out"
    ]


def test_caption_before_is_matched_like_a_quote(broken) -> None:
    caption = '    captions:\n      - text: "A photo"\n        before: "Baltabay said he was guilty."\n'
    result = broken({"case.yaml": replaced(CASE_YAML, "    kind: news\n  - id: weekly",
                                           f"    kind: news\n{caption}  - id: weekly")})
    texts = problem_texts(result)
    assert len(texts) == 1
    assert texts[0].startswith("case.yaml:16:17: error: quote not found in `daily` (daily.txt)\n"
                               "    closest passage at 3:")
    assert "Baltabay said he was" in texts[0].splitlines()[1]


# --- names and mentions -------------------------------------------------------------------

def test_name_shared_by_two_entities(broken) -> None:
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "    name: Ministry of Justice\n",
                                               "    name: Ministry of Justice\n    aliases: [Baltabay]\n")})
    assert problem_texts(result) == [
        "entities.yaml:13:15: error: name `Baltabay` belongs to several entities: "
        "`erlan-baltabay`, `ministry-of-justice`\n"
        "    hint: a name may belong to one entity only; for shared words such as “the President” "
        "use explicit `mentions`"
    ]


def test_name_shared_across_typography(broken) -> None:
    # "Baltabay’s" (curly) and "Baltabay's" (straight) are the same name.
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "aliases: [Baltabay,", "aliases: [\"Baltabay's\",")
                     .replace("    name: Ministry of Justice\n",
                              "    name: Ministry of Justice\n    aliases: [Baltabay’s]\n")})
    assert [headline(p, result.folder) for p in result.problems.errors] == [
        "entities.yaml:13:15: error: name `Baltabay's` belongs to several entities: "
        "`erlan-baltabay`, `ministry-of-justice`"
    ]


def test_alias_repeating_the_name(broken) -> None:
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "aliases: [Baltabay,",
                                               "aliases: [Erlan  Baltabay, Baltabay,")})
    assert problem_texts(result) == [
        "entities.yaml:5:15: warning: alias `Erlan  Baltabay` repeats a name of this entity\n    hint: remove it"
    ]


def test_exclude_that_removes_nothing(broken) -> None:
    exclude = "    exclude:\n      - source: daily\n        quote: union leader\n"
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "    description: Did not comment.\n",
                                               "    description: Did not comment.\n" + exclude)})
    assert problem_texts(result) == [
        "entities.yaml:16:16: warning: this exclude removes no mention of `ministry-of-justice`\n"
        "    hint: no name of the entity matches inside the passage; remove the exclude"
    ]


def test_exclude_removes_a_mention(broken) -> None:
    exclude = '    exclude:\n      - source: daily\n        quote: "Baltabay said"\n'
    result = broken({"entities.yaml": replaced(ENTITIES_YAML, "    description: A union leader.\n",
                                               "    description: A union leader.\n" + exclude)})
    assert problem_texts(result) == []
    case = result.case
    assert case is not None
    daily = case.sources["daily"]
    assert [daily.text[m.span.start:m.span.end] for m in case.mentions["daily"]
            if m.entity_id == "erlan-baltabay"] == ["Erlan Baltabay"]


def test_explicit_mention_wins_over_an_automatic_one(broken) -> None:
    mention = '    mentions:\n      - source: weekly\n        quote: "He"\n'
    minister = replaced(ENTITIES_YAML, "    description: Did not comment.\n",
                        "    description: Did not comment.\n" + mention)
    own = '    mentions:\n      - source: daily\n        quote: "Baltabay said he"\n'
    result = broken({"entities.yaml": replaced(minister, "    description: A union leader.\n",
                                               "    description: A union leader.\n" + own)})
    assert problem_texts(result) == []
    case = result.case
    assert case is not None
    daily = [(m.entity_id, case.sources["daily"].text[m.span.start:m.span.end], m.explicit)
             for m in case.mentions["daily"]]
    assert daily == [("erlan-baltabay", "Erlan Baltabay", False),
                     ("erlan-baltabay", "Baltabay said he", True),
                     ("ministry-of-justice", "Ministry of Justice", False)]
    weekly = [(m.entity_id, case.sources["weekly"].text[m.span.start:m.span.end], m.explicit)
              for m in case.mentions["weekly"]]
    assert ("ministry-of-justice", "He", True) in weekly


def test_entity_never_mentioned(broken) -> None:
    nobody = ("  - id: jane-roe\n    type: person\n    name: Jane Roe\n    description: x\n"
              "    citations:\n      - source: daily\n        quote: union leader\n")
    result = broken({"entities.yaml": ENTITIES_YAML + nobody})
    assert problem_texts(result) == [
        "entities.yaml:19:11: warning: entity `jane-roe` is never mentioned in any source\n"
        "    hint: add the spelling the sources use to `aliases`, or an explicit `mentions` entry"
    ]


@pytest.mark.parametrize(("field", "name"), [("author", "Jane Roe"), ("publisher", "The Daily")])
def test_no_never_mentioned_warning_for_an_author_or_publisher(broken, field: str, name: str) -> None:
    entity = (f"  - id: byline\n    type: person\n    name: {name}\n    description: x\n"
              "    citations:\n      - source: daily\n        quote: union leader\n")
    case_yaml = replaced(CASE_YAML, "    author: null\n", "    author: Jane Roe\n")
    result = broken({"entities.yaml": ENTITIES_YAML + entity, "case.yaml": case_yaml})
    assert problem_texts(result) == []


# --- events -------------------------------------------------------------------------------

def test_events_out_of_chronological_order(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "date: 2019-08", "date: 2019-06")})
    assert problem_texts(result) == [
        "events.yaml:20:11: warning: event `release` (2019-06) is listed after `sentence` (2019-07-17) "
        "but happened before it\n"
        "    hint: list events in the order they happened"
    ]


def test_overlapping_imprecise_dates_are_in_order(broken) -> None:
    # July 2019 may be after 17 July 2019: not out of order.
    result = broken({"events.yaml": replaced(EVENTS_YAML, "date: 2019-08", "date: 2019-07")})
    assert problem_texts(result) == []


def test_inferred_date_without_a_note(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "    date: 2019-08\n",
                                             "    date: 2019-08\n    date_inferred: true\n")})
    assert problem_texts(result) == [
        "events.yaml:21:20: warning: inferred date without a `date_note`\n"
        "    hint: say in `date_note` how the date was worked out"
    ]


# --- the case as a whole ------------------------------------------------------------------

CASE_SECTION = "case:\n  id: demo\n  title: Demo case\n  subjects: [erlan-baltabay]\n"


def test_no_case_section(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, CASE_SECTION, "")})
    assert problem_texts(result) == [
        "case.yaml: error: no `case` section in any case file\n"
        "    hint: add `case:` with `id` and `title` to case.yaml"
    ]
    assert result.case is None


def test_two_case_sections(broken) -> None:
    result = broken({"quotes.yaml": QUOTES_YAML + "case:\n  id: other\n  title: Other\n  subjects: [erlan-baltabay]\n"})
    assert problem_texts(result) == [
        "quotes.yaml:10:3: error: a second `case` section "
        f"(the first is at {result.folder / 'case.yaml'}:3:3)\n"
        "    hint: a case has one `case` section; remove this one"
    ]


@pytest.mark.parametrize(("written", "version"), [("3", 3), ("99", 99)])
def test_unsupported_version(broken, written: str, version: int) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "version: 2", f"version: {written}")})
    assert problem_texts(result) == [
        f"case.yaml:1:10: error: unsupported format version {version}\n"
        "    hint: this reader reads version 2"
    ]


def test_no_sources(broken) -> None:
    # A warning, not an error: a case made by `reader new` has none yet.
    result = broken({"case.yaml": CASE_YAML.split("sources:")[0], "entities.yaml": None, "events.yaml": None,
                     "quotes.yaml": None, "differences.yaml": None})
    assert problem_texts(result) == [
        "case.yaml:3:3: warning: the case has no sources yet\n    hint: add a saved page or an address with "
        "`reader add CASE PAGE.html`, or write a `sources:` list in case.yaml",
        "case.yaml:5:14: error: unknown entity `erlan-baltabay`\n    hint: known entity ids: none are defined",
    ]


def test_an_entity_needs_no_description_but_a_description_needs_citations(broken) -> None:
    entities = ("entities:\n  - id: erlan-baltabay\n    type: person\n    name: Erlan Baltabay\n"
                "  - id: weekly-news\n    type: organisation\n    name: Weekly News\n"
                "    description: A newspaper.\n")
    result = broken({"entities.yaml": entities, "events.yaml": None, "quotes.yaml": None,
                     "differences.yaml": None})
    errors = [text for text in problem_texts(result) if ": error: " in text]
    assert errors == [
        "entities.yaml:8:18: error: a description needs `citations`: the passages that support it\n"
        "    hint: quote the passages that say it under `citations:`, or leave the description out until a "
        "source says it"]  # and none about erlan-baltabay, who has neither


def test_sections_may_be_split_over_files(broken) -> None:
    more = ("events:\n  - id: later\n    kind: other\n    date: 2019-09\n    summary: Later.\n"
            "    citations:\n      - source: weekly\n        quote: He had been sentenced in July.\n")
    result = broken({"zz-more.yaml": more})
    assert problem_texts(result) == []
    assert result.case is not None
    assert [e.id for e in result.case.events] == ["sentence", "release", "later"]


def test_problems_in_several_files_are_all_reported(broken) -> None:
    result = broken({
        "case.yaml": replaced(CASE_YAML, "kind: news\n  - id: weekly", "kind: newz\n  - id: weekly"),
        "entities.yaml": replaced(ENTITIES_YAML, "    aliases:", "    alias:"),
        "events.yaml": replaced(EVENTS_YAML, "date: 2019-08", "date: 2019-08-32"),
        "quotes.yaml": replaced(QUOTES_YAML, "he was innocent", "he was not guilty"),
        "differences.yaml": replaced(DIFFERENCES_YAML, "topic: name", "topic: names"),
        "sources/extra.txt": "unused",
    })
    assert [headline(p, result.folder) for p in result.problems.sorted()] == [
        "case.yaml:13:11: error: `newz` is not one of: news, opinion, ngo-statement, union-statement, "
        "government-statement, court-document, report, other",
        "differences.yaml:3:12: error: `names` is not one of: name, sentence, charges, organisation, date, "
        "status, framing, other",
        "entities.yaml:5:5: error: unknown field `alias` in entity",
        "events.yaml:20:11: error: bad date `2019-08-32`: August 2019 has no day 32",
        "quotes.yaml:7:14: error: quote not found in `daily` (daily.txt)",
    ]
    assert len(result.problems.errors) == 5
    assert result.case is None


def test_a_loaded_case_is_frozen_out_of_full_collections(case_dir: Path) -> None:
    gc.unfreeze()
    result = load_case(case_dir)
    case = result.case
    assert case is not None and gc.is_tracked(case)
    # The collector's generations (what a full collection walks) no longer hold the case.
    assert gc.get_freeze_count() > 0
    assert not any(thing is case for thing in gc.get_objects())
    gc.unfreeze()
    assert any(thing is case for thing in gc.get_objects())


def test_a_case_holds_no_reference_cycles_so_a_replaced_one_is_still_freed(case_dir: Path) -> None:
    # Freezing is safe only because a dropped case is freed by reference counting alone.
    gc.collect()
    result = load_case(case_dir)
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep whatever the collector finds unreachable, to look at
    try:
        del result
        gc.collect()
        in_cycles = [type(thing).__name__ for thing in gc.garbage
                     if type(thing).__module__.startswith("reader.")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert in_cycles == []


def test_a_preview_has_every_source_and_the_first_ones_text_only(case_dir: Path) -> None:
    full = load_case(case_dir).case
    preview = preview_case(case_dir)
    assert full is not None and preview is not None
    assert (preview.id, preview.title) == (full.id, full.title)
    assert list(preview.sources) == list(full.sources)
    first, *others = preview.sources.values()
    assert first.text == full.sources[first.id].text
    assert [source.text for source in others] == [""] * len(others)
    assert [(s.publisher, s.date.text) for s in preview.sources.values()] == \
        [(s.publisher, s.date.text) for s in full.sources.values()]
    assert preview.entities == {} and preview.mentions == {} and preview.events == []


def test_no_preview_without_sources_in_case_yaml(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"case.yaml": "case:\n  id: demo\n  title: Demo\n"})
    assert preview_case(folder) is None


def test_a_second_load_frees_the_cycles_left_since_the_first_before_freezing(case_dir: Path) -> None:
    import weakref

    class Node:
        """Something in a reference cycle, as a closed dialog's widgets are."""

    gc.unfreeze()
    load_case(case_dir)  # the first load: frozen
    garbage = Node()
    garbage.itself = garbage  # type: ignore[attr-defined]
    alive = weakref.ref(garbage)
    del garbage
    load_case(case_dir)  # a reload, as after an edit
    assert alive() is None  # collected, not frozen for good
