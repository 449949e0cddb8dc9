"""Reading files from a case folder safely.

Text is decoded as UTF-8 whatever the locale says (a byte-order mark is
dropped, CRLF and lone CR become LF), a file that is binary, too large, not
UTF-8 or outside the case folder is reported with its position rather than
raised, and nothing here ever writes.

Only regular files are read. A named pipe (FIFO) would block the reader
until something wrote to it, and a device such as ``/dev/zero`` never ends,
so a file is opened without blocking, checked to be a regular file on the
open descriptor (what it is now, not what it was when its name was looked
up), and read up to its size limit and not a byte further.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import unicodedata
from pathlib import Path

from reader.load.problems import Location, Problems

#: Largest YAML annotation file accepted.
MAX_YAML_BYTES = 8 * 1024 * 1024
#: Largest source text accepted (a long report is a few hundred kB).
MAX_SOURCE_BYTES = 32 * 1024 * 1024
#: Longest file name (one part of a path), in bytes, that the usual file systems allow.
MAX_NAME_BYTES = 255
#: Longest path, in bytes, that Linux allows (macOS allows 1,024).
MAX_PATH_BYTES = 4096
#: How much of a path written in a case file a message repeats.
SHOWN_PATH_CHARS = 100

#: Byte-order marks of the encodings a text editor may save in instead of UTF-8, longest
#: first (the UTF-32 little-endian mark starts with the UTF-16 one); with each, the name
#: ``iconv`` knows it by (it reads the mark, so the byte order need not be given).
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)", "UTF-32"),
    (b"\xff\xfe", "UTF-16 (little-endian)", "UTF-16"),
    (b"\xfe\xff", "UTF-16 (big-endian)", "UTF-16"),
)


class NotReadable(Exception):
    """A file that cannot be read as text: the message says why, the hint what to do.

    ``kind`` names the reason for a caller that words its own hint (:func:`path_problem`'s
    ``"name too long"`` and ``"path too long"``); empty otherwise.
    """

    def __init__(self, message: str, hint: str | None = None, kind: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.kind = kind


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words ("a folder", "a named pipe (FIFO)"); None if regular."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(kind: str, what: str, shown: str) -> NotReadable:
    if kind == "a folder":
        return NotReadable(f"{what} `{shown}` is a folder, not a file",
                           hint="name a file inside it, e.g. sources/name.txt" if what == "source text"
                           else "a case file is a plain YAML file; rename the folder so it does not end in .yaml")
    return NotReadable(f"{what} `{shown}` is {kind}, not a regular file",
                       hint="the reader reads only plain files (a pipe or a device might never end); "
                            "save the text as a file and name that")


def read_bytes(path: Path, *, limit: int, what: str, name: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``name`` is how messages name the file (default: its path).

    Raises:
        NotReadable: the file is missing, not a regular file, unreadable or over ``limit``.
    """
    shown = shown_path(name or str(path))
    try:
        # Looked at before it is opened: opening some devices does something (a tape
        # rewinds, a terminal becomes the controlling one), so they are never opened.
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:
            raise _not_regular(kind, what, shown)
        # Without blocking: a FIFO swapped in after the look would wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except NotReadable:
        raise
    except OSError as exc:
        raise _os_error(exc, what, shown, path) from None
    except ValueError:  # a NUL character in the name (paths from case files are checked before)
        raise NotReadable(f"cannot read {what} `{shown}`: its name holds a NUL character") from None
    with os.fdopen(descriptor, "rb", buffering=0) as file:
        try:
            info = os.fstat(descriptor)
            kind = file_kind(info.st_mode)
            if kind is not None:  # replaced between the look and the opening
                raise _not_regular(kind, what, shown)
            if info.st_size > limit:
                raise _too_large(info.st_size, limit, what, path)
            # One byte more than the limit tells a file that grew since fstat from one that did not.
            chunks, size = [], 0
            while size <= limit:
                chunk = file.read(min(limit + 1 - size, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as exc:
            raise _os_error(exc, what, shown, path) from None
    if size > limit:
        raise _too_large(size, limit, what, path)
    return b"".join(chunks)


def _too_large(size: int, limit: int, what: str, path: Path) -> NotReadable:
    return NotReadable(f"{what} `{path.name}` is {size / 1_048_576:.1f} MB, over the "
                       f"{limit // 1_048_576} MB limit", hint="split it into several files")


def _os_error(exc: OSError, what: str, shown: str, path: Path) -> NotReadable:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return NotReadable(f"cannot read {what} `{shown}`: permission denied", hint="check the file's permissions")
    if exc.errno == errno.EISDIR:
        return _not_regular("a folder", what, shown)
    if exc.errno == errno.ELOOP:
        return NotReadable(f"cannot read {what} `{shown}`: it is a link that leads round in a loop",
                           hint="point the link at the file itself, or put the file in its place")
    if exc.errno == errno.ENAMETOOLONG:
        length = len(os.fsencode(path))
        if length >= MAX_PATH_BYTES and all(len(part) <= MAX_NAME_BYTES for part in os.fsencode(path).split(b"/")):
            # The name is fine: the folders it is in make the whole path too long.
            return NotReadable(f"cannot read {what} `{shown}`: its path is {length:,} bytes long; paths are at most "
                               f"{MAX_PATH_BYTES - 1:,}", hint="move the case to a shallower folder")
        return NotReadable(f"cannot read {what} `{shown}`: the name is too long for the file system",
                           hint="give the file a shorter name")
    if exc.errno == errno.ENXIO:  # a socket, or a FIFO's other end
        return _not_regular("a socket", what, shown)
    return NotReadable(f"cannot read {what} `{shown}`: {exc.strerror or exc}")


def read_text(path: Path, problems: Problems, *, limit: int, what: str,
              reported_at: Location | None = None, name: str | None = None) -> str | None:
    """Read a UTF-8 text file, or report why it cannot be read and return None.

    ``reported_at`` is where to report a file that cannot be opened at all
    (the ``file:`` field that names it); problems inside the file are
    reported in the file itself. ``name`` is how messages name the file
    (default: its path).
    """
    at = reported_at or Location(path)
    try:
        data = read_bytes(path, limit=limit, what=what, name=name)
    except NotReadable as exc:
        problems.error(at, exc.message, hint=exc.hint)
        return None
    for mark, encoding, iconv_name in _OTHER_ENCODINGS:
        if data.startswith(mark):
            problems.error(Location(path, 1, 1), f"{what} is {encoding}, not UTF-8",
                           hint=_conversion_hint(path, iconv_name))
            return None
    if b"\x00" in data[:8192]:
        unmarked = _unmarked_encoding(data[:8192])
        if unmarked:
            encoding, iconv_name = unmarked
            problems.error(Location(path, 1, 1), f"{what} looks like {encoding} without a byte-order mark, "
                                                 "not UTF-8", hint=_conversion_hint(path, iconv_name))
            return None
        problems.error(Location(path, 1, 1), f"{what} looks like a binary file, not text",
                       hint="save it as plain UTF-8 text")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        problems.error(Location(path, line, col),
                       f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                       hint="save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _conversion_hint(path: Path, encoding: str) -> str:
    converted = f"{path.stem}-utf8{path.suffix}"
    return (f"convert it: `iconv -f {encoding} -t UTF-8 {path.name} > {converted}` and put {converted} in its "
            "place, or open it in an editor and save it with the encoding UTF-8 (Save with Encoding → UTF-8)")


#: The encodings a text without a byte-order mark may be in when it holds NUL bytes: in words,
#: the name ``iconv`` knows it by, and the width of a character (UTF-32 first: its NULs also
#: fall where UTF-16's would).
_UNMARKED_ENCODINGS = (
    ("UTF-32 (little-endian)", "UTF-32LE", 4),
    ("UTF-32 (big-endian)", "UTF-32BE", 4),
    ("UTF-16 (little-endian)", "UTF-16LE", 2),
    ("UTF-16 (big-endian)", "UTF-16BE", 2),
)
#: What share of the characters of a text may be controls, format or unassigned characters.
_ODD_CHARACTERS_SHARE = 0.02
#: Categories of characters that text hardly holds and binary data, read as text, does.
_ODD_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})


def _unmarked_encoding(head: bytes) -> tuple[str, str] | None:
    """The encoding in words and its ``iconv`` name when ``head`` (holding a NUL) reads as UTF-16 or UTF-32
    text without a byte-order mark; else None.

    Each encoding is tried in both byte orders: the right one decodes, holds
    no NUL character and few control, format or unassigned characters, and
    has spaces or line ends where the wrong order has none (it turns a space
    into U+2000 and a line end into U+0A00). This holds for any script: a
    Latin text has a NUL in every other byte, a Cyrillic one in UTF-16 only
    around its spaces and punctuation, and text in UTF-32 in two or three
    bytes of every four. Binary data fails it: its runs of NULs read as NUL
    characters, and the rest as controls and unassigned characters.
    """
    best: tuple[int, str, str] | None = None
    for words, name, width in _UNMARKED_ENCODINGS:
        if best is not None and width == 2:  # UTF-32 text also reads, wrongly, as UTF-16
            break
        try:  # incrementally: the 8 kB may end inside a character
            text = codecs.getincrementaldecoder(name)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if not text or "\0" in text:
            continue
        odd = sum(1 for char in text if unicodedata.category(char) in _ODD_CATEGORIES and char not in "\t\n\r")
        spaces = sum(text.count(char) for char in " \n")
        # UTF-32 has one byte order only (the other reads past U+10FFFF): it need not show spaces.
        if odd <= _ODD_CHARACTERS_SHARE * len(text) and (spaces or width == 4) and (best is None or spaces > best[0]):
            best = (spaces, words, name)
    return None if best is None else (best[1], best[2])


def shown_path(path: str) -> str:
    """A path written in a case file as a message repeats it: a very long one cut in the middle."""
    if len(path) <= SHOWN_PATH_CHARS:
        return path
    half = (SHOWN_PATH_CHARS - 1) // 2
    return f"{path[:half]}…{path[-half:]}"


def path_problem(relative: str) -> NotReadable | None:
    """Why a path written in a case file cannot name a file on any system, or None.

    Asked before the path is looked up: the system would refuse these with an
    exception (a NUL character, a name too long), and telling them apart
    afterwards gives worse messages.
    """
    if "\0" in relative:
        return NotReadable("holds a NUL character (written `\\0` in YAML)",
                           hint="remove it: no file name can hold one")
    try:
        encoded = os.fsencode(relative)
    except UnicodeEncodeError as exc:
        return NotReadable(f"holds the character U+{ord(relative[exc.start]):04X}, which no file name can hold",
                           hint="write the file's name as it is on disk")
    for part in encoded.split(b"/"):
        if len(part) > MAX_NAME_BYTES:
            return NotReadable(f"has a name {len(part):,} bytes long; file systems allow at most {MAX_NAME_BYTES}",
                               hint="give the file a shorter name, and write that name here", kind="name too long")
    if len(encoded) >= MAX_PATH_BYTES:
        return NotReadable(f"is {len(encoded):,} bytes long; paths are at most {MAX_PATH_BYTES - 1:,}",
                           hint="keep source texts in a shallow folder, e.g. sources/name.txt", kind="path too long")
    return None


class LinkLoop(Exception):
    """A path goes through a symbolic link that leads, directly or not, back to itself."""


def inside_folder(folder: Path, relative: str) -> Path | None:
    """``folder / relative`` if it stays inside ``folder`` (symlinks followed), else None.

    Raises:
        LinkLoop: a link on the way leads round in a loop.
    """
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")):
        return None
    try:
        resolved = (folder / candidate).resolve()
    except RuntimeError as exc:  # Python 3.11 and 3.12 report a loop so
        raise LinkLoop(str(exc)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # Python 3.13 reports it so
            raise LinkLoop(str(exc)) from None
        return None
    try:
        resolved.relative_to(folder.resolve())
    except ValueError:
        return None
    return folder / candidate
