"""The print binders: one PDF of the whole collection and one per topic.

Trainers print the collection for ring binders, so the PDFs are laid out for
that, not left as a by-product of the HTML:

- one ``latex_documents`` entry per binder, made at ``config-inited`` from
  the topic pages' front matter, so a new topic needs no change in conf.py;
- two-sided pages with a wide inner margin for a three-hole punch, running
  heads with the topic and the resource, a title page with the edition date,
  every resource starting on a right-hand page;
- LaTeX-only post-transforms on each binder's assembled doctree (the HTML
  never sees them): a topic binder also takes the resources filed under
  another topic (they are in no toctree of its own, see ``topics.py``),
  sphinx-design's card grids become plain lists with page numbers, and each
  resource gets a QR code to its page online or to the document itself.

The page layout lives in one LaTeX preamble below; the commands that check
the LaTeX logs and copy the PDFs live in ``noxfile.py`` (``nox -s pdf``).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging, texescape
from sphinx.util.nodes import inline_all_toctrees, make_refnode

from . import cards, collection, schema
from .collection import RESOURCE_PREFIX, TOPIC_PREFIX
from .resource_page import FACTS_CLASS
from .schema import Resource, Topic

logger = logging.getLogger(__name__)

#: file name (without ``.pdf``) of the whole collection; topic binders add their slug
WHOLE_BINDER = "community-trust-resources"
BINDER_PREFIX = "community-trust-"
#: ``ctr_paper_size`` → (LaTeX paper option, name printed on the back of the title page)
PAPER_SIZES = {"letter": ("letterpaper", "US Letter"), "a4": ("a4paper", "A4")}
#: the chapter that holds the home page's own text in the whole-collection binder
ABOUT_TITLE = "About this collection"
LIST_CLASS = "ctr-card-list"


def edition_date() -> datetime.date:
    """The build date, or the one ``SOURCE_DATE_EPOCH`` fixes (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).date()
    if not epoch.isdigit():
        logger.warning("SOURCE_DATE_EPOCH is %r; set it to a whole number of seconds since 1970 "
                       "(for example: SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct)), or unset it",
                       epoch, type="community_trust", subtype="print")
        return datetime.datetime.now(datetime.UTC).date()
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()


def tex(text: str) -> str:
    """Plain text made safe inside LaTeX (xelatex keeps Unicode as it is)."""
    return texescape.escape(text, "xelatex")


def qr_escape(address: str) -> str:
    """An address as the ``qrcode`` package wants it: its special characters escaped."""
    return "".join("\\" + char if char in "#$&^_~%\\{}" else char for char in address)


def configure_binders(app: Sphinx, config: Config) -> None:
    """``config-inited``: one LaTeX document per binder, and the page layout."""
    texescape.init()
    paper = str(config.ctr_paper_size).strip().lower()
    if paper not in PAPER_SIZES:
        logger.warning("the paper size is %r; use 'letter' (the default) or 'a4', for example: "
                       "CTR_PAPER_SIZE=a4 make pdf", config.ctr_paper_size,
                       type="community_trust", subtype="print")
        paper = "letter"
    author = tex(config.author)
    documents = [(config.root_doc, f"{WHOLE_BINDER}.tex", tex(config.project), author, "manual")]
    # before Sphinx reads anything, so straight from the topic pages' front matter
    for topic in schema.load_topics(Path(app.srcdir)):
        if f"{BINDER_PREFIX}{topic.slug}" == WHOLE_BINDER:
            logger.warning("this topic's binder would overwrite the whole collection's PDF (%s.pdf); "
                           "give the topic page another file name", WHOLE_BINDER,
                           location=f"{Path(app.srcdir, topic.docname)}.md:1", type="community_trust", subtype="print")
            continue
        documents.append((topic.docname, f"{BINDER_PREFIX}{topic.slug}.tex", tex(topic.title), author, "manual"))
    config.latex_documents = documents
    # conf.py may still override any single element
    elements = latex_elements(paper, edition_date(), config.html_baseurl)
    config.latex_elements = {**elements, **config.latex_elements}


