"""The catalogue page: every resource in one table, and the filters that narrow it.

The table is plain docutils, so it prints and reads without JavaScript; the filters (topic, type, access,
status, years, text) are a :class:`catalog_filters` node that ``theme/static/catalog.js`` brings to life (a 4 kB script: a
table library would outweigh the page's budget). ``catalog.json``: ``site/catalog_files``.
"""

from __future__ import annotations

import json
from html import escape as html_escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from community_trust.build.citation import citation_downloads
from community_trust.build.markup import CollectionDirective, doc_link, joined, skip_node
from community_trust.build.staleness import CATALOG_DATA, EVERY_RESOURCE, TOPIC_LIST
from community_trust.pages import packets
from community_trust.pages.reader import Collection
from community_trust.pages.schema import ACCESS_LEVELS, RESOURCE_TYPES, STATUSES, Resource

#: the table's columns, and the filter data's name for each sortable one
COLUMNS = [("Title", "title"), ("Publisher", "publisher"), ("Year", "year"), ("Type", "type"),
           ("Topics", ""), ("Access", "access"), ("Status", "status")]
#: the order the form offers besides the table's (by title): newest added first
ORDERS = [("added", "Newest added first")]
#: the status column's word for a resource that is neither superseded nor withdrawn
CURRENT = "Current"
TABLE_CLASS = "ctr-catalog"
FILTERS_CLASS = "ctr-catalog-filters"


#: the file the "Start a training packet" button downloads, and what the page says of it
PACKET_FILE = "new-training-packet.md"
PACKET_HINT = (f"The button downloads {PACKET_FILE}: a training packet page with the resources shown, in the "
               "table's order, filled in. Save it in docs/packets/ under a name of its own, replace each TODO "
               "(make lint lists them) and propose it as CONTRIBUTING.md says.")


