"""The shipped Markdown-linter settings make the house format clean under rumdl and
markdownlint-cli2, run for real on the bundled dossiers in a copy of the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

LONG_LINE = "A line of prose that runs on " * 6 + "\n"


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def _workspace(tmp_path: Path, config: str | None) -> Path:
    """The bundled dossiers, a README with a long line, and `config` copied beside them."""
    shutil.copytree(REPO / "dossiers", tmp_path / "dossiers")
    (tmp_path / "README.md").write_text("# Notes\n\n" + LONG_LINE)
    if config:
        shutil.copy(REPO / config, tmp_path / config)
    return tmp_path


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


RUMDL = _tool("rumdl")


@pytest.mark.skipif(RUMDL is None, reason="rumdl is not installed (pip install -e '.[test]')")
def test_rumdl_finds_nothing_in_the_dossiers_with_the_shipped_config(tmp_path: Path) -> None:
    root = _workspace(tmp_path, ".rumdl.toml")
    result = _run([RUMDL, "check", "--no-cache", "dossiers"], root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No issues found" in result.stdout + result.stderr


@pytest.mark.skipif(RUMDL is None, reason="rumdl is not installed (pip install -e '.[test]')")
def test_rumdl_without_the_config_fights_the_house_format(tmp_path: Path) -> None:
    root = _workspace(tmp_path, None)
    result = _run([RUMDL, "check", "--no-cache", "dossiers"], root)
    assert result.returncode == 1
    for code in ("MD013", "MD022", "MD032", "MD058", "MD065"):
        assert code in result.stdout, code


@pytest.mark.skipif(RUMDL is None, reason="rumdl is not installed (pip install -e '.[test]')")
def test_the_rumdl_config_relaxes_the_dossiers_only(tmp_path: Path) -> None:
    root = _workspace(tmp_path, ".rumdl.toml")
    result = _run([RUMDL, "check", "--no-cache", "README.md"], root)
    assert result.returncode == 1 and "MD013" in result.stdout


MARKDOWNLINT = _tool("markdownlint-cli2")


@pytest.mark.skipif(MARKDOWNLINT is None, reason="markdownlint-cli2 (npm) is not installed")
def test_markdownlint_finds_nothing_in_the_dossiers_with_the_shipped_config(
    tmp_path: Path,
) -> None:
    root = _workspace(tmp_path, ".markdownlint-cli2.jsonc")
    result = _run([MARKDOWNLINT, "dossiers/*.md"], root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Summary: 0 error(s)" in result.stdout + result.stderr
    (root / ".markdownlint-cli2.jsonc").unlink()
    fought = _run([MARKDOWNLINT, "dossiers/*.md"], root)
    assert fought.returncode == 1 and "MD032" in fought.stdout + fought.stderr
