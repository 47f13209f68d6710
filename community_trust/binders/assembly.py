"""The shape of a print binder, as post-transforms on its assembled doctree (binders builder only).

Chapters and their resources, cards as lists with page numbers, links out of the binder as
text, each resource on a right-hand page with a QR code, unique ids and the keyword index.
Page numbers are written in when the binder's parts are laid out (``binders/pagination``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join
from sphinx.util.nodes import inline_all_toctrees, make_refnode

from community_trust.binders import packet_binder, qrcodes
from community_trust.build import cards
from community_trust.build.domain import collection_of
from community_trust.build.output import BINDERS_BUILDER
from community_trust.build.resource_page import PRINT_CODE, resource_part
from community_trust.pages import layout
from community_trust.pages.schema import Topic
from community_trust.settings import base_address

#: the builder these transforms shape (``print_builder.BinderBuilder.name``)
#: the chapter that holds the home page's own text in the whole-collection binder
ABOUT_TITLE = "About this collection"
CHAPTER_CLASS = "ctr-chapter"
RESOURCE_CLASS = "ctr-resource"
#: a link to a page outside the binder resolves to this prefix, then prints as text
OUTSIDE = "ctr-outside:"
#: section attribute → ``data-*`` attributes the print translator writes (running heads, source page)
DATA = "ctr_data"


def page_anchor(docname: str) -> str:
    """The id of the first section of a page in a binder (Sphinx's single-page convention)."""
    return f"document-{docname}"


def _binder_of(env: Any, root: str) -> tuple[bool, Topic | None]:
    """Whether ``root`` starts a binder, and the topic it is for (``None``: the whole collection)."""
    if root == env.config.root_doc:
        return True, None
    slug = layout.topic_slug(root)
    topic = collection_of(env).topics.get(slug) if slug is not None else None
    return topic is not None, topic


def _first_section(node: nodes.Element) -> nodes.section | None:
    return next((c for c in node.children if isinstance(c, nodes.section)), None)


def _own_pages(node: nodes.Element) -> list[addnodes.start_of_file]:
    """Pages a toctree inlined directly into ``node`` (not those of sub-pages)."""
    found: list[addnodes.start_of_file] = []
    for child in node.children:
        if isinstance(child, addnodes.start_of_file):
            found.append(child)
        elif isinstance(child, nodes.Element):
            found += _own_pages(child)
    return found


def _lift_included_pages(top: nodes.section) -> None:
    """Move the pages a page's toctree included up to that page's top level.

    A topic's toctree sits under its heading "Resources on this topic", so
    each resource would sit one level below it; moved up, each resource is a
    section of its topic's chapter. Left-over empty wrappers and headings go.
    """
    for page in _own_pages(top):
        holder = page.parent
        holder.remove(page)
        top.append(page)
        while holder is not top and not [c for c in holder.children if not isinstance(c, nodes.title)]:
            parent = holder.parent
            parent.remove(holder)
            holder = parent
    for page in [c for c in top.children if isinstance(c, addnodes.start_of_file)]:
        inner = _first_section(page)
        if inner is not None:
            _lift_included_pages(inner)


def _fix_parents(document: nodes.document) -> None:
    """``inline_all_toctrees`` moves children without updating their parent."""
    for page in document.findall(addnodes.start_of_file):
        for child in page.children:
            child.parent = page


def _data(node: nodes.Element, **values: str) -> None:
    node.setdefault(DATA, {}).update(values)


def _docname_of(node: nodes.Node, root: str) -> str:
    """The page a node was written on: its nearest enclosing ``start_of_file``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return str(parent["docname"])
        parent = parent.parent
    return root


class AssembleBinder(SphinxPostTransform):
    """Give each binder its final shape before references are resolved.

    The binder's start page becomes the first chapter (the whole collection's
    home text as "About this collection"), each topic a chapter, each resource a
    section of its topic. A topic binder also takes the resources filed under
    another topic, which no toctree of its own includes, and, as chapters after
    the topic, the collection's other pages its resources link to (such as "The
    IACP and Member Access", which every member-only notice points to).
    """

    default_priority = 3  # before ReferencesResolver (10): links into added pages resolve
    builders = (BINDERS_BUILDER,)

    def run(self, **kwargs: Any) -> None:
        root = self.env.docname
        is_binder, topic = _binder_of(self.env, root)
        slug = layout.packet_slug(root)
        packet = collection_of(self.env).packets.get(slug) if slug is not None else None
        top = _first_section(self.document)
        if not (is_binder or packet) or top is None:
            return
        _fix_parents(self.document)
        if topic is not None:
            self.add_secondary_resources(top, topic)
        _lift_included_pages(top)

        # the binder's title is on its title page (the print template); what
        # it holds starts one level down, at chapters
        wrapper = nodes.section("", classes=["ctr-binder"])
        self.document.replace(top, wrapper)
        wrapper += top
        top["ids"].insert(0, page_anchor(root))
        _data(top, docname=root)
        if packet is not None:
            packet_binder.assemble(self, packet, top, wrapper)
            self.add_linked_pages(wrapper)
        elif topic is None:
            top[0] = nodes.title(ABOUT_TITLE, ABOUT_TITLE)
            for page in [c for c in top.children if isinstance(c, addnodes.start_of_file)]:
                top.remove(page)
                wrapper += page
        else:
            self.add_linked_pages(wrapper)
        for page in wrapper.findall(addnodes.start_of_file):
            section = _first_section(page)
            if section is not None:
                section["ids"].insert(0, page_anchor(page["docname"]))
                _data(section, docname=page["docname"])
        for chapter in self.chapters(wrapper):
            chapter["classes"].append(CHAPTER_CLASS)
            _data(chapter, chapter=chapter[0].astext() if chapter.children else "")
        self.name_pages_left_out()

    @staticmethod
    def chapters(wrapper: nodes.section) -> list[nodes.section]:
        found = []
        for child in wrapper.children:
            section = _first_section(child) if isinstance(child, addnodes.start_of_file) else child
            if isinstance(section, nodes.section):
                found.append(section)
        return found

    @property
    def included(self) -> set[str]:
        """The pages in this binder (the builder's record for the binder being written)."""
        return self.app.builder.docnames  # type: ignore[attr-defined,no-any-return]

    def page(self, docname: str) -> addnodes.start_of_file:
        """A page added to the binder, the way a toctree would include it."""
        tree = inline_all_toctrees(self.app.builder, self.included, docname, self.env.get_doctree(docname),
                                   str, list(self.included))
        self.included.add(docname)
        page = addnodes.start_of_file(docname=docname)
        page.extend(tree.children)
        for section in page.findall(nodes.section):
            section.setdefault("docname", docname)
        return page

    def add_secondary_resources(self, top: nodes.section, topic: Topic) -> None:
        for resource in collection_of(self.env).resources_in(topic.slug):
            if resource.docname not in self.included:
                top += self.page(resource.docname)

    def doc_links(self) -> list[tuple[addnodes.pending_xref, str]]:
        """Every link to a page, with the page it names."""
        return [(node, docname_join(node.get("refdoc", self.env.docname), node["reftarget"]))
                for node in self.document.findall(addnodes.pending_xref) if node.get("reftype") == "doc"]

    def add_linked_pages(self, wrapper: nodes.section) -> None:
        while True:
            wanted = [docname for _, docname in self.doc_links()
                      if docname in self.env.all_docs and docname not in self.included
                      and docname not in (self.config.root_doc, layout.PACKET_LIST_PAGE)
                      and not docname.startswith((layout.RESOURCE_PREFIX, layout.TOPIC_PREFIX,
                                                  layout.PACKET_PREFIX))]
            if not wanted:
                return
            for docname in dict.fromkeys(wanted):
                wrapper += self.page(docname)

    def name_pages_left_out(self) -> None:
        """A link to a page outside this binder prints as text; one written
        without a title would print its bare target ("../catalog"), so it
        gets the page's title."""
        for node, docname in self.doc_links():
            if docname not in self.included and not node.get("refexplicit") and docname in self.env.titles:
                title = self.env.titles[docname].astext()
                node.children = []
                node += nodes.inline(title, title, classes=["doc"])


class CardsToList(SphinxPostTransform):
    """Card grids print as a list, "Title (page N): summary (footer)"
    (``cards.card_grid``). A card whose page is not in this binder says so
    instead of giving a page."""

    default_priority = 4  # after AssembleBinder: it adds pages, and cards
    builders = (BINDERS_BUILDER,)

    def run(self, **kwargs: Any) -> None:
        builder = self.app.builder
        included: set[str] = getattr(builder, "docnames", set())
        for grid in list(self.document.findall(cards.card_grid)):
            items = nodes.bullet_list(classes=[cards.LIST_CLASS])
            for card in cards.cards_of(grid):
                title = nodes.strong(card.title, card.title)
                if card.docname in included:
                    # linked by hand: a doc link's own resolution would drop the bold title
                    items += cards.list_item(card, make_refnode(builder, self.env.docname, card.docname, "", title))
                else:
                    items += cards.list_item(card, title, " (in the whole-collection binder)")
            grid.replace_self(items)


class UnlinkPagesLeftOut(SphinxPostTransform):
    """A link to a page this binder does not hold would lead nowhere on paper:
    its text stays, the link goes (the builder resolves such links to ``OUTSIDE``)."""

    default_priority = 15  # after ReferencesResolver (10)
    builders = (BINDERS_BUILDER,)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if str(reference.get("refuri", "")).startswith(OUTSIDE):
                reference.replace_self(nodes.inline("", "", *reference.children, classes=["ctr-elsewhere"]))


class ResourcePages(SphinxPostTransform):
    """Each resource starts on a right-hand page, names itself (short title)
    in the running head and carries a QR code under its key facts."""

    default_priority = 20
    builders = (BINDERS_BUILDER,)

    def run(self, **kwargs: Any) -> None:
        collection = collection_of(self.env)
        for page in list(self.document.findall(addnodes.start_of_file)):
            resource = collection.resource_at(page["docname"])
            section = _first_section(page)
            if resource is None or section is None:
                continue
            section["classes"].append(RESOURCE_CLASS)
            _data(section, resource=resource.label)
            for part in list(section.findall(resource_part)):
                if part["part"] == PRINT_CODE:
                    part.replace_self(qr_block(resource, base_address(self.config)))


def qr_block(resource: Any, base_url: str) -> nodes.container:
    """The code, what it leads to and its address in full (a code alone tells a reader nothing)."""
    target = qrcodes.qr_target(resource, base_url)
    block = nodes.container(classes=["ctr-qr"])
    if target is None:
        block["classes"].append("ctr-no-qr")
        block += nodes.paragraph("", "No QR code: the sources give no public address for this document. "
                                 "Ask its publisher for a copy.")
        return block
    block += nodes.image(uri=qrcodes.svg_data_uri(target.address), alt=qrcodes.alt_text(target),
                         classes=["ctr-qr-code"])
    caption = nodes.container(classes=["ctr-qr-caption"])
    caption += nodes.paragraph("", target.caption)
    caption += nodes.paragraph("", "", nodes.reference(target.address, target.address, refuri=target.address))
    block += caption
    return block


class FinishBinder(SphinxPostTransform):
    """The last steps, once every link is resolved: ids made unique across the
    binder's pages (each page has its own "Summary"), then the contents and
    the back-of-book index, both linking to those ids."""

    default_priority = 30
    builders = (BINDERS_BUILDER,)

    def run(self, **kwargs: Any) -> None:
        wrapper = next((n for n in self.document.findall(nodes.section) if "ctr-binder" in n["classes"]), None)
        if wrapper is None:
            return
        self.unique_ids()
        wrapper.insert(0, contents(wrapper))
        index = back_of_book_index(self.document, self.env.docname, self.app.builder)
        if index is not None:
            wrapper += index

    def unique_ids(self) -> None:
        seen: set[str] = set()
        renamed: dict[tuple[str, str], str] = {}
        root = self.env.docname
        for node in self.document.findall(nodes.Element):
            ids = node.get("ids")
            if not ids:
                continue
            docname = _docname_of(node, root)
            for position, old in enumerate(ids):
                new, number = old, 1
                while new in seen:
                    number += 1
                    new = f"{old}-{number}"
                seen.add(new)
                if new != old:
                    ids[position] = new
                    renamed.setdefault((docname, old), new)
        # a link to a section of a page: "#document-<page>#<id>"; within the binder, "#<id>"
        for reference in self.document.findall(nodes.reference):
            uri = str(reference.get("refuri", ""))
            if uri.startswith("#document-") and uri.count("#") == 2:
                page, anchor = uri[len("#document-"):].split("#")
                reference["refuri"] = "#" + renamed.get((page, anchor), anchor)


def contents(wrapper: nodes.section) -> nodes.section:
    """Chapters and the sections directly in them (resources, a page's
    parts), each linking to its heading; the stylesheet adds the page number."""
    section = nodes.section("", nodes.title("Contents", "Contents"), ids=["ctr-contents"],
                            classes=["ctr-contents", CHAPTER_CLASS])
    _data(section, chapter="Contents")
    chapters = nodes.bullet_list(classes=["ctr-contents-list"])
    for chapter in AssembleBinder.chapters(wrapper):
        item = nodes.list_item("", _contents_line(chapter, "ctr-contents-chapter"))
        inner = nodes.bullet_list()
        for child in chapter.children:
            sub = _first_section(child) if isinstance(child, addnodes.start_of_file) else child
            if isinstance(sub, nodes.section) and sub.children and isinstance(sub[0], nodes.title):
                inner += nodes.list_item("", _contents_line(sub, "ctr-contents-section"))
        if inner.children:
            item += inner
        chapters += item
    section += chapters
    return section


def _contents_line(section: nodes.section, css_class: str) -> nodes.paragraph:
    title = section[0].astext()
    return nodes.paragraph("", "", nodes.reference(title, title, refuri="#" + section["ids"][0],
                                                   classes=["ctr-contents-entry"]), classes=[css_class])


def back_of_book_index(document: nodes.document, root: str, builder: Builder) -> nodes.section | None:
    """The keywords of the binder's resources (their index entries), A to Z,
    each with the pages where its resources start."""
    pages: dict[str, list[str]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for node in document.findall(addnodes.index):
        docname = _docname_of(node, root)
        for entry in node["entries"]:
            kind, value = entry[0], entry[1]
            if kind != "single":
                continue
            key = value.casefold()
            spelling.setdefault(key, value)
            if docname not in pages[key]:
                pages[key].append(docname)
    if not pages:
        return None
    index = nodes.section("", nodes.title("Index", "Index"), ids=["ctr-index"],
                          classes=["ctr-index", CHAPTER_CLASS])
    _data(index, chapter="Index")
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(pages):
        first = key[0].upper()
        groups[first if first.isalpha() else "#"].append(key)
    columns = nodes.container(classes=["ctr-index-columns"])
    for letter, keys in sorted(groups.items()):
        group = nodes.section("", nodes.title(letter, letter), ids=[f"ctr-index-{letter.lower()}"],
                              classes=["ctr-index-group"])
        entries = nodes.bullet_list(classes=["ctr-index-entries"])
        for key in keys:
            line = nodes.paragraph("", spelling[key] + ", ")
            for position, docname in enumerate(pages[key]):
                if position:
                    line += nodes.Text(", ")
                # the number is the page's, written in by binders/pagination, printed by the stylesheet
                title = builder.env.titles[docname].astext() if docname in builder.env.titles else docname
                line += nodes.reference("", "", refuri="#" + page_anchor(docname), classes=["ctr-index-page"],
                                        reftitle=title)
            entries += nodes.list_item("", line)
        group += entries
        columns += group
    index += columns
    return index
