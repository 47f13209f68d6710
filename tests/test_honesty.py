"""The pages claim no more than their sources: what the build says about
addresses, access and dates follows the front matter, and the schema rejects
the mistakes it can see (a date of unknown kind, a source that backs nothing,
a number no source gives), each at its file and line with the fix.

Expectations come from the pages in ``docs/``; the broken and changed pages
live in one private copy, built once.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, Build, copy_docs, front_matter, resource_slugs, sphinx_build

from community_trust.pages import frontmatter, schema
from community_trust.pages.schema import DATE_KINDS, UNVERIFIED_PUBLIC, VERIFIED_BY, format_date
from community_trust.tools import scaffold


def resources() -> dict[str, dict]:
    return {slug: front_matter(DOCS / "resources" / f"{slug}.md") for slug in resource_slugs()}


def text_of(markup: str) -> str:
    """What a reader sees (tags gone, entities decoded, white space as single
    spaces), with the typographic quotes of Sphinx's smartquotes made straight."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text).replace(" :", ":").strip()


def facts_of(page: str) -> str:
    return text_of(page.split('class="ctr-facts', 1)[1].split('id="summary"', 1)[0])


def how_to_get_it(page: str) -> str:
    return text_of(page.split('id="how-to-get-it"', 1)[1].split('id="related-resources"', 1)[0])


def has_public_address(meta: dict) -> bool:
    return bool(meta.get("url") or meta.get("alternate_urls"))


def address_note(meta: dict) -> str:
    return "Addresses: " + VERIFIED_BY[meta["verified_by"]].format(date=format_date(str(meta["verified"])))


