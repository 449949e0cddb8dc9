"""Text safety, its one home: the characters that must never reach the terminal as they are (controls, bidi overrides).

Source texts come from the web and annotations are typed by hand, so either
may hold characters that are commands rather than words:

- C0 controls (U+0000–U+001F, but not newline or tab), DEL (U+007F) and C1
  controls (U+0080–U+009F). ESC (U+001B) and the 8-bit CSI/OSC (U+009B,
  U+009D) start *terminal escape sequences*: an OSC 52 sequence writes the
  user's clipboard, OSC 0 or 2 retitles the window, CSI moves the cursor and
  recolours the screen.
- Bidirectional embedding, override and isolate characters (U+202A–U+202E,
  U+2066–U+2069). They make text display in an order other than the order it
  is stored in (the "Trojan Source" trick), so a quote could look like
  something it is not.

The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are *not* in the set:
they are ordinary in right-to-left writing and cannot reorder a run of text
by themselves. A tab is whitespace, not a threat; it is shown as one space.

:func:`clean` replaces every such character by a visible placeholder, one
character for one, so offsets into the cleaned text are offsets into the
original. :func:`find_unsafe` lists them for ``reader check``, an escape
sequence as one finding. Nothing here imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Bidirectional embedding, override and isolate characters: LRE RLE PDF LRO RLO, LRI RLI FSI PDI.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: The placeholder for characters that have no picture symbol (C1 controls, bidi controls).
REPLACEMENT = "\ufffd"

_C0_NAMES = ("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
             "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US")
_C1_NAMES = ("PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2",
             "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC",
             "PM", "APC")


def _placeholder(code: int) -> str:
    if code == 0x09:
        # One space keeps offsets 1:1; expanding to a tab stop would not.
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400..U+241F: ␀ ␁ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT  # C1 controls and bidi controls have no picture symbols


_UNSAFE_CODES = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *map(ord, sorted(BIDI_CONTROLS)))
#: Lone surrogates are no characters at all: they stand for the bytes of a name that is not UTF-8
#: (a file name, a request line), and written out they become those raw bytes again (0x9B is CSI).
_SURROGATES = range(0xD800, 0xE000)
#: Every unsafe character (and the tab), mapped to what is shown instead.
_TABLE = {code: _placeholder(code) for code in _UNSAFE_CODES if code != 0x0A} | dict.fromkeys(_SURROGATES, REPLACEMENT)

_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _UNSAFE_CODES
                                   if code not in (0x09, 0x0A)) + "\ud800-\udfff]")

# ECMA-48 sequences, so one escape sequence is one finding rather than a
# finding for its ESC and nothing for the rest. Strings (OSC, DCS, SOS, PM,
# APC) run to BEL or ST; an unterminated one stops at the end of the line.
_SEQUENCE = re.compile(
    r"(?P<csi>(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?)"
    r"|(?P<string>(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)?)"
    r"|(?P<other>\x1b[\x20-\x2f]*[\x30-\x7e]?)"
)
_OSC_NUMBER = re.compile(r"(?:\x1b\]|\x9d)(\d+)")


def clean(text: str) -> str:
    """``text`` with every control and bidi control but newline replaced by a visible character.

    C0 controls become their picture symbols (ESC is ␛), DEL becomes ␡, C1
    and bidi controls become �, a tab becomes a space. The result has the
    same length as ``text``, so offsets into one are offsets into the other.
    """
    if text.isascii() and text.isprintable():  # nothing to replace, and ten times quicker to tell
        return text
    return text.translate(_TABLE)


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character :func:`clean` would replace (a tab aside: it is only whitespace)."""
    return not (text.isascii() and text.isprintable()) and _UNSAFE.search(text) is not None


def count_unsafe(text: str) -> int:
    """How many characters of ``text`` :func:`clean` replaces by a placeholder (tabs, which become spaces, aside)."""
    return 0 if text.isascii() and text.isprintable() else len(_UNSAFE.findall(text))


def is_unsafe(char: str) -> bool:
    """Whether ``char`` is a control (other than newline or tab) or a bidi control."""
    return _UNSAFE.match(char) is not None


def char_name(char: str) -> str:
    """``U+001B (ESC)``, ``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a code point, named."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code < 0xA0:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


@dataclass(frozen=True)
class Unsafe:
    """One unsafe character, or one whole escape sequence, at ``[start, end)`` of a text.

    ``kind`` is ``"escape"``, ``"control"`` or ``"bidi"``; ``what`` says it
    in words for a message.
    """

    start: int
    end: int
    kind: str
    what: str


def shown(text: str, limit: int = 24) -> str:
    """``text`` cleaned and cut to ``limit`` characters, to quote an escape sequence in a message."""
    visible = clean(text)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def _sequence_effect(kind: str, sequence: str) -> str:
    if kind == "csi":
        return "CSI: it would move the cursor, erase or recolour the screen"
    if kind == "string":
        number = _OSC_NUMBER.match(sequence)
        if number is None:
            return "a control string sent to the terminal"
        osc = int(number.group(1))
        if osc == 52:
            return "OSC 52: it would write to the clipboard"
        if osc in (0, 1, 2):
            return f"OSC {osc}: it would change the terminal's title"
        if osc == 8:
            return "OSC 8: a hidden hyperlink"
        return f"OSC {osc}: a command to the terminal"
    return "a command to the terminal"


def find_unsafe(text: str) -> Iterator[Unsafe]:
    """Every unsafe character of ``text``, in order; an escape sequence is one finding."""
    position = 0
    while (found := _UNSAFE.search(text, position)) is not None:
        start = found.start()
        char = text[start]
        sequence = _SEQUENCE.match(text, start)
        if sequence is not None and sequence.end() - start > 1:
            kind = sequence.lastgroup or "other"
            body = sequence.group()
            yield Unsafe(start, sequence.end(), "escape",
                         f"terminal escape sequence `{shown(body)}` ({_sequence_effect(kind, body)})")
            position = sequence.end()
            continue
        if char in BIDI_CONTROLS:
            yield Unsafe(start, start + 1, "bidi", f"bidirectional control {char_name(char)}")
        elif ord(char) in _SURROGATES:
            yield Unsafe(start, start + 1, "control", f"lone surrogate {char_name(char)} (a byte that is not UTF-8)")
        else:
            yield Unsafe(start, start + 1, "control", f"control character {char_name(char)}")
        position = start + 1
