"""Dates in few cells: "17 Jul 2019", "Jul 2019", "2019", "≥ Aug 2019".

The one home of the compact date the tables, the tabs and the pane titles
show (the words of :meth:`reader.model.types.FuzzyDate.display` are for
where there is room).
"""

from __future__ import annotations

import datetime as dt

from reader.model.types import MONTH_ABBREVIATIONS, FuzzyDate, Precision


def _short(day: dt.date, precision: Precision, *, year: bool = True) -> str:
    month = MONTH_ABBREVIATIONS[day.month - 1]
    text = {Precision.DAY: f"{day.day} {month}", Precision.MONTH: month}.get(precision, "")
    return f"{text} {day.year}".strip() if year else text


def short_date(date: FuzzyDate, *, words: bool = False) -> str:
    """A date in few cells at its own precision: "17 Jul 2019", "Jul 2019", "2019", "≤ Aug 2019", "unknown".

    An unknown date with bounds shows them: ``≥`` not before, ``≤`` not
    after, ``a–b`` both; with ``words``, "not before", "not after" and
    "between a and b" instead. Whether the date is inferred is left to the
    caller to show.
    """
    if date.is_known:
        first = date.earliest()
        assert first is not None
        return _short(first, date.precision)
    before = FuzzyDate(date.not_before) if date.not_before else None
    after = FuzzyDate(date.not_after) if date.not_after else None
    if before and after:
        low, high = before.earliest(), after.latest()
        assert low is not None and high is not None
        same_year = low.year == high.year and before.precision is not Precision.YEAR
        low_text, high_text = _short(low, before.precision, year=not same_year), _short(high, after.precision)
        return f"between {low_text} and {high_text}" if words else f"{low_text}–{high_text}"
    if before:
        low = before.earliest()
        assert low is not None
        return f"{'not before' if words else '≥'} {_short(low, before.precision)}"
    if after:
        high = after.latest()
        assert high is not None
        return f"{'not after' if words else '≤'} {_short(high, after.precision)}"
    return "date unknown" if words else "unknown"
