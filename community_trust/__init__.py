"""Sphinx extension of the Community Trust Resources collection; ``ARCHITECTURE.md`` maps it.

Importing the package loads no Sphinx: ``pages``, ``citations`` and ``tools``
work without a build (``make lint``, the scaffold, the freshness report), and
:func:`setup` loads the Sphinx-facing stages, ``build``, ``site`` and ``binders``.
"""

from __future__ import annotations

import importlib
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"

PACKAGE = Path(__file__).parent

#: the stages whose output is saved in the environment (they run while pages are read); settings.py
#: declares what conf.py may set. A saved environment is discarded when any of their code changes.
ENV_STAGES = ("pages", "citations", "build")

#: every Sphinx-facing module with a ``setup(app)``, in the order they are set up
SPHINX_MODULES = (
    "build.staleness", "build.cards", "build.topic_page", "build.catalog", "build.citation", "build.counts",
    "build.resource_page", "build.packet_page", "build.notice", "build.whats_new", "build.parser", "build.checking",
    "build.confinement", "build.addresses",
    "site.sidebar", "site.publishing", "site.feeds", "site.redirects", "site.search", "site.citation_files",
    "site.catalog_files", "site.csp",
    "binders.builder",
)


def env_version(package: Path = PACKAGE) -> int:
    """A checksum of the code in :data:`ENV_STAGES` and of ``settings.py``: computed, never kept by hand."""
    files = sorted(path for stage in ENV_STAGES for path in (package / stage).rglob("*.py"))
    files.append(package / "settings.py")
    checksum = 0
    for path in files:
        checksum = zlib.crc32(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes(), checksum)
    return checksum


def setup(app: Sphinx) -> dict[str, Any]:
    from community_trust import settings

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    settings.register(app)
    for name in SPHINX_MODULES:
        importlib.import_module(f"{__name__}.{name}").setup(app)
    return {
        "version": __version__,
        "env_version": env_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
