"""Do a slice of loading in a second process, on the machine's second core.

Checking a big case from the command line spends most of its time on work
that splits cleanly: reading each case file, and placing each source's
quotes and names. :func:`in_two` hands the second half of such a list to a
forked child and does the first half itself; the child sends its results
back pickled. The result is exactly the serial one, in the same order.

Forking is only safe in a process with no other threads, so only the
command-line commands ask for it; the reader, which loads in a worker
thread, does not. Wherever forking is unavailable (not POSIX, a single
core), or the child fails for any reason, the work is done here instead:
a failed child costs time, never a different result.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether a child process could run on a core of its own, safely, here."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) > 1


def balanced_cut(weights: Sequence[int]) -> int:
    """Where to cut a list so both parts weigh about the same (at least one item in each)."""
    total, running = sum(weights), 0
    for index, weight in enumerate(weights):
        if running + weight / 2 >= total / 2:
            return min(max(index, 1), len(weights) - 1)
        running += weight
    return len(weights) - 1


def in_two(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
           weights: Sequence[int]) -> list[Result]:
    """``work(items)``, with its second half (by weight) done in a forked child.

    ``work`` maps items to one result each, in order, touching nothing shared:
    whatever it changes in the child is lost, only what it returns comes back.
    """
    if len(items) < 2 or not can_fork():
        return work(items)
    cut = balanced_cut(weights)
    mine, theirs = items[:cut], items[cut:]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
        _run_child(work, theirs, reading, writing)
    os.close(writing)
    results = work(mine)
    with os.fdopen(reading, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(child, 0)
    if status == 0 and payload:
        try:
            return results + pickle.loads(payload)
        except Exception:  # a garbled answer is redone below, never trusted
            pass
    return results + work(theirs)


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
