"""Shared test helpers: the reference dossier, a project in tmp_path, and the real CLI."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from dossierlint.cli import cli

# Fuzzing (tests/test_fuzz.py): a bounded run in CI, a long one for maintainers with
# HYPOTHESIS_PROFILE=fuzz (see README, "Fuzzing").
_FUZZ_BASE = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=200, **_FUZZ_BASE)
settings.register_profile("fuzz", max_examples=20_000, **_FUZZ_BASE)
FUZZ_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"


# The findings the reference dossier gets alone in a collection, each one true;
# (code, line text). tests/test_reference.py asserts exactly these.
REFERENCE_FINDINGS = (
    # Stalin was born in 1878; the regime celebrated his 50th birthday in 1929.
    ("DL415", "- Began with his 50th birthday party (December 1929)"),
    # The reference's own disagreements (issue 15): Stage 2 is headed 1925-1927 but
    # holds the events of 1928 and 1929; the Gulag and dekulakization death tolls are
    # each given two different values in two places.
    ("DL707", "- January 1928: Trotsky exiled to Alma-Ata"),
    ("DL707", "- February 1929: Trotsky expelled from Soviet Union entirely"),
    ("DL708", "- Gulag deaths: 1.5-1.7 million"),
    ("DL708", "- Dekulakization deaths: ~390,000"),
    # Planned dossiers (red links): the collection does not hold them yet.
    ("DL501", "- [[germany-hitler]] — relationship: thematic (totalitarian comparison)"),
    ("DL501", "- [[china-mao]] — relationship: structural (communist successor state)"),
    # A site's home page, not the page that holds the fact.
    (
        "DL208",
        "- [World History Encyclopedia](https://www.worldhistory.org/) | type: secondary "
        "| accessed: 2026-01-06",
    ),
)


def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the text"
    return text.replace(old, new)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Project:
    """A temporary dossier project: pyproject.toml, dossiers/, and the CLI run inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dossiers = root / "dossiers"
        self.dossiers.mkdir()
        (root / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.dossiers / name
        if isinstance(text, str):
            text = text.encode("utf-8", "surrogateescape")
        path.write_bytes(text)
        return path

    def write_reference(self, name: str = "soviet-union-stalin.md", **replacements: str) -> Path:
        return self.write(name, reference_text())

    def run(self, *args: str) -> Result:
        old = Path.cwd()
        os.chdir(self.root)
        try:
            result = CliRunner().invoke(cli, list(args), prog_name="dossierlint")
        finally:
            os.chdir(old)
        return Result(result.exit_code, result.stdout, result.stderr)

    def findings(self, *args: str) -> list[dict]:
        result = self.run("check", "--format", "json", *args)
        assert result.exit_code in (0, 1), result.stderr
        return result.json()

    def new_findings(self, *args: str) -> list[dict]:
        """Findings, less those the reference dossier is known to get (REFERENCE_FINDINGS)."""
        known = set(REFERENCE_FINDINGS)
        kept = []
        for finding in self.findings(*args):
            lines = (self.root / finding["path"]).read_text(encoding="utf-8", errors="replace")
            text = lines.splitlines()[finding["line"] - 1]
            if (finding["code"], text) not in known:
                kept.append(finding)
        return kept


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture(scope="session")
def reference_baseline(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """(code, message) of every finding on the unmodified reference dossier.

    The reference has no errors, but it is warned about by design (its World
    History Encyclopedia citation is a site's home page, DL208); tests of other
    behaviour compare against what is found beyond that.
    """
    reference = Project(tmp_path_factory.mktemp("reference"))
    reference.write_reference()
    return {_unplaced(f) for f in reference.findings()}


def _unplaced(finding: dict) -> tuple[str, str]:
    """(code, message) with the line numbers a message names masked: they move with edits."""
    return finding["code"], re.sub(r"\bline [0-9]+", "line N", finding["message"])


def beyond(found: list[dict], baseline: set[tuple[str, str]]) -> list[dict]:
    """The findings that the unmodified reference does not also get."""
    return [f for f in found if _unplaced(f) not in baseline]
