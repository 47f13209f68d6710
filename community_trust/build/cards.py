"""Cross-reference cards: what a card says, and how each output shows a grid of them.

A :class:`card_grid` placeholder holds the cards; the site shows sphinx-design cards (built with
its own helpers), the binders a list with page numbers (``binders/assembly``), other builders a
plain list. Titles and texts are text nodes: nothing to escape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.nodes import make_refnode
from sphinx_design.cards import CardDirective
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import PassthroughTextElement, create_component

from community_trust.build.output import Output, output_of
from community_trust.pages.schema import ACCESS_LEVELS, RESOURCE_TYPES, Resource, Topic

GRID_CLASS = "ctr-cards"
CARD_CLASS = "ctr-card"
#: one column on phones, two from tablets up (sphinx-design's xs sm md lg)
COLUMNS = "1 1 2 2"
GUTTER = "3"
#: the list form of a grid (print and builders without sphinx-design)
LIST_CLASS = "ctr-card-list"


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
    if resource.status:  # replaced resources are kept, and say so wherever they are shown
        parts.insert(0, resource.status_label)
    if resource.members_only:
        parts.append(ACCESS_LEVELS[resource.access])
    if note:
        parts.append(note)
    return Card(resource.docname, resource.label, resource.description, " · ".join(parts),
                resource.title)


def topic_card(topic: Topic, count: int) -> Card:
    noun = "resource" if count == 1 else "resources"
    return Card(topic.docname, topic.title, topic.description, f"{count} {noun}")


class card_grid(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a grid of cards goes; each builder replaces it (``resolve_card_grids``).

    Its children hold each card's texts as text nodes, so that they get what
    every text of a page gets when it is read (typographic quotes, above all).
    """


class card_entry(nodes.General, nodes.Element):  # noqa: N801
    """One card of a :class:`card_grid`; ``docname`` is the page it links to."""


class card_title(nodes.General, nodes.TextElement):  # noqa: N801
    pass


class card_text(nodes.General, nodes.TextElement):  # noqa: N801
    pass


class card_footer(nodes.General, nodes.TextElement):  # noqa: N801
    pass


class card_link_text(nodes.General, nodes.TextElement):  # noqa: N801
    """The full name a screen reader announces for the card's link."""


#: a card's texts, in the placeholder, by the node class that holds each
_PARTS = {"title": card_title, "text": card_text, "footer": card_footer, "accessible_name": card_link_text}


def grid(cards: Iterable[Card]) -> card_grid:
    """The placeholder of a grid of ``cards``."""
    placeholder = card_grid()
    for card in cards:
        entry = card_entry(docname=card.docname)
        entry += [kind(getattr(card, name), getattr(card, name)) for name, kind in _PARTS.items()]
        placeholder += entry
    return placeholder


def cards_of(node: card_grid) -> list[Card]:
    """The cards of a placeholder, with their texts as the page's reading left them."""
    found = []
    for entry in node.findall(card_entry):
        texts = {name: next(iter(entry.findall(kind))).astext() for name, kind in _PARTS.items()}
        found.append(Card(entry["docname"], **texts))
    return found


# --- HTML: sphinx-design's cards ------------------------------------------------

def design_grid(cards: Iterable[Card], builder: Builder, fromdocname: str) -> nodes.container:
    """A sphinx-design grid of linked cards, as its ``grid`` and ``grid-item-card`` directives make it."""
    container = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4",
                                                    "no-search", GRID_CLASS])
    row = create_component("grid-row", ["sd-row", *row_columns_option(COLUMNS), *gutter_option(GUTTER)])
    container += row
    for card in cards:
        column = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
        column += design_card(card, builder, fromdocname)
        row += column
    return container


def design_card(card: Card, builder: Builder, fromdocname: str) -> nodes.container:
    """One card: title and text in the body, the footer, a link stretched over the whole card."""
    box = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover",
                                    CARD_CLASS])
    body = create_component("card-body", ["sd-card-body"])
    title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
    title += PassthroughTextElement("", "", nodes.Text(card.title))
    body += title
    body += nodes.paragraph("", card.text)
    CardDirective.add_card_child_classes(body)
    box += body
    if card.footer:
        footer = create_component("card-footer", ["sd-card-footer"])
        footer += nodes.paragraph("", card.footer, classes=["sd-card-text"])
        box += footer
    name = card.accessible_name or card.title
    link = make_refnode(builder, fromdocname, card.docname, "", nodes.inline(name, name, classes=["doc"]))
    link["classes"] = ["sd-stretched-link", "sd-hide-link-text"]
    box += PassthroughTextElement("", "", link)
    return box


# --- everything else: a list -----------------------------------------------------

def list_item(card: Card, link: nodes.Node, unlinked_note: str = "") -> nodes.list_item:
    """"Title: summary (footer)", the title being ``link`` (or followed by ``unlinked_note``)."""
    paragraph = nodes.paragraph()
    paragraph += link
    if unlinked_note:
        paragraph += nodes.Text(unlinked_note)
    paragraph += nodes.Text(": ")
    paragraph += nodes.Text(card.text)
    if card.footer:
        paragraph += nodes.Text(" ")
        paragraph += nodes.emphasis(card.footer, f"({card.footer})")
    return nodes.list_item("", paragraph)


def plain_list(cards: Iterable[Card], builder: Builder, fromdocname: str) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=[LIST_CLASS])
    for card in cards:
        title = nodes.strong(card.title, card.title)
        items += list_item(card, make_refnode(builder, fromdocname, card.docname, "", title))
    return items


def resolve_card_grids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: each grid as the builder shows it."""
    builder = app.builder
    for node in list(doctree.findall(card_grid)):
        cards = cards_of(node)
        if output_of(builder) is Output.SITE:
            node.replace_self(design_grid(cards, builder, docname))
        else:
            node.replace_self(plain_list(cards, builder, docname))


def setup(app: Sphinx) -> None:
    for node in (card_grid, card_entry, *_PARTS.values()):
        app.add_node(node)
    app.connect("doctree-resolved", resolve_card_grids)
