"""The whole built site holds no script address, no inline handler, no load from another host,
and every page carries the Content-Security-Policy that forbids them."""

from __future__ import annotations

import base64
import hashlib

import pytest
from conftest import Build, resource_slugs
from site_scan import hostile, scan_page


def test_the_site_holds_nothing_that_runs_or_loads_from_elsewhere(site: Build) -> None:
    assert hostile(site.outdir) == []


def test_every_page_has_the_policy_and_it_names_each_inline_script(site: Build) -> None:
    pages = [p for p in site.outdir.rglob("*.html") if ".doctrees" not in p.parts]
    assert pages
    for path in pages:
        scan = scan_page(path.read_text(encoding="utf-8"))
        assert len(scan.policies) == 1, path
        policy = dict(part.strip().split(" ", 1) for part in scan.policies[0].split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", policy
        assert "'unsafe-inline'" not in policy["script-src"] and policy["script-src-attr"] == "'none'", policy
        for code in scan.inline_scripts:
            digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], (path, code[:80])


def test_the_policy_comes_before_any_script_or_style(site: Build) -> None:
    text = site.page("index.html")
    head = text.split("</head>", 1)[0]
    assert head.index("Content-Security-Policy") < min(i for i in (head.find("<script"), head.find("<link")) if i >= 0)


@pytest.mark.browser
@pytest.mark.parametrize("opened", ["http", "file"])
def test_the_policy_blocks_nothing_the_site_uses(chromium, site: Build, site_url: str, opened: str) -> None:  # type: ignore[no-untyped-def]
    """Opened from the host or from a folder, no page's own script, style or image is refused."""
    base = site_url if opened == "http" else site.outdir.resolve().as_uri() + "/"
    context = chromium.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    try:
        for name in ("index.html", "catalog.html", "search.html", f"resources/{resource_slugs()[0]}.html"):
            page.goto(base + name)
            page.wait_for_load_state("load")
            assert page.evaluate("document.body.dataset.theme") in ("auto", "light", "dark"), name
    finally:
        context.close()
    assert refused == []
