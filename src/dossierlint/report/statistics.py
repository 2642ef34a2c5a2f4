"""`check --statistics`: how many findings each rule has, most first, as ruff prints them.

    12	DL201	[*] malformed-source
     3	DL501	[ ] missing-link

The columns are count, code, `[*]` when `--fix` mends some of the rule's findings
(only shown when any rule's can be), and the rule's name. With
`--output-format json`, a JSON array of `{"code", "name", "count", "fixable"}`.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from dossierlint.findings import Report
from dossierlint.report import Output, json_text
from dossierlint.report.text import summary
from dossierlint.rules import REGISTRY


def write_statistics(report: Report, stream: TextIO, as_json: bool, **options: object) -> None:
    output = Output(**options)
    counts = Counter(finding.code for finding in report.findings)
    fixable = {f.code for f in report.findings if f.fix is not None and f.fix.safe}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        items = [
            {"code": code, "name": REGISTRY[code].name, "count": count, "fixable": code in fixable}
            for code, count in rows
        ]
        stream.write(json_text(items, indent=2) + "\n")
        return
    count_width = max((len(str(count)) for _, count in rows), default=0)
    code_width = max((len(code) for code, _ in rows), default=0)
    bold, red, cyan, reset = (
        ("\033[1m", "\033[31m", "\033[36m", "\033[0m") if output.color else ("",) * 4
    )
    for code, count in rows:
        mark = (f"[{cyan}*{reset}] " if code in fixable else "[ ] ") if fixable else ""
        shown = f"{bold}{count:>{count_width}}{reset}\t{bold}{red}{code:<{code_width}}{reset}"
        stream.write(f"{shown}\t{mark}{REGISTRY[code].name}\n")
    if not output.quiet:
        stream.write(summary(report, output.color) + "\n")
