"""One person's status in the sidebar: the blocks that say where they stand, and on whose word.

A person's block reads from the top in the order a reader asks:

1. the head (:class:`Provenance`, ``.status-head``): the name, where the
   proceedings stand, since when, which sources say so and how old the
   newest of them is;
2. right under it, in the warning colour (``.status-warning``), what the
   status must say beside itself: a measure whose computed end has passed
   with no source saying what happened then. It is never further down: a
   status in bold two lines above a past end, and nothing joining them, was
   how the reader misled (issue 19);
3. each measure in force (:class:`Provenance`, ``.measure``): what it is,
   since when, until when (stated, or computed and labelled so, with the
   calculation), its own sources and the differences about it;
4. what may have changed by then (``.status-pending``): a later stage, a
   measure or a change whose date does not say whether it had come.

Every block that states something takes the focus, and Enter (or a click)
marks the passages it rests on. The words come from the model
(:mod:`reader.model.status`, :mod:`reader.model.proceedings`); nothing here
decides what is true.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from reader.model import Case, Citation, FuzzyDate
from reader.model.across import only
from reader.model.proceedings import publishers, stage_words
from reader.model.status import CaseStatus, MeasureAt, PersonStatus, SourceDate, StatusChange, StepAt, age_phrase
from reader.ui.inert import plain
from reader.ui.themes import SINGLE_SOURCE_STYLE
from reader.ui.widgets.time_axis import short_date
from reader.ui.widgets.wrap import clean


class Provenance(Static, can_focus=True):
    """A fact of the sidebar that can show where it comes from: Enter or a click marks its passages."""

    BINDINGS = [Binding("enter", "reveal", "Sources", show=False, tooltip="Mark the passages this rests on",
                        id="provenance")]

    class Chosen(Message):
        """The reader asked to see the passages behind a fact."""

        def __init__(self, citations: tuple[Citation, ...], text: str) -> None:
            super().__init__()
            self.citations = citations
            self.text = text

    def __init__(self, content: Content, citations: Sequence[Citation], text: str, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)
        self.citations = tuple(citations)
        self.text = text

    def action_reveal(self) -> None:
        """Ask the screen to mark the passages behind this fact."""
        if self.citations:
            self.post_message(self.Chosen(self.citations, self.text))

    def on_click(self) -> None:
        self.action_reveal()


def when(date: FuzzyDate) -> str:
    """A date in a few words at its own precision, saying when it is inferred: "between 16 Oct and 1 Nov 2019"."""
    return short_date(date, words=True) + (" (inferred)" if date.inferred else "")


def since_words(case: Case, seen: StepAt) -> str:
    """When an event happened as counted (:attr:`StepAt.date`: an undated one with the bound the reader used), or
    each date the sources that count give when they dispute it."""
    if not seen.disputed:
        return when(seen.date)
    dates = " or ".join(f"{when(claim.date)} ({publishers(case, claim.source_ids)})" for claim in seen.dates)
    return f"{dates}: the sources differ"


def change_words(case: Case, change: StatusChange, stage: str | None) -> str:
    """The person's last change (:attr:`PersonStatus.last_change`) in a few words: when, and what unless it is the
    stage: "between 16 Oct and 1 Nov 2019 (inferred): imprisonment began"."""
    date = since_words(case, change.step) if change.date == change.step.date else when(change.date)
    return date if change.brief == stage else f"{date}: {change.brief}"


def age_words(status: CaseStatus, source: SourceDate) -> str:
    """How old a source is on the status's ``today``: "about 7 years ago", "at most 3 months ago" (undated)."""
    day = source.freshness_day
    assert day is not None
    days = (status.today - day).days
    if days < 0:  # a source dated after today: a typo, or a case written ahead
        return f"dated {-days:,} days after today"
    if days == 0:
        return "today"
    return f"{'' if source.dated else 'at most '}{age_phrase(days)} ago"


def differences_words(count: int) -> str:
    """How many recorded differences there are about something: "2 differences (d)" (``d`` lists them)."""
    return f"{count} difference{'' if count == 1 else 's'} (d)"


def person_blocks(case: Case, status: CaseStatus, person: PersonStatus, index: int) -> list[Widget]:
    """One person's blocks, top to bottom (see the module docstring); ``index``: their place among the subjects."""
    blocks: list[Widget] = [Provenance(head_text(case, status, person), head_citations(person),
                                       head_message(case, person), id=f"status-{index}", classes="status-head")]
    if person.warnings:
        warnings = Content("\n").join(Content(f"! {clean(warning)}") for warning in person.warnings)
        blocks.append(Static(warnings, id=f"status-warning-{index}", classes="status-warning", markup=False))
    if person.measures:
        blocks.append(Static(Content.styled(f"In force ({len(person.measures)})", "bold"),
                             classes="status-heading", markup=False))
    for number, measure in enumerate(person.measures):
        blocks.append(Provenance(measure_text(case, measure), measure.citations, measure_message(case, measure),
                                 id=f"measure-{index}-{number}",
                                 classes="measure computed-fact" if measure.computed_end else "measure"))
    pending = pending_text(person)
    if pending is not None:
        blocks.append(Static(pending, id=f"status-pending-{index}", classes="status-pending", markup=False))
    return blocks


