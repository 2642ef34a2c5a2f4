"""Fuzzing: arbitrary bytes and mutated dossiers go through read → parse → every rule → report.

No exception may escape, every finding points at a line of the file, and a
file with CRLF endings or a UTF-8 BOM gives the findings of its plain twin.
Every registered rule runs (build_ruleset selects ALL), so rule families added
later are fuzzed too. CI runs the "ci" profile (200 examples a test); the long
run for maintainers is `HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import FUZZ_PROFILE, reference_text
from hypothesis import given, settings
from hypothesis import strategies as st

from dossierlint.config import load_config
from dossierlint.engine import build_ruleset
from dossierlint.findings import Report
from dossierlint.houserules import load_house_rules
from dossierlint.linter import Linter
from dossierlint.report import FORMATS, write_report
from dossierlint.rules import REGISTRY

PROFILE = settings(settings.get_profile(FUZZ_PROFILE))
REFERENCE_LINES = reference_text().split("\n")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")

# Characters that mean something to Markdown, to the dossier format or to a decoder.
MARKUP = "#*-_|[]()<>!`~:=+.\\/ \t\n\r0123456789aZé—–\u00a0\u2028\ufeff\x00\x0b"
SNIPPETS = (
    "## ",
    "### ",
    "# ",
    "- ",
    "| **Dates** | ",
    "```",
    "<!-- ",
    " -->",
    "<!-- dossierlint-disable DL1 -->",
    "<!-- dossierlint-enable -->",
    "[[",
    "]]",
    "](",
    "https://",
    " | type: ",
    " | accessed: ",
    "*Created: ",
    "**Overall**: ",
    "---",
    "> ",
)


class _Sandbox:
    """One project on disk and one Linter over every registered rule, for all examples."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (self.root / "dossiers").mkdir()
        (self.root / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
        config = load_config(start=self.root)
        self.ruleset = build_ruleset(config, select=sorted(REGISTRY))  # off-by-default ones too
        assert self.ruleset.codes == frozenset(REGISTRY)
        self.linter = Linter(config, self.ruleset, load_house_rules(config.house_rules))
        self.path = self.root / "dossiers" / "fuzzed.md"
        self.collection = self.linter.collection([self.path])

    def lint(self, data: bytes) -> list:
        """Findings for `data` as a file; every output format must render them."""
        self.path.write_bytes(data)
        findings = self.linter.check_file(self.path, self.collection)
        lines = len(_LINE_BREAK.findall(data)) + 1
        for finding in findings:
            assert 1 <= finding.line <= lines, finding
            assert finding.column >= 1, finding
            assert finding.code in REGISTRY
        report = Report(files_checked=1, findings=findings)
        for format_name in FORMATS:
            write_report(report, format_name, io.StringIO(), color=format_name == "text")
        return findings


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> _Sandbox:
    return _Sandbox(tmp_path_factory.mktemp("fuzz"))


def _key(findings: list) -> list[tuple]:
    return [(f.line, f.column, f.code, f.severity, f.message) for f in findings]


@PROFILE
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(sandbox: _Sandbox, data: bytes) -> None:
    sandbox.lint(data)


@PROFILE
@given(st.text(alphabet=st.sampled_from(MARKUP) | st.characters(), max_size=2000))
def test_arbitrary_text(sandbox: _Sandbox, text: str) -> None:
    sandbox.lint(text.encode("utf-8", "surrogatepass"))


_mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 10_000),
        st.integers(0, 200),
        st.text(st.sampled_from(MARKUP), min_size=1, max_size=8) | st.sampled_from(SNIPPETS),
    ),
)


def _mutate(lines: list[str], mutations: list[tuple]) -> str:
    lines = list(lines)
    for kind, index, *rest in mutations:
        index %= len(lines) or 1
        if not lines:
            lines.append("")
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = rest[0] % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "insert":
            column, text = rest
            line = lines[index]
            column %= len(line) + 1
            lines[index] = line[:column] + text + line[column:]
    return "\n".join(lines)


@PROFILE
@given(st.lists(_mutation, min_size=1, max_size=12))
def test_mutated_dossiers(sandbox: _Sandbox, mutations: list[tuple]) -> None:
    sandbox.lint(_mutate(REFERENCE_LINES, mutations).encode("utf-8", "surrogatepass"))


@PROFILE
@given(st.lists(_mutation, min_size=1, max_size=12))
def test_mutated_dossiers_lint_like_their_crlf_and_bom_twins(
    sandbox: _Sandbox, mutations: list[tuple]
) -> None:
    text = _mutate(REFERENCE_LINES, mutations)
    # Twins differ only in line endings and BOM when the text has none of its own.
    text = text.replace("\r", "").replace("\x00", "").lstrip("\ufeff")
    plain = text.encode("utf-8")
    expected = _key(sandbox.lint(plain))
    assert _key(sandbox.lint(plain.replace(b"\n", b"\r\n"))) == expected
    assert _key(sandbox.lint(b"\xef\xbb\xbf" + plain)) == expected
