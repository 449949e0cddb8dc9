"""One person's status in the sidebar: the blocks that say where they stand, and on whose word.

A person's status reads from the top in the order a reader asks:

1. the glance (:class:`Provenance`, ``.status-head``), a few lines that
   answer "status now, since when, says who, how old" in one look, as the
   timeline's header line does: the name, where the proceedings stand and
   the main measure in force (how many more), since when, how many sources
   and which (by the numbers of their tabs), and how old the newest of them
   is. Short enough that every person's glance shows at 60×20, where the
   sidebar covers the source;
2. right under it, in the warning colour (``.status-warning``), what the
   status must say beside itself: a measure whose computed end has passed
   with no source saying what happened then. It is never further down: a
   status in bold two lines above a past end, and nothing joining them, was
   how the reader misled (issue 19);
3. the details (:func:`detail_blocks`): who says so by name and as of
   which source (``.status-says``), then each measure in force
   (:class:`Provenance`, ``.measure``): what it is, since when, until when
   (stated, or computed and labelled so, with the calculation), its own
   sources and the differences about it;
4. what may have changed by then (``.status-pending``): a later stage, a
   measure or a change whose date does not say whether it had come.

The sidebar puts every person's glance and warning first, then each
person's details, so a case of several people answers for all of them at
the top. Every block that states something takes the focus, and Enter (or
a click) marks the passages it rests on; ``d`` on it lists the recorded
differences about it. The words come from the model
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
from reader.model.watchlist import in_display_order, person_differences, short_label
from reader.ui.inert import plain
from reader.ui.themes import SINGLE_SOURCE_STYLE
from reader.ui.widgets.time_axis import short_date
from reader.ui.widgets.wrap import clean


class Provenance(Static, can_focus=True):
    """A fact of the sidebar that can show where it comes from: Enter or a click marks its passages."""

    BINDINGS = [Binding("enter", "reveal", "Sources", show=False, tooltip="Mark the passages this rests on",
                        id="provenance"),
                Binding("d", "differences", "Differences", show=False,
                        tooltip="List the recorded differences about this", id="provenance-differences")]

    class Chosen(Message):
        """The reader asked to see the passages behind a fact."""

        def __init__(self, citations: tuple[Citation, ...], text: str) -> None:
            super().__init__()
            self.citations = citations
            self.text = text

    class DifferencesChosen(Message):
        """The reader asked for the recorded differences about a fact."""

        def __init__(self, difference_ids: tuple[str, ...], about: str) -> None:
            super().__init__()
            self.difference_ids = difference_ids
            self.about = about

    def __init__(self, content: Content, citations: Sequence[Citation], text: str, *, id: str | None = None,
                 classes: str | None = None, difference_ids: Sequence[str] = (), about: str = "") -> None:
        """``difference_ids``: the recorded differences about the fact, which ``d`` lists (none: ``d`` lists all);
        ``about``: the fact in a few words, for the differences view's title ("the fine")."""
        super().__init__(content, id=id, classes=classes, markup=False)
        self.citations = tuple(citations)
        self.text = text
        self.difference_ids = tuple(difference_ids)
        self.about = about

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no difference about it, d is the screen's: every difference.
        return bool(self.difference_ids) if action == "differences" else True

    def action_reveal(self) -> None:
        """Ask the screen to mark the passages behind this fact."""
        if self.citations:
            self.post_message(self.Chosen(self.citations, self.text))

    def action_differences(self) -> None:
        """Ask the screen to list the recorded differences about this fact."""
        self.post_message(self.DifferencesChosen(self.difference_ids, self.about))

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
    return glance_blocks(case, status, person, index) + detail_blocks(case, status, person, index)


def glance_blocks(case: Case, status: CaseStatus, person: PersonStatus, index: int) -> list[Widget]:
    """The person's glance, and right under it any warning."""
    blocks: list[Widget] = [Provenance(head_text(case, status, person), head_citations(person),
                                       head_message(case, person), id=f"status-{index}", classes="status-head",
                                       difference_ids=head_differences(case, status, person),
                                       about=f"the status of {person.name}")]
    if person.warnings:
        warnings = Content("\n").join(Content(f"! {clean(warning)}") for warning in person.warnings)
        blocks.append(Static(warnings, id=f"status-warning-{index}", classes="status-warning", markup=False))
    return blocks


