"""A new page, end to end: scaffolded into a copy of the collection, it passes
the strict build and shows up in its topics, the sidebar and the print
binders; filled in, it keeps every check that depends on the set of pages
green, with no test edited."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOME, MEMBERS_SLUG, ROOT, SLUG, TITLE, Build, copy_docs, sphinx_build

from community_trust.pages import schema
from community_trust.pages.reader import load_collection
from community_trust.tools import lint, scaffold


@pytest.fixture(scope="module")
def scaffolded_html(scaffolded, tmp_path_factory: pytest.TempPathFactory) -> Build:
    docs, _ = scaffolded
    return sphinx_build(docs, tmp_path_factory.mktemp("scaffolded-html") / "html")


def test_a_scaffolded_page_passes_the_strict_build(scaffolded_html: Build) -> None:
    assert scaffolded_html.returncode == 0, scaffolded_html.stderr
    assert scaffolded_html.warnings == []
    # the build says, without failing, that placeholders are left
    assert f"resources/{SLUG}.md:" in scaffolded_html.stdout + scaffolded_html.stderr
    assert "'TODO's are left (the first is on this line)" in scaffolded_html.stdout + scaffolded_html.stderr


def test_a_scaffolded_page_appears_in_its_topics_and_the_sidebar(scaffolded_html: Build) -> None:
    link = f'href="../resources/{SLUG}.html"'
    home = scaffolded_html.page(f"topics/{HOME}.html")
    cards = re.findall(r'<a class="[^"]*sd-stretched-link[^"]*" href="([^"]+)"', home)
    assert f"../resources/{SLUG}.html" in cards
    other = scaffolded_html.page("topics/accountability.html")
    assert f"../resources/{SLUG}.html" in re.findall(r'sd-stretched-link[^"]*" href="([^"]+)"', other)
    sidebar = home.split('class="sidebar-tree"', 1)[1].split("</nav>", 1)[0]
    assert link in sidebar and TITLE in sidebar
    page = scaffolded_html.page(f"resources/{SLUG}.html")
    assert f"<h1>{TITLE}" in page


def test_a_scaffolded_member_only_page_carries_the_notice(scaffolded_html: Build) -> None:
    page = scaffolded_html.page(f"resources/{MEMBERS_SLUG}.html")
    assert "For IACP members only" in page


def test_a_scaffolded_page_is_in_the_print_binders(scaffolded, tmp_path: Path) -> None:
    """The binders' pages (nox -s pdf renders these as PDF) hold the new page."""
    docs, _ = scaffolded
    build = sphinx_build(docs, tmp_path / "binders", "binders", "-D", "ctr_print_pdf=0")
    assert build.returncode == 0, build.stderr
    holding = sorted(p.name for p in (tmp_path / "binders").glob("*.html") if TITLE in p.read_text(encoding="utf-8"))
    assert f"community-trust-{HOME}.html" in holding
    assert "community-trust-resources.html" in holding


#: a contributor's answers to the scaffold's TODOs (a page that exists only in the test's copy)
FILLED_IN = {
    "description": 'description: "A guide for trainers on holding listening sessions with residents, '
                   'published by a city\'s police training unit."',
    "type": "type: guide",
    "keywords": 'keywords: [listening sessions, resident feedback, town hall meetings]',
    "  - label": '  - label: "The training unit\'s page for the guide"',
    "    backs": '    backs: "the title and what the guide covers"',
    "TODO: in your own words": "The guide explains how to plan a listening session with residents and how "
                               "to report back what was heard.",
    "TODO: name only readers": "The sources do not name an intended audience. Given its subject, it may be "
                               "useful to:",
    "- TODO: a group of readers": "- trainers who plan meetings between officers and residents.",
    "- TODO: a question a trainer": "- Who in your community has not been heard at a meeting so far?",
}


def fill_in(page: Path) -> None:
    """Replace every line that holds a TODO with a contributor's answer."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if "TODO" in line:
            lines[index] = next(answer for start, answer in FILLED_IN.items() if line.startswith(start))
    page.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def test_a_new_page_keeps_every_check_that_depends_on_the_set_of_pages_green(tmp_path: Path) -> None:
    """A contribution needs no test edit: the checks derived from docs/ pass with a new page added.

    A public page filed under two topics is scaffolded and filled in as a contributor
    would; then the lint, and the test modules that derive their expectations from the
    pages (topics, cards, navigation, catalogue, index, search), run on that copy.
    """
    docs = copy_docs(tmp_path / "docs")
    collection = load_collection(docs)
    topics = [t.slug for t in collection.sorted_topics()]
    # a title the collection does not hold yet, however it grows
    title = next(candidate for n in range(1, 100)
                 if (candidate := f"Listening Sessions with Residents, Round {n}: A Guide for Trainers")
                 and schema.expected_slug(candidate) not in collection.resources
                 and all(r.title != candidate for r in collection.resources.values()))
    path, _ = scaffold.create(scaffold.Request(title, (topics[-1], topics[0])), docs)
    fill_in(path)
    assert lint.lint(docs, spelling=[docs]) == []
    env = {**os.environ, "CTR_TEST_DOCS": str(docs), "NO_COLOR": "1"}
    # -n 0: this test already runs beside the suite's other files, one per core
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "-n", "0",
                           "tests/test_content.py", "tests/test_search.py", "tests/test_build.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-6000:]
    assert re.search(r"\d+ passed", done.stdout)
