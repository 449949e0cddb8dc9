"""The case screen with Pilot: scrolling keys, highlights, switching sources, layouts by size."""

from __future__ import annotations

import pytest

from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView
from tests.support.cases import long_text, make_case, reader_for
from tests.support.pilot import screen_of, view_of

WIDE, NARROW = (160, 45), (80, 24)


@pytest.fixture
def app():
    case = make_case(
        {"alpha": long_text(label="Alpha"), "beta": long_text(label="Beta"), "gamma": long_text(label="Gamma")},
        {"alpha": [("person", "Alpha 1")], "beta": [("place", "Beta 2")]},
    )
    return reader_for(case)


def shown_panes(app) -> list[str]:
    return [pane.source.id for pane in app.screen.query(SourcePane) if pane.display and pane.region.width > 0]


async def test_scrolling_keys(app) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        view = view_of(app, "alpha")
        assert app.focused is view
        assert view.scroll_y == 0
        for key, expected in [("j", 1), ("down", 2), ("down", 3), ("k", 2), ("up", 1)]:
            await pilot.press(key)
            assert view.scroll_y == expected, key
        page = view.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert view.scroll_y == 1 + page
        await pilot.press("pageup")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        await pilot.press("k")  # already at the top: stays there
        assert view.scroll_y == 0


async def test_progress_is_shown_in_the_pane_subtitle(app) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#source-alpha", SourcePane)
        view = pane.view
        start = view.progress
        assert 0 < start < 100
        assert pane.border_subtitle == f"news · {start}%"
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.progress > start
        await pilot.press("G")
        await pilot.pause()
        assert pane.border_subtitle == "news · 100%"


async def test_h_toggles_highlights_and_keeps_the_scroll_position(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        views = list(app.screen.query(SourceView))
        await pilot.press("j", "j", "j")
        before = [view.scroll_y for view in views]
        assert screen.show_highlights and all(view.show_highlights for view in views)
        await pilot.press("h")
        assert not screen.show_highlights and not any(view.show_highlights for view in views)
        assert [view.scroll_y for view in views] == before
        await pilot.press("h")
        assert screen.show_highlights and all(view.show_highlights for view in views)
        assert [view.scroll_y for view in views] == before


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_switching_sources(app, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        steps = [("right_square_bracket", "beta"), ("right_square_bracket", "gamma"),
                 ("right_square_bracket", "alpha"), ("left_square_bracket", "gamma"),
                 ("2", "beta"), ("1", "alpha"), ("3", "gamma"), ("9", "gamma")]
        for key, expected in steps:
            await pilot.press(key)
            await pilot.pause()
            assert screen.deck.active_source == expected, key
            assert app.focused is view_of(app, expected), key
            if size == NARROW:
                assert shown_panes(app) == [expected]
                assert app.screen.query_one("#source-tabs").active == f"tab-{expected}"
            else:  # two side by side, in pages that keep case order
                assert shown_panes(app) == (["alpha", "beta"] if expected != "gamma" else ["beta", "gamma"])
                assert app.screen.query_one("#source-tabs").display  # three sources: tabs pick among them
        # Keys scroll the active source only.
        await pilot.press("j")
        assert view_of(app, "gamma").scroll_y == 1
        assert view_of(app, "alpha").scroll_y == 0


async def test_wide_shows_sources_side_by_side_and_narrow_one_with_tabs(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panes = list(app.screen.query(SourcePane))
        assert shown_panes(app) == ["alpha", "beta"]
        assert panes[0].region.x < panes[1].region.x
        assert panes[0].region.y == panes[1].region.y
        assert len(panes) == 2  # the third source's pane is made when it is first shown
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert shown_panes(app) == ["alpha"]
        assert app.screen.query_one("#source-tabs").display


async def test_too_small_terminal_shows_a_message_and_recovers(app) -> None:
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#too-small")
        assert message.display and message.region.width > 0
        assert "at least 40×10" in str(message.render())
        assert not app.screen.query_one("#body").display
        await pilot.press("j", "h", "right_square_bracket")  # keys do not crash it
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert not message.display
        assert shown_panes(app) == ["beta"]
        await pilot.resize_terminal(50, 9)  # wide enough but too short
        await pilot.pause()
        assert message.display


async def test_resizing_keeps_each_sources_reading_position(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        scrolls = {"alpha": 5, "beta": 9, "gamma": 2}
        for number, rows in enumerate(scrolls.values(), start=1):
            await pilot.press(str(number), *["j"] * rows)
        views = {source_id: view_of(app, source_id) for source_id in scrolls}
        wide_offsets = {source_id: view.scroll_y for source_id, view in views.items()}
        assert wide_offsets == scrolls
        tops = {source_id: view.top_offset for source_id, view in views.items()}

        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        for number, source_id in enumerate(scrolls, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            view = views[source_id]
            row = view.rows[round(view.scroll_y)]
            # The narrow view's top row holds the character that was at the top.
            assert row.start <= tops[source_id] <= row.end, source_id

        for size in [(60, 20), (30, 8), WIDE]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        for number, source_id in enumerate(scrolls, start=1):
            await pilot.press(str(number))  # on screen again, at the wide width
            await pilot.pause()
            assert views[source_id].scroll_y == wide_offsets[source_id], source_id


@pytest.fixture
def big_app():
    texts = {f"s{number:02}": long_text(paragraphs=3, label=f"Source{number}") + "needle here\n"
             for number in range(1, 21)}
    return reader_for(make_case(texts))


async def test_a_big_case_makes_panes_only_for_the_sources_shown(big_app) -> None:
    app = big_app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert [pane.source.id for pane in app.screen.query(SourcePane)] == ["s01", "s02"]
        line = str(app.screen.query_one("#source-tabs").render())
        assert line.startswith("Source 1 of 20: Publisher s01")
        await pilot.press("slash", *"needle", "enter")
        await pilot.pause()
        assert len(screen.guide.walk.places) == 20
        for expected in ("s02", "s03", "s04"):
            await pilot.press("n")
            await pilot.pause()
            assert screen.deck.active_source == expected
            view = view_of(app, expected)
            assert view.mark is not None and len(view.matches) == 1  # a new pane gets the search too
        assert shown_panes(app) == ["s03", "s04"]
        assert len(list(app.screen.query(SourcePane))) == 4  # two more made on the way, none for the rest
        await pilot.press("0")  # not a source key: nothing happens
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.deck.active_source == "s03" and shown_panes(app) == ["s03", "s04"]


async def test_the_pane_with_the_keyboard_has_the_bright_border(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panes = {pane.source.id: pane for pane in app.screen.query(SourcePane)}
        first, second = list(panes)[:2]

        def bright() -> list[str]:
            return [source_id for source_id, pane in panes.items() if pane.has_class("-focused")]

        assert bright() == [first]
        border = panes[first].styles.border_top
        await pilot.press("right_square_bracket")  # the next source takes the keyboard
        await pilot.pause()
        assert bright() == [second]
        assert panes[second].styles.border_top == border != panes[first].styles.border_top
        screen_of(app).query_one("#entity-list").focus()  # the keyboard leaves the sources
        await pilot.pause()
        assert bright() == []
