"""Output on standard output is written whole, or the command says why not (reader/cli/output.py).

With ``PYTHONUNBUFFERED=1`` (``python -u``) standard output's bytes go to the
raw file, whose write may take only part of what it is given: on a full disk
(the write after is the one that fails) or a full non-blocking pipe. These
tests make real short writes happen: a small tmpfs (or a file size limit), a
non-blocking pipe of one page, and a stand-in raw file that takes a few bytes
at a time.
"""

from __future__ import annotations

import errno
import fcntl
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.cli.output import write_all

#: The bundled case as Markdown: 65 KB, four times what the small disk below holds.
EXPORT = ["export", "-f", "md", "-o", "-", "--today", "2025-06-01"]
UNBUFFERED = {**os.environ, "PYTHONUNBUFFERED": "1"}


def expected_export(capsys: pytest.CaptureFixture[str]) -> bytes:
    """The export, as written to a stream that takes everything at once."""
    assert main(EXPORT) == 0
    return capsys.readouterr().out.encode("utf-8")


class Trickle(io.RawIOBase):
    """A raw file that takes at most ``step`` bytes a write and, past ``room`` bytes, says the disk is full."""

    def __init__(self, step: int, room: int | None = None) -> None:
        super().__init__()
        self.step, self.room = step, room
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        left = self.step if self.room is None else min(self.step, self.room - len(self.data))
        if self.room is not None and left <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken = bytes(data[:left])
        self.data += taken
        return len(taken)


def test_every_byte_is_written_when_each_write_takes_a_few(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    expected = expected_export(capsys)
    raw = Trickle(step=7)
    # Standard output as python -u makes it: text straight through to the raw file.
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", write_through=True))
    assert main(EXPORT) == 0
    assert bytes(raw.data) == expected
    assert capsys.readouterr().err == ""


def test_a_disk_that_fills_after_a_short_write_is_reported(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    raw = Trickle(step=4096, room=16384)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", write_through=True))
    assert main(EXPORT) == 2
    assert capsys.readouterr().err == "reader: error: cannot write to standard output: No space left on device\n"
    assert len(raw.data) == 16384


def test_a_stream_that_takes_nothing_is_an_error_not_a_hang() -> None:
    with pytest.raises(OSError, match="the output took no more bytes"):
        write_all(Trickle(step=0), b"x")  # type: ignore[arg-type]


def _mountable() -> bool:
    """Whether this machine lets a test mount a tmpfs of its own (in a user and mount namespace)."""
    unshare = shutil.which("unshare")
    return unshare is not None and subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"],
        capture_output=True, timeout=60).returncode == 0


def _no_bigger_than_16k() -> None:
    """In the child: files may grow to 16 KB; a write past that is short, the next fails with EFBIG."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the signal would end the process


def test_unbuffered_output_to_a_nearly_full_disk_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_export(capsys)
    command = [sys.executable, "-m", "reader", *EXPORT]
    copy = tmp_path / "out"
    if _mountable():
        # A real 16 KB tmpfs, mounted in a namespace of the test's own, so it needs no root and
        # vanishes with it: what it holds is copied out first.
        disk = tmp_path / "tiny"
        disk.mkdir()
        script = 'mount -t tmpfs -o size=16k tmpfs "$0" && "$@" > "$0/out"; code=$?; cp "$0/out" "$0.out"; exit $code'
        done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, str(disk),
                               *command], env=UNBUFFERED, stderr=subprocess.PIPE, text=True, timeout=120)
        copy = tmp_path / "tiny.out"
        reason = "No space left on device"
    else:
        # No tmpfs of our own: a file size limit makes the same short write, then an error.
        with copy.open("wb") as out:
            done = subprocess.run(command, env=UNBUFFERED, stdout=out, stderr=subprocess.PIPE, text=True,
                                  timeout=120, preexec_fn=_no_bigger_than_16k)
        reason = "File too large"
    written = copy.read_bytes()
    assert done.returncode == 2
    assert done.stderr == f"reader: error: cannot write to standard output: {reason}\n"
    assert len(written) == 16384 and expected.startswith(written)


def test_unbuffered_output_to_a_full_non_blocking_pipe_waits_and_writes_it_all(
        capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_export(capsys)
    read_end, write_end = os.pipe()
    # One page of room, and writes that do not wait: each write takes what fits, or nothing.
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    os.set_blocking(write_end, False)
    try:
        process = subprocess.Popen([sys.executable, "-m", "reader", *EXPORT], env=UNBUFFERED, stdout=write_end,
                                   stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    received = bytearray()
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while chunk := pipe.read(65536):
            received += chunk
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    assert bytes(received) == expected


@pytest.mark.parametrize("args", [["status", "--json", "--today", "2025-06-01"], ["status", "--today", "2025-06-01"],
                                  ["schema"]])
def test_status_and_schema_write_whole_too(args: list[str], capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(args) == 0
    expected = capsys.readouterr().out.encode("utf-8")
    raw = Trickle(step=7)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", write_through=True))
    assert main(args) == 0
    assert bytes(raw.data) == expected
