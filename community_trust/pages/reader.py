"""The one reader of the collection: each page's bytes read once, its front matter parsed once.

The build (a page at a time, through ``domain`` and ``build/parser``), the lint, the freshness
report, the binders' list, the scaffold, the benchmark and the tests read it here
(:func:`load_collection`), so a broken page is treated the same everywhere: its problems kept
with its docname, its record left out, every good page still read. No Sphinx import.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from community_trust.pages import decoding, frontmatter, layout, packets, plain, schema
from community_trust.pages.frontmatter import FrontMatter
from community_trust.pages.packets import Packet
from community_trust.pages.problems import Kind, Problem
from community_trust.pages.rules import links_leaving
from community_trust.pages.schema import Resource, Topic


@dataclass(frozen=True)
class Page:
    """One page as read from ``docs/``: its text, front matter and record, and what is wrong."""

    docname: str
    path: Path
    #: the decoded text (``pages/decoding``): any bytes give text
    text: str
    #: False when nothing of the page is worth parsing (empty, binary, too large)
    readable: bool
    #: the one problem with the file's bytes (reported by the page rules), if any
    byte_problem: Problem | None
    #: the parsed front matter; None when it cannot be read (or the page cannot)
    matter: FrontMatter | None
    #: the checked record of a resource, topic or packet page; None for other pages and broken ones
    record: Resource | Topic | Packet | None
    #: problems with the front matter and its fields, each at its line
    problems: tuple[Problem, ...] = ()

    @property
    def members_only(self) -> bool:
        """Whether the page may carry what a members-only page does: its front matter says
        ``access: members-only`` (read even when other fields are broken), or cannot be read at all,
        so that the one problem reported is the front matter's, not the sections' that follow from it."""
        if self.matter is None:
            return self.readable
        return self.matter.data.get("access") == "members-only"

    @property
    def packet_length(self) -> int | None:
        """A packet page's 'length' in minutes, when it is a whole number (read even when other fields are broken)."""
        value = self.matter.data.get("length") if self.matter is not None else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def orphan(self) -> bool:
        return self.matter is not None and self.matter.data.get("orphan") is True


def read_page(docs: Path, docname: str) -> Page:
    """Read one page of ``docs``: the file once, its front matter once, its record checked."""
    path = layout.path_of(docs, docname)
    text = decoding.read(path)
    matter: FrontMatter | None = None
    problems: list[Problem] = []
    if text.readable:
        try:
            matter = frontmatter.parse(text.text)
        except frontmatter.FrontMatterError as exc:
            problems.append(Problem(exc.line, exc.message, Kind.METADATA))
    record: Resource | Topic | Packet | None = None
    if matter is not None:
        unsafe = plain.check(docname, matter)
        problems += unsafe
        if (slug := layout.resource_slug(docname)) is not None:
            record, found = schema.read_resource(slug, matter)
            if record is not None:
                record = dataclasses.replace(record, training=packets.training_items(text.text))
            problems += found
        elif (slug := layout.topic_slug(docname)) is not None:
            record, found = schema.read_topic(slug, matter)
            problems += found
        elif (slug := layout.packet_slug(docname)) is not None:
            record, found = packets.read_packet(slug, matter)
            problems += found
    if matter is not None and unsafe:
        record = None  # a value that is not plain text reaches no card, catalogue, search or citation
    return Page(docname, path, text.text, text.readable, text.problem, matter, record, tuple(problems))


def page_paths(docs: Path) -> list[Path]:
    """Every Markdown page the build reads: hidden folders aside, and nothing reached
    through a symbolic link that leads out of ``docs``."""
    leaving = set(links_leaving(docs))
    found = []
    for folder, dirs, files in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(".") and Path(folder, d) not in leaving]
        found += [Path(folder, f) for f in files if f.endswith(layout.SUFFIX) and Path(folder, f) not in leaving]
    return sorted(found)


def _listing_order(topic: str) -> Callable[[Resource], tuple[bool, bool, str]]:
    """Sort key within a topic: its home resources first, current ones before replaced
    or withdrawn ones within each group, each by title."""
    def key(resource: Resource) -> tuple[bool, bool, str]:
        return resource.home_topic != topic, not resource.current, resource.label.casefold()
    return key


