"""The hosted site: what browsers, search engines and link previews read.

Page metadata and social-card tags from the front matter, the 404 page, ``sitemap.xml`` (only
with a base address: the protocol needs absolute addresses), edit links, print marks on external
links, and the heading level furo's sidebar captions lack. Each hand-written part says in one
line why the well-known extension did not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from community_trust.build.domain import collection_of
from community_trust.build.output import SITE_BUILDERS, Output, output_of
from community_trust.settings import base_address, settings_of

logger = logging.getLogger(__name__)

NOT_FOUND_PAGE = "404"
NOT_FOUND_TEMPLATE = "404.html"
SITEMAP = "sitemap.xml"
#: external links whose text is not their address: print CSS shows the address after them
PRINT_ADDRESS_CLASS = "ctr-print-address"
#: where the pages' sources live in the repository, for edit links
SOURCE_DIRECTORY = "docs/"
#: run after furo's own ``html-page-context`` handler (default priority 500)
AFTER_THEME = 600


# --- configuration ------------------------------------------------------------

def wire_edit_links(app: Sphinx, config: Config) -> None:
    """``config-inited``: furo's edit link, from the one repository address."""
    chosen = settings_of(config)
    repository = chosen.repository_url.strip().rstrip("/")
    if not repository:
        return
    options = dict(config.html_theme_options or {})
    options.setdefault("source_repository", repository + "/")
    options.setdefault("source_branch", chosen.repository_branch)
    options.setdefault("source_directory", SOURCE_DIRECTORY)
    config.html_theme_options = options


# --- page metadata ------------------------------------------------------------

def _plain(markup: str) -> str:
    """Text of a title as Sphinx hands it to templates (may hold tags and entities)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", markup)).split())


def page_description(app: Sphinx, pagename: str) -> str:
    """The page's front-matter description, else the home page's."""
    metadata = app.env.metadata
    for docname in (pagename, app.config.root_doc):
        description = str(metadata.get(docname, {}).get("description", "")).strip()
        if description:
            return description
    return ""


# Not sphinxext-opengraph (0.13.0): it wrote og:url ("resources/….html") with no base address, took the
# description from the page's first text instead of the front matter, and gave search and index pages no tags.
def meta_tags(title: str, description: str, site: str, url: str) -> str:
    """The description and social-card tags, escaped."""
    tags = [("name", "description", description),
            ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:type", "website"),
            ("property", "og:site_name", site),
            ("name", "twitter:card", "summary")]
    if url:
        tags.append(("property", "og:url", url))
    return "".join(f'\n<meta {kind}="{name}" content="{escape(value)}">'
                   for kind, name, value in tags if value)


class CaptionLevelTranslator(HTML5Translator):
    """Sphinx's HTML writer, with the heading level ARIA requires on toctree captions.

    Sphinx writes a toctree's caption (furo's sidebar shows the root's) as
    ``<p class="caption" role="heading">``, without the ``aria-level`` that ARIA
    requires of a heading; written here, the level is in every page's markup
    from the start instead of patched into rendered HTML.
    """

    def visit_title(self, node: nodes.title) -> None:
        if not (isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree")):
            super().visit_title(node)
            return
        # Sphinx's own markup for the caption (HTML5Translator.visit_title), plus the level
        self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": "2"}))
        self.body.append('<span class="caption-text">')
        self.context.append("</span></p>\n")


#: scripts the theme's extensions add to every page that the collection never needs:
#: sphinx-design's tabs (no page has tabs) — 7.5 kB and a request saved per page
UNUSED_SCRIPTS = ("design-tabs.js",)


def drop_unused_scripts(context: dict[str, Any]) -> None:
    """Leave out of a page the scripts of features the collection does not use."""
    if "script_files" in context:
        context["script_files"] = [script for script in context["script_files"]
                                   if not str(getattr(script, "filename", script)).endswith(UNUSED_SCRIPTS)]


#: styles a page needs only when it shows what they style: stylesheet → the test on its doctree
STYLES_FOR: dict[str, Callable[[nodes.document], bool]] = {
    # sphinx-design's cards and grids (54 kB): their nodes carry "sd-" classes
    "sphinx-design.min.css": lambda doctree: any(
        cls.startswith("sd-") for node in doctree.findall(nodes.Element) for cls in node.get("classes", ())),
    # code highlighting (20 kB): only literal blocks are highlighted
    "pygments.css": lambda doctree: next(iter(doctree.findall(nodes.literal_block)), None) is not None,
}


def drop_unused_styles(context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Leave out of a page the stylesheets of components it does not show (the
    catalogue has no card and no code: 75 kB less). Pages without a doctree
    (search, index, 404) keep every stylesheet."""
    if doctree is None or "css_files" not in context:
        return
    unused = {name for name, shows in STYLES_FOR.items() if not shows(doctree)}
    context["css_files"] = [css for css in context["css_files"]
                            if str(getattr(css, "filename", css)).split("?")[0].rsplit("/", 1)[-1] not in unused]


