"""furo's sidebar markup written directly, byte for byte, so that furo's BeautifulSoup pass has nothing to do.

furo offers no hook to skip the pass (about 4 % of a build); what this writes and what it leaves
to furo: ARCHITECTURE.md, "The sidebar".
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

#: what furo puts after an entry's link when a list is under it (``furo/navigation.py``)
_TOGGLE = ('<input aria-label={label} {checked}class="toctree-checkbox" id="toctree-checkbox-{n}" '
           'name="toctree-checkbox-{n}" role="switch" type="checkbox"/>'
           '<label for="toctree-checkbox-{n}"><span class="icon"><svg><use href="#svg-arrow-right"></use>'
           '</svg></span></label>')


class _Unknown(Exception):
    """A node this writer does not write: Sphinx's writer and furo's pass do it instead."""


def _text(value: str) -> str:
    """Text as BeautifulSoup writes it (its ``minimal`` formatter)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    """A quoted attribute value as BeautifulSoup writes it."""
    value = _text(value)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _classes(node: nodes.Element, *more: str) -> str:
    names = [*node["classes"], *more]
    return f" class={_attribute(' '.join(names))}" if names else ""


def _plain(node: nodes.Element) -> str:
    """The text of a link or caption made of text alone."""
    if not all(isinstance(child, nodes.Text) for child in node.children):
        raise _Unknown(node.tagname)
    return "".join(str(child) for child in node.children)


class _Writer:
    """One page's sidebar; ``count`` numbers the checkboxes in document order, as furo does."""

    def __init__(self) -> None:
        self.count = 0
        self.out: list[str] = []
        #: where the class list of the last entry marked ``current`` ends, for furo's ``current-page``
        self.last_current: int | None = None

    def bullet_list(self, node: nodes.Element) -> None:
        if not node.children or node.attributes.keys() - {"classes", "ids", "names", "dupnames", "backrefs"}:
            raise _Unknown("bullet_list")
        self.out.append(f"<ul{_classes(node)}>\n")
        for item in node.children:
            if not isinstance(item, nodes.list_item):
                raise _Unknown(item.tagname)
            self.list_item(item)
        self.out.append("</ul>\n")

    def list_item(self, node: nodes.list_item) -> None:
        if not 1 <= len(node.children) <= 2 or not isinstance(node[0], addnodes.compact_paragraph):
            raise _Unknown("list_item")
        branch = node[1] if len(node.children) == 2 else None
        if branch is not None and not isinstance(branch, nodes.bullet_list):
            raise _Unknown(branch.tagname)
        current = "current" in node["classes"]
        self.out.append(f"<li{_classes(node, *(['has-children'] if branch is not None else []))}")
        if current:
            self.last_current = len(self.out)  # furo adds "current-page" at the end of this class list
        self.out.append(">")
        name = self.link(node[0])
        if branch is not None:
            self.count += 1
            self.out.append(_TOGGLE.format(label=_attribute(f"Toggle navigation of {name}"), n=self.count,
                                           checked='checked="" ' if current else ""))
            self.bullet_list(branch)
        self.out.append("</li>\n")

    def link(self, paragraph: addnodes.compact_paragraph) -> str:
        """The entry's link (a compact paragraph writes no ``<p>``); returns its text."""
        if len(paragraph.children) != 1 or not isinstance(paragraph[0], nodes.reference):
            raise _Unknown("compact_paragraph")
        reference = paragraph[0]
        if not reference.get("internal") or "refuri" not in reference or reference.get("reftitle") \
                or reference.get("target"):
            raise _Unknown("reference")
        text = _plain(reference)
        self.out.append(f'<a{_classes(reference, "reference", "internal")} '
                        f'href={_attribute(reference["refuri"] or "#")}>{_text(text)}</a>')
        return text

    def caption(self, node: nodes.title) -> None:
        if node["classes"]:
            raise _Unknown("title")
        self.out.append('<p aria-level="2" class="caption" role="heading">'
                        f'<span class="caption-text">{_text(_plain(node))}</span></p>\n')

    def markup(self) -> str:
        if self.last_current is not None:
            opened = self.out[self.last_current - 1]  # '<li class="…"'
            self.out[self.last_current - 1] = opened[:-1] + ' current-page"'
        return "".join(self.out)


def furo_navigation(tree: nodes.Element) -> str | None:
    """``tree`` (``site/sidebar.sidebar_tree``) as furo's ``furo_navigation_tree``;
    ``None`` when it holds something only Sphinx's writer and furo's pass handle."""
    writer = _Writer()
    try:
        for child in tree.children:
            if isinstance(child, nodes.title):
                writer.caption(child)
            elif isinstance(child, nodes.bullet_list):
                writer.bullet_list(child)
            else:
                raise _Unknown(child.tagname)
    except _Unknown:
        return None
    return writer.markup()