class catalog_filters(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The catalogue's filter form, count and row data; ``data`` holds them as JSON."""


def filter_data(resources: list[Resource], collection: Collection) -> dict[str, Any]:
    """What the form offers and what each row (in table order) is filtered by."""
    years = sorted({int(r.year) for r in resources if r.year})
    types = sorted({r.type for r in resources}, key=lambda t: RESOURCE_TYPES[t])
    return {
        "columns": [key for _, key in COLUMNS],
        "topics": [[t.slug, t.title] for t in collection.sorted_topics()],
        "types": [[t, RESOURCE_TYPES[t]] for t in types],
        "access": [[a, label] for a, label in ACCESS_LEVELS.items()],
        "years": years,
        # the start of a packet page from the rows shown (pages/packets: the template of make new-packet)
        "packet": {"head": packets.new_packet_head(packets.NEW_TITLE, packets.NEW_FORMAT, packets.NEW_LENGTH),
                   "item": packets.ITEM_TEMPLATE, "note": packets.ACCESS_NOTE_TEMPLATE,
                   "tail": packets.new_packet_body(packets.NEW_LENGTH), "file": PACKET_FILE},
        "statuses": [["current", CURRENT], *([s, label] for s, label in STATUSES.items())],
        "rows": [{"slug": r.slug, "label": r.label, "topics": list(r.topics), "type": r.type, "access": r.access,
                  "year": int(r.year) if r.year else None,
                  "status": r.status or "current", "added": r.added,
                  "text": " ".join([r.title, r.short_title, r.publisher, *r.keywords])}
                 for r in resources],
    }


def _select(name: str, label: str, options: list[tuple[str, str]], anything: str) -> str:
    choices = "".join(f'<option value="{html_escape(value)}">{html_escape(text)}</option>'
                      for value, text in [("", anything), *options])
    return (f'<div class="ctr-filter"><label for="ctr-filter-{name}">{html_escape(label)}</label>'
            f'<select id="ctr-filter-{name}" name="{name}">{choices}</select></div>')


def filters_html(data: dict[str, Any]) -> str:
    """The form, hidden until the script runs (without it, the full table is the page)."""
    years = [(str(y), str(y)) for y in data["years"]]
    fields = [
        '<div class="ctr-filter ctr-filter-text"><label for="ctr-filter-q">Title, publisher or keyword</label>'
        '<input id="ctr-filter-q" name="q" type="search" autocomplete="off"></div>',
        _select("topic", "Topic", [tuple(t) for t in data["topics"]], "All topics"),
        _select("type", "Type", [tuple(t) for t in data["types"]], "All types"),
        _select("access", "Access", [tuple(a) for a in data["access"]], "Any access"),
        _select("status", "Status", [tuple(a) for a in data["statuses"]], "Any status"),
        _select("by", "Order", ORDERS, "By title"),
        '<fieldset class="ctr-filter ctr-filter-years"><legend>Published</legend>'
        + _select("from", "From", years, "Any year") + _select("to", "To", years, "Any year")
        + "</fieldset>",
    ]
    # "<" in JSON inside a script element is written \u003c, so no title can end the element
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (f'<div class="{FILTERS_CLASS}" hidden>'
            '<form class="ctr-filter-form" aria-label="Filter the catalogue">'
            + "".join(fields)
            + '<div class="ctr-filter-actions"><button type="reset">Clear filters</button>'
            '<button type="button" class="ctr-packet-start" aria-describedby="ctr-packet-hint">'
            'Start a training packet from these resources</button></div></form>'
            f'<p class="ctr-packet-hint" id="ctr-packet-hint">{html_escape(PACKET_HINT)}</p>'
            '<p class="ctr-catalog-count" role="status" aria-live="polite"></p>'
            f'<script type="application/json" class="ctr-catalog-data">{payload}</script></div>')


def visit_filters_html(self: Any, node: catalog_filters) -> None:
    self.body.append(filters_html(json.loads(node["data"])))
    raise nodes.SkipNode


#: the columns' relative widths, as a list-table's ``:widths:``
WIDTHS = (30, 20, 7, 11, 13, 10, 9)


class ResourceCatalog(CollectionDirective):
    """``{resource-catalog}``: a table of every resource."""

    def run(self) -> list[nodes.Node]:
        collection = self.collection
        self.shows(EVERY_RESOURCE, TOPIC_LIST, CATALOG_DATA)
        resources = collection.sorted_resources()
        docname = self.env.docname
        rows: list[list[list[nodes.Node]]] = []
        for resource in resources:
            topics = joined((doc_link(collection.topics[t].docname, collection.topics[t].title, docname)
                             for t in resource.topics if t in collection.topics), ", ")
            rows.append([[doc_link(resource.docname, resource.title, docname)],
                         [nodes.Text(resource.publisher or "not known")], [nodes.Text(resource.year or "not known")],
                         [nodes.Text(RESOURCE_TYPES[resource.type])], topics, [nodes.Text(resource.access_label)],
                         [self.status(resource, docname)]])
        data = json.dumps(filter_data(resources, collection), ensure_ascii=False, sort_keys=True)
        return [citation_downloads(slug=""), catalog_filters(data=data), self.table(rows)]

    def status(self, resource: Resource, docname: str) -> nodes.Node:
        """"Current", or the status in bold (replaced resources are kept, clearly marked)."""
        if resource.current:
            return nodes.Text(CURRENT)
        return nodes.strong(resource.status_label, resource.status_label)

    def table(self, rows: list[list[list[nodes.Node]]]) -> nodes.table:
        """The table as docutils' list-table makes it (header row, given widths)."""
        table = nodes.table(classes=["colwidths-given", TABLE_CLASS])
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        group += [nodes.colspec(colwidth=width) for width in WIDTHS]
        group += nodes.thead("", self.row([[nodes.Text(label)] for label, _ in COLUMNS]))
        group += nodes.tbody("", *(self.row(cells) for cells in rows))
        self.set_source_info(table)
        return table

    @staticmethod
    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            row += nodes.entry("", nodes.paragraph("", "", *content))
        return row


def setup(app: Sphinx) -> None:
    app.add_node(catalog_filters, html=(visit_filters_html, None),
                 **{fmt: (skip_node, None) for fmt in ("latex", "text", "man", "texinfo")})
    app.add_directive("resource-catalog", ResourceCatalog)
