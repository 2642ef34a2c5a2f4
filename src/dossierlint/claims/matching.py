"""Matching a dossier's claims against the source texts it cites.

A claim is SUPPORTED when a cited source states a value that agrees with it
about the same subject; CONTRADICTED only when a source says something of the
same person or event, with the same kind of predicate (`executed`/`shot`,
`born`, `signed`, ...), with a precise value of the same kind that cannot be
the claim's, and when no sentence of any cited source that names that person
or event states the claim's value at all; otherwise UNSUPPORTED.

A false "contradicted" teaches users to ignore the rule, so the test for it is
narrow: the shared name must be specific to the source (a name in more than
`UBIQUITOUS_SHARE` of a source's sentences, such as the article's own subject,
identifies nothing but that person's birth and death), both values must be
precise (a decade, `by 1932`, `over 100,000` never contradict), and two figures
must count the same thing over the same period.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from dossierlint import regex
from dossierlint.claims import SnapshotText
from dossierlint.claims.extract import DATE, Claim, Value, extract
from dossierlint.claims.words import capitalised, clean, may_hold_value, sentences
from dossierlint.records import Record, field

SUPPORTED, CONTRADICTED, UNSUPPORTED = "supported", "contradicted", "unsupported"
UBIQUITOUS_SHARE = 0.08
UBIQUITOUS_MIN = 5
"""A name is too common to identify anything when it is in more than this many
sentences and more than UBIQUITOUS_SHARE of them."""
_VALUE_FIELDS = 4
"""Kind, low, high and precise: what a lookup tests a stored claim's value by."""
_MIN_SHARED_WORDS = 2
_PROSE_WORDS = 6
BOILERPLATE_PROSE_SHARE = 0.25
MIN_PROSE_CHARS = 200


def _anything(value: Value) -> bool:
    return True


