"""Formatters: turn a run's findings into text for people or data for programs.

Each format lives in its own module, imported only when asked for, so the
default text path loads nothing it does not print.
"""

from __future__ import annotations

import importlib
from typing import Any, TextIO

from dossierlint.findings import Report
from dossierlint.records import Record

FORMATS = {
    "full": "dossierlint.report.full",
    "concise": "dossierlint.report.text",
    "text": "dossierlint.report.text",
    "json": "dossierlint.report.json_format",
    "json-lines": "dossierlint.report.json_lines",
    "junit": "dossierlint.report.junit",
    "github": "dossierlint.report.github",
    "gitlab": "dossierlint.report.gitlab",
    "sarif": "dossierlint.report.sarif",
    "rdjson": "dossierlint.report.rdjson",
}
"""Format name -> its module. `text` is the older name of `concise`: the same output."""

RULES_DOC_URL = "https://git.example.org/your-org/dossierlint/blob/main/docs/rules.md"
"""Where docs/rules.md is published; a rule's documentation is its anchor there
(`#dl201`). The `docs-url` setting replaces it (for a fork or a mirror)."""


class Output(Record, frozen=True):
    """How to render: colour, whether to leave out the summary, where rules are documented."""

    color: bool = False
    quiet: bool = False
    docs_url: str = RULES_DOC_URL

    def rule_url(self, code: str) -> str:
        return f"{self.docs_url}#{code.lower()}"


def write_report(
    report: Report, format_name: str, stream: TextIO, color: bool = False, **options: object
) -> None:
    """Write `report` to `stream` in the named format (`options`: see `Output`)."""
    module = importlib.import_module(FORMATS[format_name])
    module.write(report, stream, Output(color=color, **options))


def json_text(data: Any, indent: int | None = None) -> str:
    """`data` as JSON, UTF-8 kept readable, with every character a terminal or CI log
    could act on (controls, bidirectional marks, line separators, lone surrogates)
    written as a `\\uXXXX` escape: the same data, safe to print."""
    import json  # here: the text formats, the default, do without it

    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if text.isprintable():
        return text
    return "\n".join(
        line if line.isprintable() else "".join(map(_json_char, line)) for line in text.split("\n")
    )


def _json_char(char: str) -> str:
    if char.isprintable():
        return char
    import json

    return json.dumps(char)[1:-1]  # ensure_ascii: \uXXXX, a surrogate pair above U+FFFF
