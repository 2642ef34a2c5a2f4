"""The grammar of a leader in the Overview's `Leader(s)` row: a name and life years.

`Joseph Stalin (1878–1953)`, `Name (1946–)` while alive, `Name (b. 1946)`;
any of the date grammar's dashes, spaces optional. The parser reads the row
with it and the scaffolder validates `--leader` with it, so a leader the one
writes the other reads. The parser takes what it can (a bare `(1925)` as a
birth year); the scaffolder asks for a name and marked years.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dossierlint.grammar.dates import DASHES

_DASH = f"[{DASHES}]"
LEADER = re.compile(
    r"^(?P<name>[^()]*)\((?P<born>b\.)?\s*(?:(?P<birth>\d{1,4})\s*)?"
    rf"(?:(?P<dash>{_DASH})\s*(?:(?P<death>\d{{1,4}})\s*)?)?\)$"
)


class LifeYears(NamedTuple):
    name: str
    """The name before the parenthesis, stripped."""
    birth: int | None
    death: int | None
    marked: bool
    """Whether the years say which is which: `b. BIRTH`, or a dash (`BIRTH-DEATH`,
    `BIRTH-`); a bare `(1925)` does not."""


def parse_leader(text: str) -> LifeYears | None:
    """The name and life years of one leader (stripped text); None when it is not that form."""
    match = LEADER.match(text)
    if not match:
        return None
    birth, death = match.group("birth"), match.group("death")
    return LifeYears(
        match.group("name").strip(),
        int(birth) if birth else None,
        int(death) if death else None,
        bool(match.group("born") or match.group("dash")),
    )
