"""The case screen's body: the source deck between the entity panel and the case-status sidebar.

The body owns which side panels are open. From :data:`MEDIUM_WIDTH` columns
an open panel sits beside the sources; narrower, it covers them, takes the
keyboard, and only one is open at a time. A panel fills the first time it
opens (closed, it holds no widgets at all). The screen says when the layout
changes (:meth:`CaseBody.reset`), and the screen or its guide when the
reader is taken somewhere in the sources (:meth:`CaseBody.close_covering`).
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.reactive import reactive

from reader.ui.widgets.case_status import CaseStatusPanel
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.source_deck import SourceDeck

#: From this many columns (the screen's width) on, an open panel sits beside the source instead of over it.
MEDIUM_WIDTH = 100


class CaseBody(Horizontal):
    """The entity panel, the sources and the case-status sidebar, side by side."""

    # Opening a panel restyles the panels it shows or hides, never the whole body.
    entities_open: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the entity panel shows."""

    status_open: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the case-status sidebar shows."""

    def __init__(self, entity_panel: EntityPanel, deck: SourceDeck, status_panel: CaseStatusPanel, *,
                 panels_open: bool, id: str | None = None) -> None:
        """Lay out the three; with ``panels_open`` both panels start open (set before mounting: no restyle)."""
        super().__init__(entity_panel, deck, status_panel, id=id,
                         classes="-entities-open -status-open" if panels_open else None)
        self.entity_panel = entity_panel
        self.deck = deck
        self.status_panel = status_panel
        self.set_reactive(CaseBody.entities_open, panels_open)
        self.set_reactive(CaseBody.status_open, panels_open)

    def on_mount(self) -> None:
        # The panels that start open (wide) fill now; the others when first opened.
        if self.entities_open:
            self.entity_panel.opened()
        if self.status_open:
            self.status_panel.opened()

    @property
    def is_cramped(self) -> bool:
        """Too narrow for a panel beside the source: an open panel covers it."""
        return self.screen.size.width < MEDIUM_WIDTH

    def toggle_entities(self) -> None:
        """Show or hide the entity panel (when cramped, the sidebar closes for it)."""
        if not self.entities_open and self.is_cramped:
            self.status_open = False
        self.entities_open = not self.entities_open

    def toggle_status(self) -> None:
        """Show or hide the case-status sidebar (when cramped, the entity panel closes for it)."""
        if not self.status_open and self.is_cramped:
            self.entities_open = False
        self.status_open = not self.status_open

    def close_covering(self) -> None:
        """When a panel covers the sources, close it so the reader sees where they were taken."""
        if self.is_cramped:
            self.entities_open = False
            self.status_open = False

    def reset(self, open_: bool) -> None:
        """Open or close both panels: a new layout's default (open beside the sources when wide)."""
        self.entities_open = self.status_open = open_

    def watch_entities_open(self, open_: bool) -> None:
        self._opened_or_closed(open_, self.entity_panel, "-entities-open", "#entity-list")

    def watch_status_open(self, open_: bool) -> None:
        self._opened_or_closed(open_, self.status_panel, "-status-open", "#timeline")

    def _opened_or_closed(self, open_: bool, panel: EntityPanel | CaseStatusPanel, name: str,
                          focus_target: str) -> None:
        """Fill a panel opened for the first time, show or hide it, and move the keyboard if need be.

        Setting a class restyles every widget under the node it is set on
        (about 0.5 ms each, 30 ms or more per toggle). The panel classes style
        only the panels and, when narrow, ``#reader`` (``styles/reader.tcss``
        says so where they are used; ``tests/ui/test_lazy_panels.py`` checks
        it), so only those three are restyled.
        """
        if open_:
            panel.opened()
        self.set_class(open_, name, update=False)
        self.app.stylesheet.update_nodes([self.entity_panel, self.status_panel, self.deck], animate=True)
        focused = self.screen.focused
        if open_ and self.is_cramped:
            panel.query_one(focus_target).focus()
        elif not open_ and (focused is None or panel in focused.ancestors_with_self):
            self.call_after_refresh(self.deck.focus_active)
