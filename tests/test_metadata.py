"""Every metadata rule, each shown by a broken page of its own, with the exact message.

All the broken pages go into one copy of the collection and one build:
``--keep-going`` must report every problem, each at its file and line, and
the pages that were fine must still be built.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, Build, copy_docs, front_matter, resource_slugs, sphinx_build

from community_trust.pages import frontmatter, schema
from community_trust.pages.reader import load_collection


def line_of(path: Path, pattern: str) -> int:
    """1-based number of the first line matching ``pattern``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def set_field(path: Path, key: str, value: str) -> int:
    """Replace a top-level front-matter field (and its indented lines); return its line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not any(line.startswith(f"{key}:") for line in lines):
        lines.insert(1, f"{key}: placeholder")  # a field the page lacked goes first
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = line_of(path, rf"{key}:") - 1
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) and lines[end] != "---"):
        end += 1
    lines[start:end] = [f"{key}: {value}"] if value is not None else []
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return start + 1


def members_only_slugs() -> list[str]:
    return [s for s in resource_slugs()
            if front_matter(DOCS / "resources" / f"{s}.md")["access"] == "members-only"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, tuple[str, int, str]]]:
    """One build of a copy in which several pages are broken, one rule each."""
    root = tmp_path_factory.mktemp("broken")
    docs = copy_docs(root / "docs")
    resources = docs / "resources"
    members = members_only_slugs()[0]
    slugs = [s for s in resource_slugs() if s not in members_only_slugs()]
    first, *others = slugs
    with_ncj = next(s for s in slugs[1:] if "ncj:" in (resources / f"{s}.md").read_text(encoding="utf-8"))
    others = [s for s in others if s != with_ncj]
    page = {s: resources / f"{s}.md" for s in resource_slugs()}
    expected: dict[str, tuple[str, int, str]] = {}

    target = others.pop(0)
    line = set_field(page[target], "description", None)
    expected["missing field"] = (target, 1, "the required field 'description' is missing; add a line 'description: …'")

    target = others.pop(0)
    line = set_field(page[target], "date", '"July 2011"')
    expected["malformed date"] = (target, line, "field 'date': write the date as \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"")

    target = others.pop(0)
    line = set_field(page[target], "topics", "[accountabilty]")
    expected["unknown topic"] = (target, line, "unknown topic 'accountabilty'; did you mean 'accountability'?")

    target = others.pop(0)
    line = set_field(page[target], "url", "http://www.theiacp.org/")
    expected["http address"] = (target, line, "field 'url': 'http://www.theiacp.org/' is not an https:// address")

    target = others.pop(0)
    line = set_field(page[target], "keywords", None)
    text = page[target].read_text(encoding="utf-8").replace("\ntitle:", "\nkeywrds: [a, b, c]\ntitle:", 1)
    page[target].write_text(text, encoding="utf-8")
    expected["misspelt field"] = (target, 2, "unknown field 'keywrds'; did you mean 'keywords'?")

    target = others.pop(0)
    text = page[target].read_text(encoding="utf-8")
    page[target].write_text(text.replace("\npublisher:", "\npublisher: [unclosed\n  also: x", 1), encoding="utf-8")
    yaml_line = line_of(page[target], r"publisher: \[unclosed")
    expected["broken YAML"] = (target, yaml_line, "the front matter is not valid YAML")

    target = others.pop(0)
    ncj = front_matter(page[with_ncj])["identifiers"]["ncj"]
    text = page[target].read_text(encoding="utf-8")
    text = re.sub(r"\nidentifiers:\n(  .*\n)*", "\n", text)
    text = text.replace("\ntopics:", f'\nidentifiers:\n  ncj: "{ncj}"\ntopics:', 1)
    page[target].write_text(text, encoding="utf-8")
    expected["duplicate identifier"] = (
        max(target, with_ncj), line_of(page[max(target, with_ncj)], "identifiers:"),
        f"NCJ number {ncj} is already given by resources/{min(target, with_ncj)}.md")

    target = others.pop(0)
    title = front_matter(page[first])["title"]
    short = front_matter(page[target]).get("short_title") or front_matter(page[target])["title"].split(":")[0]
    set_field(page[target], "title", f'"{title}"')
    if "short_title:" not in page[target].read_text(encoding="utf-8"):
        text = page[target].read_text(encoding="utf-8").replace("\ndescription:", f'\nshort_title: "{short}"\ndescription:', 1)
        page[target].write_text(text, encoding="utf-8")
    blamed = max(first, target)
    expected["duplicate title"] = (blamed, line_of(page[blamed], "title:"),
                                   f"the title is already used by resources/{min(first, target)}.md")

    target = others.pop(0)
    line = set_field(page[target], "related", "[no-such-resource]")
    expected["unknown related page"] = (target, line, "no resource page named 'no-such-resource'")

    target = others.pop(0)
    renamed = resources / "Renamed Page.md"
    page[target].rename(renamed)
    named_by = "short_title:" if "short_title:" in renamed.read_text(encoding="utf-8") else "title:"
    expected["file name rule"] = ("Renamed Page", line_of(renamed, named_by),
                                  f"the file name must follow the title: rename the file to '{target}.md'")
    renamed_from = target

    text = page[members].read_text(encoding="utf-8")
    text = re.sub(r"```\{members-only\}.*?```\n", "", text, flags=re.S)
    page[members].write_text(text, encoding="utf-8")
    expected["members-only without notice"] = (members, line_of(page[members], "access:"),
                                               "this page is 'access: members-only' but has no notice")

    build = sphinx_build(docs, root / "html", jobs="1")
    expected["(renamed)"] = (renamed_from, 0, "")
    return build, expected


RULES = ["missing field", "malformed date", "unknown topic", "http address", "misspelt field",
         "broken YAML", "duplicate identifier", "duplicate title", "unknown related page",
         "file name rule", "members-only without notice"]


def test_a_broken_page_fails_the_build_without_a_traceback(broken) -> None:
    build, _ = broken
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    assert "Exception occurred" not in build.stderr
    # each broken page reports its own problem, not a cascade of others
    assert not [w for w in build.warnings if "toc.not_included" in w or "myst.topmatter" in w]


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_names_file_line_and_fix(broken, rule: str) -> None:
    build, expected = broken
    slug, line, message = expected[rule]
    location = f"resources/{slug}.md:{line}: WARNING: "
    hits = [w for w in build.warnings if location in w and message in w]
    assert hits, f"expected {location}{message}\n--- got:\n" + "\n".join(build.warnings)


def test_good_pages_are_still_built(broken) -> None:
    build, expected = broken
    touched = {slug for slug, _, _ in expected.values()}
    untouched = [s for s in resource_slugs() if s not in touched]
    assert untouched, "the test should leave at least one page alone"
    for slug in untouched:
        assert (build.outdir / "resources" / f"{slug}.html").is_file()


def test_every_real_page_passes_the_schema() -> None:
    """The same checks without Sphinx, as the lint session runs them."""
    collection = load_collection(DOCS)
    assert collection.problems == {}
    topic_pages = {p.stem for p in (DOCS / "topics").glob("*.md")}
    resource_pages = {p.stem for p in (DOCS / "resources").glob("*.md")}
    assert set(collection.topics) == topic_pages and set(collection.resources) == resource_pages
    assert schema.check_collection(collection.resources.values(), collection.topics) == []


@pytest.mark.parametrize(("title", "short_title", "slug"), [
    ("Building Communities of Trust: A Guidance for Community Leaders", "", "building-communities-of-trust"),
    ("Police Pursuits In An Age of Innovation and Reform", "Police Pursuits", "police-pursuits"),
    ("Crowd Management & Control", "", "crowd-management-control"),
    ("Café’s Guide", "", "cafes-guide"),
])
def test_naming_rule(title: str, short_title: str, slug: str) -> None:
    assert schema.expected_slug(title, short_title) == slug


VALID_PAGE = """---
title: "Police Pursuits In An Age of Innovation and Reform"
short_title: Police Pursuits
description: A study of pursuit data and policies.
date: "2008-09"
type: report
topics: [use-of-force]
access: public
url: https://www.ojp.gov/library/publications/police-pursuits-age-innovation-and-reform
verified: "2026-11-25"
verified_by: source-notes
reviewed: "2026-11-25"
keywords: [pursuits, vehicle pursuits, pursuit policy]
sources:
  - label: NCJRS abstract
    backs: date (September 2008)
