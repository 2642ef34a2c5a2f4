"""What a release ships: LICENSE in the wheel and the sdist, the metadata `pip show`
lists, and one version everywhere the README, the changelog and the code name it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

import dossierlint

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built from this checkout (no network: --no-isolation)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


def test_the_wheel_holds_the_license_and_the_metadata(built: dict[str, Path]) -> None:
    version = PYPROJECT["version"]
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = wheel.namelist()
        info = f"dossierlint-{version}.dist-info"
        assert f"{info}/licenses/LICENSE" in names
        assert "dossierlint/schema/house-rules.toml" in names
        metadata = wheel.read(f"{info}/METADATA").decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Topic :: Software Development :: Quality Assurance" in metadata
    assert "Project-URL: Repository, https://github.com/dossierlint/dossierlint" in metadata
    assert "Requires-Dist: click<9,>=8.1" in metadata


def test_the_sdist_holds_the_license_and_the_shipped_configs(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for shipped in ("LICENSE", "CHANGELOG.md", ".rumdl.toml", ".markdownlint-cli2.jsonc"):
        assert shipped in names, shipped
    assert (
        (REPO / "LICENSE")
        .read_text()
        .startswith("MIT License\n\nCopyright (c) 2026 the dossierlint authors\n")
    )


def test_pip_show_lists_classifiers_and_urls() -> None:
    metadata = importlib.metadata.metadata("dossierlint")
    assert metadata["Version"] == dossierlint.__version__
    assert set(metadata.get_all("Classifier")) == set(PYPROJECT["classifiers"])
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL"))
    assert urls == PYPROJECT["urls"]
    assert set(urls) == {"Homepage", "Repository", "Changelog", "Issues"}
    assert metadata["Keywords"]


def test_one_version_in_the_code_the_readme_and_the_changelog() -> None:
    version = dossierlint.__version__
    assert PYPROJECT["version"] == version
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"rev: v(\S+)", readme) + re.findall(r"dossierlint@v(\d[\w.]*\w)", readme)
    assert len(named) >= 3 and set(named) == {version}, named
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    assert f"[{version}]: https://github.com/dossierlint/dossierlint/" in changelog


def test_click_is_bounded() -> None:
    assert "click>=8.1,<9" in PYPROJECT["dependencies"]


def test_the_release_checklist_names_each_step() -> None:
    checklist = (
        (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## Release checklist", 1)[1]
    )
    for step in (
        "dossierlint schema",
        "dossierlint rules --markdown > docs/rules.md",
        "CHANGELOG.md",
        "git tag -a vX.Y.Z",
        "src/dossierlint/__init__.py",
    ):
        assert step in checklist, step