def latex_elements(paper: str, edition: datetime.date, base_url: str) -> dict[str, str]:
    """Sphinx's LaTeX template settings for a printed, punched, two-sided binder."""
    option, paper_name = PAPER_SIZES[paper]
    if base_url:
        qr_note = f"A resource's QR code opens its page in the online collection at {base_url}."
    else:
        qr_note = ("A resource's QR code opens the document itself: its official address, "
                   "or else a public copy or a source.")
    preamble = (PREAMBLE.replace("<<paper>>", paper_name)
                .replace("<<edition>>", tex(schema.format_date(edition.isoformat())))
                .replace("<<qrnote>>", tex(qr_note)))
    return {
        "papersize": option,
        "pointsize": "11pt",
        # two-sided, wide inner margin: a three-hole punch needs about 1 inch
        "geometry": (r"\usepackage{geometry}" "\n"
                     rf"\geometry{{{option},twoside,bindingoffset=0.5in,inner=0.8in,outer=0.9in,"
                     r"top=0.9in,bottom=0.9in,headheight=14pt,headsep=0.3in,footskip=0.45in}"),
        # headings, links and boxes in black: colour prints grey on most office printers
        "sphinxsetup": (r"TitleColor={rgb}{0,0,0}, InnerLinkColor={rgb}{0,0,0}, "
                        r"OuterLinkColor={rgb}{0,0,0}, VerbatimColor={rgb}{0.96,0.96,0.96}, "
                        r"VerbatimBorderColor={rgb}{0.6,0.6,0.6}"),
        "fncychap": r"\usepackage[Sonny]{fncychap}",
        "passoptionstopackages": r"\PassOptionsToPackage{hyphens}{url}",
        "preamble": preamble,
        # the title page and the contents come from the binder's own front matter (see AssembleBinder)
        "maketitle": "",
        "tableofcontents": "",
    }


