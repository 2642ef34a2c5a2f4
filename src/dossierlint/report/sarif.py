"""SARIF 2.1.0, for code-scanning dashboards: one run, every rule, one result a finding.

Paths are relative to the working directory (`uriBaseId` SRCROOT, declared in
`originalUriBaseIds`), columns count Unicode code points. Each rule carries its
whole documentation (docs/rules.md's section, examples included) as `help`,
which dashboards show beside a result, and its anchor in the published
docs/rules.md as `helpUri` (the `docs-url` setting). Each result carries
`partialFingerprints` (`dossierlint/v1`: a hash of the rule, file, message and
line text, not the line number), so code scanning follows a finding across
commits that move it. Files that could not be checked at all are tool
execution notifications, and make the invocation unsuccessful.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from dossierlint import __version__
from dossierlint.docs import rule_markdown
from dossierlint.errors import printable
from dossierlint.findings import Finding, Report
from dossierlint.report import Output, json_text
from dossierlint.report.source_lines import SourceLines, fingerprints
from dossierlint.rules import REGISTRY
from dossierlint.rules.base import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
BASE_ID = "SRCROOT"


FINGERPRINT = "dossierlint/v1"


def write(report: Report, stream: TextIO, output: Output) -> None:
    stream.write(json_text(sarif_log(report, output), indent=2) + "\n")


def sarif_log(report: Report, output: Output) -> dict[str, Any]:
    rules = list(REGISTRY.values())
    hashes = fingerprints(report.findings, SourceLines())
    index = {rule.code: position for position, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "dossierlint",
                "version": __version__,
                "rules": [_descriptor(rule, output) for rule in rules],
            }
        },
        "originalUriBaseIds": {BASE_ID: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(report)],
        "results": [
            _result(finding, index[finding.code], fingerprint)
            for finding, fingerprint in zip(report.findings, hashes, strict=True)
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(rule: Rule, output: Output) -> dict[str, Any]:
    doc = inspect.cleandoc(rule.check.__doc__ or rule.summary)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": "\n".join(rule_markdown(rule))},
        "helpUri": output.rule_url(rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _invocation(report: Report) -> dict[str, Any]:
    return {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": printable(message)}} for message in report.errors
        ],
    }


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": printable(finding.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.path),
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path against SRCROOT; a path outside the working directory as a file URI.

    The URI percent-encodes the name's bytes, so a name that is not UTF-8 stays exact.
    """
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(path)), "uriBaseId": BASE_ID}
