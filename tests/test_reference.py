"""The reference dossier: byte-identical to the shared one, no errors, and only its known true warnings."""

from __future__ import annotations

import pytest
from conftest import REFERENCE, REFERENCE_FINDINGS, REPO, Project, reference_text


def test_bundled_reference_is_the_shared_one_byte_for_byte() -> None:
    shared = REPO.parent / "shared" / "reference" / "soviet-union-stalin.md"
    if not shared.is_file():
        pytest.skip("shared/reference is not beside this checkout")
    assert REFERENCE.read_bytes() == shared.read_bytes()


def test_reference_gets_exactly_its_known_findings(project: Project) -> None:
    project.write_reference()
    lines = reference_text().splitlines()
    found = [(f["code"], lines[f["line"] - 1], f["severity"]) for f in project.findings()]
    assert sorted((code, text) for code, text, _ in found) == sorted(REFERENCE_FINDINGS)
    assert all(severity != "error" for _, _, severity in found)
