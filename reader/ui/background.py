"""Slow work (reading or checking a case) off the screen's thread: the one way the reader does it.

Opening a case from the watchlist, reading the watchlist's cases, loading a big case whole behind its
preview, checking a big case again after an edit and reloading it from disk
all go through :func:`in_background`, so they behave alike: the screen stays
live, the outcome comes back in the app's thread, a newer run can replace an
older one, and quitting never waits for one.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker

Outcome = TypeVar("Outcome")


def in_background(node: DOMNode, work: Callable[[], Outcome],
                  done: Callable[[Outcome | None, Exception | None], object], *, name: str,
                  group: str = "default", exclusive: bool = False) -> Worker[None]:
    """Run ``work()`` in a thread; then call ``done(outcome, None)``, or ``done(None, error)``, in the app's thread.

    The thread is awaited by an async Textual worker of ``node``, so the app
    knows about it like any worker (``app.workers.wait_for_complete()``
    waits for it; with ``exclusive``, a newer one in ``group`` cancels it;
    it ends with ``node``). A cancelled worker never calls ``done``: what its
    thread finds is dropped.

    The thread itself is a daemon thread rather than a Textual thread worker:
    those run in the event loop's executor, which Python waits for at exit,
    so quitting while a big case is read or checked would hang until it was
    done.
    """
    async def wait_for_thread() -> None:
        loop = asyncio.get_running_loop()
        finished: asyncio.Future[tuple[Outcome | None, Exception | None]] = loop.create_future()

        def hand_back(outcome: Outcome | None, error: Exception | None) -> None:
            if not finished.done():  # else the worker was cancelled meanwhile
                finished.set_result((outcome, error))

        def run() -> None:
            try:
                outcome: tuple[Outcome | None, Exception | None] = (work(), None)
            except Exception as error:
                outcome = (None, error)
            with contextlib.suppress(RuntimeError):  # the event loop is closed: the app has ended
                loop.call_soon_threadsafe(hand_back, *outcome)

        threading.Thread(target=run, name=name, daemon=True).start()
        done(*await finished)

    return node.run_worker(wait_for_thread, name=name, group=group, exclusive=exclusive)


def crash(app: App[Any], error: Exception) -> None:
    """End the app on a bug found in a thread, with its traceback, as Textual ends on one in its own thread."""
    from rich.traceback import Traceback  # 30 ms to import, which start-up need not pay

    app.panic(Traceback.from_exception(type(error), error, error.__traceback__))
