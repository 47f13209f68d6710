"""A Content-Security-Policy in every page of the site, as a ``<meta http-equiv>`` tag.

The hosts serve static files and set no headers of ours, so the policy is written into each
page, before any script or style. It allows the site's own files (and ``data:`` images) only, and
no inline script but the theme's, each named by the hash of its text in the installed theme's
templates. What it allows and why: ARCHITECTURE.md, "The Content-Security-Policy".
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx

from community_trust.build.output import Output, output_of

#: an inline script of a template: no src, no template code inside
_INLINE_SCRIPT = re.compile(r"<script>(?P<code>(?:(?!</script>|\{[{%]).)*)</script>", re.DOTALL)
#: after the collection's own meta tags (site.publishing, priority 600)
AFTER_PUBLISHING = 700


def script_hashes(template_dirs: list[str]) -> list[str]:
    """``'sha256-…'`` of every inline script in the theme's templates."""
    found: list[str] = []
    for folder in template_dirs:
        for path in sorted(Path(folder).glob("*.html")):
            for match in _INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                digest = base64.b64encode(hashlib.sha256(match.group("code").encode("utf-8")).digest()).decode()
                if f"'sha256-{digest}'" not in found:
                    found.append(f"'sha256-{digest}'")
    return found


def policy(hashes: list[str]) -> str:
    """The policy: the site's own files only, inline scripts only by hash."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes),
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def meta_tag(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(content)}">'


def _hashes(app: Sphinx) -> list[str]:
    cached = getattr(app.builder, "_ctr_script_hashes", None)
    if cached is None:
        theme = getattr(app.builder, "theme", None)
        dirs = [str(d) for d in theme.get_theme_dirs()] if theme is not None else []
        cached = script_hashes(dirs)
        app.builder._ctr_script_hashes = cached  # type: ignore[attr-defined]
    return cached


def page_context(app: Sphinx, pagename: str, templatename: str,
                 context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the policy first among the page's meta tags."""
    if output_of(app.builder) is not Output.SITE:
        return
    context["metatags"] = meta_tag(policy(_hashes(app))) + "\n" + (context.get("metatags") or "")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", page_context, priority=AFTER_PUBLISHING)
