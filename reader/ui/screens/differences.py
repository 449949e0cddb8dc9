"""The differences view (``d``): where the sources disagree or say the same thing differently.

Each recorded difference with its topic and summary, and under it every
side, quoted, with the source it comes from (opened from the timeline, at
the difference about the event the cursor was on; opened by ``d`` on a
status or a measure in the sidebar, only the differences about it, and
``a`` lists them all or only those again). Enter on a difference closes
the view and marks every side's passage in its source (side by side in the
wide layout; ``[`` / ``]`` switch between them in a narrow one); Enter on a
side marks only that side's passages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from reader.model import Case, Citation
from reader.ui.screens.cross_view import CrossView, passages_line
from reader.ui.view_table import VIEWS
from reader.ui.widgets.difference_list import Choice, DifferenceList
from reader.ui.widgets.wrap import clean


class DifferencesScreen(CrossView):
    """Every recorded difference, every side quoted with its source."""

    NAME = "differences"
    BINDINGS = [VIEWS[NAME].close_binding(),
                Binding("a", "show_all", "All", tooltip="List every difference, or again only those about it",
                        id="differences-all")]

    def __init__(self, case: Case, *, today: dt.date | None = None, person: str | None = None,
                 narrow: Callable[[str | None], object] | None = None, start_at: str | None = None,
                 about: tuple[str, ...] = (), what: str = "") -> None:
        """``start_at``: the id of the difference the cursor starts on (the first, by default); ``about``: list only
        these differences, those about ``what`` (a status, a measure), until ``a`` lists them all."""
        super().__init__(case, today=today, person=person, narrow=narrow)
        self.start_at = start_at
        self.about = tuple(d for d in about if any(d == difference.id for difference in case.differences))
        self.what = what
        #: Whether only the differences ``about`` are listed.
        self.only_about = bool(self.about)

    def compose_view(self) -> ComposeResult:
        yield DifferenceList(self.case, only=self.about if self.only_about else None, id="difference-list")

    def frame_title(self) -> str:
        count = len(self.case.differences)
        if self.only_about:
            about = f" about {self.what}" if self.what else ""
            return f"Differences: {len(self.about)} of {count}{about}"
        return f"Differences: {count} between the sources" if count else "Differences: none recorded"

    def frame_hint(self) -> str:
        if self.about:
            every = f"a: all {len(self.case.differences)}" if self.only_about else f"a: only the {len(self.about)}"
            return f"{every} · Enter: side by side · Esc: back"
        return "Enter: side by side in the sources · Esc: back"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_all":
            return bool(self.about)  # listing every difference is all there is without a filter
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        super().on_mount()
        differences = self.query_one(DifferenceList)
        differences.focus()
        if differences.option_count:
            keys = [f"difference-{i}" for i, d in enumerate(self.case.differences) if d.id == self.start_at]
            differences.highlighted = differences.get_option_index(keys[0]) if keys else 0
        else:
            self.show_detail(Content.styled("The case records no difference between its sources.", "italic"))

    def action_show_all(self) -> None:
        """List every difference, or again only those about the status or measure the view was opened from."""
        self.only_about = not self.only_about
        self.query_one(DifferenceList).show(self.about if self.only_about else None)
        frame = self.query_one("#view-frame")
        frame.border_title = Content(clean(self._titled()))
        frame.border_subtitle = Content(clean(self.frame_hint()))

    @on(OptionList.OptionHighlighted, "#difference-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self.query_one(DifferenceList).choices.get(event.option.id or "")
        if choice is not None:
            self.show_detail(self._describe(choice))

    def _describe(self, choice: Choice) -> Content:
        """What Enter will mark: the first passage in each source (a source shows one mark at a time)."""
        first: dict[str, Citation] = {}
        for citation in choice.citations:
            first.setdefault(citation.source_id, citation)
        what = "Enter marks " if choice.side is not None or len(first) < 2 else "Enter marks, side by side: "
        line = Content.assemble((what, "dim"), passages_line(self.case, first.values()))
        if choice.side is None and len(first) < len(choice.difference.sides):
            line = Content.assemble(line, "\n", ("Both sides are in one source: choose a side to mark it.", "dim"))
        return line

    @on(OptionList.OptionSelected, "#difference-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self.query_one(DifferenceList).choices.get(event.option.id or "")
        if choice is None:
            return
        difference = choice.difference
        sides = difference.sides if choice.side is None else [difference.sides[choice.side]]
        accounts = " | ".join(
            f"{', '.join(self._publisher(c.source_id) for c in side.citations[:1])}, summarised: {side.says}"
            for side in sides)
        message = f"{difference.topic}: {accounts}"
        if choice.side is None and len({c.source_id for c in choice.citations}) < len(difference.sides):
            message += " (both sides in one source: the first is marked)"
        self.reveal(choice.citations, " ".join(message.split()))

    def _publisher(self, source_id: str) -> str:
        source = self.case.sources.get(source_id)
        return source.publisher if source else source_id

