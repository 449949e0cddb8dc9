"""``reader status``: each person's status as text for a researcher, readable with or without colour.

For each subject a block whose first lines answer "what is the status, since
when, says who, how old", with each warning (a computed end passed and no
source saying what happened) right under the status, in the warning colour.
Then the stage of the proceedings and every measure in force with its own
evidence; what may have changed by the date asked about; the measures that
ended. Then the case's freshness, and the timeline.

Only what the :class:`~reader.model.status.CaseStatus` and the case hold is
shown. Case text (quotes, summaries, names) is appended to
:class:`rich.text.Text` as plain strings, never parsed as markup. Quotation
marks are for quotes: a summary or a difference's summary (the annotator's
own words) is never put inside them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reader.cli.status_json import stand_in_case
from reader.model.across import only
from reader.model.computed import ASSUMPTION
from reader.model.proceedings import effects, measure_label, person_name, stage_words
from reader.model.status import (
    CaseStatus,
    ChangeAt,
    MeasureAt,
    PersonStatus,
    SourceDate,
    Standing,
    StepAt,
    age_phrase,
    describe_as_of,
)
from reader.model.types import Case, Citation, Source
from reader.model.vocabulary import ONCE_MEASURES
from reader.model.watchlist import in_display_order, person_differences

#: Measures that are paid or taken once rather than served over time: no "until" unless a source states one.

WARNING = "bold yellow"  # the warning colour: a computed end passed, a single source

_STANDING_WORDS = {
    "happened": {Standing.COUNTS: "happened", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not yet"},
    "reported": {Standing.COUNTS: "reported", Standing.UNCERTAIN: "uncertain", Standing.NOT_YET: "not yet"},
}


def render_status(status: CaseStatus, case: Case | None = None, *, person_id: str | None = None) -> RenderableType:
    """The status of each person of ``case`` (or of ``person_id`` only), its freshness and the timeline.

    ``case`` gives the differences' summaries and which of them name another subject; without it, the
    status's own events stand in (:func:`~reader.cli.status_json.stand_in_case`).
    """
    return Group(*_parts(status, case or stand_in_case(status), person_id))


def _parts(status: CaseStatus, case: Case, person_id: str | None) -> Iterator[RenderableType]:
    view = _View(status, case)
    yield Text(status.title, style="bold")
    yield Text(status.heading, style="dim")
    people = [p for p in status.people if person_id is None or p.person_id == person_id]
    computed = False
    for person in people:
        yield Text()
        yield from view.person_block(person)
        computed = computed or any(m.computed_end for m in person.measures)
    yield Text()
    yield view.freshness_table()
    if computed:
        yield Text()
        yield Text(ASSUMPTION, style="dim")
    yield Text()
    yield Text("Timeline", style="bold")
    yield from view.timeline(person_id)


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    return table


class _View:
    """The pieces of the output, with the case's sources at hand."""

    def __init__(self, status: CaseStatus, case: Case) -> None:
        self.status = status
        self.case = case
        self.sources: dict[str, Source] = {s.source.id: s.source for s in status.sources}
        self.several = len(status.people) > 1

    # --- words ---------------------------------------------------------------------------------

    def publisher_names(self, source_ids: Sequence[str]) -> list[str]:
        """The publishers of the sources, each once, in order."""
        return list(dict.fromkeys(self.sources[sid].publisher if sid in self.sources else sid
                                  for sid in source_ids))

    def publishers(self, source_ids: Sequence[str]) -> str:
        return ", ".join(self.publisher_names(source_ids))

    def says(self, source_ids: Sequence[str]) -> Text:
        """"The Courier, The Monitor (2 sources)", "only The Courier" in the warning colour (see
        :func:`~reader.model.across.only`), and how many publishers when some published more than one of them."""
        publishers = self.publisher_names(source_ids)
        if len(source_ids) == 1:
            return Text(only(publishers[0]), style=WARNING)
        text = Text(", ".join(publishers) or "no source")
        if source_ids:
            count = f"{len(source_ids)} sources"
            if len(publishers) < len(source_ids):
                count += f", {len(publishers)} publisher{'' if len(publishers) == 1 else 's'}"
            text.append(f" ({count})", style="green")
        return text

    def when(self, seen: StepAt) -> str:
        """An event's date in words as counted (an undated one with the bound the reader used); a disputed one
        as every date with who gives it, of the sources that count."""
        if not seen.disputed:
            return seen.date.display()
        return "disputed: " + "; ".join(f"{claim.date.display()} ({self.publishers(claim.source_ids)})"
                                        for claim in seen.dates)

    def quote(self, citation: Citation) -> Text:
        """An exact quote, in quotation marks, with where it is: “…” (owp 3:1)."""
        text = Text("“" + citation.quote + "”", style="italic")
        source = self.sources.get(citation.source_id)
        where = citation.source_id
        if source is not None and citation.span is not None:
            line, column = source.line_col(citation.span.start)
            where += f" {line}:{column}"
        text.append(f" ({where})", style="dim")
        return text

    def with_quotes(self, text: Text, citations: Sequence[Citation]) -> Text:
        for citation in citations:
            text.append("\n")
            text.append_text(self.quote(citation))
        return text

    def newest_words(self, dating: SourceDate | None) -> str:
        """"The Monitor, 10 June 2019: about 6 years ago" (an undated source: "at most …")."""
        if dating is None or dating.freshness_day is None:
            return "no source behind this status is dated"
        days = (self.status.today - dating.freshness_day).days
        if days < 0:
            age = f"dated {-days:,} days after today"
        elif days == 0:
            age = "today"
        else:
            age = ("" if dating.dated else "at most ") + f"{age_phrase(days)} ago"
        return f"{dating.source.publisher}, {dating.label}: {age}"

    # --- a person ------------------------------------------------------------------------------

    def person_block(self, person: PersonStatus) -> Iterator[RenderableType]:
        heading = Text(person.name, style="bold underline")
        heading.append(f" ({person.person_id})", style="dim")
        yield heading
        yield Padding(self.head(person), (0, 0, 0, 2))
        details = self.details(person)
        if details.row_count:
            yield Text()
            yield Padding(details, (0, 0, 0, 2))

    def head(self, person: PersonStatus) -> Table:
        """Status, warnings, since when, says who, how old: the lines that answer first."""
        table = _grid()
        if person.stage is None and not person.measures:
            why = ("nothing that had certainly happened by then names a stage or a measure for this person"
                   if self.status.basis == "happened" else
                   "no source certainly published by then reports a stage or a measure for this person")
            table.add_row("Status", Text(f"none recorded by {describe_as_of(self.status.as_of)}: {why}"))
        else:
            status = Text(person.stage_words or "no stage recorded", style="bold")
            for measure in in_display_order(person.measures):
                status.append("; ")
                status.append(measure.label, style="bold")
            table.add_row("Status", status)
        for warning in person.warnings:
            table.add_row(Text("Warning", style=WARNING), Text(warning, style=WARNING))
        change = person.last_change
        if change is not None:
            when = self.when(change.step) if change.step.date == change.date else change.date.display()
            since = Text(f"{when}: {change.what}")
            since.append(f" ({change.step.step.event.id})", style="dim")
            table.add_row("Since", since)
        if person.source_ids:
            table.add_row("Says who", self.says(person.source_ids))
        table.add_row("How old", Text("newest source behind the status: " + self.newest_words(person.newest_source)))
        return table

    def details(self, person: PersonStatus) -> Table:
        """The stage, each measure in force, what may have changed, what ended."""
        table = _grid()
        stage = person.stage_step
        if stage is not None and person.stage_words:
            rows = _grid()
            since = Text(self.when(stage) + ": ")
            since.append(stage.step.event.summary)
            since.append(f" ({stage.step.event.id})", style="dim")
            rows.add_row("since", since)
            rows.add_row("says", self.with_quotes(self.says(stage.source_ids), stage.citations))
            differences = person_differences(self.case, person.person_id, stage.step.difference_ids, self.status)
            if differences:
                rows.add_row("differences", self.differences(differences))
            table.add_row("Proceedings", Group(Text(person.stage_words, style="bold"), Padding(rows, (0, 0, 0, 2))))
        for number, measure in enumerate(in_display_order(person.measures)):
            table.add_row("In force" if number == 0 else "", self.measure(person, measure))
        for number, measure in enumerate(person.not_begun):
            table.add_row("Not begun" if number == 0 else "", self.not_begun(measure))
        maybe = self.may_have_changed(person)
        if maybe.plain:
            table.add_row(Text("May have changed", style=WARNING), maybe)
        for number, measure in enumerate(person.ended_measures):
            table.add_row("Ended" if number == 0 else "", self.ended(measure))
        return table

    def measure(self, person: PersonStatus, measure: MeasureAt) -> RenderableType:
        head = Text(measure.label, style="bold")
        if measure.measure.summary and measure.measure.kind != "other":  # an "other" is labelled by its summary
            head.append(": " + measure.measure.summary)
        rows = _grid()
        rows.add_row("since", self.since(measure))
        until = measure.until
        if until is None:
            until = ("not stated; a term in hours is not counted on the calendar" if measure.term and measure.term.hours
                     and not measure.term.on_calendar else "not stated, and no length to count from"
                     if measure.term is None else "not stated")
        until_text = Text(until)
        if measure.computed_end is not None and measure.end is None:
            until_text = Text(measure.computed_end.value)
            until_text.append(" (computed, if served in full)", style="magenta")
            until_text.append(f"\n{measure.computed_end.calculation}", style="dim")
        if measure.end is not None or measure.measure.kind not in ONCE_MEASURES:
            rows.add_row("until", until_text)
        for change in measure.changes:
            if change.change.action != "began":  # shown as its start
                rows.add_row("changed", self.change(change))
        rows.add_row("says", self.with_quotes(self.says(measure.source_ids), measure.citations))
        differences = person_differences(self.case, person.person_id, measure.difference_ids, self.status)
        if differences:
            rows.add_row("differences", self.differences(differences))
        if measure.newest_source is not None:
            rows.add_row("newest", Text(self.newest_words(measure.newest_source)))
        return Group(head, Padding(rows, (0, 0, 0, 2)))

    def since(self, measure: MeasureAt) -> Text:
        """When it began: its stated start (an inferred one says so, an unknown one says no source gives it), the
        event that says it began, or its decision."""
        began = measure.beginning
        start = measure.measure.start
        if measure.start_unknown:
            text = Text(f"not known: no source says when it began; imposed {self.when(measure.imposed)}")
        elif start is not None and began is measure.imposed:
            text = Text(measure.since.display() + ("" if start.inferred else " (stated)"))
        else:
            text = Text(self.when(began))
        what = "began to be served" if began is not measure.imposed else "imposed"
        if not measure.start_unknown:
            text.append(f", {what}", style="")
        text.append(f" ({began.step.event.id})", style="dim")
        return text

    def change(self, change: ChangeAt) -> Text:
        text = Text(f"{change.words}, {self.when(change.step)}")
        text.append(f" ({change.step.step.event.id})", style="dim")
        text.append("; says ")
        text.append_text(self.says(tuple(dict.fromkeys(c.source_id for c in change.change.citations))))
        return text

    def differences(self, difference_ids: Sequence[str]) -> Text:
        """Each difference by its id and summary (the annotator's words, so never in quotation marks)."""
        by_id = {d.id: d for d in self.case.differences}
        text = Text()
        for number, difference_id in enumerate(difference_ids):
            if number:
                text.append("\n")
            text.append(difference_id, style=WARNING)
            difference = by_id.get(difference_id)
            if difference is not None:
                text.append(": " + difference.summary)
        return text

    def may_have_changed(self, person: PersonStatus) -> Text:
        """Stages that may have come, measures that may have been imposed, changes that may have been made."""
        lines: list[Text] = []
        for seen, stage in person.stage_pending:
            lines.append(self.maybe(stage_words(stage), seen))
        for measure in person.uncertain_measures:
            lines.append(self.maybe(f"{measure.label}: may have been imposed", measure.imposed))
        for measure in person.measures:
            for change in measure.pending:
                words = ("may have begun to be served" if change.change.action == "began"
                         else f"may have been {change.words}")
                lines.append(self.maybe(f"{measure.label}: {words}", change.step))
        text = Text()
        for number, line in enumerate(lines):
            if number:
                text.append("\n")
            text.append_text(line)
        return text

    def maybe(self, what: str, seen: StepAt) -> Text:
        text = Text(what, style="bold")
        text.append(f" ({seen.step.event.id})", style="dim")
        text.append(f": {seen.reason}")
        return text

    def not_begun(self, measure: MeasureAt) -> Text:
        """A measure imposed to begin later: what it is, and when it begins."""
        text = Text(measure.label, style="bold")
        text.append(f": imposed ({measure.imposed.step.event.id}), begins {measure.began.display()}")
        return text

    def ended(self, measure: MeasureAt) -> Text:
        text = Text(measure.label, style="bold")
        if measure.ended_by is not None:
            ended = measure.ended_by
            words = ended.words
            if ended.change.by is not None and ended.change.by in self.case.measures:
                words += f" by the {measure_label(self.case.measures[ended.change.by])}"
            text.append(f": {words}, {self.when(ended.step)}")
            text.append(f" ({ended.step.step.event.id})", style="dim")
            text.append("; says ")
            text.append_text(self.says(tuple(dict.fromkeys(c.source_id for c in ended.change.citations))))
        elif measure.end is not None:
            text.append(f": ended {measure.end.display()}, as stated")
        return text

    # --- the case ------------------------------------------------------------------------------

    def freshness_table(self) -> Table:
        table = _grid()
        table.add_row("Freshness", Text(self.status.freshness))
        for dating in self.status.undated_sources:
            table.add_row("Undated", Text(f"{dating.source.publisher}: {dating.label}"))
        return table

    def timeline(self, person_id: str | None) -> Iterator[RenderableType]:
        by = "by then" if self.status.as_of is not None else None
        yield _timeline_row(Text("when"), Text(by) if by else None, Text("sources"), style="bold")
        for seen in self.status.steps:
            step = seen.step
            if person_id is not None and not step.event.concerns(person_id):
                continue
            who = Text(only(step.source_ids[0]), style=WARNING) if step.single_source \
                else Text(", ".join(step.source_ids))
            standing = Text(_STANDING_WORDS[self.status.basis][seen.standing]) if by else None
            # A disputed date: each date on a line of its own, with the ids of the sources that give it.
            when = Text("\n".join(["disputed:", *(f"{claim.date.display()} ({', '.join(claim.source_ids)})"
                                                  for claim in seen.dates)])
                        if seen.disputed else seen.date.display())
            yield _timeline_row(when, standing, who)
            summary = Text(step.event.summary)
            summary.append(f" ({step.event.id})", style="dim")
            for effect in effects(self.case, step.event):
                if person_id is not None and effect.person_id != person_id:
                    continue
                summary.append("\n→ ")
                if self.several and person_id is None and effect.person_id:
                    summary.append(person_name(self.case, effect.person_id) + ": ")
                summary.append(effect.text, style="bold")
            yield Padding(summary, (0, 0, 0, 4))


def _timeline_row(when: Text, standing: Text | None, who: Text, style: str = "") -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=26, style=style)
    if standing is not None:
        table.add_column(width=9, no_wrap=True, style=style)
    table.add_column(style=style)
    table.add_row(*[when, *([standing] if standing is not None else []), who])
    return table


__all__ = ["WARNING", "render_status"]
