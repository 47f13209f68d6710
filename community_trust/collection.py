"""The collection's metadata in the build environment, kept correct across builds.

Toctree entries must exist when a topic page is read, so every resource's
front matter has to be known before reading starts. ``env-get-outdated``
runs in the main process before the (possibly parallel) readers: there we
re-read the front matter of the pages Sphinx found changed, and return the
other pages whose generated content shows what changed.

What each page shows is recorded while it is read (``note_shows``) and kept
per page so Sphinx can purge and merge it, the pattern of
``sphinx.ext.todo``: incremental and parallel builds stay correct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import frontmatter, schema
from .schema import Problem, Resource, Topic

logger = logging.getLogger(__name__)

RESOURCE_PREFIX = "resources/"
TOPIC_PREFIX = "topics/"

#: keys a page can depend on (see ``note_shows``)
EVERY_RESOURCE = "all"
TOPIC_LIST = "topics"
#: what the catalogue filters by beyond what cards show (``card_view``): keywords
CATALOG_DATA = "catalog-data"


def resource_key(slug: str) -> str:
    return f"resource:{slug}"


def topic_key(slug: str) -> str:
    """Which resources belong to topic ``slug`` (and what they show)."""
    return f"topic:{slug}"


def navigation_key(slug: str) -> str:
    """The titles in topic ``slug``'s part of the sidebar."""
    return f"nav:{slug}"


class CollectionData:
    """What the environment keeps for the collection (pickled with it)."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.topics: dict[str, Topic] = {}
        #: problems found in each page's front matter, re-reported every build
        self.problems: dict[str, list[Problem]] = {}
        #: docname → keys of the generated content the page shows
        self.shows: dict[str, set[str]] = {}
        #: topic → its resources in ``resources_in`` order; built on first use
        #: and dropped whenever the records change (see ``records_changed``)
        self._by_topic: dict[str, tuple[Resource, ...]] | None = None

    def __getstate__(self) -> dict[str, object]:
        # the index is derived data: rebuilt after loading, never stored
        return {**self.__dict__, "_by_topic": None}

    def records_changed(self) -> None:
        """Forget what was derived from the records; call after changing them."""
        self._by_topic = None

    def sorted_topics(self) -> list[Topic]:
        return sorted(self.topics.values(), key=Topic.sort_key)

    def resources_in(self, topic: str) -> list[Resource]:
        """Resources of a topic, home ones first, each group by title.

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


def _listing_order(topic: str) -> Callable[[Resource], tuple[bool, str]]:
    """Sort key within a topic: its home resources first, each group by title."""
    def key(resource: Resource) -> tuple[bool, str]:
        return resource.home_topic != topic, resource.label.casefold()
    return key


def data(env: BuildEnvironment) -> CollectionData:
    """The collection's state in ``env``, created on first use."""
    if not hasattr(env, "community_trust"):
        env.community_trust = CollectionData()  # type: ignore[attr-defined]
    return env.community_trust  # type: ignore[attr-defined]


def note_shows(env: BuildEnvironment, keys: Iterable[str]) -> None:
    """Record that the page being read shows generated content for ``keys``."""
    data(env).shows.setdefault(env.docname, set()).update(keys)


def _read_page(env: BuildEnvironment, docname: str) -> frontmatter.FrontMatter | Problem | None:
    """The page's front matter, its one problem, or None for a page with nothing to
    read (``page_checks`` reports that)."""
    path = Path(env.doc2path(docname))
    try:
        return frontmatter.read(path)
    except frontmatter.UnreadablePage:
        return None
    except frontmatter.FrontMatterError as exc:
        return Problem(exc.line, exc.message)


def _changed_keys(old: Resource | None, new: Resource | None) -> set[str]:
    """Keys whose pages must be re-read when a resource goes from old to new."""
    if old is not None and new is not None and old.card_view() == new.card_view():
        return set() if old.keywords == new.keywords else {CATALOG_DATA}
    keys = {EVERY_RESOURCE}
    for record in (old, new):
        if record is None:
            continue
        keys.add(resource_key(record.slug))
        keys.update(topic_key(t) for t in record.topics)
    if old is None or new is None or (old.title, old.home_topic) != (new.title, new.home_topic):
        keys.update(navigation_key(r.home_topic) for r in (old, new) if r is not None)
    return keys


