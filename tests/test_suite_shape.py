"""The test suite keeps its shape: helpers from tests.support only, and UI tests that wait on state, not the clock."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__snapshots__" not in path.parts)


def test_no_test_module_or_conftest_is_imported() -> None:
    wrong = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            ours = [name for name in names if "." not in name or name.startswith("tests.")]
            wrong += [f"{path.relative_to(TESTS)}: {name}" for name in ours
                      if name.rpartition(".")[2] == "conftest" or name.rpartition(".")[2].startswith("test_")]
    assert wrong == [], "import shared helpers from tests.support"


def test_ui_tests_never_pause_or_sleep_for_a_fixed_time() -> None:
    wrong = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                timed_pause = node.func.attr == "pause" and (node.args or node.keywords)
                ui_sleep = node.func.attr == "sleep" and "ui" in path.relative_to(TESTS).parts
                if timed_pause or ui_sleep:
                    wrong.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert wrong == [], "wait on state: tests.support.pilot.wait_until"
