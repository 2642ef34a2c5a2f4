"""Time `dossierlint report` on a generated collection, and the template engines on its pages.

Usage (from the repository root, with dossierlint[report] installed)::

    python benchmarks/report_bench.py                   # 2,000 dossiers, median of 3
    python benchmarks/report_bench.py --count 500 --repeat 1

Three measurements, printed as a Markdown table:

1. `dossierlint report --out DIR` on `--count` dossiers made by generate.py
   (seed 1, 5% planted defects): wall seconds and the CPU seconds of the
   process and its workers.
2. `dossierlint check --no-cache` on the same files, the floor the report
   builds on (it lints every file too).
3. In process, on the first 200 dossiers: the loops of a dossier page that
   repeat per dated event (the timeline's marks and the events table),
   rendered with Jinja2 (autoescape on, the templates the report ships) and
   with f-strings calling `markupsafe.escape` on every dossier value.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_SAMPLE = 200


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, children included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _median_run(command: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    runs = [_timed(command, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _generate(project: Path, count: int) -> None:
    (project / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    generate = [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--count", str(count)]
    subprocess.run(
        [*generate, "--out", str(project / "dossiers"), "--seed", "1", "--defect-rate", "0.05"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _template_comparison(project: Path) -> tuple[float, float]:
    """Milliseconds per dossier for the per-event loops: (Jinja2, f-strings)."""
    import jinja2
    from markupsafe import escape

    from dossierlint.config import load_config
    from dossierlint.engine import FileJob, build_ruleset, file_context, lint_context
    from dossierlint.houserules import load_house_rules
    from dossierlint.htmlreport import render
    from dossierlint.htmlreport.collect import gather
    from dossierlint.htmlreport.timeline import layout

    os.chdir(project)
    config = load_config()
    house_rules = load_house_rules(config.house_rules)
    ruleset = build_ruleset(config)
    pages = []
    for path in sorted((project / "dossiers").glob("*.md"))[:TEMPLATE_SAMPLE]:
        job = FileJob(path.name, path.name, path.stem, path.read_bytes())
        ctx = file_context(job, ruleset, house_rules, config=config)
        data = gather(ctx, "x.html", lint_context(ctx, job, ruleset))
        pages.append((data, layout(data, ctx.today)))
    source = Path(render.__file__).with_name("templates").joinpath("dossier.html.j2").read_text()
    marks = source[source.index("{% for m in tl.marks %}") : source.index("</g>\n</svg>")]
    rows = source[
        source.index("{% for e in d.events %}") : source.index("</tbody>\n</table>\n</details>")
    ]
    environment = jinja2.Environment(autoescape=True)
    marks_template, rows_template = environment.from_string(marks), environment.from_string(rows)

    def with_jinja(data, timeline) -> str:
        return marks_template.render(tl=timeline) + rows_template.render(d=data)

    def with_fstrings(data, timeline) -> str:
        out = []
        for m in timeline.marks:
            e = m.event
            if m.shape == "diamond":
                shape = f'<path class="m" d="M{m.x + 4} {m.y}l4 4l-4 4l-4-4z"/>'
            elif m.shape == "cross":
                shape = f'<path class="m" d="M{m.x} {m.y}l8 8m0-8l-8 8"/>'
            else:
                shape = f'<rect class="m" x="{m.x}" y="{m.y}" width="{m.width}" height="8"/>'
            out.append(
                f'<a href="#L{e.line}" class="ev {m.css}">'
                f"<title>{escape(e.description)}</title>{shape}</a>\n"
            )
        for e in data.events:
            found = "<br>".join(
                f'<span class="badge {f.severity}">{f.code}</span> {escape(f.message)}'
                for f in e.findings
            )
            out.append(
                f"<tr><td>{escape(e.section)}</td><td>{escape(e.text)}</td><td>{e.precision}</td>"
                f'<td>{e.interval}</td>\n<td>{found}</td>\n<td><a href="#L{e.line}">{e.line}</a>'
                "</td></tr>\n"
            )
        return "".join(out)

    results = []
    for renderer in (with_jinja, with_fstrings):
        best = min(_loop(renderer, pages) for _ in range(3))
        results.append(best * 1000 / len(pages))
    return results[0], results[1]


def _loop(renderer, pages) -> float:
    start = time.perf_counter()
    for data, timeline in pages:
        renderer(data, timeline)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-bench-") as temp:
        project = Path(temp)
        _generate(project, args.count)
        command = [sys.executable, "-m", "dossierlint"]
        report = _median_run([*command, "report", "--out", "site", "--force"], project, args.repeat)
        check = _median_run([*command, "check", "--no-cache"], project, args.repeat)
        size = sum(f.stat().st_size for f in (project / "site").rglob("*") if f.is_file())
        jinja_ms, fstring_ms = _template_comparison(project)
    print(f"{args.count} dossiers, {os.cpu_count()} cores, median of {args.repeat}\n")
    print("| measurement | wall s | CPU s |")
    print("|---|---|---|")
    print(f"| `dossierlint report` | {report[0]:.1f} | {report[1]:.1f} |")
    print(
        f"| `dossierlint check --no-cache` (the lint it includes) | {check[0]:.1f} | {check[1]:.1f} |"
    )
    print(f"\nsite: {size / 1e6:.0f} MB")
    print(
        f"\nper-event loops of a page, {TEMPLATE_SAMPLE} dossiers: Jinja2 {jinja_ms:.2f} ms, "
        f"f-strings + escape {fstring_ms:.2f} ms per dossier"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
