"""The time axis: dates drawn at their own precision, years laid out by what is dated in them, short labels."""

from __future__ import annotations

import datetime as dt

from reader.model import FuzzyDate
from reader.ui.widgets.time_axis import COARSE_CELLS, GAP_CELLS, Kind, TimeAxis, short_date

D = dt.date


def axis(*texts: str, width: int = 60) -> TimeAxis:
    return TimeAxis([FuzzyDate(text) for text in texts], width)


def test_a_month_is_drawn_as_a_span_across_its_days_and_a_day_as_one_point() -> None:
    timeline = axis("2019-03", "2019-07-17", "2019-11-01")
    month = timeline.bar(FuzzyDate("2019-07"))
    day = timeline.bar(FuzzyDate("2019-07-17"))
    assert month is not None and day is not None
    assert month.kind is Kind.MONTH and day.kind is Kind.DAY
    assert month.end - month.start + 1 >= 3  # one year over 60 cells: a month is several cells wide
    assert month.start == timeline.cell(D(2019, 7, 1)) and month.end == timeline.cell(D(2019, 7, 31))
    assert day.start == day.end and month.start <= day.start <= month.end
    assert day.text() == "●" and set(month.text()) == {"━"}


def test_a_year_is_a_capped_line_over_the_whole_year() -> None:
    timeline = axis("2015", "2019-07-17")
    bar = timeline.bar(FuzzyDate("2015"))
    assert bar is not None and bar.kind is Kind.YEAR
    assert (bar.start, bar.end) == (timeline.cell(D(2015, 1, 1)), timeline.cell(D(2015, 12, 31)))
    text = bar.text()
    assert text[0] == "├" and text[-1] == "┤" and set(text[1:-1]) == {"─"}


def test_an_unknown_date_is_drawn_between_its_bounds_and_open_where_it_has_none() -> None:
    timeline = axis("2019-06", "2019-11-01")
    both = timeline.bar(FuzzyDate("unknown", not_before="2019-06", not_after="2019-07-17"))
    assert both is not None and both.kind is Kind.BOUNDS
    assert (both.start, both.end) == (timeline.cell(D(2019, 6, 1)), timeline.cell(D(2019, 7, 17)))
    assert set(both.text()) == {"┄"}
    before = timeline.bar(FuzzyDate("unknown", not_after="2019-08"))
    assert before is not None and before.start == 0 and before.open_start and before.text()[0] == "◂"
    after = timeline.bar(FuzzyDate("unknown", not_before="2019-07-17"))
    assert after is not None and after.end == timeline.width - 1 and after.text()[-1] == "▸"
    assert timeline.bar(FuzzyDate("unknown")) is None
    assert timeline.line(FuzzyDate("unknown")) == " " * timeline.width


def test_years_with_finer_dates_get_the_room_and_empty_years_are_squeezed() -> None:
    timeline = axis("2015", "2017", "2019-03", "2019-11-01", width=60)
    stretches = timeline.stretches
    assert [(s.first.year, s.gap) for s in stretches] == [(2015, False), (2016, True), (2017, False), (2018, True),
                                                          (2019, False)]
    cells = {s.first.year: s.cells for s in stretches}
    assert cells[2015] == cells[2017] == COARSE_CELLS and cells[2016] == cells[2018] == GAP_CELLS
    assert cells[2019] == 60 - 2 * COARSE_CELLS - 2 * GAP_CELLS
    assert sum(s.cells for s in stretches) == timeline.width
    days = [D(2015, 1, 1), D(2016, 6, 1), D(2017, 12, 31), D(2019, 1, 1), D(2019, 6, 30), D(2019, 12, 31)]
    assert [timeline.cell(day) for day in days] == sorted(timeline.cell(day) for day in days)


def test_a_narrow_axis_still_fits_every_year() -> None:
    timeline = axis("2015", "2017", "2019-03", width=12)
    assert sum(s.cells for s in timeline.stretches) <= 12 + 2  # each piece gets at least one cell
    assert all(0 <= timeline.cell(D(year, 6, 1)) < 14 for year in (2015, 2017, 2019))


def test_ticks_name_the_years_and_the_months_of_a_wide_year() -> None:
    timeline = axis("2015", "2019-03", "2019-11-01", width=60)
    years, months = timeline.ticks()
    assert len(years) == len(months) == 60
    assert years.startswith("2015") and "2019" in years and "…" in years
    at = timeline.cell(D(2019, 3, 1))
    assert months[at] == "M"
    # A label that does not fit is left out rather than cut.
    assert axis("2015", width=3).ticks() == ("   ", "   ")


def test_an_axis_with_nothing_dated_draws_nothing() -> None:
    timeline = axis("unknown", "unknown")
    assert timeline.empty and timeline.bar(FuzzyDate("2019")) is None


def test_short_dates_keep_the_precision() -> None:
    assert short_date(FuzzyDate("2019-07-17")) == "17 Jul 2019"
    assert short_date(FuzzyDate("2019-07")) == "Jul 2019"
    assert short_date(FuzzyDate("2019")) == "2019"
    assert short_date(FuzzyDate("unknown")) == "unknown"
    assert short_date(FuzzyDate("unknown", not_after="2019-08")) == "≤ Aug 2019"
    assert short_date(FuzzyDate("unknown", not_before="2019-07-17")) == "≥ 17 Jul 2019"
    both = FuzzyDate("unknown", not_before="2019-10-16", not_after="2019-11-01")
    assert short_date(both) == "16 Oct–1 Nov 2019"
    assert short_date(both, words=True) == "between 16 Oct and 1 Nov 2019"
    assert short_date(FuzzyDate("unknown", not_before="2018-12", not_after="2019-02")) == "Dec 2018–Feb 2019"
