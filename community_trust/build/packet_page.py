"""Training packets on the site: the packet page, the list of packets, and "Used in the packet …".

A packet's author writes the front matter and the session plan (``pages/packets``); the
:class:`BuildPacketPage` transform adds, from the records, the session's details and, in the
packet's order, each resource's card, key facts, member-only notice and the questions the
packet chose for it. The questions are a :class:`packet_part` placeholder: the packet binders
move them beside the resource's own pages (``binders/assembly``), every other output shows them
where they are (``sphinx.ext.todo``'s pattern).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from community_trust.build import cards
from community_trust.build.domain import CollectionDomain
from community_trust.build.markup import (
    CollectionDirective,
    doc_link,
    heading_section,
    hidden_toctree,
    joined,
    labelled,
)
from community_trust.build.notice import ACCESS_PAGE, NOTICE_TITLE, STANDARD_TEXT, members_only_notice
from community_trust.build.resource_page import FACTS_CLASS, LEAD_CLASS, bullets
from community_trust.build.staleness import PACKET_LIST, resource_key, training_key, used_in_key
from community_trust.pages import layout
from community_trust.pages.layout import PACKET_RESOURCES
from community_trust.pages.packets import TRAINING_SECTION, Packet, PacketItem
from community_trust.pages.schema import RESOURCE_TYPES, Resource

PACKET_CLASS = "ctr-packet"
ITEM_CLASS = "ctr-packet-item"
QUESTIONS_CLASS = "ctr-packet-questions"
USED_IN_CLASS = "ctr-used-in"
#: what every packet page says of itself: the format and length are the author's, the facts the pages'
DESIGN_NOTE = ("The format, length and plan are this packet's own design, not facts about any document. "
               "What it says of each resource comes from that resource's page in the collection.")


class packet_part(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A packet's questions for one resource (``slug``); where they show depends on the output."""


def packet_card(packet: Packet) -> cards.Card:
    count = len(packet.items)
    footer = f"{packet.format_label} · {packet.length_label} · {count} resource{'s' if count != 1 else ''}"
    return cards.Card(packet.docname, packet.title, packet.description, footer)


class PacketList(CollectionDirective):
    """``{packet-list}``: a card per packet, and the packets' toctree."""

    def run(self) -> list[nodes.Node]:
        packets = self.collection.sorted_packets()
        self.shows(PACKET_LIST)
        toctree = hidden_toctree([p.docname for p in packets], self.env.docname, caption="Training packets")
        self.set_source_info(toctree[0])
        if not packets:
            return [toctree, nodes.paragraph("", "No training packet has been written yet.")]
        return [toctree, cards.grid(packet_card(p) for p in packets)]


# --- the packet page ----------------------------------------------------------------

def session_details(packet: Packet) -> nodes.container:
    """What the session is for, its format, length, audience and author, as a field list."""
    count = len(packet.items)
    facts = [("Purpose", packet.purpose), ("Format", packet.format_label), ("Length", packet.length_label),
             ("For", packet.audience), ("Prepared by", packet.prepared_by),
             ("Resources", f"{count}, in the order the session uses them")]
    field_list = nodes.field_list(classes=["myst"])
    for label, value in facts:
        field_list += nodes.field("", nodes.field_name(label, label),
                                  nodes.field_body("", nodes.paragraph("", value)))
    return nodes.container("", field_list, classes=[FACTS_CLASS, "ctr-session"])


def questions(item: PacketItem, resource: Resource) -> packet_part:
    """The packet's questions for one resource: those chosen from its page, then those written for the packet."""
    part = packet_part(slug=item.resource)
    part += labelled("Questions for the room")
    chosen = [n for n in item.training if 0 < n <= len(resource.training)]
    if chosen:
        part += nodes.paragraph("", f"From the resource page's “{TRAINING_SECTION}”:")
        part += bullets([nodes.Text(resource.training[n - 1]), nodes.emphasis("", f" (question {n})")]
                        for n in chosen)
    if item.questions:
        part += nodes.paragraph("", "Written for this packet:")
        part += bullets([nodes.Text(q)] for q in item.questions)
    return part


def access_notice(item: PacketItem, resource: Resource, docname: str) -> members_only_notice:
    """The member-only notice where the resource appears, with what the packet's author says of access."""
    notice = members_only_notice(classes=["ctr-members-only"], label=f"{NOTICE_TITLE}: {resource.label}")
    notice += nodes.title(NOTICE_TITLE, NOTICE_TITLE)
    notice += nodes.paragraph("", STANDARD_TEXT, doc_link(ACCESS_PAGE, "how access works", docname),
                              nodes.Text("."))
    if item.access_note:
        notice += labelled("In this session:", f" {item.access_note}")
    return notice