#: The page layout shared by every binder; ``<<…>>`` are filled in above.
PREAMBLE = r"""
\makeatletter
% Resources, chapters and the index start on a right-hand page; the page left
% blank before them carries no running head.
\renewcommand{\cleardoublepage}{\clearpage\if@twoside\ifodd\c@page\else
  \hbox{}\thispagestyle{empty}\newpage\if@twocolumn\hbox{}\newpage\fi\fi\fi}
% Running heads: the topic (chapter) and the resource (section) on every
% page, page numbers on the outer edge. A resource's head uses its short title.
\let\ctr@nextmark\@empty
\renewcommand{\chaptermark}[1]{\markboth{#1}{}}
\renewcommand{\sectionmark}[1]{\markright{\ifx\ctr@nextmark\@empty#1\else\ctr@nextmark\fi}%
  \global\let\ctr@nextmark\@empty}
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[LE]{\py@HeaderFamily\small\thepage\hspace{1.5em}\leftmark}%
  \fancyhead[RE]{\py@HeaderFamily\small\itshape\rightmark}%
  \fancyhead[LO]{\py@HeaderFamily\small\leftmark}%
  \fancyhead[RO]{\py@HeaderFamily\small\itshape\rightmark\upshape\hspace{1.5em}\thepage}%
  \fancyfoot[LE,RO]{\py@HeaderFamily\scriptsize\ctr@bindername}%
  \fancyfoot[RE,LO]{\py@HeaderFamily\scriptsize Edition of \ctreditiondate}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{%
  \fancyhf{}%
  \fancyfoot[LE,RO]{\py@HeaderFamily\small\thepage}%
  \fancyfoot[RE,LO]{\py@HeaderFamily\scriptsize\ctr@bindername}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0pt}}
\newcommand{\ctreditiondate}{<<edition>>}
\newcommand{\ctrpapername}{<<paper>>}
\newcommand{\ctrqrnote}{<<qrnote>>}
\let\ctr@bindername\@empty
% \ctrresource{short title}: a resource starts on a right-hand page.
\newcommand{\ctrresource}[1]{\cleardoublepage\gdef\ctr@nextmark{#1}}
% The title page and its back, then the contents.
% #1 name of the binder, #2 the line above its title, #3 its title,
% #4 what it holds, #5 PDF subject
\newcommand{\ctrtitlepage}[5]{%
  \gdef\ctr@bindername{#1}%
  \hypersetup{pdftitle={#1}, pdfsubject={#5}, pdfauthor={\@author}}%
  \hypersetup{pageanchor=false}%
  \begin{titlepage}%
    \sffamily\raggedright
    \noindent\rule{\textwidth}{2pt}\par\vspace{1.2em}%
    {\large #2\par}\vspace{3.5em}%
    {\fontsize{30}{36}\selectfont\bfseries #3\par}\vspace{1.5em}%
    {\Large #4\par}%
    \vfill
    {\large\bfseries Edition of \ctreditiondate\par}\vspace{0.6em}%
    {\normalsize \@author\par}\vspace{0.8em}%
    \noindent\rule{\textwidth}{2pt}\par
  \end{titlepage}%
  \thispagestyle{empty}%
  \vspace*{\fill}%
  {\small\raggedright\setlength{\parskip}{0.6em}%
   \textbf{About this printing.} Edition of \ctreditiondate, built from the
   collection's sources on that date. Each resource page says when its
   addresses were recorded and whether they have been checked against the live
   web; the addresses themselves are printed in full.\par
   Laid out for two-sided printing on \ctrpapername{} paper, with a wide inner
   margin for a three-hole punch. Each resource starts on a right-hand page, so
   a single resource can be reprinted and filed on its own.\par
   \ctrqrnote\par}%
  \cleardoublepage
  \hypersetup{pageanchor=true}%
  \pagestyle{plain}%
  \renewcommand{\contentsname}{Contents}%
  \sphinxtableofcontents
  \pagestyle{normal}}
% The member-only notice (community_trust/notice.py): framed, with a black
% title bar, so it stands out in black and white.
\newtcolorbox{ctrmembersonly}[1]{breakable, sharp corners, colback=white,
  colframe=black, colbacktitle=black, coltitle=white, boxrule=1.5pt,
  toprule=0pt, titlerule=0pt, left=8pt, right=8pt, top=4pt, bottom=6pt,
  fonttitle=\py@HeaderFamily\bfseries, title={#1}, before skip=1em, after skip=1em,
  before upper={\setlength{\parskip}{0.5em}}}
% A resource's QR code with the address it leads to.
\newenvironment{ctrqrcode}[1]{\par\medskip\noindent
  \begin{minipage}[c]{1.05in}\qrcode[height=0.95in]{#1}\end{minipage}\hspace{0.15in}%
  \begin{minipage}[c]{\dimexpr\linewidth-1.2in\relax}\small\raggedright\setlength{\parskip}{0.3em}}
  {\end{minipage}\par\medskip}
\newenvironment{ctrnoqrcode}{\par\medskip\noindent\small\itshape}{\par\medskip}
% The key facts, one compact line each; the lead sentence a little larger.
\newenvironment{sphinxclassctr-facts}{\par\small\setlength{\parskip}{2pt}}{\par}
\newenvironment{sphinxclassctr-lead}{\par\large}{\par}
% Headings number chapters (topics) only: a resource then has the same
% heading in every binder, and "page N" does the finding.
\setcounter{secnumdepth}{0}
% The index lists keywords, not code: set them in the text font.
\protected\def\sphinxstyleindexentry#1{#1}
\makeatother
"""


# --- the assembled binder (LaTeX only) ---------------------------------------

def _binder_of(env: Any, root: str) -> tuple[bool, Topic | None]:
    """Whether ``root`` starts a binder, and the topic it is for (``None``:
    the whole collection)."""
    if root == env.config.root_doc:
        return True, None
    topic = collection.data(env).topics.get(root[len(TOPIC_PREFIX):]) if root.startswith(TOPIC_PREFIX) else None
    return topic is not None, topic


