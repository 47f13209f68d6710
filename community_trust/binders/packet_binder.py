"""A training packet's binder: the session plan, then each resource's pages with the packet's questions.

Called by ``assembly.AssembleBinder`` when the binder starts from a packet page. The packet page
becomes the chapter "Session plan"; its resources follow as sections of that chapter, in the
packet's order, each with the packet's questions moved beside its key facts (the
``packet_part`` placeholders of ``build/packet_page``); a chapter for the facilitator's notes
comes after them. Contents and index are added as in every binder (``FinishBinder``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from community_trust.build.packet_page import ITEM_CLASS, QUESTIONS_CLASS, packet_part
from community_trust.build.resource_page import FACTS_CLASS, PRINT_CODE, resource_part
from community_trust.pages.packets import Packet

SESSION_TITLE = "Session plan"
NOTES_TITLE = "Facilitator’s notes"
NOTES_CLASS = "ctr-notes"
#: the prompts of the notes page, each followed by ruled space to write in
NOTES_PROMPTS = ("Before the session: the room, the copies, the questions to ask first.",
                 "During the session: what the room said, and what to follow up.",
                 "After the session: what to change next time.")


def assemble(transform: Any, packet: Packet, top: nodes.section, wrapper: nodes.section) -> None:
    """Shape a packet binder: ``top`` is the packet page's section, ``wrapper`` the binder's."""
    top[0] = nodes.title(SESSION_TITLE, SESSION_TITLE)
    chosen: dict[str, packet_part] = {}
    for item in [s for s in top.findall(nodes.section) if ITEM_CLASS in s["classes"]]:
        for facts in [c for c in item.children if isinstance(c, nodes.container) and FACTS_CLASS in c["classes"]]:
            item.remove(facts)  # the resource's own pages follow, with its key facts
        for part in list(item.findall(packet_part)):
            part.parent.remove(part)
            chosen[part["slug"]] = part
    collection_resources = transform.env.domains["ctr"].collection.resources
    for item in packet.items:
        resource = collection_resources.get(item.resource)
        if resource is None or resource.docname in transform.included:
            continue
        page = transform.page(resource.docname)
        top += page
        section = next((c for c in page.children if isinstance(c, nodes.section)), None)
        if section is not None and item.resource in chosen:
            beside(section, chosen[item.resource], packet, item.access_note)
    wrapper += notes_page()


def beside(section: nodes.section, part: packet_part, packet: Packet, access_note: str = "") -> None:
    """The packet's questions right under the resource's key facts and QR code (with, for a
    member-only resource, what the packet says of access)."""
    box = nodes.container("", classes=[QUESTIONS_CLASS, "ctr-packet-questions-print"])
    box += nodes.paragraph("", "", nodes.strong("", f"In this session ({packet.title})"))
    if access_note:
        box += nodes.paragraph("", "", nodes.strong("", "Access: "), nodes.Text(access_note))
    box += [child.deepcopy() for child in part.children]
    codes = [index for index, child in enumerate(section.children)
             if isinstance(child, resource_part) and child["part"] == PRINT_CODE]
    facts = [index for index, child in enumerate(section.children)
             if isinstance(child, nodes.container) and FACTS_CLASS in child["classes"]]
    at = (codes or facts or [0])[0] + 1
    section.insert(at, box)


def notes_page() -> nodes.section:
    """A chapter with the prompts and ruled space for the facilitator's own notes."""
    section = nodes.section("", nodes.title(NOTES_TITLE, NOTES_TITLE), ids=["ctr-facilitator-notes"],
                            classes=[NOTES_CLASS])
    for prompt in NOTES_PROMPTS:
        section += nodes.paragraph("", prompt)
        section += nodes.container("", classes=["ctr-notes-space"])
    return section
