"""Precision and recall of the fact rules (DL701-DL708, DL530, DL531) on real texts.

    python benchmarks/facts_eval.py        # a Markdown table

The texts are the bundled reference dossier and the three corpus dossiers of the
test suite (tests/corpus: Uganda under Amin, Cambodia under Pol Pot, Chile under
Pinochet), all checked together as one collection.

* Precision: every fact finding on the true texts is judged here, by hand, as true
  (`TRUE_FINDINGS`: the reference's own disagreements) or false; precision is
  true / all.
* Recall: realistic mistakes (`PLANTED`) are planted one at a time in a copy of the
  collection, each in the dossier named; a mistake is found when the planted
  dossier, checked alone as pre-commit checks it, gets a new finding of the rule
  expected. Recall is found / planted, per rule.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXTS = [
    REPO / "dossiers" / "soviet-union-stalin.md",
    *sorted((REPO / "tests/corpus").glob("*.md")),
]
RULES = ("DL701", "DL702", "DL703", "DL704", "DL705", "DL706", "DL707", "DL708", "DL530", "DL531")
STALIN, AMIN, POL_POT, PINOCHET = (
    "soviet-union-stalin.md",
    "uganda-amin.md",
    "cambodia-pol-pot.md",
    "chile-pinochet.md",
)

TRUE_FINDINGS = {
    # 'Stage 2 (1925-1927)' holds bullets dated January 1928 and February 1929
    (STALIN, 81, "DL707"),
    (STALIN, 82, "DL707"),
    # Gulag deaths 1.5-1.7 million against the Gulag section's 1.2-1.7 million
    (STALIN, 255, "DL708"),
    # dekulakization deaths ~390,000 against 530,000-600,000
    (STALIN, 256, "DL708"),
}

PLANTED = [
    # (rule expected, dossier planted, true text, planted text)
    ("DL701", STALIN, "Joseph Stalin (1878-1953) |", "Joseph Stalin (about 1878-1953) |"),
    ("DL702", AMIN, "2003, aged about 78 (the age", "2003, aged about 68 (the age"),
    ("DL702", AMIN, "at the age of seventy-nine", "at the age of seventy-two"),
    ("DL702", PINOCHET, "at the age of ninety-one", "at the age of eighty-one"),
    (
        "DL702",
        POL_POT,
        "Nuon Chea died on August 4, 2019, aged 93",
        "Nuon Chea died on August 4, 2019, aged 83",
    ),
    (
        "DL703",
        AMIN,
        "Died in Jeddah on August 16, 2003",
        "Died in Jeddah on August 16, 2004",
    ),
    (
        "DL704",
        POL_POT,
        "- **Pol Pot (1925 or 1928-1998)**",
        "- **Pol Pot (1925 or 1928-1997)**",
    ),
    ("DL705", POL_POT, "- **Son Sen (1930-1997)**", "- **Son Sen (1930-1996)**"),
    (
        "DL705",
        PINOCHET,
        "- **Orlando Letelier (1932-1976)**",
        "- **Orlando Letelier (1932-1975)**",
    ),
    ("DL707", STALIN, "- October 1924: Proposed", "- October 1926: Proposed"),
    (
        "DL706",
        STALIN,
        "- 1940s deportation deaths: ~400,000",
        "- 1940s deportation deaths: ~400,000\n\n### Deportations\n"
        "- Deportation deaths in the 1940s: 300,000",
    ),
    ("DL530", POL_POT, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)"),
    ("DL530", STALIN, "Joseph Stalin (1878-1953) |", "Joseph Stalin (1879-1953) |"),
    (
        "DL531",
        AMIN,
        "launched on December 25, 1978",
        "launched on December 26, 1978",
    ),
    (
        "DL531",
        POL_POT,
        "Cambodia (December 25, 1978)",
        "Cambodia (December 26, 1978)",
    ),
]


def findings(project: Path, *paths: str) -> list[dict]:
    command = [sys.executable, "-m", "dossierlint", "check", "--no-cache", "--format", "json"]
    command += ["--select", ",".join(RULES), *paths]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"facts_eval.py: {' '.join(command)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def collection(base: Path) -> Path:
    project = base / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "dossiers").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.dossierlint]\n", encoding="utf-8")
    for text in TEXTS:
        shutil.copy(text, project / "dossiers" / text.name)
    return project


def main() -> int:
    true, false = Counter(), Counter()
    found, planted = Counter(), Counter()
    with tempfile.TemporaryDirectory(prefix="dl-facts-") as tmp:
        project = collection(Path(tmp))
        for finding in findings(project, "dossiers"):
            key = (Path(finding["path"]).name, finding["line"], finding["code"])
            (true if key in TRUE_FINDINGS else false)[finding["code"]] += 1
            if key not in TRUE_FINDINGS:
                print(f"false: {key} {finding['message']}", file=sys.stderr)
        for code, name, old, new in PLANTED:
            project = collection(Path(tmp))
            path = project / "dossiers" / name
            before = {(f["line"], f["code"]) for f in findings(project, f"dossiers/{name}")}
            text = path.read_text(encoding="utf-8")
            if text.count(old) != 1:
                raise SystemExit(f"facts_eval.py: {old!r} is not once in {name}")
            path.write_text(text.replace(old, new), encoding="utf-8")
            after = {(f["line"], f["code"]) for f in findings(project, f"dossiers/{name}")}
            planted[code] += 1
            if any(rule == code for _, rule in after - before):
                found[code] += 1
            else:
                print(f"missed: {code} {new!r} in {name}", file=sys.stderr)
    print("| rule | findings on the true texts | of them true | planted | found |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for code in RULES:
        shown = true[code] + false[code]
        print(f"| {code} | {shown} | {true[code]} | {planted[code]} | {found[code]} |")
    shown, right = sum((true + false).values()), sum(true.values())
    total, hits = sum(planted.values()), sum(found.values())
    print(f"| all | {shown} | {right} | {total} | {hits} |")
    print(f"\nprecision {right}/{shown}, recall {hits}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
