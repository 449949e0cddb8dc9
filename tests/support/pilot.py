"""Driving the reader with Pilot: waiting on state, reading the screen, the palette, selecting and annotating.

Tests wait on state, never on the clock: :func:`wait_until` lets the app run
(``pilot.pause()``, which returns once the app is idle) until a condition
holds, and fails after a bounded number of pauses rather than hanging.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select

from reader.model import Span
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.dialogs import Choose, Form, Pick
from reader.ui.widgets.source_view import SourceView

#: How many pauses :func:`wait_until` allows by default: each lasts at least 20 ms, so 10 s or more in all.
PAUSES = 500
#: The terminal size and the day the annotating and saving tests run at.
SIZE = (120, 40)
TODAY = dt.date(2026, 11, 26)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], what: str, *, pauses: int = PAUSES) -> None:
    """Let the app run until ``condition()`` holds; fail, naming ``what``, if it still does not after ``pauses``."""
    for _ in range(pauses):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


# -- where things are -------------------------------------------------------------

def screen_of(app: App[Any]) -> CaseScreen:
    """The case screen, which must be the screen on top."""
    assert isinstance(app.screen, CaseScreen), type(app.screen).__name__
    return app.screen


def case_screen_of(app: App[Any]) -> CaseScreen:
    """The case screen, under any dialog (over the watchlist, when the case was opened from one)."""
    return next(screen for screen in reversed(app.screen_stack) if isinstance(screen, CaseScreen))


def view_of(app: App[Any], source_id: str) -> SourceView:
    """The source view of a source whose pane the screen on top shows."""
    return app.screen.query_one(f"#source-{source_id} SourceView", SourceView)


def status_line(where: App[Any] | Screen[Any]) -> str:
    """The status line's text: of the screen on top of an app, or of a given screen (under a dialog, say)."""
    screen = where.screen if isinstance(where, App) else where
    return str(screen.query_one("#status-line").render())


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, one line a row, as plain text.

    Read from the screen's compositor, a private part of Textual: it offers
    no public way to read the screen as text (``export_screenshot`` gives an
    SVG whose text leaves out blank runs and comes with its styles). This is
    the one place the tests reach for it.
    """
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- the command palette ------------------------------------------------------------

def palette_settled(app: App[Any]) -> bool:
    """Whether the command palette is on top and done gathering the commands that match what was typed."""
    palette = app.screen
    return (isinstance(palette, CommandPalette)
            and not any(worker.node is palette and not worker.is_finished for worker in app.workers)
            and palette.query_one(CommandList).option_count > 0)


async def palette_search(pilot: Pilot[Any], text: str) -> None:
    """Open the command palette (unless it is open), type ``text``, and wait for its matches."""
    if not isinstance(pilot.app.screen, CommandPalette):
        await pilot.press("ctrl+p")
    await pilot.press(*text)
    await pilot.pause()  # the last keystroke's search has started
    await wait_until(pilot, lambda: palette_settled(pilot.app), f"the palette's matches for {text!r}")
    await pilot.pause()  # and the matches are drawn


async def palette_run(pilot: Pilot[Any], text: str) -> None:
    """Run the palette's best match for ``text``."""
    await palette_search(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


# -- selecting and annotating -------------------------------------------------------

def select(app: App[Any], source_id: str, words: str, occurrence: int = 1) -> Span:
    """Select ``words`` in a source as a drag would, and make that source active."""
    screen = case_screen_of(app)
    view = screen.deck.view(source_id)  # a source not shown yet gets its pane now
    start = -1
    for _ in range(occurrence):
        start = view.source.text.index(words, start + 1)
    span = Span(start, start + len(words))
    screen.deck.active_source = source_id
    view.focus()
    view.selection = span
    return span


async def choose(pilot: Pilot[Any], option_id: str) -> None:
    """In the Choose dialog on top, pick the option with ``option_id``."""
    dialog = pilot.app.screen
    assert isinstance(dialog, Choose)
    options = dialog.query_one(OptionList)
    options.highlighted = options.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def pick(pilot: Pilot[Any], text: str) -> None:
    """In the Pick dialog on top, type ``text`` and take the first match."""
    assert isinstance(pilot.app.screen, Pick)
    await pilot.press(*text, "enter")
    await pilot.pause()


async def fill(pilot: Pilot[Any], values: dict[str, str]) -> None:
    """In the Form on top, set the fields and save."""
    form = pilot.app.screen
    assert isinstance(form, Form)
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


async def add_kazakhstan_again(pilot: Pilot[Any]) -> None:
    """Annotate OWP's "Kazakhstan" (bundled case) as a new place: the checker refuses two entities owning one name."""
    select(pilot.app, "owp", "Kazakhstan")
    await pilot.press("a")
    await pilot.pause()
    await choose(pilot, "entity")
    await fill(pilot, {"type": "place", "name": "Kazakhstan", "description": "Again."})


async def add_president_alias(pilot: Pilot[Any]) -> None:
    """In the bundled case, annotate OWP's "Kazak President" as another name of Tokayev."""
    select(pilot.app, "owp", "Kazak President")
    await pilot.press("a")
    await pilot.pause()
    await choose(pilot, "alias")
    await pick(pilot, "Tokayev")
