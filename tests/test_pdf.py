"""The print binders: the whole collection, one per topic and one per training packet, built once with
the steps of ``nox -s pdf``.

Each test reads the PDFs as a reader would get them: their text (pdftotext),
their bookmarks and metadata (pypdf), their QR codes (a page rendered at
300 dpi and decoded) and, as assistive technology does, their structure
tree (pikepdf, ``tagged_pdf.py``), checked against the HTML each binder was
rendered from.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
import tagged_pdf
import zxingcpp
from conftest import (
    DOCS,
    front_matter,
    resource_slugs,
    sphinx_build,
    topic_slugs,
)
from PIL import Image
from pypdf import PdfReader

import noxfile
from community_trust.binders.selection import packet_binder_name
from community_trust.pages import layout
from community_trust.pages.reader import load_collection

pytestmark = pytest.mark.pdf

WHOLE = "community-trust-resources.pdf"
EDITION = "25 November 2025"  # SOURCE_DATE_EPOCH in conftest


def binder_name(topic: str) -> str:
    return f"community-trust-{topic}.pdf"


def packet_binder_names() -> list[str]:
    """A binder per training packet, from docs/packets/."""
    return [f"community-trust-packet-{p.stem}.pdf" for p in sorted((DOCS / "packets").glob("*.md"))]


def smallest_binder() -> tuple[str, str]:
    """The cheapest binder to build, a training packet's with the fewest resources, and the slug of
    its first resource (where a test writes what the fonts cannot print)."""
    packets = {path.stem: [entry["resource"] for entry in front_matter(path)["resources"]]
               for path in sorted((DOCS / layout.PACKETS).glob("*.md"))}
    slug = min(packets, key=lambda name: len(packets[name]))
    return packet_binder_name(slug), packets[slug][0]


#: every binder make pdf writes
ALL_BINDERS = [WHOLE, *(binder_name(t) for t in topic_slugs()), *packet_binder_names()]


def build_binders(srcdir: Path, out: Path, *targets: str, env: dict[str, str] | None = None) -> list[Path]:
    """``nox -s pdf`` on a copy of the docs: the binders builder, then ``noxfile.collect_pdfs``.
    ``targets`` names some binders (``community-trust-use-of-force.pdf``); default all."""
    names = ",".join(name.removesuffix(".pdf") for name in targets)
    build = sphinx_build(srcdir, out / "binders", "binders", *(["-D", f"ctr_binders={names}"] if names else []),
                         env=env)
    assert build.returncode == 0, build.stderr
    return noxfile.collect_pdfs(out / "binders", out / "pdf")


def resources() -> dict[str, dict]:
    return {slug: front_matter(DOCS / "resources" / f"{slug}.md") for slug in resource_slugs()}


def flat(text: str) -> str:
    """Text with line breaks and spaces gone: a long address pdftotext wraps is whole again."""
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    """Text with runs of white space as one space, straight quotes and plain hyphens."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.replace("\u2011", "-")).strip()


@dataclass
class Binder:
    path: Path

    @property
    def html(self) -> str:
        """The HTML the binder was rendered from (next to it in the builder's folder)."""
        return (self.path.parent.parent / "binders" / self.path.with_suffix(".html").name).read_text(encoding="utf-8")

    @cached_property
    def tree(self) -> tagged_pdf.Element:
        return tagged_pdf.structure(self.path)[0]

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def pages(self) -> list[str]:
        """The text of each page (pdftotext, reading order)."""
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                              text=True, check=True).stdout
        return text.split("\f")[: len(self.reader.pages)]

    @cached_property
    def raw_text(self) -> str:
        """The text in print order, a line-end hyphen kept as it is (pdftotext's
        default drops it, which would cut a hyphen out of a wrapped address)."""
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                              text=True, check=True).stdout

    @cached_property
    def text(self) -> str:
        return words(" ".join(self.pages))

    @cached_property
    def outline(self) -> list[tuple[str, int]]:
        """Every bookmark at any depth: (title, 0-based page index)."""
        found: list[tuple[str, int]] = []

        def walk(items: list) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((words(item.title), self.reader.get_destination_page_number(item)))
        walk(self.reader.outline)
        return found

    def resources_in_outline(self) -> dict[str, list[int]]:
        """Resource slug → the page indexes where a bookmark with its title points."""
        titles = {words(meta["title"]): slug for slug, meta in resources().items()}
        found: dict[str, list[int]] = {}
        for title, page in self.outline:
            if title in titles:
                found.setdefault(titles[title], []).append(page)
        return found


