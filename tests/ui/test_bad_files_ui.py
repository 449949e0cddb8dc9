"""The reader, opened on the cases of tests/test_bad_files.py and tests/test_limits.py (issue 17).

Opened as a user opens them, by folder: a case at the date and term limits
opens and every view draws it; a case with a bad file shows its problems
(never a traceback); a case with thousands of problems lists the first ones
and one line for the rest, in a moment rather than a minute.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from textual.widgets import Static

from reader.load.case_loader import load_case
from reader.report import MAX_PROBLEMS_SHOWN
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.differences import DifferencesScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.screens.voices import VoicesScreen
from tests.support.case_files import CASE_YAML, WEEKLY_TEXT, empty_entities, extreme_case, write_case
from tests.support.pilot import screen_text

TODAY = dt.date(2026, 11, 26)


async def test_a_case_at_the_date_and_term_limits_opens_in_every_view(tmp_path: Path) -> None:
    app = ReaderApp(extreme_case(tmp_path / "case"), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, CaseScreen)
        for key, screen in (("t", TimelineScreen), ("o", CoverageScreen), ("d", DifferencesScreen),
                            ("w", VoicesScreen)):
            await pilot.press(key)
            await pilot.wait_for_scheduled_animations()
            assert isinstance(app.screen, screen), key
            if screen is TimelineScreen:
                assert "1000" in screen_text(app) and "2999" in screen_text(app)
                ahead = (dt.date(2999, 12, 31) - TODAY).days  # the newest source is dated that far ahead
                assert f"dated {ahead:,} days after today" in screen_text(app)
            await pilot.press("escape")
            assert isinstance(app.screen, CaseScreen)
        assert app.return_code is None


def bad_file(folder: Path, kind: str) -> str:
    """Break ``folder``'s case in one way; return what the problems screen must say."""
    if kind == "nul":
        write_case(folder, {"case.yaml": CASE_YAML.replace("file: sources/weekly.txt", 'file: "sources/w\\0.txt"')})
        return "holds a NUL character"
    if kind == "long-name":
        write_case(folder, {"case.yaml": CASE_YAML.replace("sources/weekly.txt", "sources/" + "w" * 300)})
        return "has a name 300 bytes long"
    if kind == "link-loop":
        write_case(folder, {"sources/weekly.txt": None})
        os.symlink("weekly.txt", folder / "sources" / "weekly.txt")
        return "is a link that leads round in a loop"
    if kind == "utf-16":
        write_case(folder, {"sources/weekly.txt": ("\ufeff" + WEEKLY_TEXT).encode("utf-16-le")})
        return "source text is UTF-16 (little-endian), not UTF-8"
    assert kind == "folder-named-yaml"
    write_case(folder, {"quotes.yaml": None})
    (folder / "quotes.yaml").mkdir()
    return "case file `quotes.yaml` is a folder, not a file"


@pytest.mark.parametrize("kind", ["nul", "long-name", "link-loop", "utf-16", "folder-named-yaml"])
async def test_a_bad_file_shows_as_a_problem_not_a_crash(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "case"
    said = bad_file(folder, kind)
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=(200, 40)):
        assert isinstance(app.screen, ProblemsScreen)
        assert said in screen_text(app)
        # A NUL written as an escape is also a warning where it is written.
        assert len(app.screen.query(".problem")) == (2 if kind == "nul" else 1)


async def test_thousands_of_problems_are_listed_fifty_and_one_line_for_the_rest(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", {"entities.yaml": empty_entities(2000)})
    total = len(load_case(folder).problems)
    app = ReaderApp(folder, today=TODAY)
    async with app.run_test(size=(200, 40)):
        assert isinstance(app.screen, ProblemsScreen)
        assert len(app.screen.query(".problem")) == MAX_PROBLEMS_SHOWN
        more = app.screen.query_one("#problems-more", Static)
        assert str(more.render()) == (f"… and {total - MAX_PROBLEMS_SHOWN:,} more "
                                      f"({total - MAX_PROBLEMS_SHOWN:,} errors); `reader check --all {folder}` "
                                      "lists them all")
        assert f"{total:,} errors, 0 warnings" in str(app.screen.query_one("#problems-summary", Static).render())