def collection_topics(env: Any) -> dict[str, Any]:
    return CollectionDomain.of(env).collection.topics


def card_facts(resource: Resource, topics: dict[str, Any], docname: str) -> nodes.container:
    """The key facts a card stands for (``Resource.card_view``, so an edit re-reads the packet):
    publisher, year, type, topics and access, with how access works for a member-only one."""
    access: list[nodes.Node] = [nodes.Text(resource.access_label)]
    if resource.members_only:
        access += [nodes.Text(" ("), doc_link(ACCESS_PAGE, "how access works", docname), nodes.Text(")")]
    facts: list[tuple[str, list[nodes.Node]]] = [
        ("Publisher", [nodes.Text(resource.publisher or "not known")]),
        ("Year", [nodes.Text(resource.year or "not known")]),
        ("Type", [nodes.Text(RESOURCE_TYPES[resource.type])]),
        ("Topics", joined((doc_link(topics[t].docname, topics[t].title, docname)
                           for t in resource.topics if t in topics), ", ")),
        ("Access", access)]
    field_list = nodes.field_list(classes=["myst"])
    for label, value in facts:
        field_list += nodes.field("", nodes.field_name(label, label),
                                  nodes.field_body("", nodes.paragraph("", "", *value)))
    return nodes.container("", field_list, classes=[FACTS_CLASS])


class BuildPacketPage(SphinxTransform):
    """Add the generated parts of a packet page to the session plan its author wrote."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        slug = layout.packet_slug(docname)
        domain = CollectionDomain.of(self.env)
        collection = domain.collection
        packet = collection.packets.get(slug) if slug is not None else None
        top = next(iter(self.document.findall(nodes.section)), None)
        if packet is None or top is None or not top.children or not isinstance(top[0], nodes.title):
            return
        domain.note_shows(docname, [PACKET_LIST, *(key for item in packet.items
                                                   for key in (resource_key(item.resource),
                                                               training_key(item.resource)))])
        top["classes"].append(PACKET_CLASS)
        lead = nodes.container("", nodes.paragraph("", packet.description), classes=[LEAD_CLASS])
        note = nodes.paragraph("", "", nodes.emphasis(DESIGN_NOTE, DESIGN_NOTE))
        top[1:1] = [lead, session_details(packet), note]
        section = self.section(PACKET_RESOURCES, [])
        for number, item in enumerate(packet.items, start=1):
            resource = collection.resources.get(item.resource)
            if resource is not None:
                section += self.item(number, item, resource)
        top += section

    def item(self, number: int, item: PacketItem, resource: Resource) -> nodes.section:
        docname = self.env.docname
        content: list[nodes.Node] = [cards.grid([cards.resource_card(resource)])]
        if resource.members_only:
            content.append(access_notice(item, resource, docname))
        content += [card_facts(resource, collection_topics(self.env), docname), questions(item, resource)]
        section = self.section(f"{number}. {resource.label}", content)
        section["classes"].append(ITEM_CLASS)
        section["ctr_resource"] = resource.slug
        return section

    def section(self, title: str, content: list[nodes.Node]) -> nodes.section:
        return heading_section(self.document, title, content)


class UsedInPackets(SphinxTransform):
    """On a resource page, after its training questions: the packets that use it."""

    default_priority = 501  # after the resource page is built (``resource_page``, 500)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        slug = layout.resource_slug(docname)
        domain = CollectionDomain.of(self.env)
        if slug is None or slug not in domain.collection.resources:
            return
        domain.note_shows(docname, [used_in_key(slug)])
        using = domain.collection.packets_using(slug)
        if not using:
            return
        training = next((s for s in self.document.findall(nodes.section)
                         if s.children and isinstance(s[0], nodes.title) and s[0].astext() == TRAINING_SECTION), None)
        if training is None:
            return
        label = "Used in the training packet " if len(using) == 1 else "Used in the training packets "
        line = nodes.paragraph("", "", classes=[USED_IN_CLASS])
        line += nodes.strong(label.strip(), label.strip())
        line += nodes.Text(" ")
        line += joined((doc_link(p.docname, p.title, docname) for p in using), "; ")
        line += nodes.Text(".")
        training += line


def resolve_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the questions a binder did not move, shown where they are."""
    for part in list(doctree.findall(packet_part)):
        part.replace_self(nodes.container("", *part.children, classes=[QUESTIONS_CLASS]))


def setup(app: Sphinx) -> None:
    app.add_node(packet_part)
    app.add_directive("packet-list", PacketList)
    app.add_transform(BuildPacketPage)
    app.add_transform(UsedInPackets)
    app.connect("doctree-resolved", resolve_parts)
