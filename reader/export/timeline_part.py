"""The timeline part of the document exports: every event, whose it is and what it does.

Each event shows its date at the precision the sources give (a disputed one:
every date with who gives it, and each date's passages), whose it is (its
people, or the case as a whole), the sources that report it, its summary,
what it does person by person (:func:`reader.model.proceedings.effects`,
each with the passages that state it), notes, differences and the passages
that report it. With a date asked about, each event also says whether it
had happened (or been reported) by then, and why.
"""

from __future__ import annotations

from reader.export.inlines import Inlines, disputed_words
from reader.export.nodes import Block, Heading, Inline, Items, Line, Para, Section, Text
from reader.model.proceedings import effects, person_name, publishers
from reader.model.status import CaseStatus, Standing, StepAt, describe_as_of
from reader.model.types import Citation, Event

_STANDING = {
    "happened": {Standing.COUNTS: "happened", Standing.UNCERTAIN: "may have happened",
                 Standing.NOT_YET: "not yet"},
    "reported": {Standing.COUNTS: "reported", Standing.UNCERTAIN: "may have been reported",
                 Standing.NOT_YET: "not reported yet"},
}


class TimelinePart:
    """Builds the timeline section of one case's document."""

    def __init__(self, status: CaseStatus, inlines: Inlines) -> None:
        self.status = status
        self.inlines = inlines
        self.case = inlines.case

    def build(self) -> Section:
        intro = ("Events in the order they happened, each with whose it is, what it does and the sources that "
                 "report it.")
        if self.status.as_of is not None:
            verb = "happened" if self.status.basis == "happened" else "been reported"
            intro += f" Each says whether it had {verb} by {describe_as_of(self.status.as_of)}, and why."
        blocks: list[Block] = [Heading(2, "Timeline", "timeline"), Para((Text(intro, "dim"),))]
        blocks.extend(self.step(seen) for seen in self.status.steps)
        return Section("timeline", tuple(blocks))

    def step(self, seen: StepAt) -> Section:
        step = seen.step
        event = step.event
        inlines = self.inlines
        date = Text(disputed_words(self.case, event), "warn") if event.disputed else Text(step.date.display(), "strong")
        whose: list[Inline] = list(inlines.people_links(event.people)) or [Text("the case as a whole", "dim")]
        head: Line = (date, Text(" · "), *whose, Text(" · "), *inlines.says(step.source_ids))
        blocks: list[Block] = [Para(head, "when"),
                               Para((Text(event.summary), Text(f" ({event.id})", "dim")), "summary")]
        lines: list[Line] = []
        if self.status.as_of is not None:
            words = _STANDING[self.status.basis][seen.standing]
            lines.append((Text(f"By {describe_as_of(self.status.as_of)}: "),
                          Text(words, "warn" if seen.standing is Standing.UNCERTAIN else "strong"),
                          Text(f" ({seen.reason})")))
        for claim in event.dates:
            lines.append((Text(f"{claim.date.display()}, the date {publishers(self.case, claim.source_ids)} "
                               "gives: "), *_joined(inlines, claim.citations)))
            if claim.date.note:
                lines.append((Text(f"Date ({claim.date.display()}): {claim.date.note}", "dim"),))
        lines.extend(self.effects(event))
        if step.date.note:
            lines.append((Text("Date: " + step.date.note, "dim"),))
        if event.note:
            lines.append((Text("Note: " + event.note, "dim"),))
        if step.difference_ids:
            lines.append((Text("Differences: "), *inlines.difference_links(step.difference_ids)))
        blocks.append(Items(tuple(lines) + inlines.cite_lines(step.citations)))
        return Section("event", tuple(blocks), f"ev-{event.id}")

    def effects(self, event: Event) -> list[Line]:
        """What the event does, person by person, each with the passages that state it."""
        # effects() lists the stages, then what is imposed, then what is changed, in the event's order.
        evidence: list[list[Citation]] = [[] for _ in event.proceedings]
        evidence += [measure.citations for measure in event.measures]
        evidence += [change.citations for change in event.changes]
        found = effects(self.case, event)
        if len(found) != len(evidence):  # not the order this relies on: show the words without passages
            evidence = [[] for _ in found]
        lines: list[Line] = []
        for effect, citations in zip(found, evidence, strict=True):
            name = person_name(self.case, effect.person_id) if effect.person_id else "unknown person"
            line: list[Inline] = [Text(f"{name}: ", "strong"), Text(effect.text)]
            if citations:
                line += [Text(", as "), *_joined(self.inlines, citations)]
            lines.append(tuple(line))
        return lines


def _joined(inlines: Inlines, citations: list[Citation]) -> list[Inline]:
    """Passages one after another on a line, separated by semicolons."""
    out: list[Inline] = []
    for index, citation in enumerate(citations):
        if index:
            out.append(Text("; "))
        out.append(inlines.cite(citation))
    return out


__all__ = ["TimelinePart"]
