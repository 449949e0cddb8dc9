"""The benchmark's case generator and actions: its cases are valid and the same every time; its actions run.

Only the small "tiny" size is generated here, and each action is run once
on the bundled case, untimed; the benchmark itself (``python -m
benchmarks``) never runs as part of the test suite.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks import child
from benchmarks.generate import SIZES, case_folder, generate
from reader.load.case_loader import load_case
from reader.model.status import case_status
from reader.paths import default_case


def test_a_generated_case_loads_without_problems(tmp_path: Path) -> None:
    size = SIZES["tiny"]
    result = load_case(generate(size, tmp_path / "tiny"))
    assert [problem.format() for problem in result.problems] == []
    case = result.case
    assert case is not None
    assert len(case.sources) == size.sources
    assert len(case.entities) == size.entities
    assert len(case.events) == size.events
    # Every placed name is found, give or take the ones an exclude or an explicit mention replaced.
    automatic = sum(1 for mentions in case.mentions.values() for m in mentions if not m.explicit)
    assert size.mentions - 2 * size.excludes - size.sources <= automatic <= size.mentions
    assert any(m.explicit for mentions in case.mentions.values() for m in mentions)
    assert sum(len(entity.exclude) for entity in case.entities.values()) == size.excludes
    # In case format 2: its first event moves the subject's proceedings and imposes a prison term.
    [subject] = case.subject_ids
    [measure] = case.measures.values()
    assert (measure.id, measure.kind, measure.person_id, measure.event_id) == (
        "measure-1", "imprisonment", subject, "event-1")
    [person] = case_status(case, today=dt.date(2026, 12, 2)).people
    assert person.stage is not None and [m.id for m in person.measures] == ["measure-1"]
    assert person.measures[0].computed_end is not None


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(SIZES["tiny"], tmp_path / "one")
    second = generate(SIZES["tiny"], tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_cases_are_cached_and_small_is_the_bundled_case(tmp_path: Path) -> None:
    folder = case_folder("tiny", cache=tmp_path)
    stamp = (folder / ".complete").stat().st_mtime_ns
    assert case_folder("tiny", cache=tmp_path) == folder
    assert (folder / ".complete").stat().st_mtime_ns == stamp  # reused, not written again
    assert (case_folder("small") / "case.yaml").is_file()


@pytest.mark.parametrize("action", sorted(child.ACTIONS))
async def test_every_benchmark_action_runs_on_the_bundled_case(action: str) -> None:
    # The benchmark is not run by CI: this keeps its actions working as the app changes.
    times = await child.run_action(action, str(default_case()), 120, 40, repeats=1)
    assert len(times) == 1 and times[0] > 0
