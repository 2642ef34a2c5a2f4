"""GitLab Code Quality report: a JSON array of issues, shown on merge requests.

Each issue has `description`, `check_name` (the rule code), `fingerprint` (a
hash of the rule, file, message and line text, so an issue keeps its identity
when lines move), `severity` (error -> major, warning -> minor, info -> info)
and `location.path` / `location.lines.begin`. Paths are relative to the project
folder GitLab names in `CI_PROJECT_DIR`, else to the working directory.
"""

from __future__ import annotations

import os
from typing import TextIO

from dossierlint.findings import Report
from dossierlint.report import Output, json_text
from dossierlint.report.source_lines import SourceLines, fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(report: Report, stream: TextIO, output: Output) -> None:
    root = os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    paths = [_relative(finding.path, root) for finding in report.findings]
    hashes = fingerprints(report.findings, SourceLines(), paths)
    issues = [
        {
            "description": f"{finding.code} {finding.message}",
            "check_name": finding.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path, "lines": {"begin": finding.line}},
        }
        for finding, path, fingerprint in zip(report.findings, paths, hashes, strict=True)
    ]
    stream.write(json_text(issues, indent=2) + "\n")


def _relative(path: str, root: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")
