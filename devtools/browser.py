"""Debian's Chromium and a loopback web server: how the tests, the benchmark
and the audit open the built site, defined once.

Playwright's own browser downloads are never used: everything drives the
system's ``/usr/bin/chromium``, so CI, every developer and every measurement
use the same browser and nothing is fetched. The site is served over HTTP on
127.0.0.1 (a free port) because search snippets and the 404 page behave as
on a host only when served, never from ``file://``.

Used by ``tests/conftest.py`` (the ``chromium`` and ``site_url`` fixtures),
``benchmarks/weight.py`` (page weight) and ``audit/lighthouse.py`` (Lighthouse
starts Chromium itself, with :data:`CHROMIUM` and :data:`CHROMIUM_ARGS`).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")
#: quiet, offline and reproducible runs
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI and containers run as root, where the sandbox cannot start
    "--disable-gpu",  # servers have none; software rendering gives the same pixels everywhere
    "--disable-background-networking",  # no requests to Google's services: the site must work offline
    "--disable-component-update",  # no component downloads while measuring
    "--disable-sync",  # no account sync
    "--no-first-run",  # no welcome page before the one asked for
]
MISSING_CHROMIUM = (f"{CHROMIUM} is missing: the browser tests, the page weight and the audit need "
                    "Debian's Chromium. Install it with: sudo scripts/install-system-deps.sh")


def launch(playwright: Playwright) -> Browser:
    """A headless Chromium from the system, or a failure that says how to get one."""
    if not CHROMIUM.exists():
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request (the output is the test's or the report's)."""

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
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()
