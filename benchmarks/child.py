"""What runs inside each measured subprocess: a first paint, or one interactive action repeated.

Every measurement runs in a fresh interpreter, so imports, caches and the
garbage collector start cold and the peak memory (``ru_maxrss``, read by the
parent with ``os.wait4``) belongs to that measurement alone.

``python -m benchmarks.child paint reader|bare CASE WIDTH HEIGHT MARKER``
    Runs the app headless and prints ``painted`` on the first frame whose
    terminal output contains MARKER (a few words the screen must show: the
    start of the first source, or the bare app's text), then exits at once.
    The parent times from starting the process to reading that line.

``python -m benchmarks.child action NAME CASE WIDTH HEIGHT REPEATS``
    Opens the case with ``App.run_test``, lets it settle, then performs the
    action REPEATS times, timing each from sending the key (or the resize)
    to the end of the repaint, and prints the times as JSON.

Both hook ``App._display`` (private Textual API, 8.x): in headless mode Textual
composes each frame but skips turning it into terminal output; the hook does
that step too, as a real terminal would need, so it is inside the times.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets import Static

BARE_TEXT = "A bare Textual app: one Static widget and nothing else."


class _Painting:
    """Mixin: render each frame to terminal output even when headless, and watch for a marker."""

    marker: str = ""
    on_marker: Callable[[], None] | None = None

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is None or self._batch_count:  # type: ignore[attr-defined]
            return
        console = self.console  # type: ignore[attr-defined]
        if isinstance(renderable, CompositorUpdate):
            output = renderable.render_segments(console)
        else:
            output = console._render_buffer(console.render(renderable))
        if self.on_marker is not None and self.marker in output:
            self.on_marker()


class BareApp(_Painting, App[None]):
    """The yardstick: the least a Textual app can paint."""

    def compose(self) -> ComposeResult:
        yield Static(BARE_TEXT)


def _reader_app(folder: Path) -> App[Any]:
    """The app as ``reader FOLDER`` opens it (a big case on a preview while a worker loads it)."""
    from reader.ui.app import ReaderApp

    class MeasuredReader(_Painting, ReaderApp):
        pass

    return MeasuredReader(folder)


def paint(which: str, folder: str, width: int, height: int, marker: str) -> None:
    """Run an app until its first frame showing ``marker``; say so on stdout and exit at once."""
    app = BareApp() if which == "bare" else _reader_app(Path(folder))
    app.marker = marker

    def painted() -> None:
        os.write(1, b"painted\n")
        os._exit(0)  # the time is taken; tearing the app down is not part of it

    app.on_marker = painted
    app.run(headless=True, size=(width, height))
    os.write(1, b"never painted\n")
    sys.exit(1)


# --- interactive actions -----------------------------------------------------------------

async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every pending message is handled and the screen is repainted, without sleeping.

    ``Pilot.pause`` sleeps at least 20 ms waiting for the CPU to go idle, and
    its ``_wait_for_screen`` pings every widget (a thousand with 200 sources),
    which would be timed as if it were the app's work. Here the event loop is
    only let run (``asyncio.sleep(0)``) until no widget of the screen has a
    message waiting, twice in a row, forcing the repaint whenever the screen
    needs one (as ``Pilot.pause`` itself ends by doing).
    """
    app = pilot.app
    quiet = 0
    for _ in range(10_000):
        await asyncio.sleep(0)
        screen = app.screen
        if (screen._layout_required or screen._repaint_required or screen._dirty_widgets
                or screen._scroll_required or screen._recompose_required):
            screen._on_timer_update()
            quiet = 0
        elif any(node._message_queue.qsize() for node in (app, screen, *screen.walk_children())):
            quiet = 0
        else:
            quiet += 1
            if quiet == 2:
                return
    raise RuntimeError("the app did not settle")


