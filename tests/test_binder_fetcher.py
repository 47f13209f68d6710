"""The binders load nothing the build machine holds: WeasyPrint's fetcher is confined.

A binder is made from pages that arrive by pull request. WeasyPrint's own
fetcher would request any address (the build machine's network, its loopback
services) and embed any file of the machine; ours serves files of the build's
output and of docs/ only, and data: images, and refuses the rest.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from community_trust.binders import render

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c63f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    out, docs, outside = tmp_path / "out", tmp_path / "docs", tmp_path / "outside"
    for folder in (out, docs / "images", outside):
        folder.mkdir(parents=True)
    (docs / "images" / "chart.png").write_bytes(PNG)
    (outside / "secret.png").write_bytes(PNG)
    (docs / "images" / "linked.png").symlink_to(outside / "secret.png")
    return out, docs, outside


def test_files_inside_the_roots_are_served(folders) -> None:
    out, docs, _ = folders
    assert render.confined_path((docs / "images" / "chart.png").as_uri(), (out, docs)) == (docs / "images" / "chart.png").resolve()


@pytest.mark.parametrize("address", [
    "http://127.0.0.1:9/x.png", "https://tracker.example.com/p.png", "ftp://example.org/x",
    "file:///etc/passwd", "file://host/etc/passwd", "FILE:///etc/passwd",
])
def test_other_addresses_are_refused(folders, address: str) -> None:
    out, docs, _ = folders
    with pytest.raises(render.RefusedAddress):
        render.confined_path(address, (out, docs))


def test_no_climbing_out_and_no_link_out(folders) -> None:
    out, docs, outside = folders
    for address in ((docs / "images" / ".." / ".." / "outside" / "secret.png").as_uri().replace("/images/", "/images/../"),
                    (docs / "images" / "linked.png").as_uri(), (outside / "secret.png").as_uri()):
        with pytest.raises(render.RefusedAddress):
            render.confined_path(address, (out, docs))


def test_weasyprint_requests_nothing_from_the_network(folders) -> None:
    """A binder naming a loopback service, a remote image and a file of the machine fetches none of them."""
    out, docs, outside = folders
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        html = out / "binder.html"
        html.write_text(
            "<html><head><style>@page { size: A6 }</style>"
            f"<link rel='stylesheet' href='http://127.0.0.1:{port}/style.css'></head><body>"
            f"<img alt='a' src='http://127.0.0.1:{port}/x.png'>"
            f"<img alt='b' src='{(outside / 'secret.png').as_uri()}'>"
            "<img alt='c' src='file:///etc/passwd'>"
            f"<img alt='d' src='{(docs / 'images' / 'chart.png').as_uri()}'>"
            "<p>Text.</p></body></html>", encoding="utf-8")
        result = render.lay_out(html, html.parent, out / "binder.pdf", ("DejaVu Sans",), b"0" * 32, roots=(docs,))
    finally:
        server.shutdown()
    assert requests == []
    assert (out / "binder.pdf").is_file()
    refused = [m for m in result.messages if "the binders load only" in m]
    assert len(refused) >= 3, result.messages


def test_a_collection_with_a_failing_page_is_not_rendered(tmp_path: Path) -> None:
    """A page that fails the checks never reaches WeasyPrint: no binder is rendered at all."""
    from conftest import copy_docs, resource_slugs, sphinx_build

    docs = copy_docs(tmp_path / "docs")
    page = docs / "resources" / f"{resource_slugs()[0]}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## Summary\n", "## Summary\n\n```{IMAGE} http://127.0.0.1:9/x.png\n:alt: x\n```\n", 1),
                    encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "binders", "binders")
    assert build.returncode != 0
    assert any("the PDF binders are not rendered" in w for w in build.warnings), build.warnings
    assert not list((tmp_path / "binders").glob("*.pdf"))
