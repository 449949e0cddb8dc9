"""A folder of cases: whether a folder is one, which of its subfolders are cases, and their titles at a glance.

Listing does not load or check anything beyond the title in ``case.yaml``, so
a folder of many cases lists quickly; a case whose ``case.yaml`` cannot be
read is still listed, with the reason, and opening it shows its problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from reader.load.files import MAX_YAML_BYTES, read_text
from reader.load.problems import Problems
from reader.load.yamlnodes import QuickSafeLoader

CASE_FILE = "case.yaml"


class CaseEntry(NamedTuple):
    """One case of a folder: where it is, its title, and why the title is missing if it is.

    A named tuple rather than a frozen dataclass: every command imports this
    module, and making a frozen dataclass costs start-up six times as much.
    """

    folder: Path
    title: str
    problem: str | None = None


def is_case(folder: Path) -> bool:
    """Whether ``folder`` is a case folder (it holds ``case.yaml``).

    A folder whose ``case.yaml`` cannot even be looked up (its path is over
    the system's limit) counts as a case: loading it says what is wrong.
    """
    try:
        return (folder / CASE_FILE).is_file()
    except OSError:
        return True


def cases_in(folder: Path) -> list[CaseEntry] | None:
    """The cases directly inside ``folder`` when it is a folder of cases; None when it is a case (or neither).

    The one way the reader tells the two apart, for ``reader FOLDER`` (the
    watchlist) and ``reader check|status FOLDER`` alike: a folder holding
    ``case.yaml`` is a case, whatever else it holds; one holding none, but
    case folders, is a folder of cases; anything else is read as a case, so
    loading it says what is missing.
    """
    if is_case(folder):
        return None
    return list_cases(folder) or None


def list_cases(folder: Path) -> list[CaseEntry]:
    """The cases directly inside ``folder``, by title; empty when there are none."""
    entries = []
    try:
        children = sorted(child for child in folder.iterdir() if child.is_dir() and is_case(child))
    except OSError:
        return []
    for child in children:
        entries.append(_entry(child))
    return sorted(entries, key=lambda entry: entry.title.casefold())


def _entry(folder: Path) -> CaseEntry:
    problems = Problems()
    try:
        text = read_text(folder / CASE_FILE, problems, limit=MAX_YAML_BYTES, what="case file")
        if text is None:
            return CaseEntry(folder, folder.name, problems.sorted()[0].message if problems.sorted() else "unreadable")
        # The loader that counts values: a huge case.yaml is refused, not built whole, to list one title.
        data = yaml.load(text, Loader=QuickSafeLoader)
        title = data["case"]["title"]
        if not isinstance(title, str) or not title.strip():
            raise TypeError("no title")
        return CaseEntry(folder, " ".join(title.split()))
    except Exception as exc:
        return CaseEntry(folder, folder.name, f"case.yaml cannot be read ({type(exc).__name__}); open it for details")
