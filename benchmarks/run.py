"""Time the dossierlint CLI on synthetic collections, in one run, next to two reference points.

Usage::

    python benchmarks/run.py                                  # sizes 1,1000,10000, 5 runs each
    python benchmarks/run.py --sizes 1,1000 --repeat 5 --out results.json --markdown
    python benchmarks/run.py --quick                          # smoke test: sizes 1,50, 1 run
    python benchmarks/run.py --corpus copies --sizes 1,50     # copies of the reference dossier
    python benchmarks/run.py --dossierlint-cmd "python -m dossierlint" --skip-markdownlint-above 0

For each size N a temporary project is built: ``pyproject.toml`` with
``[tool.dossierlint] dossiers = "dossiers"`` and ``dossiers/`` filled by
``generate.py`` (or N copies of the reference with ``--corpus copies``).  Then,
from inside that project (so config discovery finds it):

* parse floor: an in-process line scan of the same files (read, split lines,
  match ``^#{1,6} `` and ``^- ``) -- the "0.4 ms a dossier" reference point;
* dossierlint ``check dossiers --no-cache`` (cold), ``check dossiers/<one file>``
  for N = 1 (one file passed, as pre-commit does) and, for N > 1, one file of
  the N-collection;
* ``--jobs 1`` against the default, at the largest size, if ``check --help``
  lists ``--jobs``;
* the cache: one filling run, then warm runs with nothing changed, then warm
  runs with a line appended to one dossier before each run;
* the peers, on the same files with their default rules, run alternately with
  dossierlint's scenarios at the same size (paired runs): markdownlint-cli2 if
  Node.js is present and N <= ``--skip-markdownlint-above`` (default 1000: at
  10,000 files it takes over a minute), installed once with npm into
  ``benchmarks/.node``; rumdl (cold with ``--no-cache``, and warm with its own
  cache) and mdsmith, installed once with pip into ``benchmarks/.peers``
  (both git-ignored). ``--no-peers`` skips rumdl and mdsmith.

Exit codes 0 (clean) and 1 (findings) both count as success; anything else
(dossierlint uses 2 for a failure) is reported with the tool's stderr and makes
this script exit 1 after the other measurements.

Measurement: wall time is ``time.perf_counter`` around spawn + ``os.wait4`` of
the child; CPU (user + sys) and peak RSS come from the ``rusage`` that
``os.wait4`` returns for exactly that child (including the worker processes it
waited for).  Peak RSS is ``ru_maxrss``: the largest single process of the tree,
not the sum of concurrent workers.  The parse floor runs in this process and
is timed with ``perf_counter`` / ``process_time``.  Each scenario runs
``--warmup`` untimed times (default 1) and then ``--repeat`` timed times;
tables show the median and (min-max).  The files are read once before timing,
so every figure is with a warm OS page cache.  Raw samples go to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NODE_DIR = HERE / ".node"
MDL_BIN = NODE_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
MDL_SPEC = "markdownlint-cli2@0.22.1"
PEERS_DIR = HERE / ".peers"
PEER_SPECS = ("rumdl==0.3.0", "mdsmith==0.57.0")
PYPROJECT = '[tool.dossierlint]\ndossiers = "dossiers"\n'
CACHE_DIR = ".dossierlint_cache"
OK_CODES = (0, 1)
CPU_BUDGET_MS = 1.0  # target: at most 1 ms of CPU per dossier above the parse floor
FLOOR = "parse floor (in-process line scan)"
COLD = "cold (--no-cache)"
PEER_COLD = "cold (no cache)"
WARM = "warm cache, nothing changed"
ONE_CHANGED = "warm cache, 1 file changed and checked alone"
"""At N = 1 this is 'warm cache, 1 file changed' (the one file is the one checked)."""
STARTUP = "startup: check --help"
MDL_SCENARIO = "default rules"
HEADING = re.compile(r"^#{1,6} ")
BULLET = re.compile(r"^- ")


@dataclass
class Sample:
    """One timed run."""

    wall: float
    user: float
    sys: float
    maxrss_kb: int
    rc: int
    out_lines: int = 0  # lines on stdout (for the parse floor: lines matched)
    err_lines: int = 0  # lines on stderr (markdownlint-cli2 reports findings there)

    @property
    def cpu(self) -> float:
        return self.user + self.sys


@dataclass
class Result:
    """All runs of one scenario for one tool at one size."""

    scenario: str
    tool: str
    size: int
    files: int
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    note: str = ""

    def stat(self, key: str, fn: Callable[[list[float]], float] = statistics.median) -> float:
        return fn([getattr(s, key) for s in self.samples])

    def summary(self) -> dict[str, float | int]:
        if not self.samples:
            return {}
        per = max(self.files, 1)
        return {
            "wall_median": self.stat("wall"),
            "wall_min": self.stat("wall", min),
            "wall_max": self.stat("wall", max),
            "cpu_median": self.stat("cpu"),
            "maxrss_kb": int(self.stat("maxrss_kb", max)),
            "wall_ms_per_dossier": 1000 * self.stat("wall") / per,
            "cpu_ms_per_dossier": 1000 * self.stat("cpu") / per,
        }


@dataclass
class Options:
    """Settings shared by all scenarios."""

    repeat: int
    warmup: int
    timeout: float
    repeat_one: int = 9
    """Timed runs of the scenarios that check one file (N = 1, or one file of a
    collection): about 100 ms each, where one outlier moves the median of a few."""
    results: list[Result] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Running and timing one command
# ---------------------------------------------------------------------------


def measure(argv: Sequence[str], cwd: Path, timeout: float) -> tuple[Sample, str]:
    """Run ``argv`` in ``cwd``; return its timing/rusage and the tail of its stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        done = threading.Event()
        timer = threading.Timer(timeout, lambda: done.is_set() or proc.kill())
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            done.set()
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().count(b"\n")
        err.seek(0)
        data = err.read()
    tail = data[-3000:].decode("utf-8", "replace")
    sample = Sample(wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, rc, lines, data.count(b"\n"))
    return sample, tail


