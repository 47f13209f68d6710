"""Which output a builder makes: the one answer every stage asks before doing output-specific work."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: the builders that write the hosted site with furo's pages
SITE_BUILDERS = ("html", "dirhtml", "singlehtml")
#: the builder of the print binders (``binders/builder.py``): HTML for paper, without the site's files
BINDERS_BUILDER = "binders"


class Output(enum.Enum):
    SITE = "site"  #: the hosted HTML: search, sidebar, catalog.json, cite/, sitemap, 404 page
    BINDERS = "binders"  #: each binder's HTML for paper, and its PDF
    OTHER = "other"  #: any other builder (linkcheck, text …): the pages' content, plainly

    @property
    def is_html(self) -> bool:
        """HTML for a browser or for WeasyPrint: both read the same CSS classes."""
        return self is not Output.OTHER


def output_of(builder: Builder) -> Output:
    if builder.name == BINDERS_BUILDER:
        return Output.BINDERS
    return Output.SITE if builder.name in SITE_BUILDERS else Output.OTHER
