"""Cross-dossier rules: links between dossiers, comparisons, file names, titles and tags.

The rules that look at other dossiers read the collection index (`ctx.collection`,
built once per run from the whole dossiers folder), so a file checked alone
still has its links resolved against every dossier. Without an index (the
engine used on bare text) those rules stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dossierlint import regex
from dossierlint.collection_facts import candidate_lines
from dossierlint.collection_index import Collection
from dossierlint.findings import Edit, Fix, Problem
from dossierlint.model import SLUG_PATTERN, TAG_PATTERN
from dossierlint.parse import CODE, COMMENT, WIKI_LINK, code_spans
from dossierlint.rules.base import Context, Example, joined_lines, rule
from dossierlint.rules.examples import HITLER, HITLER_COMPARISON, LENIN, MAO, MUSSOLINI
from dossierlint.suggest import similar

CLOSE_MATCH = 0.8
_SLUG = regex.compile(SLUG_PATTERN)
_TAG = regex.compile(TAG_PATTERN)
_NOT_SLUG_CHARS = regex.compile(r"[^a-z0-9]+")
_TOP_LEVEL_ITEM = regex.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_RELATIONSHIP = regex.compile(r"relationship:[ \t]*([^\s(]*)")
_TOKEN = regex.compile(r"\S+")


def slugify(text: str) -> str:
    """`Germany Hitler` -> `germany-hitler`: the slug a name most likely means."""
    return _NOT_SLUG_CHARS.sub("-", text.casefold()).strip("-")


def close_matches(name: str, candidates: frozenset[str] | tuple[str, ...]) -> list[str]:
    """Candidates `name` is probably a misspelling of, best first."""
    wanted = slugify(name) or name
    if wanted in candidates:
        return [wanted]
    return list(similar(wanted, candidates, CLOSE_MATCH))


def _did_you_mean(matches: list[str], prefix: str = "") -> str:
    if not matches:
        return ""
    return " (did you mean " + " or ".join(prefix + match for match in matches) + "?)"


def _unsafe_replacement(line: int, start: int, end: int, matches: list[str], prefix: str = ""):
    """An unsafe fix to the one close match; none when the guess is not unique."""
    if len(matches) != 1:
        return None
    return Fix((Edit(line, start, end, prefix + matches[0]),), safe=False)


def _links(ctx: Context) -> Iterator[tuple[int, re.Match[str]]]:
    """Every `[[slug]]` in the text outside code blocks, inline code and comments.

    The lines holding one are found with searches of the whole text (a link never
    spans a line break), not by a look at every line.
    """
    kinds = ctx.document.kinds
    for number, line in candidate_lines(joined_lines(ctx), WIKI_LINK):
        if kinds[number - 1] in (CODE, COMMENT):
            continue
        spans = code_spans(line) if "`" in line else []
        for match in WIKI_LINK.finditer(line):
            if not any(start <= match.start() < end for start, end in spans):
                yield number, match


def _top_level_comparisons(ctx: Context):
    """Comparison bullets that start a list item at the margin (not notes nested under one)."""
    for comparison in ctx.dossier.comparisons:
        if _TOP_LEVEL_ITEM.match(ctx.document.text_of(comparison.line)):
            yield comparison


@rule(
    "DL501",
    "missing-link",
    "warning",
    "A `[[slug]]` link names no dossier in the collection.",
    example=Example(
        good="[[germany-hitler]]",
        bad="[[germany-hitlr]]",
        others=(HITLER, MAO),
        fixed="[[germany-hitler]]",
    ),
    fix="unsafe",
)
def missing_link(ctx: Context) -> Iterator[Problem]:
    """Every `[[slug]]` names a dossier in the collection (`dossiers/SLUG.md`).
    Links resolve against the whole dossiers folder, even when `check` is
    given a single file, as pre-commit does.

    A link to a dossier nobody has written yet is a warning, not an error:
    like a red link on Wikipedia it marks a planned dossier. A collection
    that allows none sets `DL501 = "error"` under
    `[tool.dossierlint.severity]`. When the slug is a near miss of an
    existing one (`[[germany-hitlr]]`), the message suggests it; a unique
    suggestion is an unsafe fix (`--fix --unsafe-fixes`).

    ## Why is this bad?
    A link to a missing dossier leads nowhere; a misspelt slug hides a link that
    should resolve.

    ## How to fix
    Correct the slug, or write the dossier; `--fix --unsafe-fixes` applies a unique
    suggestion.

    ## Fix safety
    Unsafe: the slug is a guess (the one close match), so it is applied only with
    `--unsafe-fixes`; with several close matches there is no fix.
    """
    collection: Collection | None = ctx.collection
    if collection is None:
        return
    slugs = collection.slugs
    for number, match in _links(ctx):
        name = match.group(1).strip()
        if name in slugs:
            continue
        matches = close_matches(name, slugs)
        fix = _unsafe_replacement(number, match.start(1), match.end(1), matches)
        if matches:
            detail = _did_you_mean(matches)
        elif not _SLUG.match(name):
            detail = " (slugs are lowercase words joined by hyphens)"
        else:
            detail = f" yet (there is no {name}.md)"
        yield Problem(number, match.start() + 1, f"[[{name}]] names no dossier{detail}", fix)


@rule(
    "DL502",
    "unlinked-comparison",
    "error",
    "A comparison bullet does not link the dossier it compares with.",
    example=Example(
        good="- [[china-mao]] — relationship: structural",
        bad="- China under Mao — relationship: structural",
    ),
)
def unlinked_comparison(ctx: Context) -> Iterator[Problem]:
    """Each bullet under Comparisons starts with the `[[slug]]` of the dossier
    it compares with, e.g. `- [[germany-hitler]] — relationship: thematic
    (totalitarian comparison)`, so readers and programs can follow it.

    ## Why is this bad?
    Without the link, readers and programs cannot follow the comparison to the other
    dossier.

    ## How to fix
    Start the bullet with the `[[slug]]` of the dossier compared with.
    """
    for comparison in _top_level_comparisons(ctx):
        if comparison.slug is None:
            yield Problem(
                comparison.line,
                comparison.column,
                "comparison names no dossier: start the bullet with [[slug]]",
            )


@rule(
    "DL503",
    "missing-relationship",
    "error",
    "A comparison bullet has no `relationship: KIND`.",
    example=Example(
        good="— relationship: structural (communist successor state)",
        bad="— communist successor state",
    ),
)
def missing_relationship(ctx: Context) -> Iterator[Problem]:
    """Each comparison says how the two regimes relate: `relationship: KIND`
    after the link, with KIND from `relationship_kinds` in the house rules
    (thematic, structural, contemporary, influence, successor, predecessor),
    then an optional note in parentheses.

    ## Why is this bad?
    The kind of relationship is what the comparison is about; programs select
    comparisons by it.

    ## How to fix
    Add `relationship: KIND` after the link, with a house kind.
    """
    kinds = ", ".join(ctx.house_rules.vocabulary("relationship_kinds"))
    for comparison in _top_level_comparisons(ctx):
        if not comparison.relationship:
            yield Problem(
                comparison.line,
                comparison.column,
                f"comparison has no 'relationship: KIND' (KIND is one of: {kinds})",
            )


@rule(
    "DL504",
    "unknown-relationship",
    "error",
    "A comparison's relationship is not in the house vocabulary.",
    example=Example(
        good="relationship: structural",
        bad="relationship: structurel",
        fixed="relationship: structural",
    ),
    fix="unsafe",
)
def unknown_relationship(ctx: Context) -> Iterator[Problem]:
    """The KIND in `relationship: KIND` is one of `relationship_kinds` in the
    house rules. A near miss (`structurel`, `Thematic`) is reported with the
    kind it probably means, as an unsafe fix.

    ## Why is this bad?
    Programs select comparisons by kind; an unknown kind is not found.

    ## How to fix
    Use a house kind; `--fix --unsafe-fixes` applies the suggested one.

    ## Fix safety
    Unsafe: the kind is a guess (the one close match), so it is applied only with
    `--unsafe-fixes`.
    """
    kinds = ctx.house_rules.vocabulary("relationship_kinds")
    for comparison in _top_level_comparisons(ctx):
        kind = comparison.relationship
        if not kind or kind in kinds:
            continue
        line = ctx.document.text_of(comparison.line)
        found = _RELATIONSHIP.search(line)
        start = found.start(1) if found else comparison.column - 1
        matches = close_matches(kind, kinds)
        yield Problem(
            comparison.line,
            start + 1,
            f"relationship '{kind}' is not one of: {', '.join(kinds)}{_did_you_mean(matches)}",
            _unsafe_replacement(comparison.line, start, start + len(kind), matches),
        )


@rule(
    "DL505",
    "self-comparison",
    "error",
    "A dossier lists itself under Comparisons.",
    example=Example(good="- [[china-mao]]", bad="- [[soviet-union-stalin]]"),
)
def self_comparison(ctx: Context) -> Iterator[Problem]:
    """A comparison links another dossier; a link to the dossier's own slug
    is usually a copy-and-paste slip.

    ## Why is this bad?
    A dossier compared with itself says nothing, and is usually a copy-and-paste
    slip.

    ## How to fix
    Link the dossier meant, or delete the bullet.
    """
    for comparison in ctx.dossier.comparisons:
        if comparison.slug == ctx.dossier.slug:
            yield Problem(
                comparison.line,
                comparison.column,
                f"[[{comparison.slug}]] is this dossier: a comparison links another one",
            )


@rule(
    "DL506",
    "one-way-comparison",
    "info",
    "A compared dossier does not compare back.",
    example=Example(
        good=HITLER_COMPARISON,
        bad=HITLER_COMPARISON
        + "- [[italy-mussolini]] — relationship: contemporary (rival dictatorship)\n",
        others=(HITLER, MUSSOLINI),
    ),
)
def one_way_comparison(ctx: Context) -> Iterator[Problem]:
    """Comparisons go both ways: when this dossier compares itself with
    `[[germany-hitler]]`, `germany-hitler.md` usually lists this one in its
    own Comparisons. An info only: a reader of the other dossier misses the
    link, but one-way comparisons can be deliberate.

    ## Why is this bad?
    A reader of the other dossier does not find the comparison.

    ## How to fix
    Add a comparison back to this dossier in the other one, or leave it one-way on
    purpose.
    """
    collection: Collection | None = ctx.collection
    if collection is None:
        return
    slug = ctx.dossier.slug
    section = ctx.house_rules.section_with("comparisons")
    for comparison in ctx.dossier.comparisons:
        links = collection.links_of(comparison.slug or "")
        if links is None or comparison.slug == slug or slug in links:
            continue
        yield Problem(
            comparison.line,
            comparison.column,
            f"{comparison.slug} does not compare back: its '## {section}' has no [[{slug}]]",
        )


@rule(
    "DL510",
    "invalid-file-name",
    "error",
    "The file name is not a slug (lowercase letters, digits, hyphens).",
    example=Example(good="soviet-union-stalin.md", bad="Soviet_Union_Stalin.md", file_name=True),
)
def invalid_file_name(ctx: Context) -> Iterator[Problem]:
    """A dossier's file name is its slug, the name other dossiers link to
    with `[[slug]]`: lowercase words and digits joined by single hyphens,
    country first, then leader or regime (`soviet-union-stalin.md`).

    ## Why is this bad?
    Other dossiers link to this one by its file name; a name that is not a slug
    cannot be linked.

    ## How to fix
    Rename the file to its slug (lowercase words and digits joined by hyphens).
    """
    slug = ctx.dossier.slug
    if _SLUG.match(slug):
        return
    hint = f": rename it {slugify(slug)}.md" if slugify(slug) else ""
    yield Problem(
        1, 1, f"file name '{slug}' is not a slug (lowercase letters, digits, hyphens){hint}"
    )


@rule(
    "DL511",
    "duplicate-title",
    "error",
    "Another dossier has the same title.",
    example=Example(
        good="# The Soviet Union Under Joseph Stalin\n",
        bad="# The Soviet Union Under Lenin\n",
        others=(LENIN,),
    ),
)
def duplicate_title(ctx: Context) -> Iterator[Problem]:
    """Titles tell dossiers apart in indexes and search results: no two
    share one (compared without regard to case and spacing). Two dossiers
    with one title are usually one regime written twice, or a copied file
    whose title was never changed.

    ## Why is this bad?
    Indexes and search results cannot tell the two dossiers apart; usually one
    regime is written twice.

    ## How to fix
    Merge the two dossiers, or give one the title it should have.
    """
    collection: Collection | None = ctx.collection
    title = ctx.dossier.title
    if collection is None or title is None or not title.text:
        return
    others = collection.same_title(title.text, ctx.dossier.slug)
    if others:
        names = ", ".join(f"{other}.md" for other in others)
        yield Problem(
            title.line, title.column, f"title '{title.text}' is also the title of {names}"
        )


def _tags_line(ctx: Context):
    """The footer's Tags line, and each token on it with its 0-based column (read once)."""
    return ctx.derived(_read_tags_line)


