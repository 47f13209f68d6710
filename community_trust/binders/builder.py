"""The ``binders`` builder: each print binder as one HTML file, then one tagged PDF.

Binders are made from the site's doctrees, written by Sphinx's HTML translator (so the PDF's
structure tree carries their meaning), assembled like single-page HTML, placed in the print
template and rendered by WeasyPrint in worker processes. It writes nothing of the site's.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees
from sphinx.writers.html5 import HTML5Translator

from community_trust.binders import assembly, joining, pagination, workers
from community_trust.binders import parts as binder_parts
from community_trust.binders import render as pdf_render
from community_trust.binders import selection as binders
from community_trust.binders.selection import Binder
from community_trust.build.domain import CollectionDomain, collection_of
from community_trust.build.output import BINDERS_BUILDER
from community_trust.pages import layout, schema
from community_trust.pages.problems import Kind
from community_trust.settings import base_address, settings_of

logger = logging.getLogger(__name__)

TEMPLATE = "binder.html"
STYLESHEETS = ("binder.css",)
#: shared with the site (theme/static): colours and the member-only notice
SHARED_STYLESHEETS = ("palette.css",)


def css_string(text: str) -> markupsafe.Markup:
    """A quoted CSS string for the template's <style>, where HTML escapes do not
    apply: quotes, backslashes and "<" (no "</style>" from a page title) escaped."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&\n' else char for char in str(text))
    return markupsafe.Markup(f'"{escaped}"')


#: HTML characters a printed page holds, about: the stand-in page numbers of a first layout have as many digits
CHARACTERS_PER_PAGE = 4_500
#: about how much HTML one part of a binder holds (some 60 pages): WeasyPrint's time and memory per page
#: grow with the pages of a document, so a binder is laid out in parts of this size
PART_SIZE = 250_000
#: HTML characters a worker process lays out before a fresh one takes over (WeasyPrint's caches grow
#: with each document): eight parts of full size, or many more small ones
HTML_PER_WORKER = 8 * PART_SIZE
#: parts a worker process joins, binder by binder, before a fresh one takes over (a join holds its whole PDF)
PARTS_PER_JOIN = 16