def _first_section(node: nodes.Element) -> nodes.section | None:
    return next((c for c in node.children if isinstance(c, nodes.section)), None)


def _own_pages(node: nodes.Element) -> list[addnodes.start_of_file]:
    """Pages a toctree inlined directly into ``node`` (not those of sub-pages)."""
    found: list[addnodes.start_of_file] = []
    for child in node.children:
        if isinstance(child, addnodes.start_of_file):
            found.append(child)
        elif isinstance(child, nodes.Element):
            found += _own_pages(child)
    return found


def _lift_included_pages(top: nodes.section) -> None:
    """Move the pages a page's toctree included up to that page's top level.

    A topic's toctree sits under its heading "Resources on this topic", so
    Sphinx would print every resource one level below it; moved up, each
    resource is a section of its topic's chapter. Left-over empty wrappers
    and headings go.
    """
    for page in _own_pages(top):
        holder = page.parent
        holder.remove(page)
        top.append(page)
        while holder is not top and not [c for c in holder.children if not isinstance(c, nodes.title)]:
            parent = holder.parent
            parent.remove(holder)
            holder = parent
    for page in [c for c in top.children if isinstance(c, addnodes.start_of_file)]:
        inner = _first_section(page)
        if inner is not None:
            _lift_included_pages(inner)


def _fix_parents(document: nodes.document) -> None:
    """``inline_all_toctrees`` moves children without updating their parent."""
    for page in document.findall(addnodes.start_of_file):
        for child in page.children:
            child.parent = page


class AssembleBinder(SphinxPostTransform):
    """Give each binder its final shape before references are resolved.

    The binder's start page becomes chapter 1 (the whole collection's home
    text as "About this collection"), each topic a chapter, each resource a
    section of its topic. A topic binder also takes the resources filed
    under another topic, which no toctree of its own includes, and, as
    chapters after the topic, the collection's other pages its resources
    link to (such as "The IACP and Member Access", which every member-only
    notice points to), so those links print with a page number.
    """

    default_priority = 3  # before ReferencesResolver (10): links into added pages resolve
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        root = self.env.docname
        is_binder, topic = _binder_of(self.env, root)
        top = _first_section(self.document)
        if not is_binder or top is None:
            return
        _fix_parents(self.document)
        if topic is not None:
            self.add_secondary_resources(top, topic)
        _lift_included_pages(top)

        # the wrapper's title is the document title, which LaTeX prints on the
        # title page only; what it holds starts one level down, at chapters
        title = topic.title if topic is not None else self.config.project
        wrapper = nodes.section("", nodes.title(title, title))
        self.document.replace(top, wrapper)
        wrapper += top
        if topic is None:
            top[0] = nodes.title(ABOUT_TITLE, ABOUT_TITLE)
            for page in [c for c in top.children if isinstance(c, addnodes.start_of_file)]:
                top.remove(page)
                wrapper += page
        else:
            self.add_linked_pages(wrapper)
        self.name_pages_left_out()
        self.document.insert(0, self.front_matter(topic))

    @property
    def included(self) -> set[str]:
        """The pages in this binder (the LaTeX builder's own record)."""
        return self.app.builder.docnames  # type: ignore[attr-defined,no-any-return]

    def page(self, docname: str) -> addnodes.start_of_file:
        """A page added to the binder, the way a toctree would include it."""
        tree = inline_all_toctrees(self.app.builder, self.included, docname, self.env.get_doctree(docname),
                                   str, list(self.included))
        self.included.add(docname)
        page = addnodes.start_of_file(docname=docname)
        page.extend(tree.children)
        for section in page.findall(nodes.section):
            section.setdefault("docname", docname)
        return page

    def add_secondary_resources(self, top: nodes.section, topic: Topic) -> None:
        for resource in collection.data(self.env).resources_in(topic.slug):
            if resource.docname not in self.included:
                top += self.page(resource.docname)

    def doc_links(self) -> list[tuple[addnodes.pending_xref, str]]:
        """Every link to a page, with the page it names."""
        return [(node, docname_join(node.get("refdoc", self.env.docname), node["reftarget"]))
                for node in self.document.findall(addnodes.pending_xref) if node.get("reftype") == "doc"]

    def add_linked_pages(self, wrapper: nodes.section) -> None:
        while True:
            wanted = [docname for _, docname in self.doc_links()
                      if docname in self.env.all_docs and docname not in self.included
                      and docname != self.config.root_doc
                      and not docname.startswith((RESOURCE_PREFIX, TOPIC_PREFIX))]
            if not wanted:
                return
            for docname in dict.fromkeys(wanted):
                wrapper += self.page(docname)

    def name_pages_left_out(self) -> None:
        """A link to a page outside this binder prints as text; one written
        without a title would print its bare target ("../catalog"), so it
        gets the page's title."""
        for node, docname in self.doc_links():
            if docname not in self.included and not node.get("refexplicit") and docname in self.env.titles:
                title = self.env.titles[docname].astext()
                node.children = []
                node += nodes.inline(title, title, classes=["doc"])

    def front_matter(self, topic: Topic | None) -> nodes.raw:
        project = self.config.project
        if topic is None:
            holds = str(self.env.metadata[self.config.root_doc].get("description", ""))
            parts = (project, "The whole collection", project, holds, f"{project}: the whole collection. {holds}")
        else:
            parts = (f"{project}: {topic.title}", f"{project} \N{MIDDLE DOT} topic binder", topic.title,
                     topic.description, f"{project}, topic binder: {topic.title}. {topic.description}")
        text = r"\ctrtitlepage" + "".join(f"{{{tex(part)}}}" for part in parts)
        return nodes.raw("", text, format="latex")


