"""Security: a cloned repository (a stranger's pull request) can never run code, reach
outside the project, inject into a terminal or CI log, or hang the run.

Each test is named after what it protects; each drives the real CLI on real files.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, Project, reference_text, replace_once
from hypothesis import given
from hypothesis import strategies as st

from dossierlint.cache import FORMAT, SWEPT, index_bytes, read_index

BOUND = 20.0
"""Seconds a subprocess run may take before it counts as a hang."""

CACHE = ".dossierlint_cache"


def _aged(path: Path, days: float = 0.0) -> Path:
    """`path` last modified an hour (plus `days`) ago: at rest, so the cache keeps it."""
    then = time.time() - 3600 - days * 24 * 3600
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _tree_hash(folder: Path) -> str:
    """A digest of every name, kind and byte under `folder` (links not followed)."""
    digest = hashlib.sha256()
    for directory, subdirs, files in sorted(os.walk(folder)):
        subdirs.sort()
        for name in sorted(files + subdirs):
            path = Path(directory, name)
            digest.update(os.fsencode(path.relative_to(folder)) + b"\0")
            if path.is_symlink():
                digest.update(b"link:" + os.fsencode(os.readlink(path)))
            elif path.is_file():
                digest.update(path.read_bytes())
            digest.update(str(path.lstat().st_mtime_ns).encode())
    return digest.hexdigest()


def run_cli(root: Path, *args: str, timeout: float = BOUND) -> subprocess.CompletedProcess:
    """`python -m dossierlint ARGS` in `root`, bounded so that a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "dossierlint", *args],
        cwd=root,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )


