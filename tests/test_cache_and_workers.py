"""The results cache and the worker processes change speed, never findings."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, Project, reference_text

from dossierlint.cache import _stat_names, read_index
from dossierlint.linter import PARALLEL_THRESHOLD

CACHE = ".dossierlint_cache"


def _generator():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _age(paths: list[Path]) -> None:
    """A collection at rest: files last modified an hour ago."""
    then = time.time() - 3600
    for path in paths:
        os.utime(path, (then, then))


@pytest.fixture
def collection(project: Project) -> Project:
    """A generated collection with planted defects and cross-links, large enough for workers."""
    _generator().generate_collection(project.dossiers, PARALLEL_THRESHOLD + 16, 7, 0.3)
    _age(list(project.dossiers.glob("*.md")))
    return project


def test_findings_are_identical_with_and_without_cache_and_workers(collection: Project) -> None:
    baseline = collection.findings("--no-cache", "--jobs", "1")
    assert len({f["code"] for f in baseline}) > 5
    assert collection.findings("--no-cache", "--jobs", "2") == baseline
    assert collection.findings() == baseline  # fills the cache
    assert (collection.root / CACHE).is_dir()
    assert collection.findings() == baseline  # served from it
    assert collection.findings("--jobs", "2") == baseline


def test_a_run_leaves_the_garbage_collector_as_it_was(collection: Project) -> None:
    """A run tunes collection for itself (linter._run_collection) and undoes it."""
    threshold = gc.get_threshold()
    one = f"dossiers/{sorted(collection.dossiers.glob('*.md'))[0].name}"
    for arguments in (["--no-cache", "--jobs", "1"], ["--no-cache", "--jobs", "2"], [one], []):
        assert collection.findings(*arguments)
        assert gc.get_threshold() == threshold
        assert gc.get_freeze_count() == 0


def test_a_changed_file_is_linted_again(collection: Project) -> None:
    collection.findings()
    path = sorted(collection.dossiers.glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Sources\n", "## Sourcez\n", 1), encoding="utf-8")
    _age([path])
    cached = collection.findings()
    assert cached == collection.findings("--no-cache")
    assert any(f["code"] == "DL108" and f["path"].endswith(path.name) for f in cached)


def test_cross_dossier_findings_follow_other_files(project: Project) -> None:
    reference = project.write_reference()
    _age([reference])
    assert any(f["code"] == "DL501" for f in project.findings())
    planned = project.write("germany-hitler.md", "# Nazi Germany\n")
    _age([planned])
    links = [f for f in project.findings("dossiers/soviet-union-stalin.md") if f["code"] == "DL501"]
    assert [f["message"] for f in links] == [
        "[[china-mao]] names no dossier yet (there is no china-mao.md)"
    ]


def test_a_file_rewritten_within_the_same_timestamp_is_not_served_stale(project: Project) -> None:
    path = project.write_reference()
    project.findings()
    stamp = path.stat()
    broken = reference_text().replace("## Sources", "## Sourcez", 1)
    assert len(broken.encode()) == stamp.st_size
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert any(f["code"] == "DL108" for f in project.findings())


def test_the_collection_index_outlives_a_change_of_settings(project: Project) -> None:
    """Index entries are kept by file stamp apart from the results: a run with other
    settings (another selection, a new day) does not read the other dossiers again.
    Shown with a file changed behind the stamp's back, which only a kept entry misses."""
    reference = project.write_reference()
    twin = project.write("soviet-union-twin.md", "# The Soviet Union Under Joseph Stalin\n")
    _age([reference, twin])
    assert any(f["code"] == "DL511" for f in project.findings())
    stamp = twin.stat()
    twin.write_text("# The Soviet Union Under Joseph Stalim\n", encoding="utf-8")
    os.utime(twin, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    one = "dossiers/soviet-union-stalin.md"
    assert [f["code"] for f in project.findings("--select", "DL511", one)] == ["DL511"]
    assert project.findings("--select", "DL511", "--no-cache", one) == []


def test_checking_one_edited_file_rewrites_its_shard_and_the_index_only(
    collection: Project,
) -> None:
    """pre-commit after an edit: the results of the other files are neither read nor written."""
    expected = collection.findings()
    folder = collection.root / CACHE
    before = {item.name: item.stat().st_mtime_ns for item in folder.glob("*.json")}
    assert len(before) > 10  # many shards and the index entries
    path = sorted(collection.dossiers.glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _age([path])
    one = [f for f in expected if f["path"].endswith("/" + path.name)]
    assert collection.findings(f"dossiers/{path.name}") == one
    after = {item.name: item.stat().st_mtime_ns for item in folder.glob("*.json")}
    changed = [name for name in after if before.get(name) != after[name]]
    assert len(changed) == 2 and any(len(name) == len("0" * 34 + ".json") for name in changed)


def test_the_kept_collection_index_follows_added_edited_and_removed_files(
    collection: Project,
) -> None:
    """One file checked at a time, as pre-commit does, against the index the cache
    patches: every step gives the findings of a run without the cache."""
    first, second = sorted(collection.dossiers.glob("*.md"))[:2]
    collection.findings()
    text = first.read_text(encoding="utf-8")
    leader = re.search(r"\(([0-9]{4})[-\u2013]([0-9]{4})\)", text)
    twin = collection.dossiers / "zz-twin.md"
    born = str(int(leader.group(1)) - 7)
    steps = [
        lambda: twin.write_text(text.replace(leader.group(1), born), encoding="utf-8"),
        lambda: first.write_text(text + "\n", encoding="utf-8"),
        lambda: second.write_text(second.read_text(encoding="utf-8").replace("\n# ", "\n# A ", 1)),
        lambda: twin.unlink(),
    ]
    for step in steps:
        step()
        _age([*collection.dossiers.glob("*.md"), collection.dossiers])  # its listing kept
        for checked in (f"dossiers/{first.name}", "dossiers"):
            assert collection.findings(checked) == collection.findings("--no-cache", checked)
        if twin.exists():
            contradictions = [f for f in collection.findings() if f["code"] == "DL530"]
            assert {f["path"] for f in contradictions} == {
                f"dossiers/{first.name}",
                "dossiers/zz-twin.md",
            }


def _index(project: Project) -> dict:
    """The collection index the cache keeps (`cache.EntryCache`)."""
    for item in (project.root / CACHE).glob("*.json"):
        document = read_index(item.read_bytes())
        if document is not None:
            return document
    raise AssertionError("no collection index in the cache")


def test_a_folder_at_rest_is_listed_from_the_index(collection: Project) -> None:
    """A folder's entries change only with its mtime: while its stamp is the one the
    index keeps, a run takes the index's files for its listing rather than walking it
    (shown by putting the stamp back behind a new file), and a run after a change
    walks it again."""
    _age([collection.dossiers])
    collection.findings()
    assert _index(collection)["folder"].startswith(str(collection.dossiers.resolve()))
    first = sorted(collection.dossiers.glob("*.md"))[0]
    checked = f"dossiers/{first.name}"
    expected = collection.findings(checked)
    stamp = collection.dossiers.stat()
    twin = collection.dossiers / "zz-twin.md"  # the same title: a finding on `first`
    twin.write_bytes(first.read_bytes())
    _age([twin])
    os.utime(collection.dossiers, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert collection.findings(checked) == expected  # not walked: the new file unseen
    os.utime(collection.dossiers)  # the stamp a real change leaves
    assert collection.findings(checked) == collection.findings("--no-cache", checked) != expected


@pytest.mark.parametrize("where", ["above", "inside", "beside"])
def test_a_folder_at_rest_is_stat_ed_by_names_that_reach_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """The stats of a folder at rest go by paths relative to the working directory
    when it holds the folder (as bytes on POSIX): each name reaches its file from
    above the folder, inside it and beside it."""
    top = tmp_path / "project" / "dossiers"
    top.mkdir(parents=True)
    slugs = ["a", "b-c", "caf\u00e9"]
    for slug in slugs:
        (top / f"{slug}.md").write_text(f"# {slug}\n", encoding="utf-8")
    here = {"above": tmp_path, "inside": top, "beside": tmp_path / "project" / "other"}[where]
    here.mkdir(exist_ok=True)
    monkeypatch.chdir(here)
    names = _stat_names(str(top), slugs)
    assert len(names) == len(slugs)
    for name, slug in zip(names, slugs, strict=True):
        assert os.path.samefile(name, top / f"{slug}.md")
    assert all(not os.path.isabs(name) for name in names) is (where != "beside")


@pytest.mark.parametrize("kind", ["link", "subfolder"])
def test_no_listing_is_kept_for_a_folder_with_links_or_subfolders(
    project: Project, kind: str
) -> None:
    """A link's target or a subfolder's files can change while the folder's own
    entries do not: such a folder is walked on every run."""
    project.write_reference("soviet-union-copy.md")
    if kind == "link":
        (project.dossiers / "linked.md").symlink_to(project.dossiers / "soviet-union-copy.md")
    else:
        (project.dossiers / "more").mkdir()
        project.write_reference("more/nested.md")
    _age([*project.dossiers.rglob("*"), project.dossiers])
    assert project.findings() == project.findings("--no-cache")
    assert _index(project)["folder"] == ""


def test_a_corrupt_cache_is_ignored(collection: Project) -> None:
    expected = collection.findings()
    for item in (collection.root / CACHE).glob("*.json"):
        item.write_bytes(b"not a pickle")
    assert collection.findings() == expected


def test_an_unwritable_cache_is_ignored(project: Project) -> None:
    project.write_reference()
    (project.root / CACHE).write_text("a file where the cache folder should be")
    result = project.run("check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_caches_of_other_settings_unused_for_a_week_are_removed(project: Project) -> None:
    _age([project.write_reference()])
    folder = project.root / CACHE
    folder.mkdir()
    old, recent = folder / ("0" * 32 + ".json"), folder / ("1" * 32 + ".json")
    for item in (old, recent):
        item.write_bytes(b"")
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    project.findings()
    assert not old.exists() and recent.exists()
    assert len(list(folder.glob("*.json"))) == 4  # `recent`, the results, the index and its facts


def _settings_copies(project: Project) -> list[Path]:
    """The cache's copies of the settings table (`cache.SettingsCopy`)."""
    return [
        item
        for item in (project.root / CACHE).glob("*.json")
        if read_index(item.read_bytes()) is None and "table" in json.loads(item.read_bytes())
    ]


def test_the_settings_are_read_from_the_kept_copy_while_the_file_is_unchanged(
    project: Project,
) -> None:
    """A run with the cache keeps the parsed settings table; the next runs use it
    (shown by a copy that says otherwise) until the settings file changes."""
    project.write_reference()
    settings = project.root / "pyproject.toml"
    _age([settings])
    everything = project.findings()
    first, *others = sorted({f["code"] for f in everything})
    [copy] = _settings_copies(project)
    document = json.loads(copy.read_bytes())
    assert document["table"] == {"dossiers": "dossiers"} and others
    document["table"]["select"] = [first]
    copy.write_text(json.dumps(document), encoding="utf-8")
    assert {f["code"] for f in project.findings()} == {first}
    settings.write_text(f'[tool.dossierlint]\ndossiers = "dossiers"\nignore = ["{first}"]\n')
    _age([settings])
    changed = project.findings()
    assert (
        changed == project.findings("--no-cache") == [f for f in everything if f["code"] != first]
    )
    assert json.loads(copy.read_bytes())["table"]["ignore"] == [first]


@pytest.mark.parametrize("kept", ['{"format": 1}', "[1, 2]", "not json", '{"table": []}'])
def test_a_settings_copy_of_another_shape_is_ignored(project: Project, kept: str) -> None:
    project.write_reference()
    _age([project.root / "pyproject.toml"])
    expected = project.findings()
    [copy] = _settings_copies(project)
    copy.write_text(kept, encoding="utf-8")
    assert project.findings() == expected


def test_no_settings_copy_is_kept_without_the_cache_or_for_a_fresh_edit(
    project: Project,
) -> None:
    """--no-cache reads and writes no cache; a settings file changed in the last two
    seconds is parsed on every run (a change within the file system's timestamp
    resolution could go unseen)."""
    project.write_reference()
    _age([project.root / "pyproject.toml"])
    project.findings("--no-cache")
    assert not (project.root / CACHE).exists()
    (project.root / "pyproject.toml").touch()
    project.findings()
    assert _settings_copies(project) == []
