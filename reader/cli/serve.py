"""``reader serve``: the same reader, in a web browser, with textual-serve.

Each browser tab that opens the page starts its own ``reader PATH`` process
(run with this very Python: ``sys.executable -m reader PATH``) and talks to
it over a websocket; the page draws the terminal with xterm.js. The server
listens on 127.0.0.1 by default, so only this machine can open it; another
``--host`` is allowed, with a warning, since anyone who can reach it and
has the address can read the case.

Who may drive a reader, and how much it may cost:

- **A secret in the address.** The page and the websocket both need the
  token printed with the address (``/?token=…``, as notebook servers do);
  without it the answer is 403. The page hands the token on to its
  websocket in the path (``/ws/TOKEN``): textual.js appends its own
  ``?width=…`` to the websocket address, so a query there would be mangled.
- **Only the page's own origin.** A browser lets any web page open a
  websocket to 127.0.0.1; it always says which page in ``Origin``. The
  websocket is accepted only from the origin the page was served at (the
  address the browser came in on, or ``--public-url``).
- **Bounded sessions.** A terminal is at most 500×200 cells (a reader's
  memory grows with its screen), at most ``--max-sessions`` readers run at
  once, and a reader ends as soon as its websocket closes (killed if it
  has not quit within a few seconds).
- **An inert log.** Each request is logged on the server's terminal, quoting
  what the client sent (the path, ``Referer``, ``User-Agent``): every line
  goes through :func:`~reader.model.text_safety.clean`, stays one line (a
  malformed request too, with no traceback) and leaves out the token.

The websocket address in the page is built from the ``Host`` the browser
sent (or ``--public-url``), never from ``--host``: ``0.0.0.0`` is where the
server listens, not an address a browser can reach.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import io
import ipaddress
import logging
import os
import re
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_log import AccessLogger
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from reader.cli.options import EXIT_OK, UsageError, command_parser, path_argument, resolve_case_path
from reader.model.text_safety import clean

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: The largest terminal a browser may ask for, in cells. A reader's memory grows with its screen
#: (2000×2000 took about 280 MB); 500×200 is more than a 4K screen holds at a readable font size.
MAX_WIDTH, MAX_HEIGHT = 500, 200
#: How many readers may run at once, unless --max-sessions says otherwise.
DEFAULT_MAX_SESSIONS = 8
#: Seconds a reader has to quit once its websocket has closed, before it is killed.
QUIT_GRACE = 5.0
#: The longest line the server logs, in characters; the rest is cut to "…".
LOG_LINE_LIMIT = 1000
#: Addresses that mean "every interface": the server listens there, but no browser can go there.
WILDCARD_HOSTS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}

log = logging.getLogger("reader.serve")


def served_command(folder: Path) -> str:
    """The shell command each browser session runs: this Python, ``-m reader``, the case folder.

    textual-serve runs it through ``/bin/sh -c``; ``exec`` makes the reader the process the
    server started (not a child of a shell), so ending that process ends the reader.
    """
    command = shlex.join([sys.executable, "-m", "reader", str(folder.resolve())])
    return f"exec {command}" if os.name == "posix" else command


def url_for(host: str, port: int) -> str:
    """``http://host:port``, with an IPv6 address in brackets."""
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass  # a host name
    return f"http://{host}:{port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def page_address(base: str, token: str) -> str:
    """The address to open: the page at ``base`` with its token, ``http://127.0.0.1:8000/?token=…``."""
    return f"{base.rstrip('/')}/?token={token}"


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """A terminal size within 1×1 and :data:`MAX_WIDTH` × :data:`MAX_HEIGHT`; None if either is not a number."""
    try:
        columns, rows = int(width), int(height)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(columns, 1), MAX_WIDTH), min(max(rows, 1), MAX_HEIGHT)


