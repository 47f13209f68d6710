"""Cross-reference cards, written as sphinx-design MyST markup.

Cards are generated as MyST text and parsed by the directive that shows
them, so they are ordinary sphinx-design grids with ``:link-type: doc``
links: a renamed page is a build error, not a dead link. Every grid carries
the ``no-search`` class, which Sphinx's indexer skips, so a topic page does
not match every query through the descriptions of its cards. The print
binders turn the grids into a list (see ``print_assembly.py``), because
sphinx-design has no print form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .schema import ACCESS_LEVELS, RESOURCE_TYPES, Resource, Topic

GRID_CLASS = "ctr-cards"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$])")


def escape(text: str) -> str:
    """Make contributor text safe to embed in generated MyST."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Card:
    """One card: a title that links to a page, a sentence, a footer line."""

    docname: str
    title: str
    text: str
    footer: str = ""
    #: full name for screen readers when ``title`` is shortened
    accessible_name: str = ""


def resource_card(resource: Resource, note: str = "") -> Card:
    """The card that stands for a resource anywhere in the collection."""
    parts = [RESOURCE_TYPES[resource.type], resource.year or "date not known"]
    if resource.members_only:
        parts.append(ACCESS_LEVELS[resource.access])
    if note:
        parts.append(note)
    return Card(resource.docname, resource.label, resource.description, " · ".join(parts),
                resource.title)


def topic_card(topic: Topic, count: int) -> Card:
    noun = "resource" if count == 1 else "resources"
    return Card(topic.docname, topic.title, topic.description, f"{count} {noun}")


def grid(cards: Iterable[Card], columns: str = "1 1 2 2") -> str:
    """MyST markup for a grid of linked cards."""
    lines = [f":::::{{grid}} {columns}", ":gutter: 3", f":class-container: no-search {GRID_CLASS}", ""]
    for card in cards:
        lines += [
            f"::::{{grid-item-card}} {escape(card.title)}",
            f":link: /{card.docname}",
            ":link-type: doc",
            f":link-alt: {card.accessible_name or card.title}",
            ":class-card: ctr-card",
        ]
        if card.footer:
            lines.append(f":footer: {escape(card.footer)}")
        lines += ["", escape(card.text), "::::", ""]
    lines.append(":::::")
    return "\n".join(lines)