def _read_tags_line(ctx: Context):
    item = ctx.parsed.footer.get("Tags")
    if item is None:
        return None, []
    start = item.value_column - 1
    tokens = [(start + m.start(), m.group()) for m in _TOKEN.finditer(item.value)]
    return item, tokens


@rule(
    "DL520",
    "missing-required-tag",
    "error",
    "The Tags line lacks `#regime` (or another required tag).",
    example=Example(
        good="*Tags:* #regime #interwar-wwii",
        bad="*Tags:* #interwar-wwii",
        fixed="*Tags:* #regime #interwar-wwii",
    ),
    fix="safe",
)
def missing_required_tag(ctx: Context) -> Iterator[Problem]:
    """Every dossier carries the tags in `required_tags` of the house rules
    (`#regime`), which programs reading the collection select on. `--fix`
    adds the missing ones as the first tags.

    ## Why is this bad?
    Programs reading the collection select dossiers by the required tags; without
    one the dossier is left out.

    ## How to fix
    Add the missing tags to the Tags line, or run `--fix`.

    ## Fix safety
    Safe: the missing tags are inserted before the first tag; no tag is removed.
    """
    item, tokens = _tags_line(ctx)
    if item is None:
        return
    present = {token[1:] for _, token in tokens if token.startswith("#")}
    missing = [tag for tag in ctx.house_rules.vocabulary("required_tags") if tag not in present]
    if not missing:
        return
    added = " ".join(f"#{tag}" for tag in missing)
    text = ctx.document.text_of(item.line)
    if tokens:
        edit = Edit(item.line, tokens[0][0], tokens[0][0], added + " ")
    else:
        end = len(text.rstrip())
        edit = Edit(item.line, end, len(text), " " + added)
    yield Problem(
        item.line,
        item.value_column,
        f"tags lack {added} (every dossier carries {'it' if len(missing) == 1 else 'them'})",
        Fix((edit,)),
    )