class BinderTranslator(HTML5Translator):
    """Sphinx's HTML translator, plus what print needs from a section: the
    running-head names and the source page, as ``data-*`` attributes; and where
    the binder may be cut into parts (each chapter, each resource of a chapter)."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        #: (position in ``body``, the chapter's start tag or "" for a resource, or None at a chapter's end)
        self.cuts: list[tuple[int, str | None]] = []
        self.open_sections: list[str] = []

    def visit_start_of_file(self, node: nodes.Element) -> None:
        # no empty <span id>: the page's first section carries the page's anchor,
        # so "page N" is the page its heading is on, not the one before a page break
        self.docnames.append(node["docname"])

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1
        attributes = {f"data-{key}": value for key, value in node.get(assembly.DATA, {}).items()}
        tag = self.starttag(node, "section", **attributes)
        kind = ""
        if assembly.CHAPTER_CLASS in node["classes"] and "chapter" not in self.open_sections:
            kind = "chapter"
            self.cuts.append((len(self.body), tag))
        elif assembly.RESOURCE_CLASS in node["classes"] and self.open_sections[-1:] == ["chapter"]:
            self.cuts.append((len(self.body), ""))
        self.open_sections.append(kind)
        self.body.append(tag)

    def depart_section(self, node: nodes.section) -> None:
        super().depart_section(node)
        if self.open_sections.pop() == "chapter":
            self.cuts.append((len(self.body), None))

    def parts(self) -> list[str]:
        """The body cut before each chapter and each of its resources (all start on a right-hand
        page), packed into bodies of about ``PART_SIZE``; each piece keeps its chapter's section
        around it, as the running head names the chapter. The contents and the index are parts
        of their own."""
        body = self.body
        chapters = [index for index, tag in self.cuts if tag]
        if not chapters:
            return ["".join(body)]
        prefix, suffix = "".join(body[:chapters[0]]), "".join(body[self.cuts[-1][0]:])
        pieces: list[tuple[str, str, bool]] = []  # (chapter's start tag, HTML, in a part of its own)
        tag, start = "", 0
        for index, opening in self.cuts:
            if opening:  # a chapter starts
                tag, start = opening, index + 1
            elif opening == "" and index > start:  # a resource starts: what came before is a piece
                pieces.append((tag, "".join(body[start:index]), False))
                start = index
            elif opening is None:  # the chapter ends (its last element closes it)
                alone = not pieces or "ctr-index" in tag or "ctr-contents" in tag
                pieces.append((tag, "".join(body[start:index - 1]), alone))
        bodies: list[list[tuple[str, str]]] = []
        size, closed = 0, True
        for tag, text, alone in pieces:
            if alone or closed or size + len(text) > PART_SIZE:
                bodies.append([])
                size = 0
            bodies[-1].append((tag, text))
            size += len(text)
            closed = alone
        found, opened = [], set()
        for part in bodies:
            text, current = [], ""
            for tag, piece in part:
                if tag != current:
                    text += ["</section>\n"] if current else []
                    # a chapter continued in another part: its section again, without its ids (one
                    # anchor per binder) and their empty spans (a line before a right-hand start)
                    text.append(re.sub(r' id="[^"]*"', "", tag[:tag.index(">") + 1]) if tag in opened else tag)
                    opened.add(tag)
                    current = tag
                text.append(piece)
            found.append(prefix + "".join(text) + "</section>\n" + suffix)
        return found


class BinderBuilder(SingleFileHTMLBuilder):
    """The PDFs (the whole collection, one per topic, one per training packet) from the pages' HTML."""

    name = BINDERS_BUILDER
    epilog = "The binders (HTML and PDF) are in %(outdir)s."
    default_translator_class = BinderTranslator
    search = False
    add_permalinks = False  # no "¶" after headings on paper
    copysource = False

    def init(self) -> None:
        super().init()
        # furo writes the site's highlighting stylesheet into _static/ after every build; a binder has none
        for listener in list(self.app.events.listeners.get("build-finished", [])):
            if getattr(listener.handler, "__module__", "") == "furo":
                self.app.disconnect(listener.id)
        #: the pages of the binder being assembled (``binders/assembly`` adds to it)
        self.docnames: set[str] = set()
        self.binder: Binder | None = None
        folder = Path(self.confdir, settings_of(self.config).print_theme)
        self.print_theme = folder
        self.print_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                                                  autoescape=True, undefined=jinja2.StrictUndefined)
        self.print_templates.filters["css_string"] = css_string

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.docnames:
            return "#" + assembly.page_anchor(docname)
        return assembly.OUTSIDE + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def write_documents(self, _docnames: Set[str]) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        outdir = Path(self.outdir)
        jobs = []
        collection = collection_of(self.env)
        for binder in binders.selected_binders(Path(self.srcdir), collection.sorted_topics(), self.config,
                                               collection.sorted_packets()):
            with progress_message(f"assembling {binder.name}"):
                doctree = self.assemble_binder(binder)
                body, parts = self.render_body(doctree)
            html_path = outdir / f"{binder.name}.html"
            html_path.write_text(self.page(binder, body), encoding="utf-8")
            jobs.append(BinderJob(binder, body, parts, html_path, outdir / f"{binder.name}.pdf"))
        self.copy_stylesheets()
        failing = sorted(CollectionDomain.of(self.env).failing | set(collection_of(self.env).problems))
        if failing:  # a page that fails the checks never reaches WeasyPrint (it fetches what pages name)
            logger.warning("the PDF binders are not rendered: %d page(s) fail the checks (first: %s); fix them "
                           "first (make lint, make html)", len(failing), failing[0], **Kind.PRINT.as_warning())
        elif settings_of(self.config).print_pdf:
            self.render_pdfs(jobs)

    def assemble_binder(self, binder: Binder) -> nodes.document:
        """The binder's pages in one doctree, shaped by ``binders/assembly``'s post-transforms."""
        self.binder = binder
        self.docnames = {binder.root}
        tree = self.env.get_doctree(binder.root)
        # the packets are binders of their own: the others leave them (and their list) out
        left_out = [] if binder.packet else [layout.PACKET_LIST_PAGE,
                                             *(p.docname for p in collection_of(self.env).packets.values())]
        tree = inline_all_toctrees(self, self.docnames, binder.root, tree, str, [binder.root, *left_out])
        tree["docname"] = binder.root
        self.env.resolve_references(tree, binder.root, self)
        return tree

    def render_body(self, doctree: nodes.document) -> tuple[str, list[str]]:
        """The binder's body as HTML, whole and cut into parts (``BinderTranslator.parts``)."""
        doctree.settings = self.docsettings
        self.secnumbers, self.fignumbers = {}, {}
        self.imgpath = self.dlpath = ""
        self.current_docname = str(doctree["docname"])
        visitor = self.create_translator(doctree, self)
        doctree.walkabout(visitor)
        return "".join(visitor.body), visitor.parts()

    def page(self, binder: Binder, body: str, first_page: int = 1, title_page: bool = True) -> str:
        """The print template around ``body``: the whole binder, or a part starting at ``first_page``."""
        return self.print_templates.get_template(TEMPLATE).render(
            body=body, first_page=first_page, title_page=title_page, **self.binder_context(binder))

    def binder_context(self, binder: Binder) -> dict[str, Any]:
        """What the title page and the document's metadata say."""
        config = self.config
        project = config.project
        edition = binders.edition_date()
        paper_css, paper_name = settings_of(config).paper
        details: list[tuple[str, str]] = []
        if binder.packet:
            packet = collection_of(self.env).packets[binder.packet]
            title, kicker, heading, holds = (f"{project}: {packet.title}", f"{project} \N{MIDDLE DOT} training packet",
                                             packet.title, packet.purpose)
            subject = f"{project}, training packet: {packet.title}. {packet.description}"
            resources = collection_of(self.env).resources
            details = [("Format", packet.format_label), ("Length", packet.length_label), ("For", packet.audience),
                       ("Prepared by", packet.prepared_by),
                       ("Resources, in order", "; ".join(resources[s].label for s in packet.resource_slugs
                                                         if s in resources))]
        elif binder.topic:
            topic = collection_of(self.env).topics[binder.topic]
            title, kicker, heading, holds = (f"{project}: {topic.title}", f"{project} \N{MIDDLE DOT} topic binder",
                                             topic.title, topic.description)
            subject = f"{project}, topic binder: {topic.title}. {topic.description}"
        else:
            holds = str(self.env.metadata[config.root_doc].get("description", ""))
            title, kicker, heading = project, "The whole collection", project
            subject = f"{project}: the whole collection. {holds}"
        if base_address(config):
            qr_note = f"A resource's QR code opens its page in the online collection at {config.html_baseurl}."
        else:
            qr_note = ("A resource's QR code opens the document itself: its official address, "
                       "or else a public copy or a source.")
        fonts = settings_of(config).fonts
        return {
            "language": config.language or "en",
            "title": title, "kicker": kicker, "heading": heading, "holds": holds, "subject": subject,
            "binder_name": title if binder.topic else packet.title if binder.packet else project,
            "details": details,
            "author": config.author,
            "edition": schema.format_date(edition.isoformat()),
            "edition_iso": f"{edition.isoformat()}T00:00:00Z",
            "paper_css": paper_css, "paper_name": paper_name, "qr_note": qr_note,
            "fonts": fonts,
            "stylesheets": STYLESHEETS,
        }

    def copy_stylesheets(self) -> None:
        outdir = Path(self.outdir)
        for name in STYLESHEETS:
            shutil.copyfile(self.print_theme / name, outdir / name)
        for name in SHARED_STYLESHEETS:
            shutil.copyfile(Path(self.confdir, "theme", "static", name), outdir / name)

    def render_pdfs(self, jobs: list[BinderJob]) -> None:
        """WeasyPrint, part by part in worker processes (layout is single-threaded), then the
        parts of each binder joined into one PDF (``binders/pagination``, ``binders/joining``)."""
        fonts = tuple(settings_of(self.config).fonts.values())
        roots = (Path(self.outdir), Path(self.srcdir))  # what the fetcher serves (render.url_fetcher)
        base = Path(self.outdir)
        by_name = {job.binder.name: job for job in jobs}
        binders_pages = [pagination.Pages(job.binder.name, [binder_parts.Part(body, title_page=not number)
                                                            for number, body in enumerate(job.parts)],
                                          guess=max(1, len(job.body) // CHARACTERS_PER_PAGE))
                         for job in jobs]
        pages_of = {pages.name: pages for pages in binders_pages}
        # each worker a fresh process (binders/workers): its memory is that of the parts it lays out
        processes = max(1, min(sum(len(job.parts) for job in jobs), self.app.parallel or 1))

        def document(name: str, number: int, first_page: int, numbers: Mapping[str, int]) -> str:
            part = pages_of[name].parts[number]
            body = binder_parts.with_numbers(part.body, numbers, part.ids)
            return self.page(by_name[name].binder, body, first_page, part.title_page)

        with (tempfile.TemporaryDirectory(prefix="binder-parts-") as folder,
              progress_message(f"rendering {len(jobs)} PDF binder(s) with WeasyPrint")):

            def run(layouts: list[pagination.Job]) -> list[pdf_render.Layout]:
                arguments = [(job.html, base, job.pdf, fonts, identifier(job.binder), roots, job.first_page)
                             for job in layouts]
                return workers.run("community_trust.binders.render:lay_out", arguments, processes, HTML_PER_WORKER,
                                   size=lambda argument: len(argument[0]))

            settled = pagination.paginate(binders_pages, document, run, Path(folder))
            joins = []
            for pages in binders_pages:
                last = len(pages.parts) - 1
                joins.append(([joining.JoinedPart(layout.pdf, layout.bookmarks, n < last and layout.pages % 2 == 1,
                                                  pages.parts[n].has_table)
                               for n, layout in enumerate(pages.layouts) if layout is not None and layout.pdf],
                              by_name[pages.name].pdf, identifier(pages.name)))
            workers.run("community_trust.binders.joining:join", joins, processes, PARTS_PER_JOIN,
                        size=lambda argument: len(argument[0]))
        for pages in binders_pages:
            job = by_name[pages.name]
            job.html.write_text(self.page(job.binder, binder_parts.with_numbers(job.body, pages.page_of())),
                                encoding="utf-8")
            if not settled:
                logger.warning("%s.pdf: the page numbers of its parts did not settle; some may be wrong",
                               pages.name, **Kind.PRINT.as_warning())
            messages = dict.fromkeys(m for layout in pages.layouts if layout is not None for m in layout.messages)
            missing = [glyph for layout in pages.layouts if layout is not None for glyph in layout.missing]
            self.report(pdf_render.RenderResult(job.pdf, sum(pages.written_pages()), missing, list(messages)))

    def report(self, result: pdf_render.RenderResult) -> None:
        for message in result.messages:
            logger.warning("%s: the PDF renderer says: %s", result.pdf.name, message,
                           **Kind.PRINT.as_warning())
        for glyph in result.missing:
            where = f" It is in {self.source_line(glyph)}." if glyph.docname else ""
            stand_in = (f"it would print in the stand-in font {glyph.font}" if glyph.font
                        else "it would print as an empty box")
            logger.warning(
                "%s, page %d: Missing character %s (U+%04X): no font of the binders has it, so %s.%s "
                "Write it another way, or name a font that has it in conf.py (ctr_print_fonts; README, "
                "'Print binders').", result.pdf.name, glyph.page, glyph.char, ord(glyph.char), stand_in, where,
                location=self.location(glyph), **Kind.PRINT.as_warning())

    def source_line(self, glyph: pdf_render.MissingGlyph) -> str:
        path, line = self.find(glyph)
        return f"{path}:{line}" if line else str(path)

    def location(self, glyph: pdf_render.MissingGlyph) -> tuple[str, int | None] | None:
        if not glyph.docname or glyph.docname not in self.env.all_docs:
            return None
        return glyph.docname, self.find(glyph)[1]

    def find(self, glyph: pdf_render.MissingGlyph) -> tuple[Path, int | None]:
        """The source file and the first line where the character is written."""
        path = Path(self.env.doc2path(glyph.docname))
        if path.exists():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if glyph.char in line:
                    return path, number
        return path, None

    def copy_assets(self) -> None:
        """None of the site's static files: a binder needs only its stylesheets (``copy_stylesheets``)."""

    def finish(self) -> None:
        """Nothing else to write: no search index, no static theme files.

        furo's ``build-finished`` handler writes ``_static/pygments.css`` for every
        HTML builder; the folder is made for it here and removed after it
        (``remove_theme_files``), so a binders build neither fails nor keeps it."""
        (Path(self.outdir) / THEME_FOLDER).mkdir(exist_ok=True)


def identifier(name: str) -> bytes:
    """The PDF's file identifier: the same for the same binder, build after build."""
    return hashlib.md5(name.encode()).hexdigest().encode()  # noqa: S324 (an id, not security)


@dataclass(frozen=True)
class BinderJob:
    """A binder to render: its body whole and in parts, where its HTML and PDF go."""

    binder: Binder
    body: str
    parts: list[str]
    html: Path
    pdf: Path


#: the folder furo writes into at the end of any HTML build
THEME_FOLDER = "_static"
#: after furo's handler (default priority 500)
AFTER_THEME = 900


def remove_theme_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: drop what furo wrote into a binders build (none of the site's files)."""
    if app.builder.name == BinderBuilder.name:
        shutil.rmtree(Path(app.outdir) / THEME_FOLDER, ignore_errors=True)


def setup(app: Sphinx) -> None:
    app.add_builder(BinderBuilder)
    app.connect("build-finished", remove_theme_files, priority=AFTER_THEME)
    for transform in (assembly.AssembleBinder, assembly.CardsToList, assembly.UnlinkPagesLeftOut,
                      assembly.ResourcePages, assembly.FinishBinder):
        app.add_post_transform(transform)