@pytest.fixture(scope="session")
def binders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Binder]:
    """Every binder of the real collection, built once."""
    out = tmp_path_factory.mktemp("binders")
    paths = build_binders(DOCS, out)
    return {path.name: Binder(path) for path in paths}


def test_the_binders_builder_writes_the_binders_and_nothing_of_the_site(binders: dict[str, Binder]) -> None:
    """No catalog.json, cite/ downloads, search index or theme files: each binder's HTML and PDF, and the
    print stylesheets they name."""
    folder = next(iter(binders.values())).path.parent.parent / "binders"
    written = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    stylesheets = set()
    for binder in binders:
        html = (folder / binder.replace(".pdf", ".html")).read_text(encoding="utf-8")
        stylesheets |= set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    for name in list(stylesheets):
        stylesheets |= set(re.findall(r'@import url\("([^"]+)"\)', (folder / name).read_text(encoding="utf-8")))
    assert written == {*binders, *(b.replace(".pdf", ".html") for b in binders), *stylesheets}


def test_one_binder_for_the_collection_one_per_topic_and_one_per_packet(binders: dict[str, Binder]) -> None:
    assert sorted(binders) == sorted(ALL_BINDERS)


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_binder_has_no_unresolved_reference(binders: dict[str, Binder], name: str) -> None:
    assert "??" not in binders[name].text
    assert "../" not in binders[name].text, "a link to a page outside the binder printed its bare target"


def test_whole_collection_links_only_inside_itself(binders: dict[str, Binder]) -> None:
    assert "in the whole-collection binder" not in binders[WHOLE].text
    # a topic binder says where a related resource it does not hold can be found
    assert "in the whole-collection binder" in binders[binder_name("use-of-force")].text


def test_whole_collection_holds_every_resource_title(binders: dict[str, Binder]) -> None:
    text = binders[WHOLE].text
    for slug, meta in resources().items():
        assert words(meta["title"]) in text, f"{slug}: title missing from {WHOLE}"


def test_whole_collection_holds_each_resource_once(binders: dict[str, Binder]) -> None:
    found = binders[WHOLE].resources_in_outline()
    assert sorted(found) == resource_slugs()
    assert all(len(pages) == 1 for pages in found.values()), found


@pytest.mark.parametrize("topic", topic_slugs())
def test_topic_binder_holds_exactly_its_resources(binders: dict[str, Binder], topic: str) -> None:
    expected = {slug for slug, meta in resources().items() if topic in meta["topics"]}
    secondary = {slug for slug in expected if resources()[slug]["topics"][0] != topic}
    found = binders[binder_name(topic)].resources_in_outline()
    assert set(found) == expected
    assert all(len(pages) == 1 for pages in found.values())
    text = binders[binder_name(topic)].text
    for slug in expected:
        assert words(resources()[slug]["title"]) in text
    if topic == "civil-rights":  # among its secondary resources, two filed under Crisis Response
        assert secondary >= {"crowd-management-and-control-model-policy", "crowd-management-concepts-and-issues-paper"}


@pytest.mark.parametrize("topic", topic_slugs())
def test_member_only_notice_leads_to_the_access_page_in_the_same_binder(binders: dict[str, Binder],
                                                                        topic: str) -> None:
    binder = binders[binder_name(topic)]
    members_only = [m for m in resources().values() if topic in m["topics"] and m["access"] == "members-only"]
    chapters = [title for title, _ in binder.outline]
    assert ("The IACP and Member Access" in chapters) == bool(members_only)
    if members_only:
        page = dict(binder.outline)["The IACP and Member Access"]
        assert f"how access works (page {binder.reader.page_labels[page]})" in binder.text


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_each_resource_starts_on_a_right_hand_page(binders: dict[str, Binder], name: str) -> None:
    binder = binders[name]
    found = binder.resources_in_outline()
    assert found
    for slug, pages in found.items():
        index = pages[0]
        # page 1 of the file is a right-hand page; its printed number is odd too
        assert index % 2 == 0, f"{slug} starts on page {index + 1} of {name}, a left-hand page"
        assert int(binder.reader.page_labels[index]) % 2 == 1


