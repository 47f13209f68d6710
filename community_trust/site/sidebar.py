"""A sidebar whose cost per page stays flat however large the collection grows.

Built from Sphinx's recorded toctrees with Sphinx's own nodes, the list under the current topic
cut to ``ctr_sidebar_window`` entries around the page; what it does not handle falls back to
Sphinx's tree (slower, never wrong). Why: ARCHITECTURE.md, "The sidebar".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from community_trust.build.domain import CollectionDomain
from community_trust.build.output import Output, output_of
from community_trust.settings import settings_of
from community_trust.site.furo_markup import furo_navigation

#: run before furo's own handler (default priority 500), which reads ``toctree``
BEFORE_THEME = 400
#: run after it, which sets ``furo_navigation_tree``
AFTER_THEME = 600
#: the context entry holding furo's final markup of the sidebar, written directly
FURO_MARKUP = "ctr_furo_navigation"
#: entries listed under the current topic before the list becomes a window
#: class of the entry that ends a cut list: the link to the page that lists them all
MORE_CLASS = "ctr-nav-more"

Entries = list[tuple[str | None, str]]


class Unsupported(Exception):
    """The toctrees hold something only Sphinx's own tree handles."""


class Tree:
    """The document tree of one build, indexed once for all its pages."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        #: child → parent, as Sphinx finds it (the last toctree naming a page wins)
        self.parent: dict[str, str] = {}
        for parent, children in env.toctree_includes.items():
            self.parent |= dict.fromkeys(children, parent)
        self.root_toctrees = list(env.master_doctree.findall(addnodes.toctree))
        self._entries: dict[str, Entries | None] = {}

    def ancestors(self, docname: str) -> list[str]:
        """The page and the pages above it, the root excepted (as Sphinx counts them)."""
        chain: list[str] = []
        while docname in self.parent and docname not in chain:
            chain.append(docname)
            docname = self.parent[docname]
        return chain

    def entries_of(self, docname: str) -> Entries | None:
        """The (title, docname) entries of the toctrees in ``docname``, in order;
        ``None`` when it has none (an empty toctree still opens an empty list)."""
        if docname not in self._entries:
            toc = self.env.tocs[docname]
            if next(iter(toc.findall(addnodes.only)), None) is not None:
                raise Unsupported(docname)  # entries that depend on build tags
            toctrees = list(toc.findall(addnodes.toctree))
            self._entries[docname] = (
                [entry for toctree in toctrees for entry in toctree["entries"]] if toctrees else None)
        return self._entries[docname]


def _tree(env: BuildEnvironment) -> Tree:
    """The tree of this build, indexed on first use (kept by the domain, never pickled)."""
    domain = CollectionDomain.of(env)
    if not isinstance(domain.sidebar_tree, Tree):
        domain.sidebar_tree = Tree(env)
    return domain.sidebar_tree


def _link_text(env: BuildEnvironment, docname: str, title: str | None) -> list[nodes.Node]:
    """What Sphinx shows for an entry: its explicit title, else the page's title."""
    if docname not in env.tocs or len(env.tocs[docname]) != 1:  # missing, or two top-level titles
        raise Unsupported(docname)
    if title:
        return [nodes.Text(title)]
    reference = env.tocs[docname][0][0][0]
    return [child.deepcopy() for child in reference.children]


def _item(builder: StandaloneHTMLBuilder, pagename: str, docname: str, depth: int,
          text: list[nodes.Node], current: bool) -> nodes.list_item:
    """One entry, with the classes Sphinx gives it (``toctree-lN``; ``current`` on the page)."""
    level = f"toctree-l{depth}"
    reference = nodes.reference("", "", *text, internal=True, anchorname="",
                                refuri=builder.get_relative_uri(pagename, docname))
    paragraph = addnodes.compact_paragraph("", "", reference, classes=[level])
    item = nodes.list_item("", paragraph, classes=[level])
    if current:
        for node in (reference, paragraph, item):
            node["classes"].append("current")
    return item


