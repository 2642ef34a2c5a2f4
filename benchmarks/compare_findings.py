"""Compare what two versions of dossierlint report, byte for byte.

    python benchmarks/compare_findings.py BEFORE AFTER [--count 1000] [--format json ...]

BEFORE and AFTER are git revisions of this repository (extracted with
`git archive` into a temporary folder) or source trees (a folder holding
`src/dossierlint`). Each runs as `python -m dossierlint check --no-cache` with
its own `src/` first on PYTHONPATH and its own `schema/`, on the same inputs:

- the bundled reference dossier (`dossiers/soviet-union-stalin.md`), alone;
- a collection of COUNT dossiers written by `benchmarks/generate.py` (seeded, with
  planted defects, so that most rules have something to report).

For every input, each format and `--diff --unsafe-fixes` (the fixes, as a diff),
the exit code, stdout and stderr must be identical.
Exit 0 when they all are, 1 when any differs (the first differing line is shown).
`--format sarif` also carries every rule's documentation, so it differs whenever
a rule's docstring does, with the same findings.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"
PYPROJECT = '[tool.dossierlint]\ndossiers = "dossiers"\n'


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: bytes
    stderr: bytes


def source_tree(spec: str, into: Path) -> Path:
    """`spec` as a folder holding src/dossierlint: the folder itself, or a git revision's tree."""
    folder = Path(spec)
    if (folder / "src" / "dossierlint").is_dir():
        return folder.resolve()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", spec],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise SystemExit(f"{spec}: neither a source tree nor a git revision of {REPO}")
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def project(folder: Path, dossiers: list[Path]) -> Path:
    """A project folder: pyproject.toml and `dossiers/` holding copies of `dossiers`."""
    (folder / "dossiers").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for path in dossiers:
        shutil.copyfile(path, folder / "dossiers" / path.name)
    return folder


def check(tree: Path, where: Path, options: list[str]) -> Outcome:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    env.pop("DOSSIERLINT_DEBUG", None)
    command = [sys.executable, "-m", "dossierlint", "check", "--no-cache", *options, "dossiers"]
    result = subprocess.run(command, cwd=where, env=env, capture_output=True)
    return Outcome(result.returncode, result.stdout, result.stderr)


def first_difference(before: bytes, after: bytes) -> str:
    old, new = before.splitlines(), after.splitlines()
    for number, (a, b) in enumerate(zip(old, new, strict=False), 1):
        if a != b:
            return f"line {number}:\n    before: {a[:200]!r}\n    after:  {b[:200]!r}"
    return f"one output is longer: {len(old)} lines before, {len(new)} after"


def compare(name: str, before: Outcome, after: Outcome) -> bool:
    same = True
    for part in ("exit_code", "stdout", "stderr"):
        old, new = getattr(before, part), getattr(after, part)
        if old != new:
            same = False
            detail = f"{old} -> {new}" if part == "exit_code" else first_difference(old, new)
            print(f"DIFFERENT {name} {part}: {detail}")
    if same:
        size = len(after.stdout)
        print(f"identical {name}: exit {after.exit_code}, {size:,} bytes of output")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="git revision or source tree")
    parser.add_argument("after", help="git revision or source tree")
    parser.add_argument("--count", type=int, default=1000, help="dossiers in the generated one")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=("json", "text", "github", "sarif"),
        help="output formats to compare (repeatable; default: json and text)",
    )
    args = parser.parse_args(argv)
    formats = args.formats or ["json", "text"]
    with tempfile.TemporaryDirectory(prefix="compare-findings-") as temp:
        work = Path(temp)
        trees = {
            "before": source_tree(args.before, work / "before"),
            "after": source_tree(args.after, work / "after"),
        }
        generated = work / "generated"
        options = ["--count", str(args.count), "--out", str(generated), "--seed", str(args.seed)]
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), *options],
            check=True,
            capture_output=True,
        )
        inputs = {
            "reference": project(work / "reference", [REFERENCE]),
            f"generated-{args.count}": project(work / "collection", sorted(generated.glob("*.md"))),
        }
        same = True
        runs = [["--format", name] for name in formats] + [["--diff", "--unsafe-fixes"]]
        for input_name, folder in inputs.items():
            for options in runs:
                outcomes = {side: check(tree, folder, options) for side, tree in trees.items()}
                name = f"{input_name} {' '.join(options)}"
                same &= compare(name, outcomes["before"], outcomes["after"])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