def left_edge_of_text(pdf: Path, page_index: int) -> float:
    """Distance in points from the paper's left edge to the leftmost word."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page_index + 1), "-l", str(page_index + 1),
                            str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return min(float(x) for x in re.findall(r'<word xMin="([\d.]+)"', boxes))


def test_binder_is_letter_size_with_a_binding_margin_on_the_inner_side(binders: dict[str, Binder]) -> None:
    whole = binders[WHOLE]
    for page in whole.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)  # US Letter
    start = whole.resources_in_outline()["police-pursuits"][0]  # a right-hand page, then a left-hand one
    right_hand, left_hand = left_edge_of_text(whole.path, start), left_edge_of_text(whole.path, start + 1)
    assert right_hand >= 90  # 1.25 in: room for the holes of a three-hole punch
    assert right_hand - left_hand >= 20  # the wide margin is on the binding side of each page


def test_metadata_title_page_and_running_heads(binders: dict[str, Binder]) -> None:
    whole = binders[WHOLE]
    assert whole.reader.metadata.title == "Community Trust Resources"
    assert "whole collection" in whole.reader.metadata.subject
    assert f"Edition of {EDITION}" in words(whole.pages[0])
    first, page = next((t, p) for t, p in whole.outline if t == words(resources()["police-pursuits"]["title"]))
    # the running head names the topic and the resource (short title)
    following = words(whole.pages[page + 1])
    assert "Use of Force" in following and "Police Pursuits" in following
    topic = binders[binder_name("crisis-response")]
    assert topic.reader.metadata.title == "Community Trust Resources: Crisis Response"
    assert "Crisis Response" in topic.reader.metadata.subject
    assert words(front_matter(DOCS / "topics" / "crisis-response.md")["description"]) in words(topic.pages[0])
    assert [t for t, _ in topic.outline][0] == "Crisis Response"
    assert "Contents" in whole.text and "Index" in [t for t, _ in whole.outline]


def external_addresses() -> set[str]:
    """Every https address the pages give (front-matter values and text), comments left out:
    the scaffold's '# url: https://…' hints are not addresses."""
    def values(value: object) -> list[str]:
        if isinstance(value, dict):
            return [text for item in value.values() for text in values(item)]
        if isinstance(value, list):
            return [text for item in value for text in values(item)]
        return [value] if isinstance(value, str) else []

    found = set()
    for page in load_collection(DOCS).pages.values():
        length = page.matter.length if page.matter is not None else 0
        body = [line for line in page.text.splitlines()[length:] if not line.lstrip().startswith("%")]
        texts = values(page.matter.data if page.matter is not None else {}) + body
        for text in texts:
            for address in re.findall(r"https://[^\s)\]>\"'`]+", text):
                found.add(address.rstrip(".,;:"))
    return found


def test_every_external_address_is_printed_in_full(binders: dict[str, Binder]) -> None:
    addresses = external_addresses()
    assert len(addresses) > 20
    text = flat(binders[WHOLE].raw_text)
    missing = sorted(a for a in addresses if a not in text)
    assert not missing, f"addresses not printed in full: {missing}"


def test_each_resource_prints_when_its_addresses_were_checked(binders: dict[str, Binder]) -> None:
    from community_trust.pages.schema import VERIFIED_BY, format_date

    text = binders[WHOLE].text
    for slug, meta in resources().items():
        if meta.get("verified"):
            note = VERIFIED_BY[meta["verified_by"]].format(date=format_date(str(meta["verified"])))
            assert f"Addresses: {note}" in text, slug


