"""The cross-source views' table: each view's name, key and purpose, written once.

The case screen's keys (:mod:`reader.ui.case_keys`), the views' own keys,
the command palette's entries and the table of view screens
(:data:`reader.ui.screens.views.SCREENS`) are all made from :data:`VIEWS`,
so a view added or a key changed here reaches every one of them. This module imports no screen, so any of them can
import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

#: The views' keys as a group: a footer short of room shows them side by side, "o d w t Views".
VIEWS_GROUP = Binding.Group("Views")


@dataclass(frozen=True)
class ViewEntry:
    """One cross-source view, as the keys, the help panel and the palette name it."""

    name: str
    """The view's name: its screen's ``NAME``, its binding's id, ``open_view(name)``."""

    key: str
    """The key that opens it from the case screen or another view, and closes it from itself."""

    purpose: str
    """What it shows, in a few lower-case words (the palette's help line)."""

    tooltip: str
    """What it shows, as the key's tooltip in the footer and the help panel."""

    @property
    def title(self) -> str:
        """The view's name as a label: ``Coverage``."""
        return self.name.title()

    def open_binding(self, *, show: bool) -> Binding:
        """The key that opens this view, shown in the footer or not (short of room, with the others under "Views")."""
        return Binding(self.key, f"open_view('{self.name}')", self.title, show=show, tooltip=self.tooltip,
                       id=self.name, group=VIEWS_GROUP)

    def close_binding(self) -> Binding:
        """The view's own key, on the view itself: it closes the view."""
        return Binding(self.key, "close", "Close", show=False, id=f"close-{self.name}")


#: Every cross-source view by name, in the order the help and the palette list them.
VIEWS: dict[str, ViewEntry] = {
    entry.name: entry
    for entry in (
        ViewEntry("coverage", "o", "which source reports which event",
                  "Which source reports which event"),
        ViewEntry("differences", "d", "where the sources differ, each side quoted",
                  "Where the sources differ, side by side"),
        ViewEntry("voices", "w", "who is quoted saying what, and what only one source states",
                  "Who is quoted saying what; what only one source states"),
        ViewEntry("timeline", "t", "the events on a time axis, with what each does to whom",
                  "The events on a time axis, with what each does to whom"),
    )
}


def open_bindings(*, show: bool) -> list[Binding]:
    """A key for each view, in the table's order, that opens it."""
    return [entry.open_binding(show=show) for entry in VIEWS.values()]