def page_context(app: Sphinx, pagename: str, templatename: str,
                 context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: metadata tags, the 404 page's addresses."""
    not_found = pagename == NOT_FOUND_PAGE
    if not_found:
        context["pageurl"] = None  # an error page has no canonical address
    title = _plain(context.get("title") or "") or app.config.project
    tags = meta_tags(title, page_description(app, pagename), app.config.project,
                     context.get("pageurl") or "")
    if not_found:
        tags += '\n<meta name="robots" content="noindex">'
    context["metatags"] = (context.get("metatags") or "") + tags
    drop_unused_scripts(context)
    drop_unused_styles(context, doctree)
    base = base_address(app.config)
    if not_found and base:
        make_addresses_absolute(context, base)


# --- the 404 page -----------------------------------------------------------
# Not sphinx-notfound-page (1.1.0): with no base address it still wrote root-relative addresses
# ("/index.html", "/_static/…"), which a folder copy cannot follow, and it replaced the toctree helper,
# so the 404 page showed the whole site tree instead of the collection's windowed sidebar.

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_URL_ATTRIBUTE = re.compile(r'\b(href|src|action)="([^"]*)"')


def absolute(base: str, address: str) -> str:
    """A root-relative page's ``address`` against ``base``; fragments and full addresses stay."""
    if not address or address.startswith(("#", "/")) or _SCHEME.match(address):
        return address
    return urljoin(base, address)


def absolute_markup(markup: str, base: str) -> str:
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{absolute(base, m[2])}"', markup)


def make_addresses_absolute(context: dict[str, Any], base: str) -> None:
    """Every address the 404 template writes, made absolute against ``base``.

    The page is rendered for the site's root; a host serves it at any depth.
    The one place that edits rendered markup: furo hands the template its
    sidebar and the page's parts as finished HTML, and Sphinx renders no page
    for "any depth", so their addresses can only be rewritten there.
    """
    def wrap(function: Callable[..., str], fix: Callable[[str], str]) -> Callable[..., str]:
        return lambda *args, **kwargs: fix(function(*args, **kwargs))

    context["pathto"] = wrap(context["pathto"], lambda url: absolute(base, url))
    for key in ("css_tag", "js_tag"):
        context[key] = wrap(context[key], lambda markup: absolute_markup(markup, base))
    for key in ("favicon_url", "logo_url"):
        if isinstance(context.get(key), str):
            context[key] = absolute(base, context[key])
    for key in ("body", "furo_navigation_tree", "toc", "metatags"):
        if isinstance(context.get(key), str):
            context[key] = absolute_markup(context[key], base)
    context["content_root"] = base


def collect_not_found_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the 404 page (plain ``html`` builder only: a
    host looks for ``404.html`` at the root)."""
    if output_of(app.builder) is Output.SITE and app.builder.name == "html":
        yield NOT_FOUND_PAGE, {"title": "Page not found"}, NOT_FOUND_TEMPLATE


# --- print addresses --------------------------------------------------------------

def mark_print_addresses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (HTML): external links whose text is not their address, for print CSS."""
    if not output_of(app.builder).is_html:
        return
    for reference in doctree.findall(nodes.reference):
        address = reference.get("refuri", "")
        if _SCHEME.match(address) and reference.astext().strip() != address:
            reference["classes"].append(PRINT_ADDRESS_CLASS)


# --- sitemap --------------------------------------------------------------------
# Not sphinx-sitemap (2.9.0): its lastmod comes only from git commit times, never the reviewed date, and it
# lists pages in the order parallel writers finish (two -j auto builds of 300 resources differed).

def sitemap(base: str, pages: list[tuple[str, str]]) -> str:
    """``sitemap.xml`` for (address relative to ``base``, lastmod or "") pairs."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for target, lastmod in pages:
        lines.append(f"  <url><loc>{xml_escape(urljoin(base, target))}</loc>"
                     + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every page's absolute address, when the base address is known."""
    base = base_address(app.config)
    if exception is not None or not base or output_of(app.builder) is not Output.SITE or app.builder.name == "singlehtml":
        return
    collection = collection_of(app.env)
    pages = []
    for docname in sorted(app.env.found_docs):
        resource = collection.resource_at(docname)
        pages.append((app.builder.get_target_uri(docname), resource.reviewed if resource else ""))
    (Path(app.outdir) / SITEMAP).write_text(sitemap(base, pages), encoding="utf-8")


def setup(app: Sphinx) -> None:
    for builder in SITE_BUILDERS:
        app.set_translator(builder, CaptionLevelTranslator)
    app.connect("config-inited", wire_edit_links)
    app.connect("html-page-context", page_context, priority=AFTER_THEME)
    app.connect("html-collect-pages", collect_not_found_page)
    app.connect("doctree-resolved", mark_print_addresses)
    app.connect("build-finished", write_sitemap)