def line_of(path: Path, pattern: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


# --- the real collection -------------------------------------------------------

@pytest.mark.parametrize("slug", resource_slugs())
def test_addresses_are_called_checked_only_after_a_link_check(site: Build, slug: str) -> None:
    meta = resources()[slug]
    page = site.page(f"resources/{slug}.html")
    section = how_to_get_it(page)
    if meta.get("verified"):
        assert address_note(meta) in section
    if meta.get("verified_by") != "link-check":
        # without a link check, "checked" may appear only as "not (yet) checked"
        claims = re.findall(r"(?<!not )(?<!not yet )\bchecked\b", section)
        assert claims == [], f"{slug} says its addresses were checked"


@pytest.mark.parametrize("slug", resource_slugs())
def test_access_says_no_public_copy_is_verified_without_an_address(site: Build, slug: str) -> None:
    meta = resources()[slug]
    page = site.page(f"resources/{slug}.html")
    facts = facts_of(page)
    if meta["access"] == "public" and not has_public_address(meta):
        assert f"Access: {UNVERIFIED_PUBLIC}" in facts
        assert "no public copy has been verified" in how_to_get_it(page)
    else:
        assert UNVERIFIED_PUBLIC not in facts
        assert f"Access: {schema.ACCESS_LEVELS[meta['access']]}" in facts


@pytest.mark.parametrize("slug", resource_slugs())
def test_the_date_is_labelled_with_its_kind(site: Build, slug: str) -> None:
    meta = resources()[slug]
    page = site.page(f"resources/{slug}.html")
    facts = facts_of(page)
    if meta.get("date"):
        label = DATE_KINDS[meta["date_kind"]]
        assert f"{label}: {format_date(str(meta['date']))}" in facts
        others = [other for kind, other in DATE_KINDS.items() if kind != meta["date_kind"]]
        assert not any(re.search(rf"\b{other}:", facts) for other in others), slug
        citation = text_of(page.split("ctr-citation", 1)[1].split("</p>", 1)[0])
        if meta["date_kind"] not in ("published", "released"):
            assert f"{label} {format_date(str(meta['date']))}" in citation, "a citation names a date that is not a publication date"
    else:
        assert "Date: not known" in facts


def test_every_listed_source_says_what_it_backs(site: Build) -> None:
    for slug, meta in resources().items():
        section = how_to_get_it(site.page(f"resources/{slug}.html"))
        listed = section.split("Where these facts come from:", 1)[1]
        for source in meta["sources"]:
            assert f"{source['label']}" in listed
            assert f"(backs: {source['backs']})" in listed, f"{slug}: {source['label']}"


def test_catalogue_states_access_as_the_pages_do(site: Build) -> None:
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", site.page("catalog.html"), re.S):
        link = re.search(r'href="resources/([a-z0-9-]+)\.html"', row)
        if link:
            rows[link.group(1)] = text_of(row)
    for slug, meta in resources().items():
        unverified = meta["access"] == "public" and not has_public_address(meta)
        assert (UNVERIFIED_PUBLIC in rows[slug]) == unverified, slug


def test_home_page_promises_no_check_that_was_not_made(site: Build) -> None:
    if all(meta.get("verified_by") == "link-check" for meta in resources().values()):
        pytest.skip("every page has been link-checked: 'checked' is then true")
    home = text_of(site.page("index.html").split("<article", 1)[1])
    assert not re.search(r"addresses (were|are) (last )?(checked|verified)", home)
    assert not re.search(r"\b(last|been) checked\b", home)


# --- a copy with one change per rule, built once --------------------------------

@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, tuple[str, int, str]], dict[str, str]]:
    """One build of a copy in which each rule is broken on its own page, plus
    two valid changes: a page whose addresses were link-checked and a public
    page whose addresses are removed."""
    root = tmp_path_factory.mktemp("honesty")
    docs = copy_docs(root / "docs")
    metas = resources()
    pages = {slug: docs / "resources" / f"{slug}.md" for slug in metas}
    free = sorted(metas)
    expected: dict[str, tuple[str, int, str]] = {}
    valid: dict[str, str] = {}

    def take(test) -> str:  # type: ignore[no-untyped-def]
        slug = next(s for s in free if test(metas[s]))
        free.remove(slug)
        return slug

    slug = take(lambda m: m.get("verified"))
    text = pages[slug].read_text(encoding="utf-8")
    pages[slug].write_text(re.sub(r"(?m)^verified_by: .*$", "verified_by: link-check", text), encoding="utf-8")
    valid["link-checked"] = slug

    slug = take(lambda m: m["access"] == "public" and has_public_address(m))
    text = pages[slug].read_text(encoding="utf-8")
    text = re.sub(r"(?m)^url: .*\n", "", text)
    text = re.sub(r"(?m)^alternate_urls:\n(?:  .*\n)+", "", text)
    pages[slug].write_text(text, encoding="utf-8")
    valid["address removed"] = slug

    slug = take(lambda m: m.get("date"))
    line = line_of(pages[slug], "date:")
    text = pages[slug].read_text(encoding="utf-8")
    pages[slug].write_text(re.sub(r"(?m)^date_kind: .*\n", "", text), encoding="utf-8")
    expected["date without its kind"] = (slug, line, "the date needs a 'date_kind:' line after it")

    slug = take(lambda m: len(m["sources"]) > 1)
    text = pages[slug].read_text(encoding="utf-8")
    pages[slug].write_text(re.sub(r"(?m)^    backs: .*\n", "", text, count=1), encoding="utf-8")
    label = metas[slug]["sources"][0]["label"]
    expected["source without backs"] = (slug, line_of(pages[slug], "sources:"),
                                        f"field 'sources': entry 1 ('{label}') does not say what it backs; add a 'backs:")

    slug = take(lambda m: m.get("pages"))
    unnamed = metas[slug]["pages"] + 9000
    text = pages[slug].read_text(encoding="utf-8")
    pages[slug].write_text(re.sub(r"(?m)^pages: .*$", f"pages: {unnamed}", text), encoding="utf-8")
    expected["length no source gives"] = (slug, line_of(pages[slug], "pages:"),
                                          f"field 'pages': no source's 'backs' names {unnamed}; add \"page count ({unnamed})\"")

    build = sphinx_build(docs, root / "html", jobs="1")
    return build, expected, valid


@pytest.mark.parametrize("rule", ["date without its kind", "source without backs", "length no source gives"])
def test_each_honesty_rule_names_file_line_and_fix(changed, rule: str) -> None:
    build, expected, _ = changed
    slug, line, message = expected[rule]
    location = f"resources/{slug}.md:{line}: WARNING: "
    assert any(location in w and message in w for w in build.warnings), \
        f"expected {location}{message}\n--- got:\n" + "\n".join(build.warnings)
    assert "Traceback" not in build.stderr


def test_a_link_checked_page_says_checked(changed) -> None:
    build, _, valid = changed
    slug = valid["link-checked"]
    meta = {**resources()[slug], "verified_by": "link-check"}
    section = how_to_get_it(build.page(f"resources/{slug}.html"))
    assert address_note(meta) in section
    assert "source notes" not in section.split("Cite as", 1)[0]


