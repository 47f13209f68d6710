"""The benchmark's synthetic collections are valid, and the sidebar stays small at scale.

No timing here (speed is measured by ``make bench``): these tests check that
the generated collections the benchmark builds are real, strict-clean
collections, and that the sidebar that keeps large builds linear shows what
it should.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Build, front_matter, sphinx_build, topic_slugs

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from community_trust.navigation import MORE_CLASS  # noqa: E402

COUNT = 20
#: small enough that the largest topic of COUNT resources is cut
WINDOW = 3


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of a generated collection, with a small sidebar window."""
    root = tmp_path_factory.mktemp("synthetic")
    docs = synthetic.generate(root / "docs", COUNT)
    return sphinx_build(docs, root / "html", "html", "-D", f"ctr_sidebar_window={WINDOW}")


def resources(build: Build) -> dict[str, dict]:
    return {p.stem: front_matter(p) for p in sorted((build.srcdir / "resources").glob("*.md"))}


def sidebar_links(page: str) -> list[tuple[str, str, str]]:
    """(class, href, text) of every entry in a page's sidebar tree."""
    tree = page.split('class="sidebar-tree"', 1)[1].split("</aside>", 1)[0]
    return [(cls, href, re.sub(r"<[^>]+>", "", text))
            for cls, href, text in re.findall(r'<li class="([^"]*)"><a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', tree)]


def test_a_generated_collection_builds_strictly(generated: Build) -> None:
    assert generated.returncode == 0, generated.stderr
    assert generated.warnings == []
    pages = resources(generated)
    assert len(pages) == COUNT
    assert {t for meta in pages.values() for t in meta["topics"]} == set(topic_slugs())
    assert len({meta["title"] for meta in pages.values()}) == COUNT
    for slug in pages:
        assert (generated.outdir / "resources" / f"{slug}.html").is_file()


def test_a_generated_page_is_a_real_page_with_a_number() -> None:
    slug, data, body = synthetic.templates(ROOT / "docs")[0]
    copies = {other: f"{other}-no-7" for other in data.get("related", [])}
    name, text = synthetic.resource_page(data, body, 7, copies)
    copy = synthetic.frontmatter.parse(text)
    assert name == f"{slug}-no-7" or name.endswith("-no-7")
    assert copy.data["title"] == f"{data['title']} (No. 7)"
    assert set(copy.data) == set(data) | {"short_title"}
    assert copy.data["topics"] == data["topics"]
    assert copy.data.get("related", []) == [copies[s] for s in data.get("related", [])]
    real = (ROOT / "docs" / "resources" / f"{slug}.md").read_text(encoding="utf-8")
    real_length = synthetic.frontmatter.parse(real).length
    assert text.splitlines()[copy.length:] == real.splitlines()[real_length:]


def test_the_sidebar_lists_a_window_of_a_large_topic_and_links_to_all(generated: Build) -> None:
    pages = resources(generated)
    homes: dict[str, list[str]] = {}
    for slug, meta in pages.items():
        homes.setdefault(meta["topics"][0], []).append(slug)
    topic, members = max(homes.items(), key=lambda item: len(item[1]))
    assert len(members) > WINDOW
    slug = sorted(members)[len(members) // 2]
    entries = sidebar_links(generated.page(f"resources/{slug}.html"))
    listed = [href for cls, href, _ in entries if "toctree-l2" in cls and MORE_CLASS not in cls]
    assert len(listed) == WINDOW
    assert "#" in listed, "the current page is in the window"
    more = [(href, text) for cls, href, text in entries if MORE_CLASS in cls]
    title = front_matter(generated.srcdir / "topics" / f"{topic}.md")["title"]
    assert more == [(f"../topics/{topic}.html", f"All {len(members)} resources in {title}")]
    # every topic is still listed, the current one open
    topics = [href for cls, href, _ in entries if "toctree-l1" in cls]
    assert {f"../topics/{t}.html" for t in topic_slugs()} <= set(topics)


def test_below_the_window_the_sidebar_is_sphinxs_own(site: Build, tmp_path: Path) -> None:
    """The real collection with the window off (Sphinx's collapsed tree) gives the very same pages."""
    sphinx_own = sphinx_build(site.srcdir, tmp_path / "html", "html", "-D", "ctr_sidebar_window=0")
    assert sphinx_own.returncode == 0, sphinx_own.stderr
    ours = {str(p.relative_to(site.outdir)): p.read_bytes() for p in site.outdir.rglob("*.html")}
    theirs = {str(p.relative_to(sphinx_own.outdir)): p.read_bytes() for p in sphinx_own.outdir.rglob("*.html")}
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
