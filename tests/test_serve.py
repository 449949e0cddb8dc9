"""`reader serve` without a browser: the command each session runs, the address, a port already in use.

The served reader itself is opened in a real browser in tests/test_browser.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from textual_serve.download_manager import DownloadManager

from reader.cli import main
from reader.cli.serve import (
    InertOutput,
    LogLine,
    ReaderServer,
    Session,
    claim_port,
    clamp_size,
    is_loopback,
    served_command,
    url_for,
)
from reader.model.text_safety import is_unsafe


def test_each_session_runs_this_python_on_the_case_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a case; rm -rf ~"
    folder.mkdir()
    command = served_command(folder)
    # The command goes through a shell: the folder must come back as one argument, unharmed; and the
    # shell execs the reader, so the process the server holds (and ends) is the reader itself.
    assert shlex.split(command) == ["exec", sys.executable, "-m", "reader", str(folder.resolve())]


@pytest.mark.parametrize(("host", "url"), [("127.0.0.1", "http://127.0.0.1:8000"), ("::1", "http://[::1]:8000"),
                                           ("localhost", "http://localhost:8000")])
def test_the_printed_address(host: str, url: str) -> None:
    assert url_for(host, 8000) == url


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.5.0.1", True), ("::1", True),
                                             ("localhost", True), ("0.0.0.0", False), ("192.168.1.2", False),
                                             ("example.org", False)])
def test_only_loopback_counts_as_this_machine_only(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_a_port_in_use_is_a_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "--port 0 for any free port" in err
    assert "Traceback" not in err


def test_port_zero_picks_a_free_port() -> None:
    port = claim_port("127.0.0.1", 0)
    assert 0 < port < 65536
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # it was released again for the server to take


@pytest.mark.parametrize("port", ["-1", "70000"])
def test_a_port_out_of_range_is_refused(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", port]) == 2
    assert "is not a port number" in capsys.readouterr().err


def test_a_missing_case_folder_is_refused_before_serving(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nowhere"), "--port", "0"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


# --- the server, with real HTTP and websocket clients on 127.0.0.1 ---------------------------------

TOKEN = "s3cret-token_for-tests"
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|.)")


@contextlib.asynccontextmanager
async def running(folder: Path, **options: Any) -> AsyncIterator[tuple[ReaderServer, str]]:
    """A ReaderServer for ``folder`` listening on a free port of 127.0.0.1; yields it and its base address."""
    server = ReaderServer(folder, host="127.0.0.1", port=0, token=TOKEN, **options)
    test_server = TestServer(await server.make_app(), host="127.0.0.1")
    await test_server.start_server()
    try:
        yield server, f"http://127.0.0.1:{test_server.port}"
    finally:
        await test_server.close()
        for session in list(server.sessions):  # a test that failed midway leaves no reader behind
            await session.end(grace=1)


async def until(condition: Callable[[], object], what: str) -> None:
    """Wait (at most 30 s) until ``condition()`` holds."""
    for _ in range(600):
        if condition():
            return
        await asyncio.sleep(0.05)
    pytest.fail(f"never happened: {what}")


async def screen_text_until(websocket: aiohttp.ClientWebSocketResponse, pattern: str) -> re.Match[str]:
    """Read frames (at most 2,000, 30 s each) until the reader's screen shows ``pattern`` (a regular expression)."""
    seen = b""
    for _ in range(2000):
        message = await websocket.receive(timeout=30)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
            if found := re.search(pattern, _ESCAPES.sub("", seen.decode("utf-8", "replace"))):
                return found
        elif message.type != aiohttp.WSMsgType.TEXT:
            pytest.fail(f"the websocket ended ({message.type.name}) before the reader showed {pattern!r}")
    pytest.fail(f"the reader never showed {pattern!r}")


