"""`check --stdin-filename PATH -`: lint the text on standard input as if it were file PATH.

This is what editors' lint plugins (ALE, nvim-lint, efm-langserver,
flycheck) run on an unsaved buffer. PATH picks the settings (the config
found from its folder), the collection it is checked against (its own entry
read from the text given, not from the file), and its per-file ignores;
findings name PATH; nothing is written. As with ruff: `--fix` prints the
fixed text on standard output and what remains on standard error; `--diff`
prints the change as a diff.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from dossierlint.commands import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    findings_exit_code,
    plural,
    say,
    use_color,
)
from dossierlint.config import Config, load_config
from dossierlint.errors import UsageError, printable
from dossierlint.findings import Finding, Report
from dossierlint.houserules import load_house_rules

STDIN = Path("-")


def stdin_path(filename: Path, paths: tuple[Path, ...]) -> Path:
    """The file the standard input stands for; a usage error for a bad combination or PATH."""
    if paths not in ((), (STDIN,)):
        raise UsageError(
            "--stdin-filename: give no paths besides '-' (the text is read from stdin)"
        )
    shown = printable(str(filename))
    if filename.is_dir():
        raise UsageError(f"{shown}: is a directory; --stdin-filename names the dossier file")
    if not filename.parent.is_dir():
        raise UsageError(f"{shown}: no such folder {printable(str(filename.parent))}")
    return filename


def _load(path: Path, config_file: Path | None) -> Config:
    config = load_config(start=path.parent, config_file=config_file)
    try:
        path.resolve().relative_to(config.root)
    except ValueError:
        raise UsageError(
            f"{printable(str(path))}: outside the project ({printable(str(config.root))})"
        ) from None
    return config


def check_stdin(
    path: Path,
    *,
    config_file: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    format_name: str,
    color: str,
    strict: bool,
    exit_zero: bool,
    quiet: bool,
    silent: bool,
    fix: bool,
    unsafe: bool,
    diff: bool,
) -> int:
    """Lint, fix or diff standard input as `path`; the exit code. `quiet`: no summary;
    `silent`: no report at all (a fixed text is still printed: it is the output)."""
    from dossierlint.collection_index import Collection, entry_from_text
    from dossierlint.engine import build_ruleset
    from dossierlint.linter import Linter
    from dossierlint.report import write_report

    config = _load(path, config_file)
    house_rules = load_house_rules(config.house_rules)
    linter = Linter(config, build_ruleset(config, select, ignore), house_rules)
    data = sys.stdin.buffer.read()
    indexed = linter.collection([path])
    entries = dict(indexed.entries)
    comparisons = house_rules.section_with("comparisons")
    entries[path.stem] = entry_from_text(data.decode("utf-8", "replace"), comparisons)
    collection = Collection.from_entries(indexed.folder, entries)

    def lint(text: bytes) -> list[Finding]:
        return linter.lint_data(path, text, collection)

    def show(findings: list[Finding], stream: TextIO) -> None:
        if not silent:
            options = {"quiet": quiet or silent}
            write_report(
                Report(1, findings), format_name, stream, use_color(color, stream), **options
            )

    if not (fix or diff):
        findings = lint(data)
        show(findings, sys.stdout)
        return findings_exit_code((f.severity for f in findings), strict, exit_zero)
    from dossierlint.edits import fix_bytes

    result = fix_bytes(data, lint, unsafe)
    if diff:
        from dossierlint.files import display_path
        from dossierlint.text import unified_diff

        old, new = (b.decode("utf-8", "surrogateescape") for b in (data, result.data))
        sys.stdout.write(unified_diff(old, new, display_path(path)))
        if not (quiet or silent):
            say(f"Would fix {plural(result.fixed, 'finding')}")
        return EXIT_FINDINGS if result.data != data and not exit_zero else EXIT_CLEAN
    stdout = sys.stdout.buffer
    stdout.write(result.data)
    stdout.flush()
    show(result.remaining, sys.stderr)
    if not (quiet or silent):
        say(f"Fixed {plural(result.fixed, 'finding')} ({len(result.remaining)} remaining)")
    return findings_exit_code((f.severity for f in result.remaining), strict, exit_zero)
