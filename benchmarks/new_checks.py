"""What the fact and grounding checks cost on one dossier, in paired runs.

Usage::

    python benchmarks/new_checks.py --out benchmarks/new_checks.json
    python benchmarks/budgets.py benchmarks/results.json benchmarks/new_checks.json

Two pairs of scenarios, each run alternately (A, B, A, B, ...) so that both
sides of a ratio see the same machine load:

* fact consistency: ``check --no-cache`` of the reference dossier with every
  rule, against the same run with ``--ignore`` of ``FACT_CODES``;
* grounding: the reference with ``SNAPSHOTS`` source snapshots in ``sources/``
  (added with ``dossierlint sources add``, from plain-text pages built from the
  dossier's own prose, about 60 kB each), against the same project with an
  empty ``sources/``; once with ``--no-cache`` (a fresh clone in CI: every
  snapshot's claims are read again), once with the cache after a one-line edit
  of the dossier (a contributor's commit: the dossier is linted again, the
  snapshots' claim indexes come from the cache, as they do until a snapshot
  changes).

The output has the shape of ``run.py --out`` (tool, scenario, size, samples with
wall and CPU seconds), so ``budgets.py`` reads both files together.
When this version has no rule whose code starts with one of ``FACT_CODES``
(``dossierlint rules``), the fact pair is not run and its budget reads "not
measured".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import compile_sources

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"
FACT_CODES = ("DL7",)
"""Rule codes (or prefixes) of the fact-consistency rules (issue 15's DL7xx family)."""
SNAPSHOTS = 12
PAGE_BYTES = 60_000
PYPROJECT = '[tool.dossierlint]\ndossiers = "dossiers"\nsources = "sources"\n'
EXTRA_SOURCES = (
    "https://en.wikipedia.org/wiki/Great_Purge",
    "https://en.wikipedia.org/wiki/Gulag",
    "https://en.wikipedia.org/wiki/Joseph_Stalin",
)
FACTS_ALL = "fact rules: all rules"
FACTS_IGNORED = "fact rules: --ignore " + ",".join(FACT_CODES)
GROUNDED = f"grounding: {SNAPSHOTS} snapshots"
UNGROUNDED = "grounding: no snapshots"
GROUNDED_EDITED = f"grounding, cache on, dossier edited: {SNAPSHOTS} snapshots"
UNGROUNDED_EDITED = "grounding, cache on, dossier edited: no snapshots"


def cited_urls(text: str) -> list[str]:
    """The URLs of the Sources bullets, in order."""
    section = text.split("\n## Sources\n", 1)[1].split("\n## ", 1)[0]
    return [
        line.split("](", 1)[1].split(")", 1)[0] for line in section.splitlines() if "](" in line
    ]


def page(text: str, index: int) -> str:
    """A plain-text page of about PAGE_BYTES: the dossier's paragraphs, rotated by `index`."""
    paragraphs = [p for p in text.split("\n\n") if len(p) > 80 and not p.startswith(("|", "#"))]
    rotated = paragraphs[index % len(paragraphs) :] + paragraphs[: index % len(paragraphs)]
    out: list[str] = []
    while sum(map(len, out)) < PAGE_BYTES:
        out.extend(rotated)
    return "\n\n".join(out)


def project(base: Path) -> Path:
    """The reference dossier, citing SNAPSHOTS sources, with a snapshot of each."""
    root = base / "grounded"
    (root / "dossiers").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    text = REFERENCE.read_text(encoding="utf-8")
    urls = cited_urls(text)
    missing = [url for url in EXTRA_SOURCES if url not in urls][: max(0, SNAPSHOTS - len(urls))]
    bullets = "".join(
        f"- [Wikipedia - {url.rsplit('/', 1)[1]}]({url}) | type: encyclopedia"
        " | accessed: 2026-01-06\n"
        for url in missing
    )
    head, rest = text.split("\n## Sources\n", 1)
    section, tail = rest.split("\n## ", 1)
    lines = section.split("\n")
    last = max(i for i, line in enumerate(lines) if line.startswith("- ["))
    lines.insert(last + 1, bullets.rstrip("\n"))
    text = f"{head}\n## Sources\n" + "\n".join(lines) + f"\n## {tail}"
    (root / "dossiers" / REFERENCE.name).write_text(text, encoding="utf-8")
    for index, url in enumerate((urls + missing)[:SNAPSHOTS]):
        saved = base / f"page{index}.txt"
        saved.write_text(page(text, index), encoding="utf-8")
        dossierlint(["sources", "add", url, str(saved), "--retrieved", "2026-01-06"], root)
    return root


def dossierlint(args: list[str], cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dossierlint", *args], cwd=cwd, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"new_checks.py: dossierlint {' '.join(args)}: {done.stderr.strip()}")


def has_rules(prefixes: tuple[str, ...]) -> bool:
    listing = subprocess.run(
        [sys.executable, "-m", "dossierlint", "rules"], capture_output=True, text=True, check=True
    ).stdout
    return any(line.startswith(prefixes) for line in listing.splitlines()[1:])


def has_sources_command() -> bool:
    probe = [sys.executable, "-m", "dossierlint", "sources", "--help"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def sample(argv: list[str], cwd: Path) -> dict[str, float]:
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"new_checks.py: {' '.join(argv)} exited {child.returncode}")
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
    }


def paired(
    first: tuple[str, list[str], Path, Path],
    second: tuple[str, list[str], Path, Path],
    repeat: int,
    swap: tuple[Path, Path] | None = None,
    edit: Path | None = None,
) -> list[dict]:
    """Run the two scenarios alternately; `swap` moves a folder aside for the second,
    a line is appended to `edit` before each run."""
    results = [
        {"tool": "dossierlint", "scenario": name, "size": 1, "argv": argv, "samples": []}
        for name, argv, _, _ in (first, second)
    ]
    for _ in range(repeat + 1):  # the first round warms the page cache and is dropped
        for result, (_, argv, cwd, _) in zip(results, (first, second), strict=True):
            if swap and result is results[1]:
                os.rename(*swap)
                swap[0].mkdir()
            if edit is not None:
                with edit.open("a", encoding="utf-8") as file:
                    file.write("<!-- benchmark edit -->\n")
            try:
                result["samples"].append(sample(argv, cwd))
            finally:
                if swap and result is results[1]:
                    swap[0].rmdir()
                    os.rename(swap[1], swap[0])
    for result in results:
        result["samples"] = result["samples"][1:]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--out", type=Path, help="write the samples as JSON (run.py's shape)")
    args = parser.parse_args(argv)
    compile_sources()
    check = [sys.executable, "-m", "dossierlint", "check", "--no-cache"]
    one = f"dossiers/{REFERENCE.name}"
    results = []
    if has_rules(FACT_CODES):
        ignore = ["--ignore", ",".join(FACT_CODES)]
        results += paired(
            (FACTS_ALL, [*check, one], REPO, REPO),
            (FACTS_IGNORED, [*check, *ignore, one], REPO, REPO),
            args.repeat,
        )
    else:
        print(f"no rule codes start with {', '.join(FACT_CODES)}: fact pair not run")
    if has_sources_command():
        with tempfile.TemporaryDirectory(prefix="dl-new-checks-") as tmp:
            root = project(Path(tmp))
            aside = (root / "sources", Path(tmp) / "sources-aside")
            results += paired(
                (GROUNDED, [*check, one], root, root),
                (UNGROUNDED, [*check, one], root, root),
                args.repeat,
                swap=aside,
            )
            cached = check[:-1]
            results += paired(
                (GROUNDED_EDITED, [*cached, one], root, root),
                (UNGROUNDED_EDITED, [*cached, one], root, root),
                args.repeat,
                swap=aside,
                edit=root / one,
            )
    else:
        print("no `dossierlint sources` command: grounding pair not run")
    for result in results:
        walls = sorted(s["wall"] for s in result["samples"])
        cpus = sorted(s["user"] + s["sys"] for s in result["samples"])
        print(
            f"{result['scenario']}: wall median {1000 * walls[len(walls) // 2]:.0f} ms, "
            f"CPU median {1000 * cpus[len(cpus) // 2]:.0f} ms"
        )
    if args.out:
        payload = {"results": results}
        args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
