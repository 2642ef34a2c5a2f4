"""Milliseconds of linting per dossier, in process: no start-up, no workers, no cache.

Usage::

    python benchmarks/per_dossier.py FOLDER [--files 200] [--rounds 3]
    PYTHONPATH=<other checkout>/src python benchmarks/per_dossier.py FOLDER   # another version

FOLDER is a project (with `pyproject.toml`) or a dossiers folder; the first
`--files` dossiers are linted `--rounds` times by the Linter's own per-file
path (the rules against the collection index of those files) and the best
round's mean is printed. This is the cost that grows with a collection when
every file is checked (`check --no-cache`): what the rules themselves cost,
apart from the interpreter and imports that `instructions.py` counts.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from dossierlint.config import load_config
from dossierlint.engine import build_ruleset
from dossierlint.houserules import load_house_rules
from dossierlint.linter import Linter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.chdir(args.folder if (args.folder / "pyproject.toml").exists() else args.folder.parent)
    config = load_config(Path.cwd())
    linter = Linter(
        config,
        build_ruleset(config, None, None),
        load_house_rules(config.house_rules),
        use_cache=False,
        jobs=1,
    )
    files = sorted(config.dossiers.glob("*.md"))[: args.files]
    collection = linter.collection(files)
    for path in files[:10]:  # patterns compiled, caches filled
        linter.check_file(path, collection)
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for path in files:
            linter.check_file(path, collection)
        best = min(best, (time.perf_counter() - start) / len(files))
    print(f"{len(files)} dossiers: {best * 1000:.2f} ms a dossier (best of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
