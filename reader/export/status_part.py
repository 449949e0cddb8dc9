"""The status part of the document exports: each person's status on the date asked about.

For each subject of the case, in the case's order: the status in one line
(the stage of the proceedings and every measure in force) and, right under
it in the warning style, each warning (a computed end passed with no
source saying what happened then); since when (the person's last change);
who says so; the newest source behind it; then the stage with the
event that set it and its passages; each measure in force with since when,
until when (stated, or computed and labelled so, with the calculation),
its changes, its own sources and passages, its newest source and its
differences; what may have changed by the date asked about; and the
measures that ended. The case's freshness closes the part.

Everything shown comes from :func:`reader.model.status.case_status`; the
words for stages, measures and changes from :mod:`reader.model.proceedings`.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.export.inlines import Inlines, claim_words
from reader.export.nodes import Block, Fields, Heading, Items, Line, Para, Section, Text
from reader.model.computed import Derived
from reader.model.proceedings import stage_words
from reader.model.status import CaseStatus, MeasureAt, PersonStatus, StepAt, describe_as_of
from reader.model.vocabulary import ONCE_MEASURES

Rows = list[tuple[str, tuple[Line, ...]]]



class StatusPart:
    """Builds the status section of one case's document."""

    def __init__(self, status: CaseStatus, inlines: Inlines) -> None:
        self.status = status
        self.inlines = inlines
        self.case = inlines.case
        self.by = describe_as_of(status.as_of)

    def build(self) -> Section:
        blocks: list[Block] = [Heading(2, "Status", "status"), Para((Text(self.status.heading, "dim"),))]
        blocks.extend(self.person(person) for person in self.status.people)
        rows: Rows = [("Freshness", ((Text(self.status.freshness),),))]
        for dating in self.status.undated_sources:
            rows.append(("Undated", ((Text(f"{dating.source.publisher}: {dating.label}"),),)))
        blocks.append(Fields(tuple(rows)))
        return Section("status", tuple(blocks))

    def when(self, seen: StepAt) -> str:
        """An event's date as counted (an undated one with the bound the reader used); a disputed one as each date
        the sources that count give, with who gives it."""
        if seen.disputed:
            return "date disputed: " + "; ".join(claim_words(self.case, claim) for claim in seen.dates)
        return seen.date.display()

    # --- a person ------------------------------------------------------------------------------

    def person(self, person: PersonStatus) -> Section:
        # The warnings stand right under the status line, at its level: a computed end that has passed
        # changes what the status means, so it is never left to the measure's details further down.
        rows: Rows = [("Status", (self.headline(person),))]
        rows.extend(("Warning", ((Text(warning, "warn"),),)) for warning in person.warnings)
        change = person.last_change
        if change is not None:
            date = self.when(change.step) if change.date == change.step.date else change.date.display()
            link = self.inlines.event_link(change.step.step.event.id)
            rows.append(("Since", ((Text(f"{date}: {change.what} ("), link, Text(")")),)))
        if person.source_ids:
            rows.append(("Says who", (self.inlines.says(person.source_ids),)))
        newest = person.newest_source
        if newest is not None:
            rows.append(("Newest source", ((Text(f"{newest.source.publisher}, {newest.label}"),),)))
        blocks: list[Block] = [Heading(3, person.name, f"status-{person.person_id}"), Fields(tuple(rows))]
        blocks.extend(self.proceedings(person))
        blocks.extend(self.in_force(person))
        blocks.extend(self.may_have_changed(person))
        blocks.extend(self.ended(person))
        return Section("person", tuple(blocks))

    def headline(self, person: PersonStatus) -> Line:
        """The status in one line: the stage, then each measure in force."""
        if person.stage is None and not person.measures:
            why = ("nothing that had certainly happened by then names a stage or a measure for this person"
                   if self.status.basis == "happened" else
                   "no source certainly published by then reports a stage or a measure for this person")
            return (Text(f"none recorded by {self.by}: {why}"),)
        line: list[Text] = [Text(person.stage_words or "no stage recorded", "strong")]
        for measure in person.measures:
            line += [Text("; "), Text(measure.label, "strong")]
        return tuple(line)

    def proceedings(self, person: PersonStatus) -> Iterator[Block]:
        yield Heading(4, "Proceedings")
        seen = person.stage_step
        if seen is None or person.stage_words is None:
            yield Para((Text(f"No stage of the proceedings recorded by {self.by}.", "dim"),))
            return
        event = seen.step.event
        rows: Rows = [
            ("Stage", ((Text(person.stage_words, "strong"),),)),
            ("Since", ((Text(f"{self.when(seen)}: {event.summary} ("), self.inlines.event_link(event.id),
                        Text(")")),)),
            ("Says who", (self.inlines.says(seen.source_ids), *self.inlines.cite_lines(seen.citations))),
        ]
        differences = [d for d in seen.step.difference_ids if d not in self.status.unseen_differences]
        if differences:
            rows.append(("Differences", (tuple(self.inlines.difference_links(differences)),)))
        yield Fields(tuple(rows))

    def in_force(self, person: PersonStatus) -> Iterator[Block]:
        yield Heading(4, "Measures in force")
        if not person.measures:
            yield Para((Text(f"None recorded by {self.by}.", "dim"),))
        for measure in person.measures:
            yield self.measure(measure)

    def measure(self, seen: MeasureAt) -> Section:
        measure = seen.measure
        inlines = self.inlines
        head: list[Text] = [Text(seen.label, "strong")]
        if measure.summary:
            head.append(Text(": " + measure.summary))
        began = next((c for c in seen.changes if c.change.action == "began"), None)
        since = began.step.step.event.id if began else seen.imposed.step.event.id
        start = "not known: no source says when it began" if seen.start_unknown else seen.since.display()
        rows: Rows = [("Since", ((Text(f"{start} ({'began' if began else 'imposed'}: "),
                                  inlines.event_link(since), Text(")")),))]
        until = self.until(seen)
        if until is not None:
            rows.append(("Until", (until,)))
        for change in seen.changes:
            if change is began:
                continue
            event = change.step.step.event
            rows.append(("Changed", ((Text(f"{change.words}, {self.when(change.step)} ("),
                                      inlines.event_link(event.id), Text(")")),
                                     *inlines.cite_lines(change.change.citations))))
        counted = set(seen.citations)
        own = [citation for citation in measure.citations if citation in counted] or measure.citations
        rows.append(("Says who", (inlines.says(seen.source_ids), *inlines.cite_lines(own))))
        if seen.newest_source is not None:
            newest = seen.newest_source
            rows.append(("Newest source", ((Text(f"{newest.source.publisher}, {newest.label}"),),)))
        if seen.difference_ids:
            rows.append(("Differences", (tuple(inlines.difference_links(seen.difference_ids)),)))
        if measure.note:
            rows.append(("Note", ((Text(measure.note, "dim"),),)))
        blocks: list[Block] = [Para(tuple(head)), Fields(tuple(rows))]
        if seen.computed_end is not None and measure.end is None:
            blocks.append(self.derived(seen.computed_end))
        return Section("measure", tuple(blocks))

    def until(self, seen: MeasureAt) -> Line | None:
        """Until when: stated, or computed and labelled so; None for a fine or the like with no stated end."""
        measure = seen.measure
        if measure.end is not None:
            return (Text(f"{measure.end.display()} (stated)"),)
        if seen.computed_end is not None:
            return (Text(f"{seen.computed_end.value}, if served in full"), Text(" computed", "computed"))
        if measure.kind in ONCE_MEASURES:
            return None
        if seen.until is not None:  # a term whose start is unknown: said so by the model
            return (Text(seen.until, "dim"),)
        if seen.term is not None and not seen.term.on_calendar:
            return (Text("not stated; a term in hours is not counted on the calendar", "dim"),)
        return (Text("not stated, and no length to count from" if seen.term is None else "not stated", "dim"),)

    def derived(self, fact: Derived) -> Section:
        """A computed fact with its calculation, the passages of its inputs and its assumption."""
        rows: Rows = [("calculation", ((Text(fact.calculation),),))]
        for item in fact.inputs:
            rows.append((item.label, ((Text(item.value),), *self.inlines.cite_lines(item.citations))))
        if fact.difference_ids:
            rows.append(("differences", (tuple(self.inlines.difference_links(fact.difference_ids)),)))
        rows.append(("assumption", ((Text(fact.assumption, "dim"),),)))
        return Section("derived", (
            Para((Text(fact.label + ":", "strong"), Text(" " + fact.value), Text(" computed", "computed"))),
            Fields(tuple(rows)),
        ))

    def may_have_changed(self, person: PersonStatus) -> Iterator[Block]:
        """What events of uncertain date may have done by the date asked about: never applied, only listed."""
        link = self.inlines.event_link
        lines: list[Line] = []
        for seen, stage in person.stage_pending:
            event = seen.step.event
            lines.append((Text(f"the proceedings may have moved to {stage_words(stage)}: {event.summary} ("),
                          link(event.id), Text(f"; {seen.reason})")))
        for measure in person.uncertain_measures:
            lines.append((Text(f"{measure.label} may have been imposed ("), link(measure.imposed.step.event.id),
                          Text(f"; {measure.imposed.reason})")))
        for measure in person.not_begun:
            lines.append((Text(f"{measure.label} imposed ("), link(measure.imposed.step.event.id),
                          Text(f"), not begun yet: it begins {measure.began.display()}")))
        for measure in person.measures:
            for pending in measure.pending:
                lines.append((Text(f"{measure.label} may have been {pending.words} ("),
                              link(pending.step.step.event.id), Text(f"; {pending.step.reason})")))
        if lines:
            yield Heading(4, f"May have changed by {self.by}")
            yield Items(tuple(lines))

    def ended(self, person: PersonStatus) -> Iterator[Block]:
        rows: Rows = []
        for seen in person.ended_measures:
            about: tuple[Line, ...] = ((Text(seen.measure.summary),),) if seen.measure.summary else ()
            if seen.ended_by is not None:
                event = seen.ended_by.step.step.event
                rows.append((seen.label, ((Text(f"{seen.ended_by.words}, {self.when(seen.ended_by.step)} ("),
                                           self.inlines.event_link(event.id), Text(")")), *about,
                                          *self.inlines.cite_lines(seen.ended_by.change.citations))))
            elif seen.end is not None:
                rows.append((seen.label, ((Text(f"ended {seen.end.display()} (stated)"),), *about,
                                          *self.inlines.cite_lines(seen.measure.citations))))
        if rows:
            yield Heading(4, "Ended")
            yield Fields(tuple(rows))


__all__ = ["StatusPart"]
