"""Shared helpers: a minimal valid case folder that a test can break one thing in.

``write_case(folder)`` writes a small case that loads with no problems at
all. Pass ``files={"entities.yaml": "..."}`` to replace one file (a string is
dedented and written as is, so a test knows the exact line and column of what
it breaks; bytes are written raw; a dict or list is dumped as YAML; None
removes the file). ``problem_texts`` renders problems exactly as ``reader
check`` locates them, with paths relative to the case folder.
"""

from __future__ import annotations

import gc
import textwrap
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
import yaml

from reader.load.case_loader import LoadResult, load_case
from reader.load.problems import Problem

# No property test has a time limit: a busy machine made one example of a
# fast test take 300 ms. Speed is the benchmarks' business, not the tests'.
hypothesis.settings.register_profile("reader", deadline=None)
hypothesis.settings.load_profile("reader")


@pytest.fixture(autouse=True)
def collectable_garbage() -> Iterator[None]:
    """Give the garbage collector back what a test's loads and apps froze out of its reach.

    The reader freezes a loaded case and its first screen (``gc.freeze``), as
    a process holding one case until exit can; a test process opens hundreds,
    and what one test leaves in reference cycles must still be freed.
    """
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings folder, so no test reads or writes the user's real settings."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder))
    return folder


DAILY_TEXT = """\
Union leader sentenced

On 17 July 2019 Erlan Baltabay, a union leader, was sentenced to seven years in prison. \
Baltabay said he was innocent. The Ministry of Justice did not comment.
"""

WEEKLY_TEXT = """\
Baltabai released

Erlan Baltabai was released in August 2019 after a pardon. He had been sentenced in July.
"""

CASE_YAML = """\
version: 1
case:
  id: demo
  title: Demo case
  subject: erlan-baltabay
sources:
  - id: daily
    file: sources/daily.txt
    title: Union leader sentenced
    publisher: The Daily
    author: null
    date: 2019-07-18
    kind: news
  - id: weekly
    file: sources/weekly.txt
    title: Baltabai released
    publisher: The Weekly
    date: unknown
    not_before: 2019-08
    date_inferred: true
    date_note: It reports the release of August 2019.
    kind: news
"""

ENTITIES_YAML = """\
entities:
  - id: erlan-baltabay
    type: person
    name: Erlan Baltabay
    aliases: [Baltabay, Erlan Baltabai, Baltabai]
    description: A union leader.
    citations:
      - source: daily
        quote: "Erlan Baltabay, a union leader"
  - id: ministry-of-justice
    type: organisation
    name: Ministry of Justice
    description: Did not comment.
    citations:
      - source: daily
        quote: "The Ministry of Justice did not comment."
"""

EVENTS_YAML = """\
events:
  - id: sentence
    kind: sentence
    date: 2019-07-17
    summary: Sentenced to seven years.
    entities: [erlan-baltabay]
    status:
      state: imprisoned
      summary: In prison.
    citations:
      - source: daily
        quote: "was sentenced to seven years in prison"
  - id: release
    kind: release
    date: 2019-08
    summary: Released after a pardon.
    entities: [erlan-baltabay]
    citations:
      - source: weekly
        quote: "was released in August 2019 after a pardon"
"""

QUOTES_YAML = """\
quotes:
  - id: innocent
    speaker: erlan-baltabay
    mode: reported
    citation:
      source: daily
      quote: "Baltabay said he was innocent."
    about: [sentence]
"""

DIFFERENCES_YAML = """\
differences:
  - id: surname
    topic: name
    summary: The sources spell the surname differently.
    entities: [erlan-baltabay]
    sides:
      - says: Baltabay
        citations:
          - source: daily
            quote: "Erlan Baltabay"
      - says: Baltabai
        citations:
          - source: weekly
            quote: "Erlan Baltabai"
"""

BASE_FILES: dict[str, str] = {
    "case.yaml": CASE_YAML,
    "entities.yaml": ENTITIES_YAML,
    "events.yaml": EVENTS_YAML,
    "quotes.yaml": QUOTES_YAML,
    "differences.yaml": DIFFERENCES_YAML,
    "sources/daily.txt": DAILY_TEXT,
    "sources/weekly.txt": WEEKLY_TEXT,
}


def write_case(folder: Path, files: dict[str, str | bytes | dict | list | None] | None = None) -> Path:
    """Write the minimal valid case into ``folder``, with ``files`` replacing some of it."""
    contents: dict[str, str | bytes | dict | list | None] = {**BASE_FILES, **(files or {})}
    folder.mkdir(parents=True, exist_ok=True)
    for relative, content in contents.items():
        path = folder / relative
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def problem_texts(result: LoadResult) -> list[str]:
    """Every problem as ``reader check`` shows it, paths relative to the case folder."""
    return [p.format(relative_to=result.folder) for p in result.problems.sorted()]


def only_problem(result: LoadResult) -> Problem:
    """The one problem a broken case must have; fails listing them all otherwise."""
    problems = list(result.problems)
    assert len(problems) == 1, "\n".join(problem_texts(result))
    return problems[0]


def headline(problem: Problem, folder: Path) -> str:
    """The first line of a problem: ``file:line:col: severity: message``."""
    return problem.format(relative_to=folder).splitlines()[0]


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """A fresh, valid case folder."""
    return write_case(tmp_path / "case")


@pytest.fixture
def broken(tmp_path: Path):
    """``broken(files)``: load the minimal case with some files replaced."""

    def load(files: dict[str, str | bytes | dict | list | None]) -> LoadResult:
        return load_case(write_case(tmp_path / "case", files))

    return load


@pytest.fixture(scope="session")
def bundled_case():
    """The bundled Erlan Baltabay case, loaded once (tests must not change it)."""
    from reader.paths import default_case

    result = load_case(default_case())
    assert result.case is not None, [p.format() for p in result.problems]
    return result.case
