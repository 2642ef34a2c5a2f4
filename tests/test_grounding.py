"""The grounding rules (DL6xx) through the real CLI, against real snapshot files in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Project, reference_text, replace_once

from dossierlint.claims.matching import SourceIndex
from dossierlint.claims.numbers import find_quantities
from dossierlint.config import load_config
from dossierlint.houserules import load_house_rules
from dossierlint.parse import parse
from dossierlint.rules.grounding import coverage
from dossierlint.snapshots.store import load_snapshots, save_snapshot

DATA = Path(__file__).parent / "data" / "sources"
ENCYCLOPEDIA_URL = "https://www.britannica.com/biography/Joseph-Stalin"
FILM_URL = "https://www.imdb.com/title/tt0105456/plotsummary/"
WORLD_HISTORY = (
    "- [World History Encyclopedia](https://www.worldhistory.org/) | type: secondary "
    "| accessed: 2026-01-06"
)
YEZHOV = "**End**: NKVD head Yezhov arrested and executed in 1938"


def _cite(text: str, title: str, url: str, kind: str = "encyclopedia") -> str:
    """The reference with its World History Encyclopedia source replaced by `url`."""
    line = f"- [{title}]({url}) | type: {kind} | accessed: 2026-01-06"
    return replace_once(text, WORLD_HISTORY, line)


def _snapshot(project: Project, url: str, text: str, title: str = "") -> None:
    save_snapshot(
        project.root / "sources",
        url,
        text,
        text.encode("utf-8"),
        content_type="text/plain",
        extractor="plain",
        title=title,
    )


def _line_of(project: Project, finding: dict) -> str:
    lines = (project.root / finding["path"]).read_text(encoding="utf-8").splitlines()
    return lines[finding["line"] - 1]


def _codes(found: list[dict], code: str) -> list[dict]:
    return [finding for finding in found if finding["code"] == code]


def _add(project: Project, url: str, file: Path) -> None:
    """Register a saved page the way a researcher does: `dossierlint sources add URL FILE`."""
    result = project.run("sources", "add", url, str(file))
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def encyclopedia_project(project: Project) -> Project:
    """The reference dossier citing the encyclopedia article, its snapshot registered."""
    _add(project, ENCYCLOPEDIA_URL, DATA / "encyclopedia-joseph-stalin.txt")
    project.write(
        "soviet-union-stalin.md",
        _cite(reference_text(), "Britannica - Joseph Stalin", ENCYCLOPEDIA_URL),
    )
    return project


def test_yezhov_is_contradicted_quoting_the_source(encyclopedia_project: Project) -> None:
    found = encyclopedia_project.findings()
    contradicted = _codes(found, "DL601")
    assert [_line_of(encyclopedia_project, f) for f in contradicted] == [YEZHOV]
    message = contradicted[0]["message"]
    assert message.startswith(f"'1938' is contradicted by {ENCYCLOPEDIA_URL}: \"")
    assert "Yezhov" in message and "shot in «1940»" in message
    assert contradicted[0]["severity"] == "warning"
    assert contradicted[0]["column"] == YEZHOV.index("1938") + 1


def test_a_corrected_dossier_draws_no_contradiction(encyclopedia_project: Project) -> None:
    path = encyclopedia_project.dossiers / "soviet-union-stalin.md"
    fixed = "**End**: NKVD head Yezhov removed in 1938, arrested in 1939 and shot in 1940"
    path.write_text(replace_once(path.read_text(encoding="utf-8"), YEZHOV, fixed), encoding="utf-8")
    assert _codes(encyclopedia_project.findings(), "DL601") == []


def test_the_film_synopsis_contradicts_nothing_and_stays_unreliable(project: Project) -> None:
    _add(project, FILM_URL, DATA / "film-synopsis-stalin.txt")
    project.write(
        "soviet-union-stalin.md",
        _cite(reference_text(), "IMDb - Stalin (1992)", FILM_URL, "secondary"),
    )
    found = project.findings()
    assert _codes(found, "DL601") == []
    assert _codes(found, "DL604") == []
    unreliable = _codes(found, "DL211")
    assert [_line_of(project, f) for f in unreliable] == [
        f"- [IMDb - Stalin (1992)]({FILM_URL}) | type: secondary | accessed: 2026-01-06"
    ]


# Makes a one-sentence source long enough not to count as boilerplate (DL604).
FILLER = (
    "\nThis article draws on archival research, published memoirs and the work of "
    "historians of the state, its ruling party and its secret police."
)


def _one_claim(project: Project, claim: str, source: str, *extra: str) -> list[dict]:
    """Findings for the reference with one more bullet, its Great Purge source's snapshot `source`."""
    _snapshot(
        project, "https://www.britannica.com/event/Great-Purge", source + FILLER, "Great Purge"
    )
    anchor = "**End**: NKVD head Yezhov arrested and executed in 1938"
    text = replace_once(reference_text(), anchor, f"{anchor}\n\n- {claim}")
    project.write("soviet-union-stalin.md", text)
    found = project.findings(*extra)
    return [f for f in found if _line_of(project, f) == f"- {claim}"]


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # Old Style and New Style: 25 October (O.S.) is 7 November (N.S.).
        (
            "October Revolution: Bolsheviks seized power in Petrograd on 7 November 1917",
            "The Bolsheviks seized power in Petrograd on 25 October 1917, in a coup led by Lenin.",
        ),
        (
            "Bolsheviks seized power in Petrograd on 7 November [O.S. 25 October] 1917",
            "The Bolsheviks seized power in Petrograd on 25 October 1917, in a coup led by Lenin.",
        ),
        # A year against a full date of that year.
        (
            "Kirov assassinated in 1934",
            "Sergei Kirov was assassinated in Leningrad on 1 December 1934 by Leonid Nikolaev.",
        ),
        # Approximate figures and ranges compared as intervals.
        (
            "Katyn: about 25,000 Polish officers executed on Beria's proposal (1940)",
            "In the Katyn massacre of April 1940 the NKVD executed 21,857 Polish officers "
            "and prisoners on a proposal signed by Beria.",
        ),
        (
            "Gulag: 1.2-1.7 million prisoners died in the Kolyma and other camps (1930-1953)",
            "Some 1.6 million prisoners died in the Kolyma and other camps of the Gulag.",
        ),
        # A decade in the source says nothing against a year.
        (
            "Yagoda shot in 1938",
            "Genrikh Yagoda, head of the secret police in the 1930s, was shot.",
        ),
    ],
)
def test_compatible_values_are_not_contradictions(
    project: Project, claim: str, source: str
) -> None:
    found = _one_claim(project, claim, source)
    assert _codes(found, "DL601") == []


