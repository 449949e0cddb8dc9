"""A bundled case with its annotations taken away: the sources alone, as a case starts."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.paths import bundled_cases

#: The case files that hold annotations: entities (with their mentions), and what refers to them.
ANNOTATION_FILES = ("entities.yaml", "events.yaml", "quotes.yaml", "differences.yaml")


def unannotated_copy(name: str, where: Path) -> Path:
    """Copy bundled case ``name`` into ``where`` with no entities, mentions, events, quotes or differences.

    ``case.yaml`` keeps its sources (and its subjects, which now name no
    one: ``reader check`` calls that an error, as it would on a case just begun).
    """
    folder = where / name
    shutil.copytree(bundled_cases() / name, folder)
    for file in ANNOTATION_FILES:
        (folder / file).unlink()
    return folder