class CardsToList(SphinxPostTransform):
    """sphinx-design's card grids print as a flat run of boxes: make each a
    list, "Title (page N): summary (footer)". A card whose page is not in this
    binder says so instead of giving a page."""

    default_priority = 4  # after AssembleBinder: it adds pages, and cards
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        builder = self.app.builder
        included: set[str] = getattr(builder, "docnames", set())
        for grid in list(self.document.findall(nodes.container)):
            if cards.GRID_CLASS not in grid["classes"]:
                continue
            items = nodes.bullet_list(classes=[LIST_CLASS])
            for card in grid.findall(nodes.container):
                if card.get("design_component") == "card":
                    item = self.item(card, builder, self.env.docname, included)
                    if item is not None:
                        items += item
            grid.replace_self(items)

    @staticmethod
    def item(card: nodes.container, builder: Builder, fromdocname: str,
             included: set[str]) -> nodes.list_item | None:
        def part(name: str) -> nodes.Element | None:
            return next((n for n in card.findall(nodes.Element) if n.get("design_component") == name), None)

        link = next(iter(card.findall(addnodes.pending_xref)), None)
        title_box, body, footer = part("card-title"), part("card-body"), part("card-footer")
        if link is None or title_box is None:
            return None
        title = title_box.astext().strip()
        target = link["reftarget"].lstrip("/")
        paragraph = nodes.paragraph()
        if target in included:
            # linked by hand: a doc link's own resolution would drop the bold title
            paragraph += make_refnode(builder, fromdocname, target, "", nodes.strong(title, title))
        else:
            paragraph += nodes.strong(title, title)
            paragraph += nodes.Text(" (in the whole-collection binder)")
        summary = next((p for p in body.findall(nodes.paragraph)), None) if body is not None else None
        if summary is not None:
            paragraph += nodes.Text(": ")
            paragraph.extend(child.deepcopy() for child in summary.children)
        if footer is not None and footer.astext().strip():
            note = footer.astext().strip()
            paragraph += nodes.Text(" ")
            paragraph += nodes.emphasis(note, f"({note})")
        return nodes.list_item("", paragraph)