def test_a_different_year_for_the_same_person_and_predicate_is_a_contradiction(
    project: Project,
) -> None:
    found = _one_claim(
        project,
        "Kirov assassinated in 1936",
        "Sergei Kirov was assassinated in Leningrad on 1 December 1934 by Leonid Nikolaev.",
    )
    assert [f["code"] for f in found] == ["DL601"]
    assert "«1 December 1934»" in found[0]["message"]
    assert "by Great Purge (https://www.britannica.com/event/Great-Purge): " in found[0]["message"]


def test_a_source_that_also_states_the_value_blocks_the_contradiction(project: Project) -> None:
    found = _one_claim(
        project,
        "Kirov assassinated in 1936",
        "Sergei Kirov was assassinated in Leningrad on 1 December 1934. "
        "Accounts of Kirov written in 1936 blamed the opposition.",
    )
    assert _codes(found, "DL601") == []


def test_a_name_the_source_uses_everywhere_identifies_nothing(project: Project) -> None:
    source = " ".join(f"Stalin spoke at meeting number {n} of the year." for n in range(20))
    source += " Stalin was arrested in 1908 in Baku."
    assert _codes(_one_claim(project, "Stalin arrested in 1902", source), "DL601") == []


def test_uncited_snapshots_are_not_consulted(project: Project) -> None:
    _snapshot(
        project,
        "https://example.org/kirov",
        "Sergei Kirov was assassinated in Leningrad on 1 December 1934 by Leonid Nikolaev."
        + FILLER,
    )
    found = _one_claim(
        project,
        "Kirov assassinated in 1936",
        "The purge was long and cruel, and it reached every party.",
    )
    assert _codes(found, "DL601") == []


