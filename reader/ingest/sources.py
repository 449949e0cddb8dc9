"""A new source from what ``reader add`` was given: a page (saved or fetched), or a text and its metadata.

What the command line gives wins over what the page says; what neither
gives stays unknown and is listed in :attr:`Draft.missing`, so the command
can say so. A page with no date makes an undated source (``date: unknown``,
with a ``date_note`` saying so), never one dated today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.ingest.case_edit import NewSource
from reader.ingest.cleaning import clean_article, remove_unsafe
from reader.ingest.decode import decode_page
from reader.ingest.retrieve import IngestError, Retrieved
from reader.load.files import NotReadable, read_bytes
from reader.load.spec import date_problem
from reader.model.text_safety import find_unsafe

#: Largest text file accepted, as for a source text of a case.
MAX_TEXT_BYTES = 32 * 1024 * 1024
_DEFAULT_KIND = "other"


@dataclass(frozen=True)
class Given:
    """What the command line says about the source (None: not given)."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None
    language: str | None = None
    source_id: str | None = None


@dataclass
class Draft:
    """The source to add, and in words where each field came from and what was not found."""

    source: NewSource
    found: list[tuple[str, str, str]] = field(default_factory=list)  # (field, value, where from)
    missing: list[str] = field(default_factory=list)
    encoding: str | None = None


def check_date(value: str, option: str = "--date") -> str:
    """``value`` if it is a date of the format (or ``unknown``); else a usage error naming ``option``."""
    value = value.strip()
    if value != "unknown" and date_problem(value):
        raise IngestError(f"bad {option} `{value}`: {date_problem(value)}",
                          hint="write YYYY-MM-DD, YYYY-MM, YYYY or unknown")
    return value


def from_page(page: Retrieved, given: Given, *, today: dt.date | None = None) -> Draft:
    """The source a page makes: its article, cleaned, and its metadata."""
    from reader.ingest.extract import extract_article  # the slow libraries, only now

    decoded = decode_page(page.html, page.charset)
    removed: list[str] = []
    article = extract_article(remove_unsafe(decoded.text, removed), page.address, today=today)
    found: list[tuple[str, str, str]] = []
    missing: list[str] = []

    def pick(name: str, mine: str | None, theirs: str | None, where: str) -> str | None:
        if mine is not None:
            found.append((name, mine, "given"))
            return mine
        if theirs is not None:
            found.append((name, theirs, where))
            return theirs
        missing.append(name)
        return None

    title = pick("title", given.title, _safe(article.title), "the page")
    publisher = pick("publisher", given.publisher, _safe(article.publisher),
                     "the address (the page names no site)" if article.publisher_from_address else "the page")
    author = pick("author", given.author, _safe(article.author), "the page")
    date = pick("date", given.date, article.date, "the page, by htmldate")
    address = pick("address", given.url, article.address, "the page")
    language = given.language or article.language
    unknown = [name for name, value in (("title", title), ("publisher", publisher)) if value is None]
    if unknown:
        raise IngestError(f"the page does not say its {' or its '.join(unknown)}",
                          hint=f"give {' and '.join('--' + name for name in unknown)} on the command line")
    cleaned = clean_article(article.text, title=title, author=author, publisher=publisher,
                            date=date if date and date != "unknown" and len(date) == 10 else None)
    if not cleaned.text.strip():
        raise IngestError("the page's article text is empty once its menus and notices are removed",
                          hint="check that the file is the article's page; if its text is elsewhere, save it as a "
                               ".txt file and add that with --publisher and --date")
    fields: dict[str, Any] = {"title": title, "publisher": publisher, "author": author,
                              "date": date or "unknown"}
    if date is None:
        fields["date_note"] = "The page gives no publication date that reader add could find (htmldate)."
    elif given.date is None:
        fields["date_note"] = "Found by htmldate in the page's markup or address."
    fields["kind"] = given.kind or _DEFAULT_KIND
    if language:
        fields["language"] = language
    if address:
        fields["url"] = address
    fields["retrieved"] = page.retrieved.isoformat()
    cleaned.changes[:0] = [change.replace("removed", "removed from the page", 1) for change in removed]
    if decoded.replaced:
        cleaned.changes.append(f"{decoded.replaced} bytes of the page were not valid {decoded.encoding} and are "
                               "shown as � (U+FFFD)")
    source = NewSource(text=cleaned.text, fields=fields, raw=page.raw, original_suffix=page.suffix,
                       address=address, changes=cleaned.changes, source_id=given.source_id)
    return Draft(source, found, missing, decoded.encoding)


def from_text(path: Path, given: Given, *, today: dt.date | None = None) -> Draft:
    """The source a text file makes, with the metadata given (a publisher and a date at least)."""
    need = [option for option, value in (("--publisher", given.publisher), ("--date", given.date)) if value is None]
    if need:
        raise IngestError(f"a text file does not say who published it or when: give {' and '.join(need)}",
                          hint="e.g. --publisher \"Amnesty International\" --date 2024-05-02 (or --date unknown)")
    try:
        raw = read_bytes(path, limit=MAX_TEXT_BYTES, what="text")
    except NotReadable as exc:
        raise IngestError(exc.message, exc.hint) from None
    decoded = decode_page(raw)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"the text `{path.name}` is empty")
    text = text.rstrip("\n") + "\n"
    title = given.title or next(line.strip() for line in text.split("\n") if line.strip())
    assert given.publisher is not None and given.date is not None
    fields: dict[str, Any] = {"title": title, "publisher": given.publisher, "author": given.author,
                              "date": given.date, "kind": given.kind or _DEFAULT_KIND}
    found = [("title", title, "given" if given.title else "the text's first paragraph (its headline)"),
             ("publisher", given.publisher, "given"), ("date", given.date, "given")]
    missing = [] if given.author else ["author"]
    if given.language:
        fields["language"] = given.language
    if given.url:
        fields["url"] = given.url
        found.append(("address", given.url, "given"))
    fields["retrieved"] = (today or dt.date.today()).isoformat()
    changes = []
    if decoded.encoding not in {"utf-8", "utf-8-sig"}:
        changes.append(f"converted from {decoded.encoding} to UTF-8")
    source = NewSource(text=text, fields=fields, raw=raw, original_suffix=None, address=given.url,
                       changes=changes, source_id=given.source_id)
    return Draft(source, found, missing, decoded.encoding)


def _safe(value: str | None) -> str | None:
    """A metadata value without control characters or escape sequences (a title may hold them)."""
    if value is None:
        return None
    findings = [f for f in find_unsafe(value) if f.kind != "bidi"]
    for finding in reversed(findings):
        value = value[:finding.start] + " " + value[finding.end:]
    value = " ".join(value.split())
    return value or None
