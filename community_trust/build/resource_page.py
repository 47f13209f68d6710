"""A resource page, built as nodes in one place from its record.

A contributor writes the front matter and three sections; :class:`BuildResourcePage` adds the
rest from the checked record (review date, keyword index, lead, key facts, "How to get it",
"Related resources"). Parts that differ by output are :class:`resource_part` placeholders
resolved at ``doctree-resolved`` (``sphinx.ext.todo``'s pattern).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from community_trust.build import cards, citation
from community_trust.build.domain import CollectionDomain
from community_trust.build.markup import doc_link, external_link, heading_section, joined, labelled
from community_trust.build.notice import ACCESS_PAGE, STATUS_CLASS, members_only_notice, status_notice
from community_trust.build.output import Output, output_of
from community_trust.build.staleness import TOPIC_LIST, navigation_key, resource_key, topic_key
from community_trust.pages import layout
from community_trust.pages.layout import HOW_TO_GET_IT, RELATED_RESOURCES
from community_trust.pages.problems import Kind
from community_trust.pages.schema import (
    IDENTIFIER_SCHEMES,
    RESOURCE_TYPES,
    UNPAGED_TYPES,
    Resource,
    format_date,
)

logger = logging.getLogger(__name__)

FACTS_CLASS = "ctr-facts"
LEAD_CLASS = "ctr-lead"
REVIEWED_CLASS = "ctr-reviewed"
#: the id of the lead sentence, where the keywords' index entries point
KEYWORDS_ID = "keywords"
#: related resources shown when the front matter names none: the first few of the home topic
RELATED_FALLBACK = 3
COPY_NOTE = " (seen only in a copy hosted by a third party)"

#: :class:`resource_part` placeholders: the review date on the site, the QR code in print
REVIEWED = "reviewed"
PRINT_CODE = "print-code"


class resource_part(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A part of a resource page that each builder shows its own way (or not at all)."""


def resource_for(env: BuildEnvironment, docname: str) -> Resource | None:
    """The checked record of a resource page, or None (another page, or broken front matter)."""
    return CollectionDomain.of(env).collection.resource_at(docname)


# --- the parts, as nodes -------------------------------------------------------------

def _fact(resource: Resource, field: str, value: list[nodes.Node]) -> list[nodes.Node]:
    """The value, marked when it comes only from a copy, or shown with the sources' disagreement."""
    if value and field in resource.copy_only:
        value = [*value, nodes.Text(COPY_NOTE)]
    conflict = resource.conflict_for(field)
    if conflict is None:
        return value
    disagree = "; ".join(conflict.values)
    if value:
        return [*value, nodes.Text(f" (sources disagree: {disagree})")]
    return [nodes.Text(f"Sources disagree: {disagree}")]


def key_facts(resource: Resource, env: BuildEnvironment) -> nodes.container:
    """Publisher, date, type, length, identifiers, topics and access, as a field list."""
    topics = CollectionDomain.of(env).collection.topics
    docname = env.docname

    def text(value: str) -> list[nodes.Node]:
        return [nodes.Text(value)] if value else []

    facts: list[tuple[str, list[nodes.Node]]] = [
        ("Publisher", _fact(resource, "publisher", text(resource.publisher or "not known")))]
    if resource.partners or resource.conflict_for("partners"):
        facts.append(("Partners", _fact(resource, "partners", text("; ".join(resource.partners)))))
    if resource.authors or resource.conflict_for("authors"):
        facts.append(("Authors", _fact(resource, "authors", text("; ".join(resource.authors)))))
    facts.append((resource.date_label, _fact(resource, "date", text(format_date(resource.date) or "not known"))))
    facts.append(("Type", _fact(resource, "type", text(RESOURCE_TYPES[resource.type]))))
    if resource.type not in UNPAGED_TYPES or resource.pages:
        length = f"{resource.pages} pages" if resource.pages else ("" if resource.conflict_for("pages") else "not known")
        facts.append(("Length", _fact(resource, "pages", text(length))))
    if resource.conflict_for("volumes"):
        facts.append(("Volumes", _fact(resource, "volumes", [])))
    if resource.identifiers:
        facts.append(("Identifiers", _fact(resource, "identifiers", text("; ".join(
            f"{IDENTIFIER_SCHEMES[s]} {v}" for s, v in resource.identifiers)))))
    if resource.also_known_as:
        facts.append(("Other titles", joined((nodes.emphasis(t, t) for t in resource.also_known_as), "; ")))
    facts.append(("Topics", joined((doc_link(topics[t].docname, topics[t].title, docname)
                                    for t in resource.topics if t in topics), ", ")))
    access: list[nodes.Node] = [nodes.Text(resource.access_label)]
    if resource.members_only:
        access += [nodes.Text(" ("), doc_link(ACCESS_PAGE, "how access works", docname), nodes.Text(")")]
    facts.append(("Access", access))

    field_list = nodes.field_list(classes=["myst"])
    for label, value in facts:
        field_list += nodes.field("", nodes.field_name(label, label),
                                  nodes.field_body("", nodes.paragraph("", "", *value)))
    return nodes.container("", field_list, classes=[FACTS_CLASS])


