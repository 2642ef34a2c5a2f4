"""Lint the first N dossiers of a folder in one process: the per-dossier cost without startup.

Usage::

    python benchmarks/lint_in_process.py DOSSIERS N [REPEAT] [--ignore CODE ...]

Prints the best CPU time per dossier over REPEAT runs (default 3) and the
number of findings. Under ``valgrind --tool=callgrind`` the instruction count
of a run with N files minus one with 1 file, divided by N - 1, is the cost
per dossier free of the machine's load (BENCHMARKS.md, issue 15).
"""

from __future__ import annotations

import argparse
import datetime
import time
from pathlib import Path

from dossierlint.config import load_config
from dossierlint.engine import FileJob, build_ruleset, lint_bytes
from dossierlint.houserules import load_house_rules


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dossiers", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("repeat", type=int, nargs="?", default=3)
    parser.add_argument("--ignore", nargs="*", default=None)
    args = parser.parse_args()
    files = sorted(args.dossiers.glob("*.md"))[: args.count]
    jobs = [FileJob(f.stem, f.stem, f.stem, f.read_bytes()) for f in files]
    config = load_config(args.dossiers.parent)
    ruleset = build_ruleset(config, ignore=args.ignore)
    house_rules = load_house_rules()
    today = datetime.date(2026, 12, 2)
    best, found = float("inf"), 0
    for _ in range(args.repeat):
        began = time.process_time()
        found = sum(len(lint_bytes(job, ruleset, house_rules, None, today, config)) for job in jobs)
        best = min(best, time.process_time() - began)
    print(
        f"{len(jobs)} dossiers: {best * 1000 / max(len(jobs), 1):.3f} ms CPU a dossier, {found} findings"
    )


if __name__ == "__main__":
    main()
