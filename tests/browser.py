"""The browser the tests drive: Debian's Chromium through Playwright, and the
two ways a reader opens the built site (from a folder, from a web server).

Playwright's own browser downloads are never used: the tests run the
system's ``/usr/bin/chromium`` so that CI and every developer test the same
browser without fetching anything. ``tests/conftest.py`` turns these helpers
into fixtures.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
#: quiet, offline, reproducible: no updates, no sync, no first-run pages
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
                    "Install it with: sudo scripts/install-system-deps.sh")


def launch(playwright):  # type: ignore[no-untyped-def]
    """A headless Chromium from the system, or a failure that says how to get one."""
    if not CHROMIUM.exists():
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


class _HostHandler(_QuietHandler):
    """Like a web host: a missing address gets the site's own 404.html, with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(root: Path, *, not_found_page: bool = False) -> Iterator[str]:
    """Serve ``root`` on a free loopback port; yield the base address (ends with /).

    ``root`` may be filled after the server starts (a build that needs the address).
    With ``not_found_page``, missing addresses get ``404.html`` as a host would serve it.
    """
    handler = functools.partial(_HostHandler if not_found_page else _QuietHandler, directory=str(root))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


def search(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``query`` on the site's search page; return the result addresses in order.

    Finished when Sphinx writes the summary line ("Search finished, found …").
    """
    from urllib.parse import quote_plus

    page.goto(f"{base}search.html?q={quote_plus(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results > p.search-summary');"
        " return s !== null && s.textContent.trim() !== ''; }")
    return page.eval_on_selector_all("#search-results > ul.search > li > a",
                                     "links => links.map(a => a.getAttribute('href'))")
