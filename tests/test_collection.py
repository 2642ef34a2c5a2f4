"""The collection as a whole: links resolve against every dossier, whatever `check` is given."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, reference_text, replace_once

from dossierlint import engine
from dossierlint.cli import cli
from dossierlint.collection_index import Collection, read_entry
from dossierlint.config import load_config
from dossierlint.engine import build_ruleset
from dossierlint.houserules import load_house_rules
from dossierlint.linter import Linter

STALIN = "dossiers/soviet-union-stalin.md"
HITLER = "# Nazi Germany Under Adolf Hitler\n\n## Comparisons\n- [[soviet-union-stalin]] — relationship: thematic\n"
MAO = "# China Under Mao\n\n## Comparisons\n- [[soviet-union-stalin]] — relationship: predecessor\n"


def _links(project: Project, *args: str) -> list[tuple[str, int, str]]:
    found = project.findings(*args)
    return [(f["code"], f["line"], f["message"]) for f in found if f["code"].startswith("DL5")]


def _linter(root: Path) -> Linter:
    old = Path.cwd()
    os.chdir(root)
    try:
        config = load_config()
    finally:
        os.chdir(old)
    return Linter(config, build_ruleset(config), load_house_rules(config.house_rules))


def test_one_file_resolves_links_against_the_whole_folder(project: Project) -> None:
    project.write_reference()
    missing = _links(project, STALIN)
    assert [(code, line) for code, line, _ in missing] == [("DL501", 355), ("DL501", 356)]
    assert "[[germany-hitler]] names no dossier yet" in missing[0][2]

    project.write("germany-hitler.md", HITLER)
    project.write("china-mao.md", MAO)
    assert _links(project, STALIN) == []
    # Only the given file is reported, though the others (not full dossiers) are read.
    assert {f["path"] for f in project.findings(STALIN)} <= {STALIN}


def test_a_near_miss_suggests_the_slug_as_an_unsafe_fix(project: Project) -> None:
    project.write(
        "soviet-union-stalin.md", reference_text().replace("germany-hitler", "germany-hitlr")
    )
    project.write("germany-hitler.md", HITLER)
    project.write("china-mao.md", MAO)
    assert _links(project, STALIN) == [
        ("DL501", 355, "[[germany-hitlr]] names no dossier (did you mean germany-hitler?)")
    ]
    path = project.dossiers / "soviet-union-stalin.md"
    [finding] = [f for f in _linter(project.root).check([path]).findings if f.code == "DL501"]
    assert finding.fix is not None and not finding.fix.safe
    [edit] = finding.fix.edits
    line = path.read_text().splitlines()[edit.line - 1]
    assert line[: edit.start] + edit.replacement + line[edit.end :] == (
        "- [[germany-hitler]] — relationship: thematic (totalitarian comparison)"
    )


def test_several_near_misses_are_named_without_a_fix(project: Project) -> None:
    text = reference_text().replace("[[china-mao]]", "[[china-ma]]")
    project.write("soviet-union-stalin.md", text)
    project.write("china-mao.md", MAO)
    project.write("china-man.md", "# Another\n")
    path = project.dossiers / "soviet-union-stalin.md"
    [finding] = [
        f
        for f in _linter(project.root).check([path]).findings
        if f.code == "DL501" and "china" in f.message
    ]
    assert finding.message == "[[china-ma]] names no dossier (did you mean china-mao or china-man?)"
    assert finding.fix is None


def test_a_badly_written_link_suggests_its_slug(project: Project) -> None:
    project.write(
        "soviet-union-stalin.md", reference_text().replace("[[china-mao]]", "[[China Mao]]")
    )
    project.write("china-mao.md", MAO)
    messages = [m for code, _, m in _links(project, STALIN) if "China" in m]
    assert messages == ["[[China Mao]] names no dossier (did you mean china-mao?)"]


def test_links_in_prose_count_and_links_in_code_do_not(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "**Ideology-Centered**:",
        "See [[italy-mussolini]].\n\n```\n[[in-code]]\n```\n\n**Ideology-Centered**:",
    )
    project.write("soviet-union-stalin.md", text)
    messages = [m for code, _, m in _links(project, STALIN) if code == "DL501"]
    assert any("[[italy-mussolini]]" in m for m in messages)
    assert not any("in-code" in m for m in messages)


def test_red_links_can_be_made_errors(project: Project) -> None:
    project.write_reference()
    assert project.run("check", STALIN).exit_code == 0
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\n[tool.dossierlint.severity]\nDL501 = "error"\n'
    )
    result = project.run("check", STALIN)
    assert result.exit_code == 1
    assert "DL501 [error] [[germany-hitler]] names no dossier" in result.stdout


def test_one_way_comparison_is_an_info_and_reciprocal_ones_are_silent(project: Project) -> None:
    project.write_reference()
    project.write("germany-hitler.md", "# Nazi Germany\n\n## Comparisons\n- [[italy-mussolini]]\n")
    project.write("china-mao.md", MAO)
    assert _links(project, STALIN) == [
        (
            "DL506",
            355,
            "germany-hitler does not compare back: its '## Comparisons' has no [[soviet-union-stalin]]",
        )
    ]
    [one_way] = [f for f in project.findings(STALIN) if f["code"] == "DL506"]
    assert one_way["severity"] == "info"


def test_duplicate_titles_are_reported_in_each_file(project: Project) -> None:
    project.write_reference()
    project.write_reference("ussr-stalin.md")
    found = [f for f in project.findings() if f["code"] == "DL511"]
    assert [(f["path"], f["message"]) for f in found] == [
        (
            STALIN,
            "title 'The Soviet Union Under Joseph Stalin' is also the title of ussr-stalin.md",
        ),
        (
            "dossiers/ussr-stalin.md",
            "title 'The Soviet Union Under Joseph Stalin' is also the title of soviet-union-stalin.md",
        ),
    ]


def test_a_checked_file_outside_the_dossiers_folder_brings_its_neighbours(project: Project) -> None:
    drafts = project.root / "drafts"
    drafts.mkdir()
    (drafts / "soviet-union-stalin.md").write_text(reference_text())
    (drafts / "germany-hitler.md").write_text(HITLER)
    project.write("china-mao.md", MAO)
    assert _links(project, "drafts/soviet-union-stalin.md") == []


def test_the_project_root_is_found_without_a_dossierlint_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "my-dossiers"\n')
    dossiers = tmp_path / "dossiers"
    dossiers.mkdir()
    (dossiers / "soviet-union-stalin.md").write_text(reference_text())
    (dossiers / "germany-hitler.md").write_text(HITLER)
    old = Path.cwd()
    os.chdir(dossiers)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "json", "soviet-union-stalin.md"])
    finally:
        os.chdir(old)
    messages = [f["message"] for f in json.loads(result.stdout) if f["code"] == "DL501"]
    assert messages == ["[[china-mao]] names no dossier yet (there is no china-mao.md)"]


def test_comparison_rules_point_at_the_bullet(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "- [[china-mao]] — relationship: structural (communist successor state)\n",
        "- [[soviet-union-stalin]] — relationship: Structural\n- China — relationship: thematic\n"
        "- [[china-mao]] — no relationship given\n  - a nested note without a link\n",
    )
    project.write("soviet-union-stalin.md", text)
    assert _links(project, STALIN, "--ignore", "DL501") == [
        ("DL505", 356, "[[soviet-union-stalin]] is this dossier: a comparison links another one"),
        (
            "DL504",
            356,
            "relationship 'Structural' is not one of: thematic, structural, "
            "contemporary, influence, successor, predecessor (did you mean structural?)",
        ),
        ("DL502", 357, "comparison names no dossier: start the bullet with [[slug]]"),
        (
            "DL503",
            358,
            "comparison has no 'relationship: KIND' (KIND is one of: thematic, "
            "structural, contemporary, influence, successor, predecessor)",
        ),
    ]


def test_file_names_must_be_slugs(project: Project) -> None:
    project.write("Soviet Union_Stalin.md", reference_text())
    [finding] = [f for f in project.findings() if f["code"] == "DL510"]
    assert finding["message"] == (
        "file name 'Soviet Union_Stalin' is not a slug (lowercase letters, digits, hyphens): "
        "rename it soviet-union-stalin.md"
    )


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ("*Tags:* #europe #communist", "*Tags:* #regime #europe #communist"),
        ("*Tags:*", "*Tags:* #regime"),
    ],
)
def test_a_missing_regime_tag_has_a_safe_fix(project: Project, tags: str, expected: str) -> None:
    text = replace_once(
        reference_text(), "*Tags:* #regime #interwar-wwii #europe #communist #soviet", tags
    )
    path = project.write("soviet-union-stalin.md", text)
    [finding] = [f for f in _linter(project.root).check([path]).findings if f.code == "DL520"]
    assert finding.message == "tags lack #regime (every dossier carries it)"
    assert finding.fix is not None and finding.fix.safe
    [edit] = finding.fix.edits
    line = text.splitlines()[edit.line - 1]
    assert line[: edit.start] + edit.replacement + line[edit.end :] == expected


def test_tags_malformed_and_unknown(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "#regime #interwar-wwii #europe #communist #soviet",
        "#regime #Interwar_WWII europe #comunist #totalitarian",
    )
    path = project.write("soviet-union-stalin.md", text)
    found = {f.code + " " + f.message: f for f in _linter(project.root).check([path]).findings}
    assert sorted(code for code in found if code.startswith("DL52")) == [
        "DL521 'europe' is not a tag: tags start with '#' (write #europe)",
        "DL521 tag '#Interwar_WWII' is not lowercase words joined by hyphens (write #interwar-wwii)",
        "DL522 unknown tag #comunist: not in the house tag vocabulary (did you mean #communist?)",
        "DL522 unknown tag #totalitarian: not in the house tag vocabulary",
    ]
    fix = found[
        "DL522 unknown tag #comunist: not in the house tag vocabulary (did you mean #communist?)"
    ].fix
    assert fix is not None and not fix.safe
    [edit] = fix.edits
    line = text.splitlines()[edit.line - 1]
    assert (line[: edit.start] + edit.replacement + line[edit.end :]).endswith(
        "#communist #totalitarian"
    )


# -- the index itself ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "links"),
    [
        (reference_text(), "The Soviet Union Under Joseph Stalin", {"germany-hitler", "china-mao"}),
        ("\ufeff# Closed Hashes ##\r\n\r\n## Comparisons\r\n- [[a]]\r\n", "Closed Hashes", {"a"}),
        ("Setext Title\n============\n\n# Later H1\n", "Setext Title", set()),
        ("- a list\n===\n# Real\n", "Real", set()),
        ("## Comparisons\n- [[a]] and [[ b ]]\n## Sources\n- [[c]]\n", None, {"a", "b"}),
        ("#NoSpace\n## Comparisons ##\n- [[x]]\n---\n*Tags:* #regime\n", None, {"x"}),
        (b"\xff\xfe# broken bytes\n".decode("latin-1"), None, set()),
        # the title's words elsewhere first: prose, a deeper heading, a longer title
        (
            "See Comparisons below [[p]]\n### Comparisons\n- [[q]]\n## Comparisons and more\n"
            "- [[r]]\n   ## Comparisons\n- [[s]]\n",
            None,
            {"s"},
        ),
    ],
)
def test_the_index_reads_titles_and_comparison_links(
    tmp_path: Path, text: str, title: str | None, links: set[str]
) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(text.encode("utf-8"))
    entry = read_entry(path, "Comparisons")
    assert (entry.title, set(entry.links)) == (title, links)


def test_the_index_is_picklable_and_built_without_parsing_other_dossiers(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write_reference()
    for number in range(30):
        project.write(
            f"dossier-{number}.md", reference_text().replace("Stalin", f"Leader {number}")
        )
    collection = _linter(project.root).collection([project.dossiers / "soviet-union-stalin.md"])
    assert isinstance(collection, Collection) and len(collection.slugs) == 31
    assert pickle.loads(pickle.dumps(collection)) == collection

    parsed: list[str] = []
    real_parse = engine.parse

    def counting_parse(text, slug, house_rules):
        parsed.append(slug)
        return real_parse(text, slug, house_rules)

    monkeypatch.setattr(engine, "parse", counting_parse)
    assert project.run("check", STALIN).exit_code == 0
    assert parsed == ["soviet-union-stalin"]


def test_unclosed_link_brackets_are_read(project: Project) -> None:
    """Their cost is measured in benchmarks/hostile.py."""
    hostile = "- " + "[[a" * 40_000 + "\n"
    text = replace_once(reference_text(), "- [[china-mao]]", hostile + "- [[china-mao]]")
    text = replace_once(
        text, "**Ideology-Centered**:", "[" * 100_000 + "\n\n**Ideology-Centered**:"
    )
    project.write("soviet-union-stalin.md", text)
    assert project.run("check", STALIN).exit_code == 1  # the hostile bullet has no relationship
