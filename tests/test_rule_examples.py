"""Every rule's documented examples run: the failing one fires that rule alone, the passing one does not."""

from __future__ import annotations

import pytest
from conftest import Project, reference_findings, reference_text, replace_once

from dossierlint.rules import REGISTRY

RULES = sorted(REGISTRY.values(), key=lambda rule: rule.code)


def _findings(project: Project, text: str) -> list[dict]:
    project.write("soviet-union-stalin.md", text)
    return project.findings("dossiers/soviet-union-stalin.md")


def _codes(project: Project, text: str) -> list[str]:
    return [finding["code"] for finding in _findings(project, text)]


def _failing_text(rule) -> str:
    if rule.example.whole_file:
        return rule.example.bad
    return replace_once(reference_text(), rule.example.good, rule.example.bad)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_triggers_exactly_this_rule(project: Project, rule) -> None:
    baseline = _codes(project, reference_text())
    codes = _codes(project, _failing_text(rule))
    new = list(codes)
    for code in baseline:
        if code in new:
            new.remove(code)
    assert new and set(new) == {rule.code}, f"{rule.code} example produced {new}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_passing_example_does_not_trigger_the_rule(project: Project, rule) -> None:
    """The reference fires the rule nowhere, or only where it is known to (a true warning)."""
    known = {line for code, line in reference_findings() if code == rule.code}
    fired = {f["line"] for f in _findings(project, reference_text()) if f["code"] == rule.code}
    assert fired <= known, f"{rule.code} fires on the reference at lines {sorted(fired - known)}"


def test_every_rule_has_a_doc_and_a_real_example() -> None:
    for rule in RULES:
        assert rule.doc, rule.code
        assert rule.example.bad != rule.example.good, rule.code
        if not rule.example.whole_file:
            assert reference_text().count(rule.example.good) == 1, rule.code
