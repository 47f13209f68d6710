/*
 * Community Trust Resources: the search page's results (community_trust/site/search.py).
 *
 * Loaded deferred, after Sphinx's searchtools.js and before the search runs.
 * - One result per page: Sphinx lists a page once for each way it matched
 *   (a keyword, a title, the text); the page keeps its best-placed result, so
 *   the order of pages is Sphinx's (and the collection's scorer's).
 * - Under each result, what the page is: its description and, for a
 *   resource, its type, year and access, read from the search index (so it
 *   works from a folder too, where fetching pages is not allowed).
 */
(() => {
  "use strict";
  if (typeof Search === "undefined") return;
  const SUMMARIES = "ctr_summaries";
  // the resource's keyword index entries point at this anchor under the title; link the page itself
  const KEYWORDS_ANCHOR = "#keywords";

  const search = Search._performSearch;
  Search._performSearch = (...args) => {
    // Sphinx shows the results from the last to the first: keep each page's last entry
    const results = search(...args);
    const seen = new Set();
    const kept = [];
    for (let index = results.length - 1; index >= 0; index -= 1) {
      const result = results[index];
      if (seen.has(result[0])) continue;
      seen.add(result[0]);
      if (result[2] === KEYWORDS_ANCHOR) result[2] = "";
      kept.push(result);
    }
    return kept.reverse();
  };

  const docnameOf = (link) => {
    const suffix = DOCUMENTATION_OPTIONS.LINK_SUFFIX || ".html";
    const address = link.getAttribute("href").split("#")[0];
    return address.endsWith(suffix) ? address.slice(0, -suffix.length) : address;
  };

  const paragraph = (className, texts) => {
    const element = document.createElement("p");
    element.className = className;
    texts.forEach((text) => element.appendChild(document.createElement("span")).append(text));
    return element;
  };

  const describe = (item) => {
    const link = item.querySelector(":scope > a");
    const summaries = Search._index && Search._index[SUMMARIES];
    if (!link || !summaries || item.dataset.described) return;
    item.dataset.described = "true";
    const summary = summaries[docnameOf(link)];
    if (!summary) return;
    if (summary.description) item.append(paragraph("context", [summary.description]));
    if (summary.facts) item.append(paragraph("ctr-result-facts", summary.facts));
  };

  const results = document.getElementById("search-results");
  if (!results) return;
  new MutationObserver((changes) => {
    changes.forEach((change) => change.addedNodes.forEach((node) => {
      if (node.nodeName === "LI" && node.parentElement && node.parentElement.matches("ul.search")) describe(node);
    }));
  }).observe(results, { childList: true, subtree: true });
})();
