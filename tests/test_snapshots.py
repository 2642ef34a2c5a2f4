"""Source snapshots: the store format and reader, and the `dossierlint sources` commands."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import Project

from dossierlint.config import load_config
from dossierlint.snapshots.store import (
    MAX_TEXT_BYTES,
    read_store,
    save_snapshot,
    snapshot_name,
    stamps,
)
from dossierlint.grammar.urls import normalise_url

DATA = Path(__file__).parent / "data" / "sources"
ENCYCLOPEDIA = DATA / "encyclopedia-joseph-stalin.txt"
STALIN_URL = "https://www.britannica.com/biography/Joseph-Stalin"


def _save(folder: Path, url: str = STALIN_URL, text: str = "Stalin died in 1953.\n") -> Path:
    text_path, _ = save_snapshot(
        folder,
        url,
        text,
        text.encode(),
        content_type="text/plain",
        extractor="plain",
        retrieved=date(2026, 1, 5),
    )
    return text_path


# -- the store format and its reader ------------------------------------------------------


def test_saved_snapshot_reads_back_keyed_by_normalised_url(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder, "http://www.britannica.com/biography/Joseph-Stalin/")
    store = read_store(folder, tmp_path)
    assert store.problems == []
    snapshot = store.snapshots[normalise_url(STALIN_URL)]
    assert snapshot.text == "Stalin died in 1953.\n"
    assert snapshot.text_path == text_path
    assert snapshot.meta_path == text_path.with_suffix(".json")
    assert snapshot.retrieved == date(2026, 1, 5)
    assert snapshot.content_type == "text/plain"
    assert snapshot.original_size == len(b"Stalin died in 1953.\n")
    meta = json.loads(snapshot.meta_path.read_text())
    assert meta["normalised_url"] == "https://britannica.com/biography/Joseph-Stalin"
    assert len(meta["sha256"]) == 64


def test_a_missing_folder_is_an_empty_store(tmp_path: Path) -> None:
    store = read_store(tmp_path / "sources", tmp_path)
    assert store.snapshots == {} and store.problems == []


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (b"{not json", "metadata is not valid JSON"),
        (b"\xff\xfe", "metadata is not UTF-8"),
        (b"[1, 2]", "metadata is not a JSON object"),
        (b'{"url": "no host"}', "metadata has no 'url' with a host"),
        (b"[" * 30_000 + b"]" * 30_000, "metadata is not valid JSON (nested too deeply)"),
        (b'{"url": "https://x.org/a", "format": 9}', "this dossierlint reads format 1"),
    ],
)
def test_malformed_metadata_is_skipped_with_a_reason(
    tmp_path: Path, meta: bytes, reason: str
) -> None:
    folder = tmp_path / "sources"
    _save(folder, "https://example.org/good")
    (folder / "bad.json").write_bytes(meta)
    (folder / "bad.txt").write_text("text")
    store = read_store(folder, tmp_path)
    assert list(store.snapshots) == ["https://example.org/good"]
    [problem] = store.problems
    assert problem.path.name == "bad.json"
    assert reason in problem.reason


def test_bad_text_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    missing = _save(folder, "https://example.org/missing")
    missing.unlink()
    not_utf8 = _save(folder, "https://example.org/latin1")
    not_utf8.write_bytes(b"caf\xe9")
    huge = _save(folder, "https://example.org/huge")
    huge.write_bytes(b"a" * (MAX_TEXT_BYTES + 1))
    reasons = {p.path.name: p.reason for p in read_store(folder, tmp_path).problems}
    assert reasons == {
        missing.name: "is missing",
        not_utf8.name: "text is not UTF-8",
        huge.name: "is larger than 4096 KiB; not read",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder)
    text_path.unlink()
    os.mkfifo(text_path)
    os.mkfifo(folder / "pipe.json")
    reasons = sorted(p.reason for p in read_store(folder, tmp_path).problems)
    assert reasons == ["is a FIFO (named pipe); not read"] * 2


def test_symbolic_links_out_of_the_project_are_not_followed(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    folder = project / "sources"
    text_path = _save(folder)
    _save(outside, "https://example.org/secret", "secret text")
    text_path.unlink()
    text_path.symlink_to(next(outside.glob("*.txt")))
    [problem] = read_store(folder, project).problems
    assert problem.reason == "is a symbolic link out of the project; not read"
    # a link inside the project is followed
    text_path.unlink()
    (project / "kept.txt").write_text("inside")
    text_path.symlink_to(project / "kept.txt")
    [snapshot] = read_store(folder, project).snapshots.values()
    assert snapshot.text == "inside"
    # the whole folder a link out of the project
    (project / "linked").symlink_to(outside, target_is_directory=True)
    store = read_store(project / "linked", project)
    assert store.snapshots == {}
    assert store.problems[0].reason == "is a symbolic link out of the project; not read"


def test_two_snapshots_of_one_page_keep_the_first(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    first = _save(folder, "https://example.org/page")
    for suffix in (".txt", ".json"):
        copy = folder / f"zz-copy{suffix}"
        copy.write_bytes(first.with_suffix(suffix).read_bytes())
    store = read_store(folder, tmp_path)
    assert [s.name for s in store.snapshots.values()] == [first.stem]
    assert store.problems[0].path.name == "zz-copy.json"
    assert "same URL as" in store.problems[0].reason


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (STALIN_URL, "britannica.com-biography-joseph-stalin-cf036be57c"),
        (
            "https://britannica.com/biography/Joseph-Stalin/",
            "britannica.com-biography-joseph-stalin-cf036be57c",
        ),
        ("https://con.example.com/aux", "_con.example.com-aux-"),
        ("https://пример.рф/статья", "xn--e1afmkfd.xn--p1ai-"),
        ("https://example.org/" + "a/" * 300, "example.org-a-a-a-"),
    ],
)
def test_names_are_safe_bounded_and_stable(url: str, name: str) -> None:
    made = snapshot_name(url)
    assert made.startswith(name)
    assert len(made) <= 80
    assert made.isascii() and all(c.isalnum() or c in "._-" for c in made)


def test_different_pages_never_share_a_name() -> None:
    urls = [f"https://example.org/{'x' * 200}{n}" for n in range(500)]
    assert len({snapshot_name(url) for url in urls}) == 500


def test_stamps_change_when_a_snapshot_changes(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder)
    before = stamps(folder)
    assert [name for name, _, _ in before] == [text_path.stem + ".json", text_path.name]
    text_path.write_text("Stalin died on 5 March 1953.\n")
    assert stamps(folder) != before
    assert stamps(tmp_path / "nowhere") == []


def test_sources_folder_and_max_age_are_configurable(project: Project) -> None:
    config = load_config(project.root)
    assert config.sources == project.root / "sources"
    assert config.sources_max_age_days == 365
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\nsources = "research/saved"\nsources-max-age-days = 30\n'
    )
    config = load_config(project.root)
    assert config.sources == project.root / "research" / "saved"
    assert config.sources_max_age_days == 30


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('sources = ""', "sources must be a non-empty string"),
        ("sources = 3", "sources must be a non-empty string"),
        ("sources-max-age-days = 0", "sources-max-age-days must be a whole number of days"),
        ('sources-max-age-days = "year"', "sources-max-age-days must be a whole number"),
    ],
)
def test_bad_sources_settings_are_one_line_and_exit_2(
    project: Project, setting: str, message: str
) -> None:
    (project.root / "pyproject.toml").write_text(f"[tool.dossierlint]\n{setting}\n")
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