@dataclass
class Collection:
    """The checked records of a collection, and the problems of its pages by docname.

    The build keeps one of these in its domain (the dictionaries are the
    domain's own data); tools outside a build get one from :func:`load_collection`.
    """

    resources: dict[str, Resource] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    #: docname → problems of its front matter and of the rules across pages
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    #: slug → the packet of ``docs/packets/<slug>.md``
    packets: dict[str, Packet] = field(default_factory=dict)
    #: every page read (only from :func:`load_collection`; the build reads a page at a time)
    pages: dict[str, Page] = field(default_factory=dict, repr=False)
    #: topic → its resources in ``resources_in`` order; built on first use
    _by_topic: dict[str, tuple[Resource, ...]] | None = field(default=None, repr=False, compare=False)

    def records_changed(self) -> None:
        """Forget what was derived from the records; call after changing them."""
        self._by_topic = None

    def resource_at(self, docname: str) -> Resource | None:
        """The record of the resource page ``docname``; None for another page or a broken one."""
        slug = layout.resource_slug(docname)
        return self.resources.get(slug) if slug is not None else None

    def sorted_packets(self) -> list[Packet]:
        return sorted(self.packets.values(), key=lambda p: p.title.casefold())

    def packets_using(self, slug: str) -> list[Packet]:
        """The packets that use resource ``slug``, by title."""
        return [p for p in self.sorted_packets() if slug in p.resource_slugs]

    def sorted_topics(self) -> list[Topic]:
        return sorted(self.topics.values(), key=Topic.sort_key)

    def resources_in(self, topic: str) -> list[Resource]:
        """Resources of a topic, home ones first, current before replaced, each group by title.

        Topic pages, the home page and related-resource lists all ask for
        this; scanning every resource on each call made the cost grow with
        the square of the collection, so all topics are indexed in one pass.
        """
        if self._by_topic is None:
            members: dict[str, list[Resource]] = {}
            for resource in self.resources.values():
                for slug in dict.fromkeys(resource.topics):  # a topic listed twice counts once
                    members.setdefault(slug, []).append(resource)
            self._by_topic = {slug: tuple(sorted(group, key=_listing_order(slug)))
                              for slug, group in members.items()}
        return list(self._by_topic.get(topic, ()))

    def home_resources(self, topic: str) -> list[Resource]:
        return [r for r in self.resources_in(topic) if r.home_topic == topic]

    def sorted_resources(self) -> list[Resource]:
        return sorted(self.resources.values(), key=lambda r: r.label.casefold())

    def keep(self, page: Page) -> None:
        """Take in one page's record and problems (replacing what it had)."""
        self.forget(page.docname)
        if isinstance(page.record, Resource):
            self.resources[page.record.slug] = page.record
        elif isinstance(page.record, Topic):
            self.topics[page.record.slug] = page.record
        elif isinstance(page.record, Packet):
            self.packets[page.record.slug] = page.record
        if page.problems:
            self.problems[page.docname] = list(page.problems)

    def forget(self, docname: str) -> None:
        """Drop a page's record and problems."""
        if (slug := layout.resource_slug(docname)) is not None:
            self.resources.pop(slug, None)
        elif (slug := layout.topic_slug(docname)) is not None:
            self.topics.pop(slug, None)
        elif (slug := layout.packet_slug(docname)) is not None:
            self.packets.pop(slug, None)
        self.problems.pop(docname, None)
        self.records_changed()

    def problems_across_pages(self, resource_docnames: list[str]) -> list[tuple[str, Problem]]:
        """The rules across pages (``schema.check_collection``), as (docname, problem).

        ``resource_docnames`` names every resource page that exists, broken ones included.
        """
        slugs = [slug for name in resource_docnames if (slug := layout.resource_slug(name)) is not None]
        return ([(layout.resource_docname(slug), problem)
                 for slug, problem in schema.check_collection(self.resources.values(), self.topics, slugs)]
                + [(layout.packet_docname(slug), problem)
                   for slug, problem in packets.check_packets(self.packets.values(), self.resources, slugs)])


def load_collection(docs: Path) -> Collection:
    """Read every page of ``docs`` once: the records, and every problem by docname.

    The problems are those of the front matter and of the rules across pages;
    a page's byte problem stays on its :class:`Page` (the page rules report it).
    """
    found = Collection()
    for path in page_paths(docs):
        page = read_page(docs, layout.docname_of(docs, path))
        found.pages[page.docname] = page
        found.keep(page)
    resource_pages = [name for name in found.pages if layout.resource_slug(name) is not None]
    for docname, problem in found.problems_across_pages(resource_pages):
        found.problems.setdefault(docname, []).append(problem)
    return found
