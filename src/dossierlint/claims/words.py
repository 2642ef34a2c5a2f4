"""Sentences, clauses and the words a claim is about: names, content words, predicates."""

from __future__ import annotations

import functools
import re

from dossierlint import regex


def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = _vocabulary(
    "c ca mr mrs ms dr st no vol gen col lt sgt capt jr sr prof rev e.g i.e vs etc jan feb "
    "mar apr aug sept sep oct nov dec fig approx est o.s n.s u.s u.k"
)
_SENTENCE_END = regex.compile(r"(?<=[.!?])[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])")
_CLAUSE_END = regex.compile(";")
_OLD_STYLE = regex.compile(
    r"[ \t]?[\[(](?:O\.[ \t]?S\.|N\.[ \t]?S\.|Old Style|New Style|OS|NS)[:,]?[^\])\n]{0,40}[\])]"
)
_WORD = regex.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’]*")
_RUN_GAPS = frozenset({" ", "-", "\u2010", "\u2013"})
# Link targets are bounded so that a long run of "](" without ")" stays linear.
_MARKUP = regex.compile(r"\*\*|__|`|\[\[|\]\]|\[|\]\([^)\s]{0,500}\)")
_LIST_MARKER = regex.compile(r"[ \t]{0,8}(?:[-*+]|[0-9]{1,3}[.)])[ \t]")

# Capitalised words that start sentences or label things without naming anyone.
_NOT_NAMES = _vocabulary(
    """a an the in on at by for from to of and or but as after before during since until
    when while with without within into under over this that these those there their his her
    its our we he she it they i you one two three four five six seven eight nine ten first
    second third last later early late some many most all both each other such no not also
    however although though thus then here following according among between about around
    nearly almost up more less over at least estimated official officially total new old
    january february march april may june july august september october november december
    spring summer autumn fall winter monday tuesday wednesday thursday friday saturday sunday
    end start beginning rise fall stage part key main immediate impact content occasion
    causes goals implementation resistance consequences death toll estimates notes overall
    recent most scholars source estimate category categories who what which why how was were
    is are be been had has have did do does will would could should may might must mr mrs
    dr general"""
)

STOPWORDS = _NOT_NAMES | _vocabulary(
    """year years month months day days time times people person man men women being made
    became become went came took gave given left like also very only just still even much
    number numbers"""
)

# Predicate families: a word belongs to the family of the longest stem it starts with.
PREDICATES: dict[str, tuple[str, ...]] = {
    "death": (
        "execut",
        "shot",
        "shoot",
        "kill",
        "murder",
        "assassinat",
        "liquidat",
        "hanged",
        "died",
        "dies",
        "death",
        "perish",
        "slain",
        "beheaded",
    ),
    "arrest": ("arrest", "detain", "detention", "imprison", "jailed", "captured"),
    "adopt": ("passed", "adopted", "enacted", "ratified", "approved", "promulgated"),
    "birth": ("born", "birth"),
    "sign": ("signed", "signing", "signature", "pact", "treaty", "armistice"),
    "invade": ("invade", "invasion", "invaded", "occupied", "occupation"),
    "deport": ("deport", "resettle", "expelled from the country"),
    "exile": ("exile", "banish"),
    "expel": ("expel", "expulsion"),
    "appoint": ("appoint", "named", "sworn"),
    "remove": ("oust", "deposed", "abdicat", "resign", "dismiss", "removed"),
    "found": (
        "founded",
        "founding",
        "established",
        "establishment",
        "created",
        "creation",
        "proclaim",
    ),
    "launch": ("launch", "initiated", "introduced", "inaugurat"),
    "coup": ("coup", "seized", "putsch", "overthr"),
    "trial": ("trial", "tried", "convicted", "sentenced"),
    "famine": ("famine", "starv", "holodomor"),
    "war": ("declared war", "war on"),
    "speech": ("speech", "address", "denounce"),
    "release": ("released", "freed", "pardoned", "rehabilitat"),
    "close": ("closed", "dissolved", "abolish", "disband"),
    "election": ("election", "elected", "referendum", "plebiscite", "vote", "voted"),
}
_STEMS = sorted(
    ((stem, family) for family, stems in PREDICATES.items() for stem in stems),
    key=lambda item: -len(item[0]),
)
_PHRASES = tuple((stem, family) for stem, family in _STEMS if " " in stem)
_FAMILY_OF = {stem: family for stem, family in reversed(_STEMS) if " " not in stem}
# Longest stems first, so that a word takes the family of the longest stem it starts with.
_STEM = regex.compile("|".join(re.escape(stem) for stem, _ in _STEMS if " " not in stem))


