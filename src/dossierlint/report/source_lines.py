"""The text of the lines findings point at, read again from disk when a format shows
or hashes them (the full text output, fingerprints, byte columns)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from dossierlint import regex
from dossierlint.decoding import decode
from dossierlint.errors import UsageError
from dossierlint.files import read_bytes
from dossierlint.findings import Finding
from dossierlint.text import lines_with_endings


class SourceLines:
    """Each file's lines, read once; a file that cannot be read has none."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def line(self, path: str, number: int) -> str | None:
        """Line `number` (1-based) of `path` without its ending, or None."""
        lines = self._files.get(path)
        if lines is None:
            lines = self._files[path] = _read_lines(path)
        return lines[number - 1] if 0 < number <= len(lines) else None


def _read_lines(path: str) -> list[str]:
    try:
        text = decode(read_bytes(Path(path), path)).text
    except (UsageError, OSError):
        return []
    return [content for content, _ in lines_with_endings(text or "")]


_LINE_NUMBER = regex.compile(r"\bline [0-9]+")


def fingerprints(
    findings: Iterable[Finding], lines: SourceLines, paths: Iterable[str] | None = None
) -> list[str]:
    """A stable identity per finding: its code, file, message and line text, not its line number.

    `paths` are the findings' paths as the format names them (default: as reported).

    Moving a finding up or down (lines added above it) keeps its fingerprint,
    also when its message names another line by number (`... on line 114`);
    editing its line or message changes it. Identical findings on identical
    lines of one file are told apart by their order (`:1`, `:2`).
    """
    seen: Counter[str] = Counter()
    out = []
    findings = list(findings)
    named = list(paths) if paths is not None else [finding.path for finding in findings]
    for finding, path in zip(findings, named, strict=True):
        text = " ".join((lines.line(finding.path, finding.line) or "").split())
        message = _LINE_NUMBER.sub("line", finding.message)
        key = "\0".join((finding.code, path, message, text))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        out.append(f"{digest}:{seen[digest]}")
        seen[digest] += 1
    return out
