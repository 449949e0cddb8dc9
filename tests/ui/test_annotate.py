"""Annotating in the reader with Pilot: selecting text, each annotation, undo/redo, saving, conflicts, quitting."""

from __future__ import annotations

import difflib
from pathlib import Path

from textual.widgets import OptionList

from reader.load.case_loader import load_case
from reader.model import Span
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.dialogs import Choose, ShowProblems
from tests.support.pilot import (
    SIZE,
    TODAY,
    add_kazakhstan_again,
    add_president_alias,
    case_screen_of,
    choose,
    fill,
    pick,
    screen_of,
    select,
)


def unchanged_lines_kept(old: str, new: str) -> bool:
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


async def test_v_selects_text_with_the_keyboard() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = case_screen_of(app).deck.view("owp")
        await pilot.press("v")
        assert view.visual and view.selection == Span(0, 1)  # the first character of the view
        assert view.selected_text == "A"
        await pilot.press("w")  # to the end of the next word
        assert view.selected_text == "A Worrying"
        await pilot.press("w")
        assert view.selected_text == "A Worrying Trend"
        await pilot.press("h", "h")
        assert view.selected_text == "A Worrying Tre"
        await pilot.press("j", "j")  # down two rows: past the blank line, into the first paragraph
        assert view.selection.end > view.rows[2].start
        await pilot.press("dollar_sign")
        assert view.selection.end == view.rows[2].end
        await pilot.press("escape")
        assert not view.visual and view.selection is None
        await pilot.press("j")  # j scrolls again
        assert view.scroll_y == 1


async def test_a_drag_selects_text_and_a_click_still_selects_a_mention() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = case_screen_of(app).deck.view("owp")
        # Row 0 is the headline "A Worrying Trend: …"; content starts one cell in (the padding).
        await pilot.mouse_down(view, offset=(1 + 2, 0))
        await pilot.hover(view, offset=(1 + 9, 0))
        await pilot.mouse_up(view, offset=(1 + 9, 0))
        await pilot.pause()
        assert view.selected_text == "Worrying"
        await pilot.click(view, offset=(1 + 20, 0))  # a click on the headline mention of "Trade Union Leader"
        await pilot.pause()
        assert view.selection is None
        assert screen_of(app).selected_entity == "erlan-baltabay"


async def test_a_without_a_selection_says_how_to_select() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert "Select text first" in str(app.screen.query_one("#status-line").render())


async def test_new_entity_and_new_event_then_save_keeps_every_other_line(folder: Path) -> None:
    before = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.yaml")}
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select(app, "owp", "Central Asia")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "entity")
        await fill(pilot, {"type": "place", "name": "Central Asia",
                           "description": "The region Mihra Rittman researches for Human Rights Watch."})
        screen = screen_of(app)
        assert "central-asia" in screen.case.entities
        assert any(m.entity_id == "central-asia" for m in screen.case.mentions["owp"])
        assert "unsaved: entities.yaml" in screen.sub_title

        select(app, "industriall", "launched a new LabourStart campaign")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "event")
        await fill(pilot, {"kind": "reaction", "date": "2019-11",
                           "summary": "IndustriALL and the ITUC launch a LabourStart campaign."})
        assert any(e.summary.startswith("IndustriALL and the ITUC launch") for e in screen.case.events)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.sub_title == "baltabay"
        assert "Saved entities.yaml, events.yaml" in str(screen.query_one("#status-line").render())
        await pilot.press("q")
    assert app.return_code == 0
    result = load_case(folder)
    assert result.ok, [p.format() for p in result.problems]
    for name, old in before.items():
        assert unchanged_lines_kept(old, (folder / name).read_text(encoding="utf-8")), name


async def test_mention_alias_quote_citation_and_side(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)

        select(app, "owp", "General Secretary")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "mention")
        await pick(pilot, "Sharan")
        assert any(m.entity_id == "sharan-burrow" and m.explicit for m in screen.case.mentions["owp"])

        await add_president_alias(pilot)
        assert "Kazak President" in screen.case.entities["kassym-jomart-tokayev"].aliases

        select(app, "owp", "no one should be jailed for defending workers’ rights")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "quote")
        await pick(pilot, "Mihra")
        await choose(pilot, "direct")
        assert sum(1 for q in screen.case.quotes if q.speaker_id == "mihra-rittman") >= 2

        select(app, "industriall", "released from prison in August 2019")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "cite")
        await pick(pilot, "August 2019")
        release = next(e for e in screen.case.events if e.id == "release-2019-08")
        assert any("released from prison in August 2019" in c.quote for c in release.citations)

        select(app, "owp", "7 years", 1)
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "side")
        await pick(pilot, "sentence")
        await fill(pilot, {"says": "Seven years in prison."})
        assert screen.annotator.session is not None and len(screen.annotator.session.unsaved) >= 3


