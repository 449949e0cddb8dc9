"""The command line as a package: each command its own module, the UI imported only to run the app.

The import-linter contracts in pyproject.toml (run by ``lint-imports`` in
.ci/run) hold the layers; these tests hold what a contract cannot see: what
a real run imports, and names rather than modules.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from reader import __version__

CLI = Path(__file__).resolve().parent.parent / "reader" / "cli"


def test_reader_check_runs_without_importing_textual_or_the_ui() -> None:
    probe = ("import sys\n"
             "from reader.cli import main\n"
             "code = main(['check', '-q'])\n"
             "ui = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('reader.ui'))\n"
             "print(code, ui)\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("baltabay: ") and lines[0].endswith("no problems")
    assert lines[-1] == "0 []"


def test_python_dash_m_reader_is_the_command_line() -> None:
    run = subprocess.run([sys.executable, "-m", "reader", "check", "--version"], capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, f"reader {__version__}\n")


def test_no_module_of_the_command_line_imports_a_private_name_of_another() -> None:
    modules = sorted(CLI.glob("*.py"))
    assert {"options.py", "check.py", "serve.py"} <= {path.name for path in modules}  # it reads the package
    private = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reader"):
                private += [f"{path.name}: {node.module}.{alias.name}" for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert private == []
