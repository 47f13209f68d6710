"""Page weight: what a browser fetches to show one built page.

The page is served from a loopback web server and opened in Debian's
Chromium (through Playwright, never a downloaded browser; both from
``devtools/browser.py``, as in the tests); every response is
counted: bytes by kind (HTML, CSS, JS, fonts, images, other), requests, and
any request to another host. Without a browser the same figures are read
from the page's HTML and CSS (``method`` says which), which misses only what
scripts load later.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from devtools.browser import CHROMIUM, launch, serve

KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff": "font", ".woff2": "font", ".ttf": "font",
         ".otf": "font", ".eot": "font", ".svg": "image", ".png": "image", ".jpg": "image",
         ".jpeg": "image", ".gif": "image", ".webp": "image", ".ico": "image"}


@dataclass
class Weight:
    page: str
    method: str
    requests: int = 0
    bytes: dict[str, int] = field(default_factory=dict)
    other_hosts: list[str] = field(default_factory=list)
    #: the largest files fetched, to say what to drop
    largest: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total}


def kind_of(url: str) -> str:
    return KINDS.get(Path(urlsplit(url).path).suffix.lower(), "other")


def _tally(weight: Weight, fetched: dict[str, int], base_host: str) -> Weight:
    for url, size in fetched.items():
        if urlsplit(url).hostname != base_host:
            weight.other_hosts.append(url)
        weight.bytes[kind_of(url)] = weight.bytes.get(kind_of(url), 0) + size
    weight.requests = len(fetched)
    weight.largest = sorted(((urlsplit(u).path, s) for u, s in fetched.items()), key=lambda i: -i[1])[:6]
    return weight


def measure_in_browser(root: Path, page: str) -> Weight:
    """Open ``page`` (relative to ``root``) in headless Chromium and count every response."""
    from playwright.sync_api import sync_playwright

    fetched: dict[str, int] = {}
    with serve(root) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context(service_workers="block")
            view = context.new_page()

            def record(response) -> None:  # type: ignore[no-untyped-def]
                if response.url.startswith("data:"):
                    return
                try:
                    fetched[response.url] = len(response.body())
                except Exception:  # a redirect or an aborted load has no body
                    fetched[response.url] = 0

            view.on("response", record)
            view.goto(base + page, wait_until="networkidle")
        finally:
            browser.close()
    return _tally(Weight(page, "browser"), fetched, "127.0.0.1")


class _References(HTMLParser):
    """Addresses a browser would fetch to render the page (not links to other pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "script" and attr.get("src"):
            self.found.append(attr["src"] or "")
        elif tag in ("img", "source", "iframe") and attr.get("src"):
            self.found.append(attr["src"] or "")
        elif tag == "link" and attr.get("href"):
            rel = (attr.get("rel") or "").split()
            if {"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(rel):
                self.found.append(attr["href"] or "")


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def measure_from_files(root: Path, page: str) -> Weight:
    """The same figures read from the HTML and the CSS it references (no browser)."""
    base = "http://127.0.0.1/"
    fetched: dict[str, int] = {}
    queue = [urljoin(base, page)]
    while queue:
        url = queue.pop(0).split("#", 1)[0]
        if url in fetched or url.startswith("data:"):
            continue
        parts = urlsplit(url)
        if parts.hostname != "127.0.0.1":
            fetched[url] = 0
            continue
        path = root / unquote(parts.path.lstrip("/"))
        if not path.is_file():
            continue
        data = path.read_bytes()
        fetched[url] = len(data)
        if path.suffix == ".html":
            parser = _References()
            parser.feed(data.decode("utf-8", errors="replace"))
            queue += [urljoin(url, ref) for ref in parser.found]
        elif path.suffix == ".css":
            queue += [urljoin(url, a or b) for a, b in CSS_URL.findall(data.decode("utf-8", errors="replace"))]
    return _tally(Weight(page, "files"), fetched, "127.0.0.1")


def measure(root: Path, page: str) -> Weight:
    """In the browser when there is one, else from the files."""
    if CHROMIUM.exists():
        try:
            return measure_in_browser(root, page)
        except Exception as problem:  # no Playwright, or the browser would not start
            weight = measure_from_files(root, page)
            weight.method = f"files (browser failed: {type(problem).__name__})"
            return weight
    return measure_from_files(root, page)