def clean(text: str) -> str:
    """Text with Markdown markup and Old Style/New Style asides removed.

    ``7 November [O.S. 25 October] 1917`` becomes ``7 November 1917``: the date
    grammar then reads the New Style date the aside interrupts.
    """
    text = _OLD_STYLE.sub("", text)
    marker = _LIST_MARKER.match(text)
    if marker:
        text = " " * marker.end() + text[marker.end() :]
    return _MARKUP.sub(" ", text)


def sentences(text: str) -> list[str]:
    """The sentences of a text: paragraphs split on sentence ends, abbreviations kept."""
    found = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            words = paragraph[start : match.start()].rsplit(None, 1)
            last = words[-1].rstrip(".").lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            found.append(paragraph[start : match.start()].strip())
            start = match.end()
        found.append(paragraph[start:].strip())
    return [sentence for sentence in found if sentence]


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of a sentence cut at semicolons."""
    pieces, start = [], 0
    for match in _CLAUSE_END.finditer(sentence):
        pieces.append((start, sentence[start : match.start()]))
        start = match.end()
    pieces.append((start, sentence[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


@functools.lru_cache(maxsize=65536)
def normal(word: str) -> str:
    """A word as compared: lower case, no possessive, no plural `s` on long words."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words(text: str) -> list[tuple[int, str]]:
    """(offset, word) for every word of a text."""
    return [(match.start(), match.group()) for match in _WORD.finditer(text)]


def name_runs(text: str) -> list[list[str]]:
    """Runs of consecutive names (`Nikolai Yezhov`, `NKVD`), each as normalised words.

    A name is a capitalised word that is not a common sentence starter, not a
    predicate, and, at the start of the text, not shaped like a verb or an
    adverb (`Arrested`, `Formally`). A possessive ends its run.
    """
    runs: list[list[str]] = []
    previous_end = None
    for index, (offset, word) in enumerate(words(text)):
        key = normal(word)
        if not _is_name(word, key, first=index == 0):
            previous_end = None
            continue
        if previous_end is not None and text[previous_end:offset] in _RUN_GAPS:
            runs[-1].append(key)
        else:
            runs.append([key])
        previous_end = None if word.endswith(("'s", "’s")) else offset + len(word)
    return runs


def _is_name(word: str, key: str, *, first: bool) -> bool:
    if not word[0].isupper() or len(key) < 2 or key in _NOT_NAMES:
        return False
    if predicate_family(word) is not None:
        return False
    return not (first and not word.isupper() and key.endswith(_VERB_ENDINGS))


# A capitalised first word ending so is a verb or an adverb (`Arrested`, `Formally`),
# not a name; `-ing` is not among them (Göring, Beijing).
_VERB_ENDINGS = ("ed", "ly")


def names(text: str) -> set[str]:
    """Every name word of a text (first names too)."""
    return {key for run in name_runs(text) for key in run}


def heads(text: str) -> set[str]:
    """The last word of every run of names: the surname, the acronym, the event's noun."""
    return {run[-1] for run in name_runs(text)}


_CAPITALISED = regex.compile(r"(?<![\w'’])[A-Z][\w'’]*")
_VALUE = regex.compile(
    r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty)"
    r"[ \t]+(?:hundred|thousand|million|billion)",
    re.IGNORECASE,
)


def capitalised(text: str) -> set[str]:
    """The capitalised words of a text, normalised: a cheap superset of its names."""
    return {normal(word) for word in _CAPITALISED.findall(text)} - _NOT_NAMES


def may_hold_value(text: str) -> bool:
    """Whether a text has a digit or a number word before a scale: else it states no value."""
    return _VALUE.search(text) is not None


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more that are not function words."""
    found = set()
    for _, word in words(text):
        key = normal(word)
        if len(key) >= 4 and key not in STOPWORDS:
            found.add(key)
    return found


@functools.lru_cache(maxsize=65536)
def predicate_family(word: str) -> str | None:
    """The predicate family a word belongs to (`executed` -> `death`), or None."""
    match = _STEM.match(word.lower())
    return _FAMILY_OF[match.group()] if match else None


def predicates(text: str) -> list[tuple[int, str]]:
    """(offset, family) of every predicate word or phrase in a text, in order."""
    lowered = text.lower()
    found = [(offset, family) for offset, word in words(text) if (family := predicate_family(word))]
    for phrase, family in _PHRASES:
        start = lowered.find(phrase)
        while start >= 0:
            found.append((start, family))
            start = lowered.find(phrase, start + 1)
    return sorted(found)
