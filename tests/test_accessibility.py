"""Every page is usable by everyone: axe-core finds nothing, in light and dark
schemes; the keyboard reaches search, the sidebar and every card; cards are
named by the resource's title; and no page asks another host for anything."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DOCS, Build, front_matter

#: the search page with results in it, as readers see it most
SEARCH_WITH_RESULTS = "search.html?q=police+shootings"


def pages(site: Build) -> list[str]:
    built = sorted(p.relative_to(site.outdir).as_posix() for p in site.outdir.rglob("*.html")
                   if "_static" not in p.parts and not p.name.startswith("."))
    return [*built, SEARCH_WITH_RESULTS]


def _wait_for_search(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => (document.querySelector('#search-results > p.search-summary') || {}).textContent")


#: the colour schemes a reader's system may ask for; each page is checked in both
SCHEMES = ("light", "dark")


@pytest.mark.browser
def test_axe_finds_no_violation_on_any_page_in_either_scheme(chromium, site: Build, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Each page loaded once and checked in each scheme (the stylesheets follow the scheme as it changes)."""
    context = chromium.new_context(color_scheme=SCHEMES[0])
    page = context.new_page()
    axe = Axe()
    found = []
    for name in pages(site):
        page.goto(site_url + name)
        if name.startswith("search.html?"):
            _wait_for_search(page)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            for violation in axe.run(page).response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.append(f"{name} ({scheme}): {violation['id']} ({violation['impact']}): {violation['help']} "
                             f"{targets}")
    context.close()
    assert len(pages(site)) > 20
    assert found == []


def test_the_theme_markup_that_names_landmarks_is_still_there(site: Build) -> None:
    """theme/templates/page.html names furo's two <aside>s by replacing their markup."""
    page = site.page("topics/use-of-force.html")
    assert '<aside class="sidebar-drawer" aria-label="Site navigation">' in page
    assert '<aside aria-label="On this page" class="toc-drawer' in page
    # the sidebar's caption (role="heading") carries its level; furo writes attributes in name order
    headings = re.findall(r'<[a-z]+\b[^>]*\brole="heading"[^>]*>', page)
    assert headings and all('aria-level="2"' in tag for tag in headings), headings


def _focus_walk(page, presses: int) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Press Tab ``presses`` times; describe what has the focus after each."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), cls: el.className || '',
                    href: el.getAttribute('href') || '', name: el.getAttribute('name') || '',
                    inSidebar: String(!!el.closest('.sidebar-drawer')),
                    inCard: String(!!el.closest('.ctr-card')),
                    ring: el.closest('.ctr-card') ? getComputedStyle(el, '::after').outlineStyle : ''};
        }"""))
    return seen


@pytest.mark.browser
def test_the_keyboard_reaches_search_the_sidebar_and_every_card(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "topics/use-of-force.html")
    cards = set(page.eval_on_selector_all(".ctr-card a.sd-stretched-link",
                                          "links => links.map(a => a.getAttribute('href'))"))
    walk = _focus_walk(page, 80)
    context.close()
    assert "skip-to-content" in walk[0]["cls"], walk[0]
    assert any(f["tag"] == "input" and f["name"] == "q" and f["inSidebar"] == "true" for f in walk)
    assert any(f["tag"] == "a" and f["inSidebar"] == "true" and f["href"].endswith("accountability.html")
               for f in walk)
    focused_cards = {f["href"] for f in walk if f["inCard"] == "true"}
    assert len(cards) >= 3
    assert cards <= focused_cards
    # a focused card shows a visible ring (its link is an invisible layer over the card)
    assert {f["ring"] for f in walk if f["inCard"] == "true"} == {"solid"}


def _titles(folder: str) -> dict[str, str]:
    return {p.stem: front_matter(p)["title"] for p in sorted((DOCS / folder).glob("*.md"))}


@pytest.mark.browser
def test_cards_are_named_by_the_full_title(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    resources, topics = _titles("resources"), _titles("topics")
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "index.html")
    for title in topics.values():
        assert page.locator(".ctr-card").get_by_role("link", name=title, exact=True).count() == 1, title
    checked = 0
    for topic in topics:
        page.goto(site_url + f"topics/{topic}.html")
        hrefs = page.eval_on_selector_all(".ctr-card a.sd-stretched-link",
                                          "links => links.map(a => a.getAttribute('href'))")
        for href in hrefs:
            title = resources[Path(href).stem]
            link = page.locator(".ctr-card").get_by_role("link", name=title, exact=True)
            assert link.count() == 1, (topic, title)
            checked += 1
    context.close()
    assert checked >= len(resources)


@pytest.mark.browser
def test_no_page_asks_another_host_for_anything(chromium, site: Build, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    page = context.new_page()
    requests: list[tuple[str, str]] = []
    current = {"name": ""}
    page.on("request", lambda request: requests.append((current["name"], request.url)))
    for name in pages(site):
        current["name"] = name
        page.goto(site_url + name)
        if name.startswith("search.html?"):
            _wait_for_search(page)
            page.wait_for_load_state("networkidle")  # the result snippets are fetched after the list
    context.close()
    ours = urlsplit(site_url).netloc
    elsewhere = [(name, url) for name, url in requests
                 if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != ours]
    assert len(requests) > 50
    assert elsewhere == []
