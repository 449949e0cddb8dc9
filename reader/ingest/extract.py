"""The article in a page, and what the page says about it: title, author, date, publisher, address.

trafilatura finds the article's text and its metadata; htmldate, the date.
Both are imported here, inside :func:`extract_article`, and nowhere else:
they take a good part of a second to import, and only ``reader add`` needs
them (a test holds ``reader check`` and the app to that).

The date is asked of htmldate without its *extensive search*: that search
guesses from any date-like text on the page (a copyright year, a date in a
sidebar) and would turn a page that gives no date into one dated the first
of January of some year. What the markup, the structured data or the
address say is a date the page gives; without one, the source is undated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.ingest.retrieve import IngestError

#: A page bigger than this is not parsed: a news page is well under it, and parsing costs memory.
MAX_HTML_CHARS = 20_000_000
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """What was found in a page; None where the page does not say."""

    text: str  # the article's paragraphs, one a line, as trafilatura gives them
    title: str | None
    author: str | None
    date: str | None  # YYYY-MM-DD
    publisher: str | None
    publisher_from_address: bool  # the page names no site: the publisher is the address's host
    address: str | None  # the canonical address the page gives, else the one it was fetched from
    language: str | None


def extract_article(html: str, address: str | None, *, today: dt.date | None = None) -> Article:
    """The article of ``html`` and its metadata.

    Raises:
        IngestError: the page holds no article text trafilatura can find.
    """
    if len(html) > MAX_HTML_CHARS:
        raise IngestError(f"the page is {len(html):,} characters long, over the {MAX_HTML_CHARS:,} that are read",
                          hint="save the page as \"Webpage, HTML only\", without the images inlined")
    import htmldate  # slow imports, for this command only (see the module's docstring)
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=address, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(document, "text", None) or ""
    if document is None or not text.strip():
        raise IngestError("no article text found in the page",
                          hint="check that the file is the article's page (not a list of articles or a login "
                               "page); if its text is elsewhere, save it as a .txt file and add that with "
                               "--publisher and --date")
    today = today or dt.date.today()
    date = htmldate.find_date(html, extensive_search=False, original_date=True, url=address,
                              outputformat="%Y-%m-%d", max_date=today.isoformat())
    canonical = _web_address(getattr(document, "url", None)) or _web_address(address)
    site = _nonblank(getattr(document, "sitename", None))
    host = urlsplit(canonical).hostname if canonical else None
    publisher = site or (host.removeprefix("www.") if host else None)
    language = _nonblank(getattr(document, "language", None))
    if language is None:
        match = _LANG.search(html[:20_000])
        language = match.group(1) if match else None
    return Article(
        text=text,
        title=_nonblank(getattr(document, "title", None)),
        author=_nonblank(getattr(document, "author", None)),
        date=date if isinstance(date, str) and date else None,
        publisher=publisher,
        publisher_from_address=site is None and publisher is not None,
        address=canonical,
        language=language,
    )


def _nonblank(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _web_address(value: object) -> str | None:
    """``value`` if it is an http(s) address (a saved page's own address is a file path, or nothing)."""
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")) and urlsplit(value).hostname:
        return value.strip()
    return None
