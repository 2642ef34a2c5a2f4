"""A JSON array of findings: path, line, column, code, severity, message."""

from __future__ import annotations

from typing import TextIO

from dossierlint.findings import Finding, Report
from dossierlint.report import Output, json_text


def write(report: Report, stream: TextIO, output: Output) -> None:
    items = [item(finding) for finding in report.findings]
    # One write: json.dump would make one call per token, millions for a big run.
    stream.write(json_text(items, indent=2) + "\n")


def item(finding: Finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
    }
