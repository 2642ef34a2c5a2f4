"""The JSON copy of a parsed TOML file: used while the file is unchanged, ignored when untrustworthy."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import Project

from dossierlint.cache import source_stamps
from dossierlint.datacache import cached_data

TABLE = '[domains."example.org"]\nstatus = "reliable"\nscore = 1.5\nlist = [1, 2]\n'


class Parser:
    """Parses the file with tomllib and counts how often it was asked to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return tomllib.loads(self.path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def writes_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def table(tmp_path: Path, text: str = TABLE) -> tuple[Path, Parser]:
    path = tmp_path / "table.toml"
    path.write_text(text, encoding="utf-8")
    return path, Parser(path)


def copy_of(path: Path) -> Path:
    return path.parent / "__pycache__" / (path.name + ".json")


def test_an_unchanged_file_is_served_from_its_copy(tmp_path: Path) -> None:
    path, parse = table(tmp_path)
    first = cached_data(str(path), parse)
    second = cached_data(str(path), parse)
    assert first == second == tomllib.loads(TABLE)
    assert parse.calls == 1
    assert json.loads(copy_of(path).read_text(encoding="utf-8"))["data"] == first


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path, parse = table(tmp_path)
    cached_data(str(path), parse)
    path.write_text(TABLE.replace("1.5", "2.5"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cached_data(str(path), parse)["domains"]["example.org"]["score"] == 2.5
    assert parse.calls == 2


@pytest.mark.parametrize(
    "content", ["{not json", "[]", '{"data": []}', '{"format": 1, "data": {"x": 1}}']
)
def test_a_malformed_copy_is_ignored_and_replaced(tmp_path: Path, content: str) -> None:
    path, parse = table(tmp_path)
    copy_of(path).parent.mkdir()
    copy_of(path).write_text(content, encoding="utf-8")
    assert cached_data(str(path), parse) == tomllib.loads(TABLE)
    assert parse.calls == 1
    assert json.loads(copy_of(path).read_text(encoding="utf-8"))["data"] == tomllib.loads(TABLE)


def test_a_copy_that_is_a_symbolic_link_is_neither_read_nor_replaced(tmp_path: Path) -> None:
    path, parse = table(tmp_path)
    cached_data(str(path), parse)
    elsewhere = tmp_path / "elsewhere.json"
    copy_of(path).rename(elsewhere)
    copy_of(path).symlink_to(elsewhere)
    assert cached_data(str(path), parse) == tomllib.loads(TABLE)
    assert parse.calls == 2
    assert copy_of(path).is_symlink()


def test_a_folder_that_is_a_symbolic_link_is_not_used(tmp_path: Path) -> None:
    path, parse = table(tmp_path)
    (tmp_path / "real").mkdir()
    copy_of(path).parent.symlink_to(tmp_path / "real")
    cached_data(str(path), parse)
    cached_data(str(path), parse)
    assert parse.calls == 2
    assert list((tmp_path / "real").iterdir()) == []


def test_nothing_is_written_when_python_is_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path, parse = table(tmp_path)
    cached_data(str(path), parse)
    assert not copy_of(path).parent.exists()


def test_a_document_json_cannot_hold_is_not_kept(tmp_path: Path) -> None:
    path, parse = table(tmp_path, "day = 2024-01-02\n")
    cached_data(str(path), parse)
    cached_data(str(path), parse)
    assert parse.calls == 2
    assert not copy_of(path).exists()


def test_the_code_stamps_leave_out_the_parsed_copies(project: Project) -> None:
    """The cache's file names hold the stamps of dossierlint's code and data: the JSON
    copies written beside the bundled TOML (in `__pycache__`) are not part of them,
    or a process that took the stamps before the copies were written would name its
    cache files apart from every later process's."""
    project.write_reference()
    assert project.findings("--no-cache")  # the copies written, if they were not yet
    stamps = source_stamps.__wrapped__()
    assert stamps and all(path.endswith((".py", ".toml", ".json")) for path, _, _ in stamps)
    assert not [path for path, _, _ in stamps if "__pycache__" in path]