def window(count: int, current: int | None, size: int) -> range:
    """Which of ``count`` entries to list: all, or ``size`` of them around ``current``."""
    if count <= size:
        return range(count)
    start = 0 if current is None else min(max(current - size // 2, 0), count - size)
    return range(start, start + size)


def _branch(builder: StandaloneHTMLBuilder, tree: Tree, pagename: str, ancestors: list[str],
            entries: Entries, depth: int, parent: str, size: int) -> nodes.bullet_list:
    """The list of ``entries`` at ``depth``, opened along the way to ``pagename``."""
    current = next((i for i, (_title, ref) in enumerate(entries) if ref in ancestors), None)
    shown = range(len(entries)) if depth == 1 else window(len(entries), current, size)
    branch = nodes.bullet_list()
    for index in shown:
        title, ref = entries[index]
        item = _item(builder, pagename, ref, depth, _link_text(tree.env, ref, title), ref == pagename)
        if ref in ancestors:
            if ref != pagename:
                item["classes"].append("current")
            children = tree.entries_of(ref)
            if children is not None:
                item += _branch(builder, tree, pagename, ancestors, children, depth + 1, ref, size)
        branch += item
    if len(shown) < len(entries):
        title = tree.env.titles[parent].astext()
        more = _item(builder, pagename, parent, depth, [nodes.Text(f"All {len(entries):,} resources in {title}")],
                     current=False)
        more["classes"].append(MORE_CLASS)
        branch += more
    if current is not None:
        branch["classes"].append("current")
    return branch


def sidebar_tree(builder: StandaloneHTMLBuilder, pagename: str, size: int) -> nodes.Element | None:
    """The site tree for ``pagename``: collapsed, the current list cut to ``size``."""
    env = builder.env
    tree = _tree(env)
    ancestors = tree.ancestors(pagename)
    result: nodes.Element | None = None
    for toctree in tree.root_toctrees:
        if not toctree["entries"]:
            continue
        part = addnodes.compact_paragraph("", "", toctree=True)
        if caption := toctree.get("caption"):
            part += nodes.title(caption, "", nodes.Text(caption))
        branch = _branch(builder, tree, pagename, ancestors, toctree["entries"], 1, env.config.root_doc, size)
        part += branch
        if "current" in branch["classes"]:
            part["classes"].append("current")
        if result is None:
            result = part
        else:  # Sphinx joins the root's toctrees the same way
            result.extend(part.children)
    return result


def windowed_sidebar(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: give furo the windowed tree; any other caller a collapsed one."""
    toctree = context.get("toctree")
    if toctree is None:
        return
    builder = app.builder
    size = settings_of(app.config).sidebar_window
    if not isinstance(builder, StandaloneHTMLBuilder) or output_of(builder) is not Output.SITE:
        return

    def sidebar_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        # furo's sidebar asks for page titles only, every level, hidden toctrees included
        if size > 0 and kwargs.get("titles_only") and kwargs.get("includehidden") \
                and int(kwargs.get("maxdepth", 0)) <= 0:
            try:
                tree = sidebar_tree(builder, pagename, size)
            except Unsupported:
                return toctree(**kwargs)
            markup = furo_navigation(tree) if tree is not None and furo_theme else None
            if markup is not None:
                # furo's BeautifulSoup pass over an empty tree returns at once; furo_markup_in_place
                # then puts the markup that pass would have made in its place
                context[FURO_MARKUP] = markup
                return ""
            return builder.render_partial(tree)["fragment"]
        return toctree(**kwargs)

    furo_theme = app.config.html_theme == "furo"
    context["toctree"] = sidebar_toctree


def furo_markup_in_place(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``, after furo's handler: its sidebar markup, written by ``site/furo_markup``."""
    markup = context.pop(FURO_MARKUP, None)
    if markup is not None:
        context["furo_navigation_tree"] = markup


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", windowed_sidebar, priority=BEFORE_THEME)
    app.connect("html-page-context", furo_markup_in_place, priority=AFTER_THEME)
