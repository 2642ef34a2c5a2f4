"""`check`'s progress line: on a terminal only, never in CI or through a pipe."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest
from conftest import Project

from dossierlint.progress import MIN_FILES


def _many(project: Project) -> None:
    for number in range(MIN_FILES):
        project.write(f"d{number:03}.md", f"# Dossier {number}\n")


def _run_on_terminal(project: Project, env: dict[str, str]) -> str:
    """Run `check` with stderr (and stdout) on a pseudo-terminal; return what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dossierlint", "check", "--no-cache"],
        cwd=project.root,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(leader)
    return shown.decode("utf-8", "replace")


@pytest.fixture
def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}


def test_progress_on_a_terminal_is_erased_at_the_end(project: Project, clean_env):
    _many(project)
    shown = _run_on_terminal(project, clean_env)
    assert re.search(rf"\rchecked [0-9]+/{MIN_FILES} files \([0-9]+%\)", shown)
    assert "\r\x1b[K" in shown
    assert "DL1" in shown  # the findings follow


def test_no_progress_in_ci(project: Project, clean_env):
    _many(project)
    shown = _run_on_terminal(project, {**clean_env, "CI": "true"})
    assert "checked " not in shown and "\x1b[K" not in shown
    assert "DL1" in shown


def test_no_progress_through_a_pipe(project: Project, clean_env):
    _many(project)
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check", "--no-cache"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=clean_env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "checked " not in result.stderr and "\r" not in result.stderr
