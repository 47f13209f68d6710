"""Files under ``docs/`` that a page could publish must not be able to run script.

No HTML or script file, and no SVG with a script, an event attribute, foreign content or an external
reference; the lint and the build check every file, the build again each image a page uses (why:
ARCHITECTURE.md, "Files a browser could run"). No Sphinx import. Why a scan of our own rather than
an SVG sanitiser: nothing is rewritten, a file is refused whole, on the patterns a browser acts on.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from community_trust.pages.problems import Kind, Problem

#: suffixes of files a browser runs or renders as a document: never under docs/
SCRIPTED_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".js", ".mjs",
                               ".svgz", ".xml", ".xsl", ".xslt", ".swf", ".hta", ".php", ".css"})
SVG_SUFFIX = ".svg"
#: what makes an SVG active: a script, an event attribute, a script address, foreign content,
#: a stylesheet or entity (which can fetch), or any reference to another document
_ACTIVE_SVG = re.compile(
    rb"<\s*(?:[\w-]+:)?(?:script|foreignobject|iframe|embed|object|handler|listener|style)\b"
    rb"|\son[a-z]+\s*="
    rb"|(?:java|vb)script\s*:|data\s*:|<!entity|<\?xml-stylesheet"
    rb"|(?:href|src)\s*=\s*(?![\"']?\s*#)",
    re.IGNORECASE)


def unsafe_file(path: Path) -> str | None:
    """What is wrong with a file a page could publish, or None."""
    suffix = path.suffix.lower()
    name = path.name
    if suffix in SCRIPTED_SUFFIXES:
        return (f"'{name}' is a file a browser would open as a page or run as a script ({suffix}), and such "
                "files may not be published with the collection; remove it (pages are Markdown, images are "
                "PNG, JPEG or plain SVG)")
    if suffix == SVG_SUFFIX:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if _ACTIVE_SVG.search(data.replace(b"\x00", b"")):
            return (f"'{name}' is an SVG that holds a script, an event attribute, foreign content or a link to "
                    "another document, which a browser would run in the site; save the image as PNG, or "
                    "remove those parts from the SVG")
    return None


def unsafe_files(docs: Path) -> list[Problem]:
    """Every unsafe file under ``docs`` (hidden folders and files included), at line 1 of the file."""
    found = []
    for folder, dirs, names in os.walk(docs):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                continue
            message = unsafe_file(path)
            if message is not None:
                found.append(Problem(1, message, Kind.NOT_ALLOWED, path))
    return found
