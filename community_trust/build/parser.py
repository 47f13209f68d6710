"""The one parse of a page: MyST's parser, fed what the reader of the collection already has.

The Markdown is parsed once into tokens, the page rules run on them, and MyST renders the same
tokens with the front matter already parsed. A page with broken front matter renders with a
stand-in title; one that reaches outside ``docs/`` renders without its body.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from markdown_it.token import Token
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx

from community_trust.build import checking
from community_trust.build.domain import CollectionDomain
from community_trust.pages import plain
from community_trust.pages import rules as page_rules
from community_trust.pages.reader import Page

FRONT_MATTER = "front_matter"


class PageParser(MystParser):
    """MyST Markdown, parsed once, checked by the page rules on the way."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        page = CollectionDomain.of(env).take_page(env.docname)
        # no file-level MyST settings: a page's 'myst:' block is refused (pages.plain), never merged
        md = create_md_parser(env.myst_config, SphinxRenderer)
        md.options["document"] = document
        md_env: dict[str, object] = {}
        # a page over the limits is not parsed at all (the page rules report it)
        tokens = md.parse(inputstring, md_env) if page.readable and page_rules.too_large(page.text) is None else []
        if not checking.check_parsed_page(env, page, md, tokens, Path(env.srcdir)):
            tokens = [t for t in tokens[:1] if t.type == FRONT_MATTER]  # the body reads nothing
        md.renderer.render(_with_parsed_front_matter(tokens, page), md.options, md_env)


def _with_parsed_front_matter(tokens: list[Token], page: Page) -> list[Token]:
    """``tokens`` whose front-matter token holds the values already parsed, or a stand-in title."""
    values = dict(page.matter.data) if page.matter is not None else {"title": page.docname}
    for key in plain.SETTING_KEYS:
        values.pop(key, None)  # refused by the page rules; never handed to MyST
    if isinstance(values.get("title"), str):
        values["title"] = plain.as_heading(values["title"]) or values["title"]  # a blank title is reported as such
    if tokens and tokens[0].type == FRONT_MATTER:
        tokens[0].content = values  # type: ignore[assignment]  # MyST's renderer takes a mapping as it is
        return tokens
    if page.matter is not None and page.readable:
        return tokens  # a page without front matter
    stand_in = Token(FRONT_MATTER, "", 0, map=[0, 1], block=True, hidden=True)
    stand_in.content = values  # type: ignore[assignment]
    return [stand_in, *tokens]


def setup(app: Sphinx) -> None:
    app.add_source_parser(PageParser, override=True)
