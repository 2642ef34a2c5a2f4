"""Precision and recall of the grounding matcher on hand-labelled claims.

    python benchmarks/grounding_eval/run.py [tuning.toml|test.toml ...]

Each data file lists sets of dossier-style claim lines, each set against one
source text, every claim labelled supported / contradicted / unsupported by
hand. A line is judged as the rules judge it (`dossierlint.claims`):
contradicted if any of its claims is, else supported if any is. A line with no
precise date or figure is judged unsupported, as the rules leave it alone.
Prints, per file, the confusion table and the precision and recall of
"contradicted" and of "supported"; with -v, every line that was misjudged.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dossierlint.claims.matching import UNSUPPORTED, claim_line, line_status, verdicts

HERE = Path(__file__).parent
LABELS = ("supported", "contradicted", "unsupported")


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    title: str
    text: str


def judge(line: str, source: Source) -> str:
    claims = claim_line(1, line)
    if claims is None:
        return UNSUPPORTED
    [(_, found)] = verdicts([claims], [source])
    return line_status(found)


def evaluate(path: Path, verbose: bool) -> Counter:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table: Counter = Counter()
    for group in data["set"]:
        file = (path.parent / group["source"]).resolve()
        source = Source(
            file.stem, f"file://{file.name}", file.stem, file.read_text(encoding="utf-8")
        )
        for line, label in group["claims"]:
            assert label in LABELS, f"{path}: {line!r}: label {label!r}"
            got = judge(line, source)
            table[label, got] += 1
            if verbose and got != label:
                print(f"  {label:>12} judged {got:<12} {line}  [{file.name}]")
    return table


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f} ({numerator}/{denominator})" if denominator else "n/a"


def report(name: str, table: Counter) -> None:
    print(f"\n{name}: {sum(table.values())} claims")
    print(f"{'labelled/judged':>18} " + " ".join(f"{label:>12}" for label in LABELS))
    for label in LABELS:
        print(f"{label:>18} " + " ".join(f"{table[label, got]:>12}" for got in LABELS))
    for label in ("contradicted", "supported"):
        hits = table[label, label]
        judged = sum(table[other, label] for other in LABELS)
        actual = sum(table[label, other] for other in LABELS)
        print(f"{label:>13}: precision {_ratio(hits, judged)}, recall {_ratio(hits, actual)}")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    names = [arg for arg in argv if arg != "-v"] or ["tuning.toml", "test.toml"]
    total: Counter = Counter()
    for name in names:
        table = evaluate(HERE / name, verbose)
        report(name, table)
        total += table
    if len(names) > 1:
        report("all", total)


if __name__ == "__main__":
    main(sys.argv[1:])
