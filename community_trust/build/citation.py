"""A resource's citation on its page, for every output: the APA reference, and where the downloads go.

The APA reference is built while pages are read (so its code is part of the
environment's version); the downloads themselves are the site's
(``site/citation_files``): the placeholder becomes links there, nothing elsewhere.
A formatted reference is kept in the domain until its citation data change (ARCHITECTURE.md, "Citations").
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from community_trust.build.domain import CollectionDomain
from community_trust.build.markup import skip_node
from community_trust.citations import formats
from community_trust.pages.schema import Resource

CITATION_CLASS = "ctr-citation"


class citation_downloads(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where the download links go; ``slug`` names a resource, empty for the collection."""


def apa_reference(env: BuildEnvironment, resource: Resource) -> str:
    """The APA reference marked up (``formats.apa_marked``): formatted when its citation
    data changed since it was last formatted, else the one kept in the domain."""
    kept = CollectionDomain.of(env).apa
    key = formats.apa_key(resource)
    found = kept.get(resource.slug)
    if found is None or found[0] != key:
        found = kept[resource.slug] = (key, formats.apa_marked(resource))
    return found[1]


def apa_paragraph(env: BuildEnvironment, resource: Resource) -> nodes.paragraph:
    """The APA reference as a plain paragraph: italics and a link, nothing else."""
    paragraph = nodes.paragraph(classes=[CITATION_CLASS])
    for kind, text in formats.parts_of(apa_reference(env, resource)):
        if kind == "italic":
            paragraph += nodes.emphasis(text, text)
        elif kind == "url":
            paragraph += nodes.reference(text, text, refuri=text)
        else:
            paragraph += nodes.Text(text)
    return paragraph


def forget_removed(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: drop the references of resources no longer in the collection."""
    domain = CollectionDomain.of(env)
    for slug in domain.apa.keys() - domain.collection.resources.keys():
        del domain.apa[slug]


def setup(app: Sphinx) -> None:
    # resolved before any writer sees it; the visitors are a safety net only
    app.add_node(citation_downloads, **{fmt: (skip_node, None) for fmt in
                                        ("html", "latex", "text", "man", "texinfo")})
    app.connect("env-updated", forget_removed)
