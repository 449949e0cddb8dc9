"""The format specification: every field checked where it was written, and its JSON Schema."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reader.load.format import CASE_FILE, json_schema
from reader.load.problems import Problems
from reader.load.spec import Rec, RList, date_problem
from reader.load.yamlnodes import YMap, YNode, YScalar, YSeq, parse_yaml
from reader.model.vocabulary import ENTITY_TYPES, EVENT_KINDS
from reader.paths import default_case

PATH = Path("entities.yaml")

GOOD_ENTITY = """\
entities:
  - id: erlan-baltabay
    type: person
    name: Erlan Baltabay
    aliases: [Baltabay]
    description: A union leader.
    citations:
      - source: daily
        quote: "Erlan Baltabay"
"""


def check(text: str) -> tuple[Rec, list[str]]:
    """Check one case file; return the record and every problem as ``reader check`` prints it."""
    problems = Problems()
    node = parse_yaml(textwrap.dedent(text), PATH, problems)
    assert node is not None, [p.format() for p in problems]
    record = CASE_FILE.check(node, problems)
    return record, [p.format() for p in problems]


def entity_with(*lines: str, drop: str | None = None) -> str:
    """The good entity with ``lines`` added after its `id` line and the ``drop`` field removed."""
    kept = [line for line in GOOD_ENTITY.splitlines() if drop is None or not line.startswith(f"    {drop}:")]
    return "\n".join(kept[:2] + list(lines) + kept[2:]) + "\n"


def test_a_good_entity_has_no_problems_and_keeps_locations() -> None:
    record, problems = check(GOOD_ENTITY)
    assert problems == []
    entity = record["entities"][0]
    assert entity["name"] == "Erlan Baltabay"
    assert entity["aliases"] == ["Baltabay"]
    assert isinstance(entity["aliases"], RList)
    assert str(entity.at("name")) == "entities.yaml:4:11"
    assert str(entity["aliases"].at(0)) == "entities.yaml:5:15"
    assert str(entity["citations"][0].at("quote")) == "entities.yaml:9:16"


# --- fields -----------------------------------------------------------------------------

def test_unknown_field_gets_did_you_mean() -> None:
    _, problems = check(entity_with("    alias: [Baltabai]"))
    assert problems == [
        "entities.yaml:3:5: error: unknown field `alias` in entity\n"
        "    hint: did you mean `aliases`?"
    ]


def test_unknown_field_without_a_close_name_lists_the_known_fields() -> None:
    _, problems = check(entity_with("    birthplace: Shymkent"))
    assert problems == [
        "entities.yaml:3:5: error: unknown field `birthplace` in entity\n"
        "    hint: known fields: id, type, name, aliases, description, citations, standpoint, "
        "affiliation, mentions, exclude, sensitive, role, note"
    ]


def test_unknown_section_and_non_text_key() -> None:
    _, problems = check("entitys: []\n1: x\n")
    assert problems == [
        "entities.yaml:1:1: error: unknown field `entitys` in case file\n"
        "    hint: did you mean `entities`?",
        "entities.yaml:2:1: error: unknown field `1` in case file\n"
        "    hint: known fields: version, case, sources, entities, events, quotes, differences",
    ]


def test_missing_required_field_is_reported_at_the_record() -> None:
    _, problems = check(entity_with(drop="name"))
    assert problems == [
        "entities.yaml:2:5: error: entity is missing the required field `name`\n"
        "    hint: canonical name"
    ]


def test_missing_required_field_of_a_nested_record() -> None:
    _, problems = check("""\
        quotes:
          - id: innocent
            speaker: erlan-baltabay
            citation:
              quote: "Baltabay said he was innocent."
        """)
    assert problems == [
        "entities.yaml:5:7: error: citation is missing the required field `source`\n"
        "    hint: id of the source quoted"
    ]


@pytest.mark.parametrize(("written", "col"), [("[]", 16), ("", 15)])  # `citations:` alone is null
def test_empty_citations_list(written: str, col: int) -> None:
    _, problems = check(f"""\
        entities:
          - id: erlan-baltabay
            type: person
            name: Erlan Baltabay
            description: A union leader.
            citations: {written}
        """)
    assert problems == [f"entities.yaml:6:{col}: error: needs at least 1 item, has 0"]


# --- types ------------------------------------------------------------------------------

def test_list_where_text_expected() -> None:
    _, problems = check(GOOD_ENTITY.replace("name: Erlan Baltabay", "name: [Erlan, Baltabay]"))
    assert problems == ["entities.yaml:4:11: error: expected text, found a list"]


def test_mapping_where_text_expected() -> None:
    _, problems = check(GOOD_ENTITY.replace("description: A union leader.", "description: {text: x}"))
    assert problems == ["entities.yaml:6:18: error: expected text, found a mapping"]


def test_text_where_list_expected_hints_at_the_list_form() -> None:
    _, problems = check(GOOD_ENTITY.replace("aliases: [Baltabay]", "aliases: Baltabay"))
    assert problems == [
        "entities.yaml:5:14: error: expected a list, found the text 'Baltabay'\n"
        "    hint: write it as a list: [Baltabay]"
    ]


def test_text_where_list_of_records_expected() -> None:
    _, problems = check(GOOD_ENTITY.replace('      - source: daily\n        quote: "Erlan Baltabay"\n', "")
                        .replace("citations:", "citations: daily"))
    assert problems == [
        "entities.yaml:7:16: error: expected a list, found the text 'daily'\n"
        "    hint: start each item on its own line with `- `"
    ]


def test_null_where_text_expected_and_empty_text() -> None:
    _, problems = check(GOOD_ENTITY.replace("name: Erlan Baltabay", "name:")
                        .replace("description: A union leader.", 'description: "  "'))
    assert problems == [
        "entities.yaml:4:10: error: expected text, found nothing (null)",
        "entities.yaml:6:18: error: empty text\n    hint: write the value or leave the field out",
    ]


def test_null_is_allowed_where_documented() -> None:
    record, problems = check("""\
        sources:
          - id: daily
            file: sources/daily.txt
            title: T
            publisher: P
            author: null
            url: ~
            date: unknown
            kind: news
        """)
    assert problems == []
    assert record["sources"][0]["author"] is None
    assert record["sources"][0]["url"] is None


def test_numbers_and_yaml_booleans_read_as_text_are_kept_as_written() -> None:
    record, problems = check(GOOD_ENTITY.replace("name: Erlan Baltabay", "name: 2017")
                             .replace("description: A union leader.", "description: yes"))
    assert problems == []
    assert record["entities"][0]["name"] == "2017"
    assert record["entities"][0]["description"] == "yes"


def test_a_section_that_is_not_a_list() -> None:
    _, problems = check("entities:\n  id: x\n")
    assert problems == [
        "entities.yaml:2:3: error: expected a list, found a mapping\n"
        "    hint: start each item on its own line with `- `"
    ]


def test_an_item_that_is_not_a_record() -> None:
    _, problems = check("entities:\n  - erlan-baltabay\n")
    assert problems == [
        "entities.yaml:2:5: error: expected an entity (a mapping of fields), found the text 'erlan-baltabay'"
    ]


# --- ids --------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "slug"), [
    ("Erlan Baltabay", "erlan-baltabay"),
    ("erlan_baltabay", "erlan-baltabay"),
    ("2019-sentence", "2019-sentence"),
    ("sentence--2019", "sentence-2019"),
    ("Kemal Özkan!", "kemal-zkan"),
])
def test_bad_id_gets_a_slug_hint(written: str, slug: str) -> None:
    _, problems = check(GOOD_ENTITY.replace("id: erlan-baltabay", f'id: "{written}"'))
    assert problems == [
        f"entities.yaml:2:9: error: `{written}` is not a valid id\n"
        f"    hint: use lower-case letters, digits and `-`, starting with a letter, e.g. `{slug}`"
    ]


def test_bad_reference_id() -> None:
    _, problems = check(entity_with("    affiliation: Human Rights Watch"))
    assert problems == [
        "entities.yaml:3:18: error: `Human Rights Watch` is not a valid id\n"
        "    hint: use lower-case letters, digits and `-`, starting with a letter, e.g. `human-rights-watch`"
    ]


def test_number_where_id_expected_is_checked_as_text() -> None:
    _, problems = check(GOOD_ENTITY.replace("id: erlan-baltabay", "id: 42"))
    assert problems == [
        "entities.yaml:2:9: error: `42` is not a valid id\n"
        "    hint: use lower-case letters, digits and `-`, starting with a letter, e.g. `42`"
    ]


# --- dates ------------------------------------------------------------------------------

EVENT = """\
events:
  - id: sentence
    kind: sentence
    date: {date}
    summary: Sentenced.
    citations:
      - source: daily
        quote: "sentenced"
