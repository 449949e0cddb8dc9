"""Do a slice of loading in a second process, on the machine's second core.

Checking a big case from the command line spends most of its time on work
that splits cleanly: reading each case file, and placing each source's
quotes and names. :func:`in_two` hands about half of such a list (by weight)
to a forked child and does the rest itself; the child sends its results
back pickled. The result is exactly the serial one, in the same order.

Forking is only safe in a process with no other threads, so only the
command-line commands ask for it; the reader, which loads in a worker
thread, does not. Wherever forking is not safe or of no use (not Linux,
a single core), or the child fails for any reason, the work is done here:
a failed child costs time, never a different result.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether a child process could run on a core of its own, safely, here."""
    # Linux only: macOS's system libraries are not safe to use in a forked child
    # (Python's multiprocessing stopped forking there by default for that reason).
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) > 1


def share_out(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Split items between two sides of about equal weight: the indexes of each side, in order.

    The heaviest item goes first, each to the lighter side (on a tie, the side
    with fewer items), so neither side is left empty when there are two items
    or more, and one big item is not dragged along with its neighbours.
    """
    sides: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for index in sorted(range(len(weights)), key=weights.__getitem__, reverse=True):
        side = 0 if (loads[0], len(sides[0])) <= (loads[1], len(sides[1])) else 1
        sides[side].append(index)
        loads[side] += weights[index]
    return sorted(sides[0]), sorted(sides[1])


def in_two(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
           weights: Sequence[int]) -> list[Result]:
    """``work(items)``, with about half of the items (by weight) done in a forked child.

    ``work`` maps items to one result each, in order, touching nothing shared:
    whatever it changes in the child is lost, only what it returns comes back.
    The results come back in the order of ``items``.
    """
    if len(items) < 2 or not can_fork():
        return work(items)
    mine, theirs = share_out(weights)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
        _run_child(work, [items[index] for index in theirs], reading, writing)
    os.close(writing)
    try:
        my_results = work([items[index] for index in mine])
    except BaseException:  # a bug here, or Ctrl-C: the child's half is of no use any more
        os.close(reading)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    with os.fdopen(reading, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(child, 0)
    their_results: list[Result] | None = None
    if status == 0 and payload:
        try:
            their_results = pickle.loads(payload)
        except Exception:  # a garbled answer is redone below, never trusted
            their_results = None
    if their_results is None or len(their_results) != len(theirs):
        their_results = work([items[index] for index in theirs])
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, result in zip(mine, my_results, strict=True):
        results[index] = result
    for index, result in zip(theirs, their_results, strict=True):
        results[index] = result
    return results


def _run_child(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
               reading: int, writing: int) -> None:  # pragma: no cover - runs in the child
    """Do ``work(items)``, write the pickled results to the pipe, and leave without cleaning up."""
    code = 1
    try:
        os.close(reading)
        payload = pickle.dumps(work(items), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:  # whatever went wrong, the parent redoes the work
        pass
    finally:
        # Straight out: no atexit handlers, no flushing of buffers the parent also holds.
        os._exit(code)