def run_scenario(
    opt: Options,
    res: Result,
    cwd: Path,
    before: Callable[[int], None] | None = None,
    runs: int | None = None,
    warmup: int | None = None,
) -> Result:
    """Warm up, then time ``runs`` runs of ``res.argv``; stop at the first failing exit code."""
    warm = opt.warmup if warmup is None else warmup
    if runs is not None:
        total = runs
    else:
        total = max(opt.repeat, opt.repeat_one) if res.files == 1 else opt.repeat
    for i in range(warm + total):
        if before:
            before(i)
        sample, tail = measure(res.argv, cwd, opt.timeout)
        if sample.rc not in OK_CODES:
            res.error = f"exit code {sample.rc}: {tail.strip()[-1500:]}"
            break
        if i >= warm:
            res.samples.append(sample)
    opt.results.append(res)
    report_progress(res)
    return res


def report_progress(res: Result) -> None:
    if res.error:
        print(f"  [N={res.size}] {res.tool} {res.scenario}: ERROR {res.error}", file=sys.stderr)
        return
    s = res.summary()
    line = f"  [N={res.size}] {res.tool} {res.scenario}: median {s['wall_median']:.3f}s wall"
    print(f"{line}, {s['cpu_median']:.3f}s CPU ({len(res.samples)} runs)", file=sys.stderr)


def parse_floor(paths: Sequence[Path]) -> int:
    """The cheapest possible pass over the files: read, split lines, match two regexes."""
    hits = 0
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if HEADING.match(line) or BULLET.match(line):
                hits += 1
    return hits


