"""The engine: select the rules, run them on one file, apply suppressions, order findings."""

from __future__ import annotations

import bisect
import datetime
import fnmatch
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from dossierlint.collection_index import Collection
from dossierlint.config import Config
from dossierlint.decoding import decode
from dossierlint.errors import UsageError
from dossierlint.findings import SEVERITIES, Finding, Problem
from dossierlint.houserules import HouseRules
from dossierlint.parse import Directive, parse
from dossierlint.records import Record, field
from dossierlint.rules import REGISTRY
from dossierlint.rules.base import Context, Rule

if TYPE_CHECKING:
    from dossierlint.claims import SnapshotText

UNUSED_SUPPRESSION, NOT_UTF8, EMPTY_FILE = "DL001", "DL002", "DL003"
COUNT_OPTION_RANGE = (0, 1000)
"""Bounds of every whole-number rule option (they count sources): `new` writes that many."""


class RuleSet(Record):
    """The rules a run applies, with their settled severities and options."""

    rules: list[Rule]
    severity: dict[str, str]
    options: dict[str, Any]
    per_file_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(rule.code for rule in self.rules)

    def ignored_for(self, relative_path: str) -> frozenset[str]:
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(relative_path, pattern):
                ignored |= codes
        return frozenset(ignored)


def expand_selectors(selectors: Iterable[str], where: str) -> set[str]:
    """Codes matched by selectors: `ALL`, a code, a prefix (`DL1`), or a rule name.

    `ALL` leaves out the rules that are off by default; any other selector
    that matches one turns it on.
    """
    codes: set[str] = set()
    by_name = {rule.name: code for code, rule in REGISTRY.items()}
    for selector in selectors:
        if not selector.strip():
            raise UsageError(f"{where}: an empty rule selector would match every rule")
        if selector.upper() == "ALL":
            codes |= {code for code, rule in REGISTRY.items() if rule.default}
        elif selector in by_name:
            codes.add(by_name[selector])
        else:
            matched = {code for code in REGISTRY if code.startswith(selector.upper())}
            if not matched:
                raise UsageError(f"{where}: {selector!r} matches no rule (see 'dossierlint rules')")
            codes |= matched
    return codes


def build_ruleset(
    config: Config, select: list[str] | None = None, ignore: list[str] | None = None
) -> RuleSet:
    """Settle which rules run: the command line overrides the config file."""
    where = str(config.source or "configuration")
    selected = expand_selectors(
        *((select, "--select") if select else (config.select or ["ALL"], where))
    )
    selected -= expand_selectors(
        *((ignore, "--ignore") if ignore is not None else (config.ignore, where))
    )
    severity = {code: rule.severity for code, rule in REGISTRY.items()}
    for selector, level in config.severity.items():
        if level not in SEVERITIES:
            raise UsageError(
                f"{where}: severity of {selector} must be one of {', '.join(SEVERITIES)}"
            )
        for code in expand_selectors([selector], where):
            severity[code] = level
    per_file = [
        (pattern, frozenset(expand_selectors(codes, where)))
        for pattern, codes in config.per_file_ignores.items()
    ]
    return RuleSet(
        rules=[REGISTRY[code] for code in sorted(selected)],
        severity=severity,
        options=_settle_options(config.options, where),
        per_file_ignores=per_file,
    )


def _settle_options(given: dict[str, Any], where: str) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for rule in REGISTRY.values():
        defaults.update(rule.options)
    for name, value in given.items():
        if name not in defaults:
            raise UsageError(
                f"{where}: unknown option {name!r} (known: {', '.join(sorted(defaults))})"
            )
        if type(value) is not type(defaults[name]):
            expected = type(defaults[name]).__name__
            raise UsageError(f"{where}: option {name!r} must be of type {expected}")
        low, high = COUNT_OPTION_RANGE
        if type(value) is int and not low <= value <= high:
            raise UsageError(f"{where}: option {name!r} must be from {low} to {high}")
    return {**defaults, **given}


class FileJob(Record):
    """One file to lint: where to report it and what the rules may consult."""

    path: str
    """The path as reported."""
    relative_path: str
    """The path relative to the project root, for per-file ignores."""
    slug: str
    data: bytes


def lint_bytes(
    job: FileJob,
    ruleset: RuleSet,
    house_rules: HouseRules,
    collection: Collection | None = None,
    today: datetime.date | None = None,
    config: Config | None = None,
    snapshots: Mapping[str, SnapshotText] | None = None,
) -> list[Finding]:
    """Every finding for one file, suppressions applied, in line order."""
    ctx = file_context(job, ruleset, house_rules, collection, today, config, snapshots)
    return lint_context(ctx, job, ruleset)


def file_context(
    job: FileJob,
    ruleset: RuleSet,
    house_rules: HouseRules,
    collection: Any = None,
    today: datetime.date | None = None,
    config: Config | None = None,
    snapshots: Mapping[str, SnapshotText] | None = None,
) -> Context:
    """The parsed file and what the rules read beside it; a caller that shows more
    than findings (the HTML report) reads the rules' derived values from it afterwards."""
    decoded = decode(job.data)
    text = decoded.text if decoded.text is not None else ""
    ctx = Context(
        path=job.path,
        parsed=parse(text, job.slug, house_rules),
        house_rules=house_rules,
        options=ruleset.options,
        today=today or datetime.date.today(),
        collection=collection,
        config=config,
        decode_problems=decoded.problems,
        decoded=decoded.text is not None,
        snapshots=snapshots,
    )
    return ctx


