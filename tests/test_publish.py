"""Ready to publish: page metadata, one base address, 404, sitemap, edit
links, review dates, print, the offline zip and the hosting configurations."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html import escape
from pathlib import Path

import pytest
import yaml
from conftest import DOCS, ROOT, Build, front_matter, sphinx_build

from community_trust.pages.schema import format_date
from community_trust.site.offline import zip_site
from devtools.browser import serve

REPOSITORY = "https://github.com/example/community-trust-resources"
RESOURCE = "police-pursuits"


def meta(html: str, key: str) -> list[str]:
    """Contents of ``<meta name|property="key">`` tags."""
    return re.findall(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The collection built for hosting at a known address, served there on loopback
    the way a host serves it (a missing address gets 404.html)."""
    out = tmp_path_factory.mktemp("hosted") / "html"
    out.mkdir()
    with serve(out, not_found_page=True) as base:
        build = sphinx_build(DOCS, out, env={"CTR_BASE_URL": base, "CTR_REPOSITORY_URL": REPOSITORY,
                                             "CTR_REPOSITORY_BRANCH": "main"})
        assert build.returncode == 0, build.stderr
        yield build, base


# --- page metadata -----------------------------------------------------------------

def test_every_page_has_a_description_and_a_social_card(site: Build) -> None:
    matter = front_matter(DOCS / "resources" / f"{RESOURCE}.md")
    page = site.page(f"resources/{RESOURCE}.html")
    assert meta(page, "description") == [escape(matter["description"])]
    assert meta(page, "og:description") == [escape(matter["description"])]
    assert meta(page, "og:title") == [escape(matter["title"])]
    for name in ("index.html", "topics/use-of-force.html", "catalog.html", "search.html", "genindex.html"):
        assert len(meta(site.page(name), "description")) == 1, name
        assert meta(site.page(name), "description")[0].strip(), name


def test_a_local_build_names_no_address(site: Build) -> None:
    page = site.page(f"resources/{RESOURCE}.html")
    assert meta(page, "og:url") == []
    assert 'rel="canonical"' not in page
    assert 'rel="edit"' not in page
    assert not (site.outdir / "sitemap.xml").exists()


def test_the_base_address_gives_canonical_links_and_og_url(hosted) -> None:  # type: ignore[no-untyped-def]
    build, base = hosted
    page = build.page(f"resources/{RESOURCE}.html")
    assert f'<link rel="canonical" href="{base}resources/{RESOURCE}.html">' in page
    assert meta(page, "og:url") == [f"{base}resources/{RESOURCE}.html"]


def test_the_edit_link_opens_the_page_source(hosted) -> None:  # type: ignore[no-untyped-def]
    build, _ = hosted
    page = build.page(f"resources/{RESOURCE}.html")
    assert f'href="{REPOSITORY}/edit/main/docs/resources/{RESOURCE}.md" rel="edit"' in page
    assert 'rel="edit"' not in build.page("search.html")


# --- sitemap -------------------------------------------------------------------------

def test_the_sitemap_lists_every_page_with_review_dates(hosted) -> None:  # type: ignore[no-untyped-def]
    build, base = hosted
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((build.outdir / "sitemap.xml").read_bytes())
    entries = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
               for url in root.findall("s:url", namespace)}
    expected = {f"{base}{p.relative_to(DOCS).with_suffix('.html').as_posix()}" for p in DOCS.rglob("*.md")}
    assert set(entries) == expected
    reviewed = front_matter(DOCS / "resources" / f"{RESOURCE}.md")["reviewed"]
    assert entries[f"{base}resources/{RESOURCE}.html"] == str(reviewed)
    assert f"{base}404.html" not in entries


# --- review date ----------------------------------------------------------------------

def test_resource_pages_show_the_review_date_under_the_title(site: Build) -> None:
    page = site.page(f"resources/{RESOURCE}.html")
    reviewed = format_date(str(front_matter(DOCS / "resources" / f"{RESOURCE}.md")["reviewed"]))
    line = f"Last reviewed against its sources: <strong>{reviewed}</strong>"
    assert line in page
    assert page.index("</h1>") < page.index(line) < page.index("ctr-lead")


# --- 404 ---------------------------------------------------------------------------------

def test_the_404_page_leads_home_and_to_search(site: Build) -> None:
    page = site.page("404.html")
    assert "<h1>Page not found</h1>" in page
    assert 'href="index.html"' in page
    assert 'action="search.html"' in page
    assert meta(page, "robots") == ["noindex"]
    assert "404" not in site.page("searchindex.js").split('"docnames":')[1].split("]")[0]