def time_parse_floor(opt: Options, size: int, paths: Sequence[Path]) -> Result:
    res = Result(FLOOR, "python", size, len(paths), [])
    parse_floor(paths)  # also warms the page cache for everything that follows
    for _ in range(opt.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        hits = parse_floor(paths)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        res.samples.append(Sample(wall, cpu, 0.0, 0, 0, hits))
    opt.results.append(res)
    report_progress(res)
    return res


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


@dataclass
class Dossierlint:
    """How to call dossierlint and which options its ``check --help`` lists."""

    cmd: list[str]
    help_text: str

    @property
    def has_jobs(self) -> bool:
        return "--jobs" in self.help_text

    @property
    def has_no_cache(self) -> bool:
        return "--no-cache" in self.help_text

    def check(self, *args: str) -> list[str]:
        return [*self.cmd, "check", *args]


def probe_dossierlint(cmd: list[str], cwd: Path) -> Dossierlint:
    """Run ``check --help``; exit with a clear message if dossierlint does not start."""
    proc = subprocess.run(
        [*cmd, "check", "--help"], cwd=cwd, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip()[-1500:]
        hint = "install it (pip install -e .) or pass --dossierlint-cmd"
        raise SystemExit(f"error: `{shlex.join(cmd)} check --help` failed: {msg}\n{hint}")
    return Dossierlint(cmd, proc.stdout + proc.stderr)


def markdownlint_version() -> str | None:
    pkg = NODE_DIR / "node_modules" / "markdownlint-cli2" / "package.json"
    try:
        return json.loads(pkg.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_markdownlint(spec: str) -> tuple[Path | None, str]:
    """Return the markdownlint-cli2 binary (installing it once) or ``None`` and why not."""
    if MDL_BIN.exists():
        return MDL_BIN, ""
    if not (shutil.which("node") and shutil.which("npm")):
        return None, "Node.js/npm not found: markdownlint-cli2 not measured"
    print(f"installing {spec} into {NODE_DIR} ...", file=sys.stderr)
    cmd = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR), spec]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not MDL_BIN.exists():
        return None, f"npm install {spec} failed: {proc.stderr.strip()[-500:]}"
    return MDL_BIN, ""


def ensure_pip_peers(specs: Sequence[str]) -> tuple[dict[str, Path], str]:
    """rumdl and mdsmith binaries (installed once into a venv of their own) and a note."""
    binaries = {spec.split("==")[0]: PEERS_DIR / "bin" / spec.split("==")[0] for spec in specs}
    if all(path.exists() for path in binaries.values()):
        return binaries, ""
    print(f"installing {', '.join(specs)} into {PEERS_DIR} ...", file=sys.stderr)
    steps = [[sys.executable, "-m", "venv", str(PEERS_DIR)]]
    steps.append([str(PEERS_DIR / "bin" / "pip"), "install", "-q", *specs])
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            return {}, f"pip install {' '.join(specs)} failed: {proc.stderr.strip()[-500:]}"
    return {name: path for name, path in binaries.items() if path.exists()}, ""


def command_version(argv: Sequence[str]) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return "n/a"
    return (proc.stdout or proc.stderr).strip().splitlines()[0] if proc.returncode == 0 else "n/a"


# ---------------------------------------------------------------------------
# Projects and scenarios
# ---------------------------------------------------------------------------


def make_project(
    base: Path, size: int, args: argparse.Namespace
) -> tuple[Path, list[Path], float, Path]:
    """Create ``base/nSIZE`` with pyproject.toml and dossiers/; return it, files, seconds,
    and the dossier a collection of one holds (the same in every size: the dossier
    checked alone and inside the collection, so that the two compare like for like)."""
    proj = base / f"n{size}"
    proj.mkdir(parents=True)
    (proj / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    t0 = time.perf_counter()
    if args.corpus == "copies":
        alone = generate.write_copies(proj / "dossiers", size, args.reference)[0]
    else:
        metas = generate.generate_collection(proj / "dossiers", size, args.seed, args.defect_rate)
        alone = proj / "dossiers" / f"{metas[0].slug}.md"
    secs = time.perf_counter() - t0
    files = sorted((proj / "dossiers").glob("*.md"))
    # A collection at rest, as in a repository: dossierlint does not cache a file
    # modified in the last two seconds (it could change again unseen within the
    # file system's timestamp granularity), nor a folder's listing, so freshly
    # generated files and their folder are aged.
    rest = time.time() - 3600
    for path in [*files, proj / "dossiers"]:
        os.utime(path, (rest, rest))
    return proj, files, secs, alone


def clear_cache(proj: Path) -> None:
    shutil.rmtree(proj / CACHE_DIR, ignore_errors=True)


def appender(path: Path) -> Callable[[int], None]:
    """A ``before`` hook that appends one line to ``path`` (a one-file edit)."""

    def before(i: int) -> None:
        with path.open("a", encoding="utf-8") as f:
            f.write(f"<!-- benchmark edit {i} -->\n")

    return before


def cold_flags(dl: Dossierlint) -> list[str]:
    return ["--no-cache"] if dl.has_no_cache else []


def bench_cold(
    opt: Options, dl: Dossierlint, proj: Path, files: list[Path], alone: Path, big: bool
) -> None:
    size = len(files)
    target = rel(proj, alone) if size == 1 else "dossiers"
    note = "" if dl.has_no_cache else "no --no-cache option: cache dir deleted before each run"
    res = Result(COLD, "dossierlint", size, size, dl.check(target, *cold_flags(dl)))
    res.note = note
    run_scenario(opt, res, proj, before=lambda i: clear_cache(proj))
    if size > 1:
        one = Result(f"cold, 1 file of {size}", "dossierlint", size, 1, [])
        one.argv = dl.check(rel(proj, alone), *cold_flags(dl))
        run_scenario(opt, one, proj, before=lambda i: clear_cache(proj))
    if big and size > 1 and dl.has_jobs:
        argv = dl.check(target, *cold_flags(dl), "--jobs", "1")
        jobs = Result("cold, --jobs 1", "dossierlint", size, size, argv)
        run_scenario(opt, jobs, proj, before=lambda i: clear_cache(proj))


def bench_warm(opt: Options, dl: Dossierlint, proj: Path, files: list[Path], alone: Path) -> None:
    size = len(files)
    target = rel(proj, alone) if size == 1 else "dossiers"
    clear_cache(proj)
    fill = Result("cache fill (first cached run)", "dossierlint", size, size, dl.check(target))
    run_scenario(opt, fill, proj, runs=1, warmup=0)
    if fill.error:
        return
    warm = Result(WARM, "dossierlint", size, size, dl.check(target))
    run_scenario(opt, warm, proj)
    changed = Result("warm cache, 1 file changed", "dossierlint", size, size, dl.check(target))
    changed.note = "a line is appended to one dossier before each run"
    run_scenario(opt, changed, proj, before=appender(alone))
    if size > 1:
        edited = rel(proj, alone)
        one = Result(ONE_CHANGED, "dossierlint", size, 1, dl.check(edited))
        one.note = "pre-commit's case: the dossier edited before each run is the one checked"
        run_scenario(opt, one, proj, before=appender(alone))


def bench_markdownlint(opt: Options, mdl: Path, proj: Path, files: list[Path]) -> None:
    size = len(files)
    target = rel(proj, files[0]) if size == 1 else "dossiers/**/*.md"
    res = Result(MDL_SCENARIO, "markdownlint-cli2", size, size, [str(mdl), target])
    run_scenario(opt, res, proj)


def bench_pip_peers(opt: Options, peers: dict[str, Path], proj: Path, files: list[Path]) -> None:
    """rumdl cold (no cache) and warm (its own cache), and mdsmith, on the same files."""
    size = len(files)
    target = rel(proj, files[0]) if size == 1 else "dossiers"
    if "rumdl" in peers:
        rumdl = str(peers["rumdl"])
        cold = Result(PEER_COLD, "rumdl", size, size, [rumdl, "check", "--no-cache", target])
        run_scenario(opt, cold, proj)
        shutil.rmtree(proj / ".rumdl_cache", ignore_errors=True)
        warm = Result(WARM, "rumdl", size, size, [rumdl, "check", target])
        run_scenario(opt, warm, proj)
    if "mdsmith" in peers:
        argv = [str(peers["mdsmith"]), "check", target]
        run_scenario(opt, Result(PEER_COLD, "mdsmith", size, size, argv), proj)


def rel(proj: Path, path: Path) -> str:
    return str(path.relative_to(proj))


def bench_size(
    opt: Options, args: argparse.Namespace, base: Path, size: int, tools: Tools
) -> dict[str, object]:
    print(f"N={size}: generating {args.corpus} corpus ...", file=sys.stderr)
    proj, files, gen_secs, alone = make_project(base, size, args)
    info: dict[str, object] = {"size": size, "generate_seconds": round(gen_secs, 3)}
    info["mean_file_bytes"] = round(sum(p.stat().st_size for p in files) / len(files))
    try:
        time_parse_floor(opt, size, files)
        bench_cold(opt, tools.dl, proj, files, alone, big=size == max(args.sizes))
        bench_warm(opt, tools.dl, proj, files, alone)
        if tools.mdl and size <= args.skip_markdownlint_above:
            bench_markdownlint(opt, tools.mdl, proj, files)
        bench_pip_peers(opt, tools.peers, proj, files)
    finally:
        if not args.keep:
            shutil.rmtree(proj, ignore_errors=True)
    return info


@dataclass
class Tools:
    """The commands being compared, and why markdownlint is missing if it is."""

    dl: Dossierlint
    mdl: Path | None
    mdl_note: str
    peers: dict[str, Path] = field(default_factory=dict)
    peers_note: str = ""


def bench_startup(opt: Options, dl: Dossierlint, cwd: Path) -> None:
    py = Result("startup: python -c pass", "python", 0, 0, [sys.executable, "-c", "pass"])
    run_scenario(opt, py, cwd)
    help_ = Result(STARTUP, "dossierlint", 0, 0, dl.check("--help"))
    run_scenario(opt, help_, cwd)


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def first_field(path: str, prefix: str, default: str) -> str:
    """The value after ``:`` of the first line of ``path`` starting with ``prefix``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(prefix)), default)


def machine_info(args: argparse.Namespace, tools: Tools) -> dict[str, object]:
    mem_kb = first_field("/proc/meminfo", "MemTotal", "0 kB").split()[0]
    node = command_version(["node", "--version"]) if shutil.which("node") else "n/a"
    return {
        "command": "python " + shlex.join([rel_argv0(), *sys.argv[1:]]),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": first_field("/proc/cpuinfo", "model name", platform.processor() or "unknown"),
        "mem_gb": round(int(mem_kb) / 1024**2, 1),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "python_executable": sys.executable,
        "node": node,
        "markdownlint_cli2": markdownlint_version() if tools.mdl else None,
        "peers": {
            name: command_version([str(path), "version" if name == "mdsmith" else "--version"])
            for name, path in tools.peers.items()
        },
        "dossierlint_cmd": shlex.join(tools.dl.cmd),
        "repo_commit": command_version(["git", "-C", str(REPO), "describe", "--always", "--dirty"]),
        "corpus": args.corpus,
        "seed": args.seed,
        "defect_rate": args.defect_rate,
        "repeat": args.repeat,
        "repeat_one": max(args.repeat, args.repeat_one),
        "warmup": args.warmup,
    }


def rel_argv0() -> str:
    try:
        return str(Path(sys.argv[0]).resolve().relative_to(Path.cwd()))
    except ValueError:
        return sys.argv[0]


RESULT_HEADS = ("N", "Tool", "Scenario", "Files", "Wall median (min-max)", "Wall/file")
RESULT_HEADS += ("CPU/file", "Peak RSS")
RATIO_HEADS = ("N", "Peer", "peer", "dossierlint", "peer / dossierlint")
BUDGET_HEADS = ("N", "parse floor", "dossierlint cold", "above floor", "excl. startup", "target")
TEXT_COLUMNS = {"Tool", "Scenario", "target"}


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """Render rows as a Markdown table or as aligned plain text."""
    if markdown:
        align = ["---" if h in TEXT_COLUMNS else "---:" for h in headers]
        return "\n".join("| " + " | ".join(r) + " |" for r in [headers, align, *rows])
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    sides = ["<" if h in TEXT_COLUMNS else ">" for h in headers]
    cells = [f"{{:{side}{w}}}" for side, w in zip(sides, widths, strict=True)]
    return "\n".join("  ".join(cells).format(*r) for r in [headers, *rows])


def secs(x: float) -> str:
    if x < 0.01:
        return f"{x * 1000:.2f} ms"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def result_row(r: Result) -> list[str]:
    head = [str(r.size) if r.size else "-", r.tool, r.scenario, str(r.files) if r.files else "-"]
    if r.error or not r.samples:
        return [*head, "ERROR: " + (r.error or "no samples")[:60], "", "", ""]
    s = r.summary()
    wall = f"{secs(s['wall_median'])} ({secs(s['wall_min'])}-{secs(s['wall_max'])})"
    if r.files:
        per = [f"{s['wall_ms_per_dossier']:.3f} ms", f"{s['cpu_ms_per_dossier']:.3f} ms"]
    else:
        per = ["-", f"{secs(s['cpu_median'])} total"]
    rss = f"{s['maxrss_kb'] / 1024:.0f} MB" if s["maxrss_kb"] else "-"
    return [*head, wall, *per, rss]


def find(results: Sequence[Result], tool: str, scenario: str, size: int) -> Result | None:
    for r in results:
        if (r.tool, r.scenario, r.size) == (tool, scenario, size) and r.samples and not r.error:
            return r
    return None


PAIRS = (
    ("markdownlint-cli2", MDL_SCENARIO, COLD),
    ("markdownlint-cli2", MDL_SCENARIO, WARM),
    ("rumdl", PEER_COLD, COLD),
    ("rumdl", WARM, WARM),
    ("mdsmith", PEER_COLD, COLD),
)
"""(peer, peer scenario, dossierlint scenario) compared at each size."""


def ratio_rows(results: Sequence[Result], sizes: Sequence[int]) -> list[list[str]]:
    """Each peer's wall time over dossierlint's, same files, same run; above 1 is faster."""
    rows = []
    for n in sizes:
        for peer, peer_scenario, scenario in PAIRS:
            other = find(results, peer, peer_scenario, n)
            ours = find(results, "dossierlint", scenario, n)
            if other and ours:
                p, d = other.stat("wall"), ours.stat("wall")
                label = f"{peer} {peer_scenario} vs {scenario}"
                rows.append([str(n), label, secs(p), secs(d), f"{p / d:.2f}x"])
    return rows


def budget_rows(results: Sequence[Result], sizes: Sequence[int]) -> list[list[str]]:
    startup = find(results, "dossierlint", STARTUP, 0)
    boot = startup.stat("cpu") if startup else 0.0
    rows = []
    for n in sizes:
        floor = find(results, "python", FLOOR, n)
        cold = find(results, "dossierlint", COLD, n)
        if not (floor and cold):
            continue
        f_ms, c_ms = 1000 * floor.stat("cpu") / n, 1000 * cold.stat("cpu") / n
        above, net = c_ms - f_ms, 1000 * (cold.stat("cpu") - boot) / n - f_ms
        ok = "met" if above <= CPU_BUDGET_MS else "missed"
        if ok == "missed" and net <= CPU_BUDGET_MS:
            ok = "met excl. startup"
        rows.append([str(n), *(f"{x:.3f} ms" for x in (f_ms, c_ms, above, net)), ok])
    return rows


def report(
    meta: dict[str, object], results: Sequence[Result], args: argparse.Namespace, notes: list[str]
) -> str:
    md = args.markdown
    out = ["## dossierlint benchmarks" if md else "dossierlint benchmarks", ""]
    out += [*header_lines(meta, md), ""]
    out += [table(RESULT_HEADS, [result_row(r) for r in results], md), ""]
    ratios = ratio_rows(results, args.sizes)
    if ratios:
        out += [("### " if md else "") + "Peers' wall time / dossierlint's (paired runs)", ""]
        out += [table(RATIO_HEADS, ratios, md), ""]
    budget = budget_rows(results, args.sizes)
    if budget:
        title = f"CPU per dossier above the parse floor (target: at most {CPU_BUDGET_MS:g} ms)"
        out += [("### " if md else "") + title, ""]
        out += [table(BUDGET_HEADS, budget, md), ""]
    out += [("- " if md else "* ") + n for n in notes]
    return "\n".join(out).rstrip() + "\n"


def header_lines(meta: dict[str, object], md: bool) -> list[str]:
    def code(s: object) -> str:
        return f"`{s}`" if md else str(s)

    corpus = str(meta["corpus"])
    if corpus == "generated":
        corpus = f"benchmarks/generate.py, seed {meta['seed']}, defect rate {meta['defect_rate']}"
    sizes: list[dict[str, int]] = meta.get("sizes", [])  # type: ignore[assignment]
    files = ", ".join(f"N={s['size']}: {s['mean_file_bytes'] / 1000:.1f} kB" for s in sizes)
    gen = ", ".join(f"N={s['size']}: {s['generate_seconds']:.2f} s" for s in sizes)
    lines = [
        f"Command: {code(meta['command'])}",
        f"Date: {meta['date']}",
        f"Machine: {meta['cpu']}, {meta['nproc']} CPUs (nproc), {meta['mem_gb']} GB RAM",
        f"OS: {meta['platform']}",
        f"Python: {meta['python']} ({meta['python_executable']})",
        f"Node: {meta['node']}; markdownlint-cli2: {meta['markdownlint_cli2'] or 'n/a'}; "
        + (", ".join(f"{v}" for v in meta.get("peers", {}).values()) or "rumdl, mdsmith: n/a"),
        f"dossierlint: {code(meta['dossierlint_cmd'])} (repo at {meta['repo_commit']})",
        f"Corpus: {corpus}; mean file size {files}; generated in {gen}",
        f"Wall: median (min-max) of {meta['repeat']} runs ({meta.get('repeat_one', '?')} for "
        f"a check of one file) after {meta['warmup']} untimed warm-up run(s), warm page cache",
        "CPU: user+sys of the child and the workers it waited for (os.wait4 rusage); "
        "peak RSS: ru_maxrss, the largest single process",
    ]
    return [("- " if md else "") + ln for ln in lines]


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = p.add_argument
    add("--sizes", type=sizes_arg, help="comma-separated N (default 1,1000,10000)")
    add("--repeat", type=int, help="timed runs per scenario (default 5)")
    add("--warmup", type=int, help="untimed runs before each scenario (default 1)")
    add("--repeat-one", type=int, help="timed runs of one-file scenarios (default 9)")
    add("--quick", action="store_true", help="smoke run: sizes 1,50, repeat 1, no warm-up")
    add("--out", type=Path, default=HERE / "results.json", help="raw results JSON")
    add("--markdown", action="store_true", help="print Markdown for BENCHMARKS.md")
    add(
        "--dossierlint-cmd",
        type=shlex.split,
        default=[sys.executable, "-m", "dossierlint"],
        help='command prefix, e.g. "python -m dossierlint" (default: this Python)',
    )
    add("--corpus", choices=("generated", "copies"), default="generated")
    add("--reference", type=Path, default=generate.REFERENCE, help="for --corpus copies")
    add("--seed", type=int, default=1)
    add("--defect-rate", type=float, default=0.1)
    add(
        "--skip-markdownlint-above",
        type=int,
        default=1000,
        metavar="N",
        help="no markdownlint-cli2 for larger N (default 1000)",
    )
    add("--no-markdownlint", action="store_true")
    add("--no-peers", action="store_true", help="do not measure rumdl and mdsmith")
    add("--markdownlint-spec", default=MDL_SPEC, help="npm spec installed if missing")
    add("--workdir", type=Path, help="where the temporary projects go (default: TMPDIR)")
    add("--keep", action="store_true", help="keep the temporary projects")
    add("--timeout", type=float, default=1800, help="seconds per command")
    return resolve_defaults(p.parse_args(argv))


def sizes_arg(text: str) -> list[int]:
    sizes = [int(x) for x in text.split(",") if x.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers, e.g. 1,1000,10000")
    return sizes


def resolve_defaults(a: argparse.Namespace) -> argparse.Namespace:
    quick = a.quick
    a.sizes = a.sizes or ([1, 50] if quick else [1, 1000, 10000])
    a.repeat = a.repeat if a.repeat is not None else (1 if quick else 5)
    a.repeat_one = a.repeat_one if a.repeat_one is not None else (1 if quick else 9)
    a.warmup = a.warmup if a.warmup is not None else (0 if quick else 1)
    return a


def find_tools(args: argparse.Namespace, cwd: Path) -> Tools:
    dl = probe_dossierlint(args.dossierlint_cmd, cwd)
    peers, peers_note = ({}, "rumdl, mdsmith not measured (--no-peers)")
    if not args.no_peers:
        peers, peers_note = ensure_pip_peers(PEER_SPECS)
    if args.no_markdownlint:
        mdl, note = None, "markdownlint-cli2 not measured (--no-markdownlint)"
    elif min(args.sizes) > args.skip_markdownlint_above:
        mdl, note = (
            None,
            f"markdownlint-cli2 not measured: every N > {args.skip_markdownlint_above}",
        )
    else:
        mdl, note = ensure_markdownlint(args.markdownlint_spec)
    return Tools(dl, mdl, note, peers, peers_note)


def notes_for(args: argparse.Namespace, tools: Tools, results: Sequence[Result]) -> list[str]:
    notes = [tools.mdl_note] if tools.mdl is None else []
    notes += [tools.peers_note] if tools.peers_note else []
    skipped = ", ".join(str(n) for n in args.sizes if n > args.skip_markdownlint_above)
    if tools.mdl and skipped:
        limit = args.skip_markdownlint_above
        notes.append(
            f"markdownlint-cli2 skipped for N = {skipped} (> --skip-markdownlint-above {limit}; "
            "it can take over a minute at 10,000 files)"
        )
    if not tools.dl.has_jobs:
        notes.append("`check --help` lists no --jobs option: the --jobs 1 comparison was skipped")
    notes.append(
        "N = 1 passes the single file, as pre-commit does; 'cold, 1 file of N' passes one "
        "file of the N-collection; the other dossierlint rows pass the dossiers/ folder"
    )
    notes.append(
        "'excl. startup' subtracts the CPU of `check --help` (interpreter + imports) once per run"
    )
    notes += sorted({f"{r.scenario}: {r.note}" for r in results if r.note})
    return notes


def compile_sources() -> None:
    """Write the bytecode of ``src/`` before timing, and let the runs write theirs.

    With PYTHONDONTWRITEBYTECODE set and no bytecode in the tree, an editable
    install compiles every module on every run (hundreds of milliseconds), and
    dossierlint does not keep its parsed data tables either (``datacache``).
    """
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        print("PYTHONDONTWRITEBYTECODE is set: unset for the timed runs", file=sys.stderr)
    if not any((REPO / "src" / "dossierlint").glob("__pycache__/*.pyc")):
        print("src/ has no bytecode: compiling it before timing", file=sys.stderr)
    compileall.compile_dir(REPO / "src", quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    compile_sources()
    opt = Options(args.repeat, args.warmup, args.timeout, args.repeat_one)
    base = Path(tempfile.mkdtemp(prefix="dossierlint-bench-", dir=args.workdir))
    try:
        (base / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        tools = find_tools(args, base)
        meta = machine_info(args, tools)
        bench_startup(opt, tools.dl, base)
        meta["sizes"] = [bench_size(opt, args, base, n, tools) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    notes = notes_for(args, tools, opt.results)
    results = [asdict(r) | {"summary": r.summary()} for r in opt.results]
    payload = {"meta": meta, "notes": notes, "results": results}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(report(meta, opt.results, args, notes))
    print(f"raw results: {args.out}", file=sys.stderr)
    return 1 if any(r.error for r in opt.results) else 0


if __name__ == "__main__":
    sys.exit(main())