"""


@pytest.mark.parametrize(("written", "message"), [
    ("2019-13-01", "bad date `2019-13-01`: there is no month 13"),
    ("2019-00", "bad date `2019-00`: there is no month 0"),
    ("2019-02-30", "bad date `2019-02-30`: February 2019 has no day 30"),
    ("2019-02-29", "bad date `2019-02-29`: February 2019 has no day 29"),
    ("2019-04-31", "bad date `2019-04-31`: April 2019 has no day 31"),
    ('"July 2019"', "bad date `July 2019`: not a date"),
    ("17/07/2019", "bad date `17/07/2019`: not a date"),
    ("2019-7-17", "bad date `2019-7-17`: not a date"),
    ("19", "bad date `19`: not a date"),
    ("Unknown", "bad date `Unknown`: not a date"),
    ('"0000"', "bad date `0000`: there is no year 0"),
])
def test_bad_dates(written: str, message: str) -> None:
    _, problems = check(EVENT.format(date=written))
    assert problems == [
        f"entities.yaml:4:11: error: {message}\n"
        "    hint: write YYYY-MM-DD, YYYY-MM, YYYY, `unknown` or `disputed`"  # an event's date may be disputed
    ]


def test_only_an_events_date_may_be_disputed() -> None:
    record, problems = check(EVENT.format(date="disputed"))
    assert problems == [] and record["events"][0]["date"] == "disputed"
    _, problems = check(EVENT.format(date="unknown") + "    not_before: disputed\n")
    assert problems == ["entities.yaml:9:17: error: bad date `disputed`: not a date\n"
                        "    hint: write YYYY-MM-DD, YYYY-MM, YYYY or `unknown`"]


@pytest.mark.parametrize("written", ["2019-07-17", "2020-02-29", "2019-07", '"2019"', "2019", "unknown"])
def test_good_dates(written: str) -> None:
    record, problems = check(EVENT.format(date=written))
    assert problems == []
    assert record["events"][0]["date"] == written.strip('"')


def test_date_that_is_not_text() -> None:
    _, problems = check(EVENT.format(date="[2019, 7]"))
    assert problems == ["entities.yaml:4:11: error: expected a date, found a list"]


def test_date_problem_directly() -> None:
    assert date_problem("2019-07-17") is None
    assert date_problem("2000-02-29") is None
    assert date_problem("1900-02-29") == "February 1900 has no day 29"
    assert date_problem("2019-13") == "there is no month 13"
    assert date_problem("2019-07-17T10:00") == "not a date"


def test_bounds_and_date_note_are_checked_like_dates() -> None:
    _, problems = check(EVENT.format(date="unknown") + '    not_before: 2019-06-31\n    date_note: ""\n')
    assert problems == [
        "entities.yaml:9:17: error: bad date `2019-06-31`: June 2019 has no day 31\n"
        "    hint: write YYYY-MM-DD, YYYY-MM, YYYY or `unknown`",
        "entities.yaml:10:16: error: empty text\n    hint: write the value or leave the field out",
    ]


# --- choices ----------------------------------------------------------------------------

def test_enum_typo_gets_did_you_mean() -> None:
    _, problems = check(GOOD_ENTITY.replace("type: person", "type: persn"))
    assert problems == [
        "entities.yaml:3:11: error: `persn` is not one of: " + ", ".join(ENTITY_TYPES) + "\n"
        "    hint: did you mean `person`?"
    ]


def test_enum_british_spelling_hint() -> None:
    _, problems = check(GOOD_ENTITY.replace("type: person", "type: organization"))
    assert problems[0].endswith("hint: did you mean `organisation`?")


def test_enum_far_off_lists_every_value() -> None:
    _, problems = check(EVENT.format(date="2019").replace("kind: sentence", "kind: jailed"))
    assert problems == [
        "entities.yaml:3:11: error: `jailed` is not one of: " + ", ".join(EVENT_KINDS) + "\n"
        "    hint: use one of: " + ", ".join(EVENT_KINDS)
    ]


def test_enum_is_case_sensitive() -> None:
    _, problems = check(GOOD_ENTITY.replace("type: person", "type: Person"))
    assert problems[0].splitlines() == [
        "entities.yaml:3:11: error: `Person` is not one of: " + ", ".join(ENTITY_TYPES),
        "    hint: did you mean `person`?",
    ]


# --- booleans and counts ----------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [("true", True), ("false", False), ("yes", True),
                                                   ("no", False), ("True", True)])
def test_booleans(written: str, expected: bool) -> None:
    record, problems = check(entity_with(f"    sensitive: {written}"))
    assert problems == []
    assert record["entities"][0]["sensitive"] is expected


@pytest.mark.parametrize(("written", "found"), [
    ('"true"', "the text 'true'"),
    ("1", "the number 1"),
    ("maybe", "the text 'maybe'"),
    ("", "nothing (null)"),
])
def test_not_a_boolean(written: str, found: str) -> None:
    _, problems = check(entity_with(f"    sensitive: {written}".rstrip()))
    assert len(problems) == 1
    assert problems[0].startswith("entities.yaml:3:")
    assert problems[0].endswith(f"error: expected true or false, found {found}")


def with_occurrence(written: str) -> str:
    return GOOD_ENTITY + f"        occurrence: {written}\n"


@pytest.mark.parametrize(("written", "expected"), [("1", 1), ("3", 3), ("12", 12)])
def test_good_occurrence(written: str, expected: int) -> None:
    record, problems = check(with_occurrence(written))
    assert problems == []
    assert record["entities"][0]["citations"][0]["occurrence"] == expected


@pytest.mark.parametrize(("written", "found"), [
    ("0", "the number 0"),
    ("-1", "the number -1"),
    ("1.5", "the number 1.5"),
    ('"2"', "the text '2'"),
    ("second", "the text 'second'"),
    ("true", "the boolean true"),
])
def test_occurrence_must_be_a_whole_number_of_at_least_one(written: str, found: str) -> None:
    _, problems = check(with_occurrence(written))
    assert problems == [
        f"entities.yaml:10:21: error: expected a whole number of at least 1, found {found}"
    ]


def test_every_problem_in_a_file_is_reported() -> None:
    _, problems = check("""\
        entities:
          - id: Bad Id
            type: persn
            name: [x]
            alias: y
            description: d
            citations:
              - source: daily
                quote: q
                occurrence: 0
        """)
    assert [p.splitlines()[0] for p in problems] == [
        "entities.yaml:2:9: error: `Bad Id` is not a valid id",
        "entities.yaml:3:11: error: `persn` is not one of: " + ", ".join(ENTITY_TYPES),
        "entities.yaml:4:11: error: expected text, found a list",
        "entities.yaml:5:5: error: unknown field `alias` in entity",
        "entities.yaml:10:21: error: expected a whole number of at least 1, found the number 0",
    ]  # `name` is there, if wrong: it is not also reported missing


# --- JSON Schema ------------------------------------------------------------------------

def plain(node: YNode | None) -> Any:
    """A parsed YAML tree as the plain values an editor's YAML language server sees."""
    if isinstance(node, YMap):
        return {key: plain(child) for key, (_, child) in node.items.items()}
    if isinstance(node, YSeq):
        return [plain(child) for child in node.items]
    assert isinstance(node, YScalar)
    if node.kind == "int":
        return int(node.value.replace("_", ""), 0)
    if node.kind == "bool":
        return node.value.lower() in {"true", "yes", "on", "y"}
    if node.is_null:
        return None
    return node.value


