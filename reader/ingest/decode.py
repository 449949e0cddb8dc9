"""A page's bytes as text, in the encoding the page says it is in.

The order is the one browsers follow (the WHATWG encoding sniffing
algorithm, in short): a byte order mark; the charset the server or the
MHTML part declared; a ``<meta charset>`` near the top of the page; then,
for a page that declares nothing, UTF-8 if the bytes are valid UTF-8, else
the best guess of charset_normalizer (which trafilatura brings). As browsers
do, ``iso-8859-1`` and ``us-ascii`` are read as ``windows-1252`` (its
superset, which pages labelled Latin-1 use for their curly quotes), and
``gb2312`` as ``gb18030``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers look for the meta element in the first 1,024 bytes; pages saved by some tools push it
# further down behind comments, so a little more is read.
_META = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_ALIASES = {"iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin1": "windows-1252",
            "latin-1": "windows-1252", "l1": "windows-1252", "us-ascii": "windows-1252", "ascii": "windows-1252",
            "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "x-sjis": "shift_jis",
            "unicode": "utf-16", "utf-16": "utf-16"}


@dataclass(frozen=True)
class Decoded:
    """The page as text, the encoding it was read in and how that was found."""

    text: str
    encoding: str
    found_by: str  # "byte order mark", "the server", "the page's meta charset", "UTF-8", "a guess"
    replaced: int  # bytes that were not valid in that encoding, shown as U+FFFD


def _codec(label: str | None) -> str | None:
    """The Python codec for an encoding label, or None for a label nobody knows."""
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(raw: bytes, declared: str | None = None) -> Decoded:
    """``raw`` as text (see the module's docstring for the order the encoding is looked for in)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _decoded(raw, codec, "byte order mark")
    codec = _codec(declared)
    if codec is not None and codec not in {"utf-16", "utf-16-le", "utf-16-be"}:  # without a BOM, a mislabel
        return _decoded(raw, codec, "the server")
    match = _META.search(raw[:8192])
    codec = _codec(match.group(1).decode("ascii", "replace")) if match else None
    # A page that says UTF-16 in its meta cannot be: the meta itself was read as ASCII.
    if codec is not None and not codec.startswith("utf-16"):
        return _decoded(raw, codec, "the page's meta charset")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", "UTF-8", 0)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare page that does not say its encoding

    best = from_bytes(raw[:1_000_000]).best()
    codec = _codec(best.encoding) if best is not None else None
    return _decoded(raw, codec or "windows-1252", "a guess")


def _decoded(raw: bytes, codec: str, found_by: str) -> Decoded:
    text = raw.decode(codec, errors="replace")
    replaced = text.count("\ufffd") - (raw.decode(codec, errors="ignore").count("\ufffd"))
    return Decoded(text.removeprefix("\ufeff"), codec, found_by, replaced)
