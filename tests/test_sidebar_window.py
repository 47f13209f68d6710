"""The sidebar's window, without a build: under the current topic a page lists
at most ``ctr_sidebar_window`` of the topic's resources, around itself, then a
link to the topic page, which lists them all (``community_trust/site/sidebar.py``).

The tree is built from a small stand-in for the environment Sphinx records
(the root's toctree, each page's table of contents and title).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes

from community_trust.site.sidebar import MORE_CLASS, sidebar_tree, window

# --- which entries: window(count, current, size) ------------------------------------------


def test_a_small_list_is_listed_whole() -> None:
    assert window(3, 1, 5) == range(3)
    assert window(5, 4, 5) == range(5)  # exactly the window's size
    assert window(3, None, 5) == range(3)
    assert window(0, None, 5) == range(0)


def test_the_first_entries_show_the_start_of_a_large_list() -> None:
    assert window(100, 0, 5) == range(0, 5)
    assert window(100, 1, 5) == range(0, 5)
    assert window(100, 2, 5) == range(0, 5)
    assert window(100, 3, 5) == range(1, 6)


def test_the_last_entries_show_the_end_of_a_large_list() -> None:
    assert window(100, 99, 5) == range(95, 100)
    assert window(100, 97, 5) == range(95, 100)
    assert window(100, 96, 5) == range(94, 99)


def test_an_entry_in_the_middle_is_centred() -> None:
    assert window(100, 50, 5) == range(48, 53)  # two before, two after
    assert window(100, 50, 4) == range(48, 52)  # even size: two before, one after


def test_without_a_current_entry_the_list_starts_at_the_top() -> None:
    """The topic page itself, or a page whose entry is not in this list."""
    assert window(100, None, 5) == range(0, 5)


def test_every_window_holds_the_current_entry_and_stays_inside_the_list() -> None:
    for count in range(0, 25):
        for size in range(1, 8):
            for current in [None, *range(count)]:
                shown = window(count, current, size)
                assert len(shown) == min(count, size), (count, current, size)
                assert 0 <= shown.start and shown.stop <= count, (count, current, size)
                if current is not None:
                    assert current in shown, (count, current, size)


# --- what a page's sidebar shows --------------------------------------------------------------

SIZE = 4
BIG = [f"resources/big-{n:02d}" for n in range(10)]
SMALL = [f"resources/small-{n}" for n in range(3)]
FULL = [f"resources/full-{n}" for n in range(SIZE)]
ONE_OVER = [f"resources/one-over-{n}" for n in range(SIZE + 1)]
TOPICS = {"topics/big": ("Big Topic", BIG), "topics/small": ("Small Topic", SMALL),
          "topics/full": ("Full Topic", FULL), "topics/one-over": ("One Over Topic", ONE_OVER)}


def _toc(title: str, entries: list[str] | None = None) -> nodes.bullet_list:
    """A page's table of contents as Sphinx records it (``env.tocs``): its title, and its toctree."""
    reference = nodes.reference("", "", nodes.Text(title), internal=True, refuri="", anchorname="")
    item = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
    if entries is not None:
        item += nodes.bullet_list("", nodes.list_item("", addnodes.toctree(entries=[(None, e) for e in entries])))
    return nodes.bullet_list("", item)


def _title(docname: str) -> str:
    return TOPICS[docname][0] if docname in TOPICS else docname.rsplit("/", 1)[-1].replace("-", " ").title()


@pytest.fixture(scope="module")
def builder() -> SimpleNamespace:
    """An HTML builder's view of a site: topics larger than the window, as large, and smaller."""
    root = new_document("index")
    root += addnodes.toctree(entries=[(None, t) for t in TOPICS], caption="Topics")
    pages = ["index", *TOPICS, *BIG, *SMALL, *FULL, *ONE_OVER]
    env = SimpleNamespace(
        config=SimpleNamespace(root_doc="index"),
        master_doctree=root,
        toctree_includes={"index": list(TOPICS), **{t: children for t, (_, children) in TOPICS.items()}},
        tocs={d: _toc(_title(d), TOPICS[d][1] if d in TOPICS else None) for d in pages},
        titles={d: nodes.title("", _title(d)) for d in pages},
        domains={"ctr": SimpleNamespace(sidebar_tree=None)},  # where the build keeps the sidebar's index
    )
    env.domains["ctr"].sidebar_tree = None  # what the build forgets at env-updated
    yield SimpleNamespace(env=env, get_relative_uri=lambda page, target: f"{target}.html")
    env.domains["ctr"].sidebar_tree = None  # what the build forgets at env-updated


