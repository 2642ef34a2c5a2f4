"""JSON Lines: one finding a line, as an object with the `json` format's fields.

Unlike one array, the output can be read as it streams and concatenated across runs.
"""

from __future__ import annotations

from typing import TextIO

from dossierlint.findings import Report
from dossierlint.report import Output, json_text
from dossierlint.report.json_format import item


def write(report: Report, stream: TextIO, output: Output) -> None:
    stream.write("".join(json_text(item(finding)) + "\n" for finding in report.findings))
