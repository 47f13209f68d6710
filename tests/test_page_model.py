"""The page model: each page read and parsed once per build, generated parts built as nodes.

These tests run Sphinx in this process (one reader, no parallel workers) so
that they can count what the extension does to each page.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_docs
from markdown_it import MarkdownIt

from community_trust.citations import formats
from community_trust.pages import decoding, frontmatter, layout
from community_trust.pages.reader import load_collection
from community_trust.pages.schema import Resource


def _build(docs: Path, out: Path) -> str:
    """An HTML build of ``docs`` in this process, strict; returns its warnings."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    with patch_docutils(ROOT), docutils_namespace():  # as sphinx-build runs it: nothing registered twice
        app = Sphinx(str(docs), str(ROOT), str(out / "html"), str(out / "doctrees"), "html",
                     status=None, warning=warnings, freshenv=False, keep_going=True, parallel=0)
        app.build()
    return warnings.getvalue()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, Counter[str]]:
    """Count the reads of each page file, the parses of each front matter and of each page's Markdown."""
    counts: dict[str, Counter[str]] = {"reads": Counter(), "front matter": Counter(), "markdown": Counter(),
                                       "yaml elsewhere": Counter()}
    real_read, real_parse, real_markdown, real_yaml = decoding.read, frontmatter.parse, MarkdownIt.parse, yaml.safe_load

    def read(path: Path) -> decoding.PageText:
        counts["reads"][Path(path).as_posix()] += 1
        return real_read(path)

    def parse(text: str) -> frontmatter.FrontMatter:
        counts["front matter"][text] += 1
        return real_parse(text)

    def markdown(self: MarkdownIt, src: str, env: object = None) -> list:  # type: ignore[type-arg]
        counts["markdown"][src] += 1
        return real_markdown(self, src, env)  # type: ignore[arg-type]

    def yaml_load(stream: object) -> object:  # MyST reads front matter with it, unless handed the values
        counts["yaml elsewhere"][str(stream)] += 1
        return real_yaml(stream)

    monkeypatch.setattr(yaml, "safe_load", yaml_load)
    monkeypatch.setattr(decoding, "read", read)
    monkeypatch.setattr(frontmatter, "parse", parse)
    monkeypatch.setattr(MarkdownIt, "parse", markdown)
    return counts


def test_each_page_is_read_and_parsed_once_per_build(tmp_path: Path, counted: dict[str, Counter[str]]) -> None:
    docs = copy_docs(tmp_path / "docs")
    texts = {page.path.as_posix(): page.text for page in load_collection(docs).pages.values()}
    for counter in counted.values():
        counter.clear()

    assert _build(docs, tmp_path / "out") == ""

    assert counted["reads"] == Counter(dict.fromkeys(texts, 1))
    assert counted["front matter"] == Counter(dict.fromkeys(texts.values(), 1))
    assert counted["yaml elsewhere"] == Counter()
    for path, text in texts.items():
        assert counted["markdown"][text] == 1, path


def test_an_incremental_build_reads_and_parses_only_what_it_rebuilds_and_each_once(
        tmp_path: Path, counted: dict[str, Counter[str]]) -> None:
    docs = copy_docs(tmp_path / "docs")
    assert _build(docs, tmp_path / "out") == ""
    page = next(p for name, p in sorted(load_collection(docs).pages.items()) if layout.resource_slug(name))
    page.path.write_text(page.text.replace("## Summary\n", "## Summary\n\nOne more sentence.\n", 1), encoding="utf-8")
    for counter in counted.values():
        counter.clear()

    assert _build(docs, tmp_path / "out") == ""

    assert counted["reads"][page.path.as_posix()] == 1
    assert set(counted["reads"].values()) == {1}
    assert set(counted["front matter"].values()) == {1}
    assert sum(counted["front matter"].values()) == sum(counted["reads"].values())


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the APA references citeproc-py formats, by resource."""
    counts: Counter[str] = Counter()
    real = formats.apa_marked

    def apa_marked(resource: Resource) -> str:
        counts[resource.slug] += 1
        return real(resource)

    monkeypatch.setattr(formats, "apa_marked", apa_marked)
    return counts


def test_an_incremental_build_formats_only_the_citation_that_changed(
        tmp_path: Path, counted: dict[str, Counter[str]], formatted: Counter[str]) -> None:
    docs = copy_docs(tmp_path / "docs")
    assert _build(docs, tmp_path / "out") == ""
    collection = load_collection(docs)
    assert formatted == Counter(dict.fromkeys(collection.resources, 1))
    # a resource other resources' cards show: changing its title re-reads those pages too
    slug, others = next((slug, [r for r in collection.resources.values() if slug in r.related])
                        for slug in sorted(collection.resources)
                        if any(slug in r.related for r in collection.resources.values()))
    page = collection.pages[collection.resources[slug].docname]
    title = collection.resources[slug].title
    page.path.write_text(page.text.replace(f"title: \"{title}\"", f"title: \"{title}, Revised\"", 1),
                         encoding="utf-8")
    formatted.clear()
    counted["reads"].clear()

    assert _build(docs, tmp_path / "out") == ""

    assert all(counted["reads"][collection.pages[r.docname].path.as_posix()] == 1 for r in others)
    assert formatted == Counter({slug: 1})
