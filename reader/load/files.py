"""Reading files from a case folder safely.

Text is decoded as UTF-8 whatever the locale says (a byte-order mark is
dropped, CRLF and lone CR become LF), a file that is binary, too large, not
UTF-8 or outside the case folder is reported with its position rather than
raised, and nothing here ever writes.
"""

from __future__ import annotations

from pathlib import Path

from reader.load.problems import Location, Problems

#: Largest YAML annotation file accepted.
MAX_YAML_BYTES = 8 * 1024 * 1024
#: Largest source text accepted (a long report is a few hundred kB).
MAX_SOURCE_BYTES = 32 * 1024 * 1024


def read_text(path: Path, problems: Problems, *, limit: int, what: str,
              reported_at: Location | None = None) -> str | None:
    """Read a UTF-8 text file, or report why it cannot be read and return None.

    ``reported_at`` is where to report a file that cannot be opened at all
    (the ``file:`` field that names it); problems inside the file are
    reported in the file itself.
    """
    at = reported_at or Location(path)
    try:
        size = path.stat().st_size
        if size > limit:
            problems.error(at, f"{what} `{path.name}` is {size / 1_048_576:.1f} MB, over the "
                               f"{limit // 1_048_576} MB limit",
                           hint="split it into several files")
            return None
        data = path.read_bytes()
    except IsADirectoryError:
        problems.error(at, f"{what} `{path}` is a folder, not a file",
                       hint="name a file inside it, e.g. sources/name.txt")
        return None
    except PermissionError:
        problems.error(at, f"cannot read {what} `{path}`: permission denied",
                       hint="check the file's permissions")
        return None
    except OSError as exc:
        problems.error(at, f"cannot read {what} `{path}`: {exc.strerror or exc}")
        return None
    if b"\x00" in data[:8192]:
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


def inside_folder(folder: Path, relative: str) -> Path | None:
    """``folder / relative`` if it stays inside ``folder`` (symlinks followed), else None."""
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")):
        return None
    resolved = (folder / candidate).resolve()
    try:
        resolved.relative_to(folder.resolve())
    except ValueError:
        return None
    return folder / candidate
