"""Every rule's documented examples run: the failing one fires that rule alone, the passing one does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Project, reference_text, replace_once

from dossierlint.rules import REGISTRY
from dossierlint.snapshots.store import save_snapshot

RULES = sorted(REGISTRY.values(), key=lambda rule: rule.code)
FIXABLE = [rule for rule in RULES if rule.fix]
REFERENCE_NAME = "soviet-union-stalin.md"


def _save(project: Project, rule, text: str, name: str = REFERENCE_NAME) -> Path:
    """`text` saved as `name`, alone in the collection but for the example's others."""
    shutil.rmtree(project.dossiers)
    project.dossiers.mkdir()
    for other, other_text in rule.example.others:
        project.write(other, other_text)
    for url, snapshot in rule.example.snapshots:
        data = snapshot.encode("utf-8")
        save_snapshot(
            project.root / "sources",
            url,
            snapshot,
            data,
            content_type="text/plain",
            extractor="plain",
        )
    return project.write(name, text)


def _findings(project: Project, rule, text: str, name: str = REFERENCE_NAME) -> list[dict]:
    """Findings in `text` saved as `name`, alone in the collection but for the example's
    others and snapshots; a rule that is off by default is selected by its code."""
    _save(project, rule, text, name)
    selected = () if rule.default else ("--select", f"ALL,{rule.code}")
    return project.findings(*selected, f"dossiers/{name}")


def _codes(project: Project, rule, text: str, name: str = REFERENCE_NAME) -> list[str]:
    return [finding["code"] for finding in _findings(project, rule, text, name)]


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
    """The passing text draws no finding from the rule (anywhere, for a whole-file example).

    A rule may still fire elsewhere in the reference by design: DL208 warns
    about its one home-page citation, DL501 about its links to dossiers the
    example collection does not hold.
    """
    text = reference_text()
    found = _findings(project, rule, text, _passing_name(rule))
    lines = [f["line"] for f in found if f["code"] == rule.code]
    if rule.example.whole_file or rule.example.file_name:
        assert lines == []
        return
    first = text.count("\n", 0, text.index(rule.example.good)) + 1
    last = first + rule.example.good.rstrip("\n").count("\n")
    assert not [line for line in lines if first <= line <= last]


def test_every_rule_has_a_doc_and_a_real_example() -> None:
    for rule in RULES:
        assert rule.doc, rule.code
        assert rule.example.bad != rule.example.good, rule.code
        if not (rule.example.whole_file or rule.example.file_name):
            assert reference_text().count(rule.example.good) == 1, rule.code


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda rule: rule.code)
def test_fix_turns_the_failing_example_into_the_fixed_text(project: Project, rule) -> None:
    """`check --fix` replaces `bad` by `fixed`; an unsafe fix waits for --unsafe-fixes."""
    example = rule.example
    text, name = _failing(rule)
    if example.whole_file:
        expected = example.fixed
    else:
        expected = replace_once(reference_text(), example.good, example.fixed)
    path = _save(project, rule, text, name)
    fix = ("check", "--fix", "--no-cache", "--select", rule.code, f"dossiers/{name}")
    project.run(*fix)
    if rule.fix == "unsafe":
        assert path.read_text(encoding="utf-8") == text, (
            f"{rule.code}: fixed without --unsafe-fixes"
        )
        project.run(*fix, "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == expected


def test_fixed_text_goes_with_a_fix() -> None:
    assert [rule.code for rule in FIXABLE if rule.example.fixed is None] == []
    assert [rule.code for rule in RULES if not rule.fix and rule.example.fixed is not None] == []


@pytest.mark.parametrize("rule", [r for r in RULES if not r.fix], ids=lambda rule: rule.code)
def test_a_rule_without_fix_offers_none(project: Project, rule) -> None:
    text, name = _failing(rule)
    _save(project, rule, text, name)
    diff = ("check", "--diff", "--unsafe-fixes", "--select", rule.code, f"dossiers/{name}")
    assert project.run(*diff).stdout == ""
