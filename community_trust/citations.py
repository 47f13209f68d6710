"""Citations readers take away: the APA reference on each resource page, downloads
for reference managers, and the ``citation_*`` tags they read from a page.

- **On the page** (every output: HTML, print): the APA 7th edition reference as
  a plain paragraph (:func:`apa_paragraph`), built as nodes from the runs
  citeproc-py gives (:mod:`.citation_formats`), so print and screen show the
  same words and the address is a real link.
- **Downloads** (HTML only): RIS, BibTeX and CSL-JSON for each resource in
  ``cite/<slug>.*`` and for the whole collection in
  ``community-trust-resources.*``, written into the build output at the end
  of every HTML build from the environment's records, so they are complete
  after incremental and parallel builds too. A :class:`citation_downloads`
  placeholder marks where the links go; it becomes links in HTML and nothing
  elsewhere (a printed page cannot download).
- **Metadata** (HTML): ``citation_*`` tags in each resource page's head.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from . import layout
from .citation_formats import apa_parts, bibtex, citation_meta, csl_json, ris
from .domain import collection_of
from .markup import builds_site
from .schema import Resource

CITATION_CLASS = "ctr-citation"
DOWNLOADS_CLASS = "ctr-citation-downloads"
#: per resource: cite/<slug>.<suffix>
RESOURCE_FOLDER = "cite"
#: the whole collection, beside catalog.json (a slug cannot contain the folder's slash)
COLLECTION_NAME = "community-trust-resources"
#: suffix → (link text, writer)
FORMATS: dict[str, tuple[str, Any]] = {
    "ris": ("RIS", ris),
    "bib": ("BibTeX", bibtex),
    "json": ("CSL-JSON", csl_json),
}


class citation_downloads(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where the download links go; ``slug`` names a resource, empty for the collection."""


def apa_paragraph(resource: Resource) -> nodes.paragraph:
    """The APA reference as a plain paragraph: italics and a link, nothing else."""
    paragraph = nodes.paragraph(classes=[CITATION_CLASS])
    for kind, text in apa_parts(resource):
        if kind == "italic":
            paragraph += nodes.emphasis(text, text)
        elif kind == "url":
            paragraph += nodes.reference(text, text, refuri=text)
        else:
            paragraph += nodes.Text(text)
    return paragraph


def download_path(slug: str, suffix: str) -> str:
    """Where a download lives in the output, relative to its root."""
    return f"{RESOURCE_FOLDER}/{slug}.{suffix}" if slug else f"{COLLECTION_NAME}.{suffix}"


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: links on the site, nothing in other outputs (the printed binders included)."""
    for placeholder in list(doctree.findall(citation_downloads)):
        if not builds_site(app.builder):
            placeholder.parent.remove(placeholder)
            continue
        slug = placeholder["slug"]
        page = app.builder.get_target_uri(docname)
        line = nodes.paragraph(classes=[DOWNLOADS_CLASS])
        line += nodes.Text("Download the citations of the whole collection for a reference manager: "
                           if not slug else "Download this citation for a reference manager: ")
        for index, (suffix, (label, _)) in enumerate(FORMATS.items()):
            if index:
                line += nodes.Text(", " if index < len(FORMATS) - 1 else " or ")
            line += nodes.reference(label, label, internal=True,
                                    refuri=relative_uri(page, download_path(slug, suffix)))
        line += nodes.Text(".")
        placeholder.parent.replace(placeholder, line)  # replace_self would copy its attributes


def add_meta_tags(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the ``citation_*`` tags of a resource page."""
    slug = layout.resource_slug(pagename)
    resource = collection_of(app.env).resources.get(slug) if slug is not None else None
    if resource is None:
        return
    tags = "".join(f'\n<meta name="{name}" content="{escape(value)}">'
                   for name, value in citation_meta(resource))
    context["metatags"] = (context.get("metatags") or "") + tags


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every resource's citation files and the collection's,
    from the records (so an incremental build leaves none stale or missing)."""
    if exception is not None or app.builder.format != "html":
        return
    resources = sorted(collection_of(app.env).resources.values(), key=lambda r: r.slug)
    outdir = Path(app.outdir)
    folder = outdir / RESOURCE_FOLDER
    folder.mkdir(exist_ok=True)
    wanted = set()
    for resource in resources:
        for suffix, (_, writer) in FORMATS.items():
            path = outdir / download_path(resource.slug, suffix)
            _write(path, writer([resource]))
            wanted.add(path.name)
    for stale in folder.iterdir():  # a resource removed since the last build
        if stale.name not in wanted:
            stale.unlink()
    for suffix, (_, writer) in FORMATS.items():
        _write(outdir / download_path("", suffix), writer(resources))


def _write(path: Path, text: str) -> None:
    """Write only when the content changed: unchanged files keep their dates."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    # resolved before any writer sees it; the visitors are a safety net only
    app.add_node(citation_downloads, **{fmt: (_skip, None) for fmt in
                                        ("html", "latex", "text", "man", "texinfo")})
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("html-page-context", add_meta_tags)
    app.connect("build-finished", write_downloads)
