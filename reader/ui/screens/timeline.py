"""The timeline view (``t``): the events on a time axis that keeps each date's precision, and what each does.

Above the table, where each person stands now (since when, says who, how
old that is), with any warning right under it in the warning colour, the
measures in force, how fresh the case's sources are, and a key to how dates
are drawn (short, the view keeps only the status and its warnings); below it, the row the cursor is on
in full (its date as the case gives it, with any note on how it was
inferred; every date the sources give, when they dispute it, and the
difference recorded about it). Enter closes the view and shows the event's
quotes in every source that reports it; ``d`` opens the differences view at
the first difference about it. ``p`` narrows the view to one person.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from reader.model.across import ONLY_KEY, only, told_by
from reader.model.proceedings import publishers
from reader.model.status import CaseStatus, PersonStatus, case_status, newest_of
from reader.ui.inert import plain
from reader.ui.people import effect_lines
from reader.ui.screens.cross_view import CrossView, source_label
from reader.ui.themes import SINGLE_SOURCE_STYLE
from reader.ui.view_table import VIEWS
from reader.ui.widgets.case_status import disputed_dates
from reader.ui.widgets.person_status import age_words, change_words
from reader.ui.widgets.time_axis import GLYPHS, Kind
from reader.ui.widgets.timeline_table import TimelineRow, TimelineTable


class TimelineScreen(CrossView):
    """Every event on a time axis, with what it does to whom."""

    NAME = "timeline"
    NARROWS = True
    BINDINGS = [VIEWS[NAME].close_binding()]

    def compose_view(self) -> ComposeResult:
        status = case_status(self.case, today=self.today)
        self._status = status
        yield Static(self._now(status), id="timeline-now", markup=False)
        yield Static(self._warnings(status), id="timeline-warning", markup=False)
        yield Static(self._in_force(status), id="timeline-measures", markup=False)
        yield Static(self._freshness(status), id="timeline-fresh", markup=False)
        yield Static(self._key(), id="timeline-key", markup=False)
        yield TimelineTable(self.case, person=self.person, id="timeline-table")

    def frame_title(self) -> str:
        table = self.query_one(TimelineTable)
        shown, every = len({row.step.index for row in table.rows_data}), len(table.steps)
        return f"Timeline: {shown} of {every} events" if shown != every else f"Timeline: {every} events"

    def frame_hint(self) -> str:
        return "Enter: its quotes in the sources · Esc: back"

    def on_mount(self) -> None:
        super().on_mount()
        self._show_now()
        self.query_one(TimelineTable).focus()

    def narrowed(self) -> None:
        """Show the person narrowed to (or everyone) in the status lines and the table."""
        self.query_one(TimelineTable).narrow(self.person)
        self._show_now()
        self._row_changed()

    def _show_now(self) -> None:
        status = self._status
        self.query_one("#timeline-now", Static).update(self._now(status))
        warnings = self._warnings(status)
        warning = self.query_one("#timeline-warning", Static)
        warning.update(warnings)
        warning.display = bool(warnings)
        self.query_one("#timeline-measures", Static).update(self._in_force(status))

    def _people(self, status: CaseStatus) -> list[PersonStatus]:
        return [p for p in status.people if self.person is None or p.person_id == self.person]

    def _now(self, status: CaseStatus) -> Content:
        """Each person's status now, one line each: the stage, since when, says who, and how old that is."""
        lines = []
        named = len(status.people) > 1
        for person in self._people(status):
            parts = [Content.styled("Now: ", "dim")]
            if named:
                parts.append(Content.assemble(plain(person.name), ": "))
            stage = person.stage_words.upper() if person.stage_words else "no stage of the proceedings recorded"
            parts.append(plain(stage).stylize("bold"))
            change = person.last_change
            if change is not None:
                parts += [Content.styled(" since ", "dim"), plain(change_words(self.case, change, person.stage_words))]
            if len(person.source_ids) == 1:
                parts += [Content.styled(" · says ", "dim"),
                          plain(only(publishers(self.case, person.source_ids))).stylize(SINGLE_SOURCE_STYLE)]
            elif person.source_ids:
                parts += [Content.styled(" · says ", "dim"), plain(publishers(self.case, person.source_ids))]
            newest = person.newest_source
            if newest is not None:
                parts += [Content.styled(" · as of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}, "
                                                                         f"{age_words(status, newest)}")]
            lines.append(Content.assemble(*parts))
        if not lines:
            return Content.styled("The case names no person it follows.", "italic")
        return Content("\n").join(lines)

    def _in_force(self, status: CaseStatus) -> Content:
        """Each person's measures in force, one line each (the sidebar has each in full)."""
        named = len(status.people) > 1
        lines = []
        for person in self._people(status):
            labels = "; ".join(m.label for m in person.measures) or "no measure"
            line = f"{person.name}: {labels}" if named else labels
            lines.append(Content.assemble(("In force: ", "dim"), plain(line)))
        return Content("\n").join(lines)

    def _warnings(self, status: CaseStatus) -> Content:
        """Each shown person's warnings (a computed end passed, no source saying what happened)."""
        named = len(status.people) > 1
        return Content("\n").join(
            plain(f"! {person.name}: {warning}" if named else f"! {warning}")
            for person in self._people(status) for warning in person.warnings)

    def _freshness(self, status: CaseStatus) -> Content:
        """As of which source, how long ago, and that it may have changed since: of the people shown.

        The newest source behind the statuses shown (each person's
        :attr:`PersonStatus.newest_source`), so that this line never names
        another source than the lines above it; the case's when none is.
        """
        newest = newest_of(p.newest_source for p in self._people(status) if p.newest_source is not None) \
            or status.newest_source
        if newest is None or newest.freshness_day is None:
            return Content("No source is dated: the status may have changed at any time.")
        text = f"As of {newest.source.publisher}, {newest.label} · {age_words(status, newest)}"
        if newest.freshness_day < status.reference_date:
            text += " · it may have changed since"
        return plain(text)

    def _key(self) -> Content:
        """How dates are drawn on the axis."""
        return Content(f"{GLYPHS[Kind.DAY]} a day  ━━ a month  ├─┤ a year  ┄┄ somewhere between its bounds "
                       "(◂ ▸ no bound that side)  italic: an inferred date  → what the event does  "
                       f"disputed: a row at each date a source gives  {ONLY_KEY}")

    @on(DataTable.RowHighlighted, "#timeline-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._row_changed()

    def _row_changed(self) -> None:
        row = self.query_one(TimelineTable).current
        self.show_detail(self._describe(row) if row is not None else Content(""))

    def _describe(self, row: TimelineRow) -> Content:
        step = row.step
        event = step.event
        date = row.claim.date if row.claim is not None else event.date
        lines = [Content.assemble((date.display(), "bold"), " ", plain(event.summary))]
        if row.claim is not None:
            lines.append(Content.assemble(("Date disputed: ", "bold"), plain(disputed_dates(self.case, event)),
                                          ("; this row: the date ", "dim"),
                                          plain(publishers(self.case, row.claim.source_ids)), (" gives", "dim")))
        effects = effect_lines(self.case, event, person_id=self.person)
        about: list[Content] = []
        if effects:
            about.append(Content.assemble(("Does: ", "dim"), plain("; ".join(effects))))
        numbers = {source_id: number for number, source_id in enumerate(self.case.sources)}
        ordered = sorted(step.source_ids, key=lambda s: numbers.get(s, 0))
        told = plain(told_by([source_label(self.case, s) for s in ordered], separator=", "))
        about.append(Content.assemble(("Told by ", "dim"), told.stylize(SINGLE_SOURCE_STYLE) if step.single_source
                                      else told))
        if step.difference_ids:
            differences = [d for d in self.case.differences if d.id in step.difference_ids]
            topics = dict.fromkeys(d.topic for d in differences)
            about.append(Content.assemble(("The sources differ on its ", "dim"), plain(", ".join(topics)),
                                          (" (d: the first)", "dim")))
        lines.append(Content(" · ").join(about))
        # A disputed event's own date only spans its dates (the line above gives them); the row's date has its own note.
        note = row.claim.date.note if row.claim is not None else event.date.note
        if note:
            lines.append(Content.assemble(("Date: ", "dim"), plain(note)))
        return Content("\n").join(lines)

    def action_open_view(self, name: str, source_id: str | None = None, difference_id: str | None = None) -> None:
        """Open another view; ``d`` opens the differences view at the first difference about the row's event."""
        row = self.query_one(TimelineTable).current
        if name == "differences" and difference_id is None and row is not None and row.step.difference_ids:
            difference_id = row.step.difference_ids[0]
        super().action_open_view(name, source_id, difference_id)

    @on(DataTable.RowSelected, "#timeline-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.query_one(TimelineTable).current
        if row is not None:
            self.show_event(row.step.event)