class SourceIndex:
    """A source text's claims, indexed by name and word (built once per snapshot per run).

    The tables hold positions into `claims`. An index loaded from the cache
    (`from_rows`) keeps each claim as its stored row, a JSON text, until a lookup
    reaches it, and the claims' values apart, in one flat list: a lookup drops
    most candidates on their value alone. Loading twelve snapshots' indexes is
    then a JSON parse of strings and numbers (nested rows took 27 ms), and only
    the claims whose value and names can match the dossier's are built.
    """

    def __init__(self, text: str) -> None:
        self.sentences: list = []
        """Rows of (text, names, words) that stored claims refer to (loaded indexes only)."""
        self.claims: list[Claim | list | None] = []
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.name_sentences: dict[str, int] = defaultdict(int)
        self.sentence_count = 0
        self.stored_values: list = []
        """Kind, low, high and precise of each stored claim's value, in a row (loaded indexes)."""
        self.values: dict[int, Value] = {}
        """Those values read (`_value_at`), by position: enough to test them, without their
        text."""
        self.problem = _text_problem(text)
        """`text_problem` of the text, kept with the index."""
        for sentence in sentences(clean(text)):
            self.sentence_count += 1
            for name in capitalised(sentence):
                self.name_sentences[name] += 1
            if not may_hold_value(sentence):
                continue
            for claim in extract(sentence):
                position = len(self.claims)
                self.claims.append(claim)
                for name in claim.names:
                    self.by_name[name].append(position)
                for word in claim.words:
                    self.by_word[word].append(position)

    def specific(self, name: str) -> bool:
        """Whether a name identifies something in this source (is not everywhere in it)."""
        count = self.name_sentences.get(name, 0)
        return count > 0 and not (
            count > UBIQUITOUS_MIN and count > UBIQUITOUS_SHARE * self.sentence_count
        )

    def rarest(self, candidates: Iterable[str]) -> str | None:
        """The name of `candidates` in the fewest sentences, if it is specific to the source."""
        present = [name for name in candidates if self.name_sentences.get(name)]
        if not present:
            return None
        rarest = min(present, key=lambda name: (self.name_sentences[name], name))
        return rarest if self.specific(rarest) else None

    def named(self, name: str, accept: Callable[[Value], bool] = _anything) -> Iterator[Claim]:
        """The source's claims whose sentence names `name`, those whose value `accept`s."""
        return self._at(self._accepted(self.by_name.get(name, ()), accept))

    def named_values(self, name: str) -> Iterator[Value]:
        """The values of the source's claims whose sentence names `name` (no claim built)."""
        for position in self.by_name.get(name, ()):
            value = self._value_at(position)
            if value is not None:
                yield value

    def candidates(
        self, claim: Claim, accept: Callable[[Value], bool] = _anything
    ) -> Iterator[Claim]:
        """Source claims that share a name (or, for a claim with no names, a word) with it,
        those whose value `accept`s."""
        keys = claim.names or claim.words
        table = self.by_name if claim.names else self.by_word
        seen: set[int] = set()
        for key in keys:
            fresh = [p for p in table.get(key, ()) if p not in seen]
            seen.update(fresh)
            yield from self._at(self._accepted(fresh, accept))

    def _accepted(
        self, positions: Iterable[object], accept: Callable[[Value], bool]
    ) -> Iterator[object]:
        """The positions whose claim's value `accept`s: a lookup drops most candidates on
        their value, and a loaded index then builds only the claims it keeps."""
        if accept is _anything:
            yield from positions
            return
        for position in positions:
            value = self._value_at(position)
            if value is not None and accept(value):
                yield position

    def _value_at(self, position: object) -> Value | None:
        """The value of the claim at `position`, read from a stored row without building the
        claim; None when there is no such claim or its value is not of the stored shape."""
        claims = self.claims
        if type(position) is not int or not 0 <= position < len(claims):
            return None
        claim = claims[position]
        if claim is None:
            return None
        if isinstance(claim, Claim):
            return claim.value
        value = self.values.get(position)
        if value is None:
            at = _VALUE_FIELDS * position
            try:
                value = _value_from_row([*self.stored_values[at : at + _VALUE_FIELDS], "", 0])
            except ValueError:
                return None
            self.values[position] = value
        return value

    def _at(self, positions: Iterable[object]) -> Iterator[Claim]:
        """The claims at `positions`, each built from its stored row on first use; a
        position or row not of the shape `to_rows` writes is skipped (a damaged cache
        costs a claim, never a crash)."""
        claims = self.claims
        for position in positions:
            if type(position) is not int or not 0 <= position < len(claims):
                continue
            claim = claims[position]
            if claim is not None and not isinstance(claim, Claim):
                try:
                    claim = self._claim_from_row(claim)
                except (ValueError, TypeError, RecursionError):
                    claim = None
                claims[position] = claim
            if claim is not None:
                yield claim

    def _claim_from_row(self, row: object) -> Claim:
        """The claim `_claim_row` wrote (as JSON text); ValueError or TypeError if it is not
        of that shape."""
        if not isinstance(row, str):
            raise TypeError("not a stored claim")
        number, heads, first, predicate, value, counted, period, life = _list(json.loads(row))
        if type(number) is not int or not 0 <= number < len(self.sentences):
            raise ValueError("bad sentence number")
        sentence = self.sentences[number]
        if type(sentence) is not tuple:
            text, names, words = _list(sentence)
            if not isinstance(text, str):
                raise ValueError("bad sentence")
            sentence = self.sentences[number] = (text, _words(names), _words(words))
        if not (predicate is None or isinstance(predicate, str)):
            raise ValueError("bad claim")
        if type(counted) is not bool or type(life) is not bool:
            raise ValueError("bad claim flags")
        period_values = tuple(_value_from_row(item) for item in _list(period))
        text, names, words = sentence
        return Claim(
            text,
            names,
            _words(heads),
            _words(first),
            words,
            predicate,
            _value_from_row(value),
            counted,
            period_values,
            life,
        )

    def to_rows(self) -> dict:
        """The index as plain JSON data: each sentence once (its text, names and words,
        shared by its claims), each claim once, tables as positions into the claims."""
        for _ in self._at(range(len(self.claims))):
            pass  # a loaded index's rows number its old sentences: build them all first
        sentences: dict[tuple, int] = {}
        claims: list[str | None] = []
        values: list[object] = []
        for claim in self.claims:
            if isinstance(claim, Claim):
                key = (claim.sentence, claim.names, claim.words)
                row = _claim_row(claim, sentences.setdefault(key, len(sentences)))
                claims.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
                value = claim.value
                values += (value.kind, value.low, value.high, value.precise)
            else:
                claims.append(None)  # a row that did not load: its positions find nothing
                values += (None, None, None, None)
        return {
            "sentences": [[text, sorted(names), sorted(words)] for text, names, words in sentences],
            "claims": claims,
            "values": values,
            "by_name": self.by_name,
            "by_word": self.by_word,
            "name_sentences": self.name_sentences,
            "sentence_count": self.sentence_count,
            "problem": self.problem,
        }

    @classmethod
    def from_rows(cls, rows: object) -> SourceIndex:
        """The index `to_rows` wrote; ValueError unless its frame is of that shape (its
        claims are checked when a lookup first reaches them)."""
        if not isinstance(rows, dict):
            raise ValueError("not an index")
        index = cls.__new__(cls)
        index.sentences = _list(rows.get("sentences"))
        index.claims = _list(rows.get("claims"))
        index.stored_values = _list(rows.get("values"))
        if len(index.stored_values) != _VALUE_FIELDS * len(index.claims):
            raise ValueError("values do not match the claims")
        index.values = {}
        index.by_name = _table(rows.get("by_name"))
        index.by_word = _table(rows.get("by_word"))
        counts = rows.get("name_sentences")
        if not isinstance(counts, dict) or not all(type(v) is int for v in counts.values()):
            raise ValueError("bad name counts")
        index.name_sentences = counts
        index.sentence_count = rows.get("sentence_count")
        if type(index.sentence_count) is not int:
            raise ValueError("bad sentence count")
        index.problem = rows.get("problem")
        if index.problem not in (None, "empty", "boilerplate"):
            raise ValueError("bad text problem")
        return index