@rule(
    "DL521",
    "malformed-tag",
    "error",
    "A tag is not `#` and lowercase words joined by hyphens.",
    example=Example(good="#interwar-wwii #europe", bad="#interwar-wwii #Europe"),
)
def malformed_tag(ctx: Context) -> Iterator[Problem]:
    """Tags are written `#word` or `#two-words`: a `#`, then lowercase
    letters and digits joined by single hyphens (`#interwar-wwii`, not
    `#Interwar_WWII` or `#interwar,`), separated by spaces.

    ## Why is this bad?
    Tags are matched exactly; a tag in another form does not match the vocabulary
    and splits one tag in two.

    ## How to fix
    Rewrite the tag as `#` and lowercase words joined by hyphens.
    """
    item, tokens = _tags_line(ctx)
    for column, token in tokens:
        if token.startswith("#") and _TAG.match(token[1:]):
            continue
        wanted = slugify(token)
        hint = f" (write #{wanted})" if wanted else ""
        if not token.startswith("#"):
            problem = f"'{token}' is not a tag: tags start with '#'{hint}"
        else:
            problem = f"tag '{token}' is not lowercase words joined by hyphens{hint}"
        yield Problem(item.line, column + 1, problem)


@rule(
    "DL522",
    "unknown-tag",
    "warning",
    "A tag is not in the house tag vocabulary.",
    example=Example(good="#europe #communist", bad="#europe #comunist", fixed="#europe #communist"),
    fix="unsafe",
)
def unknown_tag(ctx: Context) -> Iterator[Problem]:
    """Tags come from one shared vocabulary (`tags` in the house rules,
    `schema/house-rules.toml`), so that `#communist` finds every communist
    regime and not most of them. A new tag is added there first. A near
    miss of a known tag is reported with it, as an unsafe fix.

    ## Why is this bad?
    A tag outside the vocabulary splits a shared tag in two, so a search by tag
    misses dossiers.

    ## How to fix
    Use a vocabulary tag, or add the new tag to the house rules first; `--fix
    --unsafe-fixes` applies the suggested one.

    ## Fix safety
    Unsafe: the tag is a guess (the one close match), so it is applied only with
    `--unsafe-fixes`.
    """
    item, tokens = _tags_line(ctx)
    vocabulary = ctx.house_rules.vocabulary("tags")
    known = frozenset(vocabulary)
    for column, token in tokens:
        tag = token[1:]
        if not token.startswith("#") or not _TAG.match(tag) or tag in known:
            continue
        matches = close_matches(tag, vocabulary)
        yield Problem(
            item.line,
            column + 1,
            f"unknown tag #{tag}: not in the house tag vocabulary{_did_you_mean(matches, '#')}",
            _unsafe_replacement(item.line, column + 1, column + len(token), matches),
        )


RULES = (
    missing_link,
    unlinked_comparison,
    missing_relationship,
    unknown_relationship,
    self_comparison,
    one_way_comparison,
    invalid_file_name,
    duplicate_title,
    missing_required_tag,
    malformed_tag,
    unknown_tag,
)
