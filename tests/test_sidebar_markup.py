"""The sidebar's markup written directly is furo's, byte for byte.

``site/furo_markup`` writes what furo's BeautifulSoup pass would make of the sidebar Sphinx
renders; these tests build the collection in this process, keep each page's sidebar tree,
and compare the two ways of writing it (furo's own function is the expectation).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from conftest import DOCS, ROOT, copy_docs
from docutils import nodes
from furo.navigation import get_navigation_tree

from community_trust.pages import layout
from community_trust.pages.reader import load_collection
from community_trust.site import sidebar
from community_trust.site.furo_markup import furo_navigation

#: text BeautifulSoup and docutils escape differently: quotes, ampersands, brackets, an at sign
AWKWARD = ["Say \"hi\" & <b>", "It's \"both\"", "Café @ 5 > 4 'single'"]


@pytest.fixture(scope="module")
def sidebars(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, list[tuple[nodes.Element, str | None]]]]:
    """A build of a copy of ``docs/`` in this process: its builder, and every page's
    (sidebar tree, markup written directly). The tests run inside the build's docutils
    namespace, where Sphinx's nodes are known to the HTML writer."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    tmp = tmp_path_factory.mktemp("sidebar")
    docs = copy_docs(tmp / "docs")
    seen: list[tuple[nodes.Element, str | None]] = []
    def keep(tree: nodes.Element) -> str | None:
        markup = furo_navigation(tree)
        seen.append((tree.deepcopy(), markup))
        return markup

    warnings = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, patch_docutils(ROOT), docutils_namespace():
        patch.setattr(sidebar, "furo_navigation", keep)
        app = Sphinx(str(docs), str(ROOT), str(tmp / "html"), str(tmp / "doctrees"), "html",
                     status=None, warning=warnings, freshenv=True, keep_going=True, parallel=0)
        app.build()
        assert warnings.getvalue() == ""
        yield app.builder, seen


def furo_pass(builder: object, tree: nodes.Element) -> str:
    """What furo makes of the tree: Sphinx's HTML, then its BeautifulSoup pass."""
    return get_navigation_tree(builder.render_partial(tree)["fragment"])  # type: ignore[attr-defined]


def test_every_page_gets_furo_markup_without_furo_pass(sidebars: tuple[object, list]) -> None:
    builder, seen = sidebars
    pages = load_collection(DOCS).pages  # the pages of docs/
    assert len(seen) >= len(pages)
    assert all(markup is not None for _tree, markup in seen)
    for tree, markup in seen:
        assert markup == furo_pass(builder, tree)


def test_the_current_page_and_its_topic_are_marked_as_furo_marks_them(sidebars: tuple[object, list]) -> None:
    _builder, seen = sidebars
    resource_pages = [markup for _tree, markup in seen if markup and 'current-page"' in markup
                      and "toctree-l2 current current-page" in markup]
    slugs = [name for name in load_collection(DOCS).pages if layout.resource_slug(name)]
    assert len(resource_pages) >= len(slugs)
    for markup in resource_pages:
        assert markup.count('checked=""') == 1  # the page's topic is open, the others closed


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_titles_are_escaped_as_furo_escapes_them(sidebars: tuple[object, list], text: str) -> None:
    builder, seen = sidebars
    tree = next(tree for tree, _markup in seen if list(tree.findall(nodes.bullet_list)))
    tree = tree.deepcopy()
    for node in list(tree.findall(nodes.Text)):
        node.parent.replace(node, nodes.Text(text))
    assert furo_navigation(tree) == furo_pass(builder, tree)


def test_what_it_does_not_know_is_left_to_furo(sidebars: tuple[object, list]) -> None:
    _builder, seen = sidebars
    tree = next(tree for tree, _markup in seen if list(tree.findall(nodes.reference))).deepcopy()
    reference = next(iter(tree.findall(nodes.reference)))
    reference += nodes.literal("code", "code")

    assert furo_navigation(tree) is None