@pytest.mark.browser
def test_the_404_page_works_at_any_depth_when_hosted(chromium, hosted) -> None:  # type: ignore[no-untyped-def]
    build, base = hosted
    assert 'href="index.html"' not in build.page("404.html")  # every address is absolute
    context = chromium.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url)
            if response.status >= 400 and response.request.resource_type != "document" else None)
    response = page.goto(base + "no/such/deep/page.html")
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert failed == []
    assert page.evaluate("() => getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "inline"
    page.get_by_role("link", name="Go to the home page").click()
    assert page.url == base + "index.html"
    page.goto(base + "a/b/missing.html")
    page.locator("#ctr-search").fill("car chases")
    page.locator("#ctr-search").press("Enter")
    page.wait_for_function(
        "() => (document.querySelector('#search-results > p.search-summary') || {}).textContent")
    assert page.url.startswith(base + "search.html?q=car")
    assert page.locator("#search-results > ul.search > li > a").count() >= 1
    context.close()


# --- print -------------------------------------------------------------------------------

@pytest.mark.browser
def test_printing_a_page_hides_navigation_and_shows_addresses(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "iacp-and-member-access.html")
    page.emulate_media(media="print")
    for selector in (".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages"):
        assert page.evaluate(f"() => getComputedStyle(document.querySelector('{selector}')).display") == "none"
    shown = page.eval_on_selector_all(
        "article a.reference.external",
        "links => links.map(a => [a.getAttribute('href'), a.textContent.trim(),"
        " getComputedStyle(a, '::after').content])")
    named = [(href, after) for href, text, after in shown if text != href]
    assert named, "the page should have a link whose text is not its address"
    for href, after in named:
        assert href in after
    page.goto(site_url + f"resources/{RESOURCE}.html")
    page.emulate_media(media="print")
    bare = page.eval_on_selector_all(
        "article a.reference.external",
        "links => links.filter(a => a.textContent.trim() === a.getAttribute('href'))"
        ".map(a => getComputedStyle(a, '::after').content)")
    assert bare and set(bare) == {"none"}  # an address written out is not printed twice
    context.close()


# --- the offline copy ----------------------------------------------------------------------

def test_the_offline_zip_is_complete_and_reproducible(site: Build, tmp_path: Path) -> None:
    first = zip_site(site.outdir, tmp_path / "one.zip")
    second = tmp_path / "two.zip"
    subprocess.run([sys.executable, "-m", "community_trust.site.offline", str(site.outdir), str(second)],
                   cwd=ROOT, check=True, capture_output=True)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "community-trust-resources/index.html" in names
    assert "community-trust-resources/searchindex.js" in names
    assert f"community-trust-resources/resources/{RESOURCE}.html" in names
    assert not [n for n in names if "/." in n]  # no build caches


# --- hosting configurations -------------------------------------------------------------------

def _commands(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [c for item in value for c in _commands(item)]
    if isinstance(value, dict):
        return [c for item in value.values() for c in _commands(item)]
    return []


def test_hosting_runs_the_same_commands_as_the_makefile() -> None:
    readthedocs = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    rtd_commands = "\n".join(_commands(readthedocs["build"]["jobs"]))
    pages_commands = "\n".join(_commands(pages["jobs"]))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for commands in (rtd_commands, pages_commands):
        # the build command and its flags live in noxfile.py only
        assert "sphinx-build" not in commands and "-m sphinx" not in commands
        for target in re.findall(r"\bmake (\w+)$", commands, re.MULTILINE):
            assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
        assert "make zip" in commands and "make pdf" in commands
    assert "$READTHEDOCS_OUTPUT/html" in rtd_commands and "$READTHEDOCS_OUTPUT/pdf" in rtd_commands


def test_read_the_docs_installs_the_projects_own_package_list() -> None:
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    listed = set(re.search(r"PACKAGES=\(\n(.*?)\n\)", script, re.DOTALL)[1].split())
    readthedocs = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert set(readthedocs["build"]["apt_packages"]) == listed - {"chromium"}


def test_pages_leave_out_scripts_of_unused_features(site: Build) -> None:
    page = site.page("resources/police-pursuits.html")
    assert "design-tabs.js" not in page
    assert "furo.js" in page  # the theme's own script stays
