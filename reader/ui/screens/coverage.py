"""The coverage view (``o``): which source reports which event, and which events only one source reports.

Enter (or a click) on a source's cell closes the view and shows that
source's passage about the event, marked; on the date, the event or the
count, it shows the event in every source that reports it. Narrowed to one
person (``p``), the rows are that person's events and the whole case's, and
the key counts those.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from reader.model.across import ONLY_KEY, CoverageRow, source_coverage, told_by
from reader.ui.inert import plain
from reader.ui.screens.cross_view import CrossView, passages_line, source_label
from reader.ui.view_table import VIEWS
from reader.ui.widgets.coverage_table import CoverageTable
from reader.ui.widgets.wrap import clean


class CoverageScreen(CrossView):
    """Events × sources, a mark where a source reports an event."""

    NAME = "coverage"
    NARROWS = True
    BINDINGS = [
        VIEWS[NAME].close_binding(),
        # When the sources do not all fit, the table shows a page of them (the frame says which).
        Binding("left_square_bracket", "turn_page(-1)", "Earlier sources", key_display="[", show=False,
                id="coverage-earlier-sources"),
        Binding("right_square_bracket", "turn_page(1)", "Later sources", key_display="]", show=False,
                id="coverage-later-sources"),
    ]

    def compose_view(self) -> ComposeResult:
        table = CoverageTable(self.case, person=self.person, id="coverage-table")
        # A case of many sources has a key of as many lines: it scrolls, and the table keeps its room.
        with VerticalScroll(id="coverage-key-box", can_focus=False):
            yield Static(self._key(table.rows_data), id="coverage-key", markup=False)
        yield Static(Content.styled("● reports it (a dot a passage; three or more: ●●●) · · does not · "
                                    f"{ONLY_KEY}", "dim"), id="coverage-legend",
                     markup=False)
        yield table

    def frame_title(self) -> str:
        shown, every = len(self.query_one(CoverageTable).rows_data), len(self.case.events)
        events = f"{shown} of {every} events" if shown != every else f"{every} events"
        return f"Coverage: {events} × {len(self.case.sources)} sources"

    def narrowed(self) -> None:
        """Show the rows and the key of the person narrowed to (or everyone)."""
        table = self.query_one(CoverageTable)
        table.narrow(self.person)
        self.query_one("#coverage-key", Static).update(self._key(table.rows_data))

    def frame_hint(self) -> str:
        return "Enter: that source's quote · Esc: back"

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(CoverageTable).focus()

    def action_turn_page(self, by: int) -> None:
        """Show the next or previous page of sources, when they do not all fit."""
        if not self.query_one(CoverageTable).turn_page(by):
            self.app.bell()

    def on_coverage_table_sources_shown(self, message: CoverageTable.SourcesShown) -> None:
        hint = self.frame_hint()
        if message.last - message.first + 1 < message.total:
            hint = f"Sources {message.first}–{message.last} of {message.total}, [ ] the others · {hint}"
        self.query_one("#view-frame").border_subtitle = Content(clean(hint))

    def _key(self, rows: Sequence[CoverageRow]) -> Content:
        """One line per source: its number and publisher, how many events it reports, how many only it does."""
        lines = []
        for count in source_coverage(self.case, rows):
            lines.append(Content.assemble(
                (source_label(self.case, count.source_id), "bold"),
                (" · ", "dim"), f"{count.reported} event{'' if count.reported == 1 else 's'}, ",
                (f"{count.only} only it", "italic"),
            ))
        return Content("\n").join(lines)

    @on(DataTable.CellHighlighted, "#coverage-table")
    def _cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_detail(self._describe(event.coordinate.row, event.coordinate.column))

    def _describe(self, row_index: int, column: int) -> Content:
        table = self.query_one(CoverageTable)
        if not 0 <= row_index < len(table.rows_data):
            return Content("")
        row = table.rows_data[row_index]
        event = row.event
        head = Content.assemble((event.date.display(), "bold"), " ", plain(event.summary))
        source_id = table.source_at(column)
        if source_id is None:
            told = told_by([source_label(self.case, s) for s in row.source_ids], separator=", ")
            return Content.assemble(head, "\n", ("Reported by ", "dim"), told,
                                    ("  Enter: show it in every source", "dim"))
        passages = row.citations_in(source_id)
        if not passages:
            return Content.assemble(head, "\n", plain(source_label(self.case, source_id)),
                                    (" does not report this event.", "italic"))
        return Content.assemble(head, "\n", passages_line(self.case, passages))

    @on(DataTable.CellSelected, "#coverage-table")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        table = self.query_one(CoverageTable)
        row = table.rows_data[event.coordinate.row]
        source_id = table.source_at(event.coordinate.column)
        if source_id is None:
            self.show_event(row.event)
            return
        passages = row.citations_in(source_id)
        if not passages:
            self.app.bell()
            return
        source = self.case.sources[source_id]
        self.reveal(passages, f"{row.event.date.display()}: {row.event.summary} · as {source.publisher} reports it")
