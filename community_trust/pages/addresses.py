"""Every address a page writes, parsed the way a browser and docutils read it, and allowed or not.

Allowed: a public ``https:`` address with a host and no user information, or a path relative to
the page that stays inside ``docs/``; how the scheme is found: ARCHITECTURE.md, "Untrusted pages:
the allow-lists and every address". ``urllib.parse`` splits the address; this module only adds the
browser's clean-up, which no library here offers. No Sphinx import.
"""

from __future__ import annotations

import html
import os
import re
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: the one scheme a page may use
ALLOWED_SCHEMES = frozenset({"https"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
#: C0 controls, DEL and C1 controls: nothing an address needs
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: what a browser removes inside an address (tab, LF, CR), and what docutils removes from an argument
_WHITESPACE = re.compile(r"\s+")


class Verdict(Enum):
    """What an address is, once parsed."""

    HTTPS = "https"  #: a public https: address with a host and no user information
    LOCAL = "local"  #: a path (or #anchor) with no scheme and no host
    HTTP = "http"  #: http:, to be written with https:
    USER_INFO = "user-info"  #: https: with a user name or password before '@'
    NO_HOST = "no-host"  #: https: without a host
    OTHER_HOST = "other-host"  #: starts with // (another host)
    SCHEME = "scheme"  #: any other scheme
    CONTROL = "control"  #: holds a control character
    ABSOLUTE = "absolute"  #: an absolute file path (/…, \\…, ~…, C:\\…)


def normalise(raw: str) -> str:
    """The address a browser would follow: references decoded, whitespace and controls removed."""
    text = html.unescape(str(raw))
    text = _WHITESPACE.sub("", text)
    return text


def scheme_of(raw: str) -> str:
    """The address's scheme in lower case, or ""."""
    match = _SCHEME.match(_CONTROLS.sub("", normalise(raw)))
    return match.group(1).lower() if match else ""


def classify(raw: str) -> Verdict:
    """What ``raw`` is, read as a browser reads it."""
    if _CONTROLS.search(html.unescape(str(raw)).strip()):
        return Verdict.CONTROL
    text = normalise(raw)
    scheme = scheme_of(text)
    if _WINDOWS_DRIVE.match(text):
        return Verdict.ABSOLUTE
    if scheme == "http":
        return Verdict.HTTP
    if scheme and scheme not in ALLOWED_SCHEMES:
        return Verdict.SCHEME
    if scheme:
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            return Verdict.NO_HOST
        if "@" in parts.netloc:
            return Verdict.USER_INFO
        if not host or not text.lower().startswith("https://"):
            return Verdict.NO_HOST
        return Verdict.HTTPS
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        return Verdict.OTHER_HOST
    if text.startswith(("/", "\\", "~")):
        return Verdict.ABSOLUTE
    return Verdict.LOCAL


def is_public_https(raw: str) -> bool:
    return classify(raw) is Verdict.HTTPS


def inside(path: str | os.PathLike[str], root: Path) -> bool:
    """Whether ``path``, symbolic links followed, is ``root`` or below it."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def local_path(raw: str) -> str:
    """The file part of a local address: no #anchor or ?query, %-escapes decoded."""
    return unquote(normalise(raw).split("#", 1)[0].split("?", 1)[0])


def message(raw: str, verdict: Verdict, construct: str, *, local_allowed: bool = True) -> str:
    """What is wrong with an address of ``verdict``, and what to write instead (one wording everywhere)."""
    written = shown(raw)
    instead = ("write a public https:// address, or the path of a page or file of the collection "
               "relative to this page (like ../topics/use-of-force.md)" if local_allowed
               else "write a public https:// address")
    if verdict is Verdict.HTTP:
        secure = "https://" + normalise(raw).split("://", 1)[-1]
        return (f"the address '{written}' starts with http://; write it with https:// ('{shown(secure)}'), "
                "and if the site has no https:// version, link to another public copy instead")
    if verdict is Verdict.USER_INFO:
        return (f"the address '{written}' ({construct}) holds a user name or password before '@', which pages "
                "may not give; write the public https:// address without it")
    if verdict is Verdict.NO_HOST:
        return f"the address '{written}' ({construct}) names no host; write the full https:// address"
    if verdict is Verdict.OTHER_HOST:
        return (f"the address '{written}' ({construct}) starts with '//' and so points to another host; "
                "write the full https:// address")
    if verdict is Verdict.CONTROL:
        return (f"the address '{written}' ({construct}) holds a control character (such as a tab or a line "
                "break); write the address on one line, with no such characters")
    if verdict is Verdict.SCHEME:
        return (f"the address '{written}' ({construct}) uses '{scheme_of(raw)}:', and pages may use only "
                f"https: addresses; {instead}")
    return f"the address '{written}' ({construct}) is not allowed; {instead}"


def shown(raw: str) -> str:
    """An address as a message shows it: on one line, controls escaped, not too long."""
    text = str(raw).encode("unicode_escape").decode("ascii") if _CONTROLS.search(str(raw)) else str(raw)
    return text if len(text) <= 120 else text[:117] + "…"