def test_a_public_page_without_addresses_is_shown_unverified(changed) -> None:
    build, _, valid = changed
    slug = valid["address removed"]
    page = build.page(f"resources/{slug}.html")
    assert f"Access: {UNVERIFIED_PUBLIC}" in facts_of(page)
    catalogue = build.page("catalog.html")
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", catalogue, re.S) if f"resources/{slug}.html" in r)
    assert UNVERIFIED_PUBLIC in text_of(row)


# --- the schema on its own --------------------------------------------------------

PAGE = """---
title: A Guide to Something
description: A guide to something.
date: "2014-10"
date_kind: effective
type: model-policy
topics: [crisis-response]
access: public
pages: 6
identifiers:
  grant: "2005-HS-WX-K016"
reviewed: "2026-11-25"
keywords: [one, two, three]
sources:
  - label: A copy of the document hosted by a third party
    backs: "effective date (October 2014); page count (6); grant 2005-HS-WX-K016"
added: "2026-11-25"
---
"""


def problems_after(old: str, new: str) -> list[tuple[int, str]]:
    text = PAGE.replace(old, new, 1)
    assert text != PAGE or old == new
    _, problems = schema.read_resource("a-guide-to-something", frontmatter.parse(text))
    return [(p.line, p.message) for p in problems]


def test_the_example_page_is_valid_and_unverified_public() -> None:
    assert problems_after("", "") == []
    resource, _ = schema.read_resource("a-guide-to-something", frontmatter.parse(PAGE))
    assert resource is not None
    assert resource.date_label == "Effective"
    assert resource.access_label == UNVERIFIED_PUBLIC
    with_address = PAGE.replace("pages: 6", "url: https://example.org/guide\nverified: \"2026-11-25\"\n"
                                "verified_by: source-notes\npages: 6")
    resource, problems = schema.read_resource("a-guide-to-something", frontmatter.parse(with_address))
    assert problems == [] and resource is not None
    assert resource.access_label == schema.ACCESS_LEVELS["public"]
    assert "not yet checked against the live web" in resource.addresses_note


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("date_kind: effective\n", "", 4,
     "the date needs a 'date_kind:' line after it saying what the date is, one of: published, released, effective"),
    ("date_kind: effective", "date_kind: copy", 5, "field 'date_kind': 'copy' is not allowed; write one of: published"),
    ('date: "2014-10"\n', "", 4, "field 'date_kind': this page gives no 'date'; remove 'date_kind' or add the date"),
    ('    backs: "effective date (October 2014); page count (6); grant 2005-HS-WX-K016"\n', "", 14,
     "field 'sources': entry 1 ('A copy of the document hosted by a third party') does not say what it backs"),
    ('date: "2014-10"', 'date: "2013-10"', 4, "field 'date': no source's 'backs' names 2013"),
    ("pages: 6", "pages: 60", 9, "field 'pages': no source's 'backs' names 60; add \"page count (60)\""),
    ('grant: "2005-HS-WX-K016"', 'grant: "2005-HS-WX-K01"', 10,
     "field 'identifiers': no source's 'backs' names 2005-HS-WX-K01; add \"Grant number 2005-HS-WX-K01\""),
])
def test_each_backing_and_date_rule(old: str, new: str, line: int, message: str) -> None:
    found = problems_after(old, new)
    assert any(number == line and message in text for number, text in found), found


# --- what contributors are told ------------------------------------------------------

def test_styleguide_has_a_rule_for_each_kind_of_overclaim() -> None:
    guide = (ROOT / "STYLEGUIDE.md").read_text(encoding="utf-8")
    for kind in DATE_KINDS:
        assert f"`{kind}`" in guide, kind
    assert "`date_kind`" in guide and UNVERIFIED_PUBLIC in guide
    rules = guide.split("## Claim no more than the sources", 1)[1].split("\n## ", 1)[0]
    for subject in ("backs", "checked", "Access", "date_kind", "type", "audience", "Keywords", "member-only"):
        assert subject in rules, subject
    assert "The sources do not name an intended audience. Given its subject, it may be useful to:" in guide


def test_scaffold_asks_for_what_each_source_backs_and_the_date_kind() -> None:
    text = scaffold.page_text(scaffold.Request("A Guide to Something", ("crisis-response",)),
                              datetime.date(2026, 11, 25))
    assert re.search(r"(?m)^    backs: \"TODO", text)
    assert re.search(r"(?m)^# date_kind: ", text)
    assert "The sources do not name an intended audience." in text
    _, problems = schema.read_resource("a-guide-to-something", frontmatter.parse(text))
    assert problems == []
