"""``reader export``: argument parsing, the case check, and writing the file safely.

The file is written atomically (a temporary file in the same folder, then
renamed), so a reader of the file never sees half of it, and a write that
fails (a full disk, no permission) leaves nothing behind and changes nothing.
An existing file is never replaced without ``--force``, and ``--force``
replaces regular files only, keeping their permissions: a device, a pipe or
a socket is refused (``-o -`` writes to standard output), and a link is
followed to the file it names.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from reader.cli.options import (
    EXIT_ERRORS,
    EXIT_OK,
    UsageError,
    command_parser,
    date_option,
    path_argument,
    resolve_case_path,
    status_date_arguments,
)
from reader.cli.output import write_to_standard_output
from reader.export import FORMATS, export
from reader.load.case_loader import load_case
from reader.model.text_safety import clean
from reader.report import print_report, terminal_console

#: File extensions that name a format by themselves (``.json`` could be either JSON format).
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt",
            ".jsonld": "webannotation"}


def export_command(args: list[str]) -> int:
    """``reader export``: write the case as HTML, Markdown, text, Web Annotations or TimelineJS JSON."""
    parser = command_parser("reader export", "Export a case to share it: a self-contained HTML page, Markdown or "
                                             "plain text (status, timeline, sources with highlights, entity index, "
                                             "every citation linked to its passage), or W3C Web Annotation JSON-LD "
                                             "or TimelineJS JSON for other tools. See docs/export.md. Exit code 0 on "
                                             "success, 1 when the case has errors, 2 on usage errors (including an "
                                             "output file that exists) and when the output cannot be written.")
    path_argument(parser)
    parser.add_argument("--format", "-f", choices=tuple(FORMATS),
                        help="what to write (default: from the output file's extension, else html)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="the file to write, or - for standard output (default: CASE-ID plus the "
                             "format's extension, in the current folder)")
    parser.add_argument("--force", action="store_true",
                        help="replace the output file if it exists (a regular file only; its permissions are kept)")
    parser.add_argument("--redact", action="store_true",
                        help="replace the names of entities marked sensitive by their role, e.g. [witness 1]")
    status_date_arguments(parser, as_of_help="HTML, Markdown and text: each person's status as it stood on DATE "
                                             "(YYYY-MM-DD, or YYYY-MM / YYYY for the end of that month / year), as "
                                             "reader status --as-of gives it")
    options = parser.parse_args(args)
    as_of = date_option("--as-of", options.as_of)
    today = date_option("--today", options.today)
    output = options.output
    if output not in (None, "-"):
        check_target(Path(output), force=options.force)  # before the case is loaded: say it at once
    format = options.format or _format_of(output)
    folder = resolve_case_path(options.path)
    result = load_case(folder, parallel=True)
    if result.case is None or not result.ok:
        print_report(result, terminal_console(stderr=True))
        return EXIT_ERRORS
    if output is None:
        output = result.case.id + FORMATS[format]
    content = export(result.case, format, today=today, as_of=as_of, basis=options.basis, redacted=options.redact)
    if output == "-":
        write_to_standard_output(content)
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


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def check_target(path: Path, *, force: bool) -> tuple[Path, os.stat_result | None]:
    """Where ``path`` leads (a link is followed) and what is there now (None: nothing yet).

    Raises:
        UsageError: the name is standard output, a folder, a device, a pipe or a socket; a file
            is there and ``force`` is not given; or the folder does not exist.
    """
    try:
        found = os.stat(path)  # through links, including /dev/stdout's (which realpath cannot name)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if found is not None and _is_standard_output(found):
        raise UsageError(f"{path} is standard output; to write there, use -o -")
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise UsageError(f"{path} is a folder; give a file name to write, e.g. {path / 'case.html'}")
    if found is not None and not stat.S_ISREG(found.st_mode):
        kind = next((name for test, name in _KINDS if test(found.st_mode)), "not a regular file")
        raise UsageError(f"{path} is {kind}, not a regular file; reader export writes (and with --force "
                         "replaces) regular files only: choose a file name, or use -o - for standard output")
    if found is not None and not force:
        raise UsageError(f"{path} exists; add --force to replace it, or choose another name with -o")
    target = Path(os.path.realpath(path))  # a regular file, or nothing yet: a name in a folder
    if found is None and not target.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
    return target, found


def _is_standard_output(found: os.stat_result) -> bool:
    """Whether ``found`` is the file standard output goes to (``/dev/stdout``, ``/dev/fd/1``)."""
    try:
        return os.path.samestat(found, os.fstat(1))
    except OSError:
        return False


def write_atomically(path: Path, content: str, *, force: bool = False) -> None:
    """Write ``content`` (UTF-8) to ``path`` all at once; never replace a file unless ``force``.

    A link is followed: the file it names is written. A file that is replaced keeps its
    permissions (and, where allowed, its owner); a new file gets the usual ones (0666 less the umask).

    Raises:
        UsageError: the target is not a regular file, exists (without ``force``), or cannot be
            written; the message says why. Nothing is left behind.
    """
    target, found = check_target(path, force=force)
    folder = target.parent
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(_cannot_write(path, folder, exc)) from None
    temporary = Path(name)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if found is not None:
            os.chmod(temporary, stat.S_IMODE(found.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away; anyone else keeps it
                os.chown(temporary, found.st_uid, found.st_gid)
        else:
            # The temporary file is private (0600); the export is for sharing, so give it the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        if force:
            os.replace(temporary, target)
        else:
            _link_without_replacing(temporary, target, path)
    except OSError as exc:
        raise UsageError(_cannot_write(path, folder, exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _cannot_write(path: Path, folder: Path, exc: OSError) -> str:
    """Why ``path`` could not be written, and what to do."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return f"cannot write {path}: {reason}; nothing was written. Free some space, or write elsewhere with -o"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: {reason} (in {folder}); nothing was written. Choose another folder with -o"
    return f"cannot write {path}: {reason}; nothing was written"


def _link_without_replacing(temporary: Path, target: Path, path: Path) -> None:
    """Give ``temporary`` the name ``target`` unless something took that name meanwhile."""
    try:
        os.link(temporary, target)  # fails if the name exists: no check-then-write race
    except FileExistsError:
        raise UsageError(f"{path} exists; add --force to replace it, or choose another name with -o") from None
    except OSError:
        # A file system without hard links: the existence check above has to do.
        os.replace(temporary, target)