def sidebar(builder: SimpleNamespace, pagename: str) -> dict[str, list[tuple[str, list[str]]]]:
    """Topic title → (text, classes) of each entry listed under it (topics shown closed list nothing)."""
    tree = sidebar_tree(builder, pagename, SIZE)  # type: ignore[arg-type]
    assert tree is not None
    topics = [item for item in tree.findall(nodes.list_item) if "toctree-l1" in item["classes"]]
    listed = {}
    for topic in topics:
        children = [child for child in topic.children if isinstance(child, nodes.bullet_list)]
        entries = children[0].children if children else []
        listed[topic[0].astext()] = [(entry.astext(), entry["classes"]) for entry in entries]
    return listed


def current_topics(builder: SimpleNamespace, pagename: str) -> list[str]:
    """The topics marked current (furo opens and highlights them)."""
    tree = sidebar_tree(builder, pagename, SIZE)  # type: ignore[arg-type]
    assert tree is not None
    return [item[0].astext() for item in tree.findall(nodes.list_item)
            if "toctree-l1" in item["classes"] and "current" in item["classes"]]


def _texts(entries: list[tuple[str, list[str]]]) -> list[str]:
    return [text for text, _ in entries]


def _current(entries: list[tuple[str, list[str]]]) -> list[str]:
    return [text for text, classes in entries if "current" in classes]


MORE = "All 10 resources in Big Topic"


def test_the_first_page_of_a_large_topic_lists_the_first_entries_then_a_link_to_all(builder) -> None:
    shown = sidebar(builder, BIG[0])
    assert _texts(shown["Big Topic"]) == ["Big 00", "Big 01", "Big 02", "Big 03", MORE]
    assert _current(shown["Big Topic"]) == ["Big 00"]
    assert MORE_CLASS in shown["Big Topic"][-1][1]
    assert shown["Small Topic"] == shown["Full Topic"] == []  # other topics stay closed
    assert current_topics(builder, BIG[0]) == ["Big Topic"]


def test_the_last_page_of_a_large_topic_lists_the_last_entries(builder) -> None:
    shown = sidebar(builder, BIG[-1])
    assert _texts(shown["Big Topic"]) == ["Big 06", "Big 07", "Big 08", "Big 09", MORE]
    assert _current(shown["Big Topic"]) == ["Big 09"]


def test_a_page_in_the_middle_of_a_large_topic_lists_its_neighbours(builder) -> None:
    shown = sidebar(builder, BIG[5])
    assert _texts(shown["Big Topic"]) == ["Big 03", "Big 04", "Big 05", "Big 06", MORE]
    assert _current(shown["Big Topic"]) == ["Big 05"]


def test_the_topic_page_of_a_large_topic_lists_the_first_entries(builder) -> None:
    shown = sidebar(builder, "topics/big")
    assert _texts(shown["Big Topic"]) == ["Big 00", "Big 01", "Big 02", "Big 03", MORE]
    assert _current(shown["Big Topic"]) == []
    assert current_topics(builder, "topics/big") == ["Big Topic"]


def test_a_small_topic_is_listed_whole_without_a_link_to_all(builder) -> None:
    shown = sidebar(builder, SMALL[2])
    assert _texts(shown["Small Topic"]) == ["Small 0", "Small 1", "Small 2"]
    assert _current(shown["Small Topic"]) == ["Small 2"]
    assert shown["Big Topic"] == []  # the large topic, closed, costs one entry


def test_a_topic_as_large_as_the_window_is_listed_whole(builder) -> None:
    shown = sidebar(builder, FULL[0])
    assert _texts(shown["Full Topic"]) == ["Full 0", "Full 1", "Full 2", "Full 3"]


def test_a_topic_one_larger_than_the_window_is_cut(builder) -> None:
    shown = sidebar(builder, ONE_OVER[-1])
    assert _texts(shown["One Over Topic"]) == ["One Over 1", "One Over 2", "One Over 3", "One Over 4",
                                               "All 5 resources in One Over Topic"]


def test_a_page_outside_the_topics_shows_every_topic_closed(builder) -> None:
    assert sidebar(builder, "index") == {"Big Topic": [], "Small Topic": [], "Full Topic": [], "One Over Topic": []}
    assert current_topics(builder, "index") == []
