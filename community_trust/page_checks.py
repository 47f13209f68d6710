"""The page rules inside the build: each problem fails the strict build at its line.

The rules themselves live in ``page_rules`` (no Sphinx), so ``nox -s lint``
and the build give the same message for the same mistake. This module only
runs them on each page before it is parsed, and adds one guard the text
rules cannot give: any ``raw`` node left in a page's doctree (raw HTML
reached through a route the text rules do not see) fails the build too. A
pull request must not be able to put a script or a style into the published
site, nor a file of the machine that builds it.

A page with problems is read again on the next build (``env-get-outdated``),
so an incremental build, such as ``make live``, keeps failing until the page
is fixed instead of passing because the page did not change.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import frontmatter, page_rules
from . import source as page_source

logger = logging.getLogger(__name__)

#: raw nodes MyST itself makes for a hard line break (a line ending in a backslash)
SAFE_RAW = {("html", "<br />\n"), ("latex", "\\\\\n")}


#: parsers by MyST settings, made once per process (kept out of the pickled environment)
_PARSERS: dict[str, MarkdownIt] = {}


def _parser(env: BuildEnvironment) -> MarkdownIt:
    """The page-rule parser for this build's MyST settings."""
    config = env.myst_config  # type: ignore[attr-defined]
    key = repr(config)
    if key not in _PARSERS:
        _PARSERS[key] = page_rules.markdown_parser(config)
    return _PARSERS[key]


class PageCheckData:
    """What the environment keeps for the page rules (pickled with it)."""

    def __init__(self) -> None:
        #: pages that had problems: read again on the next build
        self.problems: set[str] = set()
        #: docname → (number of placeholders, line of the first)
        self.placeholders: dict[str, tuple[int, int]] = {}


def data(env: BuildEnvironment) -> PageCheckData:
    if not hasattr(env, "ctr_page_checks"):
        env.ctr_page_checks = PageCheckData()  # type: ignore[attr-defined]
    return env.ctr_page_checks  # type: ignore[attr-defined]


def stand_in_for_broken_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: one mistake, one message.

    When a page's front matter cannot be read, MyST loses the page title too
    and then warns that every section heading "starts at H2, not H1", burying
    the real problem (reported by ``collection`` at its line). The text handed
    to the parser gets a stand-in block of the same number of lines instead;
    the file is not touched and every line number stays right.
    """
    text = source[0]
    try:
        frontmatter.parse(text)
        return
    except frontmatter.FrontMatterError:
        pass
    try:
        _, length = frontmatter.split(text)
    except frontmatter.FrontMatterError:
        return  # a block that never ends: nothing to stand in for
    source[0] = _stand_in(docname, length, text)


def _stand_in(docname: str, length: int, text: str) -> str:
    """``text`` with its first ``length`` lines replaced by a front matter holding only a title."""
    lines = text.splitlines(keepends=True)
    stand_in = ["---\n", f"title: {json.dumps(docname)}\n", *["\n"] * (length - 3), "---\n"]
    return "".join(stand_in + lines[length:])


def check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: report every page-rule problem at its line, before the page is parsed.

    The page's bytes are read and decoded here (``source``), so a page that is
    not UTF-8 is reported at the line of its first bad byte. A page that
    reaches for a file outside docs/ (``page_rules.reads_files``) is parsed
    with its body left blank: the build reads nothing it names, and its line
    numbers stay right.
    """
    env = app.env
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return
    page = page_source.read(path)
    problems = [page.problem] if page.problem else []
    if not page.readable:  # its one problem says it all; nothing of it is parsed
        source[0] = _stand_in(docname, 0, "")
    else:
        problems += page_rules.check_page(docname, page.text, _parser(env), docs=Path(env.srcdir))
    for problem in problems:
        logger.warning(problem.message, location=(docname, problem.line),
                       type="community_trust", subtype="page")
    state = data(env)
    if problems:
        state.problems.add(docname)
    if any(page_rules.reads_files(p) for p in problems):
        source[0] = _blank_body(source[0])
    placeholders = page_rules.placeholders(page.text)
    if placeholders:
        state.placeholders[docname] = (len(placeholders), placeholders[0].line)


def _blank_body(text: str) -> str:
    """``text`` with every line after the front matter made empty (the line count stays)."""
    try:
        _, length = frontmatter.split(text)
    except frontmatter.FrontMatterError:
        length = 0
    lines = text.splitlines(keepends=True)
    return "".join(lines[:length]) + "\n" * (len(lines) - length)


def refuse_unseen_raw(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: raw output that reached a page by a route the text rules do not see.

    A page that already has a problem fails the build anyway; one message is enough.
    """
    env = app.env
    state = data(env)
    if env.docname in state.problems:
        return
    for node in doctree.findall(nodes.raw):
        if (node.get("format"), node.astext()) not in SAFE_RAW:
            logger.warning(page_rules.raw_html_message(node.astext()), location=node,
                           type="community_trust", subtype="page")
            state.problems.add(env.docname)
            return


def report_placeholders(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: list the pages that still hold placeholders, last, where they are seen.

    Not a warning: a page fresh from ``make new-resource`` must build; the
    lint (and so CI) refuses it until the placeholders are replaced.
    """
    if exception is not None:
        return
    for docname, (count, line) in sorted(data(app.env).placeholders.items()):
        logger.info(page_rules.placeholder_message(count), location=(docname, line))


def read_again(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
               removed: set[str]) -> list[str]:
    """``env-get-outdated``: pages that had problems are checked again, changed or not."""
    return sorted(data(env).problems - removed - added - changed)


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    state = data(env)
    state.problems.discard(docname)
    state.placeholders.pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    state, theirs = data(env), data(other)
    state.problems.update(theirs.problems & docnames)
    state.placeholders.update({d: v for d, v in theirs.placeholders.items() if d in docnames})


def setup(app: Sphinx) -> None:
    app.connect("source-read", check_page, priority=90)  # before the stand-in changes the text
    app.connect("source-read", stand_in_for_broken_front_matter, priority=100)
    app.connect("doctree-read", refuse_unseen_raw)
    app.connect("env-get-outdated", read_again)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", report_placeholders)