async def test_the_page_needs_the_token(case_dir: Path) -> None:
    async with running(case_dir) as (_, base), aiohttp.ClientSession() as client:
        for address in (f"{base}/", f"{base}/?token=wrong", f"{base}/?token={TOKEN}x", f"{base}/?token="):
            async with client.get(address) as response:
                assert response.status == 403
                assert response.content_type == "text/plain"
                assert "needs the token that reader serve printed" in await response.text()
        async with client.get(f"{base}/?token={TOKEN}") as response:
            assert response.status == 200
            page = await response.text()
            assert response.headers["Referrer-Policy"] == "no-referrer"
    # The page's websocket carries the token, at the address the browser came in on.
    assert f'data-session-websocket-url="ws://{base.removeprefix("http://")}/ws/{TOKEN}"' in page


async def test_the_websocket_address_is_the_one_the_browser_came_in_on(case_dir: Path) -> None:
    # Served on 0.0.0.0 and opened from another machine as http://192.168.1.5:8000: the browser sends that
    # Host, and the websocket must go there, not to 0.0.0.0 (simulated on loopback with the Host header).
    async with running(case_dir) as (_, base), aiohttp.ClientSession() as client, \
            client.get(f"{base}/?token={TOKEN}", headers={"Host": "192.168.1.5:8000"}) as response:
        page = await response.text()
    assert f'data-session-websocket-url="ws://192.168.1.5:8000/ws/{TOKEN}"' in page
    assert 'href="http://192.168.1.5:8000/static/css/xterm.css"' in page
    # Behind a proxy, --public-url says where browsers are: https there means a wss websocket.
    async with running(case_dir, public_url="https://reader.example.org/cases/") as (_, base), \
            aiohttp.ClientSession() as client, client.get(f"{base}/?token={TOKEN}") as response:
        page = await response.text()
    assert f'data-session-websocket-url="wss://reader.example.org/cases/ws/{TOKEN}"' in page


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1", "null", None])
async def test_a_websocket_from_another_page_is_refused(case_dir: Path, origin: str | None) -> None:
    async with running(case_dir) as (server, base), aiohttp.ClientSession() as client:
        # The port of the right origin is the server's own; "http://127.0.0.1:1" is another page on this machine.
        headers = {"Origin": origin} if origin else {}
        address = f"{base.replace('http', 'ws')}/ws/{TOKEN}"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(address, headers=headers)
        assert refused.value.status == 403
        async with client.get(address, headers=headers) as response:
            assert response.status == 403
            assert "comes from another web page" in await response.text()
        assert server.sessions == set()


@pytest.mark.parametrize("path", ["/ws", "/ws?token=wrong", "/ws/wrong", f"/ws/{TOKEN[:-1]}", "/ws/%C3%A9"])
async def test_a_websocket_without_the_token_is_refused(case_dir: Path, path: str) -> None:
    async with running(case_dir) as (server, base), aiohttp.ClientSession() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(base.replace("http", "ws") + path, origin=base)
        assert refused.value.status == 403
        assert server.sessions == set()


async def test_the_own_page_with_the_token_gets_a_reader_that_ends_when_its_websocket_closes(case_dir: Path) -> None:
    async with running(case_dir) as (server, base), aiohttp.ClientSession() as client:
        for address in (f"{base.replace('http', 'ws')}/ws/{TOKEN}?width=100&height=30",
                        f"{base.replace('http', 'ws')}/ws?token={TOKEN}&width=100&height=30"):
            websocket = await client.ws_connect(address, origin=base)
            await screen_text_until(websocket, "Demo case")
            (session,) = server.sessions
            process = session.process
            assert process is not None and process.returncode is None
            await websocket.close()
            await until(lambda: not server.sessions, "the session was ended")
            # Ended and reaped: no reader is left running for a tab that is gone.
            assert process.returncode is not None
            with pytest.raises(ProcessLookupError):
                os.kill(process.pid, 0)


