"""A big case opens on a preview of its first source while a worker loads the whole case."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.ui.app as app_module
from reader.load.case_loader import LoadResult, load_case
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.watchlist import WatchlistScreen
from reader.ui.widgets.source_view import SourceView
from tests.support.case_files import DAILY_TEXT, write_case
from tests.support.pilot import status_line, wait_until


@pytest.fixture
def gated_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every case counts as big, and the whole-case load waits until the test sets the returned event."""
    gate = threading.Event()

    def load_when_let(folder: Path) -> LoadResult:
        assert gate.wait(10), "the test never let the load finish"
        return load_case(folder)

    monkeypatch.setattr(app_module, "PREVIEW_FROM_BYTES", 0)
    monkeypatch.setattr(app_module, "load_case", load_when_let)
    yield gate
    gate.set()  # never leave a loading thread waiting


async def test_the_preview_shows_the_first_source_then_the_whole_case_arrives(
        case_dir: Path, gated_load: threading.Event) -> None:
    full = load_case(case_dir).case
    assert full is not None
    first = next(iter(full.sources.values()))
    app = ReaderApp(case_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.previewing
        view = screen.deck.view(first.id)
        assert view.source.text == first.text  # the text as the whole load will give it
        assert view.highlights == []
        assert "Loading all 2 sources" in status_line(screen)
        assert screen.case.entities == {} and screen.annotator.session is None
        assert app.title == full.title
        await pilot.press("v", "l", "l", "a")  # nothing to annotate in a preview: it says why
        assert "still loading" in status_line(screen)

        gated_load.set()
        await app.case_loaded.wait()
        await pilot.pause()
        assert app.screen is screen and not screen.previewing
        assert screen.case.entities.keys() == full.entities.keys()
        assert full.subject_ids[0] in {h.entity_id for h in screen.deck.view(first.id).highlights}
        assert screen.annotator.session is not None
        assert "2 sources" in status_line(screen) and "Loading" not in status_line(screen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_place_read_in_the_preview_is_kept(tmp_path: Path, gated_load: threading.Event) -> None:
    long_text = DAILY_TEXT + "\n" + "\n\n".join(
        f"Paragraph {number} says nothing the annotations quote, so that the text runs long." for number in range(200))
    folder = write_case(tmp_path / "case", files={"sources/daily.txt": long_text})
    app = ReaderApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        view = screen.query_one(SourceView)
        await pilot.press("pagedown", "pagedown")
        top = view.top_offset
        assert top > 0
        gated_load.set()
        await app.case_loaded.wait()
        await pilot.pause()
        assert not screen.previewing
        assert view.top_offset == top
        assert view.highlights


async def test_a_big_case_with_errors_shows_its_problems_after_the_preview(
        tmp_path: Path, gated_load: threading.Event) -> None:
    folder = write_case(tmp_path / "case", files={"events.yaml": "events:\n  - id: x\n    kind: arrest\n"})
    app = ReaderApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and app.screen.previewing
        gated_load.set()
        await app.case_loaded.wait()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("q")
    assert app.return_code == 1


async def test_warnings_found_by_the_whole_load_show_in_the_bottom_bar(
        tmp_path: Path, gated_load: threading.Event) -> None:
    folder = write_case(tmp_path / "case", files={"quotes.yaml": ""})  # an empty case file is a warning
    app = ReaderApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#warnings")
        gated_load.set()
        await app.case_loaded.wait()
        await pilot.pause()
        assert str(app.screen.query_one("#warnings").render()) == "1 warning: reader check"


async def test_a_small_case_opens_whole_at_once(case_dir: Path) -> None:
    app = ReaderApp(case_dir)
    assert app.preview is None and app.result is not None and app.result.case is not None


async def test_quitting_while_a_big_case_loads_does_not_wait_for_it(
        case_dir: Path, gated_load: threading.Event) -> None:
    app = ReaderApp(case_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.preview is not None
        await pilot.press("q")
    # The load is still held (the gate is shut): the app ended without it.
    assert not gated_load.is_set() and not app.case_loaded.is_set()
    assert app.return_code == 0


# -- one way to open a case: from the watchlist too ----------------------------------


async def test_a_big_case_chosen_from_the_list_opens_on_its_preview_as_from_the_command_line(
        tmp_path: Path, gated_load: threading.Event) -> None:
    write_case(tmp_path / "cases" / "case")
    app = ReaderApp(tmp_path / "cases")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the preview")
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.previewing and not app.case_loaded.is_set()
        gated_load.set()
        await app.case_loaded.wait()
        await pilot.pause()
        assert app.screen is screen and not screen.previewing and screen.annotator.session is not None
        await pilot.press("escape")  # nothing to clear: back to the watchlist, which was there all along
        await wait_until(pilot, lambda: isinstance(app.screen, WatchlistScreen), "back on the watchlist")
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_case_left_while_it_loads_is_not_shown_after_all(
        tmp_path: Path, gated_load: threading.Event) -> None:
    write_case(tmp_path / "cases" / "case")
    app = ReaderApp(tmp_path / "cases")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the preview")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, WatchlistScreen), "back on the watchlist")
        gated_load.set()  # the load finishes now, for a case no longer open
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen) and len(app.screen_stack) == 1
        assert app.case_loaded.is_set() and app.result is None


async def test_a_big_case_with_errors_chosen_from_the_list_shows_its_problems_in_place_of_the_preview(
        tmp_path: Path, gated_load: threading.Event) -> None:
    write_case(tmp_path / "cases" / "case", files={"events.yaml": "events:\n  - id: x\n    kind: arrest\n"})
    app = ReaderApp(tmp_path / "cases")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the preview")
        gated_load.set()
        await app.case_loaded.wait()
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems")
        await pilot.press("escape")  # back to the watchlist, not to the preview of a case that cannot be read
        await wait_until(pilot, lambda: isinstance(app.screen, WatchlistScreen), "back on the watchlist")
        assert len(app.screen_stack) == 1
