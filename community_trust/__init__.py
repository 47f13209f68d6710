"""Sphinx extension of the Community Trust Resources collection.

One module per concern:

- ``layout``: the folders of ``docs/`` and the sections of a resource page;
- ``frontmatter``, ``schema``: reading and checking page metadata (no Sphinx);
- ``pages``: the one reader of the collection (no Sphinx), used by the build
  and every tool;
- ``domain``: the collection's state in a build (a Sphinx domain);
  ``collection``: which pages a change makes stale;
- ``page_parser``: each page's Markdown parsed once, its front matter not again;
- ``resource_page``, ``topics``, ``catalog``, ``cards`` (built as nodes with
  ``markup``'s helpers): generated content;
- ``notice``: the member-only notice;
- ``binders`` (which binders), ``print_assembly`` (their shape, as nodes),
  ``print_builder`` (the ``binders`` builder), ``pdf_render`` (WeasyPrint and
  the glyph check), ``qrcodes``: the print binders (tagged PDF);
- ``navigation``: a sidebar that scales;
- ``html``: the hosted site (page metadata, 404, sitemap, edit links);
- ``search``: keywords that count in search, one result per page, snippets;
- ``citation_formats`` (no Sphinx), ``citations``: the APA reference, RIS,
  BibTeX and CSL-JSON downloads and ``citation_*`` tags;
- ``source`` (no Sphinx): a page's bytes as text, whatever the encoding or size;
- ``page_rules`` (no Sphinx), ``page_checks``: the rules for a page's text, run
  by the build and by ``nox -s lint`` (``lint``); ``file_access``: the build
  reads no file outside ``docs/``; ``scaffold`` (``make
  new-resource``) and ``freshness`` (``make linkcheck``) serve contributors.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import (
    binders,
    cards,
    catalog,
    citations,
    collection,
    file_access,
    html,
    navigation,
    notice,
    page_checks,
    page_parser,
    print_builder,
    resource_page,
    search,
    topics,
)

__version__ = "1.0"

#: The environment keeps checked records and problems; any change to the code
#: that reads or checks them must discard a saved environment, so its version
#: follows those modules' text instead of a number someone has to remember.
ENV_VERSION = zlib.crc32(b"".join(
    (Path(__file__).parent / name).read_bytes()
    for name in ("source.py", "problem.py", "frontmatter.py", "schema.py", "layout.py", "pages.py", "domain.py",
                 "collection.py", "page_rules.py", "page_checks.py", "page_parser.py", "file_access.py",
                 "resource_page.py", "cards.py", "markup.py", "topics.py", "catalog.py", "notice.py")))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    for module in (collection, cards, topics, catalog, citations, resource_page, notice, navigation, html, search,
                   binders, print_builder):
        module.setup(app)
    page_parser.setup(app)  # each page parsed once, from what the reader of the collection read (pages.py)
    page_checks.setup(app)  # the page rules (page_rules.py), shared with nox -s lint
    file_access.setup(app)  # pull requests are untrusted: the build reads nothing outside docs/
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
