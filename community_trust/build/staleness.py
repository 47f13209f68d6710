"""Which pages a change makes stale: the records refreshed before reading starts.

Toctree entries must exist when a topic page is read, so every resource's
front matter has to be known before reading starts. ``env-get-outdated``
runs in the main process before the (possibly parallel) readers: there we
re-read the pages Sphinx found changed (``pages.read_page``), and return the
other pages whose generated content shows what changed.

What each page shows is recorded while it is read (``CollectionDomain.note_shows``,
under the keys below) and kept per page in the domain, so incremental and
parallel builds stay correct.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from community_trust.build.domain import CollectionDomain
from community_trust.pages import layout
from community_trust.pages.reader import Collection, read_page
from community_trust.pages.schema import Resource

logger = logging.getLogger(__name__)

#: keys a page can depend on (see ``note_shows``)
EVERY_RESOURCE = "all"
TOPIC_LIST = "topics"
#: what the catalogue filters by beyond what cards show (``card_view``): keywords
CATALOG_DATA = "catalog-data"
#: what the What's new page shows beyond cards: each page's review date and what changed
REVISIONS = "revisions"


def resource_key(slug: str) -> str:
    return f"resource:{slug}"


def topic_key(slug: str) -> str:
    """Which resources belong to topic ``slug`` (and what they show)."""
    return f"topic:{slug}"


def navigation_key(slug: str) -> str:
    """The titles in topic ``slug``'s part of the sidebar."""
    return f"nav:{slug}"


def _changed_keys(old: Resource | None, new: Resource | None) -> set[str]:
    """Keys whose pages must be re-read when a resource goes from old to new."""
    if old is not None and new is not None and old.card_view() == new.card_view():
        keys = set() if old.keywords == new.keywords else {CATALOG_DATA}
        return keys if old.revision_view() == new.revision_view() else keys | {REVISIONS}
    keys = {EVERY_RESOURCE, REVISIONS}
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
    """``env-get-outdated``: re-read the changed resource and topic pages; return the pages showing them.

    Each page read here is handed to the parser later in this build
    (``CollectionDomain.pages_read``), so its file is read and its front
    matter parsed once per build.
    """
    domain = CollectionDomain.of(env)
    state = domain.collection
    docs = Path(env.srcdir)
    dirty: set[str] = set()
    for docname in sorted(added | changed | removed):
        resource_slug, topic_slug = layout.resource_slug(docname), layout.topic_slug(docname)
        if resource_slug is None and topic_slug is None:
            continue
        old = state.resources.get(resource_slug) if resource_slug else state.topics.get(topic_slug or "")
        state.forget(docname)
        new = None
        if docname not in removed:
            page = read_page(docs, docname)
            domain.pages_read[docname] = page
            state.keep(page)
            new = page.record
        if resource_slug is not None:
            dirty |= _changed_keys(old, new)  # type: ignore[arg-type]
        elif old != new and topic_slug is not None:
            dirty |= {TOPIC_LIST, EVERY_RESOURCE, topic_key(topic_slug)}
    state.records_changed()
    _report(env, state)
    outdated = {doc for doc, keys in domain.shows.items() if keys & dirty}
    return sorted(outdated - removed - added - changed)


def _report(env: BuildEnvironment, state: Collection) -> None:
    """Log every known problem, so an unchanged broken page still fails the build."""
    found = [(doc, p) for doc, problems in state.problems.items() for p in problems]
    found += state.problems_across_pages([doc for doc in env.found_docs if layout.resource_slug(doc) is not None])
    for docname, problem in sorted(found, key=lambda item: (item[0], item[1].line)):
        logger.warning(problem.message, location=(docname, problem.line),
                       **problem.kind.as_warning())


def forget_pages_read(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the pages read ahead are parsed by now; free them."""
    CollectionDomain.of(env).pages_read.clear()


def setup(app: Sphinx) -> None:
    app.add_domain(CollectionDomain)
    app.connect("env-get-outdated", update)
    app.connect("env-updated", forget_pages_read)