date_kind: published
added: "2026-11-25"
---
"""


def problems_after(old: str, new: str) -> list[tuple[int, str]]:
    text = VALID_PAGE.replace(old, new, 1)
    assert text != VALID_PAGE or old == new
    _, problems = schema.read_resource("police-pursuits", frontmatter.parse(text))
    return [(p.line, p.message) for p in problems]


def test_the_valid_example_has_no_problem() -> None:
    assert problems_after("", "") == []


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("description: A study of pursuit data and policies.", "description: a study",
     4, "field 'description': write one full sentence ending with a period"),
    ("keywords: [pursuits, vehicle pursuits, pursuit policy]", "keywords: [pursuits]",
     13, "field 'keywords': give at least three words readers would search for"),
    ('verified: "2026-11-25"\n', "", 9, "the addresses need a 'verified: \"YYYY-MM-DD\"' line"),
    ("verified_by: source-notes\n", "", 10, "add 'verified_by:' after 'verified', one of: source-notes, link-check"),
    ("topics: [use-of-force]", "topics: [use-of-force, use-of-force]",
     7, "field 'topics': a topic is listed twice; list each once"),
    ("topics: [use-of-force]", "topics: []", 7, "field 'topics': name at least one topic"),
    ("topics: [use-of-force]", "topics: [use-of-force]\nrelated: [police-pursuits]",
     8, "field 'related': a page cannot be related to itself"),
    ("type: report", "type: book", 6, "field 'type': 'book' is not allowed; write one of: guide, report"),
    ("access: public", "access: members", 8, "field 'access': 'members' is not allowed; write one of: public, members-only"),
    ('reviewed: "2026-11-25"', 'reviewed: "2026-11"', 12, "field 'reviewed': write the full date in quotes"),
    ('date: "2008-09"', 'date: "2008-13"', 5, "field 'date': '2008-13' is not a real date"),
    ("keywords:", "pages: many\nkeywords:", 13, "field 'pages': write a whole number, like 52"),
    ("keywords:", "pages: !!python/name:os.system 1\nkeywords:", 13, "the field 'pages' cannot be read"),
    ("keywords:", "identifiers:\n  doi: x\nkeywords:", 13, "field 'identifiers': 'doi' is not a known identifier"),
    ("keywords:", "conflicts:\n  - field: pages\n    values: [32 pages]\nkeywords:", 13,
     "field 'conflicts': entry 1: a conflict needs at least two values, each naming its source"),
    ("  - label: NCJRS abstract", "  - label: NCJRS abstract\n    url: http://www.ncjrs.gov/",
     14, "field 'sources': entry 1, 'url': 'http://www.ncjrs.gov/' is not an https:// address"),
    ("title:", "title: x\ntitle:", 3, "the field 'title' is written twice; keep one"),
    ("keywords:", "copy_only: [pages]\nkeywords:", 13, "field 'copy_only': 'pages' is not given on this page"),
])
def test_each_field_rule(old: str, new: str, line: int, message: str) -> None:
    try:
        found = problems_after(old, new)
    except frontmatter.FrontMatterError as exc:
        found = [(exc.line, exc.message)]
    assert any(number == line and message in text for number, text in found), found


def test_a_notice_on_a_public_page_is_reported(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    slug = next(s for s in resource_slugs() if front_matter(DOCS / "resources" / f"{s}.md")["access"] == "public")
    page = docs / "resources" / f"{slug}.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## Summary", "```{members-only}\nNot really.\n```\n\n## Summary", 1), encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "html", jobs="1")
    line = line_of(page, r"```\{members-only\}")
    assert any(f"resources/{slug}.md:{line}: WARNING: the members-only notice is on a page marked 'access: public'" in w
               for w in build.warnings), build.warnings