def _value_row(value: Value) -> list:
    return [value.kind, value.low, value.high, value.precise, value.text, value.column]


def _claim_row(claim: Claim, sentence: int) -> list:
    sets = [sorted(claim.heads), sorted(claim.first)]
    value, period = _value_row(claim.value), [_value_row(v) for v in claim.period]
    return [sentence, *sets, claim.predicate, value, claim.counted, period, claim.life]


def _list(rows: object) -> list:
    if not isinstance(rows, list):
        raise ValueError("not a list")
    return rows


def _words(rows: object) -> frozenset[str]:
    if not all(isinstance(word, str) for word in _list(rows)):
        raise ValueError("not a list of words")
    return frozenset(rows)  # type: ignore[arg-type]


def _number(value: object) -> bool:
    return type(value) is int or type(value) is float


def _value_from_row(row: object) -> Value:
    kind, low, high, precise, text, column = _list(row)
    numbers_ok = _number(low) and _number(high) and type(column) is int
    if not (isinstance(kind, str) and isinstance(text, str) and type(precise) is bool):
        raise ValueError("bad value")
    if not numbers_ok:
        raise ValueError("bad value bounds")
    return Value(kind, low, high, precise, text, column)


def _table(rows: object) -> dict[str, list]:
    if not isinstance(rows, dict) or not all(type(p) is list for p in rows.values()):
        raise ValueError("not a table")
    return rows


_MAX_INDEXES = 1024
_INDEXES: dict[str, SourceIndex] = {}
"""Indexes by `text_key` of their text: built once per run, or loaded from the results cache."""


def text_key(text: str) -> str:
    """A digest of a source text, the key its index is kept under."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def index_of(text: str) -> SourceIndex:
    """The index of a source text; the same text is indexed once per run."""
    key = text_key(text)
    index = _INDEXES.get(key)
    if index is None and _DEFERRED:
        remember_indexes(_DEFERRED.pop()())
        index = _INDEXES.get(key)
    if index is None:
        if len(_INDEXES) >= _MAX_INDEXES:  # a long-lived process must not grow without end
            _INDEXES.clear()
        index = _INDEXES[key] = SourceIndex(text)
    return index


def known_indexes() -> dict[str, SourceIndex]:
    """The indexes built or loaded so far, by text key (for the results cache to keep)."""
    return dict(_INDEXES)


def remember_indexes(indexes: dict[str, SourceIndex]) -> None:
    """Indexes built by an earlier run (the results cache), by text key."""
    _INDEXES.update(indexes)


_DEFERRED: list[Callable[[], dict[str, SourceIndex]]] = []
"""At most one loader of the indexes an earlier run built (`defer_indexes`)."""


def defer_indexes(load: Callable[[], dict[str, SourceIndex]]) -> None:
    """The indexes an earlier run built, to be loaded by `load` when a text is first
    indexed: not at all when every line's verdicts are known (`remember_verdicts`)."""
    _DEFERRED[:] = [load]


