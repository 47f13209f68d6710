"""The catalogue: every resource in one table, and the same data as ``catalog.json``.

``catalog.json`` lets other sites and tools reuse the collection without
scraping pages. It is written from the environment's records at the end of
an HTML build, so it is complete after incremental builds too.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import collection
from .collection import EVERY_RESOURCE, TOPIC_LIST
from .markup import GeneratingDirective, doc_link, escape
from .schema import IDENTIFIER_SCHEMES, RESOURCE_TYPES, Resource

CATALOG_FILE = "catalog.json"
CATALOG_FORMAT = 1


class ResourceCatalog(GeneratingDirective):
    """``{resource-catalog}``: a table of every resource."""

    def run(self) -> list[nodes.Node]:
        state = self.collection
        self.shows(EVERY_RESOURCE, TOPIC_LIST)
        rows = [["Title", "Publisher", "Year", "Type", "Topics", "Access"]]
        for resource in state.sorted_resources():
            topics = ", ".join(doc_link(state.topics[t].docname, state.topics[t].title)
                               for t in resource.topics if t in state.topics)
            rows.append([doc_link(resource.docname, resource.title), escape(resource.publisher) or "not known",
                         resource.year or "not known", RESOURCE_TYPES[resource.type], topics,
                         escape(resource.access_label)])
        lines = ["```{list-table}", ":header-rows: 1", ":class: ctr-catalog",
                 ":widths: 34 22 8 12 14 10", ""]
        for row in rows:
            lines.append(f"* - {row[0]}")
            lines += [f"  - {cell}" for cell in row[1:]]
        lines.append("```")
        return self.parse("\n".join(lines))


def record(resource: Resource, base_url: str) -> dict[str, Any]:
    """One resource as plain JSON data (field names as in the front matter)."""
    data = asdict(resource)
    data.pop("lines")
    data["identifiers"] = {scheme: value for scheme, value in resource.identifiers}
    data["identifier_labels"] = {s: IDENTIFIER_SCHEMES[s] for s, _ in resource.identifiers}
    data["page"] = f"{resource.docname}.html"
    if base_url:
        data["page_url"] = f"{base_url}{resource.docname}.html"
    return data


def write_catalog_json(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``catalog.json`` beside the HTML pages."""
    if exception is not None or app.builder.format != "html":
        return
    state = collection.data(app.env)
    base_url = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""
    payload = {
        "format": CATALOG_FORMAT,
        "title": app.config.project,
        "topics": [{"slug": t.slug, "title": t.title, "description": t.description,
                    "page": f"{t.docname}.html"} for t in state.sorted_topics()],
        "resources": [record(r, base_url) for r in sorted(state.resources.values(), key=lambda r: r.slug)],
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    Path(app.outdir, CATALOG_FILE).write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_directive("resource-catalog", ResourceCatalog)
    app.connect("build-finished", write_catalog_json)
