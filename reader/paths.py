"""Where the bundled cases and styles are, installed or in a source checkout.

A plain ``pip install .`` copies ``content/`` and ``styles/`` into the
package (see ``pyproject.toml``); in a source checkout or an editable
install they sit beside the package instead.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / name


def bundled_cases() -> Path:
    """The folder of cases that ship with reader."""
    return _data_dir("content")


def default_case() -> Path:
    """The case opened when no path is given."""
    return bundled_cases() / "baltabay"


def styles_dir() -> Path:
    """The folder of Textual stylesheets."""
    return _data_dir("styles")