_MAX_VERDICTS = 20_000
_VERDICTS: dict[str, list] = {}
"""Verdict rows (`_verdict_row`) by `_line_key`, in the order they were last used."""
_PROBLEMS: dict[str, str | None] = {}
"""`text_problem` by `text_key`."""


def remember_verdicts(rows: dict[str, list], problems: dict[str, str | None]) -> None:
    """Verdicts and text problems an earlier run found (the cache); a row is checked
    when it is used."""
    _VERDICTS.update(rows)
    _PROBLEMS.update(problems)


def known_verdicts() -> tuple[dict[str, list], dict[str, str | None]]:
    """The verdict rows (the most recently used, up to _MAX_VERDICTS lines) and text
    problems known so far, for the cache to keep."""
    kept = dict(list(_VERDICTS.items())[-_MAX_VERDICTS:])
    return kept, dict(_PROBLEMS)


class Evidence(Record, frozen=True):
    source: SnapshotText
    sentence: str
    value: Value


class Verdict(Record, frozen=True):
    status: str
    claim: Claim
    evidence: Evidence | None = None


def judge(
    claim: Claim,
    indexed: list[tuple[SnapshotText, SourceIndex]],
    context: frozenset[str] = frozenset(),
) -> Verdict:
    """The verdict on one dossier claim against indexed sources; `context` are the
    names of its heading or label."""
    for source, index in indexed:
        support = _support(claim, index, context)
        if support is not None:
            return Verdict(SUPPORTED, claim, Evidence(source, support.sentence, support.value))
    for source, index in indexed:
        conflict = _conflict(claim, index)
        if conflict is not None and not any(_states(claim, i, conflict[1]) for _, i in indexed):
            evidence = Evidence(source, conflict[0].sentence, conflict[0].value)
            return Verdict(CONTRADICTED, claim, evidence)
    return Verdict(UNSUPPORTED, claim)


def _support(claim: Claim, index: SourceIndex, context: frozenset[str]) -> Claim | None:
    """A source claim that states the claim's value about the same subject."""
    subject = claim.names | context
    for other in index.candidates(
        _with_names(claim, subject), functools.partial(_stating, claim.value)
    ):
        if claim.predicate and other.predicate and claim.predicate != other.predicate:
            continue
        if _same_subject(claim, other, subject, index):
            return other
    return None


def _same_subject(claim: Claim, other: Claim, subject: frozenset[str], index: SourceIndex) -> bool:
    """Whether a source clause that states the claim's value speaks of the same thing.

    A shared name the source does not use everywhere is enough when the
    predicates do not differ; a name it uses everywhere (the article's own
    subject) needs shared words or a same-predicate, sharp value; a day or an
    exact figure with the same predicate needs nothing more.
    """
    shared = subject & other.names
    words = len((claim.words & other.words) - shared)
    same_predicate = claim.predicate is not None and claim.predicate == other.predicate
    sharp = _sharp(claim.value)
    if claim.value.kind != DATE and not (words or same_predicate):
        return False  # a figure must share what it counts
    if same_predicate and sharp:
        return True
    if any(index.specific(name) for name in shared):
        return same_predicate or sharp or words >= 1 or claim.predicate is None
    if shared:
        return words >= _MIN_SHARED_WORDS or (same_predicate and words >= 1)
    return words >= _MIN_SHARED_WORDS and (same_predicate or claim.predicate is None)


_SHARP_DAYS = 31
_SHARP_DIGITS = 2


def _sharp(value: Value) -> bool:
    """A day or a month, or a figure of two significant digits or more: rarely a coincidence."""
    if value.kind == DATE:
        return value.high - value.low <= _SHARP_DAYS + 26
    digits = "".join(c for c in value.text if c.isdigit()).rstrip("0")
    return len(digits) >= _SHARP_DIGITS


def _with_names(claim: Claim, subject: frozenset[str]) -> Claim:
    return claim if subject == claim.names else claim._replace(names=subject)