def status_sources(resource: Resource) -> list[str]:
    """The labels of the sources whose ``backs`` name the resource's status."""
    return [s.label for s in resource.sources if resource.status and resource.status in s.backs.casefold()]


def status_box(resource: Resource, docname: str, titles: dict[str, str]) -> status_notice:
    """The notice at the top of a superseded or withdrawn resource's page."""
    title = resource.status_label
    notice = status_notice(classes=[STATUS_CLASS, f"{STATUS_CLASS}-{resource.status}"], label=title)
    notice += nodes.title(title, title)
    successor = resource.superseded_by
    text = nodes.paragraph()
    if resource.status == "superseded" and successor is not None:
        text += nodes.Text("This resource has been replaced by ")
        if successor.in_collection:
            text += doc_link(layout.resource_docname(successor.slug), titles.get(successor.slug, successor.slug),
                             docname)
        else:
            text += nodes.emphasis(successor.title, successor.title)
            text += nodes.Text(f" ({successor.publisher}, {format_date(successor.date)}), at ")
            text += external_link(successor.url)
        text += nodes.Text(". The collection keeps this page for the record; for current practice, use what replaced it.")
    else:
        text += nodes.Text("Its publisher has withdrawn this document. The collection keeps this page for the "
                           "record; do not rely on it as current guidance.")
    notice += text
    labels = status_sources(resource)
    if labels:
        said = "Source for this status: " if len(labels) == 1 else "Sources for this status: "
        notice += nodes.paragraph("", said + "; ".join(labels) + ".")
    return notice


def keyword_index(resource: Resource) -> addnodes.index:
    """Main index entries for the keywords: the general index, the binders' back-of-book
    index and Sphinx's search (where index entries rank first)."""
    return addnodes.index(entries=[("single", keyword, KEYWORDS_ID, "main", None) for keyword in resource.keywords])


def how_to_get_it(resource: Resource, env: BuildEnvironment) -> list[nodes.Node]:
    """Addresses, access, how to cite it, where the facts come from, when the page was reviewed."""
    docname = env.docname
    parts: list[nodes.Node] = []
    if resource.url:
        parts.append(labelled("Official address:", " ", external_link(resource.url)))
    else:
        parts.append(labelled("Official address:", " not known. The sources give no address for the document "
                                                   "on the publisher's own site."))
    if resource.alternate_urls:
        parts.append(labelled("Other public copies and records:"))
        parts.append(bullets([nodes.Text(f"{link.label}: "), external_link(link.url)]
                             for link in resource.alternate_urls))
    if resource.members_only:
        parts.append(labelled("Access:", " only IACP members and IACP Net customers can open it; see ",
                              doc_link(ACCESS_PAGE, "IACP and member access", docname), "."))
    elif not resource.public_copy_known:
        parts.append(labelled("Access:", " no source marks it as restricted to members, but none gives an "
                                         "address for a public copy, so no public copy has been verified."))
    if resource.addresses_note:
        parts.append(labelled("Addresses:", f" {resource.addresses_note}"))
    parts.append(labelled("Cite as", " (APA, 7th edition):"))
    parts += [citation.apa_paragraph(env, resource), citation.citation_downloads(slug=resource.slug)]
    parts.append(labelled("Where these facts come from:"))
    parts.append(bullets(_source_line(source.label, source.url, source.backs) for source in resource.sources))
    review = (f"In the collection since {format_date(resource.added)}. "
              f"This page was last reviewed against its sources on {format_date(resource.reviewed)}.")
    if resource.review_note and resource.revised:
        review += f" What changed: {resource.review_note.rstrip('.')}."
    parts.append(nodes.paragraph("", "", nodes.emphasis(review, review)))
    return parts


def _source_line(label: str, url: str, backs: str) -> list[nodes.Node]:
    line: list[nodes.Node] = [nodes.Text(label)]
    if url:
        line += [nodes.Text(": "), external_link(url)]
    if backs:
        line.append(nodes.Text(f" (backs: {backs})"))
    return line


