"""docs/format.md documents every field and every allowed value of the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.load import format as case_format
from reader.load.spec import Choice, ListOf, Record

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


def test_every_allowed_value_is_documented() -> None:
    missing = []
    for record in _records().values():
        for key, field in record.fields.items():
            if isinstance(field.spec, Choice):
                missing += [f"{record.name}.{key}={value}" for value in field.spec.values
                            if f"`{value}`" not in DOC]
    assert missing == []
