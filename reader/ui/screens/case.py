"""The main screen: the sources of a case, side by side or one at a time.

The layout follows the terminal width through Textual's screen breakpoints:
wide, every source has a pane of its own; narrower, a tab strip picks the
one source shown; below the minimum size, a message asks for more room.
The panes are the same widgets in every layout (only CSS hides them), so
each source keeps its scroll position however often the terminal resizes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tab, Tabs

from reader.model import Case
from reader.ui.widgets.source_pane import SourcePane
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.wrap import clean

#: From this many columns on, every source gets a pane of its own.
WIDE_WIDTH = 140
#: Below this size the reader does not try to lay itself out.
MIN_WIDTH, MIN_HEIGHT = 40, 10


class CaseScreen(Screen[None]):
    """Every source of the case in a pane; one of them is the active source."""

    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (WIDE_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]

    BINDINGS = [
        Binding("h", "toggle_highlights", "Highlights", tooltip="Show or hide the mentions' colours",
                id="toggle-highlights"),
        Binding("left_square_bracket", "previous_source", "Prev source", key_display="[", id="previous-source"),
        Binding("right_square_bracket", "next_source", "Next source", key_display="]", id="next-source"),
        *(Binding(str(number), f"goto_source({number})", f"Source {number}", show=False, id=f"goto-source-{number}")
          for number in range(1, 10)),
    ]

    show_highlights: reactive[bool] = reactive(True)
    """Whether every source view highlights its mentions."""

    active_source: reactive[str] = reactive("", init=False)
    """The id of the source being read: the one shown when narrow, focused when wide."""

    def __init__(self, case: Case, *, warnings: int = 0) -> None:
        super().__init__()
        self.case = case
        self.warnings = warnings
        self.source_ids = list(case.sources)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="reader"):
            yield Tabs(
                *(Tab(Content(clean(f"{number} {source.publisher}")), id=f"tab-{source.id}")
                  for number, source in enumerate(self.case.sources.values(), start=1)),
                id="source-tabs",
            )
            with Horizontal(id="sources"):
                for source in self.case.sources.values():
                    yield SourcePane(self.case, source)
            yield Static(self.status_text(), id="status-line")
        yield Static(id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The tabs only mirror active_source; keys and clicks drive them, so
        # they need not take focus away from the text.
        self.query_one(Tabs).can_focus = False
        if self.source_ids:
            self.active_source = self.source_ids[0]

    def status_text(self) -> str:
        """A one-line summary of the case."""
        mentions = sum(len(m) for m in self.case.mentions.values())
        text = (f"{len(self.case.sources)} sources · {len(self.case.entities)} entities · "
                f"{mentions} mentions · {len(self.case.events)} events")
        if self.warnings:
            text += f" · {self.warnings} warning{'s' if self.warnings != 1 else ''} (run reader check)"
        return text

    def pane(self, source_id: str) -> SourcePane:
        """The pane of a source."""
        return self.query_one(f"#source-{source_id}", SourcePane)

    # -- layout ---------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        self.query_one("#too-small", Static).update(
            f"The terminal is too small: {width}×{height}.\n"
            f"Make it at least {MIN_WIDTH}×{MIN_HEIGHT} to read the case."
        )
        # A layout switch may hide the focused view; give focus back to the
        # active one once the new layout is in place.
        self.call_after_refresh(self._focus_active)

    def _focus_active(self) -> None:
        if self.active_source:
            view = self.pane(self.active_source).view
            if view.display and self.focused is not view:
                view.focus(scroll_visible=False)

    # -- the active source ----------------------------------------------------

    def watch_active_source(self, source_id: str) -> None:
        for pane in self.query(SourcePane):
            pane.set_class(pane.source.id == source_id, "-active")
        self.query_one(Tabs).active = f"tab-{source_id}"
        self.pane(source_id).view.focus(scroll_visible=False)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id:
            self.active_source = event.tab.id.removeprefix("tab-")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Clicking or tabbing into a pane (wide layout) makes it the active source.
        if isinstance(event.widget, SourceView):
            self.active_source = event.widget.source.id

    def action_goto_source(self, number: int) -> None:
        """Make source ``number`` (counting from 1) the active one."""
        if 1 <= number <= len(self.source_ids):
            self.active_source = self.source_ids[number - 1]

    def action_next_source(self) -> None:
        """Make the next source active, wrapping around after the last."""
        self._step_source(1)

    def action_previous_source(self) -> None:
        """Make the previous source active, wrapping around before the first."""
        self._step_source(-1)

    def _step_source(self, step: int) -> None:
        if self.source_ids:
            index = self.source_ids.index(self.active_source) if self.active_source in self.source_ids else 0
            self.active_source = self.source_ids[(index + step) % len(self.source_ids)]

    # -- highlights -----------------------------------------------------------

    def action_toggle_highlights(self) -> None:
        """Show or hide the mention highlights in every source."""
        self.show_highlights = not self.show_highlights

    def watch_show_highlights(self, show: bool) -> None:
        for view in self.query(SourceView):
            view.show_highlights = show
