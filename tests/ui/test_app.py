"""The app with Pilot: the sources side by side, highlights, the problems screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.load.case_loader import load_case
from reader.paths import default_case
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView


async def test_sources_open_side_by_side_with_titles() -> None:
    app = ReaderApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        panes = list(app.screen.query(SourcePane))
        assert [pane.source.id for pane in panes] == ["owp", "industriall"]
        assert panes[0].region.x < panes[1].region.x
        assert panes[0].region.y == panes[1].region.y
        # Each title keeps its date; the full publisher's name where there is room, else its short one.
        assert panes[0].border_title.startswith("OWP · [italic]undated, ≥ 17 Jul 2019[/italic]")
        assert panes[1].border_title.startswith("IndustriALL · 1 Nov 2019")
        assert app.title == "Erlan Baltabay, Kazakh union leader"


async def test_mentions_of_the_bundled_case_become_highlights() -> None:
    app = ReaderApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#source-industriall SourceView", SourceView)
        case = app.result.case
        assert case is not None
        mentions = case.mentions["industriall"]
        assert mentions, "the bundled case has mentions"
        highlighted = {(h.start, h.end) for h in view.highlights}
        assert {(m.span.start, m.span.end) for m in mentions} == highlighted
        shown = "".join(view.render_row(index).text for index in range(len(view.rows)))
        assert shown.replace(" ", "") == view.source.text.replace(" ", "").replace("\n", "")


async def test_source_text_is_never_markup(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(default_case(), folder)
    source = folder / "sources" / "owp.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n[bold red]not markup[/] [link=x]y[/link]\n",
                      encoding="utf-8")
    app = ReaderApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#source-owp SourceView", SourceView)
        last = view.render_row(len(view.rows) - 1).text
        assert last.rstrip() == "[bold red]not markup[/] [link=x]y[/link]"


async def test_invalid_case_shows_problems_and_quits_with_1(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(default_case(), folder)
    entities = folder / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace("aliases:", "alias:", 1), encoding="utf-8")
    app = ReaderApp(result=load_case(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = " ".join(str(widget.render()) for widget in app.screen.query(".problem"))
        assert "unknown field `alias` in entity" in shown
        assert "entities.yaml:" in shown
        await pilot.press("q")
    assert app.return_code == 1


async def test_q_quits_with_0_on_a_valid_case() -> None:
    app = ReaderApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0


async def test_question_mark_toggles_the_help_listing_the_keys() -> None:
    from reader.ui.screens.help import HelpScreen

    app = ReaderApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        case_screen = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.query(".help-section")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is case_screen


async def test_warnings_are_counted_in_the_bottom_bar_and_do_not_block_reading(tmp_path: Path) -> None:
    from reader.load.problems import Problems
    from reader.model import Location

    result = load_case(default_case())
    problems = Problems()
    problems.warning(Location(tmp_path / "entities.yaml", 3, 5), "an example warning")
    problems.warning(Location(tmp_path / "entities.yaml", 9, 5), "another")
    warned = type(result)(result.folder, problems, result.case)
    for size in ((160, 45), (60, 20)):
        app = ReaderApp(result=warned)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CaseScreen)
            badge = app.screen.query_one("#warnings")
            assert str(badge.render()) == "2 warnings: reader check"
            assert badge.region.width > 0 and badge.region.height == 1
            await pilot.press("q")
        assert app.return_code == 0
