"""A folder of cases as a watchlist: one row per person per case, with flags, sortable.

An organisation follows many people. ``reader status FOLDER`` (and the app's
watchlist screen) show one row for each subject of each case in a folder:
the status now in a few words, since when, on how many sources, how old the
newest source about that person is, and flags that say where to look first.
Everything here is worked out from a :class:`~reader.model.status.CaseStatus`
and its case; nothing is stored, and nothing here reads files: the caller
loads each case (a case that fails to load becomes a row with its error,
:func:`failed_row`) and hands the statuses to :func:`case_rows`.

The per-person facts are also what ``reader status CASE`` puts in the first
lines of each person's block. Two of them are the person's status's own
(:class:`~reader.model.status.PersonStatus`), shown alike by every view:
**since when** (``last_change``: the latest of the stage's event, each
measure in force beginning, each counted change to its length or amount,
each measure ending) and **the newest source behind the status**
(``newest_source``: of the sources the stage and the measures in force rest
on, by the same rule as the case's freshness). Defined here:

- **the status in a few words** (:func:`short_status`): the stage of the
  proceedings, then each measure in force;
- **the differences about a person** (:func:`person_differences`): the
  recorded differences about the events behind their status, less those that
  name only other subjects (a difference about one defendant's hours is not
  about the co-defendant sentenced by the same decision);
- **flags** (:class:`Flag`): the status rests on a single source; something
  it rests on is disputed (a recorded difference, or a date the sources give
  differently); the computed end of a measure in force has passed (or may
  have) with no source saying what happened; no source about the person for
  more than ``stale_after`` days (or none dated at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reader.model.across import only
from reader.model.proceedings import measure_label
from reader.model.status import CaseStatus, MeasureAt, PersonStatus, SourceDate, Standing, StatusChange, StepAt
from reader.model.types import Case
from reader.model.vocabulary import CUSTODIAL_MEASURES, MEASURE_KINDS

#: How many days without a source about a person before the watchlist flags them (``--stale-after``).
DEFAULT_STALE_AFTER = 365

#: The orders a watchlist can be sorted in, each with what it means (``--sort``).
SORT_KEYS = {
    "case": "by case, then the people in the case's order (the default)",
    "person": "by the person's name",
    "since": "the status that has stood longest first",
    "age": "the person with the oldest news first",
    "flags": "the most serious flags first (an error, an end passed, a single source…)",
}


class Flag(StrEnum):
    """Why a row of the watchlist deserves a look, in the order a reader should care."""

    ERROR = "error"  # the case did not load
    END_PASSED = "end passed"  # a measure in force would have ended; no source says what happened
    END_MAY_HAVE_PASSED = "end may have passed"
    SINGLE_SOURCE = "single source"
    DISPUTED = "disputed"
    STALE = "stale"  # no source about the person for more than stale_after days (or none dated)


@dataclass(frozen=True)
class FlagNote:
    """A flag with what raised it, in words: ``single source`` — "fine, amount not given: only IndustriALL"."""

    flag: Flag
    detail: str


@dataclass(frozen=True)
class WatchRow:
    """One row of the watchlist: one person of one case, or a case that could not be loaded.

    ``error`` is set, and ``person`` is None, for a case that did not load
    (or whose status could not be worked out); the other fields are then
    empty.
    """

    folder: Path
    case_id: str  # the folder's name when the case did not load
    case_title: str
    order: int = 0  # the person's place among the case's subjects
    person: PersonStatus | None = None
    status: str = ""  # the status in a few words
    since: StatusChange | None = None
    source_ids: tuple[str, ...] = ()  # the sources behind the status now
    newest_source: SourceDate | None = None  # the newest source behind the status (PersonStatus.newest_source)
    age_days: int | None = None  # today − the newest source's day
    flags: tuple[FlagNote, ...] = ()
    error: str | None = None

    @property
    def person_id(self) -> str | None:
        return self.person.person_id if self.person else None

    @property
    def person_name(self) -> str:
        return self.person.name if self.person else ""

    @property
    def source_count(self) -> int:
        """How many distinct sources the status now rests on."""
        return len(self.source_ids)

    @property
    def flag_set(self) -> tuple[Flag, ...]:
        """Each flag once, in :class:`Flag` order."""
        raised = {note.flag for note in self.flags}
        return tuple(flag for flag in Flag if flag in raised)


# --- one person's status, in the few facts a row (and the head of a status block) shows -----------

def short_label(measure: MeasureAt) -> str:
    """A measure in a few words, leaving out "length not given": "imprisonment, 5 months and 8 days", "fine"."""
    if measure.term is None and measure.amount is None and measure.measure.kind != "other":
        return MEASURE_KINDS.get(measure.measure.kind, measure.measure.kind)  # an "other" is named by its summary
    return measure_label(measure.measure, measure.term, measure.amount)


def in_display_order(measures: Iterable[MeasureAt]) -> list[MeasureAt]:
    """Measures that hold the person (prison, detention, house arrest) first, the rest as imposed."""
    return sorted(measures, key=lambda m: m.measure.kind not in CUSTODIAL_MEASURES)


def short_status(person: PersonStatus) -> str:
    """The status in a few words: the stage, then each measure in force ("nothing recorded" when neither)."""
    parts = [person.stage_words] if person.stage_words else []
    parts.extend(short_label(m) for m in in_display_order(person.measures))
    if not parts:
        return "nothing recorded"
    if not person.stage_words:
        parts.insert(0, "no stage recorded")
    return "; ".join(parts)


def person_differences(case: Case, person_id: str, difference_ids: Iterable[str],
                       status: CaseStatus | None = None) -> tuple[str, ...]:
    """The ``difference_ids`` that may concern ``person_id`` on the date ``status`` is of.

    Left out: a difference naming only other subjects, and (given the
    ``status``) one about events none of which had happened (or been
    reported) by then: a ruling's disputed weekday is no difference about a
    prison term on a date before the ruling; and one that the sources that
    count do not show (for ``basis="reported"``, a difference with a source
    not yet published: :attr:`CaseStatus.unseen_differences`).
    """
    by_id = {d.id: d for d in case.differences}
    subjects = set(case.subject_ids)
    not_yet = ({s.step.event.id for s in status.steps if s.standing is Standing.NOT_YET}
               if status is not None else set())
    kept = []
    for difference_id in dict.fromkeys(difference_ids):
        difference = by_id.get(difference_id)
        named = set(difference.entity_ids) & subjects if difference is not None else set()
        if named and person_id not in named:
            continue
        if difference is not None and difference.event_ids and set(difference.event_ids) <= not_yet:
            continue
        if status is not None and difference_id in status.unseen_differences:
            continue
        kept.append(difference_id)
    return tuple(kept)


def person_flags(case: Case, status: CaseStatus, person: PersonStatus, *, stale_after: int = DEFAULT_STALE_AFTER,
                 newest: SourceDate | None = None) -> tuple[FlagNote, ...]:
    """The flags of one person's status (see the module docstring), each with what raised it."""
    notes: list[FlagNote] = []
    reference = person.reference
    for measure in person.measures:
        passed = measure.end_passed(reference)
        warning = measure.warning(reference)
        if warning and passed:
            notes.append(FlagNote(Flag.END_PASSED, warning))
        elif warning:
            notes.append(FlagNote(Flag.END_MAY_HAVE_PASSED, warning))
    publishers = {s.source.id: s.source.publisher for s in status.sources}
    stage = person.stage_step
    if stage is not None and stage.single_source:
        notes.append(FlagNote(Flag.SINGLE_SOURCE, f"{person.stage_words}: "
                                                  f"{only(publishers.get(stage.source_ids[0], stage.source_ids[0]))}"))
    for measure in person.measures:
        if measure.single_source:
            source = publishers.get(measure.source_ids[0], measure.source_ids[0])
            notes.append(FlagNote(Flag.SINGLE_SOURCE, f"{measure.label}: {only(source)}"))
    notes.extend(FlagNote(Flag.DISPUTED, detail) for detail in _disputes(case, status, person))
    if newest is None:
        notes.append(FlagNote(Flag.STALE, "no source behind this person's status is dated"))
    else:
        age = (status.today - newest.freshness_day).days if newest.freshness_day else None
        if age is not None and age > stale_after:
            notes.append(FlagNote(Flag.STALE, f"no source for {age:,} days (more than {stale_after:,}); "
                                              f"the newest: {newest.source.publisher}, {newest.label}"))
    return tuple(notes)


