"""Which print binders exist, and the settings they share.

Trainers print the collection for ring binders: one PDF of the whole
collection and one per topic. The list follows the topic pages' front
matter, so a new topic needs no change in conf.py. This module only says
what to build; ``print_assembly`` shapes each binder's pages,
``print_builder`` writes them and ``pdf_render`` turns them into PDF.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .schema import Topic

logger = logging.getLogger(__name__)

#: file name (without ``.pdf``) of the whole collection; topic binders add their slug
WHOLE_BINDER = "community-trust-resources"
BINDER_PREFIX = "community-trust-"
#: ``ctr_paper_size`` → (CSS page size, name printed on the back of the title page)
PAPER_SIZES = {"letter": ("letter", "US Letter"), "a4": ("A4", "A4")}
#: the fonts the binders are set in (Debian's fonts-freefont-otf); a character
#: none of them has fails the build rather than print in a stand-in font
DEFAULT_FONTS = {"text": "FreeSerif", "headings": "FreeSans", "code": "FreeMono"}


@dataclass(frozen=True)
class Binder:
    """One PDF: its file name (no suffix), the page it starts from, its topic."""

    name: str
    root: str
    #: the topic's slug, or ``""`` for the whole collection
    topic: str = ""


def edition_date() -> datetime.date:
    """The build date, or the one ``SOURCE_DATE_EPOCH`` fixes (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).date()
    if not epoch.isdigit():
        logger.warning("SOURCE_DATE_EPOCH is %r; set it to a whole number of seconds since 1970 "
                       "(for example: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)), or unset it",
                       epoch, type="community_trust", subtype="print")
        return datetime.datetime.now(datetime.UTC).date()
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()


def paper(config: Config) -> tuple[str, str]:
    """(CSS page size, printed name) of ``ctr_paper_size``."""
    return PAPER_SIZES.get(str(config.ctr_paper_size).strip().lower(), PAPER_SIZES["letter"])


def fonts(config: Config) -> dict[str, str]:
    return {**DEFAULT_FONTS, **(config.ctr_print_fonts or {})}


def all_binders(srcdir: Path, topics: list[Topic], root_doc: str) -> list[Binder]:
    """The whole collection, then one binder per topic (``topics``, in their order)."""
    found = [Binder(WHOLE_BINDER, root_doc)]
    for topic in topics:
        name = f"{BINDER_PREFIX}{topic.slug}"
        if name == WHOLE_BINDER:
            logger.warning("this topic's binder would overwrite the whole collection's PDF (%s.pdf); "
                           "give the topic page another file name", WHOLE_BINDER,
                           location=f"{Path(srcdir, topic.docname)}.md:1", type="community_trust", subtype="print")
            continue
        found.append(Binder(name, topic.docname, topic.slug))
    return found


def selected_binders(srcdir: Path, topics: list[Topic], config: Config) -> list[Binder]:
    """The binders ``ctr_binders`` names (all when empty); an unknown name is an error."""
    binders = all_binders(srcdir, topics, config.root_doc)
    wanted = [name.strip().removesuffix(".pdf") for name in str(config.ctr_binders).split(",") if name.strip()]
    if not wanted:
        return binders
    known = {binder.name: binder for binder in binders}
    for name in wanted:
        if name not in known:
            logger.warning("there is no binder %r; choose from %s (ctr_binders)", name,
                           ", ".join(sorted(known)), type="community_trust", subtype="print")
    return [known[name] for name in wanted if name in known]


def check_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: a wrong paper size is named with the fix, not ignored."""
    if str(config.ctr_paper_size).strip().lower() not in PAPER_SIZES:
        logger.warning("the paper size is %r; use 'letter' (the default) or 'a4', for example: "
                       "CTR_PAPER_SIZE=a4 make pdf", config.ctr_paper_size,
                       type="community_trust", subtype="print")


def setup(app: Sphinx) -> None:
    app.add_config_value("ctr_paper_size", "letter", "", types=frozenset({str}))
    app.add_config_value("ctr_print_fonts", {}, "", types=frozenset({dict}))
    #: comma-separated binder names to build (default: all), e.g. -D ctr_binders=community-trust-use-of-force
    app.add_config_value("ctr_binders", "", "", types=frozenset({str}))
    app.connect("config-inited", check_settings)
