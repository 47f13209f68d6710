"""Which other pages an edit to a resource's front matter sends back to be read
(``collection._changed_keys``), without a build.

Every page records the keys of the generated content it shows; an
incremental build re-reads the pages whose keys an edit dirties. Too few keys
and a page shows stale cards; too many and one edit rebuilds the site.
"""

from __future__ import annotations

import dataclasses

import pytest

from community_trust.build.staleness import (
    CATALOG_DATA,
    EVERY_RESOURCE,
    REVISIONS,
    _changed_keys,
    navigation_key,
    resource_key,
    topic_key,
)
from community_trust.pages.schema import Resource, Source

#: a resource filed under two topics, its home first
RECORD = Resource(
    slug="listening-sessions", title="Listening Sessions: A Guide for Trainers", description="A guide for trainers.",
    type="guide", topics=("accountability", "civil-rights"), access="public",
    keywords=("listening sessions", "resident feedback", "town halls"),
    sources=(Source("The publisher's page", "https://www.example.org/", "the title"),), reviewed="2026-01-01",
    publisher="Example Training Institute", date="2015-03", date_kind="published",
    url="https://www.example.org/listening-sessions.pdf", verified="2026-01-01", verified_by="source-notes",
    added="2026-01-01")

#: what every card-visible change dirties: cards of it everywhere, its topics' lists
CARD_KEYS = {EVERY_RESOURCE, REVISIONS, resource_key("listening-sessions"), topic_key("accountability"),
             topic_key("civil-rights")}


def edited(**changes: object) -> Resource:
    return dataclasses.replace(RECORD, **changes)


def test_no_change_dirties_nothing() -> None:
    assert _changed_keys(RECORD, edited()) == set()


@pytest.mark.parametrize("changes", [
    {"sources": (Source("Another page", "https://www.example.org/other", "the title"),)},
    {"date": "2015-04"},  # the same year: cards and the catalogue show the year only
    {"verified": "2026-06-01", "verified_by": "link-check"},
    {"pages": 40},
], ids=["sources", "month", "verified", "pages"])
def test_a_change_only_its_own_page_shows_dirties_no_other_page(changes: dict[str, object]) -> None:
    assert _changed_keys(RECORD, edited(**changes)) == set()


@pytest.mark.parametrize("changes", [{"reviewed": "2026-06-01"}, {"review_note": "the length was corrected"}],
                         ids=["reviewed", "review note"])
def test_a_new_review_dirties_the_whats_new_page_only(changes: dict[str, object]) -> None:
    assert _changed_keys(RECORD, edited(**changes)) == {REVISIONS}


def test_a_keyword_only_change_dirties_the_catalogue_data_only() -> None:
    assert _changed_keys(RECORD, edited(keywords=(*RECORD.keywords, "community meetings"))) == {CATALOG_DATA}


@pytest.mark.parametrize("changes", [
    {"description": "A guide for trainers who meet residents."},
    {"type": "report"},
    {"date": "2016-03"},  # another year
    {"publisher": "Another Institute"},
    {"access": "members-only"},
    {"url": ""},  # the access shown becomes "no public copy verified"
    {"short_title": "Listening Sessions"},  # the label on cards; the title and the file name stay
    {"status": "withdrawn"},  # cards, the catalogue and search say it
    {"added": "2026-02-01"},  # the catalogue's Added column and What's new
], ids=["description", "type", "year", "publisher", "access", "address", "short title", "status", "added"])
def test_a_card_visible_change_dirties_its_cards_and_topic_lists(changes: dict[str, object]) -> None:
    new = edited(**changes)
    assert new.card_view() != RECORD.card_view()  # the premise
    assert _changed_keys(RECORD, new) == CARD_KEYS


def test_a_new_title_also_dirties_its_home_topics_sidebar() -> None:
    assert _changed_keys(RECORD, edited(title="Listening Sessions: A Guide for Officers")) == CARD_KEYS | {
        navigation_key("accountability")}


def test_a_new_home_topic_dirties_both_sidebars() -> None:
    moved = edited(topics=("civil-rights", "accountability"))
    assert _changed_keys(RECORD, moved) == CARD_KEYS | {navigation_key("accountability"),
                                                        navigation_key("civil-rights")}


def test_a_topic_added_dirties_the_lists_of_the_old_and_new_topics() -> None:
    widened = edited(topics=(*RECORD.topics, "use-of-force"))
    assert _changed_keys(RECORD, widened) == CARD_KEYS | {topic_key("use-of-force")}


def test_a_topic_removed_dirties_the_list_it_left() -> None:
    narrowed = edited(topics=("accountability",))
    assert _changed_keys(RECORD, narrowed) == CARD_KEYS  # civil-rights, the one it left, included


@pytest.mark.parametrize(("old", "new"), [(None, RECORD), (RECORD, None)], ids=["added", "removed"])
def test_an_added_or_removed_resource_dirties_its_cards_lists_and_sidebar(old: Resource | None,
                                                                         new: Resource | None) -> None:
    assert _changed_keys(old, new) == CARD_KEYS | {navigation_key("accountability")}