def update(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
           removed: set[str]) -> list[str]:
    """``env-get-outdated``: refresh the metadata of changed pages; return dependents."""
    state = data(env)
    dirty: set[str] = set()
    for docname in sorted(added | changed | removed):
        if docname.startswith(RESOURCE_PREFIX):
            old, new = _refresh(env, docname, removed, state.resources, schema.read_resource)
            dirty |= _changed_keys(old, new)
        elif docname.startswith(TOPIC_PREFIX):
            old_topic, new_topic = _refresh(env, docname, removed, state.topics, schema.read_topic)
            if old_topic != new_topic:
                dirty |= {TOPIC_LIST, EVERY_RESOURCE, topic_key(docname[len(TOPIC_PREFIX):])}

    state.records_changed()
    _report(env)
    outdated = {doc for doc, keys in state.shows.items() if keys & dirty}
    return sorted(outdated - removed - added - changed)


RecordT = TypeVar("RecordT", Resource, Topic)


def _refresh(env: BuildEnvironment, docname: str, removed: set[str], records: dict[str, RecordT],
             reader: Callable[[str, frontmatter.FrontMatter], tuple[RecordT | None, list[Problem]]],
             ) -> tuple[RecordT | None, RecordT | None]:
    """Re-read one resource or topic page into ``records``; return its old and new record."""
    slug = docname.split("/", 1)[1]
    old = records.pop(slug, None)
    data(env).problems.pop(docname, None)
    new = None if docname in removed else _load(env, docname, reader, slug)
    if new is not None:
        records[slug] = new
    return old, new


def _load(env: BuildEnvironment, docname: str,
          reader: Callable[[str, frontmatter.FrontMatter], tuple[RecordT | None, list[Problem]]],
          slug: str) -> RecordT | None:
    """Read one page's front matter with ``reader``; keep its problems for reporting."""
    matter = _read_page(env, docname)
    if matter is None:
        return None
    if isinstance(matter, Problem):
        data(env).problems[docname] = [matter]
        return None
    record, problems = reader(slug, matter)
    if problems:
        data(env).problems[docname] = problems
    return record


def _report(env: BuildEnvironment) -> None:
    """Log every known problem, so an unchanged broken page still fails the build."""
    state = data(env)
    found = [(doc, p) for doc, problems in state.problems.items() for p in problems]
    pages = [doc[len(RESOURCE_PREFIX):] for doc in env.found_docs if doc.startswith(RESOURCE_PREFIX)]
    found += [(f"{RESOURCE_PREFIX}{slug}", p)
              for slug, p in schema.check_collection(state.resources.values(), state.topics, pages)]
    for docname, problem in sorted(found, key=lambda item: (item[0], item[1].line)):
        logger.warning(problem.message, location=(docname, problem.line),
                       type="community_trust", subtype="metadata")


def keep_broken_pages_quiet(app: Sphinx, doctree: object) -> None:
    """``doctree-read``: a resource or topic page whose front matter is broken is
    left out of the generated toctrees (as is one whose home topic does not
    exist); mark it orphan so the build reports
    its real problem only, not also "document isn't included in any toctree"."""
    docname = app.env.docname
    state = data(app.env)
    slug = docname.split("/", 1)[-1]
    resource = state.resources.get(slug) if docname.startswith(RESOURCE_PREFIX) else None
    if (docname.startswith(RESOURCE_PREFIX) and (resource is None or resource.home_topic not in state.topics)) or (
            docname.startswith(TOPIC_PREFIX) and slug not in state.topics):
        app.env.metadata[docname]["orphan"] = True


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: forget what a page showed; it is about to be re-read."""
    data(env).shows.pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """``env-merge-info``: take what parallel readers recorded."""
    theirs = data(other).shows
    mine = data(env).shows
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", update)
    app.connect("env-purge-doc", purge)
    app.connect("doctree-read", keep_broken_pages_quiet)
    app.connect("env-merge-info", merge)