def claim_port(host: str, port: int) -> int:
    """Check that ``port`` on ``host`` is free (0: pick a free one) and return the port to use.

    Raises:
        UsageError: the port is taken, or the host is not a name or address that can be listened on;
            the message says what to do.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on host {host}: {exc.strerror}; try --host 127.0.0.1") from None
    except UnicodeError as exc:
        # A name that cannot be written in DNS's alphabet (an empty label in `x..y`, one over
        # 63 characters, a control or bidi character): the idna codec says why, in its cause.
        reason = exc.__cause__ or exc
        raise UsageError(f"--host {host} is not a host name or address ({reason}); give an address such as "
                         "127.0.0.1 (this machine only) or 0.0.0.0 (every interface), or a name such as "
                         "localhost") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # The server sets SO_REUSEADDR too, so a port left in TIME_WAIT counts as free here as it does there.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use (is another reader serve "
                                 "running?); choose another with --port N, or --port 0 for any free port") from None
            if exc.errno == errno.EACCES:
                raise UsageError(f"not allowed to listen on port {port}; ports below 1024 need special "
                                 "rights, choose one above 1024 with --port N") from None
            raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
        return probe.getsockname()[1]


_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^>]*>", re.IGNORECASE)


def _local_template(folder: Path) -> Callable[[str], str | None]:
    """A template loader for textual-serve's templates with every link to another site removed."""

    def load(name: str) -> str | None:
        path = folder / name
        if not path.is_file():
            return None
        return _REMOTE_LINK.sub("", path.read_text(encoding="utf-8"))

    return load


def _origin(url: URL) -> tuple[str, str, int | None]:
    """What makes two addresses the same origin: scheme, host and port (the scheme's default if not given)."""
    return url.scheme.lower(), (url.host or "").lower(), url.port


class Session(AppService):
    """One browser tab's reader: textual-serve's app service, held to a size and ended for sure."""

    size: tuple[int, int] = (0, 0)
    _ending: asyncio.Task[None] | None = None

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        """The reader's process, once started."""
        return self._process

    async def start(self, width: int, height: int) -> None:
        """Start the reader at ``width``×``height``, within the largest size allowed."""
        self.size = clamp_size(width, height) or (80, 24)
        await super().start(*self.size)

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Pass on a resize from the browser, within the largest size allowed; ignore one that is not numbers."""
        size = clamp_size(width, height)
        if size is not None:
            self.size = size
            await super().set_terminal_size(*size)

    def end(self, grace: float = QUIT_GRACE) -> asyncio.Task[None]:
        """Ask the reader to quit; kill it if it has not within ``grace`` seconds; wait until it is gone.

        The ending runs once, as a task of its own, however many ask for it (the tab's handler, the
        server shutting down): aiohttp cancels a handler when its connection drops, possibly while
        the reader is being ended, and a reader must not be left running for a closed tab.
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._quit_or_kill(grace))
        return self._ending

    async def _quit_or_kill(self, grace: float) -> None:
        process = self._process
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop(), grace)
        if process is None:
            return
        try:
            await asyncio.wait_for(_finished(process), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_finished(process), grace)


async def _finished(process: asyncio.subprocess.Process) -> None:
    """Wait until ``process`` has exited and its pipes are closed.

    asyncio counts a process as finished only once its output pipes are closed,
    and textual-serve stops reading them when the browser goes away (a pipe it
    no longer reads stays open, with the reader's last output in it): read what
    is left, and drop it.
    """
    streams = [stream for stream in (process.stdout, process.stderr) if stream is not None]
    await asyncio.gather(*(stream.read() for stream in streams))
    await process.wait()


def inert(text: str) -> str:
    """``text`` as :func:`clean` makes it: aiohttp decodes what a client sent with ``surrogateescape``,
    and ``clean`` shows those bytes (``\x9b``, the 8-bit CSI) as � too."""
    return clean(text)


class InertOutput(io.TextIOBase):
    """A text stream that writes what it is given through :func:`inert` (newlines kept) to ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def writable(self) -> bool:
        """Yes: it is for writing."""
        return True

    def write(self, text: str) -> int:
        """Write ``text`` inert; return its length, as written."""
        self.stream.write(inert(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream it writes to."""
        self.stream.flush()

    def fileno(self) -> int:
        """The descriptor of the stream it writes to."""
        return self.stream.fileno()


