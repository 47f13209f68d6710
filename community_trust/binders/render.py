"""HTML to tagged PDF with WeasyPrint, and the check that every character has its font.

No Sphinx, so binders render in worker processes and return plain records. Pango silently takes
any installed font for a character the binder's fonts lack; after layout each run's font is
checked, and a stand-in counts as missing, named with its PDF page and source page.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

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


def render(html_path: Path, pdf_path: Path, fonts: tuple[str, ...], identifier: bytes) -> RenderResult:
    """Lay out ``html_path``, check its glyphs and write ``pdf_path`` (PDF/UA-1)."""
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    logger.propagate = False  # reported once, through the build, not also on stderr
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # set before the import logs
    from weasyprint import HTML

    try:
        html = HTML(filename=str(html_path))
        document = html.render(pdf_variant=PDF_VARIANT)
        result = RenderResult(pdf_path, pages=len(document.pages))
        result.missing = missing_glyphs(document, html.etree_element, fonts)
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


def missing_glyphs(document: object, root: object, fonts: tuple[str, ...]) -> list[MissingGlyph]:
    """Characters set in no font of ``fonts`` (a stand-in font, or none at all)."""
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

    for number, page in enumerate(document.pages, start=1):  # type: ignore[attr-defined]
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
