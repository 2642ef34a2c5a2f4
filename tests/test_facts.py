"""Facts that agree within one dossier (DL701-DL708), and uncertain life years in the date rules.

Every test runs the real CLI on real dossiers: the bundled reference and the
corpus written for these rules (tests/corpus/: Uganda under Idi Amin, born
c. 1925; Cambodia under Pol Pot, born 1925 or 1928). Mistakes are planted in
copies; the true texts must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, reference_text, replace_once

CORPUS = Path(__file__).with_name("corpus")
AMIN, POL_POT, STALIN = "uganda-amin.md", "cambodia-pol-pot.md", "soviet-union-stalin.md"
FACT_CODES = ("DL701", "DL702", "DL703", "DL704", "DL705", "DL706", "DL707", "DL708")
LEADER_ROW = "| **Leader(s)** | Joseph Stalin (1878-1953) |"


def corpus_text(name: str) -> str:
    return reference_text() if name == STALIN else (CORPUS / name).read_text(encoding="utf-8")


def fact_findings(project: Project, name: str, text: str) -> list[tuple[str, str, str]]:
    """(code, severity, line text) of the fact rules' findings on `text` saved as `name`."""
    project.write(name, text)
    lines = text.splitlines()
    return [
        (f["code"], f["severity"], lines[f["line"] - 1])
        for f in project.findings(f"dossiers/{name}")
        if f["code"] in FACT_CODES
    ]


def planted(project: Project, name: str, old: str, new: str) -> list[tuple[str, str, str]]:
    """The fact findings a planted change adds to a corpus dossier."""
    before = set(fact_findings(project, name, corpus_text(name)))
    after = fact_findings(project, name, replace_once(corpus_text(name), old, new))
    return [finding for finding in after if finding not in before]


def messages(project: Project, name: str, text: str, code: str) -> list[str]:
    project.write(name, text)
    return [f["message"] for f in project.findings(f"dossiers/{name}") if f["code"] == code]


# --------------------------------------------------------------------------- the true texts


@pytest.mark.parametrize("name", [AMIN, POL_POT])
def test_the_corpus_dossiers_draw_no_fact_finding(project: Project, name: str) -> None:
    """Ages in digits and words, uncertain births, killings and deaths: all true, all silent."""
    assert fact_findings(project, name, corpus_text(name)) == []


def test_the_reference_gets_its_own_disagreements_and_nothing_else(project: Project) -> None:
    assert sorted(fact_findings(project, STALIN, reference_text())) == [
        ("DL707", "warning", "- February 1929: Trotsky expelled from Soviet Union entirely"),
        ("DL707", "warning", "- January 1928: Trotsky exiled to Alma-Ata"),
        ("DL708", "warning", "- Dekulakization deaths: ~390,000"),
        ("DL708", "warning", "- Gulag deaths: 1.5-1.7 million"),
    ]
    gulag, kulaks = messages(project, STALIN, reference_text(), "DL708")
    assert gulag.startswith("'Gulag deaths' is 1.5-1.7 million here but 'Death toll' is ")
    assert "1.2-1.7 million on line 115" in gulag
    assert kulaks.startswith("'Dekulakization deaths' is ~390,000 here but 'Death Toll' is ")
    assert "530,000-600,000 on line 174" in kulaks


# --------------------------------------------------------------------------- DL701


@pytest.mark.parametrize(
    ("life", "why"),
    [
        ("about 1878-1953", "'about 1878' is not a year"),
        ("1878", "not BIRTH-DEATH"),
        ("1878-1953-1960", "not BIRTH-DEATH"),
    ],
)
def test_life_years_the_grammar_cannot_read_are_an_error(
    project: Project, life: str, why: str
) -> None:
    text = replace_once(reference_text(), LEADER_ROW, f"| **Leader(s)** | Joseph Stalin ({life}) |")
    (message,) = messages(project, STALIN, text, "DL701")
    assert message.startswith(f"Joseph Stalin: life years '{life}' cannot be read ({why}")


def test_a_leader_without_life_years_is_reported_not_dropped(project: Project) -> None:
    text = replace_once(reference_text(), LEADER_ROW, "| **Leader(s)** | Joseph Stalin |")
    (message,) = messages(project, STALIN, text, "DL701")
    assert message.startswith("Joseph Stalin: life years none cannot be read")