def test_unsupported_claims_are_off_by_default_and_selectable(project: Project) -> None:
    claim = "Shakhty trial of mining engineers (May 1928)"
    source = (
        "The Great Purge began after the murder of Sergei Kirov, who was killed on 1 December 1934."
    )
    assert _codes(_one_claim(project, claim, source), "DL602") == []
    selected = _one_claim(project, claim, source, "--select", "ALL,unsupported-claim")
    assert [f["severity"] for f in _codes(selected, "DL602")] == ["info"]
    prefix = _one_claim(project, claim, source, "--select", "DL6")
    assert len(_codes(prefix, "DL602")) == 1


def test_missing_snapshot_only_in_projects_with_a_snapshot_folder(project: Project) -> None:
    project.write_reference()
    assert _codes(project.findings(), "DL603") == []
    (project.root / "sources").mkdir()
    missing = _codes(project.findings(), "DL603")
    assert len(missing) == 9  # every cited URL, each once
    assert all(f["severity"] == "info" for f in missing)


def test_empty_and_boilerplate_snapshots_are_reported(project: Project) -> None:
    _snapshot(project, "https://www.britannica.com/place/Gulag", "   \n")
    _snapshot(
        project, "https://en.wikipedia.org/wiki/Holodomor", "Log in\nMenu\nSearch\nDonate\n" * 30
    )
    project.write_reference()
    found = _codes(project.findings(), "DL604")
    assert [("Gulag" in _line_of(project, f), f["severity"]) for f in found] == [
        (True, "warning"),
        (False, "warning"),
    ]
    assert "is empty" in found[0]["message"] and "boilerplate" in found[1]["message"]


def test_the_cache_sees_a_changed_snapshot(encyclopedia_project: Project) -> None:
    past = time.time() - 60  # files changed in the last two seconds are not cached
    for path in [*encyclopedia_project.root.glob("*/*.*")]:
        os.utime(path, (past, past))
    first = encyclopedia_project.findings()
    assert len(_codes(first, "DL601")) == 1
    assert (encyclopedia_project.root / ".dossierlint_cache").is_dir()
    snapshot = next((encyclopedia_project.root / "sources").glob("*.txt"))
    text = snapshot.read_text(encoding="utf-8").replace("was shot in 1940", "was shot in 1938")
    snapshot.write_text(text, encoding="utf-8")
    assert _codes(encyclopedia_project.findings(), "DL601") == []


def _index_cache(project: Project) -> Path:
    """The snapshot index cache file (the cache file that holds `claims`)."""
    for path in (project.root / ".dossierlint_cache").glob("*.json"):
        if b'"claims":' in path.read_bytes():
            return path
    raise AssertionError("no snapshot index in the cache")


def _verdict_cache(project: Project) -> Path:
    """The cache file of the grounding rules' verdicts on dossier lines."""
    for path in (project.root / ".dossierlint_cache").glob("*.json"):
        if b'"verdicts":' in path.read_bytes():
            return path
    raise AssertionError("no verdicts in the cache")


def _check_in_a_process_of_its_own(project: Project) -> list[dict]:
    """`check --format json`, in a fresh process: this one keeps what it has judged."""
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check", "--format", "json"],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1) and result.stderr == ""
    return json.loads(result.stdout)


