"""Time dossierlint's grammars on hostile input, and audit every regex for backtracking.

The test suite checks what these inputs produce; how long they take is measured
here, where a loaded machine cannot fail a test. Each case is timed once (after
a warm-up) and compared with its bound, which is many times a linear run's cost:
a super-linear regex on these sizes takes seconds to hours.

    python benchmarks/hostile.py            # table of cases; exit 1 if one is over its bound
    python benchmarks/hostile.py --no-audit # skip the regex audit (about a minute)

Run from the repository root with dossierlint importable (`pip install -e .`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dossierlint.grammar.citations import parse_citation
from dossierlint.grammar.dates import find_dates, find_numeric_ranges, parse_date
from dossierlint.grammar.urls import is_home_page, normalise_url, url_host, url_problem

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "dossiers" / "soviet-union-stalin.md"
AUDIT_TIMEOUT = 600

DATES = {
    "100k digits": "1" * 100_000,
    "100k nines then a dash": "9" * 100_000 + "-1",
    "1- x 50k": "1-" * 50_000,
    "1924- x 50k": "1924-" * 50_000,
    "April x 20k": "April " * 20_000,
    "April 3 x 20k": "April 3-" * 20_000,
    "3 April x 20k": "3 April " * 20_000,
    "comma groups": "1" + ",000" * 100_000 + ",00",
    "dots": "1." * 100_000,
    "1 MB of spaces between a range": "1924" + " " * 500_000 + "-" + " " * 500_000 + "1925",
    "1 MB of dashes": "-" * 1_000_000,
    "1 MB of letters": "a" * 1_000_000,
    "1 MB one URL": "https://" + "a" * 1_000_000,
    "early x 100k": "early " * 100_000,
    "from x 100k": "from " * 100_000 + "1924 to 1953",
    "c. x 100k": "c. " * 100_000,
    "1 MB mixed prose": (
        "By early 1924 (1924-1953), April 3, 1922: 6-20 million, 1950s-60s, c. 1900; "
        "Winter 1941-42, 2026-02-30 and 700,000-1,750,000 troops. " * 10_000
    )[:1_000_000],
}
CITATIONS = {
    "300k [": "- " + "[" * 300_000,
    "300k ](": "- " + "](" * 300_000,
    "[ then 300k ](": "- [" + "](" * 300_000,
    "10k parens": "- [T](https://x.org/" + "(" * 10_000 + "a" + ")" * 10_000 + ")",
    "10k unclosed parens": "- [T](https://x.org/" + "(" * 10_000,
    "300k backslashes": "- [" + "\\" * 300_000,
    "300k ) after bare URL": "- https://x.org/" + ")" * 300_000,
    "300k spaces": "- [T](u) | type" + " " * 300_000 + "x",
    "300k colons": "- [T](u) |" + ":" * 300_000,
    "100k pipes": "- [T](u)" + " |" * 100_000,
    "100k http://": "- " + "http://" * 100_000,
}
URLS = {
    "100k labels": "https://" + "a." * 100_000 + "org",
    "100k escapes": "https://x.org/" + "%41" * 100_000,
    "100k parameters": "https://x.org/?" + "a=1&" * 100_000,
    "300k scheme": "a" * 300_000 + ":",
    "300k @": "https://" + "@" * 300_000,
    "300k port": "https://x.org:" + "9" * 300_000,
}


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _url_work(url: str) -> None:
    url_problem(url)
    normalise_url(url)
    is_home_page(url)
    url_host(url)


def _unclosed_links(workdir: Path) -> float:
    """`dossierlint check` on the reference with 40,000 unclosed `[[` and 100,000 `[`."""
    text = REFERENCE.read_text(encoding="utf-8")
    hostile = "- " + "[[a" * 40_000 + "\n"
    text = text.replace("- [[china-mao]]", hostile + "- [[china-mao]]", 1)
    text = text.replace("**Ideology-Centered**:", "[" * 100_000 + "\n\n**Ideology-Centered**:", 1)
    (workdir / "dossiers").mkdir()
    (workdir / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    (workdir / "dossiers" / "soviet-union-stalin.md").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "dossierlint", "check", "--no-cache", "dossiers"]
    return _seconds(lambda: subprocess.run(command, cwd=workdir, capture_output=True, check=False))


def cases() -> list[tuple[str, float, Callable[[], object]]]:
    """(name, bound in seconds, work)."""
    out = []
    for name, text in DATES.items():
        for finder in (find_dates, find_numeric_ranges, parse_date):
            out.append((f"dates: {finder.__name__} on {name}", 2.0, lambda f=finder, t=text: f(t)))
    for name, line in CITATIONS.items():
        out.append((f"citations: {name}", 1.0, lambda line=line: parse_citation(line)))
    for name, url in URLS.items():
        out.append((f"urls: {name}", 1.0, lambda url=url: _url_work(url)))
    return out


def _audit() -> tuple[bool, str]:
    """benchmarks/regex_audit.py in a subprocess (an exponential pattern would never return)."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "regex_audit.py")],
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        last = (expired.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        return False, f"regex audit hung at: {last}"
    outcome = json.loads(result.stdout)
    summary = f"regex audit: {len(outcome['patterns'])} patterns in {outcome['seconds']} s"
    if outcome["slow"]:
        return False, summary + "; slow:\n" + json.dumps(outcome["slow"], indent=2)
    return True, summary + ", none slow"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-audit", action="store_true", help="skip the regex audit")
    args = parser.parse_args(argv)
    find_dates("warm up the scanner 1924")
    failed = 0
    for name, bound, work in cases():
        seconds = _seconds(work)
        over = seconds > bound
        failed += over
        print(f"{seconds:8.3f} s  (bound {bound:.1f})  {'OVER ' if over else ''}{name}")
    with tempfile.TemporaryDirectory() as folder:
        seconds = _unclosed_links(Path(folder))
    failed += seconds > 5.0
    print(f"{seconds:8.3f} s  (bound 5.0)  check: unclosed link brackets")
    if not args.no_audit:
        ok, summary = _audit()
        failed += not ok
        print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
