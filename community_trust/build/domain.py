"""The collection's state in a build: one Sphinx domain, kept correct across builds.

What the build remembers is the domain's data (pickled with the environment); what must not be
pickled lives on the domain object. Its life cycle: ARCHITECTURE.md, "The environment's life cycle".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from community_trust.pages import layout
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Problem
from community_trust.pages.reader import Collection, Page, read_page


class CollectionDomain(Domain):
    """``ctr``: the resources and topics, what each page shows, and which pages failed a rule."""

    name = "ctr"
    label = "Community Trust Resources"
    data_version = 2
    initial_data: dict[str, Any] = {
        "resources": {},  # slug → Resource
        "topics": {},  # slug → Topic
        "packets": {},  # slug → Packet
        "problems": {},  # docname → front-matter problems, re-reported every build
        "shows": {},  # docname → keys of the generated content the page shows (``build/staleness``)
        "failing": set(),  # pages that broke a page rule: read again on the next build
        "placeholders": {},  # docname → (number of TODOs, line of the first)
        "apa": {},  # slug → (``formats.apa_key``, the APA reference marked up), kept across builds
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._collection: Collection | None = None
        #: pages read this build before their turn (``build/staleness``), handed to the parser once
        self.pages_read: dict[str, Page] = {}
        #: the sidebar's index of the toctrees (``site/sidebar.Tree``), made once the pages are read
        self.sidebar_tree: object | None = None

    @classmethod
    def of(cls, env: BuildEnvironment) -> CollectionDomain:
        return env.domains[cls.name]  # type: ignore[return-value]

    # --- the records ------------------------------------------------------------

    @property
    def collection(self) -> Collection:
        """The records as a :class:`~.pages.Collection` over this domain's own data."""
        if self._collection is None:
            self._collection = Collection(self.data["resources"], self.data["topics"], self.data["problems"],
                                          packets=self.data["packets"])
        return self._collection

    def take_page(self, docname: str) -> Page:
        """The page being parsed: read earlier in this build, or read now (once either way)."""
        page = self.pages_read.pop(docname, None)
        return page if page is not None else read_page(Path(self.env.srcdir), docname)

    # --- what pages record while they are read -----------------------------------

    @property
    def shows(self) -> dict[str, set[str]]:
        return self.data["shows"]  # type: ignore[no-any-return]

    @property
    def failing(self) -> set[str]:
        return self.data["failing"]  # type: ignore[no-any-return]

    @property
    def placeholders(self) -> dict[str, tuple[int, int]]:
        return self.data["placeholders"]  # type: ignore[no-any-return]

    @property
    def apa(self) -> dict[str, tuple[str, str]]:
        """The APA references formatted so far (``build/citation``): not forgotten when a page is
        read again, so that a page whose citation did not change reuses it."""
        return self.data["apa"]  # type: ignore[no-any-return]

    def note_shows(self, docname: str, keys: Iterable[str]) -> None:
        """Record that ``docname`` shows generated content for ``keys`` (see ``build/staleness``)."""
        self.shows.setdefault(docname, set()).update(keys)

    def note_problems(self, docname: str, problems: list[Problem]) -> None:
        """A page that broke a rule is read again next build until it is fixed."""
        if problems:
            self.failing.add(docname)

    def clear_doc(self, docname: str) -> None:
        self.shows.pop(docname, None)
        self.failing.discard(docname)
        self.placeholders.pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["shows"]:
                self.shows[docname] = otherdata["shows"][docname]
            if docname in otherdata["placeholders"]:
                self.placeholders[docname] = otherdata["placeholders"][docname]
        self.failing.update(otherdata["failing"] & docnames)
        self.apa.update(otherdata["apa"])  # a parallel reader's copy, and what it formatted

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """A resource, topic or packet page without a record (broken front matter, or filed
        under a topic that does not exist) is in no generated toctree: mark it
        orphan, so the build reports its real problem only, not also "document
        isn't included in any toctree"."""
        collection = self.collection
        if page_rules.placement_problem(docname) is not None:
            env.metadata[docname]["orphan"] = True  # reported where it lies; no second warning
        elif layout.resource_slug(docname) is not None:
            resource = collection.resource_at(docname)
            if resource is None or resource.home_topic not in collection.topics:
                env.metadata[docname]["orphan"] = True
        elif (slug := layout.topic_slug(docname)) is not None and slug not in collection.topics:
            env.metadata[docname]["orphan"] = True
        elif (slug := layout.packet_slug(docname)) is not None and slug not in collection.packets:
            env.metadata[docname]["orphan"] = True

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []  # the domain has no roles: nothing to resolve


def collection_of(env: BuildEnvironment) -> Collection:
    """The collection's records in this build."""
    return CollectionDomain.of(env).collection
