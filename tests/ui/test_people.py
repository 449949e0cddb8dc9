"""Each person's status, dates the sources dispute, and narrowing to one person: the sidebar, the views, the palette.

The bundled case follows one person; ``two_people`` (tests.support.sample_pair)
follows two, and two of its sources date the appeal ruling differently. The
day is fixed in 2026, when every computed end in both has passed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.color import Color
from textual.command import CommandList
from textual.widgets import OptionList

from reader.load.case_loader import load_case
from reader.ui.app import ReaderApp
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.differences import DifferencesScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.widgets.coverage_table import CoverageTable
from reader.ui.widgets.difference_list import DifferenceList
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.timeline_table import TimelineTable
from tests.support.pilot import TODAY, palette_run, palette_search, screen_of, screen_text, status_line, wait_until

WIDE, SMALL = (160, 45), (60, 20)
PAST_END = ("! the imprisonment, 5 months and 8 days would have ended between 24 March 2020 and 9 April 2020; "
            "no source says what happened then")


def words(widget: object) -> str:
    """What a widget shows, its lines run together."""
    return " ".join(str(widget.render()).split())  # type: ignore[attr-defined]


def two_people_app(folder: Path) -> ReaderApp:
    return ReaderApp(result=load_case(folder), today=TODAY)


# -- the status sidebar -----------------------------------------------------------------

async def test_a_past_computed_end_is_said_right_under_the_status_in_the_warning_colour() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        head = app.screen.query_one("#status-0")
        warning = app.screen.query_one("#status-warning-0")
        blocks = list(app.screen.query_one("#status-now-scroll").children)
        assert blocks.index(warning) == blocks.index(head) + 1  # nothing between the status and its warning
        assert words(head).startswith("Erlan Baltabay: CONVICTED AT FIRST INSTANCE; imprisonment, 5 months and 8 "
                                      "days (+2 more)")
        assert warning.region.y == head.region.bottom
        # within the sidebar's first lines, at its width (the since says what changed then: issue 19)
        assert warning.region.y - head.region.y <= 8
        assert words(warning) == PAST_END
        assert warning.styles.color == Color.parse(app.theme_variables["text-warning"]) != head.styles.color


async def test_the_warning_shows_with_the_status_when_the_sidebar_covers_a_small_terminal() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        shown = " ".join(screen_text(app).replace("│", " ").split())
        # (the pane's scrollbar may stand at the end of a line: each line is looked for on its own)
        assert "Erlan Baltabay: CONVICTED AT FIRST INSTANCE; imprisonment, 5 months and 8 days (+2 more)" in shown
        assert "since between 16 Oct and 1 Nov 2019 (inferred):" in shown
        assert "imprisonment began · only 2 IndustriALL Global" in shown
        assert "Union · newest 1 Nov 2019, about 7 years ago" in shown  # the glance's every line, at 60×20
        assert PAST_END in shown


async def test_no_warning_before_the_computed_end() -> None:
    app = ReaderApp(today=dt.date(2020, 1, 15))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.screen.query("#status-0") and not app.screen.query(".status-warning")


async def test_a_case_of_two_people_has_a_named_block_each_with_its_own_warnings_and_measures(two_people) -> None:
    app = two_people_app(two_people)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        blocks = [w.id for w in app.screen.query_one("#status-now-scroll").children]
        # Both glances, each with its warnings, first; then each person's details.
        assert blocks == ["status-0", "status-warning-0", "status-1", "status-warning-1",
                          "status-says-0", None, "measure-0-0", "measure-0-1",
                          "status-says-1", None, "measure-1-0", "status-fresh"]
        dana, marat = (words(app.screen.query_one(f"#status-{i}")) for i in (0, 1))
        assert dana.startswith("Dana Sample: APPEAL REJECTED; ") and marat.startswith("Marat Sample: APPEAL REJECTED; ")
        assert "since 20 May 2019 (The Gazette) or 27 May 2019 (The Bulletin): the sources differ" in dana
        assert words(app.screen.query_one("#status-says-1")).startswith("Marat Sample Says ")
        assert words(app.screen.query_one("#status-warning-0")) == (
            "! the restricted freedom, 2 years would have ended 12 February 2021; no source says what happened "
            "then ! the ban on posts or activity, 3 years would have ended 12 February 2022; no source says what "
            "happened then")
        assert words(app.screen.query_one("#status-warning-1")) == (
            "! the imprisonment, 3 years would have ended 12 February 2022; no source says what happened then")
        prison = words(app.screen.query_one("#measure-1-0"))
        assert prison.startswith("imprisonment, 3 years Since 12 Feb 2019 Until 12 February 2022 (computed")
        assert "Says The Herald, The Gazette (2 sources)" in prison  # its own sources, not the last event's


# -- disputed dates ---------------------------------------------------------------------

async def test_an_event_with_disputed_dates_is_on_the_timeline_at_each_date_and_leads_to_its_difference(
        two_people) -> None:
    app = two_people_app(two_people)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        appeal = next(o for o in app.screen.query_one("#timeline", OptionList).options if o.id == "4")
        assert " ".join(str(appeal.prompt).split()).startswith(
            "dates disputed sources 2 3 20 May 2019 (The Gazette) · 27 May 2019 (The Bulletin) (d)")
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        assert [r.step.event.id for r in table.rows_data] == [
            "union-closed", "arrest", "sentence", "lawyer-statement", "appeal", "appeal"]
        cells = [[str(c) for c in table.get_row_at(row)] for row in (4, 5)]
        assert [row[0] for row in cells] == ["20 May 2019", "27 May 2019"]
        assert all(row[2].startswith("disputed\nDana Sample, Marat Sample → appeal rejected") for row in cells)
        assert [row[3] for row in cells] == ["2", "3"]  # the source that gives each date
        assert cells[1][4].startswith("date per The Bulletin: The appeal court upholds both sentences.")
        table.move_cursor(row=5)
        await pilot.pause()
        detail = words(app.screen.query_one("#view-detail"))
        assert detail.startswith("27 May 2019 The appeal court upholds both sentences. Date disputed: 20 May 2019 "
                                 "(The Gazette) · 27 May 2019 (The Bulletin); this row: the date The Bulletin gives")
        assert "Marat Sample → imprisonment, 3 years: upheld" in detail
        assert "The sources differ on its date (d: the first)" in detail
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DifferencesScreen), "the differences view")
        await pilot.pause()
        differences = app.screen.query_one(DifferenceList)
        assert differences.current is not None and differences.current.difference.id == "appeal-date"


# -- narrowing to one person ------------------------------------------------------------

async def test_p_narrows_the_sidebar_the_entities_and_the_header_to_each_person_in_turn(two_people) -> None:
    app = two_people_app(two_people)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        timeline = app.screen.query_one("#timeline", OptionList)
        entities = app.screen.query_one(EntityPanel)

        def listed() -> list[str]:
            return [o.id for o in app.screen.query_one("#entity-list", OptionList).options if o.id]

        assert timeline.option_count == 5 and "ivan-example" in listed()
        await pilot.press("p")
        await pilot.pause()
        assert screen.person == "dana-sample"
        assert screen_text(app).splitlines()[0].strip().endswith("Two people — two-people · Dana Sample")
        assert [w.id for w in app.screen.query(".status-head")] == ["status-0"]
        assert [o.id for o in timeline.options] == ["0", "2", "3", "4"]  # not Marat's arrest
        assert timeline.border_title == "Timeline (4 of 5 events)"
        assert "Dana Sample → appeal rejected" not in str(timeline.options[-1].prompt)  # her own: no name needed
        assert "→ appeal rejected" in str(timeline.options[-1].prompt)
        assert "Narrowed to Dana Sample" in status_line(app)
        assert "ivan-example" in listed() and entities.border_title == "Entities (5 of 5) · Dana Sample"
        await pilot.press("p")
        await pilot.pause()
        assert screen.person == "marat-sample"
        assert [w.id for w in app.screen.query(".status-head")] == ["status-1"]
        assert [o.id for o in timeline.options] == ["0", "1", "2", "4"]  # not Dana's lawyer's statement
        assert "ivan-example" not in listed()  # no event of Marat's names her lawyer
        assert entities.border_title == "Entities (4 of 5) · Marat Sample"
        await pilot.press("p")
        await pilot.pause()
        assert screen.person is None and timeline.option_count == 5 and "ivan-example" in listed()
        assert app.screen.query_one("#case-status").border_title == "Case status"


async def test_the_views_open_narrowed_and_p_there_narrows_the_case_too(two_people) -> None:
    app = two_people_app(two_people)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("p", "p")  # Marat
        await pilot.pause()
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, CoverageScreen), "the coverage view")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        assert [row.event.id for row in table.rows_data] == ["union-closed", "arrest", "sentence", "appeal"]
        assert table.row_count == 4
        assert str(app.screen.query_one("#view-frame").border_title).endswith("4 of 5 events × 3 sources · "
                                                                               "Marat Sample")
        await pilot.press("p")  # everyone
        await pilot.pause()
        assert table.row_count == 5
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline view")
        await pilot.pause()
        timeline = app.screen.query_one(TimelineTable)
        assert timeline.person is None and len(timeline.rows_data) == 6
        await pilot.press("p")  # Dana
        await pilot.pause()
        assert [r.step.event.id for r in timeline.rows_data] == [
            "union-closed", "sentence", "lawyer-statement", "appeal", "appeal"]
        now = str(app.screen.query_one("#timeline-now").render())
        assert now.startswith("Now: Dana Sample: APPEAL REJECTED since") and "Marat" not in now
        await pilot.press("escape")
        await pilot.pause()
        assert screen_of(app).person == "dana-sample"  # the case screen followed the view


async def test_the_palette_narrows_and_offers_only_the_persons_entities_and_events(two_people) -> None:
    app = two_people_app(two_people)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await palette_run(pilot, "Person: narrow to Marat")
        assert screen_of(app).person == "marat-sample"

        async def matches(text: str) -> list[str]:
            await palette_search(pilot, text)
            found = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            await pilot.press("escape")
            await pilot.pause()
            return found

        assert not any(m.startswith("Entity: Ivan Example") for m in await matches("Entity: Ivan"))
        assert not any("Her lawyer says" in m for m in await matches("Event: Her lawyer says"))
        assert any(m.startswith("Entity: Marat Sample") for m in await matches("Entity: Marat"))
        await palette_run(pilot, "Person: everyone")
        assert screen_of(app).person is None
        assert any(m.startswith("Entity: Ivan Example") for m in await matches("Entity: Ivan"))


async def test_a_case_of_one_person_cannot_be_narrowed() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        said = status_line(app)
        assert screen.check_action("next_person", ()) is False
        await pilot.press("p")
        await pilot.pause()
        assert screen.person is None and status_line(app) == said
        assert app.screen.query_one("#case-status").border_title == "Case status"
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline view")
        assert app.screen.check_action("next_person", ()) is False
