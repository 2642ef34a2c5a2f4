"""Hostile input: whatever lands in the dossiers folder, `check` never crashes or hangs.

Each case in CASES builds a project and runs the real `python -m dossierlint check`
in a subprocess with a hang guard (HANG_GUARD), so that a hang fails the test
instead of blocking the suite. Every case must end with exit 0, 1 or 2, with no
traceback; most also pin the findings or the one-line error. How fast they end
is measured by benchmarks/hostile.py, not asserted here.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REFERENCE_FINDINGS, REPO, Project, reference_text, replace_once

HANG_GUARD = 120.0
"""Seconds after which a run counts as hung: far beyond any case's few seconds, so that
a loaded machine cannot fail a case that ends."""

REFERENCE = reference_text()
SOURCES = "## Sources\n"
COMPARISONS = "## Comparisons\n"
OVERVIEW_HEADER = "| Field | Value |\n|-------|-------|\n"


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.stdout)

    @property
    def codes(self) -> list[str]:
        return [finding["code"] for finding in self.findings]


def beyond_reference(root: Path, findings: list[dict]) -> list[dict]:
    """Findings other than the true ones the untouched reference text gets (REFERENCE_FINDINGS)."""
    known = set(REFERENCE_FINDINGS)
    kept = []
    for finding in findings:
        lines = (root / finding["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
        text = lines[finding["line"] - 1] if finding["line"] <= len(lines) else ""
        if (finding["code"], text) not in known:
            kept.append(finding)
    return kept


def run_check(root: Path, *args: str, timeout: float = HANG_GUARD) -> Outcome:
    """`python -m dossierlint check --format json ARGS` in `root`, guarded against a hang."""
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check", "--format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


# -- the cases ------------------------------------------------------------------


@dataclass
class Case:
    """A hostile project: what to write, what to pass, and what must come out."""

    name: str
    build: Callable[[Project], tuple[str, ...]]
    """Writes the files; returns the paths to pass to `check` (none: the whole folder)."""
    exit_code: int | tuple[int, ...]
    codes: list[str] | None = None
    """The exact finding codes, when they are decided (None: whatever the rules say)."""
    error_names: tuple[str, ...] = ()
    """File names the one-line errors on stderr must name (one line each)."""
    check: Callable[[Outcome], None] | None = None
    needs: str | None = None
    """A platform feature the case needs: "symlink", "fifo", "socket", "non-root"."""
    files_checked: int | None = None
    extra: dict = field(default_factory=dict)


def _write(name: str, data: str | bytes) -> Callable[[Project], tuple[str, ...]]:
    def build(project: Project) -> tuple[str, ...]:
        project.write(name, data)
        return ()

    return build


def _with_reference(build: Callable[[Project], object]) -> Callable[[Project], tuple[str, ...]]:
    """Also write a broken dossier, to show that the other files are still checked."""

    def both(project: Project) -> tuple[str, ...]:
        project.write("chile-pinochet.md", replace_once(REFERENCE, "## Classification\n", ""))
        build(project)
        return ()

    return both


def _in_section(heading: str, line: str) -> str:
    return replace_once(REFERENCE, heading, heading + line + "\n")


def _ten_megabytes() -> str:
    return REFERENCE * (10_000_000 // len(REFERENCE) + 1)


def _nested_lists(levels: int) -> str:
    return "".join("  " * level + f"- item {level}\n" for level in range(levels))


def _wide_table(columns: int) -> str:
    """The Overview table with `columns` columns in every row."""
    rows = REFERENCE.split(OVERVIEW_HEADER)[1].splitlines()[:6]
    padding = " x |" * (columns - 2)
    wide = [
        "| Field | Value |" + "".join(f" c{i} |" for i in range(columns - 2)),
        "|---" * columns + "|",
        *(row + padding for row in rows),
    ]
    return replace_once(REFERENCE, OVERVIEW_HEADER + "\n".join(rows), "\n".join(wide))


def _parentheses_link(depth: int) -> str:
    url = "https://example.org/" + "(" * depth + "x" + ")" * depth
    balanced = f"- [Deep]({url}) | type: book | accessed: 2024-01-01"
    unbalanced = (
        "- [Open](https://example.org/" + "(" * depth + " | type: book | accessed: 2024-01-01"
    )
    return _in_section(SOURCES, balanced + "\n" + unbalanced)


def _brackets(count: int) -> str:
    """Runs of `[` and `](` as source bullets, comparison bullets and prose."""
    junk = ["[" * count, "](" * count, "[](" * count, "[[" * count]
    text = _in_section(SOURCES, "\n".join(f"- {run}" for run in junk))
    comparisons = "\n".join(f"- {run} — relationship: x ({run}" for run in junk)
    text = replace_once(text, COMPARISONS, COMPARISONS + comparisons + "\n")
    return text + "\n".join(junk) + "\n"


def _nul_at_line_ten() -> bytes:
    lines = REFERENCE.encode().split(b"\n")
    lines[9] = lines[9] + b"\0\0"
    return b"\n".join(lines)


def _invalid_utf8() -> bytes:
    data = REFERENCE.encode().replace(b"Soviet Union (USSR)", b"Soviet Union \xff\xfe(USSR)")
    return data.replace(b"## Classification\n", b"")


def _folder_named_md(project: Project) -> tuple[str, ...]:
    project.write_reference()
    (project.dossiers / "x.md").mkdir()
    (project.dossiers / "x.md" / "notes.txt").write_text("not a dossier")
    return ()


def _folder_named_md_explicit(project: Project) -> tuple[str, ...]:
    (project.dossiers / "x.md").mkdir()
    return ("dossiers/x.md",)


def _loop(project: Project) -> tuple[str, ...]:
    project.write_reference()
    (project.dossiers / "sub").mkdir()
    (project.dossiers / "sub" / "back").symlink_to("..", target_is_directory=True)
    (project.dossiers / "sub" / "self").symlink_to("self")
    return ()


def _self_link(project: Project) -> None:
    (project.dossiers / "x.md").symlink_to("x.md")


def _dangling(project: Project) -> None:
    (project.dossiers / "gone.md").symlink_to("deleted-meanwhile.md")


def _unreadable(project: Project) -> None:
    path = project.write("locked.md", REFERENCE)
    path.chmod(0)


def _fifo(project: Project) -> None:
    os.mkfifo(project.dossiers / "pipe.md")


def _socket(project: Project) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(project.dossiers / "socket.md"))
    project.extra_cleanup.append(server.close)


def _outside_link(project: Project) -> tuple[str, ...]:
    outside = project.root.parent / f"{project.root.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text("not part of this project\n")
    (outside / "nested").mkdir()
    (outside / "nested" / "deep.md").write_text("nor this\n")
    project.write_reference()
    (project.dossiers / "secret.md").symlink_to(outside / "secret.md")
    (project.dossiers / "elsewhere").symlink_to(outside, target_is_directory=True)
    return ()


def _skipped_folders(project: Project) -> tuple[str, ...]:
    project.write_reference()
    for folder in (".git", "node_modules", ".dossierlint_cache", "sub/node_modules"):
        (project.dossiers / folder).mkdir(parents=True)
        (project.dossiers / folder / "junk.md").write_text("junk\n")
    return ()


def _only_checked(*names: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert {Path(f["path"]).name for f in outcome.findings} <= set(names)

    return check


def _dl002_at(line: int, *others: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert [(f["code"], f["line"]) for f in outcome.findings if f["code"] == "DL002"] == [
            ("DL002", line)
        ]
        assert set(others) <= set(outcome.codes)

    return check


def _not_utf16(outcome: Outcome) -> None:
    assert "UTF-16" in outcome.findings[0]["message"]


def _other_file_checked(outcome: Outcome) -> None:
    found = [(Path(f["path"]).name, f["code"]) for f in outcome.findings]
    assert ("chile-pinochet.md", "DL103") in found
    assert {name for name, _ in found} == {"chile-pinochet.md"}


CASES = [
    Case("empty file", _write("x.md", b""), 1, ["DL003"]),
    Case("whitespace only", _write("x.md", b"  \n\n\t \r\n   "), 1, ["DL003"]),
    Case("binary bytes", _write("x.md", bytes(range(256)) * 64), 1, ["DL002"]),
    Case(
        "binary without NUL",
        _write("x.md", bytes(range(1, 256)) * 64),
        1,
        check=lambda o: o.codes.count("DL002") >= 1,
    ),
    Case(
        "invalid UTF-8 in valid text",
        _write("x.md", _invalid_utf8()),
        1,
        check=_dl002_at(6, "DL103"),
    ),
    Case(
        "UTF-16 with BOM",
        _write("x.md", REFERENCE.encode("utf-16")),
        1,
        ["DL002"],
        check=_not_utf16,
    ),
    Case("UTF-8 BOM", _write("x.md", b"\xef\xbb\xbf" + REFERENCE.encode()), 0, []),
    Case("CRLF endings", _write("x.md", REFERENCE.replace("\n", "\r\n")), 0, []),
    Case("lone CR endings", _write("x.md", REFERENCE.replace("\n", "\r")), 0, []),
    Case(
        "10 MB dossier",
        _write("x.md", _ten_megabytes()),
        1,
        check=lambda o: {"DL102", "DL104"} <= set(o.codes),
    ),
    Case("1 MB single line (whole file)", _write("x.md", "word " * 200_000), 1),
    Case(
        "1 MB line in a section",
        _write("x.md", _in_section("## Aftermath\n", "word " * 200_000)),
        0,
    ),
    Case(
        "1 MB source bullet", _write("x.md", _in_section(SOURCES, "- [" + "w " * 500_000)), (0, 1)
    ),
    Case(
        "100,000 headings",
        _write("x.md", "".join(f"## Heading {i}\n" for i in range(100_000))),
        1,
        check=lambda o: o.codes.count("DL107") == 100_000,
    ),
    Case(
        "100,000 H3 headings in one section",
        _write(
            "x.md",
            _in_section("## Aftermath\n", "".join(f"### Part {i}\n" for i in range(100_000))),
        ),
        0,
    ),
    Case("5,000 nested list levels", _write("x.md", _nested_lists(5_000)), 1),
    Case("50,000 nested block quotes", _write("x.md", ">" * 50_000 + " deep\n"), 1),
    Case(
        "50,000 nested block quote lines",
        _write("x.md", "".join("> " * (i % 500) + "q\n" for i in range(50_000))),
        1,
    ),
    Case("300,000 unbalanced [ and ](", _write("x.md", _brackets(300_000)), (0, 1)),
    Case("table with 2,000 columns", _write("x.md", _wide_table(2_000)), (0, 1)),
    Case("link with 10,000 parentheses", _write("x.md", _parentheses_link(10_000)), (0, 1)),
    Case("NUL bytes", _write("x.md", _nul_at_line_ten()), 1, check=_dl002_at(10)),
    Case(
        "NUL bytes, CR endings",
        _write("x.md", _nul_at_line_ten().replace(b"\n", b"\r")),
        1,
        check=_dl002_at(10),
    ),
    Case("folder named x.md (walked)", _folder_named_md, 0, [], files_checked=1),
    Case("folder named x.md (given)", _folder_named_md_explicit, 2, error_names=("x.md",)),
    Case("symlink loops (folder walk)", _loop, 0, [], needs="symlink"),
    Case(
        "symlink loop named x.md",
        _with_reference(_self_link),
        2,
        error_names=("x.md",),
        check=_other_file_checked,
        needs="symlink",
    ),
    Case(
        "dangling symlink",
        _with_reference(_dangling),
        2,
        error_names=("gone.md",),
        check=_other_file_checked,
        needs="symlink",
    ),
    Case(
        "file without read permission",
        _with_reference(_unreadable),
        2,
        error_names=("locked.md",),
        check=_other_file_checked,
        needs="non-root",
    ),
    Case(
        "FIFO named x.md",
        _with_reference(_fifo),
        2,
        error_names=("pipe.md",),
        check=_other_file_checked,
        needs="fifo",
    ),
    Case(
        "socket named x.md",
        _with_reference(_socket),
        2,
        error_names=("socket.md",),
        check=_other_file_checked,
        needs="socket",
    ),
    Case(
        "symlinks out of the project",
        _outside_link,
        0,
        [],
        check=_only_checked("soviet-union-stalin.md"),
        needs="symlink",
    ),
    Case(".git, node_modules and the cache", _skipped_folders, 0, [], files_checked=1),
]


def _unsupported(need: str | None) -> str | None:
    """Why this platform cannot run a case, or None."""
    if need == "symlink" and not hasattr(os, "symlink"):
        return "no symbolic links"
    if need == "fifo" and not hasattr(os, "mkfifo"):
        return "no FIFOs"
    if need == "socket" and not hasattr(socket, "AF_UNIX"):
        return "no Unix sockets"
    if need == "non-root" and hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads a chmod 000 file anyway; the FIFO and socket cases cover a
        # file that cannot be read as a dossier whoever runs the tests.
        return "running as root: permission bits do not stop root from reading"
    return None


@pytest.fixture
def hostile_project(tmp_path: Path):
    (tmp_path / "project").mkdir()
    project = Project(tmp_path / "project")
    project.extra_cleanup = []
    yield project
    for cleanup in project.extra_cleanup:
        cleanup()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(hostile_project: Project, case: Case) -> None:
    reason = _unsupported(case.needs)
    if reason:
        pytest.skip(reason)
    args = case.build(hostile_project)
    outcome = run_check(hostile_project.root, *args)

    expected = case.exit_code if isinstance(case.exit_code, tuple) else (case.exit_code,)
    assert outcome.exit_code in expected, outcome.stderr[-2000:]
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr
    if outcome.stdout or outcome.exit_code != 2:  # a usage error ends the run before output
        findings = outcome.findings  # well-formed JSON, whatever the input
    if case.codes is not None:
        new = beyond_reference(hostile_project.root, findings)
        assert [f["code"] for f in new] == case.codes
    error_lines = outcome.stderr.splitlines()
    assert len(error_lines) == len(case.error_names), outcome.stderr
    for line, name in zip(error_lines, case.error_names, strict=True):
        assert line.startswith("dossierlint: error: ") and name in line
    if case.check:
        case.check(outcome)
    if case.files_checked is not None:
        text = run_check(hostile_project.root, "--format", "text", *args)
        assert f"Checked {case.files_checked} file" in text.stdout


def test_a_folder_outside_the_project_is_walked_whole(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = Project(tmp_path / "project")
    outside = tmp_path / "elsewhere"
    (outside / "nested").mkdir(parents=True)
    (outside / "nested" / "chile-pinochet.md").write_text(
        replace_once(REFERENCE, "## Classification\n", "")
    )
    outcome = run_check(project.root, str(outside), "--select", "DL1")
    assert outcome.exit_code == 1
    assert [Path(f["path"]).name for f in outcome.findings] == ["chile-pinochet.md"]


def test_a_crash_in_a_rule_is_one_line_naming_the_file_and_the_rest_is_checked(
    project: Project,
) -> None:
    """Rules added later may have bugs; one must not hide the other files' findings."""
    from dossierlint.config import load_config
    from dossierlint.engine import build_ruleset
    from dossierlint.houserules import load_house_rules
    from dossierlint.linter import Linter
    from dossierlint.rules.base import Example, rule

    @rule("DL999", "crashes", "error", "Crashes on one file.", example=Example("", ""))
    def crashes(ctx):
        """Fails on the file named crash.md."""
        if ctx.path.endswith("crash.md"):
            raise ValueError("a bug")
        yield from ()

    project.write_reference()
    project.write("crash.md", REFERENCE)
    project.write("chile-pinochet.md", replace_once(REFERENCE, "## Classification\n", ""))
    config = load_config(start=project.root)
    ruleset = build_ruleset(config, select=["DL1"])
    ruleset.rules.append(crashes)
    ruleset.severity["DL999"] = "error"
    report = Linter(config, ruleset, load_house_rules(None)).check([project.dossiers])
    crashed = (project.dossiers / "crash.md").as_posix()
    assert report.errors == [f"{crashed}: internal error: ValueError: a bug"]
    assert report.files_checked == 2
    assert [(Path(f.path).name, f.code) for f in report.findings] == [
        ("chile-pinochet.md", "DL103")
    ]