async def test_an_oversize_terminal_is_held_to_500x200(case_dir: Path) -> None:
    async with running(case_dir) as (server, base), aiohttp.ClientSession() as client:
        websocket = await client.ws_connect(f"{base.replace('http', 'ws')}/ws/{TOKEN}?width=2000&height=2000",
                                            origin=base)
        await until(lambda: server.sessions and next(iter(server.sessions)).process, "a reader started")
        (session,) = server.sessions
        # The reader itself was started at the largest size allowed (the size reaches it as COLUMNS and ROWS).
        environment = Path(f"/proc/{session.process.pid}/environ").read_bytes().split(b"\0")
        assert b"COLUMNS=500" in environment and b"ROWS=200" in environment
        await screen_text_until(websocket, "Demo case")
        # Resizes past the limits: the reader, given a size below its minimum, says which size it got.
        await websocket.send_json(["resize", {"width": 600, "height": 5}])
        assert (await screen_text_until(websocket, r"too small:\s*(\d+)×5\.")).group(1) == "500"
        await websocket.send_json(["resize", {"width": 30, "height": 5000}])
        assert (await screen_text_until(websocket, r"too small:\s*30×(\d+)\.")).group(1) == "200"
        assert session.size == (30, 200)
        # A resize that is not numbers is ignored; the session goes on (it still answers a ping).
        await websocket.send_json(["resize", {"width": "wide", "height": None}])
        await websocket.send_json(["ping", "after"])
        for _ in range(2000):
            message = await websocket.receive(timeout=30)
            if message.type == aiohttp.WSMsgType.TEXT:
                assert message.json() == ["pong", "after"]
                break
        assert session.size == (30, 200)
        await websocket.close()
        await until(lambda: not server.sessions, "the session was ended")


async def test_sessions_are_capped(case_dir: Path) -> None:
    async with running(case_dir, max_sessions=1) as (server, base), aiohttp.ClientSession() as client:
        address = f"{base.replace('http', 'ws')}/ws/{TOKEN}"
        first = await client.ws_connect(address, origin=base)
        await screen_text_until(first, "Demo case")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(address, origin=base)
        assert refused.value.status == 503
        async with client.get(f"{base}/?token={TOKEN}") as response:
            assert response.status == 503
            assert "as many readers are open as this server runs at once (1)" in await response.text()
            assert "--max-sessions N" in await response.text()
        assert len(server.sessions) == 1
        await first.close()
        await until(lambda: not server.sessions, "the first session was ended")
        second = await client.ws_connect(address, origin=base)  # its place is free again
        await screen_text_until(second, "Demo case")
        await second.close()
        await until(lambda: not server.sessions, "the second session was ended")


async def test_a_reader_that_does_not_quit_is_killed() -> None:
    # A process that ignores the quit message (and everything else) stands in for a reader that hangs.
    hung = shlex.join([sys.executable, "-c", "import time; time.sleep(120)"])
    async def nothing() -> None:
        return None

    session = Session(f"exec {hung}", write_bytes=lambda data: nothing(), write_str=lambda data: nothing(),
                      close=nothing, download_manager=DownloadManager())
    await session.start(80, 24)
    process = session.process
    assert process is not None and process.returncode is None
    await session.end(grace=0.5)
    assert process.returncode == -signal.SIGKILL


def test_the_printed_address_carries_the_token(case_dir: Path) -> None:
    local = ReaderServer(case_dir, host="127.0.0.1", port=8000, token=TOKEN).announcement()
    assert local[0] == f"reader: serving {case_dir} at http://127.0.0.1:8000/?token={TOKEN}"
    assert not any("warning" in line for line in local)
    everywhere = ReaderServer(case_dir, host="0.0.0.0", port=8000, token=TOKEN).announcement()
    # Not http://0.0.0.0:8000, which no browser can open: this machine's loopback, and its name for others.
    assert everywhere[0] == f"reader: serving {case_dir} at http://127.0.0.1:8000/?token={TOKEN}"
    assert everywhere[1].startswith(f"reader: from another machine: http://{socket.gethostname()}:8000/?token={TOKEN}")
    assert "--public-url" in everywhere[1]
    assert "warning: listening on 0.0.0.0" in everywhere[2]
    proxied = ReaderServer(case_dir, host="127.0.0.1", port=8000, token=TOKEN,
                           public_url="https://reader.example.org/").announcement()
    assert proxied[0] == f"reader: serving {case_dir} at https://reader.example.org/?token={TOKEN}"


