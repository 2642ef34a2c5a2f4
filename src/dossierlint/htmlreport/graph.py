"""The Comparisons link graph: who compares to whom, and which links are not returned.

A link A -> B is `mutual` when B links back to A, `one-way` when B exists and
does not (a missing back-link), `absent` when no dossier B exists. The nodes
sit on a circle; past `MAX_DRAWN` dossiers the drawing is left out (it would be
a hairball) and the link list stands alone.
"""

from __future__ import annotations

import math

from dossierlint.records import Record

MAX_DRAWN = 80
SIZE = 640
RADIUS = 250


class Link(Record, frozen=True):
    source: str
    target: str
    kind: str
    """`mutual`, `one-way` (the target does not link back) or `absent` (no such dossier)."""


class Node(Record, frozen=True):
    slug: str
    x: float
    y: float
    present: bool


class Graph(Record):
    links: list[Link]
    nodes: dict[str, Node] | None
    """None when the collection is too large to draw."""
    size: int = SIZE

    def count(self, kind: str) -> int:
        return sum(1 for link in self.links if link.kind == kind)


def build_graph(links_of: dict[str, list[str]]) -> Graph:
    """`links_of`: slug -> the slugs its Comparisons link to, for every dossier reported."""
    links = []
    for source, targets in links_of.items():
        for target in dict.fromkeys(targets):
            if target not in links_of:
                kind = "absent"
            elif source in links_of[target]:
                kind = "mutual"
            else:
                kind = "one-way"
            links.append(Link(source, target, kind))
    slugs = list(links_of) + sorted({link.target for link in links if link.kind == "absent"})
    if len(slugs) > MAX_DRAWN or not links:
        return Graph(links, None)
    nodes = {}
    for index, slug in enumerate(slugs):
        angle = 2 * math.pi * index / len(slugs) - math.pi / 2
        x = round(SIZE / 2 + RADIUS * math.cos(angle), 1)
        y = round(SIZE / 2 + RADIUS * math.sin(angle), 1)
        nodes[slug] = Node(slug, x, y, slug in links_of)
    return Graph(links, nodes)
