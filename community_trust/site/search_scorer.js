/*
 * Community Trust Resources: the search scorer (Sphinx's html_search_scorer).
 *
 * Sphinx's default weights, unchanged, plus one rule for pages found through
 * their words. Sphinx scores such a page by its best word only (15 when one
 * query word is a heading word or, through community_trust/search.py, a
 * keyword word; 5 when all are in its text), so a page that shares one word
 * with the question ties with the resource whose keywords answer all of it.
 * Here such a page gains one point for each further query word that its
 * title or its main index entries (a resource's keywords) contain: the page
 * that is about more of the question comes first. Section headings shared
 * by every resource page ("Related resources") do not count. Index entries
 * (a whole keyword typed as the query) still rank first.
 */
var Scorer = {
  // Sphinx's defaults (sphinx/themes/basic/static/searchtools.js)
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // the query's words, split, filtered and stemmed as searchtools.js does
  _words: (query) => {
    const stemmer = new Stemmer();
    return [...new Set(
      splitQuery(query.trim())
        .map((word) => word.toLowerCase())
        .filter((word) => !stopwords.has(word) && !/^\d+$/.test(word))
        .map((word) => stemmer.stemWord(word)),
    )];
  },

  // the words a page says it is about: its title and its main index entries
  // (on resource pages, the keywords), stemmed; computed once per page
  _aboutWords: new Map(),
  _pageWords: (file) => {
    if (!Scorer._aboutWords.has(file)) {
      const index = Search._index;
      const texts = [index.titles[file]];
      for (const [entry, pages] of Object.entries(index.indexentries)) {
        if (pages.some(([page, _id, isMain]) => page === file && isMain)) texts.push(entry);
      }
      Scorer._aboutWords.set(file, new Set(texts.flatMap(Scorer._words)));
    }
    return Scorer._aboutWords.get(file);
  },

  // how many words of the query (read from the search page's address) the page is about
  _wordsMatched: (docname) => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const index = Search._index;
    const file = index ? index.docnames.indexOf(docname) : -1;
    if (!query || file < 0) return 0;
    const about = Scorer._pageWords(file);
    return Scorer._words(query).filter((word) => about.has(word)).length;
  },

  score: (result) => {
    const [docname, _title, _anchor, _descr, score, _filename, kind] = result;
    if (kind !== "text" || score < Scorer.title) return score;
    return score + Math.max(Scorer._wordsMatched(docname) - 1, 0);
  },
};