def bullets(items: Iterable[list[nodes.Node]]) -> nodes.bullet_list:
    """A bullet list, one paragraph per item (each item a list of nodes)."""
    found = nodes.bullet_list(bullet="-")
    for item in items:
        found += nodes.list_item("", nodes.paragraph("", "", *item))
    return found


def related(resource: Resource, domain: CollectionDomain, docname: str) -> nodes.Node:
    """Cards for the resources named in ``related``, or else the first few of the home topic."""
    collection = domain.collection
    chosen = [collection.resources[s] for s in resource.related if s in collection.resources]
    if chosen:
        domain.note_shows(docname, [resource_key(r.slug) for r in chosen])
    else:
        domain.note_shows(docname, [topic_key(resource.home_topic)])
        # the first few others: stop there, a topic may hold thousands
        chosen = list(islice((r for r in collection.resources_in(resource.home_topic) if r.slug != resource.slug),
                             RELATED_FALLBACK))
    if not chosen:
        return nodes.paragraph("", "No related resource in the collection yet.")
    return cards.grid(cards.resource_card(r) for r in chosen)


class BuildResourcePage(SphinxTransform):
    """Add the generated parts of a resource page to what its contributor wrote."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        resource = resource_for(self.env, docname)
        top = next(iter(self.document.findall(nodes.section)), None)
        if resource is None or top is None or not top.children or not isinstance(top[0], nodes.title):
            return
        domain = CollectionDomain.of(self.env)
        domain.note_shows(docname, [TOPIC_LIST, navigation_key(resource.home_topic)])
        index = keyword_index(resource)
        index.source, index.line = top[0].source, top[0].line
        lead = nodes.container("", nodes.paragraph("", resource.description), classes=[LEAD_CLASS], ids=[KEYWORDS_ID])
        self.document.ids.setdefault(KEYWORDS_ID, lead)
        top[1:1] = [resource_part(part=REVIEWED), index, lead]
        if resource.status:
            successor = resource.superseded_by
            titles = {}
            if successor is not None and successor.slug in domain.collection.resources:
                titles[successor.slug] = domain.collection.resources[successor.slug].title
                domain.note_shows(docname, [resource_key(successor.slug)])
            top.insert(1, status_box(resource, docname, titles))
        # the key facts follow the member-only notice, which the page rules keep right under the title
        after = top.index(lead) + 1
        if len(top) > after and isinstance(top[after], members_only_notice):
            after += 1
        top[after:after] = [key_facts(resource, self.env), resource_part(part=PRINT_CODE, slug=resource.slug)]
        top += self.section(HOW_TO_GET_IT, how_to_get_it(resource, self.env))
        top += self.section(RELATED_RESOURCES, [related(resource, domain, docname)])

    def section(self, title: str, content: list[nodes.Node]) -> nodes.section:
        return heading_section(self.document, title, content)


def resolve_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the review date on the site; every part a builder does not show, gone."""
    resource = resource_for(app.env, docname)
    for part in list(doctree.findall(resource_part)):
        if part["part"] == REVIEWED and output_of(app.builder) is Output.SITE and resource is not None:
            line = nodes.paragraph("", "In the collection since ")
            line += nodes.strong(text=format_date(resource.added))
            line += nodes.Text(" · Last reviewed against its sources: ")
            line += nodes.strong(text=format_date(resource.reviewed))
            # no-search: the date is not what readers search for
            part.replace_self(nodes.container("", line, classes=[REVIEWED_CLASS, "no-search"]))
        else:
            part.parent.remove(part)


def check_notice(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a member-only page must carry the notice; a public one must not."""
    docname = app.env.docname
    resource = resource_for(app.env, docname)
    if resource is None:
        return
    notices = list(doctree.findall(members_only_notice))
    if resource.members_only and not notices:
        logger.warning(
            "this page is 'access: members-only' but has no notice; add a '```{members-only}' "
            "block before '## Summary' saying in one or two sentences what the public description says",
            location=(docname, resource.line_of("access")), **Kind.NOTICE.as_warning())
    elif not resource.members_only and notices:
        logger.warning(
            "the members-only notice is on a page marked 'access: public'; remove the notice "
            "or set 'access: members-only'",
            location=notices[0], **Kind.NOTICE.as_warning())


def setup(app: Sphinx) -> None:
    app.add_node(resource_part)
    app.add_transform(BuildResourcePage)
    app.connect("doctree-read", check_notice)
    app.connect("doctree-resolved", resolve_parts)
