"""The reference dossier: byte-identical to the published one, no errors, and only its known true warnings."""

from __future__ import annotations

import hashlib

from conftest import REFERENCE, REFERENCE_FINDINGS, Project, reference_text

PUBLISHED_SHA256 = "9422a8fe3ae4b5214c2156442cca6ae98c4d4cee5480a097cf05f2353f356166"
"""SHA-256 of the published reference (shared/reference/soviet-union-stalin.md)."""


def test_bundled_reference_is_the_published_one_byte_for_byte() -> None:
    assert hashlib.sha256(REFERENCE.read_bytes()).hexdigest() == PUBLISHED_SHA256


def test_reference_gets_exactly_its_known_findings(project: Project) -> None:
    project.write_reference()
    lines = reference_text().splitlines()
    found = [(f["code"], lines[f["line"] - 1], f["severity"]) for f in project.findings()]
    assert sorted((code, text) for code, text, _ in found) == sorted(REFERENCE_FINDINGS)
    assert all(severity != "error" for _, _, severity in found)
