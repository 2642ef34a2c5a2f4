"""The editor setups in README's "Use it in your editor", checked as far as they can be here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, Project, reference_text, replace_once

EDITORS = REPO / "editors"
README = (REPO / "README.md").read_text(encoding="utf-8")
# nvim-lint's Lua pattern '[^:]+:(%d+):(%d+): (%w+) %[(%w+)%] (.*)' (ALE and flycheck
# read the same shape), in Python's syntax.
FINDING_LINE = re.compile(r"[^:]+:(\d+):(\d+): ([A-Za-z0-9]+) \[([A-Za-z0-9]+)\] (.*)")


@pytest.mark.parametrize(
    "name", ["neovim/dossierlint.lua", "helix/languages.toml", "emacs/dossierlint-eglot.el"]
)
def test_the_readme_shows_each_setup_file_as_it_is(name: str):
    assert (EDITORS / name).read_text(encoding="utf-8") in README


def test_the_helix_configuration_parses_and_starts_the_server():
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["dossierlint"]
    assert [server["command"], *server["args"]] == ["dossierlint", "server"]
    [markdown] = [language for language in config["language"] if language["name"] == "markdown"]
    assert "dossierlint" in markdown["language-servers"]


def test_the_neovim_and_emacs_setups_start_the_server():
    lua = (EDITORS / "neovim" / "dossierlint.lua").read_text(encoding="utf-8")
    assert "cmd = { 'dossierlint', 'server' }" in lua and "vim.lsp.enable('dossierlint')" in lua
    elisp = (EDITORS / "emacs" / "dossierlint-eglot.el").read_text(encoding="utf-8")
    assert '("dossierlint" "server")' in elisp
    assert elisp.count("(") == elisp.count(")")


def test_the_vscode_manifest_is_valid_and_names_the_command():
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert (EDITORS / "vscode" / manifest["main"]).is_file()
    assert manifest["activationEvents"] == ["onLanguage:markdown"]
    setting = manifest["contributes"]["configuration"]["properties"]["dossierlint.command"]
    assert setting["default"] == ["dossierlint", "server"]
    assert "vscode-languageclient" in manifest["dependencies"]


_VSCODE_STUB = """
exports.workspace = {
  getConfiguration: (section) => ({
    get: (key, fallback) => (process.env.COMMAND ? JSON.parse(process.env.COMMAND) : fallback),
  }),
};
"""
_CLIENT_STUB = """
class LanguageClient {
  constructor(id, name, server, options) {
    globalThis.started = { id, server, selector: options.documentSelector };
  }
  start() { return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}
exports.LanguageClient = LanguageClient;
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, {"command": "dossierlint", "args": ["server"]}),
        (
            [".venv/bin/dossierlint", "server"],
            {"command": ".venv/bin/dossierlint", "args": ["server"]},
        ),
    ],
)
def test_the_vscode_extension_starts_the_configured_server_for_markdown(
    tmp_path: Path, setting: list[str] | None, expected: dict
):
    modules = tmp_path / "node_modules"
    (modules / "vscode").mkdir(parents=True)
    (modules / "vscode" / "index.js").write_text(_VSCODE_STUB)
    (modules / "vscode-languageclient").mkdir()
    (modules / "vscode-languageclient" / "node.js").write_text(_CLIENT_STUB)
    driver = (
        f"const extension = require({json.dumps(str(EDITORS / 'vscode' / 'extension.js'))});"
        "extension.activate().then(() => console.log(JSON.stringify(globalThis.started)));"
    )
    env = {"NODE_PATH": str(modules), "PATH": "/usr/bin:/bin"}
    if setting is not None:
        env["COMMAND"] = json.dumps(setting)
    result = subprocess.run(
        [shutil.which("node"), "-e", driver], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    started = json.loads(result.stdout)
    assert started["server"] == expected
    assert started["selector"] == [{"scheme": "file", "language": "markdown"}]


def test_the_linters_pattern_reads_every_finding_line_of_stdin_checking(project: Project):
    text = replace_once(reference_text(), "## Overview", "## Overveiw")
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check", "--stdin-filename", "dossiers/x.md", "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=project.root,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    *lines, summary = result.stdout.splitlines()
    assert lines and all(FINDING_LINE.fullmatch(line) for line in lines)
    assert not FINDING_LINE.fullmatch(summary)
    codes = [FINDING_LINE.fullmatch(line).group(3) for line in lines]
    assert "DL108" in codes