def test_known_verdicts_spare_reading_the_indexes_and_bad_ones_are_judged_again(
    encyclopedia_project: Project,
) -> None:
    """Re-checking an edited dossier takes its unchanged lines' verdicts from the cache
    without reading the snapshot indexes; a damaged verdict is judged anew."""
    past = time.time() - 60
    for path in [*encyclopedia_project.root.glob("*/*.*")]:
        os.utime(path, (past, past))
    fresh = encyclopedia_project.findings("--no-cache")
    assert _codes(fresh, "DL601")
    encyclopedia_project.findings()
    dossier = encyclopedia_project.dossiers / "soviet-union-stalin.md"
    for damage in ("indexes", "verdicts"):
        dossier.write_text(dossier.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        os.utime(dossier, (past, past))
        if damage == "indexes":
            _index_cache(encyclopedia_project).write_text('{"not": "read"}', encoding="utf-8")
        else:
            verdicts = _verdict_cache(encyclopedia_project)
            document = json.loads(verdicts.read_text(encoding="utf-8"))
            document["verdicts"] = {
                key: [["supported", 99, 1, None]] for key in document["verdicts"]
            }
            verdicts.write_text(json.dumps(document), encoding="utf-8")
        assert _check_in_a_process_of_its_own(encyclopedia_project) == fresh
        if damage == "indexes":  # every verdict was known: the indexes were not read
            cached = (encyclopedia_project.root / ".dossierlint_cache").glob("*.json")
            assert b'{"not": "read"}' in [path.read_bytes() for path in cached]


def test_the_cached_index_judges_as_the_fresh_one(encyclopedia_project: Project) -> None:
    past = time.time() - 60
    for path in [*encyclopedia_project.root.glob("*/*.*")]:
        os.utime(path, (past, past))
    fresh = encyclopedia_project.findings("--no-cache")
    encyclopedia_project.findings()  # fills the cache, snapshot indexes included
    _index_cache(encyclopedia_project)
    dossier = encyclopedia_project.dossiers / "soviet-union-stalin.md"
    dossier.write_text(dossier.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(dossier, (past, past))
    assert encyclopedia_project.findings() == fresh


def test_an_index_loaded_in_part_and_saved_again_keeps_every_claim() -> None:
    """A cached index keeps its claims as rows until a lookup needs them; saved again
    (when another snapshot joins the cache), the rows not yet built must survive."""
    fresh = SourceIndex((DATA / "encyclopedia-joseph-stalin.txt").read_text(encoding="utf-8"))
    loaded = SourceIndex.from_rows(json.loads(json.dumps(fresh.to_rows())))
    assert list(loaded.named("yezhov"))  # builds a few claims, leaves the rest as rows
    saved_again = SourceIndex.from_rows(json.loads(json.dumps(loaded.to_rows())))
    every = range(len(fresh.claims))
    assert list(saved_again._at(every)) == list(fresh._at(every))
    assert len(fresh.claims) > 100


def test_a_damaged_cached_claim_costs_that_claim_only(encyclopedia_project: Project) -> None:
    past = time.time() - 60
    for path in [*encyclopedia_project.root.glob("*/*.*")]:
        os.utime(path, (past, past))
    encyclopedia_project.findings()
    cache = _index_cache(encyclopedia_project)
    rows = json.loads(cache.read_text(encoding="utf-8"))
    for index in rows.values():
        index["sentences"] = [
            ["not", "a sentence"] if "Yezhov" in str(row) else row for row in index["sentences"]
        ]
        index["by_name"]["Yezhov"] = [-1, "x", 10**9]
    cache.write_text(json.dumps(rows), encoding="utf-8")
    _verdict_cache(encyclopedia_project).unlink()  # every line judged against the index
    dossier = encyclopedia_project.dossiers / "soviet-union-stalin.md"
    dossier.write_text(dossier.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(dossier, (past, past))
    result = subprocess.run(  # a process of its own: this one keeps the indexes it has seen
        [sys.executable, "-m", "dossierlint", "check", "--format", "json"],
        cwd=encyclopedia_project.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1) and result.stderr == ""
    assert _codes(json.loads(result.stdout), "DL601") == []  # the claims that contradicted


def test_coverage_of_the_reference(encyclopedia_project: Project) -> None:
    config = load_config(encyclopedia_project.root)
    house_rules = load_house_rules(config.house_rules)
    path = encyclopedia_project.dossiers / "soviet-union-stalin.md"
    parsed = parse(path.read_text(encoding="utf-8"), path.stem, house_rules)
    found = coverage(parsed, house_rules, load_snapshots(config.sources, config.root))
    assert found is not None
    assert found.contradicted == 1
    assert 0 < found.supported < found.claims
    assert coverage(parsed, house_rules, None) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("25,700 Polish prisoners", 25_700 * 0.95, 25_700 * 1.05),
        ("1.2-1.7 million died", 1_200_000, 1_700_000),
        ("over 100,000 people", 100_000, float("inf")),
        ("~390,000 deaths", 390_000 * 0.8, 390_000 * 1.2),
        ("up to 43% of them", 0, 43),
        ("nearly 3.3 million deported", 3_300_000 * 0.8, 3_300_000),
    ],
)
def test_the_number_grammar(text: str, low: float, high: float) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.low == pytest.approx(low) and quantity.high == pytest.approx(high)


def test_identifiers_ordinals_and_dates_are_not_quantities() -> None:
    assert find_quantities("Order 227 of the 20th Congress") == []
    assert find_quantities("in 1937", [(3, 7)]) == []
