"""The cross-source views with Pilot: coverage, differences, voices, timeline, and provenance in the sidebar.

Each view is opened by its key and from the palette; what it lists is
checked against the case itself, and Enter is checked by where the reader
lands: which source is active and which passage each source view marks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Select

from reader.load.case_loader import LoadResult
from reader.load.problems import Problems
from reader.model import Case, Citation, Difference, Entity, Event, FuzzyDate, Measure, Quote, Side, Span, Term
from reader.paths import bundled_cases
from reader.ui.app import ReaderApp
from reader.ui.commands import cross_view_entries
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.cross_view import CrossView
from reader.ui.screens.differences import DifferencesScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.screens.views import SCREENS
from reader.ui.screens.voices import VoicesScreen
from reader.ui.view_table import VIEWS
from reader.ui.widgets.case_status import Provenance
from reader.ui.widgets.coverage_table import FIRST_SOURCE, CoverageTable
from reader.ui.widgets.difference_list import DifferenceList
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.timeline_table import TimelineTable
from reader.ui.widgets.voice_list import VoiceList
from tests.support.cases import forty_sources, make_source
from tests.support.pilot import palette_run, screen_of, screen_text, status_line

WIDE, NARROW, SMALL = (160, 45), (80, 24), (60, 20)
TODAY = dt.date(2026, 11, 26)
VIEW_KEYS = {"o": CoverageScreen, "d": DifferencesScreen, "w": VoicesScreen, "t": TimelineScreen}


def marks(app: ReaderApp) -> dict[str, Span | None]:
    return {view.source.id: view.mark for view in app.screen.query(SourceView)}


def first_spans(citations: list[Citation] | tuple[Citation, ...]) -> dict[str, Span]:
    """The passage each cited source shows: its first citation's."""
    spans: dict[str, Span] = {}
    for citation in citations:
        assert citation.span is not None
        spans.setdefault(citation.source_id, citation.span)
    return spans


# -- opening and closing -------------------------------------------------------

@pytest.mark.parametrize("key", VIEW_KEYS)
async def test_each_view_opens_with_its_key_and_closes_with_esc_or_its_key(key: str) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, VIEW_KEYS[key])
        await pilot.press("escape")
        await pilot.pause()
        screen_of(app)
        await pilot.press(key, key)  # the view's own key closes it again
        await pilot.pause()
        screen_of(app)
        assert all(mark is None for mark in marks(app).values())  # closing shows nothing


@pytest.mark.parametrize(("name", "screen_type"), [("Coverage", CoverageScreen), ("Differences", DifferencesScreen),
                                                   ("Voices", VoicesScreen), ("Timeline", TimelineScreen)])
async def test_each_view_opens_from_the_palette(name: str, screen_type: type[CrossView]) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_run(pilot, f"View: {name}")
        assert isinstance(app.screen, screen_type)


async def test_a_views_key_switches_straight_to_another_view() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DifferencesScreen)
        assert len(app.screen_stack) == 2  # the case and one view: views do not pile up
        await pilot.press("escape")
        await pilot.pause()
        screen_of(app)


async def test_the_help_panel_lists_the_view_keys() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for description in ("Coverage", "Differences", "Voices", "Timeline"):
            assert description in text
        bindings = {binding.id: binding for binding in CaseScreen.BINDINGS if binding.id}
        for binding_id, key in (("coverage", "o"), ("differences", "d"), ("voices", "w"), ("timeline", "t")):
            assert bindings[binding_id].key == key and bindings[binding_id].description


def test_every_view_in_the_table_has_its_screen_its_keys_and_its_palette_entry(bundled_case: Case) -> None:
    assert list(SCREENS) == list(VIEWS)
    case_keys = {binding.id: binding.key for binding in CaseScreen.BINDINGS if binding.id}
    palette = {entry.text: entry.help for entry in cross_view_entries(bundled_case, print, print, TODAY)}
    for name, view in VIEWS.items():
        screen = SCREENS[name]
        assert name == screen.NAME
        assert case_keys[name] == view.key
        own = {binding.id: (binding.key, binding.action) for binding in screen.BINDINGS if binding.id}
        assert own[f"close-{name}"] == (view.key, "close")
        assert palette[f"View: {name.title()}"] == f"{view.key} · {view.purpose}"


