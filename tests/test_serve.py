"""`reader serve` without a browser: the command each session runs, the address, a port already in use.

The served reader itself is opened in a real browser in tests/test_browser.py.
"""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.serve import claim_port, is_loopback, served_command, url_for


def test_each_session_runs_this_python_on_the_case_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a case; rm -rf ~"
    folder.mkdir()
    command = served_command(folder)
    # The command goes through a shell: the folder must come back as one argument, unharmed.
    assert shlex.split(command) == [sys.executable, "-m", "reader", str(folder.resolve())]


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
