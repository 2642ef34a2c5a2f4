"""The hook and the CI snippets, run for real: pre-commit, git commit, pip, the workflow.

pre-commit installs a hook from a git repository at a commit. So that the
working tree is what gets tested (uncommitted changes included, as
`pre-commit try-repo` does), the session first snapshots this checkout into a
throwaway repository; the README's snippet, with its placeholder address and
rev swapped for that snapshot, is the configuration every test repository
uses. Installing the hook's environment (pip-installing dossierlint) happens
once per session, in a private PRE_COMMIT_HOME.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, reference_text, replace_once

README = REPO / "README.md"
BROKEN = replace_once(reference_text(), "## Classification\n", "")
STUB = "# {title}\n\n## Comparisons\n- [[soviet-union-stalin]] — relationship: thematic\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _readme_block(heading: str) -> str:
    """The first ```yaml block after `heading` in README.md."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    return section.split("```yaml\n", 1)[1].split("\n```", 1)[0] + "\n"


def _run(args: list[str], cwd: Path, env: dict[str, str], check: bool = True):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(
            f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


@dataclass
class HookSource:
    """The snapshot of this checkout that pre-commit installs the hook from."""

    path: Path
    rev: str
    env: dict[str, str]
    """Environment for git and pre-commit: private PRE_COMMIT_HOME, no user git config."""

    def readme_config(self, heading: str = "### pre-commit") -> str:
        """The README's pre-commit snippet under `heading`, pointed at the snapshot."""
        snippet = yaml.safe_load(_readme_block(heading))
        [repo] = snippet["repos"]
        assert repo["repo"] == "https://github.com/dossierlint/dossierlint"
        repo["repo"], repo["rev"] = str(self.path), self.rev
        return yaml.safe_dump(snippet, sort_keys=False)


def _isolated_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    empty = home / "gitconfig"
    empty.write_text("")
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        PRE_COMMIT_COLOR="never",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    return env


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> HookSource:
    home = tmp_path_factory.mktemp("home")
    env = _isolated_env(home)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
    )
    if listed.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    snapshot = tmp_path_factory.mktemp("dossierlint-snapshot")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _run(["git", "init", "-q"], snapshot, env)
    _run(["git", "add", "-A"], snapshot, env)
    _run(["git", "commit", "-q", "-m", "snapshot"], snapshot, env)
    rev = _run(["git", "rev-parse", "HEAD"], snapshot, env).stdout.strip()
    source = HookSource(snapshot, rev, env)
    # Build the hook's environment once, up front (pip-installs dossierlint from the snapshot).
    scratch = _dossier_repo(tmp_path_factory.mktemp("scratch"), source)
    _run([sys.executable, "-m", "pre_commit", "install-hooks"], scratch, env)
    return source


def _dossier_repo(root: Path, source: HookSource, heading: str = "### pre-commit") -> Path:
    """A git repository of dossiers whose pre-commit hooks are the README's snippet."""
    (root / "dossiers").mkdir()
    (root / ".pre-commit-config.yaml").write_text(source.readme_config(heading))
    _run(["git", "init", "-q"], root, source.env)
    _run([sys.executable, "-m", "pre_commit", "install"], root, source.env)
    return root


def _commit(repo: Path, source: HookSource, files: dict[str, str], message: str = "edit"):
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    _run(["git", "add", "--", *files], repo, source.env)
    return _run(["git", "commit", "-m", message], repo, source.env, check=False)


def _log(repo: Path, source: HookSource) -> list[str]:
    result = _run(["git", "log", "--format=%s"], repo, source.env, check=False)
    return result.stdout.split()


def test_committing_a_broken_dossier_is_blocked_and_a_good_one_passes(
    hook_source: HookSource, tmp_path: Path
) -> None:
    repo = _dossier_repo(tmp_path, hook_source)
    blocked = _commit(repo, hook_source, {"dossiers/soviet-union-stalin.md": BROKEN}, "broken")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert re.search(r"dossierlint\.+Failed", output), output
    assert (
        "dossiers/soviet-union-stalin.md:33:1: DL103 [error] required section "
        "'## Classification' is missing" in output
    )
    assert _log(repo, hook_source) == []

    passed = _commit(
        repo, hook_source, {"dossiers/soviet-union-stalin.md": reference_text()}, "good"
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"dossierlint\.+Passed", passed.stdout + passed.stderr)
    assert _log(repo, hook_source) == ["good"]


def test_the_hook_resolves_links_against_dossiers_not_in_the_commit(
    hook_source: HookSource, tmp_path: Path
) -> None:
    repo = _dossier_repo(tmp_path, hook_source)
    (repo / ".dossierlint.toml").write_text('[severity]\nDL501 = "error"\n')
    for slug, title in (("germany-hitler", "Nazi Germany"), ("china-mao", "Mao's China")):
        (repo / "dossiers" / f"{slug}.md").write_text(STUB.format(title=title))
    _run(["git", "add", "-A"], repo, hook_source.env)
    _run(["git", "commit", "-q", "--no-verify", "-m", "others"], repo, hook_source.env)

    typo = reference_text().replace("[[germany-hitler]]", "[[germany-hitlr]]")
    blocked = _commit(repo, hook_source, {"dossiers/soviet-union-stalin.md": typo})
    assert blocked.returncode != 0
    assert (
        "DL501 [error] [[germany-hitlr]] names no dossier (did you mean germany-hitler?)"
        in blocked.stdout + blocked.stderr
    )
    passed = _commit(repo, hook_source, {"dossiers/soviet-union-stalin.md": reference_text()}, "ok")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def _companion(title: str) -> str:
    """The reference retitled, its comparisons pointing back at the reference."""
    text = replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin", f"# {title}")
    start = text.index("## Comparisons\n") + len("## Comparisons\n")
    end = text.index("\n\n", start)
    back = "- [[soviet-union-stalin]] — relationship: thematic (totalitarian comparison)"
    return text[:start] + back + text[end:]


def test_the_collection_hook_blocks_deleting_a_linked_dossier(
    hook_source: HookSource, tmp_path: Path
) -> None:
    repo = _dossier_repo(tmp_path, hook_source, "#### The whole collection")
    files = {
        ".dossierlint.toml": '[severity]\nDL501 = "error"\n',
        ".gitignore": ".dossierlint_cache/\n",
        "dossiers/soviet-union-stalin.md": reference_text(),
        "dossiers/germany-hitler.md": _companion("Nazi Germany Under Adolf Hitler"),
        "dossiers/china-mao.md": _companion("The People's Republic of China Under Mao"),
    }
    passed = _commit(repo, hook_source, files, "collection")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"dossierlint \(collection\)\.+Passed", output), output
    # verbose: true shows the warnings of a passing commit.
    assert "dossiers/soviet-union-stalin.md:367:32: DL208 [warning]" in output, output

    _run(["git", "rm", "-q", "dossiers/germany-hitler.md"], repo, hook_source.env)
    blocked = _run(["git", "commit", "-m", "delete"], repo, hook_source.env, check=False)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "DL501 [error] [[germany-hitler]] names no dossier" in output, output
    assert _log(repo, hook_source) == ["collection"]


def test_the_hook_manifest_matches_the_readme(hook_source: HookSource) -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"dossierlint", "dossierlint-fix", "dossierlint-collection"}
    collection = hooks["dossierlint-collection"]
    assert collection["pass_filenames"] is False and collection["always_run"] is True
    assert collection["entry"] == "dossierlint check"
    assert hooks["dossierlint-fix"]["entry"] == "dossierlint check --fix"
    hook = hooks["dossierlint"]
    assert hook["language"] == "python" and hooks["dossierlint-fix"]["files"] == hook["files"]
    assert re.match(hook["files"], "dossiers/soviet-union-stalin.md")
    assert not re.match(hook["files"], "README.md")


# -- this repository's own hooks ---------------------------------------------


def test_own_config_runs_dossierlint_from_the_checkout(
    hook_source: HookSource, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    _run(["git", "clone", "-q", str(hook_source.path), str(clone)], tmp_path, hook_source.env)
    command = [sys.executable, "-m", "pre_commit", "run", "dossierlint"]
    clean = _run([*command, "--all-files"], clone, hook_source.env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (clone / "dossiers" / "chile-pinochet.md").write_text(BROKEN)
    _run(["git", "add", "-A"], clone, hook_source.env)
    broken = _run([*command, "--all-files"], clone, hook_source.env, check=False)
    assert broken.returncode == 1
    assert "dossiers/chile-pinochet.md:33:1: DL103 [error]" in broken.stdout


def test_own_config_installs_the_project_dependencies() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert set(hooks) == {"ruff", "ruff-format", "dossierlint"}
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert sorted(hooks["dossierlint"]["additional_dependencies"]) == sorted(
        project["dependencies"]
    )


# -- CI -------------------------------------------------------------------------


def _ci_steps() -> list[str]:
    workflow = yaml.safe_load(_readme_block("### CI"))
    [job] = workflow["jobs"].values()
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_readme_ci_snippet_installs_and_checks(hook_source: HookSource, tmp_path: Path) -> None:
    install, check = _ci_steps()
    placeholder = "git+https://github.com/dossierlint/dossierlint@v0.2.0"
    assert placeholder in install
    local = install.replace(
        placeholder, f"git+file://localhost{hook_source.path}@{hook_source.rev}"
    )
    dry_run = local.replace("pip install", f"{sys.executable} -m pip install --dry-run --no-deps")
    resolved = _run(["bash", "-c", dry_run], tmp_path, hook_source.env)
    assert "Would install dossierlint-" in resolved.stdout

    (tmp_path / ".git").mkdir()  # a repository root without any configuration
    (tmp_path / "dossiers").mkdir()
    (tmp_path / "dossiers" / "soviet-union-stalin.md").write_text(BROKEN)
    result = _run(["bash", "-c", check], tmp_path, hook_source.env, check=False)
    assert result.returncode == 1
    assert (
        "::error file=dossiers/soviet-union-stalin.md,line=33,col=1,title=DL103::"
        "required section '## Classification' is missing" in result.stdout
    )


def test_this_repositorys_workflow_runs_the_tests_and_annotates() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    [job] = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[0] == "bash .ci/run"  # the README's test command, exactly
    assert runs[1].endswith("dossierlint check --format github")
    setup = [
        step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python")
    ]
    assert setup and str(setup[0]["with"]["python-version"]) == "3.11"
