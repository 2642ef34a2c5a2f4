"""A three-dossier collection for the report tests, made from the reference dossier.

- soviet-union-stalin: the reference, linking to germany-hitler and china-mao;
  its Gulag line carries a planted impossible date (31 February 1930).
- germany-hitler: links back to soviet-union-stalin (a mutual link).
- china-mao: links to germany-hitler only, so soviet-union-stalin -> china-mao
  has no link back, and china-mao -> germany-hitler has none either.
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path

from conftest import Project, reference_text, replace_once

from dossierlint.config import load_config
from dossierlint.engine import FileJob, build_ruleset, file_context
from dossierlint.houserules import load_house_rules
from dossierlint.rules.dates.prose import prose_lines

PLANTED = "31 February 1930"
_GULAG = "- Formally organized as Gulag in 1930 under OGPU control"
_COMPARISONS = (
    "- [[germany-hitler]] — relationship: thematic (totalitarian comparison)\n"
    "- [[china-mao]] — relationship: structural (communist successor state)"
)
_TITLE = "# The Soviet Union Under Joseph Stalin"
_LEADER = "| **Leader(s)** | Joseph Stalin (1878-1953) |"


def _variant(title: str, leader: str, comparisons: str) -> str:
    text = replace_once(reference_text(), _TITLE, f"# {title}")
    text = replace_once(text, _LEADER, f"| **Leader(s)** | {leader} |")
    return replace_once(text, _COMPARISONS, comparisons)


def write_collection(project: Project) -> dict[str, Path]:
    stalin = replace_once(reference_text(), _GULAG, f"- Formally organized as Gulag on {PLANTED}")
    hitler = _variant(
        "Germany Under Adolf Hitler",
        "Adolf Hitler (1889-1945)",
        "- [[soviet-union-stalin]] — relationship: thematic (totalitarian comparison)",
    )
    mao = _variant(
        "China Under Mao Zedong",
        "Mao Zedong (1893-)",
        "- [[germany-hitler]] — relationship: thematic (mass mobilisation)",
    )
    return {
        "soviet-union-stalin": project.write("soviet-union-stalin.md", stalin),
        "germany-hitler": project.write("germany-hitler.md", hitler),
        "china-mao": project.write("china-mao.md", mao),
    }


def dated_items(project: Project, path: Path) -> int:
    """How many date items the date rules' prose scan finds in the file."""
    config = load_config(config_file=project.root / "pyproject.toml")
    house_rules = load_house_rules(config.house_rules)
    job = FileJob(path.name, path.name, path.stem, path.read_bytes())
    ctx = file_context(job, build_ruleset(config), house_rules, config=config)
    return sum(len(line.dates) for line in prose_lines(ctx))


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    nodes: list[Element | str] = field(default_factory=list)
    """Child elements and text, in document order."""

    @property
    def children(self) -> list[Element]:
        return [node for node in self.nodes if isinstance(node, Element)]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        return "".join(n if isinstance(n, str) else n.all_text() for n in self.nodes)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag and (cls is None or cls in e.classes)]

    def by_id(self, ident: str) -> Element | None:
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)


_VOID = {"meta", "br", "input", "link", "img", "hr", "col", "wbr", "source"}


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.nodes.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.nodes.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"unbalanced </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.nodes.append(data)


def parse_html(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}> in {path}"
    return builder.root
