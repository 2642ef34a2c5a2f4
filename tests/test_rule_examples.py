"""Every rule's documented examples run: the failing one fires that rule alone, the passing one does not."""

from __future__ import annotations

import shutil

import pytest
from conftest import Project, reference_text, replace_once

from dossierlint.rules import REGISTRY

RULES = sorted(REGISTRY.values(), key=lambda rule: rule.code)
REFERENCE_NAME = "soviet-union-stalin.md"


def _codes(project: Project, rule, text: str, name: str = REFERENCE_NAME) -> list[str]:
    """Codes found in `text` saved as `name`, alone in the collection but for the example's others."""
    shutil.rmtree(project.dossiers)
    project.dossiers.mkdir()
    for other, other_text in rule.example.others:
        project.write(other, other_text)
    project.write(name, text)
    return [finding["code"] for finding in project.findings(f"dossiers/{name}")]


def _failing(rule) -> tuple[str, str]:
    """The failing example: (text, file name)."""
    example = rule.example
    if example.file_name:
        return reference_text(), example.bad
    if example.whole_file:
        return example.bad, REFERENCE_NAME
    return replace_once(reference_text(), example.good, example.bad), REFERENCE_NAME


def _passing_name(rule) -> str:
    return rule.example.good if rule.example.file_name else REFERENCE_NAME


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_triggers_exactly_this_rule(project: Project, rule) -> None:
    baseline = _codes(project, rule, reference_text(), _passing_name(rule))
    codes = _codes(project, rule, *_failing(rule))
    new = list(codes)
    for code in baseline:
        if code in new:
            new.remove(code)
    assert new and set(new) == {rule.code}, f"{rule.code} example produced {new}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_passing_example_does_not_trigger_the_rule(project: Project, rule) -> None:
    assert rule.code not in _codes(project, rule, reference_text(), _passing_name(rule))


def test_every_rule_has_a_doc_and_a_real_example() -> None:
    for rule in RULES:
        assert rule.doc, rule.code
        assert rule.example.bad != rule.example.good, rule.code
        if not (rule.example.whole_file or rule.example.file_name):
            assert reference_text().count(rule.example.good) == 1, rule.code