class LogLine(logging.Formatter):
    """Every record the server logs as one inert line, without the token.

    The log quotes what clients sent: the path, ``Referer``, ``User-Agent``, and
    for a request aiohttp cannot parse, its raw bytes. A client can put ESC, C1
    controls or bidi overrides in any of them, and the log is printed on the
    terminal that runs ``reader serve``, so the whole line goes through
    :func:`inert` (:func:`clean`, the one function every terminal output goes through). A
    traceback would print ~60 lines for each malformed request (and, as Rich
    drew them, the local variables holding the request); an exception becomes
    its type and message on the same line. Lines are cut at
    :data:`LOG_LINE_LIMIT` characters: a request's headers may be 8 KB each.
    """

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        """``record`` as one line: cleaned, on one line, the token replaced by ``…``, at most so long."""
        message = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            # aiohttp's parser refused it and answered 400: the client's mistake (or probe), not ours.
            message = f"{message}: not a well-formed HTTP request, refused ({error.code}): {_parser_error(error)}"
        elif error is not None:
            message = f"{message}: {type(error).__name__}: {error}"
        if record.levelno >= logging.WARNING:  # the server's own say, as its other lines; an access line is not
            message = f"reader: {message}"
        # A token in a logged address is the key to the reader: a log that is shared must not share it.
        line = " ".join(inert(message.replace(self.token, "…")).split())  # one line, whatever it quotes
        return line if len(line) <= LOG_LINE_LIMIT else line[: LOG_LINE_LIMIT - 1] + "…"


def _parser_error(error: HttpProcessingError) -> str:
    """What aiohttp's parser found wrong, without the line of ``^`` it points at the bad byte with."""
    return " ".join(line.strip() for line in error.message.splitlines() if line.strip(" ^"))


class AccessLog(AccessLogger):
    """aiohttp's access log (a line per request), without its line for a request it could not parse.

    aiohttp stands in ``UNKNOWN / HTTP/1.0`` for such a request and logs its error (see
    :class:`LogLine`), which says what was wrong; the access line would only repeat that there was a 400.
    """

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        """Log ``request`` unless it is aiohttp's stand-in for one it could not parse."""
        if request.method == "UNKNOWN" and response.status == 400:
            return
        super().log(request, response, time)


