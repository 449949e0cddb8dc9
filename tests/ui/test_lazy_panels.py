"""The panels fill when they are first seen, list mentions a page at a time, and still filter, select and jump."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from reader.model import Span
from reader.model.anchor import fold
from reader.model.search import Place, step
from reader.model.vocabulary import ENTITY_TYPES
from reader.ui.app import ReaderApp
from reader.ui.walk import neighbour
from reader.ui.widgets import entity_panel
from reader.ui.widgets.case_status import CaseStatusPanel
from reader.ui.widgets.entity_panel import MORE_ID, EntityPanel, matches_filter
from reader.ui.widgets.source_view import SourceView
from tests.support.cases import make_case, reader_for
from tests.support.pilot import screen_of

#: Panels closed at first, opening beside the source (the benchmarks' size).
MEDIUM = (120, 40)
TODAY = dt.date(2026, 11, 26)
STYLES = Path(__file__).parents[2] / "styles" / "reader.tcss"


def prompts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def mention_rows(option_list: OptionList) -> list[str]:
    """The ids of the mention rows listed (not the source headings, nor the "more" row)."""
    ids = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
    return [option_id for option_id in ids if option_id is not None and option_id != MORE_ID]


async def test_the_entity_list_fills_when_the_panel_first_opens() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(EntityPanel).children  # closed: nothing made yet
        await pilot.press("e")
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        assert prompts(entity_list)[0] == "People (8) 1 2"  # the type, and the sources' numbers over their counts
        assert entity_list.option_count == 44 + 7  # every entity, under its type's heading
        assert entity_list.region.height > 0
        assert entity_list.render_line(1).text.split() == ["Erlan", "Baltabay", "8", "18"]  # drawn, under "People"


async def test_a_selection_made_while_the_panel_is_closed_shows_when_it_opens(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.select_entity("mihra-rittman")  # as the palette does
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        assert entity_list.highlighted_option is not None and entity_list.highlighted_option.id == "mihra-rittman"
        assert str(app.screen.query_one("#entity-about").render()).startswith("Mihra Rittman")
        mentions = app.screen.query_one("#entity-mentions", OptionList)
        assert len(mention_rows(mentions)) == len(bundled_case.mentions_of("mihra-rittman"))
        await pilot.press("e")  # closed again, another entity selected, n pressed, opened: the details follow
        await pilot.pause()
        screen.select_entity("erlan-baltabay")
        await pilot.press(*"nnn")
        await pilot.press("e")
        await pilot.pause()
        assert str(app.screen.query_one("#entity-about").render()).startswith("Erlan Baltabay")
        assert entity_list.highlighted_option is not None and entity_list.highlighted_option.id == "erlan-baltabay"
        assert screen.guide.walk.index == 3
        assert mentions.highlighted_option is not None and mentions.highlighted_option.id == "3"


async def test_the_lazily_filled_list_filters_selects_and_jumps(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        panel = app.screen.query_one(EntityPanel)
        entity_list = panel.query_one("#entity-list", OptionList)
        entity_list.focus()
        await pilot.press("slash", *"rittman")
        await pilot.pause()
        assert prompts(entity_list) == ["People (1) 1 2", "Mihra Rittman 2 ·"]
        await pilot.press("enter", "enter")  # back to the list on the match; choose it
        await pilot.pause()
        screen = screen_of(app)
        assert screen.selected_entity == "mihra-rittman"
        mentions = panel.query_one("#entity-mentions", OptionList)
        assert app.focused is mentions
        await pilot.press("enter")  # the first mention, in its source
        await pilot.pause()
        first = bundled_case.mentions_of("mihra-rittman")[0]
        view = app.screen.query_one(f"#source-{first.source_id} SourceView", SourceView)
        assert screen.deck.active_source == first.source_id and view.mark == first.span


async def test_the_filter_lists_what_matches_filter_finds_in_list_order(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        panel = app.screen.query_one(EntityPanel)
        entity_list = panel.query_one("#entity-list", OptionList)
        filter_box = panel.query_one("#entity-filter", Input)
        counts = bundled_case.mention_count_table()
        for query in ("", "a", "UNION", "baltabai", "’", "kazakh ", "zzz"):
            filter_box.value = query  # as if typed: the panel lists what matches
            await pilot.pause()
            listed = [entity_list.get_option_at_index(i).id for i in range(entity_list.option_count)]
            expected: list[str | None] = []
            for entity_type in ENTITY_TYPES:
                found = sorted((e for e in bundled_case.entities.values()
                                if e.type == entity_type and matches_filter(e, query)),
                               key=lambda e: (-sum(counts[e.id]), fold(e.name).casefold()))
                if found:
                    expected += [None, *(e.id for e in found)]  # None: the type's heading
            assert listed == (expected or [None]), query


async def test_mentions_are_listed_a_page_at_a_time(bundled_case, monkeypatch) -> None:
    monkeypatch.setattr(entity_panel, "MENTION_PAGE", 5)
    every = bundled_case.mentions_of("erlan-baltabay")
    assert len(every) > 10
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.select_entity("erlan-baltabay")
        await pilot.press("e")
        await pilot.pause()
        mentions = app.screen.query_one("#entity-mentions", OptionList)
        assert mentions.border_title == f"Mentions ({len(every)})"
        assert mention_rows(mentions) == [str(i) for i in range(5)]
        assert prompts(mentions)[-1] == f"Show 5 more of {len(every) - 5} (Enter)"
        mentions.focus()
        mentions.highlighted = mentions.option_count - 1
        await pilot.press("delete")  # nothing to delete on the "more" row
        await pilot.press("enter")
        await pilot.pause()
        assert mention_rows(mentions) == [str(i) for i in range(10)]
        assert mentions.highlighted_option is not None and mentions.highlighted_option.id == "5"
        # n past the listed mentions lists up to the one reached (and a page on), and the cursor follows.
        assert screen.guide.walk.index == 0  # select_entity went to the first
        await pilot.press(*"n" * 12)
        await pilot.pause()
        assert screen.guide.walk.index == 12
        assert mention_rows(mentions) == [str(i) for i in range(15)]
        assert mentions.highlighted_option is not None and mentions.highlighted_option.id == "12"
        mentions.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.deck.active_source == every[12].source_id
        view = app.screen.query_one(f"#source-{every[12].source_id} SourceView", SourceView)
        assert view.mark == every[12].span


async def test_the_status_and_timeline_fill_when_the_sidebar_first_opens() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CaseStatusPanel)
        assert not panel.children  # closed: nothing made yet
        await pilot.press("c")
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", OptionList)
        assert timeline.option_count == len(panel.steps) == 22
        assert timeline.highlighted == 0
        assert timeline.border_title == "Timeline (22 events)"
        assert str(app.screen.query_one("#status-0").render()).startswith("Erlan Baltabay: CONVICTED")
        assert app.screen.query("#measure-0-2.computed-fact")


async def test_panels_opened_after_the_case_changed_show_the_changed_case() -> None:
    # R (redaction) hands both panels a changed case while they are closed.
    case = make_case({"court": "Hearing\n\nAigerim Sadykova told the court what she saw.\n"},
                     {"court": [("person", "Aigerim Sadykova")]})
    witness = next(iter(case.entities.values()))
    witness.sensitive, witness.role = True, "witness"
    app = reader_for(case)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("R")
        await pilot.pause()
        screen.select_entity(next(iter(screen.case.entities)))  # redaction gives the witness a new id
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        assert prompts(entity_list) == ["People (1) 1", "[witness 1] 1"]
        about = str(app.screen.query_one("#entity-about").render())
        assert about.startswith("[witness 1]") and "Sadykova" not in about
        mentions = app.screen.query_one("#entity-mentions", OptionList)
        assert "Sadykova" not in " ".join(prompts(mentions)) and "[witness 1]" in " ".join(prompts(mentions))


def test_the_panel_classes_style_only_the_widgets_the_screen_restyles() -> None:
    # CaseScreen._set_panel_class restyles the two panels and #reader alone when a
    # panel opens; a rule keyed on the classes that styled anything else would
    # not take effect until the next full restyle.
    css = re.sub(r"/\*.*?\*/", "", STYLES.read_text(encoding="utf-8"), flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    keyed = [s for s in selectors if "-entities-open" in s or "-status-open" in s]
    assert keyed
    for selector in keyed:
        assert selector.split()[-1] in {"#entity-panel", "#case-status", "#reader"}, selector


PLACES = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 30)), min_size=1, max_size=30).map(
    lambda keys: [Place(source, Span(start, start + 1), f"s{source}") for source, start in sorted(keys)])


@given(places=PLACES, data=st.data())
def test_stepping_to_a_neighbour_finds_what_step_finds(places: list[Place], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(places) - 1))
    here = (places[index].source_index, places[index].span.start)
    for forward in (True, False):
        assert neighbour(places, index, forward) == step(places, here, forward)