@pytest.mark.parametrize(("option", "message"), [
    (["--max-sessions", "0"], "--max-sessions 0 allows no reader at all"),
    (["--public-url", "ftp://example.org"], "is not an http:// or https:// address"),
    (["--public-url", "example.org"], "is not an http:// or https:// address"),
    # Names the idna codec cannot encode: an empty label, a label over 63 characters, a bidi override.
    (["--host", "x..y"], "--host x..y is not a host name or address (label empty or too long); give an address "
                         "such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)"),
    (["--host", "a" * 70], "is not a host name or address (label too long)"),
    (["--host", "x\u202e"], "--host x\ufffd is not a host name or address (Invalid character '\\u202e')"),
])
def test_bad_serve_options_are_usage_errors(option: list[str], message: str, case_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(case_dir), "--port", "0", *option]) == 2
    err = capsys.readouterr().err
    assert message in " ".join(err.split())
    assert "Traceback" not in err and "\u202e" not in err


@pytest.mark.parametrize(("width", "height", "size"), [(2000, 2000, (500, 200)), (0, -3, (1, 1)), (80, 24, (80, 24)),
                                                       ("90", "30", (90, 30)), ("x", 3, None), (None, 3, None),
                                                       (10**400, 5, (500, 5))])
def test_sizes_are_held_within_the_limits(width: object, height: object, size: tuple[int, int] | None) -> None:
    assert clamp_size(width, height) == size


# --- the server's log, on the terminal that runs it ----------------------------------------------

#: Requests as a hostile client sends them, raw: controls, C1 and bidi characters in the headers that
#: aiohttp lets through (UTF-8, or bytes that are not UTF-8 at all), and in places it refuses (400).
HOSTILE_REQUESTS = [
    b"GET / HTTP/1.1\r\nHost: h\r\nReferer: http://x/\xc2\x9b1;31m\xe2\x80\xae\r\n"
    b"User-Agent: a\xc2\x9d0;T\xe2\x80\xaeb\r\nConnection: close\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: h\r\nReferer: \x9b2J\xff\r\nConnection: close\r\n\r\n",
    b"GET /ws/x HTTP/1.1\r\nHost: h\r\nOrigin: http://\x9b2J\xe2\x80\xae\r\nConnection: close\r\n\r\n",
    b"GET /\x1b[31m HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: h\r\nX-A: a\x1b]0;TITLE\x07\r\nConnection: close\r\n\r\n",
    b"GET /\xc2\x9b31m\xe2\x80\xae HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
]


def _answer(port: int, request: bytes) -> bytes:
    """The status line the server answers ``request`` with, sent as raw bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


class _Output:
    """A child's output pipe, read line by line without blocking for more than 30 s on any line."""

    def __init__(self, stream: Any) -> None:
        self.descriptor = stream.fileno()
        self.pending = b""

    def lines(self, count: int) -> list[bytes]:
        """The next ``count`` lines (each with its newline)."""
        lines: list[bytes] = []
        while len(lines) < count:
            if b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                lines.append(line + b"\n")
                continue
            ready, _, _ = select.select([self.descriptor], [], [], 30)
            chunk = os.read(self.descriptor, 65536) if ready else b""
            assert chunk, f"the server printed {len(lines)} lines, not {count}: {lines}, {self.pending!r}"
            self.pending += chunk
        return lines


