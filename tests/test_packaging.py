"""The installed package must carry every module, the bundled case and the styles."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

from reader import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reader").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"


def test_wheel_contains_content_styles_and_modules(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("rights_case_reader-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    # The distribution's name is not `reader` (on PyPI that is an unrelated feed reader); the package and command are.
    metadata = zipfile.ZipFile(wheel).read(f"rights_case_reader-{__version__}.dist-info/METADATA").decode()
    assert "\nName: rights-case-reader\n" in metadata
    entry_points = zipfile.ZipFile(wheel).read(f"rights_case_reader-{__version__}.dist-info/entry_points.txt").decode()
    assert "reader = reader.cli:main" in entry_points
    for expected in (
        "reader/content/baltabay/case.yaml",
        "reader/content/baltabay/entities.yaml",
        "reader/content/baltabay/sources/owp.txt",
        "reader/content/baltabay/sources/industriall.txt",
        "reader/styles/reader.tcss",
        "reader/styles/dialogs.tcss",
        "reader/styles/views.tcss",
        "reader/ui/screens/case.py",
        "reader/ui/widgets/source_view.py",
        "reader/load/case_loader.py",
        "reader/model/anchor.py",
    ):
        assert expected in names, expected


def test_the_installed_distribution_is_rights_case_reader_at_the_packages_version() -> None:
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"] == "rights-case-reader"
    assert metadata.version("rights-case-reader") == __version__
    scripts = {entry.name: entry.value for entry in metadata.entry_points(group="console_scripts")}
    assert scripts["reader"] == "reader.cli:main"
