"""Coverage-guided fuzzing of the whole check path with atheris (libFuzzer).

Not a test dependency; for maintainers hunting crashes beyond what the
hypothesis tests (tests/test_fuzz.py) reach:

    pip install atheris
    mkdir -p fuzz/corpus && cp dossiers/*.md fuzz/corpus/
    python fuzz/atheris_check.py -max_total_time=600 -max_len=65536 fuzz/corpus

Every input is linted as a dossier with every registered rule and rendered in
every output format; any exception is a crash that libFuzzer saves to a file.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from dossierlint.config import Config
    from dossierlint.engine import FileJob, build_ruleset, lint_bytes
    from dossierlint.findings import Report
    from dossierlint.houserules import load_house_rules
    from dossierlint.report import FORMATS, write_report

CONFIG = Config(root=Path.cwd(), source=None, dossiers=Path.cwd() / "dossiers")
RULESET = build_ruleset(CONFIG)
HOUSE_RULES = load_house_rules(None)
TODAY = datetime.date(2026, 1, 6)


def check(data: bytes) -> None:
    job = FileJob("fuzzed.md", "dossiers/fuzzed.md", "fuzzed", data)
    findings = lint_bytes(job, RULESET, HOUSE_RULES, None, TODAY, CONFIG)
    report = Report(files_checked=1, findings=findings)
    for format_name in FORMATS:
        write_report(report, format_name, io.StringIO(), color=False)


if __name__ == "__main__":
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