def dark_band_rows(pdf: Path, page_index: int, workdir: Path) -> int:
    """The tallest run of pixel rows that are dark across most of the text width,
    on the page printed in grey at 72 dpi: a bar that shows in black and white."""
    stem = workdir / f"grey-{page_index}"
    subprocess.run(["pdftoppm", "-gray", "-r", "72", "-singlefile", "-f", str(page_index + 1),
                    "-l", str(page_index + 1), str(pdf), str(stem)], check=True)
    with Image.open(f"{stem}.pgm") as image:
        width, height = image.size
        pixels = image.load()
        tallest = run = 0
        for y in range(height):
            dark = sum(1 for x in range(0, width, 2) if pixels[x, y] < 110)
            run = run + 1 if dark >= 0.5 * (width // 2) else 0
            tallest = max(tallest, run)
    return tallest


def test_members_only_notice_is_boxed(binders: dict[str, Binder], tmp_path: Path) -> None:
    whole = binders[WHOLE]
    title = words(resources()["crowd-management-and-control-model-policy"]["title"])
    page = next(p for t, p in whole.outline if t == title)
    assert "For IACP members only" in words(whole.pages[page])
    assert re.search(r'<aside [^>]*class="[^"]*\bctr-members-only\b[^"]*"[^>]*>\s*'
                     r'<p class="admonition-title">For IACP members only</p>', whole.html)
    # framed with a dark title bar: at least a few points of solid dark across the page, in grey
    assert dark_band_rows(whole.path, page, tmp_path) >= 8
    # a public resource's first page has no such bar
    public = next(p for t, p in whole.outline if t == words(resources()["police-pursuits"]["title"]))
    assert dark_band_rows(whole.path, public, tmp_path) < 4


def test_cards_print_as_a_list_with_page_numbers(binders: dict[str, Binder]) -> None:
    whole = binders[WHOLE]
    assert "sd-card" not in whole.html, "a sphinx-design card reached the print HTML"
    # the topic list on the first page of "About this collection", and related resources
    for topic in topic_slugs():
        title = front_matter(DOCS / "topics" / f"{topic}.md")["title"]
        assert re.search(rf"{re.escape(title)} \(page \d+\): ", whole.text), title
    bookmarks = dict(whole.outline)
    listed = 0
    for meta in resources().values():
        label = words(meta.get("short_title") or meta["title"])
        numbers = re.findall(rf"{re.escape(label)} \(page (\w+)\): ", whole.text)
        # each card is listed with the page where its resource starts
        assert set(numbers) == {whole.reader.page_labels[bookmarks[words(meta["title"])]]}, label
        listed += len(numbers)
    assert listed >= 30


def test_index_lists_the_keywords(binders: dict[str, Binder]) -> None:
    whole = binders[WHOLE]
    start = next(p for t, p in whole.outline if t == "Index")
    index = words(" ".join(whole.pages[start:])).casefold()
    for slug, meta in resources().items():
        for keyword in meta["keywords"]:
            assert re.search(rf"{re.escape(words(keyword).casefold())}, \d", index), f"{slug}: {keyword}"


def decode_qr(pdf: Path, page_index: int, workdir: Path) -> list[str]:
    """Render one page at 300 dpi and decode the QR codes on it."""
    stem = workdir / f"page-{page_index}"
    subprocess.run(["pdftoppm", "-gray", "-r", "300", "-singlefile", "-f", str(page_index + 1),
                    "-l", str(page_index + 1), str(pdf), str(stem)], check=True)
    with Image.open(f"{stem}.pgm") as image:
        return [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


def expected_qr(meta: dict) -> str:
    """Where the brief says a resource's code leads when no base address is set."""
    if meta.get("url"):
        return meta["url"]
    if meta.get("alternate_urls"):
        return meta["alternate_urls"][0]["url"]
    return next((s["url"] for s in meta["sources"] if s.get("url")), "")


def test_each_resource_has_a_qr_code_to_its_document(binders: dict[str, Binder], tmp_path: Path) -> None:
    whole = binders[WHOLE]
    pages = whole.resources_in_outline()
    checked = 0
    for slug, meta in resources().items():
        codes = decode_qr(whole.path, pages[slug][0], tmp_path)
        want = expected_qr(meta)
        if want:
            assert codes == [want], slug
            checked += 1
        else:
            assert codes == [] and "No QR code" in words(whole.pages[pages[slug][0]]), slug
    assert checked >= 10


# --- tagged PDF: what a screen reader gets -------------------------------------------

class Headings(HTMLParser):
    """(level, text) of every h1-h6 in an HTML file, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self.level = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if re.fullmatch(r"h[1-6]", tag):
            self.level, self.text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self.level and tag == f"h{self.level}":
            self.found.append((self.level, words("".join(self.text))))
            self.level = 0

    def handle_data(self, data: str) -> None:
        if self.level:
            self.text.append(data)


def html_headings(html: str) -> list[tuple[int, str]]:
    parser = Headings()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_binder_is_tagged_pdf_ua_with_language_and_title(binders: dict[str, Binder], name: str) -> None:
    binder = binders[name]
    with pikepdf.open(binder.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # the title, not the file name
        assert "/StructTreeRoot" in pdf.Root
        with pdf.open_metadata() as metadata:
            assert str(metadata.get("pdfuaid:part")) == "1"
            assert metadata.get("dc:title") == binder.reader.metadata.title


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_structure_tree_has_the_headings_of_the_html_in_order(binders: dict[str, Binder], name: str) -> None:
    binder = binders[name]
    tagged = [(int(e.tag[1]), words(e.text)) for e in binder.tree.walk() if re.fullmatch(r"H[1-6]", e.tag)]
    assert tagged == html_headings(binder.html)
    levels = [level for level, _ in tagged]
    assert levels.count(1) == 1, "one H1: the binder's title"
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), "a heading level is skipped"
    # every resource of the binder is an H3 in it
    for slug in binder.resources_in_outline():
        assert (3, words(resources()[slug]["title"])) in tagged, slug


def test_structure_tree_has_lists_links_and_tables_with_header_cells(binders: dict[str, Binder]) -> None:
    tags = [e.tag for e in binders[WHOLE].tree.walk()]
    for tag in ("P", "L", "LI", "LBody", "Link", "Table", "TR", "TH", "TD"):
        assert tag in tags, tag
    table = next(e for e in binders[WHOLE].tree.walk() if e.tag == "Table")
    header_cells = [e for e in table.walk() if e.tag == "TH"]
    assert header_cells and all(e.attributes.get("O") == "/Table" for e in header_cells)


def test_each_qr_code_is_a_figure_that_says_where_it_leads(binders: dict[str, Binder]) -> None:
    figures = [e for e in binders[WHOLE].tree.walk() if e.tag == "Figure"]
    wanted = [expected_qr(meta) for meta in resources().values() if expected_qr(meta)]
    assert len(figures) == len(wanted)
    alts = [figure.alt for figure in figures]
    for address in wanted:
        assert any(alt.startswith("QR code leading to ") and alt.endswith(f": {address}") for alt in alts), address


def test_everything_painted_is_tagged_or_an_artifact(binders: dict[str, Binder]) -> None:
    """Text, images, rules and backgrounds are all inside marked content: content
    in the structure tree, decoration (frames, fills, rules) marked /Artifact."""
    painting = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Tj", "TJ", "Do", "sh", "'", '"'}
    artifacts = 0
    with pikepdf.open(binders[WHOLE].path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    depth += 1
                    artifacts += str(operands[0]) == "/Artifact"
                elif name == "EMC":
                    depth -= 1
                elif name in painting:
                    assert depth > 0, f"page {number}: {name} painted outside marked content"
    assert artifacts > 0


def test_running_heads_and_feet_stay_out_of_the_reading_order(binders: dict[str, Binder]) -> None:
    """Heads and feet are on every page; in the structure tree they would be read
    out on every page. (WeasyPrint leaves them out of the tree, but does not yet
    mark them as artifacts in the content: see README, 'Print binders'.)"""
    whole = binders[WHOLE]
    text = whole.tree.text
    # the edition is on the title page and its back, and at the foot of every page
    assert text.count(f"Edition of {EDITION}") == 2
    assert whole.text.count(f"Edition of {EDITION}") > 10


@pytest.mark.parametrize("name", packet_binder_names())
def test_packet_binder_prints_the_session_then_its_resources_in_the_packets_order(binders: dict[str, Binder],
                                                                                   name: str) -> None:
    packet = load_collection(DOCS).packets[name.removeprefix("community-trust-packet-").removesuffix(".pdf")]
    binder = binders[name]
    title_page = words(binder.pages[0])
    assert "training packet" in title_page
    assert title_page.endswith("the Community Trust Resources contributors"), "the title page fits on one page"
    for value in (packet.title, packet.format_label, packet.length_label):
        assert words(value) in title_page
    assert words(binder.reader.metadata.title) == words(f"Community Trust Resources: {packet.title}")
    found = binder.resources_in_outline()
    assert sorted(found, key=lambda slug: found[slug][0]) == list(packet.resource_slugs)
    chapters = [title for title, _ in binder.outline]
    assert "Session plan" in chapters and "Facilitator's notes" in chapters and "Index" in chapters
    assert binder.text.count(f"In this session ({words(packet.title)})") == len(packet.items)


# --- page numbers read back: each binder is laid out in parts and joined (binders/pagination.py) ---

def structure_elements_after(binder: Binder, heading: str) -> list[tagged_pdf.Element]:
    """The structure elements in reading order from the H2 ``heading`` to the next H2."""
    elements = list(binder.tree.walk())
    start = next(i for i, e in enumerate(elements) if e.tag == "H2" and words(e.text) == heading)
    end = next((i for i, e in enumerate(elements[start + 1:], start + 1) if e.tag == "H2"), len(elements))
    return elements[start + 1:end]


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_contents_give_the_page_each_heading_is_on(binders: dict[str, Binder], name: str) -> None:
    """Each line of the contents ends with the printed number of the page its heading is on
    (the heading's bookmark), chapter after chapter, across the parts the binder was laid out in."""
    binder = binders[name]
    outline = binder.outline
    first = next(i for i, page in enumerate(binder.pages) if words(page).startswith("Contents")) + 1
    # the pages of the contents, their text area only (not the foot)
    contents = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(first), "-l", str(outline[0][1]),
                               "-x", "0", "-y", "60", "-W", "1000", "-H", "660", str(binder.path), "-"],
                              capture_output=True, text=True, check=True).stdout
    # "Title . . . 25", a chapter "Title    7"; a title that wraps has its number on its last line
    entries, pending = [], ""
    for line in contents.splitlines():
        text = words(line)
        if not text or text == "Contents" or (not pending and text.isdigit()):  # the heading, the foot's number
            continue
        pending = words(f"{pending} {text}")
        if re.search(r"(\.\s+|\s{2,})\d+$", line.rstrip()):
            entries.append(pending)
            pending = ""
    assert entries and not pending, pending
    position = 0
    for entry in entries:
        match = re.fullmatch(r"(.*?)[ .]*\s(\d+)", entry)
        assert match, entry
        title, number = match.group(1), match.group(2)
        found = next((i for i in range(position, len(outline)) if outline[i][0] == title), None)
        assert found is not None, f"{name}: '{title}' from the contents has no bookmark after the one before"
        assert number == binder.reader.page_labels[outline[found][1]], f"{name}: {title}"
        position = found + 1


@pytest.mark.parametrize("name", [WHOLE, binder_name("use-of-force")])
def test_index_gives_the_pages_where_the_resources_of_a_keyword_start(binders: dict[str, Binder],
                                                                       name: str) -> None:
    binder = binders[name]
    starts = {slug: binder.reader.page_labels[pages[0]] for slug, pages in binder.resources_in_outline().items()}
    expected: dict[str, set[str]] = {}
    for slug, meta in resources().items():
        if slug in starts:
            for keyword in meta["keywords"]:
                expected.setdefault(words(keyword).casefold(), set()).add(starts[slug])
    found: dict[str, set[str]] = {}
    for element in structure_elements_after(binder, "Index"):
        text = words(element.text).replace(" ,", ",")  # the runs of a line are read with a space between
        match = re.fullmatch(r"(.*?), (\d+(?:, \d+)*)", text) if element.tag == "P" else None
        if match:
            found[match.group(1).casefold()] = set(match.group(2).split(", "))
    assert found == expected


@pytest.mark.parametrize("name", ALL_BINDERS)
def test_page_numbers_at_the_foot_run_on_across_the_whole_binder(binders: dict[str, Binder], name: str) -> None:
    """The number a left-hand page's running head starts with is its place in the file."""
    binder = binders[name]
    numbered = 0
    for index, text in enumerate(binder.pages):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        head = re.match(r"(\d+)(\s|$)", lines[0]) if lines else None
        if index % 2 == 1 and head:
            assert head.group(1) == str(index + 1), f"{name}: page {index + 1} heads '{lines[0]}'"
            numbered += 1
    assert numbered > 1
