"""The text of the rules' examples: lines and sections of the reference dossier
(`dossiers/soviet-union-stalin.md`) and other dossiers, kept out of the rule modules.

Each rule's `Example` (see `rules/base.py`) is built from these; the test suite runs it.
"""

from __future__ import annotations

# --- other dossiers in a collection (cross-dossier rules)

HITLER = (
    "germany-hitler.md",
    "# Nazi Germany Under Adolf Hitler\n\n## Comparisons\n"
    "- [[soviet-union-stalin]] — relationship: thematic (totalitarian comparison)\n",
)

MAO = (
    "china-mao.md",
    "# The People's Republic of China Under Mao Zedong\n\n## Comparisons\n"
    "- [[soviet-union-stalin]] — relationship: predecessor (the model Mao followed)\n",
)

MUSSOLINI = (
    "italy-mussolini.md",
    "# Fascist Italy Under Benito Mussolini\n\n## Comparisons\n"
    "- [[germany-hitler]] — relationship: influence (a model for Nazi rule)\n",
)

LENIN = ("soviet-union-lenin.md", "# The Soviet Union Under Lenin\n")

HITLER_COMPARISON = "- [[germany-hitler]] — relationship: thematic (totalitarian comparison)\n"


# --- the Confidence Assessment

NOTES = """**Notes**:
- Stalin's regime is extensively documented with Soviet archives opened after 1991
- Death toll estimates vary significantly — ranges provided reflect genuine scholarly uncertainty
- Pre-conditions and rise to power well-established
- Great Purge and Holodomor extensively studied
- Scholarly debates ongoing on interpretation
"""


# --- lines of the reference's Sources section

GULAG = (
    "- [Britannica - Gulag](https://www.britannica.com/place/Gulag)"
    " | type: encyclopedia | accessed: 2026-01-06"
)

PURGE = (
    "- [Britannica - Great Purge](https://www.britannica.com/event/Great-Purge)"
    " | type: encyclopedia | accessed: 2026-01-06"
)

HOLODOMOR = (
    "- [Wikipedia - Holodomor](https://en.wikipedia.org/wiki/Holodomor)"
    " | type: encyclopedia | accessed: 2026-01-06"
)

COLLECTIVIZATION = (
    "- [Wikipedia - Collectivization in the Soviet Union]"
    "(https://en.wikipedia.org/wiki/Collectivization_in_the_Soviet_Union)"
    " | type: encyclopedia | accessed: 2026-01-06"
)

DESTALINIZATION = (
    "- [Wikipedia - De-Stalinization](https://en.wikipedia.org/wiki/De-Stalinization)"
    " | type: encyclopedia | accessed: 2026-01-06"
)

STANFORD = (
    "- [Stanford Report - Stalin genocide]"
    "(https://news.stanford.edu/stories/2010/09/naimark-stalin-genocide-092310)"
    " | type: academic | accessed: 2026-01-06"
)

SCIENCES_PO = (
    "- [Sciences Po - Mass crimes under Stalin]"
    "(https://www.sciencespo.fr/mass-violence-war-massacre-resistance/en/document/"
    "mass-crimes-under-stalin-1930-1953.html) | type: academic | accessed: 2026-01-06"
)

SOURCE_LIST = "\n".join(
    (
        "- [Wikipedia - Joseph Stalin's rise to power]"
        "(https://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power)"
        " | type: encyclopedia | accessed: 2026-01-06",
        PURGE,
        GULAG,
        HOLODOMOR,
        COLLECTIVIZATION,
        DESTALINIZATION,
        "- [World History Encyclopedia](https://www.worldhistory.org/)"
        " | type: secondary | accessed: 2026-01-06",
        STANFORD,
        SCIENCES_PO,
    )
)

TO_CONFIDENCE = "\n\n---\n\n## Confidence Assessment\n**Overall**: "


# --- sections of the reference dossier

KEY_FIGURES_AND_CLASSIFICATION = """## Key Figures
- **Joseph Stalin** — General Secretary, later Premier and Supreme Commander
- **Leon Trotsky** — Revolutionary leader, defeated rival, exiled 1929, assassinated 1940
- **Nikolai Bukharin** — Former ally, executed 1938
- **Lev Kamenev & Grigory Zinoviev** — Early allies turned rivals, executed 1936
- **Lavrentiy Beria** — Head of NKVD (1938-1953)
- **Nikolai Yezhov** — Head of NKVD during Great Terror (1936-1938)
- **Vyacheslav Molotov** — Foreign Minister
- **Georgy Zhukov** — Military commander during WWII

## Classification
Communist totalitarian regime characterized by:
- One-party rule with no political opposition permitted
- Extensive secret police apparatus (NKVD)
- Gulag forced labor camp system
- Cult of personality around Stalin
- State control of all media and information
- Mass political repression and purges
"""


def swap_first_two_sections(text: str) -> str:
    key_figures, classification = text.split("\n\n## Classification\n")
    return f"## Classification\n{classification}\n{key_figures}\n"


AFTERMATH_BODY = """**Stalin's Death**: March 5, 1953

**Immediate Aftermath**:
- Power vacuum created
- Collective leadership formed:
  - **Georgi Malenkov**: Premier
  - **Lavrentiy Beria**: Head of Ministry of Interior
  - **Nikita Khrushchev**: First Secretary of Central Committee

**Beria's Fall**:
- Started freeing Gulag prisoners
- Arrested June 26, 1953
- Executed December 23, 1953
"""

OVERVIEW_TABLE = """| Field | Value |
|-------|-------|
| **Country/Region** | Soviet Union (USSR) |
| **Dates** | 1924-1953 |
| **Leader(s)** | Joseph Stalin (1878-1953) |
| **Type** | Communist / Totalitarian one-party state |
| **Duration** | 29 years |
| **Estimated Death Toll** | 6-20 million (scholarly range); some estimates higher |
"""
