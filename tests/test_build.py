"""The foundation: a strict, warning-free, reproducible, self-contained build."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag

from conftest import Build, copy_docs, hrefs, sphinx_build

#: pages Sphinx makes that are not part of the navigation
SPECIAL_PAGES = {"genindex.html", "search.html", "404.html"}


def test_build_is_warning_free(site: Build) -> None:
    assert site.returncode == 0
    assert site.warnings == []


def test_home_and_search_pages_exist(site: Build) -> None:
    assert "<title>Community Trust Resources" in site.page("index.html")
    assert 'id="search-results"' in site.page("search.html") or "searchindex.js" in site.page("search.html")
    assert (site.outdir / "searchindex.js").stat().st_size > 1000


def _internal_links(page: Path, outdir: Path) -> set[Path]:
    links = set()
    for href in hrefs(page.read_text(encoding="utf-8")):
        target, _ = urldefrag(href)
        if not target or re.match(r"^[a-z]+:", target) or not target.endswith(".html"):
            continue
        resolved = (page.parent / target).resolve()
        if resolved.is_file() and outdir in resolved.parents:
            links.add(resolved)
    return links


def test_every_page_is_reachable_from_the_home_page(site: Build) -> None:
    outdir = site.outdir.resolve()
    pages = {p.resolve() for p in outdir.rglob("*.html")
             if p.name not in SPECIAL_PAGES and "_static" not in p.parts}
    seen, queue = set(), [outdir / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        queue.extend(_internal_links(page, outdir) - seen)
    assert pages - seen == set()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".doctrees" not in p.parts}


def test_two_clean_builds_are_byte_identical(site: Build, tmp_path: Path) -> None:
    again = sphinx_build(site.srcdir, tmp_path / "html")
    assert again.returncode == 0, again.stderr
    first, second = _files(site.outdir), _files(again.outdir)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


EXTERNAL_ASSET = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["'](?:https?:)?//[^"']*["'][^>]*>"""
    r"""|@import\s+url\(["']?(?:https?:)?//"""
    r"""|url\(["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_asset_is_loaded_from_another_host(site: Build) -> None:
    offenders = []
    for path in site.outdir.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"} or not path.is_file():
            continue
        for match in EXTERNAL_ASSET.finditer(path.read_text(encoding="utf-8", errors="replace")):
            snippet = match.group(0)
            if 'rel="canonical"' in snippet:  # a canonical address is metadata, not a load
                continue
            offenders.append(f"{path.relative_to(site.outdir)}: {snippet[:80]}")
    assert offenders == []


def test_pages_link_with_relative_addresses_so_a_folder_copy_works(site: Build) -> None:
    index = site.page("index.html")
    assert 'href="topics/accountability.html"' in index
    assert 'src="_static/' in index or "src='_static/" in index
    assert "href=\"/" not in index


def test_a_warning_fails_the_build(tmp_path: Path) -> None:
    """-W is in force: one broken cross-reference makes the whole build fail, with its place."""
    docs = copy_docs(tmp_path / "docs")
    page = docs / "catalog.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {doc}`no-such-page`.\n", encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "html", jobs="1")
    assert build.returncode != 0
    assert any("catalog.md:" in w and "no-such-page" in w for w in build.warnings), build.stderr
