"""Generated docs are current: docs/rules.md is what the registry renders."""

from __future__ import annotations

from conftest import REPO, Project

from dossierlint.docs import render_rules_markdown
from dossierlint.rules import REGISTRY


def test_rules_markdown_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), (
        "run 'dossierlint rules --markdown > docs/rules.md'"
    )


def test_rules_markdown_lists_every_rule_with_examples() -> None:
    text = render_rules_markdown()
    for code in REGISTRY:
        section = text.split(f"\n## {code}\n", 1)[1].split("\n## DL", 1)[0]
        assert "Fails:" in section and "Passes:" in section, code


def test_rules_command_prints_the_same_markdown(project: Project) -> None:
    assert project.run("rules", "--markdown").stdout == render_rules_markdown()
