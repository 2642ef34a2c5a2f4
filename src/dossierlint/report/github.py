"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

`::error file=PATH,line=L,col=C,title=CODE::message` (a warning is `::warning`,
an info `::notice`), escaped as the workflow-command rules require (and other
control characters, such as ESC, escaped as in the text format), then the usual
summary line, which the log shows as plain text.
"""

from __future__ import annotations

from typing import TextIO

from dossierlint.errors import printable
from dossierlint.findings import Report
from dossierlint.report import Output
from dossierlint.report.text import summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: `%`, CR and LF, then any other control character."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO, output: Output) -> None:
    for finding in report.findings:
        properties = ",".join(
            f"{name}={escape_property(str(value))}"
            for name, value in (
                ("file", finding.path),
                ("line", finding.line),
                ("col", finding.column),
                ("title", finding.code),
            )
        )
        command = COMMANDS[finding.severity]
        stream.write(f"::{command} {properties}::{escape_data(finding.message)}\n")
    if not output.quiet:
        stream.write(summary(report) + "\n")
