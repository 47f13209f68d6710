"""Where the collection's pages live, and what a resource page is made of.

One place for the folder names under ``docs/`` and for the section names of
a resource page: the reader of the collection, the build, the page rules, the
lint, the scaffold and the tests all take them from here. No Sphinx import.
"""

from __future__ import annotations

from pathlib import Path

#: the checkout: conf.py, docs/ and this package sit at its root
ROOT = Path(__file__).resolve().parents[2]
#: the pages' folder, beside conf.py
DOCS_DIR = "docs"
DOCS = ROOT / DOCS_DIR
#: one page per resource, ``docs/resources/<slug>.md``
RESOURCES = "resources"
#: one page per topic, ``docs/topics/<slug>.md``
TOPICS = "topics"
#: every page is MyST Markdown
SUFFIX = ".md"
RESOURCE_PREFIX = f"{RESOURCES}/"
TOPIC_PREFIX = f"{TOPICS}/"
#: one page per training packet, ``docs/packets/<slug>.md``
PACKETS = "packets"
PACKET_PREFIX = f"{PACKETS}/"
#: the page that lists every packet (``{packet-list}``), beside index.md
PACKET_LIST_PAGE = "training-packets"

#: the sections a contributor writes on a resource page, in this order
WRITTEN_SECTIONS = ("Summary", "Who it is for", "Using it in training")
#: on member-only pages only, an optional section after the summary
MEMBERS_ONLY_SECTION = "How access works"
#: the sections the build adds after them, from the front matter (``resource_page``)
HOW_TO_GET_IT = "How to get it"
RELATED_RESOURCES = "Related resources"
#: the sections a packet's author writes (the session plan), in this order
PACKET_SECTIONS = ("Agenda", "What the facilitator does", "Closing")
#: the section the build adds to a packet page: its resources, in order, with the packet's questions
PACKET_RESOURCES = "Resources in this packet"


def resource_docname(slug: str) -> str:
    return f"{RESOURCE_PREFIX}{slug}"


def topic_docname(slug: str) -> str:
    return f"{TOPIC_PREFIX}{slug}"


def packet_docname(slug: str) -> str:
    return f"{PACKET_PREFIX}{slug}"


def packet_slug(docname: str) -> str | None:
    """The slug of a packet page's docname, or None for any other page."""
    folder, _, slug = docname.partition("/")
    return slug if folder == PACKETS and slug and "/" not in slug else None


def resource_slug(docname: str) -> str | None:
    """The slug of a resource page's docname, or None for any other page."""
    folder, _, slug = docname.partition("/")
    return slug if folder == RESOURCES and slug and "/" not in slug else None


def topic_slug(docname: str) -> str | None:
    """The slug of a topic page's docname, or None for any other page."""
    folder, _, slug = docname.partition("/")
    return slug if folder == TOPICS and slug and "/" not in slug else None


def docname_of(docs: Path, path: Path) -> str:
    """``docs/resources/x.md`` → ``resources/x``."""
    return path.relative_to(docs).with_suffix("").as_posix()


def path_of(docs: Path, docname: str) -> Path:
    return docs / f"{docname}{SUFFIX}"
