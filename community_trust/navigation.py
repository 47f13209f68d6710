"""A sidebar that grows with the current topic, not with the whole collection.

furo renders the entire site tree into every page's sidebar; at 1,000
resources that made a clean build quadratic (about 1,000 s). Asking for a
collapsed tree shows the topics and, under the current one, its resources:
what a reader needs, at a cost that does not grow with the collection.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

#: run before furo's own handler (default priority 500), which reads ``toctree``
BEFORE_THEME = 400


def collapse_sidebar(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: make every toctree the theme asks for collapsed."""
    toctree = context.get("toctree")
    if toctree is None:
        return

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        return toctree(**kwargs)

    context["toctree"] = collapsed_toctree


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", collapse_sidebar, priority=BEFORE_THEME)