def detail_blocks(case: Case, status: CaseStatus, person: PersonStatus, index: int, *,
                  named: bool = False) -> list[Widget]:
    """Who says so and as of when, each measure in force, and what may have changed; ``named``: the details
    begin with the person's name (the sidebar shows several people's glances above them)."""
    says = says_text(case, status, person, named=named)
    blocks: list[Widget] = []
    if says is not None:
        blocks.append(Static(says, id=f"status-says-{index}", classes="status-says", markup=False))
    if person.measures:
        blocks.append(Static(Content.styled(f"In force ({len(person.measures)})", "bold"),
                             classes="status-heading", markup=False))
    for number, measure in enumerate(person.measures):
        differences = person_differences(case, person.person_id, measure.difference_ids, status)
        blocks.append(Provenance(measure_text(case, measure, differences), measure.citations,
                                 measure_message(case, measure), id=f"measure-{index}-{number}",
                                 classes="measure computed-fact" if measure.computed_end else "measure",
                                 difference_ids=differences, about=f"the {measure.label}"))
    pending = pending_text(person)
    if pending is not None:
        blocks.append(Static(pending, id=f"status-pending-{index}", classes="status-pending", markup=False))
    return blocks


def head_text(case: Case, status: CaseStatus, person: PersonStatus) -> Content:
    """The glance: the name and where the proceedings stand with the main measure in force; since when, how many
    sources and which, and how old the newest is.

    "Erlan Baltabay: CONVICTED AT FIRST INSTANCE; imprisonment, 5 months and 8 days (+2 more)" over "since
    between 16 Oct and 1 Nov 2019 (inferred): imprisonment began · 1 source: 2 IndustriALL Global Union · newest
    1 Nov 2019, about 7 years ago".
    """
    name = Content.styled(clean(person.name), "bold")
    if person.stage_words is None:
        stage = Content.styled("no stage of the proceedings recorded", "italic")
    else:
        stage = Content.styled(clean(person.stage_words).upper(), "bold")
    measures = in_display_order(person.measures)
    if measures:
        more = f" (+{len(measures) - 1} more)" if len(measures) > 1 else ""
        in_force = Content.assemble(plain(short_label(measures[0])), (more, "dim"))
    else:
        in_force = Content.styled("no measure in force", "dim")
    lines = [Content.assemble(name, ": ", stage, "; ", in_force)]
    facts: list[Content] = []
    change = person.last_change
    if change is not None:
        facts.append(Content.assemble(("since ", "dim"), plain(change_words(case, change, person.stage_words))))
    if person.source_ids:
        facts.append(sources_glance(case, person.source_ids))
    newest = person.newest_source
    if newest is not None:
        date = short_date(newest.date) if newest.dated else "undated"
        facts.append(Content.assemble(("newest ", "dim"), plain(f"{date}, {age_words(status, newest)}")))
    if facts:
        lines.append(Content(" · ").join(facts))
    return Content("\n").join(lines)


def sources_glance(case: Case, source_ids: Sequence[str]) -> Content:
    """How many sources and which, by their tabs' numbers: "3 sources: 1 4 9"; one is named: "1 source: 2 RFE/RL"."""
    numbers = {source_id: number for number, source_id in enumerate(case.sources, start=1)}
    if len(source_ids) == 1:
        [source_id] = source_ids
        source = case.sources.get(source_id)
        named = f"{numbers.get(source_id, '?')} {source.publisher if source else source_id}"
        return plain(only(named)).stylize(SINGLE_SOURCE_STYLE)
    listed = " ".join(str(numbers[s]) for s in sorted(source_ids, key=lambda s: numbers.get(s, 0)) if s in numbers)
    return Content.assemble((f"{len(source_ids)} sources: ", "dim"), plain(listed))


def says_text(case: Case, status: CaseStatus, person: PersonStatus, *, named: bool = False) -> Content | None:
    """Who says so, by name, and the newest source behind the status, its date in full and its age (None: neither)."""
    lines = [Content.styled(clean(person.name), "bold")] if named else []
    if person.source_ids:
        count = "" if len(person.source_ids) == 1 else f" ({len(person.source_ids)} sources)"
        lines.append(Content.assemble(("Says ", "dim"), says(case, person.source_ids), (count, "italic")))
    newest = person.newest_source
    if newest is not None:
        lines.append(Content.assemble(("As of ", "dim"), plain(f"{newest.source.publisher}, {newest.label}"),
                                      (" · ", "dim"), plain(age_words(status, newest))))
    return Content("\n").join(lines) if lines else None


def head_differences(case: Case, status: CaseStatus, person: PersonStatus) -> tuple[str, ...]:
    """The recorded differences about the status: about the event that set the stage, and each measure in force."""
    ids = list(person.stage_step.step.difference_ids) if person.stage_step is not None else []
    for measure in person.measures:
        ids.extend(measure.difference_ids)
    return person_differences(case, person.person_id, dict.fromkeys(ids), status)


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


def measure_text(case: Case, measure: MeasureAt, difference_ids: Sequence[str] = ()) -> Content:
    """A measure in force: what, since when, until when, on whose word, and the recorded differences about it
    (``difference_ids``: those of its person, :func:`~reader.model.watchlist.person_differences`)."""
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
    if difference_ids:
        lines.append(Content.assemble(("Sources differ: ", "dim"), differences_words(len(difference_ids))))
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
