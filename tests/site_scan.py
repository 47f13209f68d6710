"""Scan a built site for what no page of the collection may put there (used by several tests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from community_trust.pages import addresses

#: attributes that hold an address
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "cite", "background",
                      "manifest", "icon", "srcset"}
#: schemes that run script or read the machine: never in the site
BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
#: attributes that load something into the page (a src to another host is a tracker)
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inline_scripts: list[str] = []
        self.policies: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"inline event handler <{tag} {name}=…>")
            if name in ADDRESS_ATTRIBUTES:
                for address in (value.split(",") if name == "srcset" else [value]):
                    address = address.strip().split(" ")[0] if name == "srcset" else address
                    scheme = addresses.scheme_of(address)
                    if scheme in BAD_SCHEMES:
                        self.found.append(f"<{tag} {name}='{address[:80]}'>")
                    elif name in LOADING_ATTRIBUTES and addresses.classify(address) is not addresses.Verdict.LOCAL:
                        self.found.append(f"<{tag} {name}='{address[:80]}'> loads from another host")
        if tag == "base":
            self.found.append("<base>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append(f"<meta http-equiv=refresh content='{values.get('content', '')[:80]}'>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
        if tag == "script" and "src" not in values and values.get("type", "text/javascript") in (
                "text/javascript", "module", "application/javascript", ""):
            self._script = []
        if tag in ("iframe", "object", "embed", "frame"):
            self.found.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def scan_page(text: str) -> _Scan:
    scan = _Scan()
    scan.feed(text)
    return scan


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)


def hostile(outdir: Path) -> list[str]:
    """Every address, handler or remote load in the built site that no page may produce, as 'file: what'."""
    found = []
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        where = path.relative_to(outdir).as_posix()
        if path.suffix in (".html", ".htm"):
            found += [f"{where}: {item}" for item in scan_page(path.read_text(encoding="utf-8", errors="replace")).found]
        elif path.suffix == ".css":
            for address in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                verdict = addresses.classify(address)
                if verdict is not addresses.Verdict.LOCAL and addresses.scheme_of(address) != "data":
                    found.append(f"{where}: url({address[:80]}) loads from another host")
        elif path.suffix == ".svg":
            from community_trust.pages.files import unsafe_file
            if unsafe_file(path):
                found.append(f"{where}: an SVG that can run script")
    return found