def test_key_figures_life_years_the_grammar_cannot_read_are_reported(project: Project) -> None:
    found = planted(
        project, POL_POT, "- **Ieng Sary (1925-2013)**", "- **Ieng Sary (about 1925-2013)**"
    )
    assert found == [("DL701", "error", found[0][2])]
    assert found[0][2].startswith("- **Ieng Sary (about 1925-2013)**")
    # a parenthesis without a year is a nickname, not life years
    assert (
        planted(
            project,
            POL_POT,
            "- **Ieng Sary (1925-2013)**",
            "- **Ieng Sary (Brother Number Three)**",
        )
        == []
    )


@pytest.mark.parametrize(
    "life",
    [
        "c. 1878-1953",
        "ca. 1878\u20131953",
        "circa 1878 - 1953",
        "1878?-1953",
        "1878 or 1879-1953",
        "1878/1879\u20141953",
        "1878/79-1953",
    ],
)
def test_uncertain_life_years_are_read_and_silence_nothing_true(
    project: Project, life: str
) -> None:
    text = replace_once(reference_text(), LEADER_ROW, f"| **Leader(s)** | Joseph Stalin ({life}) |")
    project.write(STALIN, text)
    codes = {f["code"] for f in project.findings(f"dossiers/{STALIN}")}
    assert not codes & {"DL701", "DL406", "DL407", "DL702", "DL703", "DL704"}


# --------------------------------------------------------------------------- intervals in the date rules


@pytest.mark.parametrize(
    ("life", "code", "expected"),
    [
        # the best single year (1928) is after 1924, but c. 1928 may be 1923: no finding
        ("c. 1928-1953", "DL406", []),
        # every year c. 1935 allows (1930-1940) is after the regime began: reported
        ("c. 1935-1953", "DL406", ["Joseph Stalin: born c. 1935, after the regime began (1924)"]),
        # an uncertain birth does not silence an exact early death
        (
            "c. 1878-1950",
            "DL407",
            [
                "Joseph Stalin, the sole leader, died in 1950, before the regime ended (1953): "
                "check the year, or name the successors"
            ],
        ),
        ("1878-1950 or 1953", "DL407", []),
    ],
)
def test_the_leader_rules_reason_with_the_interval(
    project: Project, life: str, code: str, expected: list[str]
) -> None:
    text = replace_once(reference_text(), LEADER_ROW, f"| **Leader(s)** | Joseph Stalin ({life}) |")
    assert messages(project, STALIN, text, code) == expected


BIRTHDAY = "- Began with his 50th birthday party (December 1929)"


def test_the_birthday_rule_allows_every_year_an_uncertain_birth_covers(project: Project) -> None:
    text = replace_once(reference_text(), "(1878-1953)", "(1878 or 1879-1953)")
    assert messages(project, STALIN, text, "DL415") == []


def test_the_birthday_rule_takes_the_date_after_the_mention_not_the_nearest(
    project: Project,
) -> None:
    """`In 1933` is nearer the mention, but the birthday is dated by its parenthesis."""
    line = "- In 1933 his 50th birthday party (December 1929) was recalled as the cult's start"
    text = replace_once(reference_text(), BIRTHDAY, line)
    (message,) = messages(project, STALIN, text, "DL415")
    assert message == (
        "'50th birthday' is dated 'December 1929', but Joseph Stalin was born in 1878: "
        "that birthday fell in 1928"
    )
    text = replace_once(text, "(1878-1953)", "(1879-1953)")
    assert messages(project, STALIN, text, "DL415") == []


def test_the_bullets_own_date_wins_for_every_rule(project: Project) -> None:
    line = "- December 1929: his 50th birthday, recalled by the press in 1933"
    text = replace_once(
        replace_once(reference_text(), BIRTHDAY, line), "(1878-1953)", "(1879-1953)"
    )
    assert messages(project, STALIN, text, "DL415") == []


# --------------------------------------------------------------------------- DL702 ages


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        # c. 1925-2003 dying in 2003 is 72 to 83
        (AMIN, "2003, aged about 78 (the age", "2003, aged about 68 (the age"),
        # Obote (1925-2005) died at 79 or 80: words
        (AMIN, "at the age of seventy-nine", "at the age of seventy-two"),
        # Nuon Chea (1926-2019) died at 92 or 93: digits
        (POL_POT, "died on August 4, 2019, aged 93", "died on August 4, 2019, aged 83"),
        # Ieng Sary (1925-2013): a decade in words
        (POL_POT, "Ieng Sary died in 2013, aged 87", "Ieng Sary died in 2013, in his late sixties"),
        # Sihanouk (1922-2012) at eighty-nine
        (POL_POT, "at the age of eighty-nine", "at the age of ninety-nine"),
        # Son Sen (1930-1997), killed in 1997: 66 or 67
        (POL_POT, "Pol Pot's orders, aged 66", "Pol Pot's orders, aged 76"),
    ],
)
def test_an_age_the_life_years_cannot_give_is_an_error(
    project: Project, name: str, old: str, new: str
) -> None:
    found = planted(project, name, old, new)
    assert [(code, severity) for code, severity, _ in found] == [("DL702", "error")]
    assert new in found[0][2]


