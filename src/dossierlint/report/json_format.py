"""A JSON array of findings: path, line, column, code, severity, message."""

from __future__ import annotations

import json
from typing import TextIO

from dossierlint.findings import Report


def write(report: Report, stream: TextIO, color: bool) -> None:
    items = [
        {
            "path": finding.path,
            "line": finding.line,
            "column": finding.column,
            "code": finding.code,
            "severity": finding.severity,
            "message": finding.message,
        }
        for finding in report.findings
    ]
    # One write: json.dump would make one call per token, millions for a big run.
    stream.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
