"""A binder cut into parts that WeasyPrint lays out one at a time, and the page numbers they print.

Laid out whole, a large binder grew faster than its pages (every page kept in memory, laid out
again while ``target-counter`` values settle); why parts, and how: ARCHITECTURE.md, "The
binders". No Sphinx: the builder cuts, the workers render, this module only handles HTML text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: a link to an anchor in another part; WeasyPrint drops internal links it cannot resolve,
#: so it is written as this address and made an internal link again when the parts are joined
ELSEWHERE = "ctr-elsewhere:#"
#: the attributes a link carries in print: where it leads, and the page number it prints
TARGET_ATTRIBUTE = "data-ctr-target"
PAGE_ATTRIBUTE = "data-ctr-page"

_LINK = re.compile(r'<a ([^>]*?)href="#([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass
class Part:
    """One piece of a binder laid out on its own: its HTML body, the anchors it holds."""

    body: str
    #: whether the binder's title page comes first (the first part only)
    title_page: bool = False
    ids: frozenset[str] = field(default_factory=frozenset)
    #: the anchors its links lead to
    targets: frozenset[str] = field(default_factory=frozenset)
    #: whether it holds a table (whose header cells carry ids of the structure tree)
    has_table: bool = False

    def __post_init__(self) -> None:
        self.ids = frozenset(html.unescape(i) for i in _ID.findall(self.body))
        self.targets = frozenset(html.unescape(t) for _, t in _LINK.findall(self.body))
        self.has_table = "<table" in self.body


def with_numbers(text: str, page_of: Mapping[str, int], own: frozenset[str] | None = None) -> str:
    """``text`` with each internal link given the page its target starts on (``page_of``), which
    the stylesheet prints; a link to an anchor outside ``own`` (another part) becomes a
    placeholder address that ``binders/joining`` turns back into an internal link."""

    def link(match: re.Match[str]) -> str:
        attributes, target = match.group(1), match.group(2)
        name = html.unescape(target)
        page = page_of.get(name)
        extra = f'{TARGET_ATTRIBUTE}="#{target}" ' + (f'{PAGE_ATTRIBUTE}="{page}" ' if page is not None else "")
        address = f"#{target}" if own is None or name in own else f"{ELSEWHERE}{target}"
        return f'<a {attributes}{extra}href="{address}"'

    return _LINK.sub(link, text)