def test_the_age_message_says_what_the_life_years_allow(project: Project) -> None:
    text = replace_once(corpus_text(POL_POT), "aged 93", "aged 83")
    (message,) = messages(project, POL_POT, text, "DL702")
    assert message == (
        "'aged 83' does not fit Nuon Chea (1926-2019, line 15): at 'August 4, 2019' they were 92-93"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # `a 79-year-old`: the hyphenated form, right for Obote in 2005
        ("at the age of seventy-nine", "a 79-year-old"),
        # the age of another man on the same line is not Amin's
        ("aged 77", "aged 77, outliving Amin, who had died in 2003"),
        # c. 1925 allows 73 to 83 at the death in 2003
        ("2003, aged about 78 (the age", "2003, aged 73 (the age"),
        ("2003, aged about 78 (the age", "2003, aged 83 (the age"),
    ],
)
def test_ages_that_fit_are_silent(project: Project, old: str, new: str) -> None:
    assert planted(project, AMIN, old, new) == []


# --------------------------------------------------------------------------- DL703 deaths and births


def test_a_death_in_the_body_against_the_life_years_is_an_error(project: Project) -> None:
    old, new = "Died in Jeddah on August 16, 2003", "Died in Jeddah on August 16, 2004"
    found = planted(project, AMIN, old, new)
    assert [(code, severity) for code, severity, _ in found] == [("DL703", "error")]
    text = replace_once(corpus_text(AMIN), old, new)
    (message,) = messages(project, AMIN, text, "DL703")
    assert message == (
        "Idi Amin's death is dated 'August 16, 2004' here, but the life years "
        "(c. 1925-2003, line 8) give 2003"
    )


def test_the_reference_death_label_is_checked_against_the_overview(project: Project) -> None:
    text = replace_once(
        reference_text(), "**Stalin's Death**: March 5, 1953", "**Stalin's Death**: March 5, 1954"
    )
    assert sorted(f[0] for f in fact_findings(project, STALIN, text) if f[0] != "DL707") == [
        "DL703",
        "DL708",
        "DL708",
    ]


@pytest.mark.parametrize(
    "line",
    [
        # a verb with someone else as its subject
        "- Stalin ordered the death of Trotsky in 1940",
        # the date belongs to another clause's verb
        "- After Stalin's death, Khrushchev rose to First Secretary in 1956",
        # a compound noun, not a death
        "- Stalin's death toll in 1937 alone ran to hundreds of thousands",
        # a birth noun for another person
        "- The birth of the Soviet state in 1922 preceded Stalin's rise",
    ],
)
def test_deaths_of_others_and_compound_nouns_are_not_the_persons(
    project: Project, line: str
) -> None:
    text = replace_once(
        reference_text(), "- Power vacuum created", f"- Power vacuum created\n{line}"
    )
    assert [f for f in fact_findings(project, STALIN, text) if f[0] in ("DL703", "DL705")] == []


def test_a_birth_in_the_body_against_the_life_years_is_an_error(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "- Power vacuum created",
        "- Power vacuum created\n- Stalin was born in 1880",
    )
    assert [f[:2] for f in fact_findings(project, STALIN, text) if f[0] == "DL703"] == [
        ("DL703", "error")
    ]


# --------------------------------------------------------------------------- DL704 life years


def test_key_figures_against_the_overview_is_an_error(project: Project) -> None:
    old, new = "- **Pol Pot (1925 or 1928-1998)**", "- **Pol Pot (1925 or 1928-1997)**"
    found = planted(project, POL_POT, old, new)
    assert [(code, severity) for code, severity, _ in found] == [("DL704", "error")]
    text = replace_once(corpus_text(POL_POT), old, new)
    (message,) = messages(project, POL_POT, text, "DL704")
    assert message == (
        "Pol Pot's life years (1925 or 1928-1997) disagree with (1925?-1998) in Overview on "
        "line 8: death 1997 against 1998"
    )


def test_an_alias_and_an_inline_mention_are_the_same_person(project: Project) -> None:
    """`Idi Amin Dada` in Key Figures is the Overview's `Idi Amin`; an inline mention too."""
    found = planted(
        project, AMIN, "- **Idi Amin Dada (c. 1925-2003)**", "- **Idi Amin Dada (c. 1925-2001)**"
    )
    assert [code for code, _, _ in found] == ["DL704"]
    text = replace_once(
        reference_text(),
        "- Power vacuum created",
        "- Power vacuum created\n- Joseph Stalin (1879-1953) lay in state",
    )
    assert [code for code, _, _ in fact_findings(project, STALIN, text) if code == "DL704"] == [
        "DL704"
    ]


