r"""The timeline as TimelineJS3 JSON: one slide per event, dates at the precision the sources give.

A date object carries ``year``, and ``month`` and ``day`` only when the
case knows them: ``2019-07`` gives ``{"year": 2019, "month": 7}``, never a
made-up day. Each slide's ``display_date`` is the date in words, with
"(inferred)" when the case marks it so.

Each slide's ``text`` says whose the event is (its people, or the case as a
whole; the slide's ``group`` is the same words, so TimelineJS gives each
person a row) and what it does, person by person (the stage it moves the
proceedings to, each measure imposed, each change: "Asel Nurova:
imprisonment, 2 years: reduced to 1 year"). An event whose date the
sources dispute has one slide per date, at that date, its ``unique_id``
``<event>--date-<n>``, its ``headline`` marked "(disputed date, given by
<publisher>)" and its ``text`` listing the other dates with who gives them,
then that date's passages.

An event whose date is unknown:

- with bounds (``not_before``/``not_after``) becomes a span from one bound
  to the other, each at its own precision, shown as "date unknown (not
  before …, not after …)"; with one bound only, the slide sits at that
  bound and its ``display_date`` says which bound it is;
- with no bound cannot be placed on a time axis: it is left out of
  ``events`` and listed on the title slide, so nothing is silently lost
  and no date is invented.

TimelineJS shows ``headline`` and ``text`` as HTML, so every string from the
case is HTML-escaped (and its control characters made visible) here.

Only a source's exact words (taken from its text, not the quote as typed)
are set as a quotation, a ``<blockquote>`` in curly quotes with the place
they stand; the event's summary (the ``headline``), what it does and the
notes are the annotator's words (or the reader's) and never are.

Addresses stay text, as in every export. TimelineJS3 turns addresses in a
slide's ``text`` into links unless the slide says ``"autolink": false``
(Slide.js defaults it to true; Text.js runs ``linkify`` from Util.js). Every
slide says so, and, for a TimelineJS that ignores it, the characters its
three patterns need are written as HTML character references, which the
patterns (run on the HTML string) do not match and the browser shows as the
characters themselves:

- ``\b(?:https?|ftp)://…`` needs ``://``: its ``:`` is written ``&#58;``;
- ``(^|[^/>])(www\.\S+…)`` needs ``www.`` (any case): its ``.`` is ``&#46;``;
- ``[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.…`` needs ``@``: every ``@`` is ``&#64;``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.export.inlines import claim_words, names, whose
from reader.model.across import only
from reader.model.proceedings import effects, person_name, publishers
from reader.model.status import timeline
from reader.model.text_safety import clean
from reader.model.types import Case, Citation, Event, FuzzyDate

_SCHEME_COLON = re.compile(r":(?=//)")
_WWW_DOT = re.compile(r"(?<=www)\.", re.IGNORECASE)


def _h(text: str) -> str:
    """``text`` as HTML for a slide: escaped, controls made visible, addresses unlinkable (see above)."""
    escaped = html.escape(clean(text), quote=True)
    escaped = _SCHEME_COLON.sub("&#58;", escaped)
    escaped = _WWW_DOT.sub("&#46;", escaped)
    return escaped.replace("@", "&#64;")


def date_object(date: FuzzyDate) -> dict[str, Any]:
    """A TimelineJS date object for a known date: only the parts the date states."""
    parts = [int(piece) for piece in date.text.split("-")]
    found: dict[str, Any] = {"year": parts[0]}
    if len(parts) > 1:
        found["month"] = parts[1]
    if len(parts) > 2:
        found["day"] = parts[2]
    return found


def _placement(date: FuzzyDate) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The slide's start and end date objects, or None when the event cannot be placed."""
    if date.is_known:
        return date_object(date), None
    if date.not_before and date.not_after:
        return date_object(FuzzyDate(date.not_before)), date_object(FuzzyDate(date.not_after))
    bound = date.not_before or date.not_after
    if bound:
        return date_object(FuzzyDate(bound)), None
    return None


def _quote(case: Case, citation: Citation) -> str:
    """A cited passage: the source's exact words as a quotation, or (not found) the annotator's, unquoted."""
    source = case.sources.get(citation.source_id)
    if source is None or citation.span is None:  # a case that loads without errors has none
        return f"<p><i>{_h(citation.quote)} (not found in {_h(citation.source_id)})</i></p>"
    line, column = source.line_col(citation.span.start)
    words = source.text[citation.span.start:citation.span.end]
    return f"<blockquote>“{_h(words)}” ({_h(f'{source.publisher}, {citation.source_id} {line}:{column}')})</blockquote>"


