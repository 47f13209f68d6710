"""Atom feeds of what is new: one for the whole collection, one per topic.

Written by ``feedgen`` (a maintained feed library) from the records only, an entry per resource,
and only when the collection's address is known (``CTR_BASE_URL``): a feed needs absolute
addresses. What an entry holds, and which pages link which feed: ARCHITECTURE.md, "What's new
and the feeds".
"""

from __future__ import annotations

import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from community_trust.build.domain import collection_of
from community_trust.build.output import Output, output_of
from community_trust.build.whats_new import COLLECTION_FEED, newest_first
from community_trust.pages import layout
from community_trust.pages.schema import COLLECTION_BEGAN, Resource, Topic
from community_trust.settings import base_address

logger = logging.getLogger(__name__)

FOLDER = "feeds"
MEDIA_TYPE = "application/atom+xml"
NOT_WRITTEN = ("the Atom feeds are not written: a feed needs the collection's absolute address, "
               "which is not set; set CTR_BASE_URL (as for the sitemap) to write them")


def topic_feed(slug: str) -> str:
    return f"{FOLDER}/{slug}.atom"


def _moment(date: str) -> datetime.datetime:
    """A day as the start of that day, UTC (Atom dates are date-times)."""
    return datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC)


def updated_of(resource: Resource) -> str:
    """The later of the day it was added and the day its page was last reviewed."""
    return max(resource.added, resource.reviewed)


def feed_xml(title: str, subtitle: str, feed_url: str, page_url: str, author: str,
             resources: list[Resource], page_of: dict[str, str], topics: dict[str, Topic]) -> bytes:
    """One Atom feed of ``resources`` (newest first), each linked to its page's absolute address."""
    from feedgen.feed import FeedGenerator  # the feed library only when feeds are written

    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": author})
    feed.link(href=page_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language("en")
    latest = max((updated_of(r) for r in resources), default="")
    feed.updated(_moment(latest) if latest else _moment(COLLECTION_BEGAN))
    for resource in resources:
        address = page_of[resource.slug]
        entry = feed.add_entry(order="append")
        entry.id(address)
        entry.title(resource.title)
        entry.link(href=address, rel="alternate")
        summary = resource.description
        if resource.status:
            summary = f"{resource.status_label}. {summary}"
        entry.summary(summary)
        entry.published(_moment(resource.added))
        entry.updated(_moment(updated_of(resource)))
        for slug in resource.topics:
            if slug in topics:
                entry.category(term=slug, label=topics[slug].title)
        if resource.status:
            entry.category(term=resource.status, label=resource.status_label)
    return feed.atom_str(pretty=True)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the collection's feed and each topic's, when the base address is known."""
    if exception is not None or output_of(app.builder) is not Output.SITE or app.builder.name == "singlehtml":
        return
    base = base_address(app.config)
    if not base:
        logger.info(NOT_WRITTEN)
        return
    state = collection_of(app.env)
    builder = app.builder
    page_of = {r.slug: urljoin(base, builder.get_target_uri(r.docname)) for r in state.resources.values()}
    author = app.config.author
    project = app.config.project
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(exist_ok=True)
    resources = newest_first(list(state.resources.values()))
    wanted = {Path(COLLECTION_FEED).name}
    _write(Path(app.outdir) / COLLECTION_FEED, feed_xml(
        f"{project}: what is new", "Resources as they enter the collection, and pages revised since.",
        urljoin(base, COLLECTION_FEED), urljoin(base, builder.get_target_uri("whats-new")
                                                if "whats-new" in app.env.found_docs else ""),
        author, resources, page_of, state.topics))
    for topic in state.sorted_topics():
        members = newest_first(state.resources_in(topic.slug))
        wanted.add(Path(topic_feed(topic.slug)).name)
        _write(Path(app.outdir) / topic_feed(topic.slug), feed_xml(
            f"{project}: {topic.title}", f"New resources on {topic.title}, and pages revised since.",
            urljoin(base, topic_feed(topic.slug)), urljoin(base, builder.get_target_uri(topic.docname)),
            author, members, page_of, state.topics))
    for stale in folder.iterdir():  # a topic removed since the last build
        if stale.name not in wanted:
            stale.unlink()


def _write(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def feed_links(app: Sphinx, pagename: str, templatename: str,
               context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the feeds a page belongs to, in its head."""
    base = base_address(app.config)
    if not base or output_of(app.builder) is not Output.SITE or app.builder.name == "singlehtml":
        return
    state = collection_of(app.env)
    links = [(f"{app.config.project}: what is new", COLLECTION_FEED)]
    topic = layout.topic_slug(pagename)
    resource_slug = layout.resource_slug(pagename)
    if resource_slug is not None and resource_slug in state.resources:
        topic = state.resources[resource_slug].home_topic
    if topic is not None and topic in state.topics:
        links.append((f"{app.config.project}: {state.topics[topic].title}", topic_feed(topic)))
    tags = "".join(f'\n<link rel="alternate" type="{MEDIA_TYPE}" title="{escape(title)}" '
                   f'href="{escape(urljoin(base, target))}">' for title, target in links)
    context["metatags"] = (context.get("metatags") or "") + tags


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_feeds)
    app.connect("html-page-context", feed_links)
