"""Exports of a case for people and tools that do not run the reader.

``reader export`` writes the case as HTML, Markdown or plain text (the same
content: each person's status, the timeline, sources with highlights, entity
index, quotes, differences, every citation linked to its place in the text), or as data
for other tools: W3C Web Annotation JSON-LD and TimelineJS JSON. Nothing
here imports Textual. docs/export.md describes every format; the command
(its options, and writing the file safely) is :mod:`reader.cli.export`.
"""

from __future__ import annotations

import datetime as dt

from reader.model.redact import redact, role_labels
from reader.model.status import Basis
from reader.model.types import Case

#: Every format, with the file extension it is written with by default.
FORMATS: dict[str, str] = {
    "html": ".html",
    "md": ".md",
    "txt": ".txt",
    "webannotation": ".jsonld",
    "timelinejs": ".json",
}


def export(case: Case, format: str, *, today: dt.date | None = None, as_of: dt.date | None = None,
           basis: Basis = "happened", redacted: bool = False) -> str:
    """``case`` in ``format`` (a key of :data:`FORMATS`), as the text of the file.

    With ``redacted`` the names of sensitive entities are replaced by their
    role labels first (:func:`reader.model.redact.redact`); ``today`` is the
    date the status's age is counted to (default: the system's date).
    ``as_of`` and ``basis`` give the status (in HTML, Markdown and text) as
    it stood on a date, as ``reader status --as-of`` does; the data formats
    carry the whole case whatever the date.
    """
    labels = role_labels(case) if redacted else None
    if redacted:
        case = redact(case)
    if format in ("html", "md", "txt"):
        from reader.export import html, markdown, text
        from reader.export.document import build

        document = build(case, today=today, as_of=as_of, basis=basis, redaction_labels=labels)
        renderer = {"html": html.render, "md": markdown.render, "txt": text.render}[format]
        return renderer(document)
    from reader.export.jsonout import dumps

    if format == "webannotation":
        from reader.export.webannotation import web_annotations

        return dumps(web_annotations(case))
    if format == "timelinejs":
        from reader.export.timelinejs import timeline_js

        return dumps(timeline_js(case))
    raise ValueError(f"unknown export format {format!r}; known: {', '.join(FORMATS)}")
