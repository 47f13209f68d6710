"""The page rules inside the build: each problem fails the strict build at its line.

The rules are ``pages/rules`` (shared with the lint); this module runs them on the tokens each
page is rendered from, refuses raw output that reached a doctree by another route, and reads a
failing page again next build until it is fixed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from community_trust.build.domain import CollectionDomain
from community_trust.pages import layout, published
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Kind, Problem
from community_trust.pages.reader import Page

logger = logging.getLogger(__name__)

#: raw nodes MyST itself makes for a hard line break (a line ending in a backslash)
SAFE_RAW = {("html", "<br />\n"), ("latex", "\\\\\n")}


def check_parsed_page(env: BuildEnvironment, page: Page, md: MarkdownIt, tokens: list[Token],
                      docs: Path) -> bool:
    """Report every problem of a page at its line, on the tokens MyST is about to render.

    Returns whether the page's body may be rendered: a page that reaches for a
    file outside docs/ (``page_rules.reads_files``) is rendered without it, so
    the build reads nothing it names.
    """
    problems = [page.byte_problem] if page.byte_problem else []
    if (misplaced := page_rules.placement_problem(page.docname)) is not None:
        problems.append(misplaced)
    if page_rules.navigation_page(page.docname):
        # the front matter of a page that is not a resource or a topic (those are reported with
        # the records, by ``staleness``): reported here, the same as the lint reports it
        problems += page.problems
    if page.readable:
        problems += page_rules.check_page(page.docname, page.text, md, members_only=page.members_only,
                                          docs=docs, tokens=tokens, packet_length=page.packet_length)
    for problem in problems:
        logger.warning(problem.message, location=(page.docname, problem.line),
                       **problem.kind.as_warning())
    domain = CollectionDomain.of(env)
    domain.note_problems(page.docname, problems)
    placeholders = page_rules.placeholders(page.text) if page.readable else []
    if placeholders:
        domain.placeholders[page.docname] = (len(placeholders), placeholders[0].line)
    return page.readable and not any(page_rules.withholds_body(p) for p in problems)


def refuse_unseen_raw(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: raw output that reached a page by a route the text rules do not see.

    A page that already has a problem fails the build anyway; one message is enough.
    """
    env = app.env
    domain = CollectionDomain.of(env)
    unsafe = [node for node in doctree.findall(nodes.raw) if (node.get("format"), node.astext()) not in SAFE_RAW]
    if unsafe and env.docname not in domain.failing:
        logger.warning(page_rules.raw_html_message(unsafe[0].astext()), location=unsafe[0],
                       **Kind.PAGE.as_warning())
        domain.failing.add(env.docname)
    for node in unsafe:  # never written, even by a build that goes on (--keep-going)
        node.parent.remove(node)


def report_placeholders(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: list the pages that still hold placeholders, last, where they are seen.

    Not a warning: a page fresh from ``make new-resource`` must build; the
    lint (and so CI) refuses it until the placeholders are replaced.
    """
    if exception is not None:
        return
    for docname, (count, line) in sorted(CollectionDomain.of(app.env).placeholders.items()):
        logger.info(page_rules.placeholder_message(count), location=(docname, line))


def read_again(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
               removed: set[str]) -> list[str]:
    """``env-get-outdated``: pages that had problems are checked again, changed or not."""
    return sorted(CollectionDomain.of(env).failing - removed - added - changed)


def _location(env: BuildEnvironment, problem: Problem) -> tuple[str, int] | str:
    """A page's problem at its docname (as every page problem), a record's at its file."""
    docs = Path(env.srcdir)
    if problem.path is not None and problem.path.suffix == layout.SUFFIX:
        return layout.docname_of(docs, problem.path), problem.line
    return f"{problem.path}:{problem.line}"


def report_published(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    """``env-get-outdated``: every problem of the record, every build (the files are not pages)."""
    slugs = [slug for doc in env.found_docs if (slug := layout.resource_slug(doc)) is not None]
    for problem in published.check(Path(env.srcdir), slugs):
        logger.warning(problem.message, location=_location(env, problem), **problem.kind.as_warning())
    return []


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", refuse_unseen_raw)
    app.connect("env-get-outdated", read_again)
    app.connect("env-get-outdated", report_published)
    app.connect("build-finished", report_placeholders)
