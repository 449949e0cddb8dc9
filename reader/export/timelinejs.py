r"""The timeline as TimelineJS3 JSON: one slide per event, dates at the precision the sources give.

A date object carries ``year``, and ``month`` and ``day`` only when the
case knows them: ``2019-07`` gives ``{"year": 2019, "month": 7}``, never a
made-up day. Each slide's ``display_date`` is the date in words, with
"(inferred)" when the case marks it so.

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
they stand; the event's summary (the ``headline``), the status and the notes
are the annotator's words and never are.

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


def _slide(case: Case, event: Event, state_after: str | None, sets_status: bool) -> dict[str, Any] | None:
    placement = _placement(event.date)
    if placement is None:
        return None
    start, end = placement
    publishers = ", ".join(case.sources[s].publisher if s in case.sources else s for s in event.source_ids)
    lines = []
    if state_after:
        lines.append(f"<p>Status after it: <b>{_h(state_after)}</b>{'' if sets_status else ' (unchanged)'}</p>")
    lines.append(f"<p>Reported by {_h(publishers)}{' (single source)' if len(event.source_ids) == 1 else ''}.</p>")
    if event.date.note:
        lines.append(f"<p><i>Date: {_h(event.date.note)}</i></p>")
    lines.extend(_quote(case, citation) for citation in event.citations)
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "display_date": event.date.display(),
        "text": {"headline": _h(event.summary), "text": "".join(lines)},
        "group": "status changes" if sets_status else "events",
        "autolink": False,  # addresses in the case are text, never links (see the module's docstring)
    }
    if end is not None:
        slide["end_date"] = end
    return slide


def timeline_js(case: Case) -> dict[str, Any]:
    """The case's timeline as TimelineJS3 JSON data (``title``, ``events``, ``scale``)."""
    events = []
    unplaced = []
    for step in timeline(case):
        slide = _slide(case, step.event, step.status.state if step.status else None, step.sets_status)
        if slide is None:
            unplaced.append(step.event)
        else:
            events.append(slide)
    text = f"<p>{_h(case.summary)}</p>" if case.summary else ""
    text += "<p>Every event comes from a quoted passage of a source; dates are given only as precisely as " \
            "the sources give them.</p>"
    if unplaced:
        text += "<p>Not on the time axis (no source gives a date, not even a bound):</p><ul>" + "".join(
            f"<li>{_h(event.summary)}</li>" for event in unplaced) + "</ul>"
    return {
        "title": {"unique_id": f"{case.id}-title", "text": {"headline": _h(case.title), "text": text},
                  "autolink": False},
        "events": events,
        "scale": "human",
    }