async def test_an_invalid_annotation_is_refused_with_the_check_message(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await add_kazakhstan_again(pilot)
        assert isinstance(app.screen, ShowProblems)
        messages = " ".join(str(problem.message) for problem in app.screen.problems)
        assert "Kazakhstan" in messages
        await pilot.press("escape")
        screen = screen_of(app)
        assert screen.annotator.session is not None and screen.annotator.session.unsaved == []


async def test_undo_and_redo(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await add_president_alias(pilot)
        tokayev = "kassym-jomart-tokayev"
        assert "Kazak President" in screen.case.entities[tokayev].aliases
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Kazak President" not in screen.case.entities[tokayev].aliases and screen.sub_title == "baltabay"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Kazak President" in screen.case.entities[tokayev].aliases


async def test_edit_and_delete_from_the_entity_panel_and_the_sidebar(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.query_one("#entity-list").focus()
        await pilot.press("down")  # Erlan Baltabay
        await pilot.press("enter")  # to his mentions
        mentions = screen.query_one("#entity-mentions", OptionList)
        explicit = next(i for i in range(mentions.option_count)
                        if (o := mentions.get_option_at_index(i)).id is not None
                        and screen.case.mentions_of("erlan-baltabay")[int(o.id)].explicit)  # ids count his mentions
        count = len(screen.case.mentions_of("erlan-baltabay"))
        mentions.highlighted = explicit
        await pilot.press("delete")
        await pilot.pause()
        assert len(screen.case.mentions_of("erlan-baltabay")) == count - 1

        screen.query_one("#entity-list").focus()
        await pilot.press("r")
        await pilot.pause()
        await fill(pilot, {"description": "Kazakh trade union leader."})
        assert screen.case.entities["erlan-baltabay"].description == "Kazakh trade union leader."

        await pilot.press("delete")  # referred to by events and quotes: refused
        await pilot.pause()
        await choose(pilot, "delete")
        assert isinstance(app.screen, ShowProblems)
        await pilot.press("escape")
        assert "erlan-baltabay" in screen.case.entities

        timeline = screen.query_one("#timeline", OptionList)
        timeline.focus()
        timeline.highlighted = next(i for i, e in enumerate(screen.case.events) if e.id == "reaction-ilo")
        await pilot.press("r")
        await pilot.pause()
        await fill(pilot, {"summary": "The ILO criticises the lack of progress."})
        assert next(e for e in screen.case.events if e.id == "reaction-ilo").summary.startswith("The ILO criticises")
        await pilot.press("delete")  # quotes are about it: refused
        await pilot.pause()
        await choose(pilot, "delete")
        assert isinstance(app.screen, ShowProblems)
        await pilot.press("escape")
        timeline.highlighted = next(i for i, e in enumerate(screen.case.events) if e.id == "union-campaign")
        await pilot.press("delete")
        await pilot.pause()
        await choose(pilot, "delete")
        assert "union-campaign" not in {e.id for e in screen.case.events}


async def test_quitting_with_unsaved_edits_asks_first(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await add_president_alias(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await choose(pilot, "cancel")
        assert isinstance(app.screen, CaseScreen)  # still reading
        await pilot.press("q")
        await pilot.pause()
        await choose(pilot, "save")
        await pilot.pause()
    assert app.return_code == 0
    assert "Kazak President" in load_case(folder).case.entities["kassym-jomart-tokayev"].aliases


async def test_a_file_changed_on_disk_is_never_silently_overwritten(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await add_president_alias(pilot)
        screen_of(app).annotator.disk_timer.pause()  # the save, not the two-second check, is what meets the change here
        entities = folder / "entities.yaml"
        entities.write_text(entities.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choose)  # asked, not overwritten
        assert "# edited elsewhere" in entities.read_text(encoding="utf-8")
        await choose(pilot, "mine")
        text = entities.read_text(encoding="utf-8")
        assert "Kazak President" in text and "# edited elsewhere" not in text


async def test_a_change_on_disk_is_noticed_and_can_be_reloaded(folder: Path) -> None:
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.annotator.disk_timer.pause()  # checked by hand below, at a known moment
        entities = folder / "entities.yaml"
        entities.write_text(entities.read_text(encoding="utf-8").replace("name: Mihra Rittman",
                                                                         "name: Mihra Rittman (HRW)"),
                            encoding="utf-8")
        screen.annotator.check_disk()  # what the two-second timer does
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await choose(pilot, "theirs")
        assert screen.case.entities["mihra-rittman"].name == "Mihra Rittman (HRW)"
