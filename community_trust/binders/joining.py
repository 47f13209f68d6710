"""The parts of a binder joined into one tagged PDF (pikepdf), as if WeasyPrint had written it whole.

Pages in order, one structure tree and parent tree, every part's named destinations, links
between parts made internal again, one outline, the first part's metadata (ARCHITECTURE.md,
"The binders"). No Sphinx; runs in a worker process.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from community_trust.binders.parts import ELSEWHERE

#: what WeasyPrint draws on a page left blank before a right-hand start (it flips the axis and paints nothing)
BLANK_CONTENT = b"1 0 0 -1 0 %s cm\nq\n0.75 0 0 0.75 0 0 cm\nQ"
#: the catalogue entries the joined file takes from the first part
CATALOG_KEYS = ("/Metadata", "/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents")

Bookmark = tuple[int, str, tuple[float, float], str]


@dataclass(frozen=True)
class JoinedPart:
    """A part's PDF, its bookmarks per page, whether a blank page follows it."""

    pdf: Path
    bookmarks: list[list[Bookmark]]
    blank_after: bool
    has_table: bool


def join(parts: list[JoinedPart], target: Path, identifier: bytes) -> int:
    """Write the parts as one PDF at ``target``; return its number of pages."""
    joined = pikepdf.new()
    tree_root = joined.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = joined.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array(), P=tree_root))
    tree_root.K = Array([document])
    page_elements: list[pikepdf.Object] = []  # per joined page, its marked content's elements (by MCID)
    annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # (annotation, its Link element)
    names: list[tuple[str, pikepdf.Object]] = []
    bookmarks: list[list[Bookmark]] = []
    version = "1.7"
    for number, part in enumerate(parts):
        source = pikepdf.open(part.pdf)
        if number == 0:
            version = source.pdf_version
            for key in CATALOG_KEYS:
                if key in source.Root:
                    joined.Root[key] = _copy(joined, source, source.Root[key])
            joined.trailer.Info = _copy(joined, source, source.trailer.Info)
        first = len(joined.pages)
        with warnings.catch_warnings():  # pikepdf warns that named destinations stay behind: copied below
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            joined.pages.extend(source.pages)
        copied = joined.copy_foreign(source.Root.StructTreeRoot)
        own_pages = len(source.pages)
        local: dict[int, pikepdf.Object] = {}
        nums = copied.ParentTree.Nums
        for index in range(0, len(nums), 2):
            local[int(nums[index])] = nums[index + 1]
        for index in range(own_pages):
            page_elements.append(local.get(index, Array()))
        for page in joined.pages[first:]:
            for annotation in page.obj.get("/Annots", Array()):
                key = annotation.get("/StructParent")
                if key is not None:
                    annotations.append((annotation, local[int(key)]))
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith(ELSEWHERE):
                    anchor = str(action.URI)[len(ELSEWHERE):]
                    del annotation["/A"]
                    annotation.Contents = String(anchor)
                    annotation.Dest = String(anchor)
        for kid in copied.K[0].K:
            kid.P = document
            document.K.append(kid)
        if part.has_table:
            _distinct_table_ids(copied.K[0], f"p{number}-")
        destinations = source.Root.get("/Names", Dictionary()).get("/Dests")
        if destinations is not None:
            flat = _copy(joined, source, destinations.Names)
            names += [(str(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]
        bookmarks += part.bookmarks
        # the copies read their streams from the part until told otherwise: read now, so that the
        # part is closed and its objects freed before the next (memory is the joined file's alone)
        _own_streams([page.obj for page in joined.pages[first:]] + [joined.Root.get("/Metadata")])
        source.close()
        if part.blank_after:
            last = joined.pages[-1].obj
            _add_blank_page(joined, last)
            page_elements.append(Array())
            bookmarks.append([])
    _number_parent_tree(joined, tree_root, page_elements, annotations)
    joined.Root.StructTreeRoot = tree_root
    if names:
        first_of = dict(reversed(names))  # an anchor named twice leads where it comes first, as in one document
        joined.Root.Names = Dictionary(Dests=Dictionary(Names=Array(
            [item for name in sorted(first_of) for item in (String(name), first_of[name])])))
    _outline(joined, bookmarks)
    joined.trailer.ID = Array([String(identifier), String(identifier)])
    joined.save(target, static_id=True, fix_metadata_version=False, force_version=version,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    pages = len(joined.pages)
    joined.close()  # a worker process may join another binder next: this one's objects go now
    return pages


def _own_streams(roots: list[pikepdf.Object | None]) -> None:
    """Every stream reachable from ``roots`` (contents, fonts, images, their resources) given its
    encoded data, so that it no longer reads from the file it was copied from."""
    seen: set[tuple[int, int]] = set()
    stack = [root for root in roots if root is not None]
    while stack:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if isinstance(node, pikepdf.Stream):
            node.write(node.read_raw_bytes(), filter=node.get("/Filter"), decode_parms=node.get("/DecodeParms"))
        if isinstance(node, pikepdf.Dictionary | pikepdf.Stream):
            stack += [node[key] for key in node.keys() if key not in ("/Parent", "/P", "/Annots", "/Length")
                      and isinstance(node[key], pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)]
        elif isinstance(node, pikepdf.Array):
            stack += [item for item in node if isinstance(item, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)]


def _copy(joined: pikepdf.Pdf, source: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of ``source`` in ``joined``; a direct value stays direct (the language, the mark info)."""
    if value.is_indirect:
        return joined.copy_foreign(value)
    copied = joined.copy_foreign(source.make_indirect(value))
    if isinstance(copied, pikepdf.Dictionary):
        return Dictionary({key: copied[key] for key in copied.keys()})
    if isinstance(copied, pikepdf.Array):
        return Array(list(copied))
    return copied


def _add_blank_page(joined: pikepdf.Pdf, like: pikepdf.Object) -> None:
    """A page that paints nothing, of the size of ``like`` and sharing its resources."""
    height = like.MediaBox[3]
    page = Dictionary(Type=Name.Page, MediaBox=like.MediaBox, Contents=joined.make_stream(BLANK_CONTENT % str(height).encode()),
                      Resources=like.Resources, Tabs=Name.S)
    for box in ("/TrimBox", "/BleedBox"):
        if box in like:
            page[box] = like[box]
    joined.pages.append(pikepdf.Page(joined.make_indirect(page)))


def _number_parent_tree(joined: pikepdf.Pdf, tree_root: pikepdf.Object, page_elements: list[pikepdf.Object],
                        annotations: list[tuple[pikepdf.Object, pikepdf.Object]]) -> None:
    """One parent tree, numbered as WeasyPrint numbers it: pages first, then link annotations."""
    nums = Array()
    for number, (page, elements) in enumerate(zip(joined.pages, page_elements, strict=True)):
        page.obj.StructParents = number
        nums.append(number)
        nums.append(elements)
    for number, (annotation, element) in enumerate(annotations, start=len(page_elements)):
        annotation.StructParent = number
        nums.append(number)
        nums.append(element)
    tree_root.ParentTree = joined.make_indirect(Dictionary(Nums=nums))


def _distinct_table_ids(element: pikepdf.Object, prefix: str) -> None:
    """Table header cells' ids (and the cells naming them) made distinct across parts:
    WeasyPrint numbers them by object number, which each part starts again."""
    stack = [element]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        kind = node.get("/S")
        if kind in (Name.TH, Name.TD):
            if "/ID" in node:
                node.ID = String(prefix + str(node.ID))
            attributes = node.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                attributes.Headers = Array([String(prefix + str(h)) for h in attributes.Headers])
            continue
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != Name.OBJR]


def _outline(joined: pikepdf.Pdf, pages: list[list[Bookmark]]) -> None:
    """The bookmarks of every page as one outline, nested as WeasyPrint nests them."""
    from weasyprint.anchors import make_page_bookmark_tree

    class Page:
        def __init__(self, bookmarks: list[Bookmark]) -> None:
            self.bookmarks = bookmarks

    class Identity:
        @staticmethod
        def transform_point(x: float, y: float) -> tuple[float, float]:
            return x, y

    root: list = []  # type: ignore[type-arg]
    skipped: list[int] = []
    last_by_depth: list = [root]  # type: ignore[type-arg]
    previous = 0
    for number, bookmarks in enumerate(pages):
        previous = make_page_bookmark_tree(Page(bookmarks), skipped, last_by_depth, previous, number, Identity())
    if root:
        outlines = joined.make_indirect(Dictionary())
        items, count = _outline_items(joined, root, outlines)
        outlines.Count = count
        outlines.First, outlines.Last = items[0], items[-1]
        joined.Root.Outlines = outlines


def _outline_items(joined: pikepdf.Pdf, tree: list, parent: pikepdf.Object) -> tuple[list[pikepdf.Object], int]:  # type: ignore[type-arg]
    """WeasyPrint's ``add_outlines``, on the joined file."""
    count = len(tree)
    items: list[pikepdf.Object] = []
    for title, (page, x, y), children, state in tree:
        item = joined.make_indirect(Dictionary(Title=String(title),
                                               Dest=Array([joined.pages[page].obj, Name.XYZ, x, y, 0])))
        kids, kids_count = _outline_items(joined, children, item)
        item.Count = -kids_count if state == "closed" else kids_count
        if state != "closed":
            count += kids_count
        if items:
            item.Prev = items[-1]
            items[-1].Next = item
        if kids:
            item.First, item.Last = kids[0], kids[-1]
        item.Parent = parent
        items.append(item)
    return items, count
