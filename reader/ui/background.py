"""Slow work (reading or checking a big case) in a thread, its outcome handed back to the app."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

Outcome = TypeVar("Outcome")


def in_background(app: App[Any], work: Callable[[], Outcome],
                  done: Callable[[Outcome | None, Exception | None], object], *, name: str) -> None:
    """Run ``work()`` in a thread; then call ``done(outcome, None)``, or ``done(None, error)``, in the app's thread.

    A daemon thread rather than a Textual thread worker: those run in the
    event loop's executor, which Python waits for at exit, so quitting while
    a big case is read or checked would hang until it was done. When the app
    has closed in the meantime, ``done`` is not called.
    """
    def hand_back(outcome: Outcome | None, error: Exception | None) -> None:
        if not app.is_running:
            return
        with contextlib.suppress(RuntimeError):  # the app is closing just now
            app.call_from_thread(done, outcome, error)

    def run() -> None:
        try:
            outcome = work()
        except Exception as error:
            hand_back(None, error)
        else:
            hand_back(outcome, None)

    threading.Thread(target=run, name=name, daemon=True).start()


def crash(app: App[Any], error: Exception) -> None:
    """End the app on a bug found in a thread, with its traceback, as Textual ends on one in its own thread."""
    from rich.traceback import Traceback  # 30 ms to import, which start-up need not pay

    app.panic(Traceback.from_exception(type(error), error, error.__traceback__))
