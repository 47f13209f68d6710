"""Generated content: topic navigation, cards, the notice, the catalogue, the index."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import (
    DOCS,
    SEED_RESOURCES,
    SEED_TOPICS,
    Build,
    copy_docs,
    front_matter,
    resource_slugs,
    resources,
    sphinx_build,
    topic_order,
    topic_slugs,
)


def card_links(page: str) -> dict[str, str]:
    """href → accessible name of every card's stretched link on a page."""
    found = {}
    for match in re.finditer(r'<a class="[^"]*sd-stretched-link[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', page, re.S):
        found[match.group(1)] = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
    return found


def sidebar(page: str) -> str:
    return page.split('class="sidebar-tree"', 1)[1].split("</aside>", 1)[0]


def test_the_seed_collection_is_still_there() -> None:
    """The IACP page's resources stay, under their home topics; contributions only add."""
    assert set(SEED_TOPICS) <= set(topic_slugs())
    homes = {slug: meta["topics"][0] for slug, meta in resources().items()}
    assert {slug: homes.get(slug) for slug in SEED_RESOURCES} == SEED_RESOURCES


@pytest.mark.parametrize("topic", topic_slugs())
def test_topic_page_shows_a_card_for_each_of_its_resources(site: Build, topic: str) -> None:
    links = card_links(site.page(f"topics/{topic}.html"))
    members = {s: m for s, m in resources().items() if topic in m["topics"]}
    assert len(members) >= 1
    for slug, meta in members.items():
        href = f"../resources/{slug}.html"
        assert href in links, f"no card for {slug} on {topic}"
        assert links[href] == meta["title"], "the card's accessible name is the resource title"
    others = {f"../resources/{s}.html" for s in resources()} - {f"../resources/{s}.html" for s in members}
    assert not others & set(links)


def test_each_resource_is_navigated_under_its_home_topic_only(site: Build) -> None:
    for slug, meta in resources().items():
        home = meta["topics"][0]
        for topic in topic_slugs():
            tree = sidebar(site.page(f"topics/{topic}.html"))
            listed = f'href="../resources/{slug}.html"' in tree
            assert listed == (topic == home), f"{slug} in the sidebar of {topic}: {listed}"


def test_every_resource_is_two_clicks_from_home(site: Build) -> None:
    home = site.page("index.html")
    for slug, meta in resources().items():
        topic = meta["topics"][0]
        assert f'href="topics/{topic}.html"' in home
        assert f"../resources/{slug}.html" in card_links(site.page(f"topics/{topic}.html"))


def test_home_page_has_a_card_per_topic(site: Build) -> None:
    links = card_links(site.page("index.html"))
    for topic in topic_slugs():
        title = front_matter(DOCS / "topics" / f"{topic}.md")["title"]
        assert links.get(f"topics/{topic}.html") == title


def test_related_cards_link_to_real_resource_pages(site: Build) -> None:
    for slug, meta in resources().items():
        page = site.page(f"resources/{slug}.html")
        related = page.split('id="related-resources"', 1)[1]
        links = card_links(related)
        assert links, f"{slug} shows no related resource"
        for href in links:
            assert (site.outdir / "resources" / href).is_file()
        for other in meta.get("related", []):
            assert f"{other}.html" in links


def test_member_only_notice_is_on_member_only_pages_only(site: Build) -> None:
    members = [s for s, m in resources().items() if m["access"] == "members-only"]
    assert members, "the collection has members-only pages (the IACP's model policy and its paper)"
    for slug in resources():
        page = site.page(f"resources/{slug}.html")
        has_notice = re.search(r'<aside [^>]*class="[^"]*ctr-members-only', page) is not None
        assert has_notice == (slug in members), slug
        if has_notice:
            assert "For IACP members only" in page
            assert 'href="../iacp-and-member-access.html' in page


def test_resource_page_shows_facts_and_how_to_get_it(site: Build) -> None:
    for slug, meta in resources().items():
        page = site.page(f"resources/{slug}.html")
        assert f"<h1>{html.escape(meta['title'], quote=False)}" in page
        assert "ctr-facts" in page and "Publisher" in page
        assert 'id="how-to-get-it"' in page and "Cite as" in page
        if meta.get("url"):
            assert f'href="{html.escape(meta["url"])}"' in page
        assert page.index("ctr-facts") < page.index('id="summary"'), "facts come right under the title"


def test_facts_seen_only_in_a_copy_are_marked(site: Build) -> None:
    marked = {s: m["copy_only"] for s, m in resources().items() if m.get("copy_only")}
    assert marked, "the collection has facts seen only in third-party copies"
    for slug, fields in marked.items():
        facts = site.page(f"resources/{slug}.html").split("ctr-facts", 1)[1].split('id="summary"', 1)[0]
        assert facts.count("seen only in a copy hosted by a third party") == len(fields), slug