def head_text(case: Case, status: CaseStatus, person: PersonStatus) -> Content:
    """The name, the stage, since when, says who, and how old the newest source behind it is."""
    lines = [Content.styled(clean(person.name), "bold")]
    if person.stage_words is None:
        lines.append(Content.styled("No event records where the proceedings stand.", "italic"))
    else:
        lines.append(Content.styled(clean(person.stage_words).upper(), "bold"))
    change = person.last_change
    if change is not None:
        lines.append(Content.assemble(("Since ", "dim"), plain(change_words(case, change, person.stage_words))))
    if person.source_ids:
        lines.append(Content.assemble(("Says ", "dim"), says(case, person.source_ids)))
    newest = person.newest_source
    if newest is not None:
        lines.append(Content.assemble(("As of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}"),
                                      (" · ", "dim"),
                                      plain(age_words(status, newest))))
    return Content("\n").join(lines)


def says(case: Case, source_ids: tuple[str, ...]) -> Content:
    """Who says so: the publishers, or "only" the one in the warning colour (:func:`~reader.model.across.only`)."""
    names = publishers(case, source_ids)
    return plain(only(names)).stylize(SINGLE_SOURCE_STYLE) if len(source_ids) == 1 else plain(names)


def head_citations(person: PersonStatus) -> tuple[Citation, ...]:
    """The passages behind the head: the stage's, then each measure in force's."""
    citations = list(person.stage_step.citations) if person.stage_step else []
    for measure in person.measures:
        citations.extend(measure.citations)
    return tuple(citations)


def head_message(case: Case, person: PersonStatus) -> str:
    """The status line's message when the head's passages are shown: the stage, since when, says who."""
    change = person.last_change
    since = f" since {change_words(case, change, person.stage_words)}" if change is not None else ""
    stage = person.stage_words or "no stage of the proceedings recorded"
    return f"{person.name}: {stage}{since}: says {publishers(case, person.source_ids)}"


def measure_text(case: Case, measure: MeasureAt) -> Content:
    """A measure in force: what, since when, until when, on whose word, and the differences about it."""
    # From the decision's date (each date, when the sources dispute it), unless it began on another.
    if measure.start_unknown:
        since = f"not known (imposed {since_words(case, measure.imposed)})"
    elif measure.since == measure.imposed.date:
        since = since_words(case, measure.imposed)
    else:
        since = when(measure.since)
    lines = [Content.styled(clean(measure.label), "bold"), Content.assemble(("Since ", "dim"), plain(since))]
    if measure.until is not None:
        lines.append(Content.assemble(("Until ", "dim"), plain(measure.until)))
    if measure.computed_end is not None and measure.end is None:
        lines.append(Content.assemble(("How: ", "dim"), plain(measure.computed_end.calculation)))
    count = measure.corroboration
    lines.append(Content.assemble(("Says ", "dim"), says(case, measure.source_ids),
                                  ("" if measure.single_source else f" ({count} sources)", "italic")))
    for change in measure.changes:
        lines.append(Content.assemble(("Then ", "dim"), plain(f"{change.words}, {since_words(case, change.step)}")))
    if measure.difference_ids:
        lines.append(Content.assemble(("Sources differ: ", "dim"), differences_words(len(measure.difference_ids))))
    return Content("\n").join(lines)


def measure_message(case: Case, measure: MeasureAt) -> str:
    """The status line's message when a measure's passages are shown."""
    if measure.computed_end is not None and measure.end is None:
        inputs = "; ".join(f"{i.label} {i.value}" for i in measure.computed_end.inputs)
        return f"{measure.label}: says {publishers(case, measure.source_ids)} · end computed from: {inputs}"
    return f"{measure.label}: says {publishers(case, measure.source_ids)}"


def pending_text(person: PersonStatus) -> Content | None:
    """What may have changed by the date asked about: later stages, measures and changes not known to have come."""
    lines = [Content.assemble(("May have become ", "dim"), plain(f"{stage_words(stage)}: {step.reason}"))
             for step, stage in person.stage_pending]
    lines += [Content.assemble(("May have been imposed: ", "dim"), plain(f"{m.label}: {m.imposed.reason}"))
              for m in person.uncertain_measures]
    lines += [Content.assemble(("Imposed, not begun yet: ", "dim"), plain(f"{m.label}, begins {m.began.display()}"))
              for m in person.not_begun]
    lines += [Content.assemble(("May have been ", "dim"), plain(f"{change.words}: {m.label}: {change.step.reason}"))
              for m in person.measures for change in m.pending]
    if not lines:
        return None
    return Content("\n").join([Content.styled("What may have changed by then", "bold"), *lines])


def freshness_text(case: Case, status: CaseStatus) -> Content:
    """The case as a whole: as of its newest source, whether it may have changed, and the undated sources."""
    lines = []
    newest = status.newest_source
    if newest is not None:
        lines.append(Content.assemble(("Case as of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}"),
                                      (" · ", "dim"), plain(status.age_ago)))
    if status.may_have_changed:
        lines.append(Content.styled("It may have changed since.", "italic"))
    for source in status.undated_sources:
        bound = source.label.removeprefix("undated").removeprefix("; ")
        lines.append(Content.assemble(("Undated: ", "dim"), plain(source.source.publisher),
                                      (f", {bound}" if bound else "", "italic")))
    lines.append(Content.styled("Enter on a block: the passages it rests on", "dim"))
    return Content("\n").join(lines)
