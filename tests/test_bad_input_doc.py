"""docs/bad-input.md and the tests stay in step: every entry names tests that exist, and back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.load.files import MAX_SOURCE_BYTES, MAX_YAML_BYTES
from reader.load.unsafe_text import MAX_REPORTED_PER_FILE
from reader.load.yamlnodes import MAX_ALIAS_NODES, MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def entries() -> dict[str, str]:
    """Each ``###`` entry of the catalogue: its title and its text."""
    parts = re.split(r"^### (.+)$", DOC, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def defined_tests(path: str) -> set[str]:
    source = (ROOT / path).read_text(encoding="utf-8")
    return set(re.findall(r"^(?:async )?def (test_\w+)\(", source, flags=re.MULTILINE))


def test_the_catalogue_has_entries() -> None:
    assert len(entries()) >= 40


@pytest.mark.parametrize("title", sorted(entries()))
def test_every_entry_names_tests_that_exist(title: str) -> None:
    references = REFERENCE.findall(entries()[title])
    assert references, f"the entry “{title}” names no test"
    missing = [f"{path}::{name}" for path, name in references
               if not (ROOT / path).is_file() or name not in defined_tests(path)]
    assert missing == []


@pytest.mark.parametrize("path", ["tests/test_bad_input.py", "tests/ui/test_trust.py", "tests/test_properties.py",
                                  "tests/ui/test_escapes_everywhere.py", "tests/test_bad_measures.py"])
def test_every_bad_input_test_is_in_the_catalogue(path: str) -> None:
    named = {name for file, name in REFERENCE.findall(DOC) if file == path}
    assert sorted(defined_tests(path) - named) == []


def test_the_stated_limits_are_the_real_ones() -> None:
    flat = " ".join(DOC.split())
    assert f"a case file (YAML) may be up to {MAX_YAML_BYTES // 1_048_576} MB" in flat
    assert f"a source text up to {MAX_SOURCE_BYTES // 1_048_576} MB" in flat
    assert f"YAML nests at most {MAX_DEPTH} levels" in flat
    assert f"aliases may expand to at most {MAX_ALIAS_NODES:,} values" in flat
    assert f"at most {MAX_REPORTED_PER_FILE} control-character warnings" in flat
