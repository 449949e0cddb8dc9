"""The cross-source views by name, for the case screen's keys and the command palette.

Which views there are, and their keys, is :data:`reader.ui.view_table.VIEWS`;
this module only pairs each name there with the screen that shows it (each
screen's ``NAME``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reader.model import Case
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.cross_view import CrossView, OpenView, Reveal, ShowEvent, ViewResult
from reader.ui.screens.differences import DifferencesScreen
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.screens.voices import VoicesScreen
from reader.ui.view_table import VIEWS

_BY_NAME: dict[str, type[CrossView]] = {
    screen.NAME: screen for screen in (CoverageScreen, DifferencesScreen, VoicesScreen, TimelineScreen)
}

#: Each view's screen, in the order of :data:`VIEWS`.
SCREENS: dict[str, type[CrossView]] = {name: _BY_NAME[name] for name in VIEWS}


def make_view(name: str, case: Case, *, today: dt.date | None = None, source_id: str | None = None,
              difference_id: str | None = None, person: str | None = None,
              narrow: Callable[[str | None], object] | None = None, about: tuple[str, ...] = (),
              what: str = "") -> CrossView:
    """A new view screen by name, narrowed to ``person`` (``narrow``: told when ``p`` narrows it to another).

    ``source_id`` opens the voices view filtered to what only that source
    states; ``difference_id`` opens the differences view at that difference;
    ``about`` opens it listing only those differences (the ones about
    ``what``: a status, a measure).

    Raises:
        KeyError: for a name not in :data:`VIEWS`.
    """
    if name == "voices":
        return VoicesScreen(case, today=today, person=person, narrow=narrow, only=source_id)
    if name == "differences":
        return DifferencesScreen(case, today=today, person=person, narrow=narrow, start_at=difference_id,
                                 about=about, what=what)
    return SCREENS[name](case, today=today, person=person, narrow=narrow)


__all__ = ["SCREENS", "VIEWS", "OpenView", "Reveal", "ShowEvent", "ViewResult", "make_view"]
