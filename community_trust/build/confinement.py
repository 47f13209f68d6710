"""Keep what a build reads inside the source folder: a hosting preview publishes whatever it reads.

The guards that do not depend on spotting a construct in the text: pages decoded by
``pages/decoding``, docutils' file insertion off, symbolic links out of ``docs/`` left out, and
every image, download and dependency checked again once a page is parsed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from community_trust.build.domain import CollectionDomain
from community_trust.pages import decoding, files
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Kind

logger = logging.getLogger(__name__)


def guard_sources(app: Sphinx, config: Config) -> None:
    """``config-inited``: no page or folder is read through a link that leads out."""
    srcdir = Path(app.srcdir)
    for path in page_rules.links_leaving(srcdir):
        logger.warning(page_rules.link_message(path, srcdir), location=f"{path}:1",
                       **Kind.READS_FILES.as_warning())
        pattern = path.relative_to(srcdir).as_posix()
        config.exclude_patterns = [*config.exclude_patterns, pattern, f"{pattern}/**"]
    for problem in files.unsafe_files(srcdir):  # HTML, scripted SVG: a build would publish them
        logger.warning(problem.message, location=f"{problem.path}:1", **problem.kind.as_warning())


def reading_settings(app: Sphinx) -> None:
    """``builder-inited``: pages decoded by ``pages/decoding``; docutils reads no file into a page."""
    app.env.settings["input_encoding"] = decoding.CODEC
    app.env.settings["file_insertion_enabled"] = False  # no page needs it


def _targets(doctree: nodes.document) -> list[tuple[nodes.Element, str]]:
    """Every node that names a file of the source folder, with the path it names."""
    found: list[tuple[nodes.Element, str]] = []
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if "://" not in uri and not uri.startswith("data:"):
            found.append((image, uri))
    for download in doctree.findall(addnodes.download_reference):
        found.append((download, download.get("reftarget", "")))
    return found


def check_read_files(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: fail at any node whose file lies outside the source folder."""
    env = app.env
    srcdir = Path(env.srcdir)
    failing = CollectionDomain.of(env).failing
    if env.docname in failing:
        return  # already failing, and nothing of its body was read
    outside = [(node, target) for node, target in _targets(doctree)
               if not page_rules.inside(env.relfn2path(target, env.docname)[1], srcdir)]
    dependencies = doctree.settings.record_dependencies
    outside += [(doctree, path) for path in getattr(dependencies, "list", []) if not page_rules.inside(path, srcdir)]
    for node, target in outside:
        logger.warning(page_rules.outside_docs_message(target, node.tagname), location=node,
                       **Kind.READS_FILES.as_warning())
        failing.add(env.docname)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", guard_sources)
    app.connect("builder-inited", reading_settings)
    app.connect("doctree-read", check_read_files)
