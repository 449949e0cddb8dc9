"""How a source is named in few cells: the one home of the reader's "source label" words.

A source is known by its number (its place in the case, as the ``1``-``9``
keys count), its publisher's **short name** and, when one publisher gives
the case several sources, what tells them apart: the date, and ``#2`` where
even the dates are the same. The pane titles, the tabs and the views'
columns all name sources with :func:`source_labels`, so "3 HKFP 21 Sep
2016" means the same source everywhere.

The short name is the source's ``short`` field when the case gives one
(``short: HKFP``); else a publisher's name of up to :data:`SHORT_UP_TO`
characters is its own short name, and a longer one is shortened to the
initials of its capitalised words ("The Organization for World Peace":
"OWP"; "South China Morning Post": "SCMP"). Two publishers whose short
names would be the same keep their full names, so a short name never
stands for two publishers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from reader.model.dates import short_date
from reader.model.types import MAX_SHORT_CHARS, Source

#: A publisher's name up to this many characters is its own short name.
SHORT_UP_TO = 12
#: Words left out of the initials at the start of a name ("The Guardian": not "TG").
_ARTICLES = {"the", "a", "an"}
_WORDS = re.compile(r"[^\s\-–—/]+")


def one_line(text: str) -> str:
    """``text`` with its runs of white space (new lines too) made single spaces."""
    return " ".join(text.split())


def derived_short(publisher: str) -> str:
    """The short name made from a publisher's name: itself when short, else its capitalised words' initials.

    A long name with fewer than two capitalised words keeps its whole name:
    one letter names nothing.
    """
    name = one_line(publisher)
    if len(name) <= SHORT_UP_TO:
        return name
    words = _WORDS.findall(name)
    if len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]
    initials = "".join(word[0] for word in words if word[0].isupper() or word[0].isdigit())
    return initials if len(initials) >= 2 else name


def short_publisher(source: Source) -> str:
    """The source's publisher in few letters: its ``short`` field, or :func:`derived_short`."""
    return one_line(source.short) if source.short and source.short.strip() else derived_short(source.publisher)


def source_date(source: Source) -> str:
    """The source's date in few cells: "12 Mar 2019", "Mar 2019", "undated", "undated, ≥ 27 Feb 2021"."""
    date = source.date
    if date.is_known:
        return short_date(date)
    bounds = short_date(date)
    return "undated" if bounds == "unknown" else f"undated, {bounds}"


@dataclass(frozen=True)
class SourceLabel:
    """The words that name one source: its number, its publisher (in full and short), its date, what tells it apart."""

    number: int
    publisher: str
    short: str
    date: str
    #: Whether the date was worked out rather than printed (shown in italics).
    date_inferred: bool
    #: "" when the publisher gives the case no other source; else the date, and "#2" where dates tie.
    tell: str
    #: ``#2`` when another source of the publisher has the same date ("" otherwise): titles show the date anyway.
    tie: str
    author: str | None

    @property
    def name(self) -> str:
        """The short name and what tells the source apart from its publisher's others: "HKFP 21 Sep 2016"."""
        return f"{self.short} {self.tell}" if self.tell else self.short

    @property
    def numbered(self) -> str:
        """The name after the source's number, as the tabs and the views' columns show it: "3 HKFP 21 Sep 2016"."""
        return f"{self.number} {self.name}"

    @property
    def dated(self) -> str:
        """The number, short name and date, as the active source's tab shows it: "1 OWP · 18 Jul 2019"."""
        return f"{self.number} " + " · ".join(self.heading(full=False, author=False))

    def heading(self, *, full: bool, author: bool) -> tuple[str, ...]:
        """A pane title's parts: the publisher (in full or short, with any ``#2``), the date, and the author.

        The date is always there; the caller picks the longest heading that fits.
        """
        who = f"{self.publisher if full else self.short}{' ' + self.tie if self.tie else ''}"
        return (who, self.date, self.author) if author and self.author else (who, self.date)

    def headings(self) -> list[tuple[str, ...]]:
        """Every heading, longest first: full name with author, full name, short name with author, short name."""
        found: list[tuple[str, ...]] = []
        for full, author in ((True, True), (True, False), (False, True), (False, False)):
            parts = self.heading(full=full, author=author)
            if parts not in found:
                found.append(parts)
        return found


def source_labels(sources: Mapping[str, Source]) -> dict[str, SourceLabel]:
    """Each source's label, by source id, numbered in the case's order (see the module's docstring)."""
    listed = list(sources.values())
    shorts = {source.id: short_publisher(source) for source in listed}
    # A short name two publishers would share is no name at all: those keep their full names.
    publishers_of: dict[str, set[str]] = {}
    for source in listed:
        publishers_of.setdefault(shorts[source.id].casefold(), set()).add(one_line(source.publisher))
    for source in listed:
        if len(publishers_of[shorts[source.id].casefold()]) > 1:
            shorts[source.id] = one_line(source.publisher)
    by_publisher = Counter(one_line(source.publisher) for source in listed)
    dates = {source.id: source_date(source) for source in listed}
    # What tells a publisher's sources apart is short: an undated one is "undated", its bounds left to its title.
    told = {source.id: short_date(source.date) if source.date.is_known else "undated" for source in listed}
    same_day = Counter((one_line(source.publisher), told[source.id]) for source in listed)
    seen: Counter[tuple[str, str]] = Counter()
    labels = {}
    for number, source in enumerate(listed, start=1):
        publisher = one_line(source.publisher)
        key = (publisher, told[source.id])
        seen[key] += 1
        tie = f"#{seen[key]}" if same_day[key] > 1 else ""
        tell = "" if by_publisher[publisher] == 1 else f"{told[source.id]} {tie}".strip()
        labels[source.id] = SourceLabel(
            number=number, publisher=publisher, short=shorts[source.id], date=dates[source.id],
            date_inferred=source.date.inferred, tell=tell, tie=tie,
            author=one_line(source.author) if source.author and source.author.strip() else None)
    return labels


def numbers_text(numbers: list[int]) -> str:
    """Source numbers, runs of three or more as ranges: [1, 2, 3, 4, 7, 9, 10] gives "1–4,7,9,10"."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - index >= 2:
            parts.append(f"{ordered[index]}–{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[index:end + 1])
        index = end + 1
    return ",".join(parts)


__all__ = ["MAX_SHORT_CHARS", "SHORT_UP_TO", "SourceLabel", "derived_short", "numbers_text", "one_line",
           "short_publisher", "source_date", "source_labels"]
