"""Loading split over two processes gives exactly what loading in one does.

``reader check`` and the other commands let a big case's files and sources be
split with a forked child (``load_case(..., parallel=True)``). These tests
force the split on small cases and compare it with the serial load: the
same case, the same problems in the same order. They also break the child
on purpose, to show a failed child costs time, never a different result.
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.load import case_loader, parallel
from reader.load.case_loader import LoadResult, load_case
from reader.paths import default_case
from tests.support.case_files import ENTITIES_YAML, EVENTS_YAML, write_case

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the reader forks only on Linux")


@pytest.fixture
def always_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split however small the case, and whatever this machine's cores or pytest's threads."""
    monkeypatch.setattr(case_loader, "PARALLEL_FROM_SIZE", 0)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


def pids(items: Sequence[str]) -> list[tuple[str, int]]:
    return [(item, os.getpid()) for item in items]


@pytest.mark.usefixtures("always_split")
def test_half_the_weight_runs_in_a_child_and_comes_back_in_order() -> None:
    items = ["a", "b", "c", "d", "e"]
    results = parallel.in_two(pids, items, [5, 1, 1, 2, 1])
    assert [item for item, _ in results] == items
    here = os.getpid()
    assert [pid == here for _, pid in results] == [True, False, False, False, False]


@pytest.mark.usefixtures("always_split")
def test_a_child_that_fails_has_its_half_done_here() -> None:
    parent = os.getpid()

    def fails_in_child(items: Sequence[str]) -> list[str]:
        if os.getpid() != parent:
            raise RuntimeError("broken child")
        return [item.upper() for item in items]

    assert parallel.in_two(fails_in_child, ["a", "b", "c"], [1, 1, 1]) == ["A", "B", "C"]


@pytest.mark.usefixtures("always_split")
def test_a_child_that_dies_has_its_half_done_here() -> None:
    parent = os.getpid()

    def dies_in_child(items: Sequence[str]) -> list[str]:
        if os.getpid() != parent:
            os._exit(3)
        return [item * 2 for item in items]

    assert parallel.in_two(dies_in_child, ["a", "b", "c"], [1, 1, 1]) == ["aa", "bb", "cc"]


@pytest.mark.usefixtures("always_split")
def test_a_failure_here_stops_the_child_and_is_raised() -> None:
    parent = os.getpid()
    reading, writing = os.pipe()

    def fails_here(items: Sequence[str]) -> list[str]:
        if os.getpid() == parent:
            raise ValueError("a bug in this half")
        os.write(writing, b"child started\n")
        threading.Event().wait(30)  # the child would run on, were it not stopped
        return list(items)

    started = time.monotonic()
    with pytest.raises(ValueError, match="a bug in this half"):
        parallel.in_two(fails_here, ["a", "b"], [1, 1])
    assert time.monotonic() - started < 10, "the failure waited for the child's half"
    os.close(writing)
    # Once every copy of the pipe's writing end is closed (the child's too), reading
    # it ends: within seconds if the child was stopped, not after its half minute of waiting.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ready, _, _ = select.select([reading], [], [], deadline - time.monotonic())
        if ready and not os.read(reading, 100):
            break
    else:
        pytest.fail("the child still runs")
    os.close(reading)


def test_no_fork_while_other_threads_run() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert parallel.in_two(pids, ["a", "b"], [1, 1]) == [("a", os.getpid()), ("b", os.getpid())]
    finally:
        release.set()
        thread.join()


def test_no_fork_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not parallel.can_fork()
    assert parallel.in_two(pids, ["a", "b"], [1, 1]) == [("a", os.getpid()), ("b", os.getpid())]


@pytest.mark.parametrize(("weights", "sides"), [
    ([1, 1], ([0], [1])),
    ([1, 1, 1, 1], ([0, 2], [1, 3])),
    ([33, 74, 1251, 607, 92], ([2], [0, 1, 3, 4])),  # the big file alone against all the others
    ([10, 1, 1], ([0], [1, 2])),
    ([3, 3, 2, 2, 2], ([0, 2, 4], [1, 3])),
    ([0, 0, 0], ([0, 2], [1])),  # no weight at all: still an item on each side
])
def test_sharing_out_balances_the_weights_and_leaves_each_side_an_item(
        weights: list[int], sides: tuple[list[int], list[int]]) -> None:
    assert parallel.share_out(weights) == sides


def assert_same(serial: LoadResult, split: LoadResult) -> None:
    assert [p.format() for p in split.problems] == [p.format() for p in serial.problems]
    assert split.case == serial.case
    if serial.case is not None:
        assert split.case is not None
        assert split.case.mentions == serial.case.mentions
        assert [c.span for c in split.case.all_citations()] == [c.span for c in serial.case.all_citations()]


@pytest.mark.usefixtures("always_split")
def test_the_bundled_case_loads_the_same_split() -> None:
    serial = load_case(default_case())
    split = load_case(default_case(), parallel=True)
    assert serial.case is not None and sum(map(len, serial.case.mentions.values())) > 100
    assert any(m.explicit for mentions in serial.case.mentions.values() for m in mentions)
    assert_same(serial, split)


@pytest.mark.usefixtures("always_split")
def test_a_broken_case_reports_the_same_problems_in_the_same_order_split(tmp_path: Path) -> None:
    entities = ENTITIES_YAML.replace(
        "    description: Did not comment.\n",
        "    description: Did not comment.\n    exclude:\n      - source: daily\n        quote: union leader\n"
        "      - source: weekly\n        quote: no such passage\n")
    events = EVENTS_YAML.replace("quote:", "quote: not there", 1)
    folder = write_case(tmp_path / "case", {
        "entities.yaml": entities,
        "events.yaml": events,
        "more.yaml": "case:\n  id: again\n  title: A second case section\n",
        "notes.yaml": "entities: [unclosed\n",
    })
    serial = load_case(folder)
    split = load_case(folder, parallel=True)
    assert len(serial.problems) >= 4
    assert_same(serial, split)