def send_key(app: App[Any], key: str) -> None:
    """Post a key press to the app as its driver would, without Pilot's sleeps."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app.post_message(event)


#: An action: one repeat, given the pilot and the repeat's number. It returns None to be
#: timed whole, or the seconds it timed itself (when it needs untimed set-up first).
Action = Callable[[Pilot[Any], int], Awaitable[float | None]]


async def _key(pilot: Pilot[Any], key: str) -> None:
    send_key(pilot.app, key)
    await settle(pilot)


async def scroll_page(pilot: Pilot[Any], repeat: int) -> None:
    """Page down through the active source; at the end, page back up (so no press is a no-op)."""
    view = pilot.app.focused
    going_up = getattr(view, "_bench_up", False)
    if view is not None and view.scroll_y >= view.max_scroll_y:
        going_up = True
    elif view is not None and view.scroll_y <= 0:
        going_up = False
    if view is not None:
        view._bench_up = going_up  # type: ignore[attr-defined]
    await _key(pilot, "pageup" if going_up else "pagedown")


async def toggle_highlights(pilot: Pilot[Any], repeat: int) -> None:
    """``h``: highlights off, then on again, alternately."""
    await _key(pilot, "h")


async def no_op_key(pilot: Pilot[Any], repeat: int) -> None:
    """A key nothing is bound to: what sending a key and settling costs by itself."""
    await _key(pilot, "f19")


async def resize(pilot: Pilot[Any], repeat: int) -> None:
    """Alternate between the measured size and a slightly smaller one (the same layout)."""
    app = pilot.app
    width, height = app._bench_sizes[repeat % 2]  # type: ignore[attr-defined]
    size = Size(width, height)
    app._driver._size = size  # type: ignore[union-attr]
    app.post_message(events.Resize(size, size))
    await settle(pilot)
    # The app passes a resize on to the screen after a 1/120 s debounce timer; run it
    # now rather than time the wait (latency, not work).
    app._check_resize()
    await settle(pilot)


async def _timed(pilot: Pilot[Any], key: str) -> float:
    start = time.perf_counter()
    await _key(pilot, key)
    return time.perf_counter() - start


def _most_mentioned(app: App[Any]) -> str:
    counts: dict[str, int] = {}
    for mentions in app.screen.case.mentions.values():  # type: ignore[attr-defined]
        for mention in mentions:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    return max(counts, key=lambda entity_id: (counts[entity_id], entity_id))


async def open_entity_panel(pilot: Pilot[Any], repeat: int) -> float:
    """``e`` with the panel closed (timed), then ``e`` again to close it (untimed)."""
    elapsed = await _timed(pilot, "e")
    await _key(pilot, "e")
    return elapsed


async def open_coverage(pilot: Pilot[Any], repeat: int) -> float:
    """``o``: the coverage view (every event by every source) built and shown (timed); ``Esc`` closes it (untimed)."""
    elapsed = await _timed(pilot, "o")
    await _key(pilot, "escape")
    return elapsed


async def select_most_mentioned(pilot: Pilot[Any], repeat: int) -> float:
    """Select the entity with the most mentions, as the palette's entity command does (and go to its first).

    The selection is cleared first, untimed, so every repeat selects anew.
    """
    screen = pilot.app.screen
    screen.selected_entity = None  # type: ignore[attr-defined]
    await settle(pilot)
    entity_id = _most_mentioned(pilot.app)
    start = time.perf_counter()
    screen.select_entity(entity_id)  # type: ignore[attr-defined]
    await settle(pilot)
    return time.perf_counter() - start


async def next_mention(pilot: Pilot[Any], repeat: int) -> float:
    """``n``: the next mention of the most-mentioned entity (selected once, untimed)."""
    screen = pilot.app.screen
    if screen.selected_entity is None:  # type: ignore[attr-defined]
        screen.select_entity(_most_mentioned(pilot.app))  # type: ignore[attr-defined]
        await settle(pilot)
    return await _timed(pilot, "n")


async def search_sources(pilot: Pilot[Any], repeat: int) -> float:
    """The last keystroke of a word in the search box: every source is searched for it.

    The box is opened and the word but its last letter typed untimed; the
    word is one of the source texts' common words (see ``search_word``).
    """
    app = pilot.app
    bars = app.screen.query("#search-bar")
    if not bars or not bars.first().display:  # the box is made the first time it opens
        await _key(pilot, "slash")
    bar = app.screen.query_one("#search-bar")
    word = app._bench_word  # type: ignore[attr-defined]
    bar.value = word[:-1]
    await settle(pilot)
    return await _timed(pilot, word[-1])


def search_word(app: App[Any]) -> str:
    """A word of five letters or more that the first source uses often (so the search finds many places)."""
    counts: dict[str, int] = {}
    case = app.screen.case  # type: ignore[attr-defined]
    for word in next(iter(case.sources.values())).text.split():
        if len(word) >= 5 and word.isalpha() and word.islower():
            counts[word] = counts.get(word, 0) + 1
    return max(counts, key=lambda word: (counts[word], word))


ACTIONS: dict[str, Action] = {
    "open_entity_panel": open_entity_panel,
    "open_coverage": open_coverage,
    "select_most_mentioned": select_most_mentioned,
    "next_mention": next_mention,
    "search_sources": search_sources,
    "scroll_page": scroll_page,
    "toggle_highlights": toggle_highlights,
    "no_op_key": no_op_key,
    "resize": resize,
}


async def run_action(name: str, folder: str, width: int, height: int, repeats: int) -> list[float]:
    """Open the case in ``folder`` at ``width`` x ``height`` and time ``repeats`` runs of the action ``name``."""
    app = _reader_app(Path(folder))
    app._bench_sizes = [(width - 20, height - 4), (width, height)]  # type: ignore[attr-defined]
    action = ACTIONS[name]
    times = []
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        # A big case opens on a preview: the actions are measured on the whole case.
        await app.case_loaded.wait()
        await pilot.pause()
        await settle(pilot)
        app._bench_word = search_word(app)  # type: ignore[attr-defined]
        for repeat in range(repeats + 2):
            start = time.perf_counter()
            timed = await action(pilot, repeat)
            elapsed = time.perf_counter() - start if timed is None else timed
            if repeat >= 2:  # the first two warm up caches a user would have warmed too
                times.append(elapsed)
            await pilot.pause()  # untimed: let timers and late messages finish before the next
    return times


def main(argv: list[str]) -> None:
    """Entry point: see the module docstring."""
    if argv[0] == "paint":
        which, folder, width, height, marker = argv[1:6]
        paint(which, folder, int(width), int(height), marker)
    elif argv[0] == "action":
        name, folder, width, height, repeats = argv[1:6]
        times = asyncio.run(run_action(name, folder, int(width), int(height), int(repeats)))
        print(json.dumps({"times": times}))
    else:
        raise SystemExit(f"unknown child command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
