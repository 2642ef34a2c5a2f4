"""Compare one benchmark run (``run.py --out``) with the speed budgets; exit 1 if any is missed.

Usage::

    python benchmarks/run.py --sizes 1,2000,10000 --out benchmarks/results.json
    python benchmarks/budgets.py benchmarks/results.json

Each budget compares two figures of the same run (paired runs on the same
machine), so the verdict does not depend on how fast the machine is. A budget
whose figures the run did not measure (a size not run, a peer not installed) is
listed as "not measured" and does not fail the comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ONE_ALONE = ("dossierlint", "cold (--no-cache)", 1)


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


def ratio(
    numerator: tuple[str, str, int], denominator: tuple[str, str, int], limit: float
) -> Callable[[dict], tuple[float, float] | None]:
    def measure(results: dict) -> tuple[float, float] | None:
        top, bottom = wall(results, numerator), wall(results, denominator)
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
        "one dossier of 2,000, no cache / alone",
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
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="the JSON that run.py --out wrote")
    args = parser.parse_args(argv)
    try:
        payload = json.loads(args.results.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{args.results}: cannot read benchmark results: {error}", file=sys.stderr)
        return 2
    results = {(r["tool"], r["scenario"], r["size"]): r for r in payload["results"]}
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