def _disputes(case: Case, status: CaseStatus, person: PersonStatus) -> list[str]:
    """What the person's status rests on that the sources dispute, in words, each once."""
    steps: list[StepAt] = []
    differences: list[str] = []
    if person.stage_step is not None:
        steps.append(person.stage_step)
        differences.extend(person.stage_step.step.difference_ids)
    for measure in person.measures:
        steps.append(measure.imposed)
        steps.extend(change.step for change in measure.changes)
        differences.extend(measure.difference_ids)
    found = [f"the date of `{step.step.event.id}`" for step in steps if step.disputed]
    found.extend(f"difference `{d}`" for d in person_differences(case, person.person_id, differences, status))
    return list(dict.fromkeys(found))


# --- rows ------------------------------------------------------------------------------------------

def case_rows(folder: Path, case: Case, status: CaseStatus, *,
              stale_after: int = DEFAULT_STALE_AFTER) -> list[WatchRow]:
    """One row for each subject of ``case``, from its ``status``, in the case's order."""
    rows = []
    for order, person in enumerate(status.people):
        newest = person.newest_source
        freshness = newest.freshness_day if newest else None
        rows.append(WatchRow(
            folder=folder,
            case_id=case.id,
            case_title=case.title,
            order=order,
            person=person,
            status=short_status(person),
            since=person.last_change,
            source_ids=person.source_ids,
            newest_source=newest,
            age_days=(status.today - freshness).days if freshness else None,
            flags=person_flags(case, status, person, stale_after=stale_after, newest=newest),
        ))
    return rows


