"""Citation files for reference managers: RIS, BibTeX and CSL-JSON per resource and for the whole
collection, the links to them, and the ``citation_*`` tags of each resource page.

Written from the records at the end of every site build, so they are complete after incremental
and parallel builds; other outputs show no links (a printed page cannot download).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from community_trust.build.citation import citation_downloads
from community_trust.build.domain import collection_of
from community_trust.build.output import Output, output_of
from community_trust.citations.formats import bibtex, citation_meta, csl_json, ris

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


def download_path(slug: str, suffix: str) -> str:
    """Where a download lives in the output, relative to its root."""
    return f"{RESOURCE_FOLDER}/{slug}.{suffix}" if slug else f"{COLLECTION_NAME}.{suffix}"


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: links on the site, nothing in other outputs (the printed binders included)."""
    for placeholder in list(doctree.findall(citation_downloads)):
        if output_of(app.builder) is not Output.SITE:
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
    resource = collection_of(app.env).resource_at(pagename)
    if resource is None:
        return
    tags = "".join(f'\n<meta name="{name}" content="{escape(value)}">'
                   for name, value in citation_meta(resource))
    context["metatags"] = (context.get("metatags") or "") + tags


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every resource's citation files and the collection's,
    from the records (so an incremental build leaves none stale or missing)."""
    if exception is not None or output_of(app.builder) is not Output.SITE:
        return
    resources = sorted(collection_of(app.env).resources.values(), key=lambda r: r.slug)
    titles = {r.slug: r.title for r in resources}  # a superseded resource's note names what replaced it
    outdir = Path(app.outdir)
    folder = outdir / RESOURCE_FOLDER
    folder.mkdir(exist_ok=True)
    wanted = set()
    for resource in resources:
        for suffix, (_, writer) in FORMATS.items():
            path = outdir / download_path(resource.slug, suffix)
            _write(path, writer([resource], titles))
            wanted.add(path.name)
    for stale in folder.iterdir():  # a resource removed since the last build
        if stale.name not in wanted:
            stale.unlink()
    for suffix, (_, writer) in FORMATS.items():
        _write(outdir / download_path("", suffix), writer(resources, titles))


def _write(path: Path, text: str) -> None:
    """Write only when the content changed: unchanged files keep their dates."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("html-page-context", add_meta_tags)
    app.connect("build-finished", write_downloads)