def _conflict(claim: Claim, index: SourceIndex) -> tuple[Claim, str] | None:
    """A source claim on the same subject and predicate whose precise value excludes the claim's.

    The subject is the claim's rarest name in the source (`Yezhov` rather than
    `NKVD` in "NKVD head Yezhov"): the source clause must name it. A name the
    source uses everywhere (its own subject) qualifies only for what happens to
    a person once, birth and death, and only as the first name of both clauses.
    """
    if claim.predicate is None or not claim.value.precise:
        return None
    subject = index.rarest(claim.heads)
    if subject is None:
        subject = next((n for n in sorted(claim.first & claim.heads) if _lived(n, claim)), None)
    if subject is None:
        return None
    specific = index.specific(subject)
    for other in index.named(subject, functools.partial(_excludes, claim.value)):
        if subject not in other.heads and subject not in other.first:
            continue
        if other.predicate != claim.predicate:
            continue
        if not specific and not ((other.life and subject in other.first) or _lived(subject, other)):
            continue
        if claim.value.kind != DATE and not _same_count(claim, other):
            continue
        return other, subject
    return None


def _stating(value: Value, other: Value) -> bool:
    return other.states(value)


def _excludes(value: Value, other: Value) -> bool:
    """A precise value of the same kind that cannot be `value`."""
    return other.precise and other.kind == value.kind and not other.agrees(value)


def _lived(name: str, claim: Claim) -> bool:
    """The claim says that the person `name` was born or died (`Hitler died`, `Mao's birth`).

    What happens to a person once can be checked even when the source names
    that person everywhere; a killing verb cannot (`Stalin called to liquidate`).
    """
    if claim.predicate not in ("birth", "death") or name not in claim.first:
        return False
    pattern = _LIVED.get(name)
    if pattern is None:
        pattern = _LIVED[name] = regex.compile(
            rf"\b{re.escape(name)}(?:['’]s)?(?:[ \t]+\w+){{0,2}}?[ \t]+(?:died|dies|death|was born|born|birth)\b",
            re.IGNORECASE,
        )
    return pattern.search(claim.sentence) is not None


_LIVED: dict[str, re.Pattern[str]] = {}


def _same_count(claim: Claim, other: Claim) -> bool:
    """Two figures count the same thing over the same period.

    The period is the clauses' dates: both undated, or dated alike (a toll for
    one year is not the toll of a decade). The thing counted is a shared word
    beyond the names, or the same predicate written after both figures
    (`... died`).
    """
    if bool(claim.period) != bool(other.period):
        return False
    if claim.period and not any(a.agrees(b) for a in claim.period for b in other.period):
        return False
    counted = (claim.words & other.words) - claim.names - other.names
    return bool(counted) or (claim.counted and other.counted)


def _states(claim: Claim, index: SourceIndex, subject: str) -> bool:
    """Whether a source gives the claim's value in any sentence naming the subject.

    Any predicate counts, and any value within a few years (`1936-1938`): a
    contradiction is reported only when the source is silent on the value.
    """
    return any(
        other.precise and other.agrees(claim.value) and other.high - other.low <= _STATING_SPAN
        for other in index.named_values(subject)
    )


_STATING_SPAN = 3 * 366 + 26


class Coverage(Record, frozen=True):
    """How many of a dossier's dated and numbered claims its cited snapshots bear out.

    Counted by line: a prose line with a precise date or figure is one claim,
    supported when a cited snapshot states one of its values of its subject,
    contradicted as DL601 reports it.
    """

    claims: int
    supported: int
    contradicted: int

    @property
    def share(self) -> float:
        """The supported share of the claims (0.0 for a dossier without any)."""
        return self.supported / self.claims if self.claims else 0.0


class LineClaims(Record):
    """A dossier line's claims and the names of the heading or label it sits under."""

    line: int
    text: str
    claims: list[Claim]
    context: frozenset[str] = field(default_factory=frozenset)


def claim_line(number: int, text: str, context: frozenset[str] = frozenset()) -> LineClaims | None:
    """A dossier line's claims (the precise ones: a decade or `by 1932` claims too little), if any."""
    claims = [claim for claim in extract(text) if claim.value.precise]
    return LineClaims(number, text, claims, context) if claims else None


