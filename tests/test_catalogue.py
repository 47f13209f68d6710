"""The catalogue narrows down: filters for topic, type, access and years, a text
box, sortable columns, a live count and the state in the address; from a web
server and from a folder, at desk and phone widths, with axe finding nothing;
and without JavaScript the full table. Expected rows come from docs/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DOCS, Build, front_matter, resource_slugs

COUNT = ".ctr-catalog-count"
ROWS = "table.ctr-catalog tbody tr"


def _resources() -> dict[str, dict]:
    return {slug: front_matter(DOCS / "resources" / f"{slug}.md") for slug in resource_slugs()}


def _year(meta: dict) -> int | None:
    date = str(meta.get("date") or "")
    return int(date[:4]) if date else None


def _expected(topic: str = "", kind: str = "", access: str = "", start: int | None = None,
              end: int | None = None, words: str = "") -> set[str]:
    """The resources a filter must leave, computed from the front matter."""
    found = set()
    for slug, meta in _resources().items():
        year = _year(meta)
        text = " ".join([meta["title"], meta.get("short_title", ""), meta.get("publisher", ""),
                         *meta["keywords"]]).lower()
        if topic and topic not in meta["topics"]:
            continue
        if kind and meta["type"] != kind or access and meta["access"] != access:
            continue
        if (start or end) and (year is None or (start and year < start) or (end and year > end)):
            continue
        if not all(word in text for word in words.lower().split()):
            continue
        found.add(slug)
    return found


def _shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The slugs of the visible rows, in order."""
    return page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => !r.hidden).map(r => r.querySelector('a').getAttribute('href'))"
        ".map(h => h.split('/').pop().replace('.html', ''))")


