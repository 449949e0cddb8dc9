"""``reader status FOLDER``: every person of every case in a folder, one row each, as a table or JSON.

The rows, their flags and their order are worked out by
:mod:`reader.model.watchlist`, each case loaded into its rows by
:func:`reader.load.watchlist.entry_rows` (the app's watchlist screen does the
same); this module prints what comes back. A case that fails to load, or
whose status cannot be worked out, is a row with its error: the other cases
are still listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reader.cli.status_json import SCHEMA_VERSION, change_json, newest_json, term_json
from reader.cli.status_text import WARNING
from reader.load.catalog import CaseEntry
from reader.load.files import shown_path
from reader.load.watchlist import entry_rows
from reader.model.computed import date_bounds
from reader.model.status import Basis, age_phrase, describe_as_of
from reader.model.types import FuzzyDate
from reader.model.watchlist import (
    SORT_KEYS,
    Flag,
    WatchRow,
)


def watchlist_rows(entries: Sequence[CaseEntry], *, as_of: dt.date | None, basis: Basis, today: dt.date,
                   stale_after: int) -> tuple[list[WatchRow], int]:
    """The rows of every case in ``entries``, in their order, and how many cases failed to load."""
    rows: list[WatchRow] = []
    failed = 0
    for entry in entries:
        found = entry_rows(entry, as_of=as_of, basis=basis, today=today, stale_after=stale_after, parallel=True)
        failed += sum(1 for row in found if row.error is not None)
        rows.extend(found)
    return rows, failed


# --- text ------------------------------------------------------------------------------------

def render_watchlist(folder: Path, rows: Sequence[WatchRow], *, as_of: dt.date | None, basis: Basis,
                     today: dt.date, sort: str, stale_after: int) -> RenderableType:
    """The table of rows, with a heading that says what it shows, then each flag with what raised it."""
    return Group(*_parts(folder, rows, as_of=as_of, basis=basis, today=today, sort=sort, stale_after=stale_after))


def _parts(folder: Path, rows: Sequence[WatchRow], *, as_of: dt.date | None, basis: Basis, today: dt.date,
           sort: str, stale_after: int) -> Iterator[RenderableType]:
    cases = len({row.folder for row in rows})
    people = sum(1 for row in rows if row.person is not None)
    failed = sum(1 for row in rows if row.error is not None)
    title = Text(f"Watchlist: {people:,} {'person' if people == 1 else 'people'} in {cases:,} "
                 f"case{'' if cases == 1 else 's'} in {shown_path(str(folder))}", style="bold")
    if failed:
        title.append(f" ({failed:,} did not load)", style="bold red")
    yield title
    when = ("Status now" if as_of is None else
            f"Status on {describe_as_of(as_of)}" + (", as reported by then" if basis == "reported" else ""))
    yield Text(f"{when}; ages counted to {describe_as_of(today)}; stale after {stale_after:,} days; "
               f"sorted by {sort}", style="dim")
    yield Text()
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("case", no_wrap=True)
    # The status takes what the others leave; a range of dates wraps after "to" rather than squeeze it.
    table.add_column("person", min_width=8, max_width=18)
    table.add_column("status now", ratio=1, min_width=20)
    table.add_column("since", min_width=10, max_width=13)
    table.add_column("sources", justify="right", no_wrap=True)
    table.add_column("newest source", min_width=8, max_width=14)
    table.add_column("flags", min_width=13)
    for row in rows:
        table.add_row(*_cells(row))
    yield table
    flagged = [row for row in rows if row.flags]
    if flagged:
        yield Text()
        yield Text("Flags", style="bold")
        notes = Table.grid(padding=(0, 2))
        notes.add_column(no_wrap=True, style="bold")
        notes.add_column(no_wrap=True)
        notes.add_column()
        for row in flagged:
            who = row.case_id + (f" · {row.person_name}" if row.person is not None else "")
            for number, note in enumerate(row.flags):
                notes.add_row(Text("" if number else who),
                              Text(note.flag.value, style="bold red" if note.flag is Flag.ERROR else WARNING),
                              Text(note.detail))
        yield Padding(notes, (0, 0, 0, 2))


def _cells(row: WatchRow) -> list[Text]:
    if row.error is not None:
        return [Text(row.case_id), Text("—", style="dim"), Text("did not load (see Flags)", style="bold red"),
                Text(""), Text(""), Text(""), Text("error", style="bold red")]
    since = Text(short_date(row.since.date, disputed=row.since.step.disputed) if row.since else "—")
    newest = Text("no dated source" if row.age_days is None else
                  ("at most " if row.newest_source and not row.newest_source.dated else "") + age_phrase(row.age_days))
    flags = Text("\n".join(flag.value for flag in row.flag_set), style=WARNING)
    return [Text(row.case_id), Text(row.person_name), Text(row.status), since,
            Text(f"{row.source_count:,}"), newest, flags]


def short_date(date: FuzzyDate, *, disputed: bool = False) -> str:
    """A date in a narrow column: ``2019-10-16``, ``2019-08``, ``2019-10-16 to 2019-11-01``, ``not before …``."""
    if date.is_known:
        return date.text + ("?" if date.inferred else "")
    earliest, latest = date_bounds(date)
    prefix = "disputed, " if disputed else ""
    if earliest and latest:
        return f"{prefix}{earliest.isoformat()} to {latest.isoformat()}"
    if earliest:
        return f"{prefix}not before {earliest.isoformat()}"
    if latest:
        return f"{prefix}not after {latest.isoformat()}"
    return "unknown"


# --- JSON ------------------------------------------------------------------------------------

def watchlist_json(folder: Path, rows: Sequence[WatchRow], *, as_of: dt.date | None, basis: Basis,
                   today: dt.date, sort: str, stale_after: int, person_id: str | None) -> dict[str, Any]:
    """The watchlist as plain JSON data, in the shape docs/status-json.md documents."""
    return {
        "schema_version": SCHEMA_VERSION,
        "watchlist": {
            "folder": str(folder),
            "cases": len({row.folder for row in rows}),
            "people": sum(1 for row in rows if row.person is not None),
            "failed": sum(1 for row in rows if row.error is not None),
        },
        "query": {
            "as_of": as_of.isoformat() if as_of else None,
            "basis": basis,
            "today": today.isoformat(),
            "person": person_id,
            "sort": sort,
            "stale_after": stale_after,
        },
        "rows": [_row(row) for row in rows],
    }


def _row(row: WatchRow) -> dict[str, Any]:
    person = row.person
    return {
        "case": {"id": row.case_id, "title": row.case_title, "folder": row.folder.name},
        "person": None if person is None else {"id": person.person_id, "name": person.name},
        "status": row.status if person is not None else None,
        "stage": person.stage if person is not None else None,
        "stage_words": person.stage_words if person is not None else None,
        "measures": [] if person is None else [{
            "id": m.measure.id, "kind": m.measure.kind, "label": m.label, "term": term_json(m.term),
        } for m in person.measures],
        "since": change_json(row.since),
        "sources": list(row.source_ids),
        "corroboration": row.source_count,
        "newest_source": newest_json(row.newest_source),
        "age_days": row.age_days,
        "flags": [{"flag": note.flag.value, "detail": note.detail} for note in row.flags],
        "warnings": list(person.warnings) if person is not None else [],
        "error": row.error,
    }


__all__ = ["SORT_KEYS", "render_watchlist", "short_date", "watchlist_json", "watchlist_rows"]
