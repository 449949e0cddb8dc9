"""A command's output on standard output: written whole, or a clear error.

``reader export -o -``, ``reader status`` (piped or ``--json``) and ``reader
schema`` write their whole output at once. Two things can go wrong that the
plain ``sys.stdout.write`` missed:

- **A short write.** With ``PYTHONUNBUFFERED=1`` (or ``python -u``),
  ``sys.stdout.buffer`` is the raw file itself, and a raw write may write only
  part of what it is given: on a disk with 16 KB left, one ``write`` took
  16,384 bytes of 65,011, and nothing wrote the rest, nor said so (exit 0).
  The next write is the one that says the disk is full. A raw stream on a
  non-blocking pipe that is full writes nothing and returns None. So the bytes
  are written until all are, waiting when the stream cannot take more yet.
- **A write that fails.** A full disk is a usage error (exit 2) that says so;
  a reader of the output that stopped early (``| head``) is no error at all.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import sys
from typing import BinaryIO

from reader.cli.options import UsageError


def write_to_standard_output(content: str, *, in_locale: bool = False) -> None:
    """Write all of ``content`` to standard output: as UTF-8 (as a file would be), whatever the locale,
    or, ``in_locale``, in standard output's own encoding (text for a person to read: ``reader status``).

    Raises:
        UsageError: standard output cannot be written (a full disk); a reader of the output that
            stopped early (``| head``) is not an error and ends the command quietly.
    """
    stream = getattr(sys.stdout, "buffer", None)
    try:
        sys.stdout.flush()
        if stream is None:  # a text-only stream standing in for standard output
            sys.stdout.write(content)
            sys.stdout.flush()
        else:
            encoding, errors = ((sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict") if in_locale
                                else ("utf-8", "strict"))
            write_all(stream, content.encode(encoding, errors))
            stream.flush()
    except BrokenPipeError:
        _drop_standard_output()
    except OSError as exc:
        _drop_standard_output()
        raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write every byte of ``data`` to ``stream``, however few each write takes.

    A buffered stream takes all at once (it retries for itself); a raw one says how
    many it took, or None when it would block (a non-blocking pipe that is full).

    Raises:
        OSError: the stream cannot take more (a full disk says so on the write after a short one).
    """
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:
            select.select([], [stream], [])  # wait until it can take more, as a blocking write would
            continue
        if written == 0:  # no error, yet no progress: trying again would never end
            raise OSError(errno.EIO, "the output took no more bytes")
        view = view[written:]


def _drop_standard_output() -> None:
    """Point standard output at the null device, so Python's own flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