def test_error_output_escapes_file_names(tmp_path: Path) -> None:
    """A file name with a newline or escape stays one line (and cannot drive the terminal)."""
    project = Project(tmp_path)
    name = "bad\nname\x1b[31m.md"
    try:
        (project.dossiers / name).symlink_to("nowhere.md")
    except (OSError, NotImplementedError):
        pytest.skip("this file system refuses such a name or links")
    outcome = run_check(project.root)
    assert outcome.exit_code == 2
    assert outcome.stderr.count("\n") == 1
    assert "bad\\nname\\x1b[31m.md" in outcome.stderr


def test_undecodable_file_name_and_ascii_terminal(tmp_path: Path) -> None:
    """A file name that is not UTF-8 and a terminal that is not UTF-8 are no crash."""
    project = Project(tmp_path)
    text = replace_once(REFERENCE, "## Aftermath\n", "## Последствия\n")
    try:
        with open(os.fsencode(project.dossiers) + b"/caf\xe9.md", "wb") as file:
            file.write(text.encode())
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    for args in (("--format", "text"), ("--format", "json")):
        result = subprocess.run(
            [sys.executable, "-m", "dossierlint", "check", *args],
            cwd=project.root,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(REPO / "src")},
            timeout=HANG_GUARD,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
        output = result.stdout.decode("ascii")
        if args[1] == "json":
            findings = json.loads(output)
            assert findings[0]["path"] == "dossiers/caf\udce9.md"
            assert any("Последствия" in f["message"] for f in findings)
        else:
            assert "dossiers/caf\\udce9.md:" in output