def _slide(case: Case, event: Event, date: FuzzyDate, *, unique_id: str, headline: str,
           about_date: list[str], citations: list[Citation]) -> dict[str, Any] | None:
    """One slide of ``event`` at ``date`` (its own, or one source's date of a disputed one)."""
    placement = _placement(date)
    if placement is None:
        return None
    start, end = placement
    lines = [f"<p>Whose: {_h(whose(case, event))}</p>"]
    done = effects(case, event)
    if done:
        lines.append("<ul>" + "".join(f"<li>{_h(person_name(case, effect.person_id))}: {_h(effect.text)}</li>"
                                      for effect in done) + "</ul>")
    lines.extend(about_date)
    reporters = publishers(case, event.source_ids)
    lines.append(f"<p>Reported by {_h(only(reporters) if len(event.source_ids) == 1 else reporters)}.</p>")
    if event.date.note:
        lines.append(f"<p><i>Date: {_h(event.date.note)}</i></p>")
    lines.extend(_quote(case, citation) for citation in citations)
    slide: dict[str, Any] = {
        "unique_id": unique_id,
        "start_date": start,
        "display_date": date.display() + (" (disputed)" if event.disputed else ""),
        "text": {"headline": headline, "text": "".join(lines)},
        "group": whose(case, event),
        "autolink": False,  # addresses in the case are text, never links (see the module's docstring)
    }
    if end is not None:
        slide["end_date"] = end
    return slide


def _slides(case: Case, event: Event) -> tuple[list[dict[str, Any]], list[str]]:
    """The event's slides, and what of it cannot be placed on the time axis (as HTML list items' text).

    A disputed event has one slide per date, its headline saying who gives that date.
    """
    if not event.disputed:
        slide = _slide(case, event, event.date, unique_id=event.id, headline=_h(event.summary), about_date=[],
                       citations=event.citations)
        return ([slide], []) if slide is not None else ([], [_h(event.summary)])
    slides, unplaced = [], []
    for index, claim in enumerate(event.dates, 1):
        giver = publishers(case, claim.source_ids)
        others = "; ".join(claim_words(case, other) for other in event.dates if other is not claim)
        about = [f"<p>The sources dispute the date of this event. This slide is at the date {_h(giver)} gives, "
                 f"{_h(claim.date.display())}; the other dates: {_h(others)}.</p>"]
        if claim.date.note:
            about.append(f"<p><i>Date ({_h(claim.date.display())}): {_h(claim.date.note)}</i></p>")
        about.extend(_quote(case, citation) for citation in claim.citations)
        slide = _slide(case, event, claim.date, unique_id=f"{event.id}--date-{index}",
                       headline=f"{_h(event.summary)} (disputed date, given by {_h(giver)})", about_date=about,
                       citations=event.citations)
        if slide is None:
            unplaced.append(f"{_h(event.summary)} (the date {_h(giver)} gives)")
        else:
            slides.append(slide)
    return slides, unplaced


def timeline_js(case: Case) -> dict[str, Any]:
    """The case's timeline as TimelineJS3 JSON data (``title``, ``events``, ``scale``)."""
    events: list[dict[str, Any]] = []
    unplaced: list[str] = []
    for step in timeline(case):
        slides, left_out = _slides(case, step.event)
        events.extend(slides)
        unplaced.extend(left_out)
    text = f"<p>{_h(case.summary)}</p>" if case.summary else ""
    if case.subject_ids:
        text += f"<p>Following: {_h(names(case, case.subject_ids))}.</p>"
    text += "<p>Every event comes from a quoted passage of a source; dates are given only as precisely as " \
            "the sources give them.</p>"
    if unplaced:
        text += "<p>Not on the time axis (no source gives a date, not even a bound):</p><ul>" + "".join(
            f"<li>{item}</li>" for item in unplaced) + "</ul>"
    return {
        "title": {"unique_id": f"{case.id}-title", "text": {"headline": _h(case.title), "text": text},
                  "autolink": False},
        "events": events,
        "scale": "human",
    }
