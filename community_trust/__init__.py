"""Sphinx extension of the Community Trust Resources collection.

One module per concern:

- ``frontmatter``, ``schema``: reading and checking page metadata (no Sphinx);
- ``collection``: the metadata in the build environment, incremental-safe;
- ``topics``, ``catalog``, ``resource_page``, ``cards``: generated content;
- ``notice``: the member-only notice;
- ``navigation``: a sidebar that scales.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import catalog, collection, navigation, notice, resource_page, topics

__version__ = "1.0"

#: bump when the data kept in the environment changes shape
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    for module in (collection, topics, catalog, resource_page, notice, navigation):
        module.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
