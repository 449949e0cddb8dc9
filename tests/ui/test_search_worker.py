"""Search in a big case: the sources on screen at once, every source in a worker thread.

``SEARCH_AT_ONCE`` is set to 0 so a small in-memory case takes the big case's
path. The worker's search is held on a gate (a :class:`threading.Event`) where
a test needs to see the state before it reports, or to make it report late.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from reader.model import Span
from reader.model.search import TextSearch
from reader.ui.screens import guide
from reader.ui.widgets.search_bar import SearchBar
from tests.support.cases import long_text, make_case, reader_for
from tests.support.pilot import screen_of, status_line, view_of

NARROW = (80, 24)
SOURCES = [f"s{number:02}" for number in range(1, 21)]


def search_count(app) -> str:
    """What the search line says beside the box: how many matches."""
    return str(app.screen.query_one("#search-count").render())


def needle_at(text: str, word: str = "needle") -> Span:
    start = text.index(word)
    return Span(start, start + len(word))


@pytest.fixture
def texts() -> dict[str, str]:
    """Twenty sources; every one but the first says "needle" once."""
    return {source_id: long_text(paragraphs=2, label=f"Source{source_id}") + ("" if source_id == "s01" else
                                                                               "a needle here\n")
            for source_id in SOURCES}


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, threading.Event]]:
    """Hold the worker's search for a query until the test sets the query's event (the UI thread never waits)."""
    monkeypatch.setattr(guide, "SEARCH_AT_ONCE", 0)
    gates: dict[str, threading.Event] = {}
    find = TextSearch.find

    def held_find(self: TextSearch, query: str, **options):
        if threading.current_thread() is not threading.main_thread() and query in gates:
            assert gates[query].wait(10), "the test never opened the gate"
        return find(self, query, **options)

    monkeypatch.setattr(TextSearch, "find", held_find)
    yield gates
    for event in gates.values():  # never leave a worker thread waiting
        event.set()


async def test_the_shown_source_is_searched_at_once_and_every_source_by_the_worker(texts, gate) -> None:
    gate["needle"] = threading.Event()
    app = reader_for(make_case(texts))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("right_square_bracket")  # to s02, which says "needle"
        await pilot.pause()
        await pilot.press("slash", *"needle")
        await pilot.pause()
        # The worker is held: the source on screen shows its match, the others wait for the count.
        assert view_of(app, "s02").matches == (needle_at(texts["s02"]),)
        assert view_of(app, "s01").matches == ()
        assert "Searching every source for “needle”" in status_line(app)
        assert search_count(app) == "searching…"
        assert screen.guide.walk.places == []
        gate["needle"].set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [place.source_id for place in screen.guide.walk.places] == SOURCES[1:]
        assert all(place.span == needle_at(texts[place.source_id]) for place in screen.guide.walk.places)
        assert "19 matches for “needle”" in status_line(app)
        assert search_count(app) == "1 of 19"  # s02's, on screen, is the first from where the reader is
        await pilot.press("enter", "n")
        await pilot.pause()
        # A pane made after the search (s03's) gets its match too.
        assert screen.deck.active_source == "s03" and view_of(app, "s03").matches == (needle_at(texts["s03"]),)
        assert "Match 2 of 19" in status_line(app)


async def test_a_search_superseded_by_the_next_keystroke_never_shows_its_results(texts, gate) -> None:
    gate["needl"] = threading.Event()
    app = reader_for(make_case(texts))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("slash", *"needl")
        await pilot.pause()
        await pilot.press("e")  # "needle": its worker runs while the one for "needl" is still held
        await app.workers.wait_for_complete()
        await pilot.pause()
        gate["needl"].set()  # the stale search now finishes, late
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.guide.walk.places) == 19
        assert all(len(place.span) == len("needle") for place in screen.guide.walk.places)
        assert "19 matches for “needle”" in status_line(app)
        # Even a stale result that did reach the screen is dropped.
        stale = [place for place in screen.guide.walk.places[:3]]
        screen.post_message(SearchBar.Found(0, stale))  # 0: the token before any search
        await pilot.pause()
        assert len(screen.guide.walk.places) == 19 and "19 matches" in status_line(app)


async def test_enter_and_n_do_not_wait_for_the_worker(texts, gate) -> None:
    gate["needle"] = threading.Event()  # held until the test ends
    app = reader_for(make_case(texts))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("slash", *"needle")
        await pilot.pause()
        assert screen.guide.walk.places == [] and view_of(app, "s01").matches == ()  # s01 has no needle
        await pilot.press("enter")  # every source is searched now, for the first match after s01
        await pilot.pause()
        assert screen.deck.active_source == "s02" and len(screen.guide.walk.places) == 19
        assert view_of(app, "s02").mark == needle_at(texts["s02"])
        assert "Match 1 of 19" in status_line(app)
        await pilot.press("n")
        await pilot.pause()
        assert screen.deck.active_source == "s03" and "Match 2 of 19" in status_line(app)


async def test_clearing_the_search_while_the_worker_runs_leaves_no_match(texts, gate) -> None:
    gate["needle"] = threading.Event()
    app = reader_for(make_case(texts))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("right_square_bracket", "slash", *"needle")
        await pilot.pause()
        assert view_of(app, "s02").matches != ()
        await pilot.press("escape")  # closes the box and ends the search
        await pilot.pause()
        gate["needle"].set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.guide.walk.places == [] and screen.guide.query == ""
        assert all(view.matches == () for view in screen.deck.views())
