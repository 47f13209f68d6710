"""What is new in the collection: resources by the day they entered it, and pages revised since.

``{whats-new}`` lists the newest resources by ``added`` (the day they entered the collection, not
the document's date), grouped by month, each with its card, then the pages reviewed again since;
``:latest: N`` (the home page) shows only the newest N cards and a link. More: ARCHITECTURE.md,
"What's new and the feeds".
"""

from __future__ import annotations

import datetime
from urllib.parse import urljoin

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from community_trust.build import cards
from community_trust.build.markup import CollectionDirective, doc_link, external_link
from community_trust.build.staleness import EVERY_RESOURCE, REVISIONS, TOPIC_LIST
from community_trust.pages.schema import Resource, format_date
from community_trust.settings import base_address

#: the whole collection's feed (``site/feeds.py`` writes it)
COLLECTION_FEED = "feeds/community-trust-resources.atom"

#: the page that holds the list
WHATS_NEW_PAGE = "whats-new"
#: the newest this many resources are listed; the catalogue, sorted by date added, has the rest.
#: A page of every resource would be a second catalogue, and cost a large collection's build as much
NEWEST = 60
CATALOG_PAGE = "catalog"
REVISED_TITLE = "Revised pages"


def newest_first(resources: list[Resource]) -> list[Resource]:
    """By date added, newest first; resources added the same day by title."""
    by_title = sorted(resources, key=lambda r: r.label.casefold())
    return sorted(by_title, key=lambda r: r.added, reverse=True)


def revised_first(resources: list[Resource]) -> list[Resource]:
    """Resources whose page was reviewed again after it was added, newest review first."""
    by_title = sorted((r for r in resources if r.revised), key=lambda r: r.label.casefold())
    return sorted(by_title, key=lambda r: r.reviewed, reverse=True)


def month_of(date: str) -> str:
    """``2026-11-25`` → ``November 2026``."""
    return datetime.date(int(date[:4]), int(date[5:7]), 1).strftime("%B %Y")


def added_note(resource: Resource) -> str:
    return f"added to the collection {format_date(resource.added)}"


class WhatsNew(CollectionDirective):
    """``{whats-new}``: the collection's resources newest first, by month, and the revised pages apart."""

    option_spec = {"latest": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        self.shows(EVERY_RESOURCE, TOPIC_LIST, REVISIONS)
        resources = newest_first(list(self.collection.resources.values()))
        if not resources:
            return [nodes.paragraph("", "No resource is in the collection yet.")]
        latest = self.options.get("latest")
        if latest:
            more = nodes.paragraph("", "All additions and revisions, newest first: ")
            more += doc_link(WHATS_NEW_PAGE, "What’s new", self.env.docname)
            more += nodes.Text(".")
            return [cards.grid(cards.resource_card(r, note=added_note(r)) for r in resources[:latest]), more]
        parts: list[nodes.Node] = []
        base = base_address(self.config)
        if base:  # the feeds exist only with the collection's address (site/feeds.py)
            follow = nodes.paragraph("", "Follow the additions in a feed reader: ")
            follow += external_link(urljoin(base, COLLECTION_FEED))
            follow += nodes.Text(" (each topic has its own feed, linked from its page).")
            parts.append(follow)
        if len(resources) > NEWEST:  # before the sections: body text cannot follow a section
            older = nodes.paragraph("", f"These are the newest {NEWEST} of {len(resources)} resources; for all "
                                    "of them, choose “Newest added first” in the ")
            older += doc_link(CATALOG_PAGE, "catalogue", self.env.docname)
            older += nodes.Text(".")
            parts.append(older)
        months: dict[str, list[Resource]] = {}
        for resource in resources[:NEWEST]:
            months.setdefault(month_of(resource.added), []).append(resource)
        for month, group in months.items():
            parts.append(self.section(f"Added in {month}", [
                cards.grid(cards.resource_card(r, note=added_note(r)) for r in group)]))
        revised = revised_first(list(self.collection.resources.values()))[:NEWEST]
        if revised:
            items = nodes.bullet_list(bullet="-")
            for resource in revised:
                line = nodes.paragraph()
                line += doc_link(resource.docname, resource.title, self.env.docname)
                line += nodes.Text(f": reviewed again on {format_date(resource.reviewed)}")
                if resource.review_note:
                    line += nodes.Text(f"; what changed: {resource.review_note.rstrip('.')}.")
                else:
                    line += nodes.Text(".")
                items += nodes.list_item("", line)
            body: list[nodes.Node] = [
                nodes.paragraph("", "Pages checked against their sources again since they were added:"), items]
        else:
            body = [nodes.paragraph("", "No page has been revised since it was added.")]
        parts.append(self.section(REVISED_TITLE, body))
        return parts

    def section(self, title: str, content: list[nodes.Node]) -> nodes.section:
        """A section as MyST makes one for a heading, with a stable id."""
        section = nodes.section()
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.state.document.note_implicit_target(section, section)
        section += content
        self.set_source_info(section)
        return section


def setup(app: Sphinx) -> None:
    app.add_directive("whats-new", WhatsNew)
