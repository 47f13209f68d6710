"""Topic navigation: the home page's topic cards and each topic's resource list.

A resource sits in the toctree of its first (home) topic only: a page in two
toctrees gets one parent picked silently and prints once in a PDF. Its other
topics show it as a card, which is a cross-reference, not navigation.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from community_trust.build import cards
from community_trust.build.markup import CollectionDirective, hidden_toctree
from community_trust.build.staleness import TOPIC_LIST, navigation_key, topic_key
from community_trust.pages import layout


class TopicCards(CollectionDirective):
    """``{topic-cards}``: one card per topic, and the topics' toctree."""

    def run(self) -> list[nodes.Node]:
        collection = self.collection
        topics = collection.sorted_topics()
        self.shows(TOPIC_LIST, *(topic_key(t.slug) for t in topics))
        toctree = hidden_toctree([t.docname for t in topics], self.env.docname, caption="Topics")
        self.set_source_info(toctree[0])
        return [toctree, cards.grid(cards.topic_card(t, len(collection.resources_in(t.slug))) for t in topics)]


class TopicResources(CollectionDirective):
    """``{topic-resources}`` on a topic page: its resources as cards, home ones in its toctree."""

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        slug = layout.topic_slug(docname)
        if slug is None:
            return self.problem("'topic-resources' belongs on a topic page in docs/topics/; remove it here")
        collection = self.collection
        # every topic's navigation: a topic page's previous/next links reach into its neighbours
        self.shows(topic_key(slug), TOPIC_LIST, *(navigation_key(t) for t in collection.topics))
        home = collection.home_resources(slug)
        elsewhere = [r for r in collection.resources_in(slug) if r.home_topic != slug]
        toctree = hidden_toctree([r.docname for r in home], docname)
        self.set_source_info(toctree[0])
        parts: list[nodes.Node] = [toctree]
        if home:
            parts.append(cards.grid(cards.resource_card(r) for r in home))
        if elsewhere:
            parts.append(nodes.paragraph("", "Also relevant here, filed under another topic:"))
            parts.append(cards.grid(
                cards.resource_card(r, note=f"filed under {collection.topics[r.home_topic].title}"
                                    if r.home_topic in collection.topics else "")
                for r in elsewhere))
        if not home and not elsewhere:
            parts.append(nodes.paragraph("", "No resource is filed under this topic yet."))
        return parts


def setup(app: Sphinx) -> None:
    app.add_directive("topic-cards", TopicCards)
    app.add_directive("topic-resources", TopicResources)
