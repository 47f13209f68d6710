"""A resource's citation on its page, for every output: the APA reference, and where the downloads go.

The APA reference is built while pages are read (so its code is part of the
environment's version); the downloads themselves are the site's
(``site/citation_files``): the placeholder becomes links there, nothing elsewhere.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from community_trust.build.markup import skip_node
from community_trust.citations.formats import apa_parts
from community_trust.pages.schema import Resource

CITATION_CLASS = "ctr-citation"


class citation_downloads(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where the download links go; ``slug`` names a resource, empty for the collection."""


def apa_paragraph(resource: Resource) -> nodes.paragraph:
    """The APA reference as a plain paragraph: italics and a link, nothing else."""
    paragraph = nodes.paragraph(classes=[CITATION_CLASS])
    for kind, text in apa_parts(resource):
        if kind == "italic":
            paragraph += nodes.emphasis(text, text)
        elif kind == "url":
            paragraph += nodes.reference(text, text, refuri=text)
        else:
            paragraph += nodes.Text(text)
    return paragraph


def setup(app: Sphinx) -> None:
    # resolved before any writer sees it; the visitors are a safety net only
    app.add_node(citation_downloads, **{fmt: (skip_node, None) for fmt in
                                        ("html", "latex", "text", "man", "texinfo")})
