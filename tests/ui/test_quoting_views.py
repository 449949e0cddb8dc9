"""A paraphrase is never shown as a quotation in the reader: the views, the panels, the palette, the status line.

The case is the bundled one with every text the annotator writes in their
own words replaced by a marker no source holds
(:mod:`tests.support.own_words`). Every view that shows those texts must
show them unquoted, and the sources' words in quotation marks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.model import Case
from reader.model.status import case_status
from reader.ui.app import ReaderApp
from reader.ui.commands import cross_view_entries
from reader.ui.screens.differences import DifferencesScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.screens.voices import VoicesScreen
from reader.ui.widgets.difference_list import DifferenceList
from reader.ui.widgets.voice_list import VoiceList
from tests.support.case_files import loaded
from tests.support.own_words import MARKER, own_words_case, quoted_markers
from tests.support.pilot import screen_of, screen_text, status_line, wait_until

TODAY = dt.date(2026, 11, 26)
#: Tall and wide, so a view's list is shown whole, or nearly, and its lines seldom wrap.
TALL = (200, 120)


@pytest.fixture
def own_words(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path / "baltabay"
    return folder, own_words_case(folder)


def one_line(text: str) -> str:
    return " ".join(text.split())


async def test_the_differences_view_summarises_each_side_and_quotes_only_its_passages(
        own_words: tuple[Path, dict[str, list[str]]]) -> None:
    folder, markers = own_words
    case = loaded(folder)
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DifferencesScreen), "the differences view")
        await pilot.pause()
        text = screen_text(app)
        shown = [side for side in markers["says"] if side in text]
        assert len(shown) >= 4
        assert quoted_markers(text) == []
        first = case.differences[0]
        publisher = case.sources[first.sides[0].citations[0].source_id].publisher
        assert f"{publisher}, summarised: {first.sides[0].says}" in text
        assert f"“{one_line(first.sides[0].citations[0].quote)}”" in text
        # Enter on a side: the status line names the side as a summary, unquoted.
        differences = app.screen.query_one(DifferenceList)
        differences.highlighted = differences.get_option_index("difference-0-side-0")
        await pilot.press("enter")
        await wait_until(pilot, lambda: first.sides[0].says in status_line(app), "the side in the status line")
        assert f"summarised: {first.sides[0].says}" in status_line(app)
        assert quoted_markers(status_line(app)) == []


async def test_the_voices_view_gives_reported_speech_as_the_sources_words(
        own_words: tuple[Path, dict[str, list[str]]]) -> None:
    folder, _ = own_words
    case = loaded(folder)
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, VoicesScreen), "the voices view")
        await pilot.pause()
        text = one_line(screen_text(app).replace("│", " "))
        reported = [quote for quote in case.quotes if quote.mode == "reported"]
        assert reported
        numbers = {source_id: number for number, source_id in enumerate(case.sources, start=1)}
        for quote in reported:
            source = f"{numbers[quote.citation.source_id]} {case.sources[quote.citation.source_id].publisher}"
            words = one_line(quote.citation.quote)
            # The source is named before the words it wrote, and nothing calls them a direct quote after them.
            assert f"reported speech, in the words of {source}: “{words[:40]}" in text
            assert f"{words[-30:]}”  {source} · direct quote" not in text
        # Chosen, the reported quote's message names it reported speech in the source's words; its note is unquoted.
        voices = app.screen.query_one(VoiceList)
        key = next(key for key, pick in voices.picks.items() if pick.quote and pick.quote.id == reported[0].id)
        voices.highlighted = voices.get_option_index(key)
        await pilot.pause()
        detail = str(app.screen.query_one("#view-detail").render())
        assert MARKER.search(detail) and quoted_markers(detail) == []
        await pilot.press("enter")
        speaker = case.entities[reported[0].speaker_id].name
        await wait_until(pilot, lambda: status_line(app).startswith(speaker), "the quote in the status line")
        publisher = case.sources[reported[0].citation.source_id].publisher
        assert status_line(app).startswith(f"{speaker}, reported speech in the words of {publisher}: “")


async def test_the_sidebar_and_the_entity_panel_show_the_annotators_words_unquoted(
        own_words: tuple[Path, dict[str, list[str]]]) -> None:
    folder, markers = own_words
    case = loaded(folder)
    person = case_status(case, today=TODAY).people[0]
    assert person.measures
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=TALL) as pilot:
        stage = (person.stage_words or "").upper()
        # (the glance puts the stage after the name, so it may wrap: looked for in the glance's words)
        await wait_until(pilot, lambda: app.screen.query("#status-0") and stage in " ".join(
            str(app.screen.query_one("#status-0").render()).split()), "the stage of the proceedings in the sidebar")
        subject = case.entities["erlan-baltabay"]
        screen_of(app).select_entity(subject.id)
        await wait_until(pilot, lambda: subject.description in screen_text(app), "the entity's description")
        text = screen_text(app)
        assert sum(summary in text for summary in markers["summary"]) >= 3  # the status and some events
        assert quoted_markers(text) == []


async def test_the_timeline_view_shows_the_annotators_words_unquoted(
        own_words: tuple[Path, dict[str, list[str]]]) -> None:
    folder, markers = own_words
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline view")
        await pilot.pause()
        text = screen_text(app)
        assert sum(summary in text for summary in markers["summary"]) >= 10
        assert quoted_markers(text) == []


def test_the_palette_names_the_status_and_the_differences_without_quotation_marks(
        own_words: tuple[Path, dict[str, list[str]]]) -> None:
    folder, _ = own_words
    case: Case = loaded(folder)
    texts = [entry.text for entry in cross_view_entries(case, print, print, TODAY)]
    status = next(text for text in texts if text.startswith("Status"))
    assert status == "Status of Erlan Baltabay: where it comes from"
    differences = [text for text in texts if text.startswith("Difference: ")]
    assert len(differences) == len(case.differences)
    assert all(MARKER.search(text) for text in differences)
    assert quoted_markers("\n".join(texts)) == []
