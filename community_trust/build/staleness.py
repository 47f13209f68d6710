"""Which pages a change makes stale: the records refreshed before reading starts.

At ``env-get-outdated`` (main process, before any page is read) the changed resource and topic
pages are read again and the pages showing what changed are returned, by the keys each page
recorded (``CollectionDomain.note_shows``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from community_trust.build.domain import CollectionDomain
from community_trust.pages import layout
from community_trust.pages.packets import Packet
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


def training_key(slug: str) -> str:
    """The questions of resource ``slug``'s "Using it in training" list, which packets quote."""
    return f"training:{slug}"


#: which packets there are, and what their cards say (the packet list)
PACKET_LIST = "packets"


def used_in_key(slug: str) -> str:
    """Which packets use resource ``slug`` (its "Used in the packet …" line)."""
    return f"used-in:{slug}"


def navigation_key(slug: str) -> str:
    """The titles in topic ``slug``'s part of the sidebar."""
    return f"nav:{slug}"


def _changed_keys(old: Resource | None, new: Resource | None) -> set[str]:
    """Keys whose pages must be re-read when a resource goes from old to new."""
    # added or removed, a resource dirties its resource_key, which the packets naming it note too
    training = ({training_key(new.slug)} if old is not None and new is not None and old.training != new.training
                else set())
    if old is not None and new is not None and old.card_view() == new.card_view():
        keys = training | (set() if old.keywords == new.keywords else {CATALOG_DATA})
        return keys if old.revision_view() == new.revision_view() else keys | {REVISIONS}
    keys = {EVERY_RESOURCE, REVISIONS} | training
    for record in (old, new):
        if record is None:
            continue
        keys.add(resource_key(record.slug))
        keys.update(topic_key(t) for t in record.topics)
    if old is None or new is None or (old.title, old.home_topic) != (new.title, new.home_topic):
        keys.update(navigation_key(r.home_topic) for r in (old, new) if r is not None)
    return keys


def _changed_packet_keys(old: Packet | None, new: Packet | None) -> set[str]:
    """Keys whose pages must be re-read when a packet goes from old to new: the packet list, and the
    resources it used or uses (their "Used in the packet …" line)."""
    if old is not None and new is not None and old.view() == new.view():
        return set()
    return {PACKET_LIST} | {used_in_key(slug) for record in (old, new) if record is not None
                            for slug in record.resource_slugs}


def update(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
           removed: set[str]) -> list[str]:
    """``env-get-outdated``: re-read the changed resource and topic pages; return the pages showing them.

    Each page read here is handed to the parser later in this build
    (``CollectionDomain.pages_read``), so its file is read and its front
    matter parsed once per build.
    """
    domain = CollectionDomain.of(env)
    collection = domain.collection
    docs = Path(env.srcdir)
    dirty: set[str] = set()
    for docname in sorted(added | changed | removed):
        resource_slug, topic_slug = layout.resource_slug(docname), layout.topic_slug(docname)
        packet_slug = layout.packet_slug(docname)
        if resource_slug is None and topic_slug is None and packet_slug is None:
            continue
        old = (collection.resources.get(resource_slug) if resource_slug
               else collection.topics.get(topic_slug) if topic_slug else collection.packets.get(packet_slug or ""))
        collection.forget(docname)
        new = None
        if docname not in removed:
            page = read_page(docs, docname)
            domain.pages_read[docname] = page
            collection.keep(page)
            new = page.record
        if resource_slug is not None:
            dirty |= _changed_keys(old, new)  # type: ignore[arg-type]
        elif old != new and topic_slug is not None:
            dirty |= {TOPIC_LIST, EVERY_RESOURCE, topic_key(topic_slug)}
        elif packet_slug is not None:
            dirty |= _changed_packet_keys(old, new)  # type: ignore[arg-type]
    collection.records_changed()
    _report(env, collection)
    outdated = {doc for doc, keys in domain.shows.items() if keys & dirty}
    return sorted(outdated - removed - added - changed)


def _report(env: BuildEnvironment, collection: Collection) -> None:
    """Log every known problem, so an unchanged broken page still fails the build."""
    found = [(doc, p) for doc, problems in collection.problems.items() for p in problems]
    found += collection.problems_across_pages([doc for doc in env.found_docs if layout.resource_slug(doc) is not None])
    for docname, problem in sorted(found, key=lambda item: (item[0], item[1].line)):
        logger.warning(problem.message, location=(docname, problem.line),
                       **problem.kind.as_warning())


def forget_pages_read(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the pages read ahead are parsed by now; free them, and the sidebar's index of the
    toctrees, which the pages just read may change (``site/sidebar`` makes it again when it is needed)."""
    domain = CollectionDomain.of(env)
    domain.pages_read.clear()
    domain.sidebar_tree = None


def setup(app: Sphinx) -> None:
    app.add_domain(CollectionDomain)
    app.connect("env-get-outdated", update)
    app.connect("env-updated", forget_pages_read)
