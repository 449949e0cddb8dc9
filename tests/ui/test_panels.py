"""The reader's panels and keys with Pilot, on the bundled case: entities, search, n/N, sidebar, toggles."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.command import CommandList
from textual.widgets import Input, OptionList

from reader.load.case_loader import load_case
from reader.model.search import TextSearch, mention_places
from reader.paths import bundled_cases
from reader.ui import commands
from reader.ui.app import ReaderApp
from reader.ui.widgets.case_status import CaseStatusPanel, source_numbers
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.source_view import SELECTED_CLASS, SourceView
from tests.support.pilot import palette_run, palette_search, screen_of, status_line, view_of

WIDE, NARROW, SMALL = (160, 45), (80, 24), (60, 20)
TODAY = dt.date(2026, 11, 26)


def visible(widget) -> bool:
    return widget.display and widget.region.width > 0 and widget.region.height > 0


def row_styles(view: SourceView, start: int, end: int) -> list:
    """The styles drawn over text offsets [start, end) in the view's row that holds them."""
    index = view.row_of(start)
    row = view.rows[index]
    styles, offset = [], row.start
    for segment in view.render_row(index):
        for _ in segment.text:
            if start <= offset < end:
                styles.append(segment.style)
            offset += 1
    return styles


# -- layout -------------------------------------------------------------------

async def test_wide_shows_both_panels_and_e_and_c_toggle_them() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panel, sidebar = app.screen.query_one(EntityPanel), app.screen.query_one(CaseStatusPanel)
        assert visible(panel) and visible(sidebar)
        assert panel.region.x < view_of(app, "owp").region.x < view_of(app, "industriall").region.x < sidebar.region.x
        await pilot.press("e")
        await pilot.pause()
        assert not visible(panel) and visible(sidebar)
        await pilot.press("c")
        await pilot.pause()
        assert not visible(sidebar)
        assert visible(view_of(app, "owp")) and visible(view_of(app, "industriall"))
        await pilot.press("e", "c")
        await pilot.pause()
        assert visible(panel) and visible(sidebar)


async def test_narrow_panels_open_over_the_source_and_close_when_a_mention_is_chosen() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(EntityPanel)
        assert not visible(panel)
        await pilot.press("e")
        await pilot.pause()
        assert visible(panel) and not visible(view_of(app, "owp"))
        assert app.focused is panel.query_one("#entity-list")
        await pilot.press("c")  # one panel at a time when they cover the source
        await pilot.pause()
        assert not visible(panel) and visible(app.screen.query_one(CaseStatusPanel))
        await pilot.press("e", "down", "enter")  # select the first entity, go to its mentions
        await pilot.pause()
        assert app.focused is panel.query_one("#entity-mentions")
        await pilot.press("enter")  # go to the first mention
        await pilot.pause()
        screen = screen_of(app)
        assert not visible(panel)
        view = view_of(app, screen.deck.active_source)
        assert visible(view) and app.focused is view
        assert view.mark is not None


async def test_resizing_to_narrow_closes_the_panels_and_back_to_wide_opens_them() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert not visible(app.screen.query_one(EntityPanel))
        assert visible(view_of(app, "owp"))
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert visible(app.screen.query_one(EntityPanel)) and visible(app.screen.query_one(CaseStatusPanel))


async def test_tab_moves_between_the_panels() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.focused is view_of(app, "owp")
        visited = []
        for _ in range(8):
            await pilot.press("tab")
            visited.append(app.focused.id or app.focused.parent.id)
        # In the sidebar, the status and each measure in force take the focus (Enter: their passages), then the
        # timeline.
        assert visited == ["source-industriall", "status-0", "measure-0-0", "measure-0-1", "measure-0-2",
                           "timeline", "entity-list", "source-owp"]
        await pilot.press("shift+tab")
        assert app.focused.id == "entity-list"


# -- the entity panel ---------------------------------------------------------

