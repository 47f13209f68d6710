"""HTML to tagged PDF with WeasyPrint, and the check that every character has its font.

No Sphinx, so binders render in worker processes and return plain records. Pango silently takes
any installed font for a character the binder's fonts lack; after layout each run's font is
checked, and a stand-in counts as missing, named with its PDF page and source page.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: the PDF variant: tagged, with PDF/UA-1 identification in the metadata
PDF_VARIANT = "pdf/ua-1"
#: the attribute the print translator puts on the first section of each page of the collection
DOCNAME_ATTRIBUTE = "data-docname"


@dataclass(frozen=True)
class MissingGlyph:
    """A character the binder's fonts lack, where it printed."""

    char: str
    page: int  # 1-based, as a PDF viewer counts
    docname: str  # the collection's page it came from; "" for the binder's own text
    font: str  # the font that stood in ("" when none had it)


@dataclass
class RenderResult:
    pdf: Path
    pages: int = 0
    missing: list[MissingGlyph] = field(default_factory=list)
    #: what WeasyPrint itself warned about (ignored CSS, broken anchors …)
    messages: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: schemes the binders' fetcher serves: files of its folders, and the binder's own data: images (QR codes)
SERVED_SCHEMES = ("file", "data")


class RefusedAddress(ValueError):
    """An address the binders' fetcher does not serve; WeasyPrint logs it and goes on without it."""


def confined_path(url: str, roots: Sequence[Path]) -> Path:
    """The file a ``file:`` address names, when it is a file inside one of ``roots``; else refused.

    The real path counts (symbolic links followed), so no link or ``..`` leads out.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedAddress(f"the binders load only files of the build, not '{url}'")
    path = Path(os.path.realpath(unquote(parts.path)))
    if not any(path.is_relative_to(os.path.realpath(root)) for root in roots) or not path.is_file():
        raise RefusedAddress(f"the binders load only files of the build and of docs/, not '{url}'")
    return path


def url_fetcher(roots: Sequence[Path]):  # type: ignore[no-untyped-def]
    """WeasyPrint's fetcher, confined: files under ``roots`` and ``data:`` images only; no network.

    WeasyPrint's own fetcher opens any address (http:, ftp:, any file of the
    machine); a binder is made from pages that arrive by pull request, so ours
    serves the build's output and docs/ and refuses everything else.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)  # decoded in memory: no file, no network
            path = confined_path(url, roots)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind})

    return ConfinedFetcher(allowed_protocols=SERVED_SCHEMES, allow_redirects=False)


@dataclass
class Layout:
    """What laying out one part of a binder gave: its pages, where its anchors and bookmarks are."""

    pdf: Path | None
    pages: int = 0
    #: per page, the anchors (ids) whose element starts on it
    anchors: list[list[str]] = field(default_factory=list)
    #: per page, WeasyPrint's bookmarks: (level, label, (x, y) in PDF points from the bottom left, state)
    bookmarks: list[list[tuple[int, str, tuple[float, float], str]]] = field(default_factory=list)
    missing: list[MissingGlyph] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def lay_out(source: Path | str, base: Path, pdf_path: Path | None, fonts: tuple[str, ...], identifier: bytes,
            roots: tuple[Path, ...] = (), first_page: int = 1) -> Layout:
    """Lay out ``source`` (a file, or HTML text whose relative addresses are in ``base``); with
    ``pdf_path``, also check its glyphs and write the PDF.

    ``roots``: the folders the binder may load files from (besides ``base``); ``first_page``: the
    binder's page number of the first page (glyphs are reported with it).
    """
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    logger.propagate = False  # reported once, through the build, not also on stderr
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # set before the import logs
    from weasyprint import HTML

    try:
        fetcher = url_fetcher((base, *roots))
        if isinstance(source, Path):
            html = HTML(filename=str(source), url_fetcher=fetcher)
        else:
            html = HTML(string=source, base_url=base.as_uri() + "/", url_fetcher=fetcher)
        document = html.render(pdf_variant=PDF_VARIANT)
        result = Layout(pdf_path, pages=len(document.pages))
        result.anchors = [list(page.anchors) for page in document.pages]
        scale = 0.75  # CSS pixels to PDF points, as write_pdf draws them
        result.bookmarks = [[(level, label, (x * scale, (page.height - y) * scale), state)
                             for level, label, (x, y), state in page.bookmarks] for page in document.pages]
        if pdf_path is None:
            return result
        result.missing = missing_glyphs(document, html.etree_element, fonts, first_page)
        # the .notdef warning repeats what the glyph check reports with a page and a source
        result.messages = [m for m in collect.messages if ".notdef glyph" not in m]
        collect.messages.clear()
        document.write_pdf(pdf_path, pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
        result.messages += [m for m in collect.messages if ".notdef glyph" not in m]
    finally:
        logger.removeHandler(collect)
    return result


def _docnames(root: object) -> dict[int, str]:
    """Element (by id) → the collection page it belongs to, from the marked sections."""
    found: dict[int, str] = {}

    def walk(element: object, current: str) -> None:
        current = element.get(DOCNAME_ATTRIBUTE, current)  # type: ignore[attr-defined]
        found[id(element)] = current
        for child in element:  # type: ignore[attr-defined]
            walk(child, current)

    walk(root, "")
    return found


def missing_glyphs(document: object, root: object, fonts: tuple[str, ...], first_page: int = 1) -> list[MissingGlyph]:
    """Characters set in no font of ``fonts`` (a stand-in font, or none at all); pages counted from ``first_page``."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.ffi import ffi, pango

    allowed = {name.casefold() for name in fonts}
    docnames = _docnames(root)
    found: dict[tuple[str, int], MissingGlyph] = {}
    family_of: dict[object, str] = {}

    def family(font: object) -> str:
        if font not in family_of:
            description = pango.pango_font_describe_with_absolute_size(font)
            family_of[font] = ffi.string(pango.pango_font_description_get_family(description)).decode()
            pango.pango_font_description_free(description)
        return family_of[font]

    for number, page in enumerate(document.pages, start=first_page):  # type: ignore[attr-defined]
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.TextBox) or not box.text.strip():
                continue
            # WeasyPrint drops each Pango layout after layout to save memory; the
            # drawing step makes it again, and so does this check
            box.pango_layout.reactivate(box.style)
            line, _ = box.pango_layout.get_first_line()
            encoded = box.pango_layout.text.encode("utf-8")
            run = line.runs
            while run != ffi.NULL:
                item = run.data.item
                glyphs = run.data.glyphs
                run = run.next
                unknown = any(glyphs.glyphs[i].glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG
                              for i in range(glyphs.num_glyphs))
                name = family(item.analysis.font) if item.analysis.font != ffi.NULL else ""
                if not unknown and name.casefold() in allowed:
                    continue
                text = encoded[item.offset:item.offset + item.length].decode("utf-8", errors="replace")
                for char in text:
                    if char.isspace() or unicodedata.category(char) == "Cf" or (char, number) in found:
                        continue
                    docname = docnames.get(id(box.element), "") if box.element is not None else ""
                    found[(char, number)] = MissingGlyph(char, number, docname, "" if unknown else name)
            box.pango_layout.deactivate()
    return list(found.values())
