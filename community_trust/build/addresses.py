"""Defence in depth: every address in a page's doctree is checked again, whatever produced it.

What reaches the doctree by a route the page rules do not see (a directive's own processing, a
role, a transform, the generated content) is checked on the nodes, and a refused node is removed
before Sphinx's collectors run, so nothing it names is copied. What each node may hold:
ARCHITECTURE.md, "Untrusted pages: the allow-lists and every address".
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from community_trust.build.domain import CollectionDomain
from community_trust.pages import addresses, files
from community_trust.pages import rules as page_rules
from community_trust.pages.addresses import Verdict
from community_trust.pages.problems import Kind
from community_trust.settings import base_address

logger = logging.getLogger(__name__)

#: runs before Sphinx's collectors of images and downloads (priority 500)
EARLY = 100

_SITE = (Verdict.HTTPS, Verdict.LOCAL)
#: the images the collection itself makes: the binders' QR codes
GENERATED_IMAGES = ("data:image/svg+xml;",)


def math_message() -> str:
    return ("math is not available in pages (it would load a script from another site); "
            "write the formula in words or as plain text")


def download_message() -> str:
    return page_rules.download_role_message()


def _refuse(node: nodes.Node, message: str, docname: str, domain: CollectionDomain | None) -> None:
    logger.warning(message, location=node, **Kind.ADDRESS.as_warning())
    if domain is not None:
        domain.failing.add(docname)


def _unwrap(node: nodes.Element) -> None:
    """Replace ``node`` by its text, so nothing of what it pointed to is kept."""
    node.replace_self(nodes.inline("", node.astext()) if node.astext() else [])


def guard_doctree(doctree: nodes.document, srcdir: Path, docname: str,
                  domain: CollectionDomain | None, *, generated: bool = False, own: str = "") -> None:
    """Refuse, report and remove every node whose address a page may not use.

    ``generated``: the doctree holds the collection's generated content too (``doctree-resolved``),
    whose QR codes are ``data:`` images made by the binders (``binders.qrcodes``); a page's own
    ``data:`` image was removed when it was read. ``own``: the site's own address (``CTR_BASE_URL``, a
    setting, not a page's text), which the collection's generated links may use whatever its scheme.
    """
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri")
        if uri is None:
            continue
        verdict = addresses.classify(uri)
        if verdict not in _SITE and not (own and uri.startswith(own)):
            _refuse(reference, addresses.message(uri, verdict, "link"), docname, domain)
            _unwrap(reference)
    for target in list(doctree.findall(nodes.target)):
        uri = target.get("refuri")
        if uri is not None and addresses.classify(uri) not in _SITE:
            _refuse(target, addresses.message(uri, addresses.classify(uri), "link target"), docname, domain)
            target.parent.remove(target)
    for image in list(doctree.findall(nodes.image)):
        uri = str(image.get("uri", ""))
        if generated and uri.startswith(GENERATED_IMAGES):
            continue
        if addresses.classify(uri) is not Verdict.LOCAL:
            _refuse(image, page_rules.image_address_message(uri), docname, domain)
            image.parent.remove(image)
            continue
        path = (srcdir / docname).parent / addresses.local_path(uri)
        if path.is_file() and (problem := files.unsafe_file(path)) is not None:
            _refuse(image, problem, docname, domain)
            image.parent.remove(image)
    for toctree in list(doctree.findall(addnodes.toctree)):
        if toctree.get("glob"):
            _refuse(toctree, "a toctree may not use ':glob:'; list each page by its name", docname, domain)
            toctree["glob"] = False
        kept = []
        for title, ref in toctree.get("entries", []):
            verdict = addresses.classify(ref) if ref != "self" else Verdict.LOCAL
            if verdict not in _SITE:
                _refuse(toctree, addresses.message(ref, verdict, "toctree entry"), docname, domain)
            else:
                kept.append((title, ref))
        toctree["entries"] = kept
    for download in list(doctree.findall(addnodes.download_reference)):
        _refuse(download, download_message(), docname, domain)
        _unwrap(download)
    for math in list(doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))):
        _refuse(math, math_message(), docname, domain)
        math.parent.remove(math)


def after_reading(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images and downloads."""
    guard_doctree(doctree, Path(app.srcdir), app.env.docname, CollectionDomain.of(app.env),
                  own=base_address(app.config))


def after_resolving(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the generated content too, as each output is written."""
    guard_doctree(doctree, Path(app.srcdir), docname, None, generated=True, own=base_address(app.config))


#: the HTML math renderer of the collection: none (MathJax would load a script from another host)
NO_MATH = "ctr-no-math"


def _skip_math(translator: object, node: nodes.Element) -> None:
    raise nodes.SkipNode  # refused and removed when read (guard_doctree); never written either


def math_off(app: Sphinx, config: Config) -> None:
    """``config-inited``: Sphinx's math support off, whatever conf.py says (MathJax is never added)."""
    config.html_math_renderer = NO_MATH


def setup(app: Sphinx) -> None:
    app.add_html_math_renderer(NO_MATH, (_skip_math, None), (_skip_math, None))
    app.connect("config-inited", math_off)
    app.connect("doctree-read", after_reading, priority=EARLY)
    app.connect("doctree-resolved", after_resolving)
