"""Search answers practitioners' questions: the built site's own search, in a browser.

Each query in the table is phrased the way a trainer or community leader
would type it, often with words the page's prose does not use; the expected
resource must be among the first three results, whether the site is opened
from a folder (file://) or from a web server.

Every resource, the ones contributors add included, is also checked from
its own front matter: found in the top three by its title and by its short
title, and somewhere in the results by each of its keywords (keywords are
shared by many resources as the collection grows, so no rank is promised).
"""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest
from conftest import SEED_RESOURCES, Build, resource_slugs, resources

from community_trust.site.search import keyword_words, weight_keywords


def search(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``query`` on the site's search page; return the result addresses in order.

    Finished when Sphinx writes the summary line ("Search finished, found …").
    """
    page.goto(f"{base}search.html?q={quote_plus(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results > p.search-summary');"
        " return s !== null && s.textContent.trim() !== ''; }")
    return page.eval_on_selector_all("#search-results > ul.search > li > a",
                                     "links => links.map(a => a.getAttribute('href'))")


def search_all(page, base: str, queries: list[str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Run each query with the search page's own code, in one page load: the result docnames in the
    order the page shows them (it shows Sphinx's results from the last). The address carries each
    query in turn, as typing it would, since the collection's scorer reads the query from there."""
    page.goto(f"{base}search.html")
    page.wait_for_function("() => typeof Search !== 'undefined' && Search._index !== null")
    return page.evaluate(
        "queries => Object.fromEntries(queries.map(q => {"
        " history.replaceState(null, '', '?q=' + encodeURIComponent(q));"
        " return [q, Search._performSearch(...Search._parseQuery(q)).reverse().map(r => r[0])]; }))",
        list(dict.fromkeys(queries)))


#: query → the resource it must find (slug in docs/resources/)
QUERIES: list[tuple[str, str]] = [
    ("how should we investigate an officer-involved shooting?", "officer-shooting-investigation-protocols"),
    ("police shootings", "officer-shooting-investigation-protocols"),
    ("OIS investigation protocol", "officer-shooting-investigation-protocols"),
    ("deadly force investigations", "officer-shooting-investigation-protocols"),
    ("mental health crisis calls", "building-safer-communities"),
    ("officer safety on mental health calls", "building-safer-communities"),
    ("people with mental illness", "building-safer-communities"),
    ("crowd control at protests", "crowd-management-and-control-model-policy"),
    ("policing demonstrations", "crowd-management-and-control-model-policy"),
    ("why the crowd management policy says what it says", "crowd-management-concepts-and-issues-paper"),
    ("crowd control policy background", "crowd-management-concepts-and-issues-paper"),
    ("car chases", "police-pursuits"),
    ("high-speed pursuit policy", "police-pursuits"),
    ("vehicle pursuits", "police-pursuits"),
    ("sexual misconduct by officers", "addressing-sexual-offenses-and-misconduct"),
    ("officer sexual assault", "addressing-sexual-offenses-and-misconduct"),
    ("citizen complaints against officers", "internal-affairs-promising-practices-guide"),
    ("civilian oversight", "internal-affairs-promising-practices-guide"),
    ("internal affairs investigations", "internal-affairs-promising-practices-guide"),
    ("racial profiling", "protecting-civil-rights"),
    ("consent decrees", "protecting-civil-rights"),
    ("bias-free policing", "protecting-civil-rights"),
    ("early warning systems", "protecting-civil-rights"),
    ("helping crime victims", "enhancing-law-enforcement-response-to-victims"),
    ("victim services toolkit", "enhancing-law-enforcement-response-to-victims"),
    ("mediation of community tension", "doj-community-relations-service"),
    ("conflict resolution", "doj-community-relations-service"),
    ("youth programs", "law-enforcement-advocates-in-denver"),
    ("juvenile justice", "law-enforcement-advocates-in-denver"),
    ("community input in strategic planning", "inviting-the-community-into-planning"),
    ("resident surveys", "inviting-the-community-into-planning"),
    ("use-of-force policy", "emerging-use-of-force-issues"),
    ("fusion centers", "building-communities-of-trust"),
    ("community leaders working with police", "building-communities-of-trust"),
    ("police-community relations summit", "national-policy-summit-report"),
    ("NAACP", "national-policy-summit-report"),
    ("communication, partnerships and trust", "national-policy-summit-report"),
    ("National Consensus Policy and Discussion Paper on Use of Force", "national-consensus-policy-on-use-of-force"),
    ("use of force policy template", "national-consensus-policy-on-use-of-force"),
    ("Final Report of the President's Task Force on 21st Century Policing", "presidents-task-force-on-21st-century-policing"),
    ("21st century policing", "presidents-task-force-on-21st-century-policing"),
    ("Guiding Principles on Use of Force", "guiding-principles-on-use-of-force"),
    ("PERF 30 guiding principles", "guiding-principles-on-use-of-force"),
    ("ICAT training guide", "icat-training-guide"),
    ("de-escalation training", "icat-training-guide"),
    ("CIT best practice guide", "cit-best-practice-guide"),
    ("best practices for crisis intervention teams", "cit-best-practice-guide"),
    ("Police-Mental Health Collaboration Toolkit", "police-mental-health-collaboration-toolkit"),
    ("police and mental health partnerships", "police-mental-health-collaboration-toolkit"),
    ("Pattern and Practice Police Reform Work", "pattern-and-practice-police-reform-work"),
    ("DOJ pattern-or-practice investigations", "pattern-and-practice-police-reform-work"),
    ("Principles of Procedurally Just Policing", "principles-of-procedurally-just-policing"),
    ("procedural justice", "principles-of-procedurally-just-policing"),
    ("Standards and Guidelines for Internal Affairs", "standards-and-guidelines-for-internal-affairs"),
    ("complaint intake standards", "standards-and-guidelines-for-internal-affairs"),
    ("Law Enforcement Best Practices: Lessons Learned from the Field", "law-enforcement-best-practices"),
    ("police recruitment and retention", "law-enforcement-best-practices"),
    ("building trust with communities of color", "bridging-the-trust-gap-toolkit"),
    ("sample community surveys for police", "bridging-the-trust-gap-toolkit"),
    ("does civilian oversight work", "civilian-oversight-assessing-the-evidence"),
    ("citizen review and police auditor models", "civilian-oversight-assessing-the-evidence"),
    ("early warning system for problem officers", "early-intervention-systems-guide"),
    ("alerts about officers with performance problems", "early-intervention-systems-guide"),
    ("body cameras policy", "implementing-a-body-worn-camera-program"),
    ("when should officers record video", "implementing-a-body-worn-camera-program"),
    ("guardian vs warrior training", "re-engineering-training-on-police-use-of-force"),
    ("21-foot rule training", "re-engineering-training-on-police-use-of-force"),
    ("duty to intervene training", "able-project"),
    ("officers stepping in to prevent misconduct", "able-project"),
    ("police relations with immigrant residents", "engaging-police-in-immigrant-communities"),
    ("fear of deportation and reporting crime", "engaging-police-in-immigrant-communities"),
    ("serving transgender people and refugees", "police-perspectives-guidebook-series"),
    ("cultural awareness guides for officers", "police-perspectives-guidebook-series"),
    ("signs of a hate crime", "responding-to-hate-crimes"),
    ("hate crimes vs hate incidents", "responding-to-hate-crimes"),
    ("interpreters for people who speak little English", "lep-resource-guide-for-law-enforcement"),
    ("language access", "lep-resource-guide-for-law-enforcement"),
    ("federal rules on racial profiling", "doj-guidance-on-the-use-of-race"),
    ("federal agents using religion or national origin", "doj-guidance-on-the-use-of-race"),
    ("open data on police stops", "police-data-initiative"),
    ("publishing use-of-force data", "police-data-initiative"),
    ("officer suicide prevention and peer support", "lemhwa-report-to-congress"),
    ("mental health checks for officers", "lemhwa-report-to-congress"),
    ("sending clinicians instead of police", "behavioral-health-crisis-alternatives"),
    ("CAHOOTS", "behavioral-health-crisis-alternatives"),
    ("ADA and people with disabilities in jail or at arrest", "ada-title-ii-criminal-justice-entities"),
    ("disability rights and police", "ada-title-ii-criminal-justice-entities"),
]
TOP = 3


def test_the_query_table_names_real_resources_and_covers_the_seed() -> None:
    table = {slug for _, slug in QUERIES}
    assert table <= set(resource_slugs()), "a query expects a page that does not exist"
    assert set(SEED_RESOURCES) <= table


def _by_name() -> list[tuple[str, str]]:
    """(query, slug): each resource's title and short title."""
    return [(name, slug) for slug, meta in resources().items()
            for name in dict.fromkeys([meta["title"], meta.get("short_title", meta["title"])])]


def _by_keyword() -> list[tuple[str, str]]:
    """(keyword, slug) for every keyword of every resource."""
    return [(keyword, slug) for slug, meta in resources().items() for keyword in meta["keywords"]]


def _slug(href: str) -> str:
    return href.split("#")[0].split("?")[0].rsplit("/", 1)[-1].removesuffix(".html")


@pytest.fixture(scope="module")
def search_page(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def found(search_page, site: Build, site_url: str) -> dict[str, dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Every query of this module, searched once per way of opening the site: opened → query → slugs."""
    queries = [q for q, _ in QUERIES] + [q for q, _ in _by_name()] + [k for k, _ in _by_keyword()]
    bases = {"http": site_url, "file": site.outdir.resolve().as_uri() + "/"}
    return {opened: {query: [_slug(name) for name in names]
                     for query, names in search_all(search_page, base, queries).items()}
            for opened, base in bases.items()}


@pytest.mark.browser
@pytest.mark.parametrize("opened", ["http", "file"])
@pytest.mark.parametrize(("query", "slug"), QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_the_resource_in_the_top_three(found, opened: str, query: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    results = found[opened][query]
    assert slug in results[:TOP], f"{query!r}: expected {slug} in the top {TOP}, got {results[:5]}"


@pytest.mark.browser
@pytest.mark.parametrize(("query", "slug"), _by_name(), ids=[f"{s}: {q}" for q, s in _by_name()])
def test_a_resource_is_found_in_the_top_three_by_its_title(found, query: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    results = found["http"][query]
    assert slug in results[:TOP], f"{query!r}: expected {slug} in the top {TOP}, got {results[:5]}"


@pytest.mark.browser
def test_a_resource_is_found_by_each_of_its_keywords(found) -> None:  # type: ignore[no-untyped-def]
    missing = []
    for keyword, slug in _by_keyword():
        if slug not in found["http"][keyword]:
            missing.append(f"{slug}: {keyword!r}")
    assert not missing, "not found by its keyword (check the keyword's spelling in the front matter):\n" + \
        "\n".join(missing)


@pytest.mark.browser
@pytest.mark.parametrize("opened", ["http", "file"])
def test_one_page_load_finds_what_the_search_box_finds(search_page, found, site: Build, site_url: str,  # type: ignore[no-untyped-def]
                                                       opened: str) -> None:
    """The batched searches above give the results the search page shows when a reader types the query."""
    base = site_url if opened == "http" else site.outdir.resolve().as_uri() + "/"
    for query, _ in QUERIES[::6]:
        assert [_slug(href) for href in search(search_page, base, query)] == found[opened][query], query


@pytest.mark.browser
def test_topic_pages_do_not_match_through_their_cards(search_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """A resource's description appears on its topic's cards; only the resource page matches it."""
    results = [_slug(href) for href in search(search_page, site_url, "motivational interviewing")]
    assert "law-enforcement-advocates-in-denver" in results[:TOP]
    assert "crisis-response" not in results


# --- the keyword weighting itself, without a browser ------------------------------

def _english():  # type: ignore[no-untyped-def]
    from sphinx.search.en import SearchEnglish

    return SearchEnglish({})


def test_keyword_words_are_split_and_stemmed_like_titles() -> None:
    words = keyword_words(["officer-involved shootings", "OIS", "car chases"], _english())
    assert {"offic", "involv", "shoot", "oi", "car", "chase"} <= words  # "OIS" stems to "oi", as a query does


def test_weighting_adds_keyword_words_to_the_page_title_words_once() -> None:
    index = {"docnames": ["index", "resources/a"], "titleterms": {"chase": 0}, "terms": {}}
    once = weight_keywords(index, {"resources/a": ("car chases",)}, _english())
    assert once["titleterms"]["chase"] == [0, 1]
    assert once["titleterms"]["car"] == 1
    assert once["terms"]["car"] == 1
    twice = weight_keywords(once, {"resources/a": ("car chases",)}, _english())
    assert twice["titleterms"] == {"chase": [0, 1], "car": 1}


def test_the_built_index_holds_each_keyword_as_a_title_word(site: Build) -> None:
    from sphinx.search import js_index

    index = js_index.loads(site.page("searchindex.js"))
    page = index["docnames"].index("resources/officer-shooting-investigation-protocols")
    assert page in (lambda v: v if isinstance(v, list) else [v])(index["titleterms"]["oi"])
    assert "keywords" in {entry_id for _, entry_id, _ in index["indexentries"]["ois"]}
    assert "Scorer" in site.page("_static/language_data.js")


# --- one result per page, and snippets that say what the resource is -------------------

def _results(page, base: str, query: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Each result: its address, its snippet and its facts line."""
    search(page, base, query)
    return page.eval_on_selector_all(
        "#search-results > ul.search > li",
        "items => items.map(li => ({href: li.querySelector('a').getAttribute('href'),"
        " context: (li.querySelector('p.context') || {}).textContent || '',"
        " facts: [...li.querySelectorAll('p.ctr-result-facts span')].map(s => s.textContent)}))")


def _front_matter(slug: str) -> dict:
    from conftest import DOCS, front_matter

    return front_matter(DOCS / "resources" / f"{slug}.md")


@pytest.mark.browser
@pytest.mark.parametrize("opened", ["http", "file"])
def test_each_page_appears_once_with_what_it_is(search_page, site: Build, site_url: str,  # type: ignore[no-untyped-def]
                                                opened: str) -> None:
    from community_trust.pages.schema import ACCESS_LEVELS, RESOURCE_TYPES, STATUSES

    base = site_url if opened == "http" else site.outdir.resolve().as_uri() + "/"
    slugs = set(resource_slugs())
    checked = 0
    for query in ["protest", "crowd", "police", *(q for q, _ in QUERIES[::4])]:
        results = _results(search_page, base, query)
        pages = [_slug(str(r["href"])) for r in results]
        assert len(pages) == len(set(pages)), f"{query!r}: a page is listed twice: {pages}"
        for result, slug in zip(results, pages, strict=True):
            if slug not in slugs:
                continue
            meta = _front_matter(slug)
            date = str(meta.get("date") or "")
            assert result["context"] == meta["description"], slug
            status = [STATUSES[meta["status"]]] if meta.get("status") else []  # first, when it is not current
            assert result["facts"] == [*status, RESOURCE_TYPES[meta["type"]], date[:4] or "year not known",
                                       ACCESS_LEVELS[meta["access"]]], slug
            checked += 1
    assert checked >= 10


def test_the_built_index_holds_a_summary_for_every_page(site: Build) -> None:
    from sphinx.search import js_index

    from community_trust.site.search import SUMMARIES_KEY

    index = js_index.loads(site.page("searchindex.js"))
    summaries = index[SUMMARIES_KEY]
    for slug in resource_slugs():
        assert summaries[f"resources/{slug}"]["description"] == _front_matter(slug)["description"]
    assert set(summaries) == set(index["docnames"])  # every indexed page has a description