class _Marker:
    """Unpickling this creates a folder: proof that the cache ran code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (str(self.path),))


def _reference_project(tmp_path: Path) -> Project:
    (tmp_path / "project").mkdir()
    project = Project(tmp_path / "project")
    _aged(project.write_reference())
    return project


def _cache_files(project: Project) -> list[Path]:
    return [p for p in (project.root / CACHE).iterdir() if p.name not in (".gitignore", SWEPT)]


# -- 1. the results cache --------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return _reference_project(tmp_path)


def test_a_crafted_pickle_at_the_cache_name_never_runs(project: Project, tmp_path: Path) -> None:
    expected = project.findings()
    marker = tmp_path / "code-ran"
    for item in _cache_files(project):
        item.write_bytes(pickle.dumps(_Marker(marker)))
    assert project.findings() == expected
    assert not marker.exists()
    # ... and the unexpected files were replaced by caches of the documented format.
    assert [_read_document(item)["format"] for item in _cache_files(project)] == [
        FORMAT
    ] * 3  # the results, the collection index and its people and events


def _read_document(item: Path) -> dict:
    """A cache file's document: the collection index's own shape (`read_index`), or JSON."""
    data = item.read_bytes()
    return read_index(data) or json.loads(data)


@given(st.binary(max_size=400), st.sampled_from([b"", b"\n", b'{"stamps": 3, "texts"']))
def test_any_bytes_at_the_index_are_an_index_or_none(data: bytes, start: bytes) -> None:
    """`read_index` reads data from the working tree: whatever the bytes, a document
    or None, never an exception."""
    document = read_index(start + data)
    assert document is None or isinstance(document, dict)


def _write_document(item: Path, document: object) -> None:
    """`document` as the cache writes it: a collection index's (it has a folder) in its
    own shape (`index_bytes`), anything else as JSON."""
    if isinstance(document, dict) and "folder" in document:
        item.write_bytes(index_bytes(document))
    else:
        item.write_text(json.dumps(document))


def _cache_documents(project: Project) -> dict[str, list[tuple[Path, dict]]]:
    """The cache's files by kind: "results" (its shards), "index" (the collection
    index), "facts" (the index's people and events)."""
    kinds: dict[str, list[tuple[Path, dict]]] = {}
    for item in _cache_files(project):
        document = _read_document(item)
        kind = "results" if "records" in document else "facts" if "texts" in document else "index"
        kinds.setdefault(kind, []).append((item, document))
    return kinds


@pytest.mark.parametrize(
    "document",
    [
        {"format": FORMAT, "records": []},
        {"format": FORMAT, "records": {"x": 1}},
        {"format": "dossierlint-cache/2", "records": {}},
        "wrong-typed records for every file",
        "wrong-typed people and events for every file",
        "stamps that are not whole 64-bit words",
        "texts longer than the index says",
        [1, 2, 3],
    ],
)
def test_a_cache_of_the_wrong_shape_is_ignored_and_rewritten(
    project: Project, document: object
) -> None:
    _aged(project.write_reference("soviet-union-copy.md"))  # two: their people are read
    first = project.run("check", "--format", "json")
    for kind, item, written in (
        (kind, item, written)
        for kind, files in _cache_documents(project).items()
        for item, written in files
    ):
        if document == "wrong-typed records for every file":
            if kind == "results":
                for key, row in written["records"].items():
                    written["records"][key] = [*row[:3], 7, ["one", 2, 3, "info", None, {"x": 1}]]
            elif kind == "index":
                written["files"], written["key"] = "2", 7
            else:
                written["texts"] = [7] * len(written["texts"])
        elif document == "stamps that are not whole 64-bit words":
            if kind == "index":
                written["stamps"] = written["stamps"][:-1]
        elif document == "texts longer than the index says":
            if kind == "index":
                item.write_bytes(index_bytes(written) + b"\n")
                continue
        elif document == "wrong-typed people and events for every file":
            if kind == "index":  # its texts (people and events last) a byte short
                item.write_bytes(index_bytes(written)[:-1])
                continue
            if kind == "facts":
                written["texts"] = [[["Joseph Stalin"]]] * len(written["texts"])
        else:
            written = document
        _write_document(item, written)
    result = project.run("check", "--format", "json")
    assert (result.exit_code, result.stderr, result.json()) == (first.exit_code, "", first.json())
    documents = _cache_documents(project)
    rows = [row for _, shard in documents["results"] for row in shard["records"].values()]
    assert len(rows) == 2 and not any(7 in row for row in rows)
    [(_, index)], [(_, facts)] = documents["index"], documents["facts"]
    packed = index["stamps"]  # (mtime, size, inode) in 64-bit words
    assert index["files"] == 2 and bytes(24) not in (packed[:24], packed[24:])  # read again
    assert "\njoseph stalin\t0 0 1 0\n" in index["people"]
    assert re.search(r"\noperation barbarossa\t[0-9]+ [0-9]+ [0-9]+ [0-9]+\n", index["events"])
    assert all(type(text) is str for text in facts["texts"])


def test_unreadable_cached_people_are_ignored_then_read_again(project: Project) -> None:
    """The people and events a cached entry holds are read when another dossier looks
    their names up: wrong-typed ones are then left out, and the file is read again on the
    next run."""
    _aged(project.write_reference("soviet-union-copy.md"))
    expected = project.findings()
    one = project.run("check", "--format", "json", "dossiers/soviet-union-stalin.md")
    crafted = json.dumps([[["Joseph Stalin", 8, 19, "1878-1953", [1878, "1878"], None, []]], []])
    documents = _cache_documents(project)
    [(item, facts)] = documents["facts"]
    facts["texts"] = [crafted] * len(facts["texts"])
    item.write_text(json.dumps(facts))
    for shard, _ in documents["results"]:
        shard.unlink()  # the dossier is linted again
    result = project.run("check", "--format", "json", "dossiers/soviet-union-stalin.md")
    assert (result.exit_code, result.stderr, result.json()) == (one.exit_code, "", one.json())
    [(_, facts)] = _cache_documents(project)["facts"]
    assert crafted not in facts["texts"]  # looked up, found unreadable, dropped
    assert project.findings() == expected
    [(_, facts)] = _cache_documents(project)["facts"]
    assert len(facts["texts"]) == 2 and crafted not in facts["texts"]


@pytest.mark.parametrize("line", ["joseph stalin\t99 0", "joseph stalin\t0 x"])
def test_a_names_index_pointing_outside_the_collection_index_starts_it_again(
    project: Project, line: str
) -> None:
    """People looked up by name lead to positions in the index's columns: one beyond
    them, or a line that holds none, is damage the index cannot mend, so it is
    emptied and every file read again."""
    _aged(project.write_reference("soviet-union-copy.md"))
    expected = project.findings()
    [(item, index)] = _cache_documents(project)["index"]
    index["people"] = f"\n{line}\n"
    _write_document(item, index)
    for shard, _ in _cache_documents(project)["results"]:
        shard.unlink()  # the dossiers are linted again, looking the name up
    result = project.run("check", "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    [(_, index)] = _cache_documents(project)["index"]
    assert index["files"] == 0 and index["paths"] == ""  # started again
    assert project.findings() == expected
    [(_, index)] = _cache_documents(project)["index"]
    assert index["files"] == 2 and "\njoseph stalin\t0 0 1 0\n" in index["people"]


def test_a_file_name_with_a_line_break_is_indexed_on_every_run(project: Project) -> None:
    """The collection index keeps its paths a line each: a dossier whose name holds a
    line break stays out of it, and is read again on each run, with the same findings."""
    _aged(project.write_reference("soviet-union\ncopy.md"))
    expected = project.findings("--no-cache")
    assert project.findings() == expected  # the index written
    [(_, index)] = _cache_documents(project)["index"]
    assert index["files"] == 1 and "copy" not in index["paths"]
    assert project.findings() == expected  # the index read, the other file read again
    assert _cache_documents(project)["index"][0][1]["key"] == index["key"]


@pytest.mark.parametrize("beyond", ["{tmp}/outside", "{dossiers}/../outside"])
def test_an_index_listing_files_beyond_its_folder_is_not_trusted(
    project: Project, tmp_path: Path, beyond: str
) -> None:
    """The index keeps its folder's stamp to list the folder from its paths: a crafted
    path beyond the folder is never read (here a file of another title, which would
    take away the finding that the two dossiers share one)."""
    copy = _aged(project.write_reference("soviet-union-copy.md"))
    _aged(project.dossiers)
    checked = "dossiers/soviet-union-stalin.md"
    expected = project.findings(checked)
    assert any(finding["code"] == "DL511" for finding in expected)  # one title for two
    [(item, index)] = _cache_documents(project)["index"]
    assert index["folder"]  # kept: the next run lists the folder from the index
    outside = Path(beyond.format(tmp=tmp_path, dossiers=project.dossiers.resolve()))
    outside.mkdir()
    (outside / copy.name).write_text("# Somewhere Else\n", encoding="utf-8")
    index["paths"] = index["paths"].replace(str(copy.resolve()), str(outside / copy.name))
    _write_document(item, index)
    for shard, _ in _cache_documents(project)["results"]:
        shard.unlink()  # the dossier is linted again
    result = run_cli(project.root, "check", "--format", "json", checked)
    assert (result.returncode, result.stderr, json.loads(result.stdout)) == (1, "", expected)


def test_a_names_index_line_of_another_shape_starts_it_again_when_rebuilt(
    project: Project,
) -> None:
    """A line of the names index is tested when read: one that no lookup reads is
    found when the index is rebuilt for a changed file, and the index starts again."""
    copy = _aged(project.write_reference("soviet-union-copy.md"))
    project.findings()
    [(item, index)] = _cache_documents(project)["index"]
    index["people"] += "not a line of the index\n"
    _write_document(item, index)
    retitled = replace_once(copy.read_text(encoding="utf-8"), "# The Soviet", "# Another Soviet")
    _aged(project.write("soviet-union-copy.md", retitled))  # its entry changed: a rebuild
    expected = project.findings("--no-cache")
    assert project.findings() == expected
    assert _cache_documents(project)["index"][0][1]["files"] == 0  # started again
    assert project.findings() == expected
    assert _cache_documents(project)["index"][0][1]["files"] == 2


def test_the_cache_file_name_depends_on_the_project_path(tmp_path: Path) -> None:
    names = []
    for where in ("one", "two"):
        (tmp_path / where).mkdir()
        project = _reference_project(tmp_path / where)
        project.findings()
        names += [item.name for item in _cache_files(project)]
    assert len(set(names)) == 6  # each project's results, index, and the index's facts


def test_a_symlinked_cache_folder_is_never_followed(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("0" * 32 + ".pickle", "1" * 32 + ".json", "notes.txt"):
        (outside / name).write_bytes(b"precious")
        _aged(outside / name, days=30)
    (project.root / CACHE).symlink_to(outside)
    before = _tree_hash(outside)
    result = project.run("check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _tree_hash(outside) == before


def test_a_symlinked_gitignore_or_cache_file_is_never_written_through(
    project: Project, tmp_path: Path
) -> None:
    project.findings()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target").write_text("precious")
    for item in _cache_files(project):
        item.unlink()
        item.symlink_to(outside / "target")
    gitignore = project.root / CACHE / ".gitignore"
    gitignore.unlink()
    gitignore.symlink_to(outside / "not-yet")  # a dangling link: writing would create it
    _aged(project.dossiers / "soviet-union-stalin.md").write_text("# Changed\n")
    _aged(project.dossiers / "soviet-union-stalin.md")
    before = _tree_hash(outside)
    assert project.run("check").exit_code == 1
    assert _tree_hash(outside) == before


def test_a_fifo_at_the_cache_name_is_not_read(project: Project) -> None:
    project.findings()
    for item in _cache_files(project):
        item.unlink()
        os.mkfifo(item)  # opened for reading, it would block forever
    result = run_cli(project.root, "check")
    assert result.returncode == 0, result.stderr


def test_stale_cleanup_deletes_only_the_caches_own_regular_files(
    project: Project, tmp_path: Path
) -> None:
    folder = project.root / CACHE
    folder.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text("precious")
    own = folder / ("0" * 32 + ".json")
    own.write_text("{}")
    link = folder / ("1" * 32 + ".json")
    link.symlink_to(outside)
    other = folder / "notes.json"
    other.write_text("mine")
    for path in (own, link, other):
        _aged(path, days=30)
    project.findings()
    assert not own.exists()
    assert link.is_symlink() and outside.read_text() == "precious"
    assert other.read_text() == "mine"


def test_stale_files_are_looked_for_once_an_hour_and_never_through_the_marker(
    project: Project, tmp_path: Path
) -> None:
    """`cache.SWEPT`'s time says when the last sweep ran: a run that writes the cache
    within the hour after it lists no file; a marker that is a link is neither
    followed nor trusted."""
    folder = project.root / CACHE
    project.findings()  # sweeps, and stamps the marker
    marker = folder / SWEPT
    assert marker.is_file() and marker.stat().st_size == 0
    own = folder / ("2" * 32 + ".json")
    own.write_text("{}")
    _aged(own, days=30)
    _aged(project.write("one-more.md", reference_text()))  # a run that writes the cache
    project.findings()
    assert own.exists()  # swept less than an hour ago
    _aged(marker, days=1)
    _aged(project.write("another.md", reference_text()))
    project.findings()
    assert not own.exists()
    outside = tmp_path / "outside"
    outside.write_text("precious")
    _aged(outside, days=1)
    before = outside.stat().st_mtime_ns
    marker.unlink()
    marker.symlink_to(outside)
    own.write_text("{}")
    _aged(own, days=30)
    _aged(project.write("a-third.md", reference_text()))
    project.findings()
    assert not own.exists()  # a sweep is due while the marker is no regular file
    assert outside.read_text() == "precious" and outside.stat().st_mtime_ns == before


# -- 2. signals ----------------------------------------------------------------------


def _session_members(session: int) -> list[int]:
    """Pids of the live processes in `session` (zombies, already exited, left out)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        state, session_id = fields[0], int(fields[3])
        if session_id == session and state != "Z":
            members.append(int(entry.name))
    return members


def _children(pid: int) -> list[int]:
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def _read_to_eof(streams: list, deadline: float) -> bool:
    """Read every stream until EOF; False if one is still open at `deadline`."""
    import selectors

    selector = selectors.DefaultSelector()
    for stream in streams:
        selector.register(stream, selectors.EVENT_READ)
    while selector.get_map():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        for key, _ in selector.select(remaining):
            if not os.read(key.fileobj.fileno(), 65536):
                selector.unregister(key.fileobj)
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="scans /proc for the run")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_main_process_ends_the_whole_run(tmp_path: Path, signum: int) -> None:
    (tmp_path / "project").mkdir()
    project = Project(tmp_path / "project")
    generate = REPO / "benchmarks" / "generate.py"
    subprocess.run(
        [sys.executable, generate, "--count", "400", "--out", project.dossiers, "--force"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    run = subprocess.Popen(
        [sys.executable, "-m", "dossierlint", "check", "--no-cache", "--jobs", "2"],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(run.pid)) < 2 and run.poll() is None:
            assert time.monotonic() < deadline, "the run never started its workers"
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before the signal; give it more files"
        os.kill(run.pid, signum)
        deadline = time.monotonic() + 5
        assert _read_to_eof([run.stdout, run.stderr], deadline), "output pipes still open"
        while _session_members(run.pid):
            assert time.monotonic() < deadline, f"left running: {_session_members(run.pid)}"
            time.sleep(0.05)
        assert run.wait(timeout=1) == 128 + signum
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.stdout.close()
        run.stderr.close()
    assert not list(project.root.rglob("*.tmp"))


# -- 3. escaping every output ------------------------------------------------------------

HOSTILE_NAME = "a%b,c:d\n::error::e\x1b[2J.md"
"""A file name with a newline, a workflow command, the property separators and ESC."""


def _hostile_dossier(project: Project, name: str = HOSTILE_NAME) -> Path:
    """The reference under `name`, with a fixable misspelled heading holding ESC, and a
    line that is a workflow command right beside it (so it shows as diff context)."""
    text = reference_text()
    text = replace_once(text, "## Key Figures\n", "::warning::context\n\n## Key Figure\x1b[31m\n")
    path = project.dossiers / name
    path.write_text(text, encoding="utf-8")
    return _aged(path)


def _no_command_and_no_control(output: str) -> None:
    """No raw control character, and no line a CI runner would take for a workflow
    command other than the annotations of --format github."""
    assert "\x1b" not in output and "\r" not in output
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            assert line.startswith(("::error ", "::warning ", "::notice ")), line


@pytest.mark.parametrize("format_name", ["text", "github", "json", "sarif"])
def test_every_format_escapes_file_names_and_dossier_text(
    project: Project, format_name: str
) -> None:
    _hostile_dossier(project)
    result = run_cli(project.root, "check", "--format", format_name)
    assert result.returncode == 1, result.stderr
    _no_command_and_no_control(result.stdout)
    _no_command_and_no_control(result.stderr)
    if format_name in ("json", "sarif"):
        json.loads(result.stdout)
    if format_name == "github":
        lines = result.stdout.splitlines()
        assert all(line.startswith("::") for line in lines[:-1])
        assert lines[-1].startswith("Checked 2 files")
        assert "file=dossiers/a%25b%2Cc%3Ad%0A%3A%3Aerror%3A%3Ae\\x1b[2J.md," in result.stdout


def test_diff_escapes_file_names_and_dossier_lines(project: Project) -> None:
    _hostile_dossier(project)
    result = run_cli(project.root, "check", "--diff")
    assert result.returncode == 1, result.stderr
    _no_command_and_no_control(result.stdout)
    _no_command_and_no_control(result.stderr)
    headers = [line for line in result.stdout.splitlines() if line.startswith(("---", "+++"))]
    shown = "dossiers/a%b,c:d\\n::error::e\\x1b[2J.md"
    assert headers == [f"--- {shown}", f"+++ {shown}"]
    assert " \\x3a:warning::context" in result.stdout.splitlines()
    assert "-## Key Figure\\x1b[31m" in result.stdout.splitlines()


def test_diff_keeps_no_break_spaces_so_that_it_still_applies(project: Project) -> None:
    path = project.dossiers / "soviet-union-stalin.md"
    text = replace_once(reference_text(), "closed session\n", "closed\u00a0session\u2009 \n")
    path.write_text(text, encoding="utf-8")
    result = run_cli(project.root, "check", "--diff")
    assert result.returncode == 1, result.stderr
    assert "-**Occasion**: 20th Congress of Communist Party, closed\u00a0session\u2009 " in (
        result.stdout.splitlines()
    )


def test_export_errors_escape_file_names_and_messages(project: Project) -> None:
    path = _hostile_dossier(project)
    path.write_text(path.read_text().replace("## Sources\n", "## Sourcez\x1b[31m\n"))
    result = run_cli(project.root, "export", str(path.relative_to(project.root)))
    assert result.returncode == 1
    _no_command_and_no_control(result.stderr)
    assert all(line.startswith("dossierlint: ") for line in result.stderr.splitlines())


def test_sarif_stays_valid_json_for_a_file_name_that_is_not_utf8(project: Project) -> None:
    with open(os.fsencode(project.dossiers) + b"/caf\xe9.md", "wb") as file:
        file.write(reference_text().encode())
    result = run_cli(project.root, "check", "--format", "sarif")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert "dossiers/caf%E9.md" in uris


def test_text_output_never_starts_a_line_with_a_workflow_command(project: Project) -> None:
    """pre-commit passes file names as they are: one may start with `::`."""
    name = "::error file=x::pwned.md"
    (project.root / name).write_text(reference_text(), encoding="utf-8")
    result = run_cli(project.root, "check", name)
    assert result.returncode == 1, result.stderr
    _no_command_and_no_control(result.stdout)
    assert result.stdout.startswith("\\x3a:error file=x::pwned.md:1:1: DL510")


# -- 4. --fix writes ---------------------------------------------------------------------

FIXABLE = ("closed session\n", "closed session  \n")
"""Trailing whitespace: a safe fix on the reference."""


def _fixable(project: Project, name: str = "soviet-union-stalin.md") -> Path:
    path = project.dossiers / name
    path.write_text(replace_once(reference_text(), *FIXABLE), encoding="utf-8")
    return path


def _run_with_hook(root: Path, hook: str, *args: str) -> subprocess.CompletedProcess:
    """The real CLI, in a process where `hook(event, args)` (Python source defining it)
    is a `sys.addaudithook` hook: it acts at an exact moment, such as a rename."""
    program = (
        "import os, signal, sys\n"
        f"{hook}\n"
        "sys.addaudithook(hook)\n"
        "from dossierlint.main import main\n"
        "sys.argv = ['dossierlint', *sys.argv[1:]]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=BOUND,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )


def test_fix_never_loses_a_save_made_while_it_writes(project: Project) -> None:
    """An editor's save landing after the fix was computed, before the rename, wins."""
    path = _fixable(project)
    saved = "# Saved by the editor meanwhile\n"
    hook = (
        "def hook(event, args):\n"
        "    if event == 'tempfile.mkstemp':\n"
        f"        open({str(path)!r}, 'w').write({saved!r})\n"
    )
    result = _run_with_hook(project.root, hook, "check", "--fix")
    assert result.returncode == 2
    assert "soviet-union-stalin.md: changed on disk while fixing; not written" in result.stderr
    assert path.read_text() == saved
    assert not list(project.dossiers.glob("*.tmp"))


def test_fix_keeps_hard_links_and_permission_bits(project: Project) -> None:
    path = _fixable(project)
    path.chmod(0o640)
    twin = project.root / "twin.md"
    os.link(path, twin)
    assert project.run("check", "--fix").exit_code == 0  # warnings remain, no error
    assert twin.read_text() == reference_text()
    assert os.path.samefile(path, twin)
    assert path.stat().st_mode & 0o7777 == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_keeps_the_owner_and_group(project: Project) -> None:
    path = _fixable(project)
    os.chown(path, 12345, 23456)
    assert project.run("check", "--fix").exit_code == 0
    assert path.read_text() == reference_text()
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)


def test_sigterm_while_fix_writes_leaves_no_temp_file(project: Project) -> None:
    """SIGTERM at the rename of the fixed file: the run ends 143, the file is whole."""
    path = _fixable(project)
    hook = (
        "def hook(event, args):\n"
        "    if event == 'os.rename':\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
    )
    result = _run_with_hook(project.root, hook, "check", "--fix", "--no-cache")
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert not [p for p in project.root.rglob("*") if p.name.endswith(".tmp")]
    assert path.read_text() in (
        reference_text(),
        replace_once(reference_text(), *FIXABLE),
    )


# -- 5. bounds ----------------------------------------------------------------------------


def test_a_duration_of_thousands_of_digits_is_a_finding_and_fix_goes_on(project: Project) -> None:
    huge = project.dossiers / "huge-duration.md"
    huge.write_text(replace_once(reference_text(), "| 29 years |", f"| {'9' * 5000} years |"))
    fixable = _fixable(project, "other.md")
    result = run_cli(project.root, "check", "--fix", "--format", "json")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert fixable.read_text() == reference_text()
    found = json.loads(result.stdout)
    assert any(f["path"] == "dossiers/huge-duration.md" and f["line"] == 10 for f in found)


def test_a_dossier_of_gigabytes_is_refused_unread(project: Project) -> None:
    big = project.dossiers / "big.md"
    with open(big, "wb") as file:
        file.truncate(3 * 1024**3)  # sparse: costs no disk, reads as 3 GB of NUL bytes
    result = run_cli(project.root, "check")
    assert result.returncode == 2
    assert "dossiers/big.md: too large (3,221,225,472 bytes; limit 33,554,432)" in result.stderr
    assert "soviet-union-stalin.md" in result.stdout  # the other file is still checked


def test_max_file_size_is_configurable(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\nmax-file-size = 1024\n'
    )
    result = run_cli(project.root, "check")
    assert result.returncode == 2
    assert "soviet-union-stalin.md: too large" in result.stderr


def _deep(levels: int) -> str:
    return "[" * levels + '"DL1"' + "]" * levels


BAD_SETTINGS = {
    "negative min-sources": "[tool.dossierlint.options]\nmin-sources = -1\n",
    "huge min-sources": "[tool.dossierlint.options]\nmin-sources = 100000000\n",
    "max-file-size zero": "[tool.dossierlint]\nmax-file-size = 0\n",
    "max-file-size huge": "[tool.dossierlint]\nmax-file-size = 99999999999999\n",
    "dossiers root": '[tool.dossierlint]\ndossiers = "/"\n',
    "dossiers outside": '[tool.dossierlint]\ndossiers = "../elsewhere"\n',
    "house rules FIFO": '[tool.dossierlint]\nhouse-rules = "rules.toml"\n',
    "house rules /dev/zero": '[tool.dossierlint]\nhouse-rules = "/dev/zero"\n',
    "deep nesting": f"[tool.dossierlint]\nselect = {_deep(100_000)}\n",
    "malformed glob": '[tool.dossierlint.per-file-ignores]\n"[z-a].md" = ["DL1"]\n',
    "blank glob": '[tool.dossierlint.per-file-ignores]\n" " = ["DL1"]\n',
    "blank ignore": '[tool.dossierlint]\nignore = [""]\n',
    "blank select": '[tool.dossierlint]\nselect = [" "]\n',
    "blank severity": '[tool.dossierlint.severity]\n"" = "info"\n',
    "blank per-file ignore": '[tool.dossierlint.per-file-ignores]\n"*.md" = [""]\n',
}


@pytest.mark.parametrize("name", list(BAD_SETTINGS))
def test_settings_out_of_bounds_are_one_line_errors(project: Project, name: str) -> None:
    settings = BAD_SETTINGS[name]
    if "[tool.dossierlint]" not in settings:
        settings = '[tool.dossierlint]\ndossiers = "dossiers"\n' + settings
    (project.root / "pyproject.toml").write_text(settings)
    if name == "house rules FIFO":
        os.mkfifo(project.root / "rules.toml")
    result = run_cli(project.root, "check")
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("dossierlint: error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["", " ", "DL1,,DL2"])
def test_blank_selectors_on_the_command_line_are_refused(
    project: Project, option: str, value: str
) -> None:
    result = project.run("check", option, value)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"dossierlint: error: {option}: an empty rule selector would match every rule\n"
    )


def test_the_config_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".dossierlint.toml").write_text('ignore = ["ALL"]\n')
    repository = tmp_path / "clone"
    (repository / ".git").mkdir(parents=True)
    (repository / "dossiers").mkdir()
    (repository / "dossiers" / "x.md").write_text("# Only a title\n")
    result = run_cli(repository, "check")
    assert result.returncode == 1, result.stderr
    assert "DL101" in result.stdout or "DL1" in result.stdout


# -- 6. suppressions --------------------------------------------------------------------


def _python_calls_to_check(project: Project) -> int:
    """Python function calls made by one in-process `check` (a count of work, not a time)."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        result = project.run("check", "--no-cache", "--select", "DL001,DL190")
    finally:
        sys.setprofile(None)
    assert result.exit_code == 0, result.stderr
    return calls


def test_suppression_matching_is_linear_in_the_number_of_suppressions(project: Project) -> None:
    """Each suppression silences the trailing whitespace on the line after it: twice the
    suppressions must cost about twice the work, not four times."""
    work = []
    for pairs in (1000, 2000):
        text = "<!-- dossierlint-disable-next-line DL190 -->\nwhitespace  \n" * pairs
        project.write("soviet-union-stalin.md", "# Title\n\n" + text)
        work.append(_python_calls_to_check(project))
    assert work[1] / work[0] < 2.5, work


# -- 7. new ---------------------------------------------------------------------------------

NEW_ARGS = ("--country", "Chile", "--start", "1973", "--end", "1990", "--no-input")


@pytest.mark.parametrize(
    "leader", ["Augusto\n## Sources\nPinochet (1915-2006)", "Augusto\x1b[2J Pinochet (1915-2006)"]
)
def test_new_refuses_a_leader_with_a_line_break_or_control_character(
    project: Project, leader: str
) -> None:
    result = project.run("new", "chile-pinochet", *NEW_ARGS, "--leader", leader)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert not (project.dossiers / "chile-pinochet.md").exists()


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "prn", "com1", "lpt9", "a" * 250])
def test_new_refuses_slugs_windows_reserves_or_too_long_for_a_file_name(
    project: Project, slug: str
) -> None:
    result = project.run("new", slug, *NEW_ARGS, "--leader", "Augusto Pinochet (1915-2006)")
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("dossierlint: error: ") and result.stderr.count("\n") == 1
    assert list(project.dossiers.iterdir()) == [project.dossiers / "soviet-union-stalin.md"]


def test_new_update_refuses_a_symlinked_dossier(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Chile Under Augusto Pinochet\n")
    link = project.dossiers / "chile-pinochet.md"
    link.symlink_to(outside)
    result = project.run("new", "chile-pinochet", "--update")
    assert result.exit_code == 2
    assert "is a symbolic link; not updated" in result.stderr
    assert link.is_symlink() and outside.read_text() == "# Chile Under Augusto Pinochet\n"


def test_new_is_bounded_by_the_min_sources_range(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n\n'
        "[tool.dossierlint.options]\nmin-sources = 100000000\n"
    )
    result = run_cli(
        project.root, "new", "chile-pinochet", *NEW_ARGS, "--leader", "A B (1915-2006)"
    )
    assert result.returncode == 2
    assert "option 'min-sources' must be from 0 to 1000" in result.stderr


# -- 8. the misspelled-heading fix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "fixed"),
    [
        ("## Key Figure (USSR)\n", "## Key Figures (USSR)\n"),
        ("## Key Figure - USSR\n", "## Key Figures - USSR\n"),
        ("## Key Figure: USSR\n", "## Key Figures: USSR\n"),
    ],
)
def test_the_heading_fix_keeps_text_after_the_heading_name(
    project: Project, heading: str, fixed: str
) -> None:
    path = project.dossiers / "soviet-union-stalin.md"
    path.write_text(replace_once(reference_text(), "## Key Figures\n", heading))
    # The name is respelled; the added text still makes DL108 an error (unsafe fix only).
    assert project.run("check", "--fix").exit_code == 1
    assert path.read_text() == replace_once(reference_text(), "## Key Figures\n", fixed)


def test_a_heading_whose_name_is_right_is_not_cut_by_a_safe_fix(project: Project) -> None:
    path = project.dossiers / "soviet-union-stalin.md"
    broken = replace_once(reference_text(), "## Aftermath\n", "## Aftermath: 1953\n")
    path.write_text(broken)
    assert project.run("check", "--fix").exit_code == 1  # DL108 remains, an error
    assert path.read_text() == broken


# -- 9. a hostile repository, end to end ---------------------------------------------------

HOSTILE_NAMES = (
    b"new\nline::error::x.md",
    b"%0A::warning title=pwned::y.md",
    b"esc\x1b[2Jz\x1b]0;title\x07.md",
    b"caf\xe9-not-utf8.md",
)
EXIT_CODES = {0, 1, 2}
"""The documented exit codes of `check` (README: clean, findings, failure)."""


def _hostile_repository(tmp_path: Path) -> tuple[Path, Path]:
    """A clone as a pull request may shape it: hostile names, dossier lines that are
    workflow commands and terminal escapes, a FIFO named like a dossier."""
    repository = tmp_path / "clone"
    (repository / "dossiers").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repository)], check=True, timeout=BOUND)
    (repository / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    text = replace_once(reference_text(), *FIXABLE)
    text = replace_once(
        text, "## Key Figures\n", "::error::from the dossier\x1b[2J\n\n## Key Figures\n"
    )
    folder = os.fsencode(repository / "dossiers")
    for name in HOSTILE_NAMES:
        with open(folder + b"/" + name, "wb") as file:
            file.write(text.encode())
        os.utime(folder + b"/" + name, (time.time() - 3600,) * 2)
    os.mkfifo(repository / "dossiers" / "x.md")
    outside = tmp_path / "outside"
    outside.mkdir()
    return repository, outside


def _assert_safe_output(args: tuple[str, ...], result: subprocess.CompletedProcess) -> None:
    assert result.returncode in EXIT_CODES, (args, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not any(ord(char) < 0x20 and char not in "\n\t" for char in stream), args
        assert "\x1b" not in stream and "\x07" not in stream
    for line in result.stderr.splitlines():
        assert line.startswith(("dossierlint: ", "Fixed ", "Would fix ")), line
    lines = result.stdout.splitlines()
    if "github" in args:
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])
        assert lines[-1].startswith("Checked ")
    else:
        assert not [line for line in lines if line.lstrip().startswith("::")], args
    if "json" in args or "sarif" in args:
        json.loads(result.stdout)


def test_a_hostile_repository_runs_no_code_changes_nothing_outside_and_injects_nothing(
    tmp_path: Path,
) -> None:
    repository, outside = _hostile_repository(tmp_path)
    marker = tmp_path / "code-ran"
    # Learn the name `check` gives its cache here, then plant a pickle at that name
    # (and at the same name with .pickle) in a folder outside, with old pickles beside it.
    run_cli(repository, "check")
    cache_files = [p for p in (repository / CACHE).iterdir() if p.name != ".gitignore"]
    shutil.rmtree(repository / CACHE)
    crafted = pickle.dumps(_Marker(marker))
    names = [name for p in cache_files for name in (p.name, p.stem + ".pickle")]
    for name in (*names, "0" * 32 + ".pickle"):
        (outside / name).write_bytes(crafted)
        _aged(outside / name, days=30)
    (repository / CACHE).symlink_to(outside)
    before = _tree_hash(outside)

    runs = [("check", "--format", name) for name in ("text", "json", "github", "sarif")] + [
        ("check", "--diff"),
        ("check", "--fix"),
    ]
    for args in runs:
        _assert_safe_output(args, run_cli(repository, *args))
    assert _tree_hash(outside) == before
    assert not marker.exists()

    # The same crafted file inside a real cache folder, at the name check reads.
    (repository / CACHE).unlink()
    (repository / CACHE).mkdir()
    for cache_file in cache_files:
        (repository / CACHE / cache_file.name).write_bytes(crafted)
    for args in runs[:4]:
        _assert_safe_output(args, run_cli(repository, *args))
    assert not marker.exists()
    assert _tree_hash(outside) == before
