"""The catalogue's files on the site: ``catalog.json`` and the filter script of the catalogue page.

``catalog.json`` lets other sites and tools reuse the collection without
scraping pages. It is written from the environment's records at the end of
a site build, so it is complete after incremental builds too.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from community_trust.build.catalog import catalog_filters
from community_trust.build.domain import collection_of
from community_trust.build.output import Output, output_of
from community_trust.pages.schema import IDENTIFIER_SCHEMES, Resource
from community_trust.settings import base_address

CATALOG_FILE = "catalog.json"
CATALOG_FORMAT = 1
SCRIPT = "catalog.js"


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
    if exception is not None or output_of(app.builder) is not Output.SITE:
        return
    collection = collection_of(app.env)
    base_url = base_address(app.config)
    payload = {
        "format": CATALOG_FORMAT,
        "title": app.config.project,
        "topics": [{"slug": t.slug, "title": t.title, "description": t.description,
                    "page": f"{t.docname}.html"} for t in collection.sorted_topics()],
        "resources": [record(r, base_url) for r in sorted(collection.resources.values(), key=lambda r: r.slug)],
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    Path(app.outdir, CATALOG_FILE).write_text(text, encoding="utf-8")


def add_script(app: Sphinx, pagename: str, templatename: str,
               context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the filter script, on the page that has the filters only."""
    if doctree is not None and next(iter(doctree.findall(catalog_filters)), None) is not None:
        app.add_js_file(SCRIPT, defer="defer")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_script)
    app.connect("build-finished", write_catalog_json)
