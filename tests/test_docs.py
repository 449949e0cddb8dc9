"""docs/format.md documents every field and every allowed value of the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.load import format as case_format
from reader.load.spec import Choice, ListOf, PerPerson, Record, Retired

DOC = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")


def _records() -> dict[str, Record]:
    found: dict[str, Record] = {}

    def visit(spec) -> None:
        if isinstance(spec, ListOf):
            visit(spec.item)
        elif isinstance(spec, Record) and spec.name not in found:
            found[spec.name] = spec
            for field in spec.fields.values():
                visit(field.spec)

    visit(case_format.CASE_FILE)
    return found


@pytest.mark.parametrize("record", sorted(_records()))
def test_every_field_is_documented(record: str) -> None:
    missing = [key for key in _records()[record].fields if f"`{key}`" not in DOC]
    assert missing == [], f"docs/format.md does not mention these {record} fields"


def test_the_proceedings_words_are_checked_too() -> None:
    proceedings = case_format.EVENT.fields["proceedings"].spec
    assert isinstance(proceedings, PerPerson) and isinstance(proceedings.item, Choice)
    assert "under-investigation" in proceedings.item.values


def test_every_retired_field_says_what_to_write_in_the_version_1_section() -> None:
    section = DOC[DOC.index("## Version 1"):]
    for record in _records().values():
        for key, field in record.fields.items():
            if isinstance(field.spec, Retired):
                assert f"`{key}" in section, f"{record.name}.{key}"
                assert "Version 1" in field.spec.instead  # the hint points at the section


def test_every_allowed_value_is_documented() -> None:
    missing = []
    for record in _records().values():
        for key, field in record.fields.items():
            # a word for everyone, or one per person (`proceedings`): the same words either way
            choice = field.spec.item if isinstance(field.spec, PerPerson) else field.spec
            if isinstance(choice, Choice):
                missing += [f"{record.name}.{key}={value}" for value in choice.values
                            if f"`{value}`" not in DOC]
    assert missing == []