class ReaderServer(Server):
    """textual-serve's server, with a token, an origin check, bounded sessions and a page that stays local.

    Args:
        folder: the case folder (or folder of cases) each session opens.
        host, port: where to listen.
        token: the secret every request must carry.
        public_url: the address browsers use, when it is not the one they came in on (a proxy).
        max_sessions: how many readers may run at once.
    """

    def __init__(self, folder: Path, *, host: str, port: int, token: str, public_url: str | None = None,
                 max_sessions: int = DEFAULT_MAX_SESSIONS) -> None:
        super().__init__(served_command(folder), host=host, port=port, title="reader",
                         public_url=public_url or url_for(host, port))
        self.folder = folder
        self.token = token
        self.given_public_url = public_url.rstrip("/") if public_url else None
        self.max_sessions = max_sessions
        self.sessions: set[Session] = set()

    def initialize_logging(self) -> None:
        """The server's log: a line per request and per problem, on standard output, each line inert.

        Instead of textual-serve's: its Rich handler printed what clients sent as it came, and a
        traceback for each malformed request.
        """
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(LogLine(self.token))
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO, handlers=[handler], force=True)

    async def make_app(self) -> web.Application:
        """The aiohttp application (to run it yourself, as the tests do)."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        # The stock page asks a web font service for Roboto Mono, which would tell a third party
        # who is reading; the font ships with textual-serve and xterm.js falls back to a local
        # monospace font, so the page is served without that request.
        aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(_local_template(Path(self.templates_path))))
        # The page's websocket: the token in the path (textual.js adds its own query to this address).
        app.router.add_get("/ws/{token}", self.handle_websocket, name="session")
        return app

    # --- who may come in --------------------------------------------------------------------

    def base_url(self, request: web.Request) -> str:
        """The address the browser reached this server at: ``--public-url``, else its ``Host``."""
        return self.given_public_url or f"{request.scheme}://{request.host}"

    def _has_token(self, request: web.Request) -> bool:
        given = request.match_info.get("token") or request.query.get("token", "")
        return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.token.encode("utf-8"))

    def _from_own_page(self, request: web.Request) -> bool:
        """Whether the websocket was opened by this server's own page (``Origin`` is the page's origin)."""
        origin = request.headers.get("Origin")
        if not origin:
            return False  # every browser sends it with a websocket; without it, it is not our page
        try:
            allowed = {_origin(URL(f"{request.scheme}://{request.host}"))}
            if self.given_public_url:
                allowed.add(_origin(URL(self.given_public_url)))
            return _origin(URL(origin)) in allowed
        except ValueError:
            return False

    def _refusal(self, request: web.Request, *, websocket: bool) -> web.Response | None:
        """A 403 for a request without the token or, for a websocket, from another site; else None."""
        if websocket and not self._from_own_page(request):
            origin = inert(request.headers.get("Origin", "none"))[:200]  # it goes in the answer, too
            log.warning("refused a connection from another web page (Origin: %s)", origin)
            return web.Response(status=403, text=f"reader: refused: this connection comes from another web "
                                                 f"page (Origin: {origin}), not from the reader's own page.\n")
        if not self._has_token(request):
            return web.Response(status=403, text="reader: this address needs the token that reader serve "
                                                 "printed; open the whole address it printed "
                                                 "(…/?token=…).\n")
        return None

    def _full(self) -> web.Response | None:
        """A 503 when as many readers run as allowed; else None."""
        if len(self.sessions) < self.max_sessions:
            return None
        return web.Response(status=503, text=f"reader: as many readers are open as this server runs at once "
                                             f"({self.max_sessions}); close a reader's tab and reload this page, "
                                             "or restart reader serve with --max-sessions N.\n")

    # --- the page and its websocket ---------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The page: xterm.js and the address of this tab's websocket, which carries the token."""
        if (refusal := self._refusal(request, websocket=False) or self._full()) is not None:
            return refusal
        base = self.base_url(request)
        scheme, rest = base.split(":", 1)
        context: dict[str, Any] = {
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 6), 72),
            "app_websocket_url": ("wss:" if scheme == "https" else "ws:") + rest + f"/ws/{self.token}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        # The token is in this page's address: a link followed from it must not pass that on.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One tab's reader, driven over a websocket: refused without the token, from another page, or when full."""
        if (refusal := self._refusal(request, websocket=True) or self._full()) is not None:
            return refusal
        websocket = web.WebSocketResponse(heartbeat=15)  # a browser that vanished is noticed within ~30 s
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text="reader: this is the reader page's websocket; open the page "
                                                 "instead (…/?token=…).\n")
        session = Session(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                          close=websocket.close, download_manager=self.download_manager, debug=self.debug)
        # Counted before the first await, so tabs that connect at once cannot pass the limit together.
        self.sessions.add(session)
        try:
            await websocket.prepare(request)
            await session.start(to_int(request.query.get("width", "80"), 80),
                                to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, session)
        except Exception as exc:  # one tab's trouble must not stop the server
            # A message that is not what textual.js sends, or a connection gone: end this session
            # and say why in one line (textual-serve would log a traceback).
            log.warning("a session ended: %s: %s", type(exc).__name__, exc)
        finally:
            ending = session.end()  # runs to the end even if this handler is cancelled meanwhile
            ending.add_done_callback(lambda _: self.sessions.discard(session))
            await asyncio.shield(ending)
            if websocket.prepared:
                await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab's reader before the server stops, rather than leave them to the handlers' cancellation."""
        await asyncio.gather(*(session.end() for session in list(self.sessions)), return_exceptions=True)

    async def on_startup(self, app: object) -> None:
        """Nothing: textual-serve prints its logo here, before the server listens; :meth:`serve` announces."""

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C, printing the address once the server listens, so it can be opened at once.

        textual-serve's own ``serve`` prints from ``on_startup``, before the port is open; this is
        the same ``web.run_app`` call, with aiohttp's "running on" hook printing our announcement.
        """
        self.debug = debug
        # Whatever else writes to standard output goes through `inert` too: textual-serve copies a
        # reader's standard error there, as it is, when the reader fails to start.
        sys.stdout = InertOutput(sys.stdout)
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for stop in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows
                loop.add_signal_handler(stop, self.request_exit)

        def announce(*_: object) -> None:
            for line in self.announcement():
                print(line, flush=True)

        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=announce, access_log_class=AccessLog)

    def announcement(self) -> list[str]:
        """What the server prints when it starts: the address with its token, and warnings."""
        folder = inert(str(self.folder))
        if self.given_public_url:
            return [f"reader: serving {folder} at {inert(page_address(self.given_public_url, self.token))}",
                    "reader: open that address in a web browser; press Ctrl+C here to stop"]
        lines = []
        if self.host in WILDCARD_HOSTS:
            here = url_for(WILDCARD_HOSTS[self.host], self.port)
            lines.append(f"reader: serving {folder} at {page_address(here, self.token)}")
            elsewhere = page_address(url_for(socket.gethostname(), self.port), self.token)
            lines.append(f"reader: from another machine: {inert(elsewhere)} (or this machine's address in "
                         "place of its name; behind a proxy, pass --public-url)")
        else:
            address = page_address(url_for(self.host, self.port), self.token)
            lines.append(f"reader: serving {folder} at {inert(address)}")
        if not is_loopback(self.host):
            lines.append(f"reader: warning: listening on {inert(self.host)}: anyone who can reach this "
                         "address and has the token can read the case")
        lines.append("reader: open that address in a web browser; press Ctrl+C here to stop")
        return lines


