"""``reader export``: argument parsing, the case check, and writing the file safely.

The file is written atomically (a temporary file in the same folder, then
renamed), so a reader of the file never sees half of it, and an existing
file is never replaced without ``--force``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from reader.cli import EXIT_ERRORS, EXIT_OK, UsageError, _date_option, _parser, _path_argument, resolve_case_path
from reader.export import FORMATS, export
from reader.load.case_loader import load_case
from reader.model.controls import clean
from reader.report import print_report, terminal_console

#: File extensions that name a format by themselves (``.json`` could be either JSON format).
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt",
            ".jsonld": "webannotation"}


def export_command(args: list[str]) -> int:
    """``reader export``: write the case as HTML, Markdown, text, Web Annotations or TimelineJS JSON."""
    parser = _parser("reader export", "Export a case to share it: a self-contained HTML page, Markdown or "
                                      "plain text (status, timeline, sources with highlights, entity index, "
                                      "every citation linked to its passage), or W3C Web Annotation JSON-LD "
                                      "or TimelineJS JSON for other tools. See docs/export.md. Exit code 0 on "
                                      "success, 1 when the case has errors, 2 on usage errors (including an "
                                      "output file that exists).")
    _path_argument(parser)
    parser.add_argument("--format", "-f", choices=tuple(FORMATS),
                        help="what to write (default: from the output file's extension, else html)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="the file to write, or - for standard output (default: CASE-ID plus the "
                             "format's extension, in the current folder)")
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    parser.add_argument("--redact", action="store_true",
                        help="replace the names of entities marked sensitive by their role, e.g. [witness 1]")
    parser.add_argument("--today", metavar="DATE",
                        help="the date the status's age is counted to (default: the system's date); "
                             "for reproducible output")
    options = parser.parse_args(args)
    today = _date_option("--today", options.today)
    output = options.output
    format = options.format or _format_of(output)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    if result.case is None or not result.ok:
        print_report(result, terminal_console(stderr=True))
        return EXIT_ERRORS
    if output is None:
        output = result.case.id + FORMATS[format]
    content = export(result.case, format, today=today, redacted=options.redact)
    if output == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(output)
    write_atomically(path, content, force=options.force)
    size = len(content.encode("utf-8"))
    sys.stderr.write(f"reader: wrote {clean(str(path))} ({format}, {size:,} bytes)\n")
    return EXIT_OK


def _format_of(output: str | None) -> str:
    if output is None or output == "-":
        return "html"
    suffix = Path(output).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix == ".json":
        raise UsageError(f"cannot tell the format of {output} from its extension; "
                         "add --format timelinejs or --format webannotation")
    raise UsageError(f"cannot tell the format of {output} from its extension; "
                     f"add --format ({', '.join(FORMATS)})")


def write_atomically(path: Path, content: str, *, force: bool = False) -> None:
    """Write ``content`` (UTF-8) to ``path`` all at once; never replace a file unless ``force``.

    Raises:
        UsageError: the file exists (without ``force``), or cannot be written; the message says why.
    """
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name to write, e.g. {path / 'case.html'}")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; add --force to replace it, or choose another name with -o")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        # The temporary file is private (0600); the export is for sharing, so give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if force:
            os.replace(temporary, path)
        else:
            _link_without_replacing(temporary, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _link_without_replacing(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless something took that name meanwhile."""
    try:
        os.link(temporary, path)  # fails if the name exists: no check-then-write race
    except FileExistsError:
        raise UsageError(f"{path} exists; add --force to replace it, or choose another name with -o") from None
    except OSError:
        # A file system without hard links: the existence check above has to do.
        os.replace(temporary, path)
