"""reader add with an address: fetched from a local http.server thread, never from the internet.

Each hostile answer (too big, a gzip bomb, a server that never finishes, an
error status, not a web page, no such host) must end in a clear error
within the limits, never a traceback or a hang.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.ingest.retrieve import IngestError, download

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Handler]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes = {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def _address(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _send(body: bytes, *, content_type: str = "text/html; charset=utf-8", encoding: str | None = None,
          status: int = 200) -> Handler:
    def handle(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        if encoding:
            handler.send_header("Content-Encoding", encoding)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return handle


def test_a_page_is_fetched_decompressed_and_its_server_charset_honoured(server: _Server) -> None:
    page = (PAGES / "ngo-wikimedia.html").read_bytes()
    server.routes["/turkey"] = _send(gzip.compress(page), encoding="gzip")
    retrieved = download(_address(server, "/turkey"))
    assert retrieved.raw == page and retrieved.address == _address(server, "/turkey")
    assert retrieved.charset == "utf-8"


def test_a_page_over_the_size_limit_is_refused(server: _Server) -> None:
    server.routes["/huge"] = _send(b"<p>" + b"x" * 300_000)
    with pytest.raises(IngestError, match="over the 195 kB limit") as raised:
        download(_address(server, "/huge"), limit=200_000)
    assert "save it from the browser" in (raised.value.hint or "")


def test_a_gzip_bomb_is_refused_without_filling_the_memory(server: _Server) -> None:
    bomb = zlib.compress(b"\0" * (64 * 1024 * 1024), 9)  # 64 MB of zeros in about 64 kB
    assert len(bomb) < 100_000
    server.routes["/bomb"] = _send(bomb, encoding="deflate")
    with pytest.raises(IngestError, match="decompresses to more than 10 MB: refused"):
        download(_address(server, "/bomb"))


def test_a_server_that_never_finishes_is_given_up_on(server: _Server) -> None:
    stop = threading.Event()

    def trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        while not stop.is_set():  # a byte at a time, until the client goes
            try:
                handler.wfile.write(b"x")
                handler.wfile.flush()
            except OSError:
                return
            stop.wait(0.01)

    server.routes["/slow"] = trickle
    try:
        with pytest.raises(IngestError, match=r"no complete answer from .* in time"):
            download(_address(server, "/slow"), timeout=0.5)
    finally:
        stop.set()


@pytest.mark.parametrize(("route", "message"), [
    ("/missing", "answered 404 Not Found"),
    ("/pdf", "is application/pdf, not a web page"),
])
def test_error_answers_say_what_the_server_said(server: _Server, route: str, message: str) -> None:
    server.routes["/pdf"] = _send(b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(IngestError, match=message):
        download(_address(server, route))


def test_no_network_is_an_honest_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `.invalid` never resolves (RFC 2606): what a machine with no network says about every host.
    main(["new", str(tmp_path / "case"), "--title", "Offline"])
    capsys.readouterr()
    code = main(["add", str(tmp_path / "case"), "https://news.example.invalid/article"])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot look up news.example.invalid: no network, or no such host" in err
    assert "a page saved from the browser needs no network" in err
    assert "Traceback" not in err


def test_reader_add_fetches_an_address_into_the_case(server: _Server, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    page = (PAGES / "news-netzpolitik.html").read_bytes()
    server.routes["/article"] = _send(page)
    case = tmp_path / "case"
    assert main(["new", str(case), "--title", "Abmahnungen"]) == 0
    assert main(["add", str(case), _address(server, "/article"), "--kind", "news"]) == 0
    out = capsys.readouterr().out
    assert "added the source `netzpolitik-org-2016-06-23`" in out
    assert (case / "originals" / "netzpolitik-org-2016-06-23.html").read_bytes() == page
    # The page's own canonical address is kept, not the local one it was fetched from.
    assert "url: https://netzpolitik.org/2016/die-cider-connection" in (case / "case.yaml").read_text()
