"""Count the CPU instructions of dossierlint's start-up and of checking one dossier.

Usage::

    python benchmarks/instructions.py                 # the table, in Markdown
    python benchmarks/instructions.py --only check    # scenarios whose name contains "check"
    python benchmarks/instructions.py --out counts.json

Wall and CPU time on a shared machine move with the load; the number of
instructions a run executes does not (it moves by well under 1% between runs),
so before/after decisions on start-up work are made on these counts. Each
scenario runs once under ``valgrind --tool=callgrind`` and its "Collected"
total is read from valgrind's summary; valgrind must be installed.

Scenarios:

* ``python -c pass``: the interpreter alone;
* import of the check path: the modules ``check`` imports before it reads a file;
* check of one dossier: ``check --no-cache dossiers/soviet-union-stalin.md``;
* check of one dossier in 2,000: the same file copied into a generated
  collection of 2,000 dossiers (``generate.py``, seed 1), ``--no-cache``;
* pre-commit, alone and in 2,000: the cache filled by a check of the whole
  folder, then a line appended to the reference, then ``check`` of it (its
  results are not cached, the other dossiers' index entries are).

Python writes no bytecode when PYTHONDONTWRITEBYTECODE is set, and then an
editable install compiles every module on every run: the script compiles
``src/`` once and runs the children without that variable (``run.compile_sources``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import generate
from run import compile_sources

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
CHECK_PATH = (
    "import dossierlint.main, dossierlint.commands.check_args, dossierlint.commands.check_run, "
    "dossierlint.engine, dossierlint.linter, dossierlint.report"
)
"""What `check` imports before it reads a file (`dossierlint.main` reads the command line)."""


def count(argv: list[str], cwd: Path) -> int:
    """Instructions executed by ``argv`` (and the processes it forks) under callgrind."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--trace-children=yes",
        *argv,
    ]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    totals = [int(n) for n in COLLECTED.findall(done.stderr)]
    if done.returncode not in (0, 1) or not totals:
        raise SystemExit(f"instructions.py: {' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return sum(totals)


def collection(base: Path, size: int) -> Path:
    """A project of ``size`` generated dossiers plus the reference; returns its folder."""
    project = base / f"n{size}"
    (project / "dossiers").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n', encoding="utf-8"
    )
    generate.generate_collection(project / "dossiers", size, 1, 0.1)
    shutil.copy(REFERENCE, project / "dossiers" / REFERENCE.name)
    rest = time.time() - 3600  # at rest, as in a repository (run.make_project)
    for path in [*(project / "dossiers").iterdir(), project / "dossiers"]:
        os.utime(path, (rest, rest))
    return project


def warmed_and_edited(project: Path) -> None:
    """The cache filled by a check of the whole folder, then the reference edited."""
    fill = [sys.executable, "-m", "dossierlint", "check", "-q", "dossiers"]
    subprocess.run(fill, cwd=project, capture_output=True, check=False)
    with open(project / "dossiers" / REFERENCE.name, "a", encoding="utf-8") as file:
        file.write("\n")


def scenarios(base: Path, only: str) -> list[tuple[str, list[str], Path, Callable | None]]:
    python = sys.executable
    check = [python, "-m", "dossierlint", "check", "--no-cache", f"dossiers/{REFERENCE.name}"]
    edited = [python, "-m", "dossierlint", "check", "-q", f"dossiers/{REFERENCE.name}"]
    alone, big = base / "n0", base / "n2000"  # n0: the reference and no generated dossier
    chosen = [
        ("python -c pass", [python, "-c", "pass"], REPO, None),
        ("import of the check path", [python, "-c", CHECK_PATH], REPO, None),
        ("check of one dossier", check, REPO, None),
        ("check of one dossier in 2,000", check, big, None),
        ("pre-commit: one edited dossier alone", edited, alone, warmed_and_edited),
        ("pre-commit: one edited dossier in 2,000", edited, big, warmed_and_edited),
    ]
    chosen = [scenario for scenario in chosen if only in scenario[0]]
    if any(cwd == big for _, _, cwd, _ in chosen):
        collection(base, 2000)
    if any(cwd == alone for _, _, cwd, _ in chosen):
        collection(base, 0)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the scenarios whose name contains this")
    parser.add_argument("--out", type=Path, help="also write the counts as JSON")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions.py: valgrind is not installed")
    compile_sources()
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="dl-instr-") as tmp:
        for name, command, cwd, prepare in scenarios(Path(tmp), args.only):
            if prepare:
                prepare(cwd)
            counts[name] = count(command, cwd)
            print(f"{name}: {counts[name] / 1e6:.0f}M", file=sys.stderr)
    print("| scenario | instructions (millions) |\n| --- | ---: |")
    for name, total in counts.items():
        print(f"| {name} | {total / 1e6:.0f} |")
    if args.out:
        args.out.write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