def lint_context(ctx: Context, job: FileJob, ruleset: RuleSet) -> list[Finding]:
    """Every finding for the file of `ctx`, suppressions applied, in line order."""
    parsed = ctx.parsed
    ignored = ruleset.ignored_for(job.relative_path)
    rules = [rule for rule in ruleset.rules if rule.code not in ignored]
    findings = _run_rules(ctx, [r for r in rules if r.code == NOT_UTF8], ruleset)
    if ctx.decoded:
        findings += _run_rules(ctx, [r for r in rules if r.code == EMPTY_FILE], ruleset)
        if parsed.document.has_text():
            later = [r for r in rules if r.code not in (NOT_UTF8, EMPTY_FILE, UNUSED_SUPPRESSION)]
            findings += _run_rules(ctx, later, ruleset)
    findings, unused = _apply_suppressions(findings, parsed.document.directives, ruleset.codes)
    if unused and any(rule.code == UNUSED_SUPPRESSION for rule in rules):
        ctx.unused_suppressions = unused
        findings += _run_rules(ctx, [REGISTRY[UNUSED_SUPPRESSION]], ruleset)
    findings.sort(key=Finding.sort_key)
    return findings


def _run_rules(ctx: Context, rules: list[Rule], ruleset: RuleSet) -> list[Finding]:
    findings = []
    for rule in rules:
        severity = ruleset.severity[rule.code]
        for problem in rule.check(ctx):
            findings.append(
                Finding(
                    ctx.path,
                    problem.line,
                    problem.column,
                    rule.code,
                    problem.severity or severity,
                    problem.message,
                    problem.fix,
                )
            )
    return findings


def _apply_suppressions(
    findings: list[Finding], directives: list[Directive], enabled: frozenset[str]
) -> tuple[list[Finding], list[Problem]]:
    """Drop suppressed findings; return the suppressions that silenced nothing."""
    if not directives:
        return findings, []
    scopes = _suppression_scopes(directives)
    index = _ScopeIndex(scopes)
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hit = index.first_covering(finding) if finding.code != UNUSED_SUPPRESSION else None
        if hit is None:
            kept.append(finding)
        else:
            used.add((hit.directive_line, hit.code or "*"))
    return kept, _unused(scopes, used, enabled)


class _Scope(Record, hash=True):
    directive_line: int
    code: str | None
    first: int
    last: int


class _ScopeIndex:
    """Finds the first scope (in directive order) that covers a finding, looking only at
    the scopes of its code and line: a file of many suppressions stays linear.

    A `disable-next-line` scope covers one line: it is found by (code, line). The
    blocks of one code never overlap (a second `disable` of an open code is
    ignored), so the one that may hold a line is found by bisection.
    """

    def __init__(self, scopes: list[_Scope]) -> None:
        self.lines: dict[tuple[str | None, int], int] = {}
        blocks: dict[str | None, list[tuple[int, int, int]]] = {}
        for position, scope in enumerate(scopes):
            if scope.first == scope.last and scope.first == scope.directive_line + 1:
                self.lines.setdefault((scope.code, scope.first), position)
            else:
                blocks.setdefault(scope.code, []).append((scope.first, scope.last, position))
        self.blocks = {code: sorted(spans) for code, spans in blocks.items()}
        self.starts = {code: [span[0] for span in spans] for code, spans in self.blocks.items()}
        self.scopes = scopes

    def first_covering(self, finding: Finding) -> _Scope | None:
        positions = [
            position
            for code in (finding.code, None)
            for position in (self.lines.get((code, finding.line)), self._block(code, finding.line))
            if position is not None
        ]
        return self.scopes[min(positions)] if positions else None

    def _block(self, code: str | None, line: int) -> int | None:
        starts = self.starts.get(code)
        if not starts:
            return None
        at = bisect.bisect_right(starts, line) - 1
        if at < 0:
            return None
        first, last, position = self.blocks[code][at]
        return position if first <= line <= last else None


def _suppression_scopes(directives: list[Directive]) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_blocks: dict[str | None, Directive] = {}
    for directive in directives:
        codes: list[str | None] = list(directive.codes) or [None]
        for code in codes:
            if directive.kind == "disable-next-line":
                scopes.append(_Scope(directive.line, code, directive.line + 1, directive.line + 1))
            elif directive.kind == "disable":
                open_blocks.setdefault(code, directive)
            elif code in open_blocks:
                start = open_blocks.pop(code)
                scopes.append(_Scope(start.line, code, start.line, directive.line))
    scopes += [_Scope(d.line, code, d.line, 1 << 30) for code, d in open_blocks.items()]
    return scopes


def _unused(
    scopes: list[_Scope], used: set[tuple[int, str]], enabled: frozenset[str]
) -> list[Problem]:
    problems = []
    for scope in scopes:
        if (scope.directive_line, scope.code or "*") in used:
            continue
        if scope.code is None:
            message = "suppression comment silences nothing"
        elif scope.code not in REGISTRY:
            message = f"suppression names {scope.code}, which is not a rule"
        elif scope.code not in enabled:
            continue
        else:
            message = f"suppression of {scope.code} silences nothing"
        problems.append(Problem(scope.directive_line, 1, message))
    return problems