def test_uncertain_years_agree_with_every_year_they_cover(project: Project) -> None:
    """The Overview's 1925? and Key Figures' 1925 or 1928 overlap: no finding."""
    assert planted(project, POL_POT, "(1925 or 1928-1998)**", "(c. 1927-1998)**") == []


def test_a_tenure_after_a_name_is_not_a_life(project: Project) -> None:
    """Beria headed the NKVD 1938-1953; he was born in 1899. Neither contradicts."""
    line = "- Lavrentiy Beria (1899-1953) ran the NKVD"
    text = replace_once(
        reference_text(), "- Power vacuum created", f"- Power vacuum created\n{line}"
    )
    assert [
        f for f in fact_findings(project, STALIN, text) if f[0] != "DL707" and f[0] != "DL708"
    ] == []


# --------------------------------------------------------------------------- DL705 killings


def test_a_killing_after_the_victims_life_years_is_an_error(project: Project) -> None:
    found = planted(project, POL_POT, "- **Son Sen (1930-1997)**", "- **Son Sen (1930-1996)**")
    assert ("DL705", "error") in [(code, severity) for code, severity, _ in found]
    assert {code for code, _, _ in found} <= {"DL705", "DL702"}


def test_a_killing_by_the_person_is_not_their_death(project: Project) -> None:
    line = "- Amin's soldiers killed hundreds of villagers in 2005"
    text = replace_once(corpus_text(AMIN), "- Died in Jeddah", f"{line}\n- Died in Jeddah")
    assert [f for f in fact_findings(project, AMIN, text) if f[0] == "DL705"] == []


def test_an_air_crash_after_death(project: Project) -> None:
    line = "- Janani Luwum was killed in an air crash on 3 June 1978"
    text = replace_once(corpus_text(AMIN), "- Died in Jeddah", f"{line}\n- Died in Jeddah")
    assert [f[:2] for f in fact_findings(project, AMIN, text)] == [("DL705", "error")]


# --------------------------------------------------------------------------- DL706 / DL708


def test_two_labels_naming_one_quantity_with_two_values_are_an_error(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "- 1940s deportation deaths: ~400,000",
        "- 1940s deportation deaths: ~400,000\n\n### Deportations\n- Deportation deaths in the "
        "1940s: 300,000",
    )
    assert ("DL706", "error", "- Deportation deaths in the 1940s: 300,000") in fact_findings(
        project, STALIN, text
    )


@pytest.mark.parametrize(
    "line",
    [
        # within 10% of an approximate figure
        "- Deportation deaths in the 1940s: 380,000",
        # another decade is another quantity
        "- Deportation deaths in the 1950s: 100,000",
        # a widened count is another quantity
        "- Total deportation deaths in the 1940s: 700,000",
        # a bound is not a value
        "- Deportation deaths in the 1940s: at least 200,000",
    ],
)
def test_figures_of_different_things_are_not_compared(project: Project, line: str) -> None:
    text = replace_once(
        reference_text(),
        "- 1940s deportation deaths: ~400,000",
        f"- 1940s deportation deaths: ~400,000\n\n### Deportations\n{line}",
    )
    assert [f for f in fact_findings(project, STALIN, text) if f[0] == "DL706"] == []


def test_a_reconciled_reference_has_no_figure_finding(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "- **Death toll**: 1.2-1.7 million died in the camps",
        "- **Death toll**: 1.5-1.7 million died in the camps",
    )
    text = replace_once(
        text, "- Dekulakization deaths: ~390,000", "- Dekulakization deaths: ~560,000"
    )
    assert [f for f in fact_findings(project, STALIN, text) if f[0] in ("DL706", "DL708")] == []


# --------------------------------------------------------------------------- DL707


def test_a_bullet_dated_inside_its_headings_years_is_silent(project: Project) -> None:
    text = replace_once(reference_text(), "### Stage 2 (1925-1927)", "### Stage 2 (1925-1929)")
    assert [f for f in fact_findings(project, STALIN, text) if f[0] == "DL707"] == []


def test_the_message_names_the_heading(project: Project) -> None:
    first, _ = messages(project, STALIN, reference_text(), "DL707")
    assert first == (
        "'January 1928' is outside the years of its heading "
        "'Stage 2 (1925-1927): Breaking the Triumvirate' (line 76)"
    )
