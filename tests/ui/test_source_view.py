"""The source view's rendered strips: highlights, markup shown literally, no control characters."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from reader.ui.widgets.source_view import SourceView
from tests.support.cases import make_case, reader_for

TEXT = (
    "Headline of the story\n\n"
    "Erlan Baltabay met the Ministry of Justice in Shymkent on 17 July 2019.\n\n"
    "Literal [bold]x[/] and [link=https://example.org]y[/link] and [red]z.\n\n"
    "Hostile \x1b]52;c;SGVsbG8=\x07 bytes \x1b[2J\x9b31m and \x00\x08\x7f end.\n"
)
MENTIONS = [("person", "Erlan Baltabay"), ("organisation", "Ministry of Justice"), ("place", "Shymkent"),
            ("date", "17 July 2019")]
CONTROLS = {chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}


def style_at(strip: Strip, cell: int) -> Style:
    """The style of the segment covering ``cell``."""
    position = 0
    for segment in strip:
        if position <= cell < position + segment.cell_length:
            return segment.style or Style.null()
        position += segment.cell_length
    raise IndexError(cell)


def mention_cells(view: SourceView, words: str) -> tuple[int, list[int]]:
    """The row index of ``words`` in the view and the cells its characters take there."""
    start = view.source.text.index(words)
    for index, row in enumerate(view.rows):
        if row.start <= start < row.end:
            return index, list(range(start - row.start, start - row.start + len(words)))
    raise AssertionError(f"{words!r} is in no row")


@pytest.fixture
def app():
    return reader_for(make_case({"story": TEXT}, {"story": MENTIONS}))


async def test_mentions_have_their_type_style_only_while_highlights_are_on(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        for entity_type, words in MENTIONS:
            expected = view.get_component_rich_style(f"source-view--{entity_type}")
            row, cells = mention_cells(view, words)
            strip = view.render_row(row)
            for cell in cells:
                style = style_at(strip, cell)
                assert style.color == expected.color, (words, cell)
                assert style.bgcolor == expected.bgcolor, (words, cell)
            # The space before the mention (if any) is plain.
            if cells[0] > 0:
                assert style_at(strip, cells[0] - 1) == view.rich_style
        await pilot.press("h")
        assert view.show_highlights is False
        for entity_type, words in MENTIONS:
            expected = view.get_component_rich_style(f"source-view--{entity_type}")
            row, cells = mention_cells(view, words)
            strip = view.render_row(row)
            assert all(style_at(strip, cell) == view.rich_style for cell in cells), words


async def test_rows_are_cached_until_something_that_changes_them_changes(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        row, _ = mention_cells(view, "Erlan Baltabay")
        first = view.render_row(row)
        assert view.render_row(row) is first
        await pilot.press("h")
        assert view.render_row(row) is not first
        await pilot.press("h")
        dark = view.render_row(row)
        app.theme = "reader-light"
        await pilot.pause()
        light = view.render_row(row)
        assert light is not dark
        assert style_at(light, 0).bgcolor != style_at(dark, 0).bgcolor


async def test_markup_in_a_source_is_shown_literally(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        shown = "\n".join(view.render_row(index).text for index in range(len(view.rows)))
        assert "Literal [bold]x[/] and [link=https://example.org]y[/link] and [red]z." in shown
        row, cells = mention_cells(view, "[bold]x[/]")
        strip = view.render_row(row)
        assert not any(style_at(strip, cell).bold for cell in cells)
        assert not any(style_at(strip, cell).link for cell in range(strip.cell_length))


@pytest.mark.parametrize("size", [(100, 30), (40, 12)])
async def test_no_control_character_reaches_a_strip(app, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        texts = [view.render_row(index).text for index in range(len(view.rows))]
        texts += [view.render_line(y).text for y in range(view.size.height)]
        assert not CONTROLS & set("".join(texts))
        assert "␛]52;c;SGVsbG8=␇" in "".join(texts)
        # Nor through the widget's full render (padding, scrollbar gutter and all).
        whole = view.render_lines(Region(0, 0, *view.outer_size))
        assert not CONTROLS & set("".join(strip.text for strip in whole))


async def test_no_color_marks_types_by_text_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = reader_for(make_case({"story": TEXT}, {"story": MENTIONS}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        assert app.no_color
        row, cells = mention_cells(view, "Erlan Baltabay")
        style = style_at(view.render_row(row), cells[0])
        assert style.underline
        assert style.bgcolor == view.rich_style.bgcolor  # no highlight colour, only the text style
        row, cells = mention_cells(view, "Ministry of Justice")
        assert style_at(view.render_row(row), cells[0]).bold
        row, cells = mention_cells(view, "Shymkent")
        assert style_at(view.render_row(row), cells[0]).italic