def failed_row(folder: Path, error: str, title: str | None = None) -> WatchRow:
    """The row of a case that could not be loaded (or its status worked out): its folder and the error."""
    return WatchRow(folder=folder, case_id=folder.name, case_title=title or folder.name,
                    flags=(FlagNote(Flag.ERROR, error),), error=error)


def sort_rows(rows: Sequence[WatchRow], key: str = "case") -> list[WatchRow]:
    """The rows in the order ``key`` names (one of :data:`SORT_KEYS`).

    Rows of cases that failed to load have no person or status to sort by:
    they come first in every order but ``case``, where they take their place
    by the case's title (or folder name). Every order ends on the case and
    the person's place in it, so equal rows keep a stable order.
    """
    if key not in SORT_KEYS:
        raise ValueError(f"sort by one of {', '.join(SORT_KEYS)}, not {key!r}")

    def by_case(row: WatchRow) -> tuple[str, str, int]:
        return row.case_title.casefold(), str(row.folder), row.order

    def order(row: WatchRow) -> tuple:
        failed = row.error is not None
        if key == "case":
            return by_case(row)
        if key == "person":
            return not failed, row.person_name.casefold(), *by_case(row)
        if key == "since":
            since = (row.since.earliest or dt.date.min, row.since.latest or row.since.earliest or dt.date.min) \
                if row.since else (dt.date.max, dt.date.max)
            return not failed, since, *by_case(row)
        if key == "age":
            # The oldest news first; a person with no dated source at all is the least known of all.
            age = row.age_days if row.age_days is not None else 10**9
            return not failed, -age, *by_case(row)
        weight = sum(1 << (len(Flag) - list(Flag).index(flag)) for flag in row.flag_set)
        return -weight, *by_case(row)

    return sorted(rows, key=order)


__all__ = [
    "DEFAULT_STALE_AFTER",
    "SORT_KEYS",
    "Flag",
    "FlagNote",
    "StatusChange",
    "WatchRow",
    "case_rows",
    "failed_row",
    "in_display_order",
    "person_differences",
    "person_flags",
    "short_label",
    "short_status",
    "sort_rows",
]