# -- BOM and line-ending twins ------------------------------------------------------

DEFECTS = {
    "reference": lambda text: text,
    "missing section": lambda text: replace_once(text, "## Classification\n", ""),
    "misspelled section": lambda text: replace_once(text, "## Key Figures\n", "## Key Figure\n"),
    "trailing whitespace": lambda text: replace_once(
        text, "closed session\n", "closed session  \t\n"
    ),
    "second title and footer": lambda text: replace_once(
        replace_once(text, "### Lenin's Death", "# Lenin's Death"),
        "*Created: 2026-01-06*",
        "_created: 2026-01-06",
    ),
    "unused suppression": lambda text: replace_once(
        text, "## Overview\n", "<!-- dossierlint-disable-next-line DL112 -->\n## Overview\n"
    ),
}
TWINS = {
    "CRLF": lambda data: data.replace(b"\n", b"\r\n"),
    "CR": lambda data: data.replace(b"\n", b"\r"),
    "BOM": lambda data: b"\xef\xbb\xbf" + data,
    "BOM+CRLF": lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
}


TWIN_PATH = "dossiers/soviet-union-stalin.md"


def _positions(project: Project, data: bytes) -> list[tuple]:
    project.write("soviet-union-stalin.md", data)
    return [(f["code"], f["line"], f["column"], f["message"]) for f in project.findings()]


