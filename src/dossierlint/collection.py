"""The collection index: what cross-dossier rules know about the other dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True)
class Collection:
    folder: Path
    slugs: frozenset[str]

    @classmethod
    def scan(cls, folder: Path, checked: list[Path]) -> Collection:
        """Every dossier slug in the dossiers folder, plus the files being checked."""
        slugs = {path.stem for path in checked}
        if folder.is_dir():
            slugs.update(path.stem for path in folder.glob("*.md"))
        return cls(folder, frozenset(slugs))
