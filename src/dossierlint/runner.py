"""The runner: find the dossiers to check, read them, and lint each one."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from dossierlint.collection import Collection, walk_dossiers
from dossierlint.config import Config
from dossierlint.engine import FileJob, RuleSet, lint_bytes
from dossierlint.errors import UsageError
from dossierlint.houserules import HouseRules
from dossierlint.rules.base import Finding


@dataclass(slots=True)
class Report:
    files_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Files that could not be checked at all, one message each."""

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def discover(paths: list[Path], config: Config) -> list[Path]:
    """Dossier files named by `paths` (folders are walked for `*.md`), in a stable order."""
    found: dict[Path, None] = {}
    for path in paths or [config.dossiers]:
        if path.is_dir():
            found.update(dict.fromkeys(walk_dossiers(path, config.root)))
        elif path.exists() or path.is_symlink():
            found[path] = None
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not found:
        where = ", ".join(str(p) for p in paths) if paths else str(config.dossiers)
        raise UsageError(f"{where}: no dossiers (*.md files) found")
    return list(found)


class Linter:
    """Lints files against one configuration and one collection."""

    def __init__(self, config: Config, ruleset: RuleSet, house_rules: HouseRules) -> None:
        self.config = config
        self.ruleset = ruleset
        self.house_rules = house_rules
        self.today = datetime.date.today()

    def prepare(self, paths: list[Path]) -> tuple[list[Path], Collection]:
        """The files to check and the collection they are checked against."""
        files = discover(paths, self.config)
        return files, self.collection(files)

    def check(self, paths: list[Path]) -> Report:
        files, collection = self.prepare(paths)
        report = Report()
        for path in files:
            try:
                report.findings.extend(self.check_file(path, collection))
            except UsageError as error:
                report.errors.append(str(error))
            else:
                report.files_checked += 1
        report.findings.sort(key=Finding.sort_key)
        return report

    def collection(self, checked: list[Path]) -> Collection:
        """The index of the whole dossiers folder, for the cross-dossier rules."""
        return Collection.scan(
            self.config.dossiers,
            checked,
            root=self.config.root,
            comparisons_title=self.house_rules.section_with("comparisons"),
        )

    def check_file(self, path: Path, collection: Collection | None = None) -> list[Finding]:
        return self.lint_data(path, read_bytes(path, display_path(path)), collection)

    def lint_data(
        self, path: Path, data: bytes, collection: Collection | None = None
    ) -> list[Finding]:
        """Findings for `data` as the contents of `path`; without a `collection`,
        the one the file belongs to is indexed first."""
        if collection is None:
            collection = self.collection([path])
        job = FileJob(display_path(path), self._relative(path), path.stem, data)
        return lint_bytes(job, self.ruleset, self.house_rules, collection, self.today, self.config)

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.config.root).as_posix()
        except ValueError:
            return path.as_posix()


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; an unreadable file is a usage error naming it."""
    if path.is_dir():
        raise UsageError(f"{shown}: is a directory, not a dossier")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such file (a dangling link?)") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot read: {error.strerror or error}") from None
