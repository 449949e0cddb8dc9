"""YAML is read safely, and every YAML problem is reported where it was written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from reader.load.problems import Problems
from reader.load.yamlnodes import MAX_ALIAS_NODES, MAX_DEPTH, YMap, YNode, YScalar, YSeq, parse_yaml

PATH = Path("case.yaml")


def parse(text: str) -> tuple[YNode | None, list[str]]:
    """Parse dedented YAML; return the tree and every problem as ``reader check`` prints it."""
    problems = Problems()
    node = parse_yaml(textwrap.dedent(text), PATH, problems)
    return node, [p.format() for p in problems]


def value(node: YNode | None, *keys: str | int) -> YNode:
    for key in keys:
        if isinstance(key, int):
            assert isinstance(node, YSeq)
            node = node.items[key]
        else:
            assert isinstance(node, YMap)
            node = node.items[key][1]
    assert node is not None
    return node


# --- syntax -----------------------------------------------------------------------------

def test_syntax_error_names_the_line_and_column() -> None:
    node, problems = parse("""\
        case:
          id: demo
          title: Note: this breaks
        """)
    assert node is None
    assert problems == [
        "case.yaml:3:14: error: YAML syntax error: mapping values are not allowed in this context\n"
        '    hint: a value containing `: ` must be quoted, e.g. summary: "Note: ..."'
    ]


def test_unclosed_quote_is_reported_where_the_quote_opens() -> None:
    # The parser only notices at the end of the file; the mistake is the opening quote.
    node, problems = parse("""\
        case:
          id: demo
          title: "Erlan Baltabay
          summary: text
        """)
    assert node is None
    assert problems == [
        "case.yaml:3:10: error: YAML syntax error: while scanning a quoted scalar "
        "found unexpected end of stream\n"
        "    hint: a quoted text is not closed; add the closing quote"
    ]


def test_tab_indentation_gets_the_tab_hint() -> None:
    node, problems = parse("case:\n\tid: demo\n")
    assert node is None
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:2:1: error: YAML syntax error:")
    assert problems[0].endswith("hint: YAML does not allow tabs for indentation; indent with spaces")


def test_bad_indentation_gets_the_indentation_hint() -> None:
    node, problems = parse("""\
        case:
          id: demo
         title: x
        """)
    assert node is None
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:3:2: error: YAML syntax error:")
    assert problems[0].endswith("hint: check the indentation of this line and the one before it")


def test_unclosed_flow_list_is_reported_where_it_opens() -> None:
    node, problems = parse("""\
        entities:
          - id: x
            aliases: [Baltabay, Baltabai
        """)
    assert node is None
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:3:14: error: YAML syntax error:")
    assert "is not closed" in problems[0]


# --- duplicate keys ---------------------------------------------------------------------

def test_duplicate_key_names_both_lines() -> None:
    node, problems = parse("""\
        case:
          id: demo
          title: First
          summary: text
          title: Second
        """)
    assert problems == [
        "case.yaml:5:3: error: duplicate key `title` (first at line 3)\n"
        "    hint: YAML keeps only one of them; remove or rename one"
    ]
    # The first value is kept, the second left out.
    title = value(node, "case", "title")
    assert isinstance(title, YScalar) and title.value == "First"


# --- tags, keys, merges -----------------------------------------------------------------

def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    node, problems = parse(f"""\
        case:
          id: demo
          title: !!python/object/apply:os.system ["touch {marker}"]
          summary: !!python/object/new:pathlib.Path ["{marker}"]
        """)
    assert not marker.exists()
    assert problems == [
        "case.yaml:3:10: error: tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed here\n"
        "    hint: case files hold plain text, numbers, lists and mappings; remove the tag",
        "case.yaml:4:12: error: tag `tag:yaml.org,2002:python/object/new:pathlib.Path` is not allowed here\n"
        "    hint: case files hold plain text, numbers, lists and mappings; remove the tag",
    ]
    case = value(node, "case")
    assert isinstance(case, YMap)
    assert set(case.items) == {"id"}  # the tagged values are left out


def test_custom_and_python_tags_on_keys_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    node, problems = parse(f"""\
        ? !!python/object/apply:os.system ["touch {marker}"]
        : 1
        ? !secret id
        : demo
        """)
    assert not marker.exists()
    assert [p.splitlines()[0] for p in problems] == [
        "case.yaml:1:3: error: a key must be a plain name, not a list or mapping",
        "case.yaml:3:3: error: tag `!secret` is not allowed here",
    ]
    assert isinstance(node, YMap) and node.items == {}


def test_keys_that_are_lists_or_mappings_are_refused() -> None:
    node, problems = parse("""\
        ? [id, title]
        : demo
        {a: 1}: b
        name: fine
        """)
    assert problems == [
        "case.yaml:1:3: error: a key must be a plain name, not a list or mapping",
        "case.yaml:3:1: error: a key must be a plain name, not a list or mapping",
    ]
    assert isinstance(node, YMap) and list(node.items) == ["name"]


def test_scalar_keys_are_kept_as_written() -> None:
    # A key such as `1` or `true` is kept as its text; the format checker then
    # reports it as an unknown field (see test_spec.py).
    node, problems = parse("1: a\ntrue: b\n")
    assert problems == []
    assert isinstance(node, YMap) and list(node.items) == ["1", "true"]


def test_merge_keys_are_refused() -> None:
    node, problems = parse("""\
        base: &base
          type: person
        entity:
          <<: *base
          name: Erlan
        """)
    assert problems == [
        "case.yaml:4:3: error: merge keys (`<<`) are not supported\n"
        "    hint: write the fields out in full"
    ]
    assert set(value(node, "entity").items) == {"name"}  # type: ignore[union-attr]


# --- aliases and depth ------------------------------------------------------------------

def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused() -> None:
    node, problems = parse(billion_laughs())
    assert len(problems) == 1
    assert f"aliases expand to more than {MAX_ALIAS_NODES:,} values (an alias bomb?)" in problems[0]
    assert problems[0].startswith("case.yaml:")
    assert "hint: write the values out instead of nesting aliases of aliases" in problems[0]

    def count(node: YNode | None) -> int:
        if isinstance(node, YMap):
            return 1 + sum(count(v) for _, v in node.items.values())
        if isinstance(node, YSeq):
            return 1 + sum(count(v) for v in node.items)
        return 1

    # Conversion stopped: far fewer values than the 9**9 the aliases would expand to.
    assert count(node) <= 2 * MAX_ALIAS_NODES


def test_a_few_aliases_are_fine() -> None:
    node, problems = parse("""\
        shared: &names [Baltabay, Baltabai]
        again: *names
        """)
    assert problems == []
    again = value(node, "again")
    assert isinstance(again, YSeq)
    assert [item.value for item in again.items] == ["Baltabay", "Baltabai"]  # type: ignore[union-attr]


def test_recursive_alias_is_refused() -> None:
    _, problems = parse("loop: &loop [*loop]\n")
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:1:")
    assert f"error: nested more than {MAX_DEPTH} levels deep" in problems[0]


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 6
    _, problems = parse("deep: " + "[" * depth + "]" * depth + "\n")
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:1:")
    assert f"error: nested more than {MAX_DEPTH} levels deep" in problems[0]
    assert "hint: case files need only a few levels; check the indentation" in problems[0]


def test_very_deep_nesting_is_refused_by_the_parser_without_crashing() -> None:
    depth = 100_000
    node, problems = parse("deep: " + "[" * depth + "]" * depth + "\n")
    assert node is None
    assert len(problems) == 1
    assert problems[0].startswith("case.yaml:1:")
    assert "error: YAML syntax error:" in problems[0]


def test_nesting_at_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 1  # the root mapping is level 0, `deep` holds level 1
    _, problems = parse("deep: " + "[" * depth + "]" * depth + "\n")
    assert problems == []


# --- scalars ----------------------------------------------------------------------------

def test_dates_and_numbers_stay_text_with_their_kind() -> None:
    node, problems = parse("""\
        date: 2019-07-17
        year: 2019
        quoted: "2019"
        flag: yes
        none: null
        empty:
        """)
    assert problems == []
    date = value(node, "date")
    assert isinstance(date, YScalar)
    assert date.value == "2019-07-17" and isinstance(date.value, str)
    assert date.kind == "timestamp"
    year = value(node, "year")
    assert isinstance(year, YScalar) and (year.value, year.kind, year.quoted) == ("2019", "int", False)
    quoted = value(node, "quoted")
    assert isinstance(quoted, YScalar) and (quoted.value, quoted.kind, quoted.quoted) == ("2019", "str", True)
    flag = value(node, "flag")
    assert isinstance(flag, YScalar) and (flag.value, flag.kind) == ("yes", "bool")
    assert value(node, "none").is_null  # type: ignore[union-attr]
    assert value(node, "empty").is_null  # type: ignore[union-attr]


@given(st.text(alphabet=st.sampled_from("0123456789abfnotyTFNY.-+:_~<=e ,!&*x"), min_size=1, max_size=12))
@example("yes")
@example("~")
@example("2019-07-17")
@example("0x1F")
@example(".inf")
@example("<<")
def test_every_plain_value_gets_the_type_the_safe_loader_gives_it(text: str) -> None:
    """Our loader skips PyYAML's type lookup for values that can only be text: it must agree with it."""
    try:
        expected = yaml.compose(f"key: {text}", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return  # not a plain value on its own
    node, _ = parse(f"key: {text}")
    scalar = expected.value[0][1] if expected is not None else None
    if isinstance(node, YMap) and "key" in node.items and isinstance(scalar, yaml.ScalarNode):
        parsed = node.items["key"][1]
        assert isinstance(parsed, YScalar)
        assert (parsed.value, parsed.tag) == (scalar.value, scalar.tag)


def test_every_node_knows_where_it_was_written() -> None:
    node, problems = parse("""\
        entities:
          - id: erlan-baltabay
            aliases: [Baltabay, Baltabai]
        """)
    assert problems == []
    assert isinstance(node, YMap)
    key_location, entities = node.items["entities"]
    assert (key_location.line, key_location.col) == (1, 1)
    assert (entities.location.line, entities.location.col) == (2, 3)
    entity = value(node, "entities", 0)
    assert (entity.location.line, entity.location.col) == (2, 5)
    alias = value(node, "entities", 0, "aliases", 1)
    assert isinstance(alias, YScalar) and alias.value == "Baltabai"
    assert (alias.location.line, alias.location.col) == (3, 25)
    assert str(alias.location) == "case.yaml:3:25"


@pytest.mark.parametrize("text", ["", "\n\n", "# yaml-language-server: $schema=./case.schema.json\n"])
def test_an_empty_document_is_none_without_problems(text: str) -> None:
    node, problems = parse(text)
    assert node is None
    assert problems == []


@pytest.mark.parametrize("name", ["case.yaml", "entities.yaml", "events.yaml", "quotes.yaml", "differences.yaml"])
def test_a_file_without_aliases_reads_the_same_as_one_that_may_have_some(name: str) -> None:
    """A file with no `*` is read without the alias bookkeeping; the tree must not differ.

    A `*` in a comment makes the converter remember every node of the same
    text to spot aliases (a comment changes nothing else), so the two trees
    must be equal, locations included.
    """
    from reader.paths import default_case

    path = default_case() / name
    text = path.read_text(encoding="utf-8")
    assert "*" not in text
    fast, careful = Problems(), Problems()
    tree = parse_yaml(text, path, fast)
    assert tree is not None
    assert parse_yaml(text + "# a * in a comment\n", path, careful) == tree
    assert [p.format() for p in careful] == [p.format() for p in fast]


def test_with_or_without_alias_bookkeeping_the_same_problems_are_reported() -> None:
    text = textwrap.dedent("""\
        a: 'single'
        b: "double \\u202e"
        c: !!binary aGk=
        d: [plain, 'quoted', !custom x]
        """)
    for variant in (text, text + "# *\n"):
        problems = Problems()
        tree = parse_yaml(variant, Path("f.yaml"), problems)
        assert isinstance(tree, YMap)
        assert [(key, value.value, value.quoted) for key, (_, value) in tree.items.items()
                if isinstance(value, YScalar)] == [("a", "single", True), ("b", "double \u202e", True)]
        assert [p.format().splitlines()[0] for p in problems] == [
            "f.yaml:2:4: warning: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE), written as an escape "
            "in a quoted text",
            "f.yaml:3:4: error: tag `tag:yaml.org,2002:binary` is not allowed here",
            "f.yaml:4:22: error: tag `!custom` is not allowed here",
        ]