def serve_command(args: list[str]) -> int:
    """``reader serve``: serve the reader for a case in a web browser until Ctrl+C."""
    parser = command_parser("reader serve", "Serve the reader in a web browser (the same keys as in the "
                                            "terminal). Each browser tab runs its own reader. It prints the "
                                            "address to open, with a secret token that the page needs. Stop with "
                                            "Ctrl+C. Exit code 0 when stopped, 2 on usage errors (a port in use).")
    path_argument(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers reach the server at, when it differs (behind a proxy)")
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS, metavar="N",
                        help=f"how many browser tabs may each run a reader at once (default: "
                             f"{DEFAULT_MAX_SESSIONS})")
    options = parser.parse_args(args)
    if not 0 <= options.port <= 65535:
        raise UsageError(f"--port {options.port} is not a port number (0 to 65535)")
    if options.max_sessions < 1:
        raise UsageError(f"--max-sessions {options.max_sessions} allows no reader at all; give 1 or more")
    public_url = options.public_url
    if public_url is not None:
        try:
            parsed = URL(public_url)
        except ValueError:
            parsed = None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
            raise UsageError(f"--public-url {public_url} is not an http:// or https:// address; "
                             "give the address browsers use, e.g. https://reader.example.org")
    folder = resolve_case_path(options.path).resolve()
    port = claim_port(options.host, options.port)
    server = ReaderServer(folder, host=options.host, port=port, token=secrets.token_urlsafe(32),
                          public_url=public_url, max_sessions=options.max_sessions)
    try:
        server.serve()
    except OSError as exc:
        # Taken between the check and the server's own bind: say so plainly rather than with a traceback.
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {options.host} is already in use; choose another with "
                             "--port N") from None
        raise UsageError(f"cannot serve on {options.host} port {port}: {exc.strerror or exc}") from None
    return EXIT_OK
