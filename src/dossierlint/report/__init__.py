"""Formatters: turn a run's findings into text for people or data for programs.

Each format lives in its own module, imported only when asked for, so the
default text path loads nothing it does not print.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from dossierlint.findings import Report

FORMATS = {
    "text": "dossierlint.report.text",
    "json": "dossierlint.report.json_format",
    "github": "dossierlint.report.github",
    "sarif": "dossierlint.report.sarif",
}


def write_report(report: Report, format_name: str, stream: TextIO, color: bool) -> None:
    """Write `report` to `stream` in the named format."""
    module = importlib.import_module(FORMATS[format_name])
    module.write(report, stream, color)
