"""Search that knows what each resource is about: its keywords count like its title.

Sphinx's search (``searchtools.js``, which furo uses unchanged) ranks a page
in three tiers: a main index entry that contains the whole query scores up
to 100, a word of a page's title 15, a word of its body 5. A page must hold
every word of the query, and of several words the best one sets the score.

The front matter's ``keywords`` already become main index entries
(``resource_page.ResourceFacts.keyword_index``), but an index entry matches
only when the *whole* query is a substring of it and at least half its
length: "police shootings" finds the keyword "police shootings", yet
"shooting investigation protocol" or "OIS" inside a longer question find
nothing, because the keywords' words are in no other part of the index.
Readers also search with words the prose does not use ("car chases",
"protests"), which is exactly what keywords are for.

So after Sphinx has written ``searchindex.js`` we add every word of every
keyword of a resource to that page's *title* words (and to its text words,
so that Sphinx's partial-word matching cannot lower the score again). The
words are split and stemmed by the indexer's own search language, the rules
Sphinx applies to titles, so "shootings" and "shooting" meet as in the rest
of the index. The result:

- one or more keyword words anywhere in a query now reach the resource, and
  all of them together rank it in the title tier, above pages that merely
  mention the words;
- a whole keyword typed as a query still ranks first through its index entry.

``html_search_scorer`` (:data:`SCORER`, ``search_scorer.js``) then breaks
the title tier's ties, which Sphinx leaves to the alphabet: a page found
through its words gains a point for each further query word that its title
or its main index entries (a resource's keywords) contain, so the resource
that is about more of the question outranks a page that shares one word
with it. The scorer reads only what ``searchindex.js`` already holds.

Two more things readers see, in ``theme/static/search-results.js`` (added to
the search page only):

- **One result per page.** Sphinx lists a page once per way it matched (a
  keyword's index entry, a title, the text), so "protest" listed the two
  crowd-management pages twice. The script keeps each page's best-placed
  result; the ranking of pages is unchanged.
- **A snippet that says what the page is.** Sphinx's snippet is the page's
  text around the first query word, fetched page by page (which fails from a
  folder), and on a resource page it began with the review date. Instead
  the index carries each page's front-matter ``description`` and, for a
  resource, its type, year and access (:func:`page_summaries`, under
  :data:`SUMMARIES_KEY`), and the script writes them under each result;
  Sphinx's own fetching is switched off (``html_show_search_summary``).

Why rewrite the written index rather than hook the indexer: Sphinx creates
its ``IndexBuilder`` inside the HTML builder with no extension point for
extra title words, and the attributes that hold them are private. The
searchindex format (``sphinx.search.js_index``) is what the browser reads
and is stable across Sphinx releases; the change is idempotent, so an
incremental build that reloads the index and rewrites it stays correct.
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
    resources = {r.docname: r for r in collection_of(app.env).resources.values()}
    summaries: dict[str, dict[str, Any]] = {}
    for docname in docnames:
        summary: dict[str, Any] = {}
        description = str(app.env.metadata.get(docname, {}).get("description", "")).strip()
        if description:
            summary["description"] = description
        resource = resources.get(docname)
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