# -- coverage -------------------------------------------------------------------

async def test_coverage_marks_which_source_reports_which_event(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        assert table.row_count == len(bundled_case.events)
        assert app.focused is table
        for row_index, event in enumerate(bundled_case.events):
            cells = [str(table.get_cell_at((row_index, FIRST_SOURCE + i)))
                     for i, _ in enumerate(bundled_case.sources)]
            for cell, source_id in zip(cells, bundled_case.sources, strict=True):
                cited = sum(1 for c in event.citations if c.source_id == source_id)
                assert cell == ("●" * min(cited, 3) if cited else "·"), (event.id, source_id)
            told = str(table.get_cell_at((row_index, table.count_column)))
            numbers = {source_id: number for number, source_id in enumerate(bundled_case.sources, start=1)}
            assert told == (f"only {numbers[event.source_ids[0]]}" if len(set(event.source_ids)) == 1
                            else str(len(set(event.source_ids))))


async def test_the_coverage_table_is_built_once_and_again_only_for_a_new_width_or_theme(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A big case's table (2,000 events by 200 sources) takes a second to build: opening
    # the view, or the table taking the focus, must not build it more than once.
    fills = []
    fill = CoverageTable.fill
    monkeypatch.setattr(CoverageTable, "fill", lambda table: (fills.append(table.size.width), fill(table)))
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        assert fills == [table.size.width]
        reported = table.get_cell_at((0, FIRST_SOURCE)).style
        app.theme = "reader-light" if app.theme != "reader-light" else "reader-dark"
        await pilot.pause()
        assert len(fills) == 2
        assert table.get_cell_at((0, FIRST_SOURCE)).style != reported  # the marks take the new theme's colours
        await pilot.resize_terminal(WIDE[0] - 10, WIDE[1])
        await pilot.pause()
        assert fills[2:] == [fills[0] - 10]


async def test_enter_on_a_coverage_cell_jumps_to_that_sources_quote(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        index = next(i for i, e in enumerate(bundled_case.events) if e.id == "sentence-2019")
        event = bundled_case.events[index]
        source_ids = list(bundled_case.sources)
        table.cursor_coordinate = (index, FIRST_SOURCE + source_ids.index("industriall"))
        await pilot.pause()
        expected = next(c for c in event.citations if c.source_id == "industriall")
        detail = " ".join(str(app.screen.query_one("#view-detail").render()).split())
        assert f"2 “{' '.join(expected.quote.split())}”" in detail
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.deck.active_source == "industriall"
        assert marks(app) == {"owp": None, "industriall": expected.span}
        assert "IndustriALL Global Union" in status_line(app)


async def test_a_coverage_cell_of_a_source_that_does_not_report_stays_in_the_view(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        index = next(i for i, e in enumerate(bundled_case.events) if e.source_ids == ("industriall",))
        table.cursor_coordinate = (index, FIRST_SOURCE)  # the OWP column
        await pilot.pause()
        assert "does not report this event" in str(app.screen.query_one("#view-detail").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)


async def test_enter_on_a_coverage_event_shows_it_in_every_source_and_a_click_selects(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        index = next(i for i, e in enumerate(bundled_case.events) if e.id == "verdict")
        table.cursor_coordinate = (index, 1)  # the event's summary
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen_of(app)
        assert marks(app) == first_spans(bundled_case.events[index].citations)
        # A click on the cell the cursor is on selects it too.
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        table.cursor_coordinate = (index, FIRST_SOURCE)
        await pilot.pause()
        region = table._get_cell_region(table.cursor_coordinate)  # its y counts the header row
        offset = (region.x - round(table.scroll_x) + 1, region.y - round(table.scroll_y))
        await pilot.click(table, offset=offset)
        await pilot.pause()
        screen = screen_of(app)
        owp = next(c for c in bundled_case.events[index].citations if c.source_id == "owp")
        assert screen.deck.active_source == "owp" and marks(app)["owp"] == owp.span


# -- differences ------------------------------------------------------------------

async def test_differences_list_every_side_and_enter_marks_them_side_by_side(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        differences = app.screen.query_one(DifferenceList)
        choices = list(differences.choices.values())
        assert len([c for c in choices if c.side is None]) == len(bundled_case.differences)
        assert sum(1 for c in choices if c.side is not None) == sum(len(d.sides) for d in bundled_case.differences)
        text = screen_text(app)
        surname = bundled_case.differences[0]
        assert surname.id == "surname-spelling"
        for side in surname.sides:
            for citation in side.citations:
                assert f"“{citation.quote}”" in text
        await pilot.press("enter")
        await pilot.pause()
        screen_of(app)
        expected = first_spans([c for side in surname.sides for c in side.citations])
        assert set(expected) == {"owp", "industriall"}
        assert marks(app) == expected
        # Wide: both sources are on screen, side by side.
        panes = [view for view in app.screen.query(SourceView) if view.region.width]
        assert len(panes) == 2 and panes[0].region.x < panes[1].region.x


async def test_enter_on_one_side_marks_only_that_sides_passage(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        differences = app.screen.query_one(DifferenceList)
        # Both sides of the sentence length are in IndustriALL: the second side needs a choice of its own.
        key = next(k for k, c in differences.choices.items()
                   if c.difference.id == "new-sentence-length" and c.side == 1)
        differences.highlighted = differences.get_option_index(key)
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        side = next(d for d in bundled_case.differences if d.id == "new-sentence-length").sides[1]
        assert screen.deck.active_source == "industriall"
        assert marks(app) == {"owp": None, "industriall": side.citations[0].span}


async def test_a_difference_opens_from_the_palette(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_run(pilot, "Difference: charges")
        screen_of(app)
        charges = next(d for d in bundled_case.differences if d.id == "charges-framing")
        assert marks(app) == first_spans([c for side in charges.sides for c in side.citations])


# -- voices ---------------------------------------------------------------------------

async def test_voices_group_speakers_by_organisation_with_their_standpoint(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        voice_list = app.screen.query_one(VoiceList)
        quotes = [pick.quote for pick in voice_list.picks.values()]
        assert sorted(q.id for q in quotes if q) == sorted(q.id for q in bundled_case.quotes)
        text = screen_text(app)
        # Sharan Burrow is listed under the ITUC, with her standpoint.
        ituc = text.index("International Trade Union Confederation · union")
        assert ituc < text.index("Sharan Burrow · union")
        # Move to a quote of Mihra Rittman's and go there.
        quote = next(q for q in bundled_case.quotes if q.id == "rittman-no-one-jailed")
        voice_list.highlighted = voice_list.get_option_index(f"quote-{bundled_case.quotes.index(quote)}")
        await pilot.pause()
        detail = str(app.screen.query_one("#view-detail").render())
        assert "Mihra Rittman, Human Rights Watch" in detail and "ngo" in detail
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.deck.active_source == "owp"
        assert marks(app) == {"owp": quote.citation.span, "industriall": None}


async def test_the_only_in_filter_lists_what_no_other_source_states(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        select = app.screen.query_one(Select)
        select.value = "industriall"
        await pilot.pause()
        voice_list = app.screen.query_one(VoiceList)
        assert voice_list.only == "industriall"
        events = [pick.event.id for pick in voice_list.picks.values() if pick.event]
        assert events == [e.id for e in bundled_case.events if set(e.source_ids) == {"industriall"}]
        speakers = {pick.quote.speaker_id for pick in voice_list.picks.values() if pick.quote}
        quoted_by = {}
        for quote in bundled_case.quotes:
            quoted_by.setdefault(quote.speaker_id, set()).add(quote.citation.source_id)
        assert speakers == {speaker for speaker, sources in quoted_by.items() if sources == {"industriall"}}
        assert "sharan-burrow" not in speakers  # quoted by both sources
        # Enter on the first event shows it.
        first = next(e for e in bundled_case.events if set(e.source_ids) == {"industriall"})
        voice_list.focus()
        voice_list.highlighted = voice_list.get_option_index(f"event-{bundled_case.events.index(first)}")
        await pilot.press("enter")
        await pilot.pause()
        screen_of(app)
        assert marks(app) == {"owp": None, **first_spans(first.citations)}


async def test_f_opens_the_filter_and_the_palette_opens_it_preset() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_run(pilot, "Only in 1")
        assert isinstance(app.screen, VoicesScreen)
        assert app.screen.query_one(VoiceList).only == "owp"
        assert app.screen.query_one(Select).value == "owp"
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one(Select).expanded
        await pilot.press("escape")  # closes the drop-down, not the view
        await pilot.pause()
        assert isinstance(app.screen, VoicesScreen) and not app.screen.query_one(Select).expanded
        await pilot.press("escape")
        await pilot.pause()
        screen_of(app)


# -- timeline ---------------------------------------------------------------------------

async def test_the_timeline_draws_each_date_at_its_precision_with_what_each_event_does(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        assert table.row_count == len(bundled_case.events)  # no date is disputed in it: a row an event
        axis_column = 1
        for index, event in enumerate(bundled_case.events):
            cell = str(table.get_cell_at((index, axis_column)))
            if event.date.precision.value == "month":
                assert "━━" in cell, event.id  # a month is a span, not a point
            elif event.date.precision.value == "day":
                assert cell.strip() == "●", event.id
            elif event.date.precision.value == "year":
                assert cell.strip().startswith("├"), event.id
            elif event.date.not_before or event.date.not_after:
                assert "┄" in cell, event.id
            else:
                assert cell == "date unknown", event.id
        does = {event.id: str(table.get_cell_at((i, 2))) for i, event in enumerate(bundled_case.events)}
        # An effect a line: none is cut off.
        assert does["sentence-2019"].startswith("→ convicted at first instance\n→ imprisonment, 7 years: imposed")
        assert does["release-2019-08"] == "→ imprisonment, 7 years: pardoned"
        assert does["campaign-call-2019-11"] == "—"  # it changes nothing
        assert str(app.screen.query_one("#timeline-now").render()).startswith(
            "Now: CONVICTED AT FIRST INSTANCE since between 16 Oct and 1 Nov 2019 (inferred): imprisonment began · "
            "says only IndustriALL Global Union")
        # The warning is the next line: a past computed end is said where the status is.
        assert str(app.screen.query_one("#timeline-warning").render()).startswith(
            "! the imprisonment, 5 months and 8 days would have ended between 24 March 2020 and 9 April 2020")
        assert "may have changed since" in str(app.screen.query_one("#timeline-fresh").render())


async def test_enter_on_a_timeline_event_shows_its_quotes(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        index = next(i for i, e in enumerate(bundled_case.events) if e.id == "release-2019-08")
        table.move_cursor(row=index)
        await pilot.pause()
        assert "Released from prison" in str(app.screen.query_one("#view-detail").render())
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        event = bundled_case.events[index]
        assert screen.deck.active_source == "industriall"
        assert marks(app) == {"owp": None, **first_spans(event.citations)}


# -- provenance in the sidebar ----------------------------------------------------------

async def test_enter_on_the_status_marks_the_passages_it_rests_on(bundled_case: Case) -> None:
    from reader.model.status import case_status
    from reader.ui.widgets.person_status import head_citations

    person = case_status(bundled_case, today=TODAY).people[0]
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        fresh = " ".join(str(app.screen.query_one("#status-fresh").render()).split())
        assert "Undated: The Organization for World Peace, not before 17 July 2019 (inferred)" in fresh
        block = app.screen.query_one("#status-0", Provenance)
        block.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert marks(app) == {"owp": None, **first_spans(head_citations(person))}
        assert status_line(app).startswith("Erlan Baltabay: convicted at first instance")
        assert "says IndustriALL Global Union" in status_line(app)


async def test_a_computed_end_is_labelled_shows_its_calculation_and_its_measure_marks_its_passages(
        bundled_case: Case) -> None:
    from reader.model.status import case_status

    measure = case_status(bundled_case, today=TODAY).people[0].measures[2]
    fact = measure.computed_end
    assert fact is not None
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        block = app.screen.query_one("#measure-0-2", Provenance)
        assert block.has_class("computed-fact")
        text = " ".join(str(block.render()).split())
        assert text.startswith("imprisonment, 5 months and 8 days Since between 16 Oct and 1 Nov 2019 (inferred)")
        assert f"Until {fact.value} (computed, if served in full)" in text
        assert " ".join(fact.calculation.split()) in text
        assert "Says only IndustriALL Global Union" in text and "Sources differ: 2 differences (d)" in text
        block.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(block)
        await pilot.pause()
        assert marks(app) == {source_id: None for source_id in bundled_case.sources} | first_spans(measure.citations)
        assert "end computed from: length of the term 5 months and 8 days" in status_line(app)


# -- text from the case is inert --------------------------------------------------------

def hostile_case() -> Case:
    """Two sources and one of everything, with markup and an escape sequence in every text shown."""
    text_a = "Headline A\n\nThe court [bold]sentenced[/bold] him. He said: “I am innocent.”\n"
    text_b = "Headline B\n\nHe was sentenced in 2019 to [red]seven[/red] years.\n"
    sources = {"a": make_source("a", text_a, publisher="[b]Daily[/b]"), "b": make_source("b", text_b)}

    def cite(source_id: str, quote: str) -> Citation:
        start = sources[source_id].text.index(quote)
        return Citation(source_id, quote, span=Span(start, start + len(quote)))

    speaker = Entity("speaker", "person", "[i]Speaker[/i]\x1b]0;pwned\x07", "", [], standpoint="defendant")
    event = Event("sentence", "sentence", FuzzyDate("2019-07"), "Sentenced [blink]now[/blink]\x1b[2J",
                  [cite("a", "[bold]sentenced[/bold]"), cite("b", "sentenced in 2019")],
                  people=("speaker",), proceedings=(("speaker", "convicted"),),
                  measures=(Measure("prison", "imprisonment", "speaker", "sentence",
                                    [cite("b", "[red]seven[/red] years")], term=Term(years=7)),))
    quote = Quote("innocent", "speaker", cite("a", "I am innocent."))
    difference = Difference("years", "[u]sentence[/u]", "Only one gives the length\x1b[31m.",
                            [Side("[bold]no length[/bold]", [cite("a", "[bold]sentenced[/bold]")]),
                             Side("seven years", [cite("b", "[red]seven[/red] years")])])
    return Case(id="hostile", title="Hostile", folder=Path("hostile"), sources=sources,
                entities={"speaker": speaker}, events=[event], quotes=[quote], differences=[difference],
                subject_ids=("speaker",))


@pytest.mark.parametrize("key", VIEW_KEYS)
async def test_case_text_in_the_views_is_never_markup_and_never_escapes(key: str) -> None:
    app = ReaderApp(result=LoadResult(Path("hostile"), Problems(), hostile_case()), today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        shown = {
            "o": ["[b]Daily[/b]", "Sentenced [blink]now[/blink]␛[2J"],
            "d": ["[U]SENTENCE[/U]", "[bold]no length[/bold]", "“[red]seven[/red] years”", "length␛[31m."],
            "w": ["[i]Speaker[/i]␛]0;pwned␇", "“I am innocent.”"],
            "t": ["Sentenced [blink]now[/blink]␛[2J", "imprisonment, 7 years"],
        }[key]
        for words in shown:
            assert words in text, words


async def test_views_fit_a_small_terminal_in_a_light_theme() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        app.theme = "reader-light"
        await pilot.pause()
        for key, screen_type in VIEW_KEYS.items():
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            main = app.screen.query_one("#coverage-table, #difference-list, #voice-list, #timeline-table")
            assert main.region.height >= 4, key  # room for a few rows of the list itself
            assert main.region.right <= SMALL[0]
            await pilot.press("escape")
            await pilot.pause()


async def test_narrow_a_difference_says_how_to_see_the_other_side(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("d", "enter")
        await pilot.pause()
        screen = screen_of(app)
        assert status_line(app).startswith("2 sources marked, [ / ] to switch")
        first = screen.deck.active_source
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.deck.active_source != first and marks(app)[screen.deck.active_source] is not None


async def test_the_coverage_key_of_many_sources_scrolls_and_leaves_the_table_its_room() -> None:
    # One line a source: forty sources would push the table off an 80x24 screen.
    app = forty_sources(TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        key_box = app.screen.query_one("#coverage-key-box")
        table = app.screen.query_one(CoverageTable)
        assert key_box.size.height < 8 and key_box.max_scroll_y > 0
        assert table.size.height >= 8
        assert "Event 1." in screen_text(app)


async def test_coverage_shows_as_many_sources_as_fit_and_turns_pages_of_them() -> None:
    app = forty_sources(TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        frame = app.screen.query_one("#view-frame")
        page = len(table.shown)
        assert 1 < page < 40 and table.shown == [f"s{n}" for n in range(1, page + 1)]
        assert len(table.columns) == page + 3  # When, Event, a column a source shown, Told
        assert table.region.right <= 120 and table.virtual_size.width <= table.size.width  # nothing off screen
        assert str(frame.border_subtitle).startswith(f"Sources 1–{page} of 40, [ ] the others")

        table.cursor_coordinate = (page + 1, FIRST_SOURCE + 1)  # source page + 2's event, in its column...
        await pilot.press("right_square_bracket")  # ...once its page shows
        await pilot.pause()
        assert table.shown[0] == f"s{page + 1}" and table.source_at(FIRST_SOURCE + 1) == f"s{page + 2}"
        assert table.cursor_coordinate == (page + 1, FIRST_SOURCE + 1)
        assert str(frame.border_subtitle).startswith(f"Sources {page + 1}–{2 * page} of 40")
        assert f"Event {page + 2}." in str(app.screen.query_one("#view-detail").render())
        assert str(table.get_cell_at((page + 1, FIRST_SOURCE + 1))) == "●"

        await pilot.resize_terminal(100, 30)  # fewer fit: the page is the one that holds the cursor's source
        await pilot.pause()
        assert f"s{page + 2}" in table.shown and table.source_at(table.cursor_coordinate.column) == f"s{page + 2}"

        await pilot.press("enter")  # that source's passage
        await pilot.pause()
        assert screen_of(app).deck.active_source == f"s{page + 2}"

        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        assert table.shown[0] == "s1"
        await pilot.press("left_square_bracket")  # no page before the first: a bell, nothing else
        await pilot.pause()
        assert table.shown[0] == "s1"


async def test_a_fitted_table_rebuilt_with_other_columns_shows_the_new_ones() -> None:
    # FittedTable keeps DataTable's list of columns between calls: a rebuild must replace it.
    from textual.app import App, ComposeResult

    from reader.ui.widgets.fitted_table import FittedTable

    class Table(FittedTable):
        labels = ("a", "b")

        def fill(self) -> None:
            self.clear(columns=True)
            for label in self.labels:
                self.add_column(label, width=3, key=label)
            self.add_row(*(label.upper() for label in self.labels))

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Table()

    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(Table)
        await pilot.pause()
        assert [column.key.value for column in table.ordered_columns] == ["a", "b"]
        table.labels = ("c", "d")  # as many columns as before, other ones
        table.fill()
        await pilot.pause()
        assert [column.key.value for column in table.ordered_columns] == ["c", "d"]
        assert table.get_row_at(0) == ["C", "D"]
        table.remove_column("c")
        assert [column.key.value for column in table.ordered_columns] == ["d"]


# -- d on the sidebar: the differences about a status or a measure ----------------------

async def test_d_on_a_measure_lists_only_the_differences_about_it_and_a_lists_them_all(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        ban = app.screen.query_one("#measure-0-0", Provenance)  # the ban, whose length the sources differ on
        assert ban.difference_ids and len(ban.difference_ids) < len(bundled_case.differences)
        assert f"Sources differ: {len(ban.difference_ids)} difference" in " ".join(str(ban.render()).split())
        ban.focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DifferencesScreen)
        listed = app.screen.query_one(DifferenceList)
        about = [c.difference.id for c in listed.choices.values() if c.side is None]
        assert about == list(ban.difference_ids)
        frame = app.screen.query_one("#view-frame")
        assert str(frame.border_title).startswith(
            f"Differences: {len(about)} of {len(bundled_case.differences)} about the ban on posts or activity")
        assert f"a: all {len(bundled_case.differences)}" in str(frame.border_subtitle)
        await pilot.press("a")
        await pilot.pause()
        every = [c.difference.id for c in listed.choices.values() if c.side is None]
        assert every == [d.id for d in bundled_case.differences]
        assert listed.current is not None and listed.current.difference.id == about[0]  # the cursor stayed
        assert str(frame.border_title) == f"Differences: {len(every)} between the sources"
        await pilot.press("a")  # and back to those about the ban
        await pilot.pause()
        assert [c.difference.id for c in listed.choices.values() if c.side is None] == about


async def test_d_on_the_status_lists_the_differences_about_it_and_elsewhere_every_one(bundled_case: Case) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        head = app.screen.query_one("#status-0", Provenance)
        assert 0 < len(head.difference_ids) < len(bundled_case.differences)
        head.focus()
        await pilot.press("d")
        await pilot.pause()
        listed = app.screen.query_one(DifferenceList)
        assert [c.difference.id for c in listed.choices.values() if c.side is None] == list(head.difference_ids)
        await pilot.press("escape")
        await pilot.pause()
        screen_of(app).deck.focus_active()
        await pilot.pause()
        await pilot.press("d")  # from the sources: every difference, and no a to press
        await pilot.pause()
        listed = app.screen.query_one(DifferenceList)
        assert len([c for c in listed.choices.values() if c.side is None]) == len(bundled_case.differences)
        assert "a: all" not in str(app.screen.query_one("#view-frame").border_subtitle)
        assert app.screen.check_action("show_all", ()) is False


# -- a difference of three sides --------------------------------------------------------

@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_every_side_of_a_three_sided_difference_is_marked_and_one_key_away(size) -> None:
    app = ReaderApp(bundled_cases() / "civic-square", today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        overturned = next(d for d in screen.case.differences if d.id == "what-was-overturned")
        # Each side's own passage: the first side cites all three sources, the others one each.
        leads = [next(c for c in side.citations if c.source_id == source_id)
                 for side, source_id in zip(overturned.sides, ["rthk-cfa", "voa-cfa", "pen-cfa"], strict=True)]
        await pilot.press("d")
        await pilot.pause()
        listed = app.screen.query_one(DifferenceList)
        listed.highlighted = listed.get_option_index(f"difference-{screen.case.differences.index(overturned)}")
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert {source_id: marks(app)[source_id] for source_id in ("rthk-cfa", "voa-cfa", "pen-cfa")} == {
            lead.source_id: lead.span for lead in leads}  # every side marked, each in a source of its own
        assert status_line(app).startswith("3 sources marked")
        seen = [screen.deck.active_source]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.deck.active_source)
            assert screen.deck.active_source in screen.deck.shown_sources()
        assert seen == ["rthk-cfa", "voa-cfa", "pen-cfa", "rthk-cfa"]  # ] steps through the marked sources only
        await pilot.press("escape")  # the marks cleared, ] steps through every source again
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.deck.active_source == list(screen.case.sources)[list(screen.case.sources).index("rthk-cfa") + 1]
