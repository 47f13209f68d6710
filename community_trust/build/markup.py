"""Building blocks for the content the collection generates, as docutils nodes.

Generated content is built as nodes, once, from the records: no Markdown is
generated and parsed again, so a contributor's text shows as written (there
is nothing to escape) and a link is a real cross-reference (a renamed page is
a build error, not a dead link), made exactly as Sphinx's ``{doc}`` role and
``toctree`` directive make theirs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from community_trust.build.domain import CollectionDomain
from community_trust.pages.problems import Kind
from community_trust.pages.reader import Collection

logger = logging.getLogger(__name__)

class CollectionDirective(SphinxDirective):
    """A directive with no arguments whose output is generated from the collection."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0

    @property
    def collection(self) -> Collection:
        return CollectionDomain.of(self.env).collection

    def shows(self, *keys: str) -> None:
        """Record what this page shows, so a change there re-reads it (``build/staleness``)."""
        CollectionDomain.of(self.env).note_shows(self.env.docname, keys)

    def problem(self, message: str) -> list[nodes.Node]:
        """Report a misuse at the directive's line; show nothing."""
        logger.warning(
            message, location=self.get_location(), **Kind.DIRECTIVE.as_warning())
        return []


def skip_node(self: Any, node: nodes.Element) -> None:
    """A visitor for a node that shows nothing in this output."""
    raise nodes.SkipNode


def doc_link(docname: str, title: str, refdoc: str) -> addnodes.pending_xref:
    """A link to page ``docname`` with an explicit title, as ``{doc}`title </docname>``` makes it."""
    return addnodes.pending_xref(
        "", nodes.inline(title, title, classes=["xref", "std", "std-doc"]),
        refdoc=refdoc, refdomain="std", reftype="doc", refexplicit=True, refwarn=True, reftarget=f"/{docname}")


def heading_section(document: nodes.document, title: str, content: list[nodes.Node]) -> nodes.section:
    """A section as MyST makes one for a ``## title`` heading, with the same id."""
    section = nodes.section()
    section += nodes.title(title, title)
    section["names"].append(nodes.fully_normalize_name(title))
    document.note_implicit_target(section, section)
    section += content
    return section


def hidden_toctree(docnames: Iterable[str], parent: str, caption: str | None = None) -> nodes.compound:
    """A hidden toctree (navigation and print order without a visible list), as the directive makes it."""
    names = list(docnames)
    toctree = addnodes.toctree(
        parent=parent, entries=[(None, name) for name in names], includefiles=names, maxdepth=-1,
        caption=caption, glob=False, hidden=True, includehidden=False, numbered=0, titlesonly=False)
    return nodes.compound("", toctree, classes=["toctree-wrapper"])


def joined(parts: Iterable[nodes.Node | str], separator: str) -> list[nodes.Node]:
    """Nodes (or text) with ``separator`` between them."""
    found: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            found.append(nodes.Text(separator))
        found.append(nodes.Text(part) if isinstance(part, str) else part)
    return found


def labelled(label: str, *content: nodes.Node | str) -> nodes.paragraph:
    """A paragraph that starts with a bold label: "**Label:** content"."""
    paragraph = nodes.paragraph("", "", nodes.strong(label, label))
    paragraph += [nodes.Text(c) if isinstance(c, str) else c for c in content]
    return paragraph


def external_link(url: str) -> nodes.reference:
    """A link to an address outside the collection, showing the address as Markdown's
    ``<https://…>`` does: percent-escapes shown as the characters they stand for."""
    return nodes.reference("", normalizeLinkText(url), refuri=normalizeLink(url))