async def test_entities_are_grouped_by_type_with_counts_per_source(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        prompts = [str(entity_list.get_option_at_index(i).prompt) for i in range(entity_list.option_count)]
        assert prompts[0] == "People (8) 1 2"
        counts = bundled_case.mention_counts("erlan-baltabay")
        assert f"Erlan Baltabay {counts['owp']} {counts['industriall']}" in prompts
        headings = [p for p in prompts if p.endswith(") 1 2") and p.split(" (")[0] in
                    {"People", "Organisations", "Places", "Laws", "Charges", "Amounts", "Dates"}]
        assert [h.split(" (")[0] for h in headings] == ["People", "Organisations", "Places", "Laws", "Charges",
                                                        "Amounts", "Dates"]


def list_lines(entity_list: OptionList) -> list[str]:
    """Every line the list draws, top to bottom (scrolling it through), as plain text."""
    lines: dict[int, str] = {}
    height, top = entity_list.scrollable_content_region.height, 0
    while top < entity_list.virtual_size.height:
        entity_list.scroll_to(y=top, animate=False, immediate=True)
        shown = int(entity_list.scroll_offset.y)  # the last page stops at the end
        lines.update((shown + y, entity_list.render_line(y).text) for y in range(height))
        top = shown + height
    return [lines[y] for y in sorted(lines) if y < entity_list.virtual_size.height]


@pytest.mark.parametrize("size", [WIDE, SMALL])
async def test_entity_counts_stand_in_columns_under_the_sources_numbers(bundled_case, size) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if size == SMALL:
            await pilot.press("e")
            await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        lines = list_lines(entity_list)
        heading = next(line for line in lines if line.startswith("Organisations ("))
        ends = [heading.rindex("1") + 1, heading.rindex("2") + 1]  # where the columns 1 and 2 end
        for entity in bundled_case.entities.values():
            counts = bundled_case.mention_counts(entity.id)
            cells = [str(counts.get(source_id, 0) or "·") for source_id in bundled_case.sources]
            first = next(line for line in lines if line.startswith(entity.name.split()[0])
                         and line[:ends[1]].split()[-2:] == cells)
            # Each count ends where its source's number does, whatever the length of the name before it.
            assert [first.rindex(cells[0], 0, ends[0]) + len(cells[0]), len(first.rstrip())] == ends, first
        # In the 34 columns of the wide layout's panel, a long name wraps under itself; its counts stay on its
        # first line, in the columns (at 60 columns it fits on one line).
        itu = next(y for y, line in enumerate(lines) if line.startswith("International Trade Union"))
        assert lines[itu][:ends[1]].split()[-2:] == ["1", "3"]
        assert (lines[itu + 1].strip() == "Confederation") == (size == WIDE)


async def test_entities_never_mentioned_come_last_in_their_type_and_dimmed(bundled_case) -> None:
    never = {entity_id for entity_id in bundled_case.entities
             if not any(bundled_case.mention_counts(entity_id).values())}
    assert never  # the bundled case names two entities its texts never mention
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        options = [entity_list.get_option_at_index(i) for i in range(entity_list.option_count)]
        in_type: list[list[str]] = []
        for option in options:
            if option.disabled:
                in_type.append([])
            elif option.id:
                in_type[-1].append(option.id)
        for ids in in_type:
            mentioned = [entity_id not in never for entity_id in ids]
            assert mentioned == sorted(mentioned, reverse=True), ids  # every one mentioned before any never
        for option in options:
            if option.id:
                label = option.prompt.label
                dimmed = any(span.style == "dim" and span.start == 0 and span.end == len(label.plain)
                             for span in label.spans)
                assert dimmed == (option.id in never), option.id
        boyd = entity_list.get_option_index("jonathan-boyd")
        entity_list.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        row = list(entity_list.render_line(boyd))
        assert all(segment.style.dim for segment in row if segment.text.strip()), row


async def test_moving_through_the_list_selects_an_entity_and_its_mentions_stand_out(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.selected_entity is None
        app.screen.query_one("#entity-list").focus()
        await pilot.press("down")  # the first person: the most mentioned one
        await pilot.pause()
        assert screen.selected_entity == "erlan-baltabay"
        for view in app.screen.query(SourceView):
            assert view.selected_entity == "erlan-baltabay"
        mention = bundled_case.mentions_of("erlan-baltabay")[0]
        view = view_of(app, mention.source_id)
        selected = view.get_component_rich_style(SELECTED_CLASS)
        assert selected.underline and selected.bold
        assert all(style.underline for style in row_styles(view, mention.span.start, mention.span.end))
        about = str(app.screen.query_one("#entity-about").render())
        assert "Kazakh trade union leader" in about and "Also: Baltabay" in about
        mentions = app.screen.query_one("#entity-mentions", OptionList)
        lines = [str(mentions.get_option_at_index(i).prompt) for i in range(mentions.option_count)]
        assert lines[0].startswith("1 The Organization for World Peace")
        assert any("Erlan Baltabai, the leader of a" in line for line in lines)
        assert mentions.border_title == f"Mentions ({len(bundled_case.mentions_of('erlan-baltabay'))})"


async def test_enter_on_a_mention_in_context_jumps_there_in_its_source(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.screen.query_one("#entity-list").focus()
        await pilot.press("down", "enter")
        mentions = app.screen.query_one("#entity-mentions", OptionList)
        assert app.focused is mentions
        # The last mention: in the second source, far enough down to need scrolling at a small height.
        mentions.highlighted = mentions.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        last = bundled_case.mentions_of("erlan-baltabay")[-1]
        screen = screen_of(app)
        assert screen.deck.active_source == last.source_id
        view = view_of(app, last.source_id)
        assert app.focused is view and view.mark == last.span
        row = view.row_of(last.span.start)
        assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height
        assert f"Mention {len(screen.guide.walk.places)} of {len(screen.guide.walk.places)}" in status_line(app)


async def test_the_filter_narrows_the_list_and_escape_clears_it() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(EntityPanel)
        entity_list = panel.query_one("#entity-list", OptionList)
        entity_list.focus()
        total = entity_list.option_count
        await pilot.press("slash")
        entity_filter = panel.query_one("#entity-filter", Input)
        assert app.focused is entity_filter and visible(entity_filter)
        await pilot.press(*"rittman")
        await pilot.pause()
        prompts = [str(entity_list.get_option_at_index(i).prompt) for i in range(entity_list.option_count)]
        assert prompts == ["People (1) 1 2", "Mihra Rittman 2 ·"]
        await pilot.press("enter")  # back to the list, on the match
        assert app.focused is entity_list
        await pilot.press("enter")
        assert screen_of(app).selected_entity == "mihra-rittman"
        await pilot.press("escape")  # clears the filter first
        await pilot.pause()
        assert entity_filter.value == "" and entity_list.option_count == total and not visible(entity_filter)
        assert screen_of(app).selected_entity == "mihra-rittman"


async def test_an_alias_finds_its_entity_in_the_filter() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.screen.query_one("#entity-list").focus()
        await pilot.press("slash", *"baltabai")
        await pilot.pause()
        entity_list = app.screen.query_one("#entity-list", OptionList)
        ids = [entity_list.get_option_at_index(i).id for i in range(entity_list.option_count)]
        assert "erlan-baltabay" in ids


# -- n / N --------------------------------------------------------------------

async def test_n_and_shift_n_step_through_the_mentions_across_sources(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.selected_entity = "mihra-rittman"
        places = mention_places(bundled_case, "mihra-rittman")
        seen = []
        for _ in range(len(places) + 1):
            await pilot.press("n")
            await pilot.pause()
            place = places[screen.guide.walk.index]
            seen.append(place)
            assert view_of(app, place.source_id).mark == place.span
        assert seen == [*places, places[0]]  # in reading order, then round again
        await pilot.press("N")
        assert screen.guide.walk.index == len(places) - 1


async def test_n_follows_across_sources_and_marks_only_one_place(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.selected_entity = "ituc"
        places = mention_places(bundled_case, "ituc")
        assert {p.source_id for p in places} == {"owp", "industriall"}
        for _ in places:
            await pilot.press("n")
            await pilot.pause()
            marked = [view.source.id for view in app.screen.query(SourceView) if view.mark is not None]
            assert marked == [screen.deck.active_source]


async def test_n_with_nothing_selected_says_what_to_do() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "select an entity (e) or search (/)" in status_line(app)


# -- search -------------------------------------------------------------------

async def test_slash_searches_every_source_and_n_walks_the_matches(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        assert visible(bar) and app.focused is bar
        await pilot.press(*"prison")
        await pilot.pause()
        expected = TextSearch(bundled_case).find("prison")
        assert f"{len(expected)} matches for “prison”" in status_line(app)
        for view in app.screen.query(SourceView):
            assert list(view.matches) == [p.span for p in expected if p.source_id == view.source.id]
        await pilot.press("enter")
        await pilot.pause()
        assert not visible(bar)
        screen = screen_of(app)
        assert screen.guide.walk.index == 0 and f"Match 1 of {len(expected)}" in status_line(app)
        assert view_of(app, expected[0].source_id).mark == expected[0].span
        await pilot.press("n")
        assert f"Match 2 of {len(expected)}" in status_line(app)
        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert all(view.matches == () and view.mark is None for view in app.screen.query(SourceView))


async def test_a_search_with_no_match_says_so_and_escape_closes_the_box() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzzq")
        await pilot.pause()
        assert "No match for “zzzq”" in status_line(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not visible(app.screen.query_one(SearchBar))
        assert isinstance(app.focused, SourceView)


# -- highlights ---------------------------------------------------------------

async def test_the_legend_and_the_palette_toggle_one_type(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        view = view_of(app, "industriall")  # the source that names laws
        top = view.scroll_y
        await pilot.click(".legend-chip.-law")
        await pilot.pause()
        assert screen.hidden_types == {"law"} and view.hidden_types == {"law"}
        assert app.screen.query_one(".legend-chip.-law").has_class("-off")
        law = next(h for h in view.highlights if h.entity_type == "law")
        law_background = view.get_component_rich_style(law.component).bgcolor
        assert law_background is not None
        assert not any(style.bgcolor == law_background for style in row_styles(view, law.start, law.end))
        await palette_run(pilot, "Highlights: show law")
        assert screen.hidden_types == frozenset()
        assert all(style.bgcolor == law_background for style in row_styles(view, law.start, law.end))
        assert view.scroll_y == top
        await pilot.click(".legend-chip.-all")
        assert screen.show_highlights is False and app.screen.query_one(Legend).show_highlights is False


async def test_clicking_a_highlight_selects_its_entity() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = view_of(app, "industriall")
        highlight = next(h for h in view.highlights if h.entity_id == "ituc")
        row_index = view.row_of(highlight.start)
        row = view.rows[row_index]
        x = len(view.source.text[row.start:highlight.start])  # plain ASCII before it: one cell per character
        await pilot.click(view, offset=(x + 1 + 1, row_index - round(view.scroll_y)))  # +1: the view's padding
        await pilot.pause()
        screen = screen_of(app)
        assert screen.selected_entity == "ituc"
        assert app.screen.query_one(EntityPanel).selected == "ituc"
        assert view.mark is not None and (view.mark.start, view.mark.end) == (highlight.start, highlight.end)


# -- synced scrolling ---------------------------------------------------------

async def test_s_scrolls_the_sources_together() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        owp, industriall = view_of(app, "owp"), view_of(app, "industriall")
        await pilot.press("s")
        assert screen_of(app).deck.synced
        owp.focus()
        await pilot.press("end")
        await pilot.pause()
        assert owp.scroll_fraction == 1 and industriall.scroll_fraction == 1
        await pilot.press("home")
        await pilot.pause()
        assert industriall.scroll_y == 0
        await pilot.press("s", "end")  # off again: only the focused source moves
        await pilot.pause()
        assert owp.scroll_fraction == 1 and industriall.scroll_y == 0


# -- the case-status sidebar --------------------------------------------------

async def test_the_sidebar_shows_the_status_as_of_the_newest_source() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        head = " ".join(str(app.screen.query_one("#status-0").render()).split())
        assert head.startswith("Erlan Baltabay: CONVICTED AT FIRST INSTANCE")
        assert "only 2 IndustriALL Global Union · newest 1 Nov 2019, about 7 years ago" in head
        says = " ".join(str(app.screen.query_one("#status-says-0").render()).split())
        assert says == ("Says only IndustriALL Global Union "
                        "As of IndustriALL Global Union, 1 November 2019 · about 7 years ago")
        fresh = " ".join(str(app.screen.query_one("#status-fresh").render()).split())
        assert "Case as of IndustriALL Global Union, 1 November 2019 · about 7 years ago" in fresh
        assert "It may have changed since." in fresh
        measures = [" ".join(str(m.render()).split()) for m in app.screen.query(".measure")]
        assert [m.split(" Since ")[0] for m in measures] == [
            "ban on posts or activity, length not given", "fine, amount not given",
            "imprisonment, 5 months and 8 days"]
        assert "(computed, if served in full)" in measures[2] and "How: " in measures[2]


async def test_enter_on_an_event_marks_its_quote_in_every_citing_source(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", OptionList)
        timeline.focus()
        index = next(i for i, event in enumerate(bundled_case.events) if event.id == "sentence-2019")
        timeline.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        event = bundled_case.events[index]
        assert set(event.source_ids) == {"owp", "industriall"}
        for citation in event.citations:
            assert view_of(app, citation.source_id).mark is not None
        assert "reported by" in status_line(app)


# -- the palette --------------------------------------------------------------

async def test_the_palette_jumps_to_an_entity(bundled_case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_run(pilot, "Entity: Mihra")
        screen = screen_of(app)
        assert screen.selected_entity == "mihra-rittman"
        first = mention_places(bundled_case, "mihra-rittman")[0]
        assert view_of(app, first.source_id).mark == first.span


async def test_the_palette_opens_a_source_by_number() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await palette_run(pilot, "Source 2")
        assert screen_of(app).deck.active_source == "industriall"


async def test_enter_in_the_search_box_puts_the_keyboard_in_the_source_with_the_match() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"LabourStart campaign", "enter")
        await pilot.pause()
        assert screen_of(app).deck.active_source == "industriall"
        assert app.focused is view_of(app, "industriall")


async def test_the_empty_palette_lists_a_few_of_each_and_typing_finds_every_one(
        monkeypatch: pytest.MonkeyPatch, bundled_case) -> None:
    # A big case has thousands of entities: the palette lists the first few of each kind,
    # and a search still reaches the last of them.
    monkeypatch.setattr(commands, "LISTED_AT_MOST", 3)
    last = list(bundled_case.entities.values())[-1]
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_search(pilot, "")
        listed = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert sum(1 for text in listed if text.startswith("Entity: ")) == 3
        assert sum(1 for text in listed if text.startswith("Event: ")) == 3
        assert f"Entity: {last.name}" not in listed
        await palette_run(pilot, f"Entity: {last.name}")
        assert screen_of(app).selected_entity == last.id


def test_the_sidebar_numbers_an_events_sources_in_order_whatever_order_its_citations_are_in() -> None:
    case = load_case(bundled_cases() / "civic-square").case
    assert case is not None
    ids = list(case.sources)
    assert source_numbers(case, (ids[14], ids[1], ids[13], ids[2])) == "2 3 14 15"