@pytest.fixture(scope="module")
def catalogue(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _open(page, base: str, query: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}catalog.html{query}")
    page.wait_for_function(f"() => (document.querySelector('{COUNT}') || {{}}).textContent")


def _base(opened: str, site: Build, site_url: str) -> str:
    return site_url if opened == "http" else site.outdir.resolve().as_uri() + "/"


def test_without_javascript_the_page_is_the_full_table(site: Build) -> None:
    page = site.page("catalog.html")
    assert re.search(r'<div class="ctr-catalog-filters" hidden>', page)
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr") == len(resource_slugs())
    assert "catalog.js" in page and "catalog.js" not in site.page("index.html")


@pytest.mark.browser
def test_without_javascript_in_a_browser_nothing_is_hidden(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "catalog.html?topic=use-of-force")
    assert page.locator(".ctr-catalog-filters").is_hidden()
    assert len(_shown(page)) == len(resource_slugs())
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("opened", ["http", "file"])
def test_filters_narrow_the_table_and_the_count_says_so(catalogue, site: Build, site_url: str,  # type: ignore[no-untyped-def]
                                                        opened: str) -> None:
    page = catalogue
    _open(page, _base(opened, site, site_url))
    total = len(resource_slugs())
    assert page.locator(COUNT).text_content() == f"{total} of {total} resources"
    assert page.locator(COUNT).get_attribute("role") == "status"

    # "the use-of-force guides from the last ten years that anyone can open"
    newest = max(y for y in map(_year, _resources().values()) if y)
    page.get_by_label("Topic").select_option("use-of-force")
    page.get_by_label("Type").select_option("guide")
    page.get_by_label("Access").select_option("public")
    page.get_by_label("From").select_option(str(min(y for y in map(_year, _resources().values())
                                                    if y and y >= newest - 10)))
    start = int(page.get_by_label("From").input_value())
    want = _expected("use-of-force", "guide", "public", start)
    page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent.startsWith('{len(want)} of')")
    assert set(_shown(page)) == want
    assert page.locator(COUNT).text_content() == f"{len(want)} of {total} resources"
    state = parse_qs(urlsplit(page.url).query)
    assert state == {"topic": ["use-of-force"], "type": ["guide"], "access": ["public"], "from": [str(start)]}

    # the address restores the view: shared or bookmarked
    address = page.url
    page.goto("about:blank")
    page.goto(address)
    page.wait_for_function(f"() => (document.querySelector('{COUNT}') || {{}}).textContent")
    assert set(_shown(page)) == want
    assert page.get_by_label("Type").input_value() == "guide"

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent.startsWith('{total} of')")
    assert urlsplit(page.url).query == ""


@pytest.mark.browser
def test_the_text_box_narrows_by_title_publisher_and_keywords(catalogue, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = catalogue
    _open(page, site_url)
    meta = _resources()
    some = next(iter(meta.values()))
    for words in (some["keywords"][0], meta[resource_slugs()[-1]]["title"].split(":")[0], "iacp"):
        page.get_by_label("Title, publisher or keyword").fill(words)
        want = _expected(words=words)
        # the filter runs after a pause in typing, and then writes the address
        page.wait_for_function("words => new URLSearchParams(location.search).get('q') === words", arg=words)
        assert set(_shown(page)) == want, words
        assert page.locator(COUNT).text_content().startswith(f"{len(want)} of")


@pytest.mark.browser
def test_columns_sort_both_ways_and_say_so(catalogue, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = catalogue
    _open(page, site_url)
    years = {slug: _year(meta) for slug, meta in _resources().items()}
    button = page.get_by_role("button", name=re.compile("^Year"))
    button.click()
    ascending = [years[s] for s in _shown(page)]
    known = [y for y in ascending if y is not None]
    assert known == sorted(known) and ascending[:len(known)] == known  # unknown years last
    assert page.locator("th", has=button).get_attribute("aria-sort") == "ascending"
    button.click()
    descending = [y for y in (years[s] for s in _shown(page)) if y is not None]
    assert descending == sorted(descending, reverse=True)
    assert page.locator("th", has=button).get_attribute("aria-sort") == "descending"
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["year"], "order": ["desc"]}
    page.get_by_role("button", name=re.compile("^Title")).click()
    titles = page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.cells[0].textContent.trim())")
    assert titles == sorted(titles, key=str.casefold)


@pytest.mark.browser
def test_a_phone_can_use_the_filters_and_the_table(chromium, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    _open(page, site_url, "?access=public")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # the page does not scroll sideways
    for label in ("Title, publisher or keyword", "Topic", "Type", "Access", "From", "To"):
        box = page.get_by_label(label, exact=True).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
        assert box["height"] >= 24, label  # a finger can hit it
    assert set(_shown(page)) == _expected(access="public")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_filtered_catalogue(chromium, site_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    found = []
    for width in (1280, 390):
        context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        page = context.new_page()
        _open(page, site_url, "?topic=use-of-force&sort=year&order=desc")
        for violation in Axe().run(page).response["violations"]:
            found.append(f"{width}px: {violation['id']}: {violation['help']} "
                         f"{[n['target'] for n in violation['nodes']][:3]}")
        context.close()
    assert found == []


@pytest.mark.browser
def test_the_keyboard_reaches_every_filter_and_sort_button(catalogue, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = catalogue
    _open(page, site_url)
    page.get_by_label("Title, publisher or keyword").focus()
    reached = []
    for _ in range(14):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.name || document.activeElement.textContent.trim()"))
    for name in ("topic", "type", "access", "from", "to", "Clear filters"):
        assert name in reached, reached
    assert any(text.startswith("Year") for text in reached)


def test_newest_added_first_orders_by_the_date_added(catalogue, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = catalogue
    _open(page, site_url, "?by=added")
    added = {slug: str(meta["added"]) for slug, meta in _resources().items()}
    shown = [added[s] for s in _shown(page)]
    assert shown == sorted(shown, reverse=True)
    assert page.locator("#ctr-filter-by").input_value() == "added"
    page.get_by_role("button", name=re.compile("^Title")).click()  # a column's order replaces the form's
    assert page.locator("#ctr-filter-by").input_value() == ""


def test_the_status_filter_keeps_current_resources(catalogue, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = catalogue
    _open(page, site_url, "?status=current")
    current = {slug for slug, meta in _resources().items() if not meta.get("status")}
    assert set(_shown(page)) == current