def load_plain(text: str, path: Path = PATH) -> Any:
    problems = Problems()
    node = parse_yaml(text, path, problems)
    assert not problems.items, [p.format() for p in problems]
    return plain(node)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"version", "case", "sources", "entities", "events", "quotes",
                                         "differences"}


def test_every_bundled_case_file_validates_against_the_schema(
        validator: jsonschema.Draft202012Validator) -> None:
    files = sorted(default_case().glob("*.yaml"))
    assert {f.name for f in files} >= {"case.yaml", "entities.yaml", "events.yaml", "quotes.yaml",
                                       "differences.yaml"}
    for path in files:
        document = load_plain(path.read_text(encoding="utf-8"), path)
        errors = [f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(document)]
        assert errors == []


def test_schema_rejects_an_unknown_field(validator: jsonschema.Draft202012Validator) -> None:
    document = load_plain(entity_with("    alias: [Baltabai]"))
    errors = list(validator.iter_errors(document))
    assert len(errors) == 1
    assert list(errors[0].absolute_path) == ["entities", 0]
    assert "'alias' was unexpected" in errors[0].message


@pytest.mark.parametrize("broken", [
    GOOD_ENTITY.replace("id: erlan-baltabay", "id: Erlan Baltabay"),
    GOOD_ENTITY.replace("type: person", "type: persn"),
    GOOD_ENTITY.replace("aliases: [Baltabay]", "aliases: Baltabay"),
    GOOD_ENTITY.replace("    name: Erlan Baltabay\n", ""),
    GOOD_ENTITY + "        occurrence: 0\n",
    EVENT.format(date="2019-13-01"),
    "version: 0\n",
    EVENT.format(date="unknown") + "    status: {state: imprisoned, summary: In prison.}\n",
    EVENT.format(date="unknown") + "    term: {years: 7}\n",
    "case: {id: c, title: C, subject: erlan-baltabay}\n",
    EVENT.format(date="unknown") + "    proceedings: imprisoned\n",
    EVENT.format(date="unknown") + "    measures: [{id: m, kind: prison, citations: [{source: s, quote: q}]}]\n",
    EVENT.format(date="unknown")
    + "    changes: [{measure: m, action: released, citations: [{source: s, quote: q}]}]\n",
    EVENT.format(date="disputed") + "    dates: [{date: 2019, citations: [{source: s, quote: q}]}]\n",
])
def test_schema_rejects_what_the_checker_rejects(validator: jsonschema.Draft202012Validator,
                                                 broken: str) -> None:
    assert not validator.is_valid(load_plain(broken))
    _, problems = check(broken)
    assert problems, "the checker should reject it too"


