"""Search that knows what each resource is about: its keywords count like its title.

After Sphinx writes ``searchindex.js``, every keyword's words join the page's title words, and
the index carries each page's snippet facts; ``search_scorer.js`` breaks ties. Why the written
index is rewritten, and how the tiers rank: ARCHITECTURE.md, "Search ranking".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage
from sphinx.util import logging

from community_trust.build.domain import collection_of
from community_trust.build.output import Output, output_of
from community_trust.pages.schema import ACCESS_LEVELS, RESOURCE_TYPES

logger = logging.getLogger(__name__)

#: The scorer file Sphinx inlines into ``language_data.js``.
SCORER = Path(__file__).with_name("search_scorer.js")
#: the search page's own script (theme/static): one result per page, the snippets
RESULTS_SCRIPT = "search-results.js"
#: where the snippets live in ``searchindex.js`` (Sphinx ignores keys it does not know)
SUMMARIES_KEY = "ctr_summaries"
UNKNOWN_YEAR = "year not known"


def keyword_words(keywords: tuple[str, ...] | list[str], lang: SearchLanguage) -> set[str]:
    """The index words of ``keywords``, split, stemmed and filtered the way
    Sphinx's indexer treats the words of a page title."""
    words: set[str] = set()
    for keyword in keywords:
        for word in lang.split(keyword):
            stemmed = lang.stem(word).lower()
            if lang.word_filter(stemmed):
                words.add(stemmed)
            elif lang.word_filter(word.lower()):
                words.add(word.lower())
    return words


def _add(mapping: dict[str, Any], word: str, number: int) -> None:
    """Add document ``number`` to ``word`` in Sphinx's compact layout
    (one document: a number; several: a sorted list)."""
    present = mapping.get(word)
    if present is None:
        mapping[word] = number
        return
    documents = {present} if isinstance(present, int) else set(present)
    documents.add(number)
    mapping[word] = next(iter(documents)) if len(documents) == 1 else sorted(documents)


def weight_keywords(index: dict[str, Any], keywords: dict[str, tuple[str, ...]],
                    lang: SearchLanguage) -> dict[str, Any]:
    """Make every keyword word of each page (``docname`` → keywords) one of
    that page's title words in the frozen search ``index``. Idempotent."""
    numbers = {docname: number for number, docname in enumerate(index["docnames"])}
    for docname, page_keywords in sorted(keywords.items()):
        number = numbers.get(docname)
        if number is None:  # a page left out of search (``nosearch``)
            continue
        for word in sorted(keyword_words(page_keywords, lang)):
            _add(index["titleterms"], word, number)
            _add(index["terms"], word, number)
    return index


def page_summaries(app: Sphinx, docnames: list[str]) -> dict[str, dict[str, Any]]:
    """Each indexed page's description and, for a resource, its type, year and access."""
    collection = collection_of(app.env)
    summaries: dict[str, dict[str, Any]] = {}
    for docname in docnames:
        summary: dict[str, Any] = {}
        description = str(app.env.metadata.get(docname, {}).get("description", "")).strip()
        if description:
            summary["description"] = description
        resource = collection.resource_at(docname)
        if resource is not None:
            summary["description"] = resource.description
            summary["facts"] = [RESOURCE_TYPES[resource.type], resource.year or UNKNOWN_YEAR,
                                ACCESS_LEVELS[resource.access]]
            if resource.status:  # first: a reader must not take replaced guidance for current
                summary["facts"].insert(0, resource.status_label)
        if summary:
            summaries[docname] = summary
    return summaries


def rewrite_search_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: add the keywords and the snippets to the index the HTML builder wrote."""
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if exception is not None or indexer is None or output_of(builder) is not Output.SITE:
        return
    path = Path(builder.outdir) / builder.searchindex_filename  # type: ignore[attr-defined]
    if not path.is_file():
        return
    index_format = builder.indexer_format  # type: ignore[attr-defined]
    index = index_format.loads(path.read_text(encoding="utf-8"))
    keywords = {r.docname: r.keywords for r in collection_of(app.env).resources.values()}
    index = weight_keywords(index, keywords, indexer.lang)
    index[SUMMARIES_KEY] = page_summaries(app, index["docnames"])
    path.write_text(index_format.dumps(index), encoding="utf-8")


def add_results_script(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the results script, on the search page only. Deferred, it
    runs after Sphinx's ``searchtools.js`` and before the search starts."""
    if pagename == "search":
        app.add_js_file(RESULTS_SCRIPT, defer="defer")


def use_scorer(app: Sphinx, config: Config) -> None:
    """``config-inited``: the collection's scorer, unless conf.py names another."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_scorer)
    app.connect("build-finished", rewrite_search_index)
    app.connect("html-page-context", add_results_script)
