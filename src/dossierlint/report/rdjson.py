"""Reviewdog Diagnostic Format (rdjson), for `reviewdog -f=rdjson`: review comments on
the lines of a pull request, with fixes as suggested changes.

One `DiagnosticResult`: `source` names the tool, each diagnostic carries its
message, location, severity (ERROR, WARNING, INFO), code with its documentation
URL, and, when the finding has a fix, `suggestions` (the text to put in place of
a range). Columns count UTF-8 bytes from 1, as the format specifies.
"""

from __future__ import annotations

from typing import Any, TextIO

from dossierlint.findings import Edit, Finding, Report
from dossierlint.report import Output, json_text
from dossierlint.report.source_lines import SourceLines


def write(report: Report, stream: TextIO, output: Output) -> None:
    lines = SourceLines()
    result = {
        "source": {"name": "dossierlint", "url": output.docs_url},
        "diagnostics": [_diagnostic(finding, lines, output) for finding in report.findings],
    }
    stream.write(json_text(result, indent=2) + "\n")


def _diagnostic(finding: Finding, lines: SourceLines, output: Output) -> dict[str, Any]:
    text = lines.line(finding.path, finding.line) or ""
    column = _byte_column(text, finding.column - 1)
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {
            "path": finding.path,
            "range": {"start": {"line": finding.line, "column": column}},
        },
        "severity": finding.severity.upper(),
        "code": {"value": finding.code, "url": output.rule_url(finding.code)},
    }
    if finding.fix is not None:
        diagnostic["suggestions"] = [
            _suggestion(edit, lines.line(finding.path, edit.line) or "")
            for edit in finding.fix.edits
        ]
    return diagnostic


def _suggestion(edit: Edit, text: str) -> dict[str, Any]:
    return {
        "range": {
            "start": {"line": edit.line, "column": _byte_column(text, edit.start)},
            "end": {"line": edit.line, "column": _byte_column(text, edit.end)},
        },
        "text": edit.replacement,
    }


def _byte_column(text: str, characters: int) -> int:
    """The 1-based UTF-8 byte column of the character at 0-based index `characters`."""
    return len(text[:characters].encode("utf-8", "surrogatepass")) + 1
