"""Fixtures shared by every test; the helpers they use live in :mod:`tests.support`.

Helpers are imported one way, ``from tests.support.<module> import <name>``;
this file holds only fixtures (and the Hypothesis profile), so no test
imports a conftest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest

from reader.load.case_loader import LoadResult, load_case
from tests.support.case_files import write_case

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
