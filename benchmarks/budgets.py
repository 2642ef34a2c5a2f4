"""Compare one benchmark run (``run.py --out``) with the speed budgets; exit 1 if any is missed.

Usage::

    python benchmarks/run.py --sizes 1,2000,10000 --out benchmarks/results.json
    python benchmarks/new_checks.py --out benchmarks/new_checks.json
    python benchmarks/server_latency.py > benchmarks/server_latency.txt
    python benchmarks/budgets.py benchmarks/results.json benchmarks/new_checks.json \
        --server-latency benchmarks/server_latency.txt

Each budget compares two figures of the same run (paired runs on the same
machine), so the verdict does not depend on how fast the machine is. A budget
whose figures the run did not measure (a size not run, a peer not installed) is
listed as "not measured" and does not fail the comparison. The language
server's budget is absolute: the warm re-check's median, read from the output of
`server_latency.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import new_checks
import run

ONE_ALONE = ("dossierlint", "cold (--no-cache)", 1)
SERVER_WARM = re.compile(r"didChange -> diagnostics, warm.*?median ([0-9.]+) ?ms")


@dataclass(frozen=True)
class Budget:
    name: str
    measure: Callable[[dict[tuple[str, str, int], dict]], tuple[float, float] | None]
    """(value, limit) from the run's results, or None when not measured."""
    unit: str = ""


def wall(results: dict[tuple[str, str, int], dict], key: tuple[str, str, int]) -> float | None:
    result = results.get(key)
    if not result or not result["samples"]:
        return None
    return statistics.median(sample["wall"] for sample in result["samples"])


def peak_mb(results: dict[tuple[str, str, int], dict], key: tuple[str, str, int]) -> float | None:
    result = results.get(key)
    if not result or not result["samples"]:
        return None
    return max(sample["maxrss_kb"] for sample in result["samples"]) / 1024


def cpu(results: dict[tuple[str, str, int], dict], key: tuple[str, str, int]) -> float | None:
    result = results.get(key)
    if not result or not result["samples"]:
        return None
    return statistics.median(sample["user"] + sample["sys"] for sample in result["samples"])


def ratio(
    numerator: tuple[str, str, int],
    denominator: tuple[str, str, int],
    limit: float,
    read: Callable[[dict, tuple[str, str, int]], float | None] = wall,
) -> Callable[[dict], tuple[float, float] | None]:
    def measure(results: dict) -> tuple[float, float] | None:
        top, bottom = read(results, numerator), read(results, denominator)
        return None if top is None or not bottom else (top / bottom, limit)

    return measure


def absolute(
    read: Callable[[dict, tuple[str, str, int]], float | None],
    key: tuple[str, str, int],
    limit: float,
    scale: float = 1.0,
) -> Callable[[dict], tuple[float, float] | None]:
    def measure(results: dict) -> tuple[float, float] | None:
        value = read(results, key)
        return None if value is None else (value * scale, limit)

    return measure


BUDGETS = (
    Budget("one dossier alone, fresh process (ms)", absolute(wall, ONE_ALONE, 100, 1000)),
    Budget(
        "one dossier alone / markdownlint-cli2",
        ratio(ONE_ALONE, ("markdownlint-cli2", "default rules", 1), 1 / 8),
    ),
    Budget(
        "one dossier of 2,000, its results not cached / alone (pre-commit after an edit)",
        ratio(
            ("dossierlint", run.ONE_CHANGED, 2000),
            ("dossierlint", "warm cache, 1 file changed", 1),
            1.2,
        ),
    ),
    Budget(
        "one dossier of 2,000 / alone, both --no-cache (nothing kept: every file read)",
        ratio(("dossierlint", "cold, 1 file of 2000", 2000), ONE_ALONE, 1.2),
    ),
    Budget(
        "2,000 cold / rumdl cold",
        ratio(("dossierlint", "cold (--no-cache)", 2000), ("rumdl", "cold (no cache)", 2000), 2.0),
    ),
    Budget(
        "2,000 warm / rumdl warm",
        ratio(
            ("dossierlint", "warm cache, nothing changed", 2000),
            ("rumdl", "warm cache, nothing changed", 2000),
            1.0,
        ),
    ),
    Budget(
        "10,000 warm / rumdl warm",
        ratio(
            ("dossierlint", "warm cache, nothing changed", 10000),
            ("rumdl", "warm cache, nothing changed", 10000),
            1.0,
        ),
    ),
    Budget(
        "peak memory at 10,000 (MB)",
        absolute(peak_mb, ("dossierlint", "cache fill (first cached run)", 10000), 300),
    ),
    Budget(
        "one dossier, CPU with the fact rules / without them",
        ratio(
            ("dossierlint", new_checks.FACTS_ALL, 1),
            ("dossierlint", new_checks.FACTS_IGNORED, 1),
            1.15,
            cpu,
        ),
    ),
    Budget(
        f"one dossier with {new_checks.SNAPSHOTS} snapshots / without, no cache",
        ratio(
            ("dossierlint", new_checks.GROUNDED, 1), ("dossierlint", new_checks.UNGROUNDED, 1), 2.0
        ),
    ),
    Budget(
        f"one dossier with {new_checks.SNAPSHOTS} snapshots / without, edited, cache on",
        ratio(
            ("dossierlint", new_checks.GROUNDED_EDITED, 1),
            ("dossierlint", new_checks.UNGROUNDED_EDITED, 1),
            2.0,
        ),
    ),
    Budget(
        "language server, warm re-check of the reference (ms)",
        absolute(wall, ("dossierlint", "server: didChange -> diagnostics, warm", 1), 100, 1000),
    ),
)


def server_result(path: Path) -> dict | None:
    """The warm re-check's median from `server_latency.py`'s output, as a run.py result."""
    try:
        found = SERVER_WARM.search(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    if not found:
        return None
    sample = {"wall": float(found.group(1)) / 1000}
    scenario = "server: didChange -> diagnostics, warm"
    return {"tool": "dossierlint", "scenario": scenario, "size": 1, "samples": [sample]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "results", type=Path, nargs="+", help="JSON written by run.py --out or new_checks.py --out"
    )
    parser.add_argument(
        "--server-latency", type=Path, help="the output of server_latency.py, saved to a file"
    )
    args = parser.parse_args(argv)
    results = {}
    for path in args.results:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read benchmark results: {error}", file=sys.stderr)
            return 2
        results.update({(r["tool"], r["scenario"], r["size"]): r for r in payload["results"]})
    server = server_result(args.server_latency) if args.server_latency else None
    if server:
        results[(server["tool"], server["scenario"], server["size"])] = server
    missed = 0
    for budget in BUDGETS:
        measured = budget.measure(results)
        if measured is None:
            print(f"not measured  {budget.name}")
            continue
        value, limit = measured
        verdict = "met   " if value <= limit else "MISSED"
        missed += value > limit
        print(f"{verdict}        {budget.name}: {value:.3g} (limit {limit:.3g})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
