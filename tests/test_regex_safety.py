"""Every regular expression in dossierlint is linear-time on adversarial input.

tests/regex_audit.py finds the patterns (module-level ones and literal
`re.*(...)` calls anywhere in the package, so patterns added later are covered)
and times each on the worst strings it can build from the pattern. It runs in a
subprocess: an exponential pattern never returns, and the timeout turns that
into a failure naming the last pattern audited.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import regex_audit
from conftest import REPO

AUDIT = Path(__file__).with_name("regex_audit.py")
TIMEOUT = 120


def test_every_pattern_is_linear_on_adversarial_input() -> None:
    try:
        result = subprocess.run(
            [sys.executable, str(AUDIT)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        )
    except subprocess.TimeoutExpired as expired:
        stderr = (expired.stderr or b"").decode(errors="replace").strip().splitlines()
        last = stderr[-1] if stderr else "(nothing audited)"
        raise AssertionError(
            f"the regex audit hung (exponential backtracking?) at: {last}"
        ) from None
    assert result.returncode in (0, 1), result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["slow"] == [], json.dumps(outcome["slow"], indent=2, ensure_ascii=False)
    where = set(outcome["patterns"])
    # Discovery really finds module-level patterns and inline literal ones.
    assert (
        "dossierlint.parse.WIKI_LINK" in where or "dossierlint.collection_index.WIKI_LINK" in where
    )
    assert any(name.startswith("dossierlint.parse:") for name in where)


def test_the_audit_catches_quadratic_patterns() -> None:
    """The audit is only worth something if it fails the traps this suite fixed."""
    for pattern in (r"\[\[([^\]\n]*)\]\]", r"^\s*\*\*Overall\*\*\s*:\s*(.*?)\s*$"):
        slow = regex_audit.audit(regex_audit.Found("trap", re.compile(pattern)))
        assert slow, pattern
    assert regex_audit.audit(regex_audit.Found("fixed", re.compile(r"\[\[([^\[\]\n]*)\]\]"))) == []
