"""Suggestions in the reader (``u``): a look of their own, worked out off the screen's thread, taken in with ``a``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.model import Span
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.dialogs import Choose
from reader.ui.widgets.source_view import SUGGESTION_CLASS, SourceView
from tests.support.pilot import SIZE, TODAY, case_screen_of, choose, fill, status_line, wait_until


async def show_suggestions(pilot, screen: CaseScreen) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("u")
    await wait_until(pilot, lambda: screen.suggester.suggestions, "the suggestions worked out")
    await pilot.pause()


def span_of(view: SourceView, words: str) -> Span:
    start = view.source.text.index(words)
    return Span(start, start + len(words))


async def test_u_shows_the_suggestions_in_a_look_of_their_own_and_hides_them_again() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = case_screen_of(app)
        view = screen.deck.view("owp")
        assert view.suggested == ()
        await show_suggestions(pilot, screen)
        kazak = span_of(view, "Kazak President")
        kazak = Span(kazak.start, kazak.start + len("Kazak"))
        assert kazak in view.suggested
        assert "suggestion" in status_line(app) and "u hides" in status_line(app)
        view.reveal(kazak, mark=False)
        await pilot.pause()
        row = view.rows[view.row_of(kazak.start)]
        assert (kazak.start - row.start, kazak.end - row.start, SUGGESTION_CLASS) in view.row_paint(row)
        # The look is not any entity type's: the stylesheet gives it a style of its own.
        look = view.get_component_rich_style(SUGGESTION_CLASS)
        assert all(look != view.get_component_rich_style(f"source-view--{kind}")
                   for kind in ("person", "organisation", "place", "law", "charge", "amount", "date"))
        await pilot.press("u")
        await pilot.pause()
        assert view.suggested == () and not screen.suggester.shown


async def test_a_on_a_suggestion_adds_it_as_a_new_entity(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = case_screen_of(app)
        await show_suggestions(pilot, screen)
        view = screen.deck.view("owp")
        kazak = span_of(view, "Kazak President")
        view.reveal(kazak, mark=False)
        await pilot.pause()
        # A click on the suggestion selects it; a takes it in.
        row = view.row_of(kazak.start)
        await pilot.click(view, offset=(1 + kazak.start - view.rows[row].start, row - round(view.scroll_y)))
        await pilot.pause()
        assert view.selection == Span(kazak.start, kazak.start + len("Kazak"))
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Choose) and "Kazak" in dialog.dialog_title
        await choose(pilot, "entity")
        await fill(pilot, {"type": "place", "name": "Kazak", "description": "Of Kazakhstan (OWP's spelling)."})
        entity = screen.case.entities["kazak"]
        assert (entity.type, entity.name) == ("place", "Kazak")
        assert screen.annotator.unsaved_files == [folder / "entities.yaml"]
        # Taken in, it is a mention now, and no longer suggested once they are worked out again.
        await wait_until(pilot, lambda: screen.suggester.suggestions and all(
            s.text != "Kazak" for s in screen.suggester.suggestions), "the suggestions worked out again")
        assert not any(span.start == kazak.start for span in view.suggested)


async def test_a_on_another_spelling_adds_it_to_the_entity_it_was_suggested_for(folder: Path) -> None:
    entities = folder / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("aliases: [Baltabay, Erlan Baltabai, Baltabai, Mr Baltabai, Erlan]",
                                     "aliases: [Baltabay, Mr Baltabai]"), encoding="utf-8")
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = case_screen_of(app)
        await show_suggestions(pilot, screen)
        spelling = next(s for s in screen.suggester.suggestions if s.text == "Erlan Baltabai")
        assert spelling.alias_of == "erlan-baltabay"
        view = screen.deck.view("owp")
        place = spelling.places[0]
        screen.deck.active_source = "owp"
        view.focus()
        view.selection = Span(place.span.start + 2, place.span.start + 3)  # the caret inside the suggestion
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "alias")
        assert "Erlan Baltabai" in screen.case.entities["erlan-baltabay"].aliases
        assert screen.annotator.unsaved_files == [entities]


async def test_a_elsewhere_annotates_as_before() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = case_screen_of(app)
        await show_suggestions(pilot, screen)
        view = screen.deck.view("owp")
        view.focus()
        view.selection = span_of(view, "Worrying Trend")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Choose) and dialog.dialog_title == "Annotate"


def test_the_app_starts_without_rapidfuzz_or_unidecode_and_u_brings_them() -> None:
    probe = """
import asyncio, sys
from reader.ui.app import ReaderApp

async def main():
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print('started:', sorted(m for m in ('rapidfuzz', 'unidecode') if m in sys.modules))
        await pilot.press('u')
        for _ in range(500):
            if app.screen.suggester.suggestions:
                break
            await pilot.pause()
        print('after u:', sorted(m for m in ('rapidfuzz', 'unidecode') if m in sys.modules))

asyncio.run(main())
"""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["started: []", "after u: ['rapidfuzz', 'unidecode']"]
