"""A base for directives that generate MyST markup from the collection's metadata.

Generating markup (rather than hand-built nodes) lets sphinx-design, the
toctree directive and Sphinx's roles do their own work: links are real
cross-references, toctree entries are seen by navigation, the print binders and search.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import collection
from .cards import escape
from .collection import CollectionData

logger = logging.getLogger(__name__)


class GeneratingDirective(SphinxDirective):
    """A directive with no arguments whose output is generated markup."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0

    @property
    def collection(self) -> CollectionData:
        return collection.data(self.env)

    def shows(self, *keys: str) -> None:
        """Record what this page shows, so a change there re-reads it."""
        collection.note_shows(self.env, keys)

    def parse(self, markup: str) -> list[nodes.Node]:
        return list(self.parse_text_to_nodes(markup, allow_section_headings=False))

    def problem(self, message: str) -> list[nodes.Node]:
        """Report a misuse at the directive's line; show nothing."""
        logger.warning(
            message, location=self.get_location(), type="community_trust", subtype="directive")
        return []


def doc_link(docname: str, title: str) -> str:
    """A ``{doc}`` cross-reference with an explicit title."""
    safe = title.replace("`", "'").replace("<", "‹").replace(">", "›")
    return f"{{doc}}`{safe} </{docname}>`"


def toctree(docnames: list[str], caption: str = "") -> str:
    """A hidden toctree: navigation and print order without a visible list."""
    lines = ["```{toctree}", ":hidden:"]
    if caption:
        lines.append(f":caption: {caption}")
    lines.append("")
    lines += [f"/{doc}" for doc in docnames]
    lines.append("```")
    return "\n".join(lines)


__all__ = ["GeneratingDirective", "doc_link", "escape", "toctree"]
