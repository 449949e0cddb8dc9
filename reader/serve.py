"""``reader serve``: the same reader, in a web browser, with textual-serve.

Each browser tab that opens the page starts its own ``reader PATH`` process
(run with this very Python: ``sys.executable -m reader PATH``) and talks to
it over a websocket; the page draws the terminal with xterm.js. The server
listens on 127.0.0.1 by default, so only this machine can open it; another
``--host`` is allowed, with a warning, since anyone who can reach it can
read the case.
"""

from __future__ import annotations

import errno
import ipaddress
import re
import shlex
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from reader.cli import EXIT_OK, UsageError, _parser, _path_argument, resolve_case_path
from reader.model.controls import clean

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def served_command(folder: Path) -> str:
    """The shell command each browser session runs: this Python, ``-m reader``, the case folder."""
    return shlex.join([sys.executable, "-m", "reader", str(folder.resolve())])


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


def claim_port(host: str, port: int) -> int:
    """Check that ``port`` on ``host`` is free (0: pick a free one) and return the port to use.

    Raises:
        UsageError: the port is taken, or the host cannot be listened on; the message says what to do.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on host {host}: {exc.strerror}; try --host 127.0.0.1") from None
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


def serve_command(args: list[str]) -> int:
    """``reader serve``: serve the reader for a case in a web browser until Ctrl+C."""
    parser = _parser("reader serve", "Serve the reader in a web browser (the same keys as in the "
                                     "terminal). Each browser tab runs its own reader. Stop with Ctrl+C. "
                                     "Exit code 0 when stopped, 2 on usage errors (a port in use).")
    _path_argument(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers reach the server at, when it differs (behind a proxy)")
    options = parser.parse_args(args)
    if not 0 <= options.port <= 65535:
        raise UsageError(f"--port {options.port} is not a port number (0 to 65535)")
    folder = resolve_case_path(options.path).resolve()
    port = claim_port(options.host, options.port)
    # Imported only to serve: textual-serve brings aiohttp and jinja2 along.
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    url = options.public_url or url_for(options.host, port)

    class ReaderServer(Server):
        """textual-serve's server, announcing itself in the reader's words, with a page that stays local."""

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            # The stock page asks a web font service for Roboto Mono, which would tell a third party
            # who is reading; the font ships with textual-serve and xterm.js falls back to a local
            # monospace font, so the page is served without that request.
            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(_local_template(Path(self.templates_path))))
            return app

        async def on_startup(self, app: object) -> None:
            print(f"reader: serving {clean(str(folder))} at {clean(url)}", flush=True)
            if not is_loopback(options.host):
                print(f"reader: warning: listening on {clean(options.host)}: anyone who can reach this "
                      "address can read the case", flush=True)
            print("reader: open that address in a web browser; press Ctrl+C here to stop", flush=True)

    server = ReaderServer(served_command(folder), host=options.host, port=port, title="reader", public_url=url)
    try:
        server.serve()
    except OSError as exc:
        # Taken between the check and the server's own bind: say so plainly rather than with a traceback.
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {options.host} is already in use; choose another with "
                             "--port N") from None
        raise UsageError(f"cannot serve on {options.host} port {port}: {exc.strerror or exc}") from None
    return EXIT_OK
