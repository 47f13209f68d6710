"""The member-only notice: one admonition that looks the same wherever it is used.

The notice is a node of its own, written as an ``<aside>`` with its own
class, so the site and the print binders (which use the same HTML, see
``binders/builder``) style it from one stylesheet (``theme/static/palette.css``)
and a screen reader meets it as a named region. Its standard text is generated here, so every member-only
page says the same thing about access; the page adds what the public
description says of the document, never its contents.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from community_trust.build.markup import doc_link

NOTICE_TITLE = "For IACP members only"
ACCESS_PAGE = "iacp-and-member-access"
#: what every notice says, followed by a link to the access page
STANDARD_TEXT = ("This document is not public. The IACP makes it available only to IACP members and IACP Net "
                 "customers. The collection describes it from public information and reproduces none of its "
                 "contents. See ")


#: the status notice's class; its colours are in palette.css, like the member-only notice's
STATUS_CLASS = "ctr-status"


class status_notice(nodes.Admonition, nodes.Element):  # noqa: N801 (docutils node naming)
    """The boxed notice at the top of a superseded or withdrawn resource's page.

    Generated from the front matter (``status``, ``superseded_by``) by the
    resource page's transform, never written by hand."""


class members_only_notice(nodes.Admonition, nodes.Element):  # noqa: N801 (docutils node naming)
    """The boxed notice on a member-only resource page."""


class MembersOnly(SphinxDirective):
    """``{members-only}``: the notice, followed by the page's own short text."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        notice = members_only_notice(classes=["ctr-members-only"])
        self.set_source_info(notice)
        notice += nodes.title(NOTICE_TITLE, NOTICE_TITLE)
        notice += nodes.paragraph("", STANDARD_TEXT, doc_link(ACCESS_PAGE, "how access works", self.env.docname),
                                  nodes.Text("."))
        if self.content:
            notice += self.parse_content_to_nodes()
        return [notice]


def visit_html(self, node: members_only_notice) -> None:  # type: ignore[no-untyped-def]
    # a page with several notices (a training packet) names each region apart: its ``label``
    label = node.get("label") or NOTICE_TITLE
    self.body.append(self.starttag(node, "aside", CLASS="admonition", **{"aria-label": label}))


def depart_html(self, node: members_only_notice) -> None:  # type: ignore[no-untyped-def]
    self.body.append("</aside>\n")


def visit_text(self, node: members_only_notice) -> None:  # type: ignore[no-untyped-def]
    self.visit_admonition(node)


def depart_text(self, node: members_only_notice) -> None:  # type: ignore[no-untyped-def]
    self.depart_admonition(node)


def setup(app: Sphinx) -> None:
    app.add_node(
        status_notice,
        html=(visit_html, depart_html),
        text=(visit_text, depart_text),
        man=(visit_text, depart_text),
        texinfo=(visit_text, depart_text),
    )
    app.add_node(
        members_only_notice,
        html=(visit_html, depart_html),
        text=(visit_text, depart_text),
        man=(visit_text, depart_text),
        texinfo=(visit_text, depart_text),
    )
    app.add_directive("members-only", MembersOnly)