def test_catalogue_lists_every_resource(site: Build) -> None:
    page = site.page("catalog.html")
    for slug in resources():
        assert f'href="resources/{slug}.html"' in page


def test_catalog_json_holds_the_metadata(site: Build) -> None:
    data = json.loads((site.outdir / "catalog.json").read_text(encoding="utf-8"))
    assert {r["slug"] for r in data["resources"]} == set(resource_slugs())
    assert [t["slug"] for t in data["topics"]] == topic_order()
    by_slug = {r["slug"]: r for r in data["resources"]}
    for slug, meta in resources().items():
        assert by_slug[slug]["title"] == meta["title"]
        assert by_slug[slug]["topics"] == meta["topics"]
        assert by_slug[slug]["page"] == f"resources/{slug}.html"


def test_keywords_are_in_the_general_index(site: Build) -> None:
    index = html.unescape(site.page("genindex.html"))
    for slug, meta in resources().items():
        for keyword in meta["keywords"]:
            assert keyword in index, f"{keyword!r} of {slug}"
        assert f"resources/{slug}.html#keywords" in index


def _html_files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.rglob("*.html")}


def test_incremental_build_follows_a_topic_change(tmp_path: Path) -> None:
    """Change a resource's topics and rebuild without cleaning: the result equals a clean build."""
    docs = copy_docs(tmp_path / "docs")
    first = sphinx_build(docs, tmp_path / "incremental")
    assert first.returncode == 0, first.stderr

    slug, meta = next((s, m) for s, m in resources().items() if len(m["topics"]) == 1)
    old = meta["topics"][0]
    new = next(t for t in topic_slugs() if t != old)
    page = docs / "resources" / f"{slug}.md"
    text = re.sub(r"(?m)^topics:.*$", f"topics: [{new}, {old}]", page.read_text(encoding="utf-8"), count=1)
    page.write_text(text, encoding="utf-8")

    second = sphinx_build(docs, tmp_path / "incremental")
    assert second.returncode == 0, second.stderr
    new_page = (tmp_path / "incremental" / "topics" / f"{new}.html").read_text(encoding="utf-8")
    old_page = (tmp_path / "incremental" / "topics" / f"{old}.html").read_text(encoding="utf-8")
    assert f"../resources/{slug}.html" in card_links(new_page)
    assert f'href="../resources/{slug}.html"' in sidebar(new_page)
    assert f'href="../resources/{slug}.html"' not in sidebar(old_page)
    assert "filed under" in old_page.split(f"../resources/{slug}.html", 1)[1][:2000]

    clean = sphinx_build(docs, tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    incremental_pages, clean_pages = _html_files(tmp_path / "incremental"), _html_files(tmp_path / "clean")
    stale = [name for name in clean_pages if name != "genindex.html" and incremental_pages.get(name) != clean_pages[name]]
    assert stale == []


def test_parallel_and_serial_builds_give_the_same_pages(site: Build, tmp_path: Path) -> None:
    """The strict flags build with ``-j auto``; the tests' builds (``site`` among them) with one process."""
    parallel = sphinx_build(DOCS, tmp_path / "parallel", jobs="auto")
    assert parallel.returncode == 0, parallel.stderr
    assert _html_files(tmp_path / "parallel") == _html_files(site.outdir)


def test_sentences_about_the_whole_collection_are_counted_from_the_front_matter(site: Build) -> None:
    """Every ``{collection-count}`` on a page says the numbers the front matter gives today."""
    every = resources()
    counted = []
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for options in re.findall(r"[`:]{3}\{collection-count\}\n((?::\w+:.*\n)*)", text):
            wanted = dict(re.findall(r":(\w+): *(.*)", options))
            chosen = [m for m in every.values()
                      if wanted.get("publisher", "").casefold() in str(m.get("publisher", "")).casefold()
                      and m["access"] == wanted.get("access", m["access"])]
            page = html.unescape(site.page(path.relative_to(DOCS).with_suffix(".html").as_posix()))
            said = re.findall(r'<p class="ctr-collection-count">(.*?)</p>', page, re.S)
            expected = (f"Of the {len(every):,} resources in the collection, {len(chosen):,} " if wanted
                        else f"The collection holds {len(every):,} resources.")
            assert any(s.startswith(expected) for s in said), (path.name, said)
            counted.append(path.name)
    assert "iacp-and-member-access.md" in counted  # the access page says how many are the IACP's, computed
