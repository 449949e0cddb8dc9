"""The highlight legend: what each colour means, and a switch for each type.

Each chip is drawn in its type's highlight look (the same theme variables the
source view uses, see styles/reader.tcss). Clicking a chip asks for that
type's highlights to be shown or hidden; clicking "Highlights" asks for all
of them. The legend only posts messages; the screen owns the state.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reader.model.vocabulary import ENTITY_TYPES


class Legend(Horizontal):
    """A row of chips, one per entity type, that toggle highlights."""

    show_highlights: reactive[bool] = reactive(True)
    """Whether highlights are on at all (chips look off when not)."""

    hidden_types: reactive[frozenset[str]] = reactive(frozenset())
    """Types switched off on their own."""

    compact: reactive[bool] = reactive(False)
    """Short label for the all-highlights switch, for narrow terminals."""

    class Toggled(Message):
        """A chip was clicked: ``entity_type`` is the type, or None for every highlight."""

        def __init__(self, entity_type: str | None) -> None:
            super().__init__()
            self.entity_type = entity_type

    def __init__(self, entity_types: tuple[str, ...] = ENTITY_TYPES, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entity_types = entity_types

    def compose(self) -> ComposeResult:
        yield _Chip("Highlights", None, tooltip="h: show or hide every highlight")
        for entity_type in self.entity_types:
            yield _Chip(entity_type, entity_type,
                        tooltip=f"Show or hide {entity_type} highlights (also from the command palette)")

    def watch_compact(self, compact: bool) -> None:
        for chip in self.query(_Chip):
            if chip.entity_type is None:
                chip.update("h:" if compact else "Highlights")

    def watch_show_highlights(self) -> None:
        self._restyle()

    def watch_hidden_types(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        # The chips' classes change first and are restyled together, in one pass over the
        # stylesheet: restyling each chip as its class changed cost a pass a chip.
        changed = False
        for chip in self.query(_Chip):
            hidden = chip.entity_type is not None and chip.entity_type in self.hidden_types
            off = not self.show_highlights or hidden
            if chip.has_class("-off") != off:
                chip.set_class(off, "-off", update=False)
                changed = True
        if changed:
            self.update_node_styles(animate=False)


class _Chip(Static):
    """One label of the legend."""

    def __init__(self, label: str, entity_type: str | None, *, tooltip: str) -> None:
        classes = "legend-chip " + (f"-{entity_type}" if entity_type else "-all")
        super().__init__(label, classes=classes, markup=False)
        self.entity_type = entity_type
        self.tooltip = tooltip

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(Legend.Toggled(self.entity_type))
