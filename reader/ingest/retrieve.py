"""Getting a page's bytes: from a file saved by a browser, or from its address.

A saved page is read like any case file (a regular file only, never a pipe
or a device, up to a size limit). A page saved as one MHTML file (Chrome's
and Edge's "Webpage, Single File") is unpacked to its HTML part.

An address is fetched with the standard library, with a time limit for the
whole download (not just each read: a server that sends a byte a second
would otherwise hold the command for ever), a size limit on what comes over
the network and another on what it decompresses to, so a page compressed a
thousand to one cannot fill the memory. Every failure is an
:class:`IngestError` that says what happened in words, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader import __version__
from reader.load.files import NotReadable, read_bytes

#: The most a downloaded page may weigh, on the wire and once decompressed. A news article's
#: HTML, scripts inlined, is rarely over 2 MB.
MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
#: A saved page may be bigger: "single file" saves inline every image as text.
MAX_SAVED_BYTES = 50 * 1024 * 1024
#: Seconds the whole download may take.
TIMEOUT_SECONDS = 20.0

_USER_AGENT = f"reader/{__version__} (rights-case-reader; one page at a time, on request)"


class IngestError(Exception):
    """A page cannot be added: ``str()`` says why, ``hint`` what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Retrieved:
    """A page's bytes as they came, and what came with them."""

    raw: bytes  # exactly what was saved or downloaded (decompressed): what the original's SHA-256 is of
    html: bytes  # the HTML itself (the same bytes, or the HTML part of an MHTML file)
    charset: str | None  # the encoding the server or the MHTML part declared, if any
    address: str | None  # where it came from: the address fetched (after redirects), or the one a save recorded
    retrieved: dt.date  # when: today for a download, the file's date for a saved page
    suffix: str  # ".html" or ".mhtml": how the original is kept


def is_address(text: str) -> bool:
    """Whether the command line named an address (``http://…``, ``https://…``) rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def read_saved(path: Path) -> Retrieved:
    """A page saved by a browser: an HTML file, or an MHTML file (one file with its parts)."""
    try:
        raw = read_bytes(path, limit=MAX_SAVED_BYTES, what="page")
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
    except NotReadable as exc:
        raise IngestError(exc.message, exc.hint) from None
    except (OSError, ValueError, OverflowError):
        modified = dt.date.today()
    if not raw.strip():
        raise IngestError(f"the page `{path.name}` is empty", hint="save the page again from the browser")
    head = raw[:4096].lower()
    if path.suffix.lower() in {".mhtml", ".mht"} or (b"mime-version:" in head and b"multipart/related" in head):
        html, charset, address = _mhtml_part(raw, path.name)
        return Retrieved(raw, html, charset, address, modified, ".mhtml")
    return Retrieved(raw, raw, None, None, modified, ".html")


def _mhtml_part(raw: bytes, name: str) -> tuple[bytes, str | None, str | None]:
    """The HTML part of an MHTML file, its declared charset and the address it was saved from."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in {"text/html", "application/xhtml+xml"}:
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                location = part.get("Content-Location") or message.get("Snapshot-Content-Location")
                return payload, part.get_content_charset(), str(location) if location else None
    raise IngestError(f"the MHTML file `{name}` holds no HTML page",
                      hint="save the page again as \"Webpage, HTML only\" or \"Webpage, Single File\"")


def download(address: str, *, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_DOWNLOAD_BYTES) -> Retrieved:
    """Fetch ``address`` (http or https) within ``timeout`` seconds and ``limit`` bytes."""
    parts = urlsplit(address)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise IngestError(f"`{address}` is not a web address", hint="give an address that starts with https://")
    request = urllib.request.Request(address, headers={
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    })
    deadline = time.monotonic() + timeout
    host = parts.hostname
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = _read_within(response, deadline, limit, address)
            encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final = response.geturl() or address
    except IngestError:
        raise
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{host} answered {exc.code} {exc.reason} for {address}",
                          hint="check the address in a browser; if it needs a login, save the page from the "
                               "browser and add the saved file") from None
    except TimeoutError:
        raise _timed_out(address, timeout) from None
    except urllib.error.URLError as exc:
        raise _unreachable(address, host, exc.reason) from None
    except (ssl.SSLError, ConnectionError, OSError) as exc:
        raise _unreachable(address, host, exc) from None
    if content_type not in {"text/html", "application/xhtml+xml", "text/plain"} and \
            not content_type.endswith(("+xml", "/xml")):
        raise IngestError(f"{address} is {content_type}, not a web page",
                          hint="reader add reads web pages (HTML); for a PDF or a document, copy its text into "
                               "a .txt file and add that with --publisher and --date")
    html = _decompress(body, encoding, limit, address)
    return Retrieved(html, html, charset, final, dt.date.today(), ".html")


def _read_within(response: object, deadline: float, limit: int, address: str) -> bytes:
    """The body, read in pieces, refusing it once it passes ``limit`` or the time is up."""
    length = getattr(response, "headers", {}).get("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise _too_big(address, limit, int(length))
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _timed_out(address, None)
        # read1: at most one read from the socket. read(n) waits for all n bytes, so a server sending
        # a byte a second would keep it for hours, each byte arriving well within the socket's timeout.
        chunk = response.read1(64 * 1024)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_big(address, limit, None)
        chunks.append(chunk)


def _decompress(body: bytes, encoding: str, limit: int, address: str) -> bytes:
    """The body decompressed (gzip or deflate), and never more than ``limit`` bytes of it."""
    if encoding in {"identity", ""}:
        return body
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise IngestError(f"{address} came compressed as `{encoding}`, which reader cannot read",
                          hint="save the page from the browser and add the saved file")
    # wbits 47 reads gzip or zlib headers alike; some servers send raw deflate, tried next.
    for wbits in (47, -15):
        decompressor = zlib.decompressobj(wbits)
        try:
            out = decompressor.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit or decompressor.unconsumed_tail:
            raise IngestError(f"{address} decompresses to more than {_megabytes(limit)}: refused",
                              hint="a page that large is not an article (it may be built to fill the memory); "
                                   "save the page from the browser and add the saved file")
        return out
    raise IngestError(f"{address} came with a damaged {encoding} compression",
                      hint="try again, or save the page from the browser and add the saved file")


def _megabytes(size: int) -> str:
    return f"{size // 1_048_576} MB" if size >= 1_048_576 else f"{size // 1024} kB"


def _too_big(address: str, limit: int, size: int | None) -> IngestError:
    stated = f" ({size / 1_048_576:.1f} MB)" if size else ""
    return IngestError(f"{address} is over the {_megabytes(limit)} limit{stated}: refused",
                       hint="an article's page is much smaller; save it from the browser and add the saved file")


def _timed_out(address: str, timeout: float | None) -> IngestError:
    within = f" within {timeout:g} seconds" if timeout else " in time"
    return IngestError(f"no complete answer from {address}{within}",
                       hint="try again later, or save the page from the browser and add the saved file")


def _unreachable(address: str, host: str, reason: object) -> IngestError:
    if isinstance(reason, socket.gaierror):
        return IngestError(f"cannot look up {host}: no network, or no such host",
                           hint="check the address and the connection; a page saved from the browser needs no "
                                "network: add the saved file instead")
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(address, None)
    words = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return IngestError(f"cannot reach {host}: {words}",
                       hint="check the address and the connection, or add a page saved from the browser")
