"""The timeline view (``t``): the events on a time axis that keeps each date's precision, and the status after each.

Above the table, the status now (since when, says who, as of which source
and how long ago) and a key to how dates are drawn; below it, the event
the cursor is on in full (its date as the case gives it, with any note on
how it was inferred). Enter closes the view and shows the event's quotes
in every source that reports it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from reader.model.status import CaseStatus, Step, case_status
from reader.ui.inert import plain
from reader.ui.screens.cross_view import CrossView, source_label
from reader.ui.view_table import VIEWS
from reader.ui.widgets.time_axis import GLYPHS, Kind, short_date
from reader.ui.widgets.timeline_table import TimelineTable, state_words


class TimelineScreen(CrossView):
    """Every event on a time axis, with the status after it."""

    NAME = "timeline"
    BINDINGS = [VIEWS[NAME].close_binding()]

    def compose_view(self) -> ComposeResult:
        status = case_status(self.case, today=self.today)
        yield Static(self._now(status), id="timeline-now", markup=False)
        yield Static(self._freshness(status), id="timeline-fresh", markup=False)
        yield Static(self._key(), id="timeline-key", markup=False)
        yield TimelineTable(self.case, id="timeline-table")

    def frame_title(self) -> str:
        return f"Timeline: {len(self.case.events)} events"

    def frame_hint(self) -> str:
        return "Enter: its quotes in the sources · Esc: back"

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(TimelineTable).focus()

    def _now(self, status: CaseStatus) -> Content:
        """The status now: what, since when, says who."""
        if status.state is None:
            return Content.styled("No event in the case records a legal status yet.", "italic")
        parts = [Content.styled("Now: ", "dim"), Content.styled(state_words(status.state).upper(), "bold")]
        if status.since is not None:
            since = short_date(status.since, words=True) + (" (inferred)" if status.since.inferred else "")
            parts += [Content.styled(" since ", "dim"), plain(since)]
        if status.source_ids:
            says = ", ".join(self.case.sources[s].publisher for s in status.source_ids if s in self.case.sources)
            parts += [Content.styled(" · says ", "dim"), plain(says),
                      Content.styled(" (one source)" if status.single_source else "", "italic")]
        return Content.assemble(*parts)

    def _freshness(self, status: CaseStatus) -> Content:
        """As of which source, how long ago, and that it may have changed since."""
        newest = status.newest_source
        if newest is None:
            return Content("No source is dated: the status may have changed at any time.")
        text = f"As of {newest.source.publisher}, {newest.label} · {status.age_ago}"
        if status.may_have_changed:
            text += " · it may have changed since"
        return plain(text)

    def _key(self) -> Content:
        """How dates are drawn on the axis."""
        return Content(f"{GLYPHS[Kind.DAY]} a day  ━━ a month  ├─┤ a year  ┄┄ somewhere between its bounds "
                       "(◂ ▸ no bound that side)  italic: an inferred date  → sets the status")

    @on(DataTable.RowHighlighted, "#timeline-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        steps = self.query_one(TimelineTable).steps
        if 0 <= event.cursor_row < len(steps):
            self.show_detail(self._describe(steps[event.cursor_row]))

    def _describe(self, step: Step) -> Content:
        event = step.event
        lines = [Content.assemble((event.date.display(), "bold"), " ", plain(event.summary))]
        about: list[Content] = []
        if step.status is not None:
            verb = "Status after: " if step.sets_status else "Status still: "
            about.append(Content.assemble((verb, "dim"), (state_words(step.status.state), "bold")))
        told = ", ".join(source_label(self.case, s) for s in step.source_ids)
        about.append(Content.assemble(("Told by ", "dim"), plain(told),
                                      (" (only one source)" if step.single_source else "", "italic")))
        if step.difference_ids:
            topics = dict.fromkeys(d.topic for d in self.case.differences if d.id in step.difference_ids)
            about.append(Content.assemble(("The sources differ on its ", "dim"), plain(", ".join(topics)),
                                          (" (d)", "dim")))
        lines.append(Content(" · ").join(about))
        if event.date.note:
            lines.append(Content.assemble(("Date: ", "dim"), plain(event.date.note)))
        return Content("\n").join(lines)

    @on(DataTable.RowSelected, "#timeline-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        steps = self.query_one(TimelineTable).steps
        if 0 <= event.cursor_row < len(steps):
            self.show_event(steps[event.cursor_row].event)
