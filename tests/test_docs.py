"""Generated docs are current: docs/rules.md is what the registry renders."""

from __future__ import annotations

from conftest import REPO, Project

from dossierlint.cache import FORMAT
from dossierlint.docs import SECTIONS, doc_sections, render_rules_markdown
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


def _expected_sections(rule) -> list[str]:
    wanted = ["Why is this bad?", "How to fix"]
    wanted += ["Fix safety"] if rule.fix else []
    wanted += ["Options"] if rule.options else []
    return wanted


def test_every_rule_documents_why_how_and_where_they_apply_fix_safety_and_options() -> None:
    for rule in REGISTRY.values():
        _, sections = doc_sections(rule)
        assert list(sections) == _expected_sections(rule), rule.code
        assert all(sections.values()), rule.code
        for option in rule.options:
            assert f"`{option}`" in sections["Options"], (rule.code, option)
        if rule.fix:
            assert sections["Fix safety"].startswith(rule.fix.capitalize()), rule.code


def test_docs_and_rules_code_show_the_sections_and_the_fix_safety(project: Project) -> None:
    text = render_rules_markdown()
    for code, rule in REGISTRY.items():
        section = text.split(f"\n## {code}\n", 1)[1].split("\n## DL", 1)[0]
        explained = project.run("rules", code).stdout
        for title in _expected_sections(rule):
            assert f"\n### {title}\n" in section, (code, title)
            assert f"\n{title}\n" in explained, (code, title)
        for title in set(SECTIONS) - set(_expected_sections(rule)):
            assert title not in section and f"\n{title}\n" not in explained, (code, title)
        if rule.fix:
            assert f" · {rule.fix} fix\n" in section and f"({rule.fix} fix)" in explained, code


def test_the_readme_names_the_cache_format_the_code_writes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"format `{FORMAT}`" in readme
