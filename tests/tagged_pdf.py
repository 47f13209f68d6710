"""Read a tagged PDF's structure tree the way assistive technology does (pikepdf).

``structure(path)`` gives the tree as ``Element``s in reading order, each with
its tag, its alternative text and the text of the marked content it owns.
The text comes from the page content streams: each marked-content sequence
(``BDC`` with an ``MCID``) is decoded through its font's ``ToUnicode`` map, so
a heading's words are read from the PDF, not guessed from the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf


@dataclass
class Element:
    tag: str
    alt: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)
    #: the text of this element's own marked content, in order
    own_text: list[str] = field(default_factory=list)

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def text(self) -> str:
        """All text under this element, runs joined by spaces."""
        parts: list[str] = []
        for element in self.walk():
            parts += element.own_text
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """Glyph code → text, from a font's ToUnicode CMap (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    found: dict[int, str] = {}

    def text(hexcode: str) -> str:
        return bytes.fromhex(hexcode).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[int(code, 16)] = text(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(target, 16)
            width = len(target) // 2
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                found[code] = text(f"{base + offset:0{width * 2}x}")
    return found


def _marked_text(page: pikepdf.Page) -> dict[int, list[str]]:
    """MCID → the text shown inside that marked-content sequence on ``page``."""
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []
    current: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            name = str(operands[0])
            if name not in maps:
                maps[name] = _unicode_map(fonts[name]) if name in fonts else {}
            current = maps[name]
        elif op in ("Tj", "TJ", "'", '"'):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is None:
                continue
            strings = operands[-1] if op == "TJ" else [operands[-1]]
            decoded = ""
            for item in strings:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    decoded += "".join(current.get(int.from_bytes(raw[i:i + 2], "big"), "")
                                       for i in range(0, len(raw) - 1, 2))
            texts.setdefault(mcid, []).append(decoded)
    return texts


def structure(path: Path) -> tuple[Element, pikepdf.Pdf]:
    """The document's structure tree (its ``Document`` element) and the open PDF."""
    pdf = pikepdf.open(path)
    page_index = {page.objgen: number for number, page in enumerate(pdf.pages)}
    page_texts: dict[int, dict[int, list[str]]] = {}

    def texts_of(page_ref: pikepdf.Object) -> dict[int, list[str]]:
        number = page_index[page_ref.objgen]
        if number not in page_texts:
            page_texts[number] = _marked_text(pdf.pages[number])
        return page_texts[number]

    def build(node: pikepdf.Dictionary, page: pikepdf.Object | None) -> Element:
        page = node.get("/Pg", page)
        element = Element(str(node.get("/S", "/?"))[1:], alt=str(node.get("/Alt", "")))
        attributes = node.get("/A")
        if isinstance(attributes, pikepdf.Dictionary):
            element.attributes = {str(k)[1:]: str(v) for k, v in attributes.items()}
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        for kid in items:
            if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
                if page is not None:
                    element.own_text += texts_of(page).get(int(kid), [])
            elif isinstance(kid, pikepdf.Dictionary):
                kind = str(kid.get("/Type", ""))
                if kind == "/MCR":
                    if kid.get("/Pg", page) is not None:
                        element.own_text += texts_of(kid.get("/Pg", page)).get(int(kid.MCID), [])
                elif kind == "/OBJR":
                    continue
                else:
                    element.children.append(build(kid, page))
        return element

    root = pdf.Root.StructTreeRoot
    kids = root.K
    documents = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    top = Element("StructTreeRoot", children=[build(kid, None) for kid in documents])
    return top, pdf
