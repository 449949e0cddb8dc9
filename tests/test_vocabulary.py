"""One home for each vocabulary: the schema, the looks and the model layer follow reader.model.vocabulary."""

from __future__ import annotations

import ast
from pathlib import Path

from reader.load.format import json_schema
from reader.model import vocabulary
from reader.model.vocabulary import (
    CHANGE_ACTIONS,
    CUSTODIAL_MEASURES,
    DIFFERENCE_TOPICS,
    ENDING_ACTIONS,
    ENTITY_TYPE_HEADINGS,
    ENTITY_TYPES,
    EVENT_KINDS,
    HOURS_MEASURES,
    MEASURE_KINDS,
    PROCEEDINGS_STAGES,
    QUOTE_MODES,
    RESIZING_ACTIONS,
    SOURCE_KINDS,
    STANDPOINTS,
)
from reader.paths import styles_dir

MODEL = Path(vocabulary.__file__).parent


def test_the_schema_offers_each_vocabulary_in_its_order() -> None:
    items = {name: section["items"]["properties"] for name, section in json_schema()["properties"].items()
             if isinstance(section, dict) and "items" in section}
    assert items["sources"]["kind"]["enum"] == list(SOURCE_KINDS)
    assert items["entities"]["type"]["enum"] == list(ENTITY_TYPES)
    assert items["entities"]["standpoint"]["enum"] == list(STANDPOINTS)
    assert items["events"]["kind"]["enum"] == list(EVENT_KINDS)
    stage_one, stage_each = items["events"]["proceedings"]["anyOf"]
    assert stage_one["enum"] == list(PROCEEDINGS_STAGES)
    assert stage_each["additionalProperties"]["enum"] == list(PROCEEDINGS_STAGES)
    measure = items["events"]["measures"]["items"]["properties"]
    assert measure["kind"]["enum"] == list(MEASURE_KINDS)
    assert items["events"]["changes"]["items"]["properties"]["action"]["enum"] == list(CHANGE_ACTIONS)
    assert items["quotes"]["mode"]["enum"] == list(QUOTE_MODES)
    assert items["differences"]["topic"]["enum"] == list(DIFFERENCE_TOPICS)


def test_the_measure_and_change_subsets_are_words_of_their_vocabulary() -> None:
    assert set(CUSTODIAL_MEASURES) <= set(MEASURE_KINDS)
    assert set(HOURS_MEASURES) <= set(MEASURE_KINDS) and not set(HOURS_MEASURES) & set(CUSTODIAL_MEASURES)
    assert set(ENDING_ACTIONS) <= set(CHANGE_ACTIONS) and set(RESIZING_ACTIONS) <= set(CHANGE_ACTIONS)
    assert not set(ENDING_ACTIONS) & set(RESIZING_ACTIONS)  # a resized measure is still in force
    # every word has words on screen; a hyphenated word is never shown as it is written in YAML
    for word, words in (*PROCEEDINGS_STAGES.items(), *MEASURE_KINDS.items(), *CHANGE_ACTIONS.items()):
        assert words and (words != word or "-" not in word), word


def test_every_entity_type_has_a_heading_and_a_highlight_look() -> None:
    assert tuple(ENTITY_TYPE_HEADINGS) == ENTITY_TYPES
    stylesheet = (styles_dir() / "reader.tcss").read_text(encoding="utf-8")
    for entity_type in ENTITY_TYPES:
        assert f".source-view--{entity_type} " in stylesheet, entity_type


def test_the_model_imports_nothing_of_the_project_outside_it() -> None:
    for module in sorted(MODEL.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                outside = name.split(".")[0] in {"textual", "rich"} or (
                    name.startswith("reader") and not name.startswith("reader.model"))
                assert not outside, f"{module.name} imports {name}"