def verdicts(
    lines: Iterable[LineClaims], sources: list[SnapshotText]
) -> list[tuple[LineClaims, list[Verdict]]]:
    """Each line's verdicts, one per claim.

    A line's verdicts depend only on its text, its context and the sources'
    texts: those an earlier run found (`remember_verdicts`) are taken as they
    are, and the sources are indexed only for a line judged anew. Re-checking an
    edited dossier judges its changed lines only.
    """
    keys = [text_key(source.text) for source in sources]
    indexed: list[tuple[SnapshotText, SourceIndex]] | None = None
    judged = []
    for line in lines:
        key = _line_key(line, keys)
        found = _verdicts_from_rows(_VERDICTS.pop(key, None), line, sources)
        if found is None:
            if indexed is None:
                indexed = [(source, index_of(source.text)) for source in sources]
            found = [judge(claim, indexed, line.context) for claim in line.claims]
        _VERDICTS[key] = [_verdict_row(verdict, sources) for verdict in found]
        judged.append((line, found))
    return judged


def _line_key(line: LineClaims, source_keys: list[str]) -> str:
    parts = [line.text, *sorted(line.context), "", *source_keys]
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


def _verdict_row(verdict: Verdict, sources: list[SnapshotText]) -> list:
    evidence = verdict.evidence
    if evidence is None:
        return [verdict.status]
    at = next(at for at, source in enumerate(sources) if source is evidence.source)
    return [verdict.status, at, evidence.sentence, _value_row(evidence.value)]


def _verdicts_from_rows(
    rows: object, line: LineClaims, sources: list[SnapshotText]
) -> list[Verdict] | None:
    """The verdicts `_verdict_row` stored for the line's claims, or None if the rows are
    not of that shape (the cache file is data from the working tree)."""
    if type(rows) is not list or len(rows) != len(line.claims):
        return None
    found = []
    for row, claim in zip(rows, line.claims, strict=True):
        if type(row) is not list:
            return None
        if row == [UNSUPPORTED]:
            found.append(Verdict(UNSUPPORTED, claim))
            continue
        if len(row) != 4 or row[0] not in (SUPPORTED, CONTRADICTED):
            return None
        status, at, sentence, value = row
        if type(at) is not int or not 0 <= at < len(sources) or type(sentence) is not str:
            return None
        try:
            evidence = Evidence(sources[at], sentence, _value_from_row(value))
        except (ValueError, TypeError):
            return None
        found.append(Verdict(status, claim, evidence))
    return found


def line_status(found: list[Verdict]) -> str:
    """A line's verdict: contradicted if any of its claims is, else supported if any is."""
    statuses = {verdict.status for verdict in found}
    if CONTRADICTED in statuses:
        return CONTRADICTED
    return SUPPORTED if SUPPORTED in statuses else UNSUPPORTED


def coverage_of(judged: Iterable[tuple[LineClaims, list[Verdict]]]) -> Coverage:
    """The coverage of judged lines: each line with a claim counts once."""
    statuses = [line_status(found) for _, found in judged]
    return Coverage(len(statuses), statuses.count(SUPPORTED), statuses.count(CONTRADICTED))


@functools.lru_cache(maxsize=64)
def text_problem(text: str) -> str | None:
    """Why a snapshot's text cannot ground anything: "empty", "boilerplate", or None.

    Kept with the text's index, and by the cache of verdicts (`remember_verdicts`):
    either saves a pass over every line of every snapshot.
    """
    key = text_key(text)
    if key in _PROBLEMS:
        return _PROBLEMS[key]
    index = _INDEXES.get(key)
    problem = _PROBLEMS[key] = index.problem if index is not None else _text_problem(text)
    return problem


def _text_problem(text: str) -> str | None:
    """`text_problem`, worked out.

    Boilerplate: under MIN_PROSE_CHARS of prose (lines of six words or more),
    or prose under BOILERPLATE_PROSE_SHARE of the text (menus, cookie notices,
    link lists that an extractor left in).
    """
    stripped = text.strip()
    if not stripped:
        return "empty"
    lines = stripped.splitlines()
    prose = sum(
        len(line) for line in lines if len(line.split(None, _PROSE_WORDS - 1)) >= _PROSE_WORDS
    )
    if prose < MIN_PROSE_CHARS or prose < BOILERPLATE_PROSE_SHARE * len(stripped):
        return "boilerplate"
    return None
