"""The whole built site holds no script address, no inline handler, no load from another host,
and every page carries the Content-Security-Policy that forbids them."""

from __future__ import annotations

import base64
import hashlib

from conftest import Build
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
