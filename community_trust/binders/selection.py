"""Which print binders exist, and the settings they share.

Trainers print the collection for ring binders: one PDF of the whole
collection, one per topic and one per training packet. The list follows the
topic and packet pages' front matter, so a new topic or packet needs no change
in conf.py. This module only says what to build; ``binders/assembly`` shapes
each binder's pages, ``binders/builder`` writes them and ``binders/render``
turns them into PDF.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx.config import Config
from sphinx.util import logging

from community_trust.pages.packets import Packet
from community_trust.pages.problems import Kind
from community_trust.pages.schema import Topic
from community_trust.settings import settings_of

logger = logging.getLogger(__name__)

#: file name (without ``.pdf``) of the whole collection; topic binders add their slug
WHOLE_BINDER = "community-trust-resources"
BINDER_PREFIX = "community-trust-"
#: a training packet's binder: this prefix and the packet's file name
PACKET_PREFIX = f"{BINDER_PREFIX}packet-"


@dataclass(frozen=True)
class Binder:
    """One PDF: its file name (no suffix), the page it starts from, its topic."""

    name: str
    root: str
    #: the topic's slug, or ``""`` for the whole collection
    topic: str = ""
    #: the training packet's slug, for a packet's binder
    packet: str = ""


def edition_date() -> datetime.date:
    """The build date, or the one ``SOURCE_DATE_EPOCH`` fixes (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).date()
    if not epoch.isdigit():
        logger.warning("SOURCE_DATE_EPOCH is %r; set it to a whole number of seconds since 1970 "
                       "(for example: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)), or unset it",
                       epoch, **Kind.PRINT.as_warning())
        return datetime.datetime.now(datetime.UTC).date()
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()


def packet_binder_name(slug: str) -> str:
    return f"{PACKET_PREFIX}{slug}"


def all_binders(srcdir: Path, topics: list[Topic], root_doc: str, packets: Sequence[Packet] = ()) -> list[Binder]:
    """The whole collection, one binder per topic (``topics``, in their order), then one per training packet."""
    found = [Binder(WHOLE_BINDER, root_doc)]
    found += [Binder(packet_binder_name(p.slug), p.docname, packet=p.slug) for p in packets]
    for topic in topics:
        name = f"{BINDER_PREFIX}{topic.slug}"
        if name == WHOLE_BINDER:
            logger.warning("this topic's binder would overwrite the whole collection's PDF (%s.pdf); "
                           "give the topic page another file name", WHOLE_BINDER,
                           location=f"{Path(srcdir, topic.docname)}.md:1", **Kind.PRINT.as_warning())
            continue
        found.append(Binder(name, topic.docname, topic.slug))
    return [*found[:1], *(b for b in found if b.topic), *(b for b in found if b.packet)]


def selected_binders(srcdir: Path, topics: list[Topic], config: Config,
                     packets: Sequence[Packet] = ()) -> list[Binder]:
    """The binders ``ctr_binders`` names (all when empty); an unknown name is an error."""
    binders = all_binders(srcdir, topics, config.root_doc, packets)
    wanted = [name.strip().removesuffix(".pdf") for name in settings_of(config).binders.split(",") if name.strip()]
    if not wanted:
        return binders
    known = {binder.name: binder for binder in binders}
    for name in wanted:
        if name not in known:
            logger.warning("there is no binder %r; choose from %s (ctr_binders)", name,
                           ", ".join(sorted(known)), **Kind.PRINT.as_warning())
    return [known[name] for name in wanted if name in known]

