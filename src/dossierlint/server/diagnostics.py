"""Findings as LSP diagnostics: range, severity, and a link to the rule's documentation.

The link (`codeDescription`) goes to the rule's section of the rules
document: `<rulesUrl>#dl108` when the editor passes a `rulesUrl`
initialization option (a published copy of docs/rules.md), else the
project's own `docs/rules.md` file when it has one, else the copy shipped in
the wheel (`dossierlint/rules.md`) or, in an editable install, the
source tree's. Without any of them the diagnostic carries no link; the hover
still shows the rule's doc.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lsprotocol import types

from dossierlint.findings import Finding
from dossierlint.server.positions import TextLines, finding_span

SOURCE = "dossierlint"
RULES_DOC = Path("docs") / "rules.md"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@functools.cache
def rules_doc_base(rules_url: str | None, root: Path) -> str | None:
    """Where rule links point, without the anchor (see the module's doc); looked up once."""
    if rules_url:
        return rules_url.split("#", 1)[0]
    package = Path(__file__).resolve().parents[1]
    for candidate in (root / RULES_DOC, package / RULES_DOC.name, package.parents[1] / RULES_DOC):
        if candidate.is_file():
            return candidate.resolve().as_uri()
    return None


def to_diagnostic(finding: Finding, lines: TextLines, doc_base: str | None) -> types.Diagnostic:
    return types.Diagnostic(
        range=lines.range(finding_span(finding, lines)),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=(
            types.CodeDescription(href=f"{doc_base}#{finding.code.lower()}") if doc_base else None
        ),
        source=SOURCE,
    )
