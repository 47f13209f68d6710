"""A page at every old address: renamed resources send the reader on, removed ones say what became of them.

The record and its checks are ``pages/published``; here the build writes a small page for each line
of ``docs/redirects.txt`` (ARCHITECTURE.md, "Addresses that outlive a printed binder").
Our own, not ``sphinxext-rediraffe`` (0.3.0) or ``sphinx-reredirects`` (1.1.0): neither says what
became of a removed resource, nor refuses a redirect to another redirect at its file and line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from community_trust.build.domain import collection_of
from community_trust.build.output import Output, output_of
from community_trust.pages import published
from community_trust.settings import base_address

logger = logging.getLogger(__name__)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}<meta name="robots" content="noindex">
</head>
<body>
<main>
<h1>{heading}</h1>
{body}
</main>
</body>
</html>
"""


def moved_page(title: str, to: str, canonical: str, project: str) -> str:
    """The page at a renamed resource's old address."""
    head = (f'<meta http-equiv="refresh" content="0; url={escape(to)}">\n'
            f'<link rel="canonical" href="{escape(canonical)}">\n')
    body = (f'<p>This resource has a new address: <a href="{escape(to)}">{escape(title)}</a>.</p>\n'
            f"<p>Your browser should open it by itself; if it does not, follow the link. Printed binders and "
            f"saved citations that lead here keep working.</p>\n<p>{escape(project)}</p>")
    return PAGE.format(title=f"Moved: {escape(title)}", head=head, heading="This page has moved", body=body)


def removed_page(address: str, what: str, home: str, catalogue: str, project: str) -> str:
    """The page at a removed resource's old address: what became of it."""
    body = (f"<p>The resource that was at {escape(address)} is no longer in the collection. {escape(what)}</p>\n"
            f'<p><a href="{escape(home)}">{escape(project)}</a> · '
            f'<a href="{escape(catalogue)}">Catalogue of resources</a></p>')
    return PAGE.format(title="Removed from the collection", head="",
                       heading="This resource was removed from the collection", body=body)


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a page at each old address, for the site's HTML builders."""
    builder = app.builder
    if exception is not None or output_of(builder) is not Output.SITE or builder.name == "singlehtml":
        return
    record = published.read(Path(app.srcdir))
    collection = collection_of(app.env)
    base = base_address(app.config)
    project = app.config.project
    for redirect in record.redirects:
        if redirect.source in app.env.found_docs:
            continue  # a page is there (reported): never overwrite it
        old_uri = builder.get_target_uri(redirect.source)
        path = Path(builder.get_outfilename(redirect.source))  # type: ignore[attr-defined]
        if redirect.removed:
            text = removed_page(old_uri, redirect.removed, relative_uri(old_uri, builder.get_target_uri("index")),
                                relative_uri(old_uri, builder.get_target_uri("catalog")), project)
        else:
            resource = collection.resource_at(redirect.target)
            if resource is None:
                continue  # leads nowhere (reported)
            new_uri = builder.get_target_uri(redirect.target)
            to = relative_uri(old_uri, new_uri)
            text = moved_page(resource.title, to, urljoin(base, new_uri) if base else to, project)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_redirects)
