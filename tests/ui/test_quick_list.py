"""QuickOptionList against Textual's own OptionList: the same lines, measured once per width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.widgets import quick_list
from reader.ui.widgets.quick_list import QuickOptionList, quick_height

WORDS = st.sampled_from(["a", "ab", "word", "longerword", "漢字", "Özkan", "x" * 30, "", " ", "  ", "…", "—"])
TEXTS = st.lists(st.lists(WORDS, max_size=12).map(" ".join), min_size=1, max_size=4).map("\n".join)


@settings(max_examples=500, deadline=None)
@given(text=TEXTS, width=st.integers(min_value=1, max_value=40), overflow=st.sampled_from(["fold", "ellipsis"]))
def test_a_quick_height_is_the_height_textual_measures(text: str, width: int, overflow: str) -> None:
    content = Content(text)
    height = quick_height(Option(content), width, fold=overflow == "fold")
    assert height == content.get_height({"text_overflow": overflow}, width)


def test_a_prompt_that_is_not_content_is_measured_the_slow_way() -> None:
    assert quick_height(Option("plain [b]markup[/b]"), 40) is None
    assert quick_height(Option(Content("a\tb")), 40) is None
    assert quick_height(Option(Content("a")), 0) is None


PROMPTS = [
    Content("short"),
    Content("a prompt long enough that it has to wrap over several lines of the list"),
    Content("two\nlines"),
    Content("a first line that is rather long\nand a second"),
    Content(""),
    Content("漢字 " * 12),
    Content.styled("Heading (3)", "bold"),
]


class Pair(App[None]):
    """The stock list and the quick one side by side, the same width, the same options."""

    CSS = "OptionList { width: 1fr; height: 1fr; } .-hidden { display: none; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*(Option(p) for p in PROMPTS * 8), id="stock", markup=False, compact=True)
            yield QuickOptionList(*(Option(p) for p in PROMPTS * 8), id="quick", markup=False, compact=True)


def lines_of(option_list: OptionList) -> list[tuple[int, int]]:
    return list(option_list._lines)


def measured_anew(option_list: OptionList) -> list[tuple[int, int]]:
    """The lines of every option wrapped, the slow way, at the width the list shows them now."""
    room = option_list.scrollable_content_region.width - option_list.get_component_styles(
        "option-list--option").padding.width
    lines = []
    for index, option in enumerate(option_list.options):
        height = option_list._get_visual(option).get_height(option_list.styles, room)
        lines += [(index, line) for line in range(height)]
    return lines


async def test_the_quick_list_lays_out_its_options_as_the_stock_one_does() -> None:
    app = Pair()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        stock, quick = app.query_one("#stock", OptionList), app.query_one("#quick", QuickOptionList)
        assert stock.scrollable_content_region.width == quick.scrollable_content_region.width
        assert lines_of(quick) == lines_of(stock) == measured_anew(quick)
        assert quick.virtual_size == stock.virtual_size
        for size in ((40, 20), (90, 30)):  # narrower and wider: measured again at the new width
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert lines_of(quick) == lines_of(stock) == measured_anew(quick)
        quick.highlighted = len(PROMPTS) * 8 - 1
        stock.highlighted = len(PROMPTS) * 8 - 1
        await pilot.pause()
        assert quick.scroll_y == stock.scroll_y > 0


async def test_shown_again_at_the_same_width_the_quick_list_measures_nothing(monkeypatch) -> None:
    app = Pair()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        quick = app.query_one("#quick", QuickOptionList)
        before = lines_of(quick)
        measured: list[Option] = []
        original = quick_list.quick_height

        def counting(option: Option, room: int, *, fold: bool = True) -> int | None:
            measured.append(option)
            return original(option, room, fold=fold)

        monkeypatch.setattr(quick_list, "quick_height", counting)
        quick.add_class("-hidden")
        await pilot.pause()
        quick.remove_class("-hidden")
        await pilot.pause()
        assert measured == [] and lines_of(quick) == before
        await pilot.resize_terminal(40, 20)  # a new width: every option is measured again
        await pilot.pause()
        assert len(measured) == quick.option_count
        assert lines_of(quick) == lines_of(app.query_one("#stock", OptionList))


async def test_a_list_that_scrolls_is_measured_once_at_the_width_its_scrollbar_leaves(monkeypatch) -> None:
    measured: list[Option] = []
    original = quick_list.quick_height

    def counting(option: Option, room: int, *, fold: bool = True) -> int | None:
        measured.append(option)
        return original(option, room, fold=fold)

    monkeypatch.setattr(quick_list, "quick_height", counting)
    app = Pair()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        quick = app.query_one("#quick", QuickOptionList)
        assert quick.show_vertical_scrollbar  # 56 options in 20 lines
        assert len(measured) == quick.option_count
        assert lines_of(quick) == measured_anew(quick)
        quick.set_options([Option(Content("only one"))])  # no scrollbar now: measured at the whole width
        await pilot.pause()
        assert not quick.show_vertical_scrollbar
        assert lines_of(quick) == measured_anew(quick) == [(0, 0)]
        assert quick.render_line(0).text.startswith("only one")