class ResourcePages(SphinxPostTransform):
    """Each resource starts on a right-hand page and carries a QR code."""

    default_priority = 20
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        state = collection.data(self.env)
        for page in list(self.document.findall(addnodes.start_of_file)):
            docname = page["docname"]
            resource = state.resources.get(docname[len(RESOURCE_PREFIX):]) if docname.startswith(
                RESOURCE_PREFIX) else None
            section = _first_section(page)
            if resource is None or section is None:
                continue
            page.insert(page.index(section), nodes.raw("", rf"\ctrresource{{{tex(resource.label)}}}",
                                                        format="latex"))
            facts = next((n for n in section.findall(nodes.container) if FACTS_CLASS in n["classes"]), None)
            block = qr_block(resource, self.config.html_baseurl)
            if facts is not None:
                compact_facts(facts)
                facts.parent.insert(facts.parent.index(facts) + 1, block)
            else:
                section.insert(1, block)


def compact_facts(facts: nodes.container) -> None:
    """The key facts as "Label: value" lines: a field list prints each label
    on a line of its own, a third of a page for eight facts."""
    for field_list in list(facts.findall(nodes.field_list)):
        lines: list[nodes.Node] = []
        for field in field_list.findall(nodes.field):
            name, body = field[0].astext(), field[1]
            line = nodes.paragraph("", "", nodes.strong(name, f"{name}: "))
            paragraphs = [c for c in body.children if isinstance(c, nodes.paragraph)]
            if len(paragraphs) == len(body.children) == 1:
                line.extend(child.deepcopy() for child in paragraphs[0].children)
                lines.append(line)
            else:
                lines += [line, *(child.deepcopy() for child in body.children)]
        field_list.replace_self(lines)


class BreakableTables(SphinxPostTransform):
    """A table in print may run over several pages (LaTeX's longtable); the
    catalogue does, and a tabular that does not fit runs off the page."""

    default_priority = 20
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "longtable" not in table["classes"]:
                table["classes"].append("longtable")


def qr_target(resource: Resource, base_url: str) -> tuple[str, str]:
    """Where a resource's QR code leads, and what the printed line says of it."""
    if base_url:
        return (f"{base_url.rstrip('/')}/{resource.docname}.html",
                "Scan for this page in the online collection:")
    if resource.url:
        return resource.url, "Scan for the document at its official address:"
    if resource.alternate_urls:
        link = resource.alternate_urls[0]
        return link.url, f"Scan for a public copy or record of the document ({link.label}):"
    source = next((s for s in resource.sources if s.url), None)
    if source is not None:
        return source.url, f"Scan for a source of the facts on this page: {source.label}."
    return "", ""


def qr_block(resource: Resource, base_url: str) -> nodes.Element:
    target, caption = qr_target(resource, base_url)
    block = nodes.container(classes=["ctr-qr"])
    if not target:
        block += nodes.raw("", r"\begin{ctrnoqrcode}", format="latex")
        block += nodes.paragraph("", "No QR code: the sources give no public address for this document. "
                                 "Ask its publisher for a copy.")
        block += nodes.raw("", r"\end{ctrnoqrcode}", format="latex")
        return block
    block += nodes.raw("", rf"\begin{{ctrqrcode}}{{{qr_escape(target)}}}", format="latex")
    block += nodes.paragraph("", caption)
    block += nodes.paragraph("", "", nodes.reference(target, target, refuri=target))
    block += nodes.raw("", r"\end{ctrqrcode}", format="latex")
    return block


def setup(app: Sphinx) -> None:
    app.add_config_value("ctr_paper_size", "letter", "", types=frozenset({str}))
    app.connect("config-inited", configure_binders, priority=400)  # before Sphinx checks latex_documents
    app.add_latex_package("tcolorbox", "breakable")
    app.add_latex_package("qrcode")
    app.add_post_transform(AssembleBinder)
    app.add_post_transform(CardsToList)
    app.add_post_transform(ResourcePages)
    app.add_post_transform(BreakableTables)
