"""Audit every regular expression in dossierlint for super-linear backtracking.

Finds the patterns generically, so that regexes added later are audited too:
every compiled `re.Pattern` at module level in any `dossierlint` module, and
every `re.compile/search/match/...` or `regex.compile` (`dossierlint.regex`)
call with a literal pattern anywhere in the source (inline ones included). Each
pattern is fed adversarial strings built from the pattern itself: a prefix that
matches the pattern up to each point, then a long run of one character (every
literal and a member of every class the pattern mentions, and some brackets),
then a byte the pattern does not expect; and each matching prefix repeated.
That is the shape of the classic traps: `\\[\\[([^\\]]*)\\]\\]` on `[[[[...`,
`(.*?)\\s*$` on `a      x`, `[a-z]+\\d` on `aaaa...`. Strings are tried with
`findall` (every start position) and `fullmatch`: a pattern meant for `.match`
only should say so with `^`.

Phase one runs every string short (SHORT characters) and keeps the slowest few
per pattern and operation; phase two runs those long (LONG characters). A
linear pattern takes LONG/SHORT times as long; a quadratic one (LONG/SHORT)^2
and fails the bound. An exponential pattern hangs phase one, which is why
benchmarks/hostile.py runs this file in a subprocess with a timeout. Before
auditing, the audit checks itself: it must flag two quadratic traps (`[^\\]]*`
inside `\\[\\[...\\]\\]`, and `(.*?)\\s*$`) and pass the linear form of the first.

    python benchmarks/regex_audit.py     # one JSON object: patterns audited, slow cases
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

import dossierlint
from dossierlint.lazyre import LazyPattern

SHORT = 2_000
LONG = 20_000
KEEP = 3
"""Slowest strings per pattern and operation that phase two re-runs long."""
BOUND = 0.25
"""Seconds one operation on a LONG string may take: linear is under 1 ms there,
quadratic a few seconds."""

_POOL = " \ta0Z.-_*#>|[]()<:/\\!,;=~`'\"+?%@&\n–—≈é\u00a0\ufffd\x00"
_EXTRA_PIECES = ("[", "](", "([", "[[", "((", "**", "| ", "- ", "> ", "<!--", "http://", "a ")
_FAIL = "\x01"
"""Ends every run: a character no pattern expects, so that the match must fail."""
_CALLS = frozenset(
    {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
)
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: re.compile(r"\d"),
    sre_constants.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre_constants.CATEGORY_SPACE: re.compile(r"\s"),
    sre_constants.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre_constants.CATEGORY_WORD: re.compile(r"\w"),
    sre_constants.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre_constants.POSSESSIVE_REPEAT)


@dataclass(frozen=True)
class Found:
    where: str
    pattern: re.Pattern[str]


def discover() -> list[Found]:
    """Every pattern in the dossierlint package: module-level objects and literal calls."""
    found: dict[tuple[str, int], Found] = {}
    for info in pkgutil.walk_packages(dossierlint.__path__, "dossierlint."):
        if info.name.endswith(".__main__"):
            continue  # importing it would run the command line
        module = importlib.import_module(info.name)
        for name, value in list(vars(module).items()):
            if isinstance(value, LazyPattern):
                value = value.compiled()  # compiled on first use in the run: audit it too
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault((value.pattern, value.flags), Found(f"{info.name}.{name}", value))
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        for line, pattern in _literal_patterns(source):
            found.setdefault(
                (pattern.pattern, pattern.flags), Found(f"{info.name}:{line}", pattern)
            )
    return list(found.values())


def _literal_patterns(source: str) -> Iterator[tuple[int, re.Pattern[str]]]:
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("re", "regex")  # regex: dossierlint.regex
            and node.func.attr in _CALLS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        flags = 0
        for argument in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
            if _is_flag_expression(argument):
                flags |= eval(compile(ast.Expression(argument), "<flags>", "eval"), {"re": re})
        yield node.lineno, re.compile(node.args[0].value, flags)


def _is_flag_expression(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _is_flag_expression(node.left) and _is_flag_expression(node.right)
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
        and node.attr.isupper()
    )


# -- adversarial strings ------------------------------------------------------


def _in_set(items: list, char: str) -> bool:
    negate = hit = False
    for op, argument in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            hit |= ord(char) == argument
        elif op is sre_constants.RANGE:
            hit |= argument[0] <= ord(char) <= argument[1]
        elif op is sre_constants.CATEGORY:
            hit |= bool(_CATEGORIES[argument].fullmatch(char)) if argument in _CATEGORIES else False
    return hit != negate


def _members(op, argument) -> list[str]:
    """Pool characters a single-character item matches (for ANY: all but newline)."""
    if op is sre_constants.LITERAL:
        return [chr(argument)]
    if op is sre_constants.NOT_LITERAL:
        return [c for c in _POOL if ord(c) != argument]
    if op is sre_constants.ANY:
        return [c for c in _POOL if c != "\n"]
    if op is sre_constants.IN:
        return [c for c in _POOL if _in_set(argument, c)]
    return []


class _Shape:
    """What the audit learns from a parsed pattern: matching prefixes and characters."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.prefixes: list[str] = [""]
        self.chars: set[str] = set()
        self.literals: set[str] = set()
        self._walk(list(sre_parse.parse(pattern.pattern, pattern.flags)), "")

    def _walk(self, items: list, prefix: str) -> str:
        """Record a cut point after each item; return the witness for `items`."""
        run = ""
        for op, argument in items:
            if op is sre_constants.LITERAL:
                run += chr(argument)
            else:
                if len(run) > 1:
                    self.literals.add(run)
                run = ""
            if op is sre_constants.SUBPATTERN:
                prefix = self._walk(list(argument[-1]), prefix)
            elif op in _REPEATS:
                low, _high, body = argument
                once = self._walk(list(body), prefix)
                prefix += once[len(prefix) :] * min(low, 3)
            elif op is sre_constants.BRANCH:
                witnesses = [self._walk(list(branch), prefix) for branch in argument[1]]
                prefix = witnesses[0]
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                self._walk(list(argument[1]), prefix)
            else:
                members = _members(op, argument)
                self.chars.update(members[:2])
                prefix += members[0] if members else ""
            self.prefixes.append(prefix)
        if len(run) > 1:
            self.literals.add(run)
        return prefix

    def cases(self, size: int) -> Iterator[tuple[str, str]]:
        """(description, string) pairs about `size` characters long."""
        pieces = sorted(self.chars | self.literals | set(_EXTRA_PIECES) | {" ", "a", "0"})
        prefixes = sorted(set(self.prefixes), key=len)[:40]
        for prefix in prefixes:
            if prefix:
                yield f"{prefix!r} * n", prefix * max(1, size // len(prefix)) + _FAIL
            for head in ("", "a"):
                for piece in pieces:
                    run = piece * max(1, size // len(piece))
                    yield f"{prefix!r} + {head!r} + {piece!r} * n", prefix + head + run + _FAIL


# -- timing -------------------------------------------------------------------

_OPERATIONS = {
    "findall": lambda pattern, text: pattern.findall(text),
    "fullmatch": lambda pattern, text: pattern.fullmatch(text),
}


def _time(operation, pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    operation(pattern, text)
    return time.perf_counter() - start


def audit(found: Found) -> list[dict]:
    """The first slow case of one pattern, if any (empty when it is linear on all tried)."""
    shape = _Shape(found.pattern)
    short = dict(shape.cases(SHORT))
    long_cases = dict(shape.cases(LONG))
    slow = []
    for name, operation in _OPERATIONS.items():
        timed = sorted(
            ((_time(operation, found.pattern, text), label) for label, text in short.items()),
            reverse=True,
        )
        for _seconds, label in timed[:KEEP]:
            seconds = _time(operation, found.pattern, long_cases[label])
            if seconds > BOUND:
                slow.append(
                    {
                        "where": found.where,
                        "pattern": found.pattern.pattern,
                        "operation": name,
                        "input": label,
                        "length": len(long_cases[label]),
                        "seconds": round(seconds, 3),
                    }
                )
                return slow
    return slow


TRAPS = (r"\[\[([^\]\n]*)\]\]", r"^\s*\*\*Overall\*\*\s*:\s*(.*?)\s*$")
FIXED_TRAP = r"\[\[([^\[\]\n]*)\]\]"


def self_check() -> list[str]:
    """What the audit gets wrong about patterns whose behaviour is known (nothing, normally)."""
    wrong = [f"missed the trap {p}" for p in TRAPS if not audit(Found("trap", re.compile(p)))]
    if audit(Found("fixed", re.compile(FIXED_TRAP))):
        wrong.append(f"flagged the linear {FIXED_TRAP}")
    return wrong


def main() -> int:
    wrong = self_check()
    if wrong:
        print(json.dumps({"self_check": wrong}), file=sys.stderr)
        return 2
    patterns = discover()
    slow = []
    started = time.perf_counter()
    for found in patterns:
        print(f"auditing {found.where}: {found.pattern.pattern}", file=sys.stderr, flush=True)
        slow += audit(found)
    result = {
        "patterns": sorted(found.where for found in patterns),
        "slow": slow,
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(result, indent=2))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