def test_schema_takes_only_this_version(validator: jsonschema.Draft202012Validator) -> None:
    # the loader says what is wrong with another version (tests/test_loader.py); an editor flags it
    assert validator.is_valid({"version": 2})
    assert not validator.is_valid({"version": 1}) and not validator.is_valid({"version": 3})


def test_schema_accepts_the_good_examples(validator: jsonschema.Draft202012Validator) -> None:
    assert validator.is_valid(load_plain(GOOD_ENTITY))
    assert validator.is_valid(load_plain(EVENT.format(date='"2019"')))
    assert validator.is_valid(load_plain("version: 2\ncase: {id: c, title: C, subjects: [a, b]}\n"))
    for good in (PEOPLE_AND_MEASURES, DISPUTED):
        assert validator.is_valid(load_plain(good))
        assert check(good)[1] == []  # and the checker takes it too


PEOPLE_AND_MEASURES = EVENT.format(date="2017-07-25") + """\
    people: [larisa-kharkova, amin-eleusinov]
    proceedings: {larisa-kharkova: convicted, amin-eleusinov: appeal-pending}
    measures:
      - id: service
        kind: community-service
        person: larisa-kharkova
        term: {hours: 400}
        start: {date: unknown, not_before: 2017-08, date_inferred: true, date_note: After the appeal.}
        citations: [{source: daily, quote: "400 hours"}]
      - id: fine
        kind: fine
        person: amin-eleusinov
        amount: {value: 500000, currency: KZT}
        end: {date: 2018}
        citations: [{source: daily, quote: "fined"}]
    changes:
      - measure: earlier
        action: replaced
        by: fine
        citations: [{source: daily, quote: "replaced"}]
"""

DISPUTED = EVENT.format(date="disputed") + """\
    dates:
      - {date: 2018-11-07, citations: [{source: daily, quote: "7 November"}]}
      - {date: 2019-05, date_inferred: true, date_note: The month only., citations: [{source: weekly, quote: "May"}]}
"""


def test_schema_accepts_a_bare_year_but_not_a_small_number() -> None:
    from jsonschema import Draft202012Validator

    from reader.load.format import json_schema

    validator = Draft202012Validator(json_schema())
    event = {"id": "e", "kind": "other", "summary": "s",
             "citations": [{"source": "s", "quote": "q"}]}
    assert validator.is_valid({"events": [{**event, "date": 2019}]})
    assert validator.is_valid({"events": [{**event, "date": "2019-07"}]})
    assert not validator.is_valid({"events": [{**event, "date": 12}]})
    assert not validator.is_valid({"events": [{**event, "date": "July 2019"}]})
