"""Close-match suggestions ("did you mean ...?") and the title keys they compare.

Two keys, for two questions: `fold_title` says whether two titles are the
same title (case and spacing aside); `title_skeleton` keeps only letters and
digits, so that a misspelt heading can be matched to the title it stands for.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections import Counter

from dossierlint import regex

NEAR_MISS_RATIO = 0.8
_NOT_WORD = regex.compile(r"[^0-9a-z]+")


def fold_title(title: str) -> str:
    """Titles compare without regard to case and spacing."""
    return " ".join(title.casefold().split())


def title_skeleton(title: str) -> str:
    """Only the letters and digits of a casefolded title, `&` read as `and`."""
    return _NOT_WORD.sub("", title.casefold().replace("&", "and"))


def closest_title(title: str, candidates: list[str]) -> str | None:
    """The one candidate `title` is a near miss of, or None (no match, or a tie)."""
    from difflib import SequenceMatcher  # here: a clean dossier never needs it

    wanted = title_skeleton(title)
    scored = []
    for candidate in candidates:
        normal, absent = _profile(candidate)
        # Upper bounds of the ratio first (as difflib.get_close_matches does), so that
        # a dossier with 100,000 headings does not pay a full comparison for each: a
        # candidate below the cut-off can be neither the answer nor tie with it.
        total = len(wanted) + len(normal)
        shared = min(len(wanted) - len(wanted.translate(absent)), len(normal))
        if total and 2.0 * shared / total < NEAR_MISS_RATIO:
            continue
        matcher = SequenceMatcher(None, wanted, normal)
        if matcher.quick_ratio() >= NEAR_MISS_RATIO:
            scored.append((matcher.ratio(), candidate))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < NEAR_MISS_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


@functools.lru_cache(maxsize=256)
def _profile(candidate: str) -> tuple[str, dict[int, None]]:
    """A candidate's title skeleton, and a table deleting the characters it has."""
    normal = title_skeleton(candidate)
    return normal, dict.fromkeys(map(ord, normal))


def closest_word(value: str, vocabulary: tuple[str, ...]) -> str | None:
    """The one vocabulary word `value` is a near miss of, or None.

    A close match by similarity (`encyclopaedia`), or one typing slip away -
    a letter changed, added, dropped or two swapped (`Hihg`) - which a
    similarity ratio misses in short words.
    """
    if len(value) > 2 * max(map(len, vocabulary)):  # too long to be a slip; keeps it cheap
        return None
    hint = closest_title(value, list(vocabulary))
    if hint:
        return hint
    folded = value.casefold()
    close = [word for word in vocabulary if _one_slip_apart(folded, word.casefold())]
    return close[0] if len(close) == 1 else None


def _one_slip_apart(a: str, b: str) -> bool:
    """Whether a and b differ by one substitution, insertion, deletion or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 3:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        if a[start + 1 :] == b[start + 1 :]:  # one letter changed
            return True
        swapped = a[start] == b[start + 1] and a[start + 1] == b[start]
        return swapped and a[start + 2 :] == b[start + 2 :]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[start:] == longer[start + 1 :]


@functools.lru_cache(maxsize=256)
def similar(
    wanted: str, candidates: frozenset[str] | tuple[str, ...], cutoff: float = NEAR_MISS_RATIO
) -> tuple[str, ...]:
    """Up to three candidates similar to `wanted`, best first (difflib's ratio >= `cutoff`).

    Cached: across a collection the same red link (a planned dossier) recurs,
    and each search compares it with every candidate. A candidate whose lengths or
    letters bound its ratio below `cutoff` is left out first, as `get_close_matches`
    would leave it out: when none is left (an unknown tag like no house tag, a red
    link in a project of one dossier), difflib is not even imported.
    """
    table = _candidate_table(candidates)
    shared = [0] * len(table.ordered)  # letters each candidate has in common with `wanted`
    for letter, count in Counter(wanted).items():
        shared = list(map(operator.add, shared, table.column(letter, count)))
    kept = _within_bound(wanted, table, shared, cutoff)
    if not kept:
        return ()
    import difflib  # here, not at the top: most runs never need a suggestion

    return tuple(difflib.get_close_matches(wanted, kept, n=3, cutoff=cutoff))


class _CandidateTable:
    """The candidates in order with their lengths, and per letter and count the
    columns that bound their letters in common with a word.

    The letters two strings have in common (as a multiset) bound difflib's ratio
    (`quick_ratio`); counted candidate by candidate with a `Counter` each, they
    cost 14 ms a search among 2,000 slugs. By columns, each made once per process
    and added for the letters of the word, a search costs about 1 ms.
    """

    __slots__ = ("_columns", "lengths", "ordered")

    def __init__(self, candidates: frozenset[str] | tuple[str, ...]) -> None:
        self.ordered = sorted(candidates)
        self.lengths = [len(candidate) for candidate in self.ordered]
        self._columns: dict[tuple[str, int], list[int]] = {}

    def column(self, letter: str, most: int) -> list[int]:
        """How many times each candidate holds `letter`, counted up to `most`."""
        column = self._columns.get((letter, most))
        if column is None:
            letters = itertools.repeat(letter)
            if most == 1:  # whether each holds it (True adds as 1): most letters of a word
                column = list(map(operator.contains, self.ordered, letters))
            else:
                column = list(
                    map(min, map(str.count, self.ordered, letters), itertools.repeat(most))
                )
            self._columns[letter, most] = column
        return column


@functools.lru_cache(maxsize=8)
def _candidate_table(candidates: frozenset[str] | tuple[str, ...]) -> _CandidateTable:
    return _CandidateTable(candidates)


def _within_bound(
    wanted: str, table: _CandidateTable, shared: list[int], cutoff: float
) -> list[str]:
    """The candidates whose ratio with `wanted` may reach `cutoff`, `shared` being the
    letters each has in common with it: their bound (difflib's `quick_ratio`, which
    is never above `real_quick_ratio`'s, since letters in common are at most the
    shorter length), worked out as difflib does and in C (a loop cost half the search)."""
    if not wanted:  # 0 letters in common: only an empty candidate (ratio 1.0) is kept
        return [candidate for candidate in table.ordered if not candidate]
    lengths = map(operator.add, table.lengths, itertools.repeat(len(wanted)))
    bounds = map(operator.truediv, map(operator.mul, itertools.repeat(2.0), shared), lengths)
    return list(
        itertools.compress(table.ordered, map(operator.ge, bounds, itertools.repeat(cutoff)))
    )
