"""`check` on one dossier with a dozen cited snapshots, against the same check without them.

    python benchmarks/grounding_eval/speed.py [RUNS]

Builds two projects in a temporary folder: the reference dossier alone, and
the reference dossier whose twelve sources each have a snapshot (the 80 kB
encyclopedia article under twelve URLs, its sentences shuffled per copy so
that no two texts are alike). Runs `dossierlint check` in a fresh process RUNS
times (default 15) on each and prints the median wall times:

- cold: `--no-cache`, every snapshot indexed in the run;
- edited: with the cache, the dossier's cached findings dropped before each
  run (as after an edit) but the snapshot indexes kept: the pre-commit case.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO / "tests" / "data" / "sources" / "encyclopedia-joseph-stalin.txt"
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"
SNAPSHOTS = 12


def project(root: Path, snapshots: int) -> Path:
    from dossierlint.snapshots.store import save_snapshot

    (root / "dossiers").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    text = REFERENCE.read_text(encoding="utf-8")
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    extra = []
    for n in range(snapshots):
        url = f"https://en.wikipedia.org/wiki/Stalin_snapshot_{n}"
        extra.append(f"- [Snapshot {n}]({url}) | type: encyclopedia | accessed: 2026-01-06")
        random.Random(n).shuffle(lines)
        body = "\n".join(lines)
        save_snapshot(
            root / "sources", url, body, body.encode(), content_type="text/plain", extractor="plain"
        )
    if extra:
        text = text.replace(
            "\n## Confidence Assessment", "\n".join(extra) + "\n\n## Confidence Assessment"
        )
    (root / "dossiers" / "soviet-union-stalin.md").write_text(text, encoding="utf-8")
    return root


def median_seconds(root: Path, runs: int, *, cached: bool) -> float:
    command = [sys.executable, "-m", "dossierlint", "check", "dossiers/soviet-union-stalin.md"]
    if not cached:
        command.insert(4, "--no-cache")
    else:
        subprocess.run(command, cwd=root, capture_output=True, check=False)  # warm the indexes
    times = []
    for _ in range(runs):
        for results in (root / ".dossierlint_cache").glob("*.pickle"):
            if not results.name.startswith("snapshot-index-"):
                results.unlink()
        start = time.perf_counter()
        subprocess.run(command, cwd=root, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        without = project(Path(folder) / "without", 0)
        with_snapshots = project(Path(folder) / "with", SNAPSHOTS)
        for label, cached in (("cold (--no-cache)", False), ("edited (cache)", True)):
            base = median_seconds(without, runs, cached=cached)
            grounded = median_seconds(with_snapshots, runs, cached=cached)
            print(
                f"{label:<18} no snapshots {base * 1000:5.0f} ms, {SNAPSHOTS} snapshots "
                f"{grounded * 1000:5.0f} ms, ratio {grounded / base:.2f} (median of {runs})"
            )


if __name__ == "__main__":
    main()