def test_the_log_shows_what_clients_sent_inertly_one_line_each(case_dir: Path) -> None:
    server = subprocess.Popen([sys.executable, "-m", "reader", "serve", str(case_dir), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        output = _Output(server.stdout)
        announced = output.lines(2)
        address = re.search(rb"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", announced[0])
        assert address is not None, announced
        port, token = int(address.group(1)), address.group(2)
        answers = [_answer(port, request) for request in HOSTILE_REQUESTS]
        # The token in an address is left out of the log.
        answers.append(_answer(port, b"GET /?token=" + token + b" HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
        # The third has no token and another page's Origin: one line for the refusal, one for the request.
        logged = output.lines(len(answers) + 1)
    finally:
        server.send_signal(signal.SIGINT)
        rest, err = server.communicate(timeout=30)
    assert [answer.split(b" ")[1] for answer in answers] == [b"403", b"403", b"403", b"400", b"400", b"400", b"200"]
    log = b"".join(logged) + output.pending + rest
    text = log.decode("utf-8")  # strict: no byte that is not UTF-8 reached the terminal
    assert all(char == "\n" or not is_unsafe(char) for char in text), text
    assert not re.search("[\ud800-\udfff]", text)
    assert "Traceback" not in text and err == b""
    assert token.decode() not in text
    lines = text.splitlines()
    assert lines[0].endswith('"GET / HTTP/1.1" 403 296 "http://x/\ufffd1;31m\ufffd" "a\ufffd0;T\ufffdb"')
    assert lines[1].endswith('"GET / HTTP/1.1" 403 296 "\ufffd2J\ufffd" "-"')
    assert lines[2] == "reader: refused a connection from another web page (Origin: http://\ufffd2J\ufffd)"
    # A request aiohttp cannot parse: one line that says what was wrong, the bad bytes as escapes.
    malformed = [line for line in lines if "not a well-formed HTTP request" in line]
    assert malformed == [
        "reader: Error handling request from 127.0.0.1: not a well-formed HTTP request, refused (400): "
        "Invalid char in url path: b'GET /\\x1b[31m HTTP/1.1'",
        "reader: Error handling request from 127.0.0.1: not a well-formed HTTP request, refused (400): "
        "Invalid header value char: b'X-A: a\\x1b]0;TITLE\\x07'",
        "reader: Error handling request from 127.0.0.1: not a well-formed HTTP request, refused (400): "
        "Invalid char in url path: b'GET /\\xc2\\x9b31m\\xe2\\x80\\xae HTTP/1.1'",
    ]
    assert re.fullmatch(r'127\.0\.0\.1 \[[^]]+\] "GET /\?token=… HTTP/1\.1" 200 \d+ "-" "-"', lines[-1])
    assert len(lines) == len(answers) + 1  # and nothing else: a line each, a refusal's note, no traceback


def test_a_logged_error_is_one_inert_line() -> None:
    try:
        raise ValueError("first line\nsecond \x1b]52;c;aGk=\x07 line\u202e")
    except ValueError:
        record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1, "Unhandled exception for %s",
                                   ("/ws/" + TOKEN,), sys.exc_info())
    line = LogLine(TOKEN).format(record)
    assert line == ("reader: Unhandled exception for /ws/…: ValueError: first line second "
                    "\u241b]52;c;aGk=\u2407 line\ufffd")
    long = logging.LogRecord("aiohttp.access", logging.INFO, __file__, 1, "%s", ("x" * 20_000,), None)
    assert len(LogLine(TOKEN).format(long)) == 1000


def test_whatever_else_the_server_prints_is_inert() -> None:
    # textual-serve copies a reader's standard error to standard output, as it is, when the reader
    # fails to start; the server's standard output is this stream.
    shown = io.StringIO()
    output = InertOutput(shown)
    print("reader failed:\n  title \x1b]0;TITLE\x07 \u202eevil \udc9b", file=output, flush=True)
    assert shown.getvalue() == "reader failed:\n  title \u241b]0;TITLE\u2407 \ufffdevil \ufffd\n"
