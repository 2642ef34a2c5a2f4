"""Facts across the collection (DL530, DL531) on the test corpus, and the severity policy.

The corpus (tests/corpus/) holds real dossiers written for these tests, beside
the bundled reference; mistakes are planted in copies, never in the corpus files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REFERENCE, REFERENCE_FINDINGS, Project, replace_once

CORPUS = Path(__file__).with_name("corpus")
AMIN = "uganda-amin.md"
POL_POT = "cambodia-pol-pot.md"
STALIN = "soviet-union-stalin.md"
PINOCHET = "chile-pinochet.md"

# What the true corpus gets, each judged right: (file, code, line text fragment).
CORPUS_FINDINGS = sorted(
    [
        # Planned dossiers the corpus does not hold.
        (POL_POT, "DL501", "[[china-mao]]"),
        (PINOCHET, "DL501", "[[argentina-videla]]"),
        # The reference compares with none of the new dossiers.
        (POL_POT, "DL506", "[[soviet-union-stalin]]"),
        (AMIN, "DL506", "[[soviet-union-stalin]]"),
        (PINOCHET, "DL506", "[[soviet-union-stalin]]"),
        # The Amin dossier cites encyclopedias only (its Confidence notes say so).
        (AMIN, "DL221", "## Sources"),
        # The reference's own known findings.
        *((STALIN, code, text) for code, text in REFERENCE_FINDINGS),
    ]
)


def _corpus(project: Project) -> None:
    for path in sorted(CORPUS.glob("*.md")):
        project.write(path.name, path.read_text(encoding="utf-8"))
    project.write(STALIN, REFERENCE.read_text(encoding="utf-8"))


def _plant(project: Project, name: str, old: str, new: str) -> None:
    path = project.dossiers / name
    path.write_text(replace_once(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")


def _age(project: Project, *names: str) -> None:
    """Date the named dossiers (all by default) back a minute: the cache skips files
    changed in the last two seconds. The others keep their stamps, and so their cache records."""
    past = time.time() - 60
    for path in project.dossiers.glob("*.md"):
        if not names or path.name in names:
            os.utime(path, (past, past))


def _summary(project: Project, findings: list[dict]) -> list[tuple[str, str, str]]:
    """(file, code, the finding's line) for each finding."""
    rows = []
    for finding in findings:
        path = project.root / finding["path"]
        line = path.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        rows.append((path.name, finding["code"], line))
    return rows


def _fact_findings(project: Project, *args: str) -> list[dict]:
    return [f for f in project.findings(*args) if f["code"] in ("DL530", "DL531")]


def _line(project: Project, name: str, fragment: str) -> int:
    lines = (project.dossiers / name).read_text(encoding="utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, 1) if fragment in line]
    return number


# --------------------------------------------------------------------------- the true corpus


def test_the_corpus_gets_only_its_known_true_findings(project: Project) -> None:
    _corpus(project)
    result = project.run("check", "--format", "json")
    assert result.exit_code == 0, result.stdout  # warnings and infos only
    found = _summary(project, result.json())
    assert sorted((name, code) for name, code, _ in found) == [
        (name, code) for name, code, _ in CORPUS_FINDINGS
    ]
    for name, code, fragment in CORPUS_FINDINGS:
        assert any(row[:2] == (name, code) and fragment in row[2] for row in found), fragment


def test_the_corpus_dossiers_state_people_and_events_the_rules_compare(project: Project) -> None:
    """The true corpus is silent because the statements agree, not because none were read:
    a person the three dossiers share and an event two of them date are both planted wrong."""
    _corpus(project)
    _plant(project, STALIN, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)")
    _plant(project, AMIN, "launched on December 25, 1978", "launched on December 26, 1978")
    codes = sorted(f["code"] for f in _fact_findings(project))
    # Once each: a dossier being checked is read whole, the others through the index, which
    # keeps the people of their Overview and Key Figures and the events they date in
    # parentheses. The Pol Pot dossier (read whole) sees Stalin's Overview; the Stalin dossier
    # does not see Pol Pot's prose mention. The Amin dossier sees the Pol Pot dossier's heading
    # '... (December 25, 1978)'; the Pol Pot dossier does not see Amin's 'launched on ...'.
    assert codes == ["DL530", "DL531"]


# --------------------------------------------------------------------------- DL530


def test_life_years_that_differ_name_the_other_dossier_and_line(project: Project) -> None:
    _corpus(project)
    _plant(project, POL_POT, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)")
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert (finding["code"], finding["severity"]) == ("DL530", "error")
    assert finding["line"] == _line(project, POL_POT, "Joseph Stalin (1879-1953)")
    assert finding["message"] == (
        "Joseph Stalin (1879-1953) is given other life years in soviet-union-stalin.md line 8 "
        "(1878-1953): born 1879 here, 1878 there"
    )
    # The other side sees it when this dossier gives the years in its Key Figures.
    assert _fact_findings(project, f"dossiers/{STALIN}") == []
    _plant(
        project,
        POL_POT,
        "## Key Figures\n",
        "## Key Figures\n- **Joseph Stalin (1879-1953)** — the Soviet model the party studied\n",
    )
    [other] = _fact_findings(project, f"dossiers/{STALIN}")
    assert other["line"] == 8
    assert f"in {POL_POT} line 14 (1879-1953)" in other["message"]


@pytest.mark.parametrize(
    ("written", "fires"),
    [
        ("Idi Amin (1928-2003)", False),  # inside c. 1925 (1920-1930)
        ("Idi Amin (c. 1923-2003)", False),  # two uncertain births that overlap
        ("Idi Amin (b. 1925)", False),  # an open end agrees with any death
        ("Idi Amin (1933-2003)", True),  # outside c. 1925
        ("Idi Amin (c. 1925-2004)", True),  # the death year differs
        ("Amin (1940-2003)", False),  # a surname alone is not matched (a miss, not a guess)
        ("Idi Amin (1946-2019)", False),  # every year 16 off: a namesake, not a slip
        ("Idi Amin (1945-2018)", True),  # 15 off: still one person misdated
    ],
)
def test_uncertain_life_years_are_intervals(project: Project, written: str, fires: bool) -> None:
    _corpus(project)
    _plant(
        project,
        POL_POT,
        "- Some scholars, such as Kiernan,",
        f"- Uganda's {written} fell to a neighbour too\n- Some scholars, such as Kiernan,",
    )
    found = _fact_findings(project, f"dossiers/{POL_POT}")
    assert [f["code"] for f in found] == (["DL530"] if fires else [])
    if fires:  # the Overview's `Idi Amin`, whose alias `Idi Amin Dada` is the same mention's
        assert "in uganda-amin.md line 8 (c. 1925-2003)" in found[0]["message"]


def test_a_dossier_that_gives_two_names_with_one_life_makes_them_aliases(
    project: Project,
) -> None:
    """The Amin dossier writes `Idi Amin` (Overview) and `Idi Amin Dada` (Key Figures) with
    the same life years: another dossier's `Idi Amin Dada` is compared with both."""
    _corpus(project)
    line = "- Uganda's Idi Amin Dada (1933-2003) fell to a neighbour too"
    _plant(
        project,
        POL_POT,
        "- Some scholars, such as Kiernan,",
        f"{line}\n- Some scholars, such as Kiernan,",
    )
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert "in uganda-amin.md line 8 (c. 1925-2003)" in finding["message"]
    _plant(
        project, AMIN, "- **Idi Amin Dada (c. 1925-2003)**", "- **Idi Amin Dada (c. 1925-2004)**"
    )
    # the two names no longer agree there, so they are two names: only the same one is compared
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert "in uganda-amin.md line 14 (c. 1925-2004)" in finding["message"]


def test_a_person_of_one_dossier_planted_in_another(project: Project) -> None:
    _corpus(project)
    line = "- The bombing was ordered by Richard Nixon and Henry Kissinger (1923-2022)"
    _plant(
        project,
        POL_POT,
        "- Some scholars, such as Kiernan,",
        f"{line}\n- Some scholars, such as Kiernan,",
    )
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert finding["message"] == (
        "Henry Kissinger (1923-2022) is given other life years in chile-pinochet.md line 22 "
        "(1923-2023): died 2022 here, 2023 there"
    )


# --------------------------------------------------------------------------- DL531


def test_an_event_dated_differently_names_the_other_dossier_and_line(project: Project) -> None:
    _corpus(project)
    _plant(project, AMIN, "launched on December 25, 1978", "launched on December 26, 1978")
    [finding] = _fact_findings(project, f"dossiers/{AMIN}")
    assert (finding["code"], finding["severity"]) == ("DL531", "error")
    assert finding["message"] == (
        "Vietnamese invasion of Cambodia is dated December 26, 1978 here but "
        "December 25, 1978 in cambodia-pol-pot.md line 134"
    )


@pytest.mark.parametrize(
    ("written", "fires"),
    [
        ("Operation Barbarossa (22 June 1941)", False),  # the same day, written otherwise
        ("Operation Barbarossa (21-22 June 1941)", False),  # a span holding the day
        ("Operation Barbarossa, launched on 23 June 1941,", True),
        ("Operation Barbarossa (June 1941)", False),  # not a full date
        ("Operation Barbarossa (June 22, 1944)", False),  # years apart: another event
        ("the invasion (June 23, 1941) called Operation Barbarossa", False),  # not attached
    ],
)
def test_event_dates_compare_to_the_day(project: Project, written: str, fires: bool) -> None:
    _corpus(project)
    _plant(
        project,
        AMIN,
        "- Others stress continuity",
        f"- Soviet leaders remembered {written} as a warning\n- Others stress continuity",
    )
    found = _fact_findings(project, f"dossiers/{AMIN}")
    assert [f["code"] for f in found] == (["DL531"] if fires else [])
    if fires:
        assert "in soviet-union-stalin.md line 223" in found[0]["message"]


# --------------------------------------------------------------------------- one file, cache


def test_a_one_file_check_sees_the_other_dossiers_cold(project: Project) -> None:
    _corpus(project)
    _plant(project, STALIN, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)")
    for args in ((f"dossiers/{POL_POT}",), ("--no-cache", f"dossiers/{POL_POT}")):
        [finding] = _fact_findings(project, *args)
        assert "in soviet-union-stalin.md line 8 (1879-1953)" in finding["message"]


def test_a_dossier_cached_alone_has_its_people_read_once_it_has_company(
    project: Project,
) -> None:
    """Alone in its collection, a dossier's index entry is kept without its people (no
    other dossier to compare them with); a second dossier's check must not be given that."""
    project.write(STALIN, REFERENCE.read_text(encoding="utf-8"))
    _plant(project, STALIN, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)")
    _age(project)
    assert _fact_findings(project) == []  # alone: the entry is cached without people
    project.write(POL_POT, (CORPUS / POL_POT).read_text(encoding="utf-8"))
    _age(project, POL_POT)
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert "in soviet-union-stalin.md line 8 (1879-1953)" in finding["message"]


def test_a_one_file_check_sees_the_other_dossiers_with_a_warm_cache(project: Project) -> None:
    _corpus(project)
    _plant(project, STALIN, "Joseph Stalin (1878-1953)", "Joseph Stalin (1879-1953)")
    _age(project)
    assert len(_fact_findings(project)) == 1  # the whole collection: the cache is written
    assert list((project.root / ".dossierlint_cache").glob("*.json"))
    # pre-commit on one file: the others' people come from the cache
    [finding] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert "in soviet-union-stalin.md line 8 (1879-1953)" in finding["message"]
    # the other dossier is corrected: the cached findings of this one no longer hold
    _plant(project, STALIN, "Joseph Stalin (1879-1953)", "Joseph Stalin (1878-1953)")
    _age(project, STALIN)
    assert _fact_findings(project, f"dossiers/{POL_POT}") == []
    # and planted again in a file that is not checked, seen through the warm cache
    _plant(
        project, AMIN, "Cambodia, launched on December 25, 1978,", "Cambodia (December 24, 1978)"
    )
    _age(project, AMIN)
    [event] = _fact_findings(project, f"dossiers/{POL_POT}")
    assert event["code"] == "DL531" and "in uganda-amin.md line 191" in event["message"]


def test_a_draft_outside_the_folder_is_read_from_its_own_text(project: Project) -> None:
    """A draft beside the project with a dossier's slug: the index holds the folder's
    file under that slug, so the draft's own people come from the draft itself."""
    _corpus(project)
    draft = project.root / "drafts" / POL_POT
    draft.parent.mkdir()
    text = (project.dossiers / POL_POT).read_text(encoding="utf-8")
    draft.write_text(replace_once(text, "Stalin (1878-1953)", "Stalin (1879-1953)"), "utf-8")
    [finding] = _fact_findings(project, f"drafts/{POL_POT}")
    assert finding["path"] == f"drafts/{POL_POT}"
    assert "in soviet-union-stalin.md line 8 (1878-1953)" in finding["message"]


# --------------------------------------------------------------------------- severity policy


@pytest.mark.parametrize(
    ("code", "severity"),
    [("DL205", "error"), ("DL413", "error"), ("DL414", "error"), ("DL207", "warning")],
)
def test_severities_follow_the_policy(project: Project, code: str, severity: str) -> None:
    listed = project.run("rules").stdout.splitlines()
    (row,) = [line for line in listed if line.startswith(code + " ")]
    assert row.split()[2] == severity


# --------------------------------------------------------------------------- within one dossier

# Realistic mistakes for the within-dossier fact rules (rules/facts.py), planted in
# copies of the corpus: (file, true text, planted text).
PLANTED_WITHIN = [
    # a stated age that the life interval c. 1925-2003 cannot give (73-83)
    (AMIN, "2003, aged about 78 (the age", "2003, aged about 68 (the age"),
    # an age in words: Obote (1925-2005) died at 79
    (AMIN, "at the age of seventy-nine", "at the age of seventy-two"),
    # the body's death year against the Overview's 2003
    (AMIN, "Died in Jeddah on August 16, 2003", "Died in Jeddah on August 16, 2004"),
    # Key Figures life years against the Overview's 1925?-1998
    (POL_POT, "- **Pol Pot (1925 or 1928-1998)**", "- **Pol Pot (1925 or 1928-1997)**"),
    # a killing dated after the victim's life years end (Son Sen, 1930-1997)
    (POL_POT, "- **Son Sen (1930-1997)**", "- **Son Sen (1930-1996)**"),
    # an age in words: Pinochet (1915-2006) died at 91
    (PINOCHET, "at the age of ninety-one", "at the age of eighty-one"),
    # a killing after the victim's life years end (Letelier, 1932-1976)
    # ... told after a bold run-in label: '**Orlando Letelier**: killed ... on September 21, 1976'
    (PINOCHET, "- **Orlando Letelier (1932-1976)**", "- **Orlando Letelier (1932-1975)**"),
    # an age in digits: Nuon Chea (1926-2019) died at 93
    (
        POL_POT,
        "Nuon Chea died on August 4, 2019, aged 93",
        "Nuon Chea died on August 4, 2019, aged 83",
    ),
]


@pytest.mark.parametrize(("name", "old", "new"), PLANTED_WITHIN, ids=lambda v: str(v)[:24])
def test_planted_mistakes_within_a_dossier_are_found(
    project: Project, name: str, old: str, new: str
) -> None:
    """Each draws a new error from the fact rules (DL70x), on the planted line or on the
    line it contradicts."""
    _corpus(project)
    before = {(f["code"], f["line"]) for f in project.findings(f"dossiers/{name}")}
    _plant(project, name, old, new)
    after = project.findings(f"dossiers/{name}")
    new_findings = [f for f in after if (f["code"], f["line"]) not in before]
    assert new_findings
    assert all(f["code"].startswith("DL70") and f["severity"] == "error" for f in new_findings)


# --------------------------------------------------------------------------- generated collection

FACT_RULES = "DL530,DL531,DL701,DL702,DL703,DL704,DL705,DL706,DL707,DL708"
GENERATOR = Path(__file__).parents[1] / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The benchmark's generated collection (200 dossiers, seed 1, no planted defect).

    The generator plants none of the fact defects, so any fact finding on it is a false
    positive. (The 1,000-dossier sweep is in the report of this branch; 200 keep the test
    short.)
    """
    project = Project(tmp_path_factory.mktemp("generated"))
    command = [sys.executable, str(GENERATOR), "--count", "200", "--seed", "1"]
    command += ["--defect-rate", "0", "--out", str(project.dossiers), "--force", "--jobs", "2"]
    subprocess.run(command, check=True, capture_output=True)
    return project


def test_the_fact_rules_find_nothing_in_the_generated_collection(generated: Project) -> None:
    assert generated.findings("--no-cache", "--select", FACT_RULES) == []


def test_the_generator_dates_a_ranged_headings_bullets_inside_its_years(
    generated: Project,
) -> None:
    """DL707 is silent on the generated collection because the generator keeps a
    `### Topic (1937-1940)` heading's dated bullets inside 1937-1940, and not for want of
    such headings: most generated dossiers have several."""
    ranged = re.compile(r"^### .*\([0-9]{4}-[0-9]{4}\)", re.M)
    texts = [path.read_text(encoding="utf-8") for path in generated.dossiers.glob("*.md")]
    assert sum(len(ranged.findall(text)) for text in texts) > len(texts)
