"""Claims in text and their grounding in source texts (pure text: no file access).

`extract` finds the dated and numbered claims of a text, `matching` judges a
dossier's claims against the snapshots of the sources it cites. Only the date
grammar and the standard library are imported; this module itself is light so
that the rules' type hints cost nothing on the `check` path.
"""

from __future__ import annotations

from typing import Protocol


class SnapshotText(Protocol):
    """What the grounding rules read of a source snapshot (the store's Snapshot has it)."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...