@pytest.mark.parametrize("defect", DEFECTS, ids=str)
def test_bom_and_line_endings_are_linted_like_the_plain_file(project: Project, defect: str) -> None:
    plain = DEFECTS[defect](REFERENCE).encode()
    invalid = plain.replace(b"Soviet Union (USSR)", b"Soviet Union \xff(USSR)")
    for data in (plain, invalid):
        expected = _positions(project, data)
        found = [{"code": code, "line": line, "path": TWIN_PATH} for code, line, *_ in expected]
        new = beyond_reference(project.root, found)
        assert bool(new) == (defect != "reference" or data is invalid)
        for twin, make in TWINS.items():
            assert _positions(project, make(data)) == expected, twin


# -- Ctrl-C ---------------------------------------------------------------------


def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("SIGINT to a child process is a POSIX affair")
    project = Project(tmp_path)
    headings = "".join(f"## Heading {i}\n" for i in range(100_000))
    for attempt in range(1, 5):
        for index in range(2**attempt):
            project.write(f"big-{attempt}-{index}.md", headings)
        child = subprocess.Popen(
            [sys.executable, "-m", "dossierlint", "check"],
            cwd=project.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        )
        time.sleep(1.5)  # past start-up, into the linting
        if child.poll() is not None:
            continue  # finished before the signal: more input
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=HANG_GUARD)
        assert child.returncode == 130, stderr
        assert "Traceback" not in stderr
        assert stderr.strip() == "dossierlint: interrupted"
        return
    pytest.fail("check finished before it could be interrupted, even on the largest input")


# -- no network -------------------------------------------------------------------

_NETWORK_GUARD = """
import json, sys
calls = []
def guard(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")):
        calls.append(event)
        raise RuntimeError("network access: " + event)
sys.addaudithook(guard)
from dossierlint.cli import cli
codes = {}
for args in json.loads(sys.argv[1]):
    try:
        codes[" ".join(args)] = cli.main(args, prog_name="dossierlint", standalone_mode=False)
    except Exception as error:
        codes[" ".join(args)] = repr(error)
print(json.dumps({"calls": calls, "codes": codes}))
"""


def test_no_command_touches_the_network(project: Project) -> None:
    """An audit hook fails any socket or URL opened by any command."""
    project.write_reference()
    commands = [
        ["check"],
        ["check", "--format", "json"],
        ["rules"],
        ["rules", "DL101"],
        ["rules", "--markdown"],
        ["schema", "--stdout"],
        ["export", "dossiers/soviet-union-stalin.md"],
    ]
    result = subprocess.run(
        [sys.executable, "-c", _NETWORK_GUARD, json.dumps(commands)],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["calls"] == []
    assert set(outcome["codes"]) == {" ".join(c) for c in commands}
    assert all(code in (0, None) for code in outcome["codes"].values()), outcome["codes"]
