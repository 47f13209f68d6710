"""Addresses that outlive a printed binder: the record of every published address, and the redirects.

:func:`check` compares ``docs/addresses.txt`` and ``docs/redirects.txt`` with the pages that exist,
so renaming or removing a page without a redirect fails the lint and the build, naming the file and
the line to add. A record, not a ``git diff`` against a branch: it works on a fresh clone. Why:
ARCHITECTURE.md, "Addresses that outlive a printed binder". No Sphinx import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from community_trust.pages import layout
from community_trust.pages.problems import Kind, Problem

ADDRESSES = "addresses.txt"
REDIRECTS = "redirects.txt"
ARROW = "->"
REMOVED = "removed:"
_ADDRESS = re.compile(r"^resources/[a-z0-9]+(?:-[a-z0-9]+)*$")

ADDRESSES_HEADER = """\
# Every resource page's address the collection has published, one per line.
# Printed binders (QR codes) and citation downloads lead to these addresses, so a
# line is never removed: a page renamed or removed gets a line in redirects.txt.
# make new-resource adds the line for a new page.
"""


@dataclass(frozen=True)
class Redirect:
    """One line of ``redirects.txt``: ``source`` leads to ``target``, or was removed (``removed`` says why)."""

    source: str
    line: int
    target: str = ""
    removed: str = ""


@dataclass(frozen=True)
class Record:
    """The two files, read: each published address with its line, and the redirects."""

    addresses: tuple[tuple[str, int], ...]
    redirects: tuple[Redirect, ...]
    problems: tuple[Problem, ...]

    def redirect_of(self, source: str) -> Redirect | None:
        return next((r for r in self.redirects if r.source == source), None)


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    if not path.is_file():
        return []
    return [(number, line.strip()) for number, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip() and not line.strip().startswith("#")]


def read(docs: Path) -> Record:
    """Read ``addresses.txt`` and ``redirects.txt`` of ``docs``; malformed lines are problems."""
    problems: list[Problem] = []
    addresses_path, redirects_path = docs / ADDRESSES, docs / REDIRECTS
    addresses: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for number, line in _lines(addresses_path):
        if not _ADDRESS.match(line):
            problems.append(Problem(number, f"'{line}' is not a resource page's address; write one per line "
                                    "as resources/FILE-NAME, like resources/police-pursuits", Kind.ADDRESSES,
                                    addresses_path))
        elif line in seen:
            problems.append(Problem(number, f"'{line}' is already listed on line {seen[line]}; remove this line",
                                    Kind.ADDRESSES, addresses_path))
        else:
            seen[line] = number
            addresses.append((line, number))
    redirects: list[Redirect] = []
    sources: dict[str, int] = {}
    for number, line in _lines(redirects_path):
        source, arrow, rest = (part.strip() for part in line.partition(ARROW))
        removed = rest[len(REMOVED):].strip() if rest.startswith(REMOVED) else ""
        if not arrow or not _ADDRESS.match(source) or not (rest.startswith(REMOVED) or _ADDRESS.match(rest)):
            problems.append(Problem(number, "write a redirect as 'resources/OLD-NAME -> resources/NEW-NAME', or "
                                    "'resources/OLD-NAME -> removed: what became of it' for a resource taken out",
                                    Kind.ADDRESSES, redirects_path))
            continue
        if rest.startswith(REMOVED) and not removed:
            problems.append(Problem(number, f"say in one sentence after 'removed:' what became of {source} "
                                    "(withdrawn by its publisher, merged into another page …)", Kind.ADDRESSES,
                                    redirects_path))
            continue
        if source in sources:
            problems.append(Problem(number, f"{source} is already redirected on line {sources[source]}; keep one "
                                    "line for it", Kind.ADDRESSES, redirects_path))
            continue
        sources[source] = number
        redirects.append(Redirect(source, number, "" if removed else rest, removed))
    return Record(tuple(addresses), tuple(redirects), tuple(problems))


def check(docs: Path, resource_slugs: Iterable[str]) -> list[Problem]:
    """Every published address leads somewhere; every page is recorded; every redirect is sound."""
    record = read(docs)
    problems = list(record.problems)
    addresses_path, redirects_path = docs / ADDRESSES, docs / REDIRECTS
    pages = {layout.resource_docname(slug) for slug in resource_slugs}
    published = dict(record.addresses)
    redirects = {r.source: r for r in record.redirects}
    unrecorded = sorted(pages - set(published))
    for address, line in record.addresses:
        if address in pages or address in redirects:
            continue
        close = difflib.get_close_matches(address, unrecorded, n=1, cutoff=0.3)
        target = close[0] if close else "resources/NEW-NAME"
        problems.append(Problem(line, f"{address} was published (printed binders and saved citations lead to "
                                "it) but has no page now; add the line "
                                f"'{address} -> {target}' to docs/{REDIRECTS} (the page that took its place), "
                                f"or '{address} -> removed: what became of it' if the resource was taken out "
                                "(if the page was added in this same change and never published, change this line "
                                "to its new address instead)",
                                Kind.ADDRESSES, addresses_path))
    for page in sorted(pages - set(published)):
        problems.append(Problem(1, f"this page's address is not in docs/{ADDRESSES}, the record of every address "
                                f"the collection has published; add the line '{page}' to it (make new-resource "
                                "does this for a new page)", Kind.ADDRESSES, layout.path_of(docs, page)))
    for redirect in record.redirects:
        if redirect.source in pages:
            problems.append(Problem(redirect.line, f"{redirect.source} has a page, so it cannot be redirected; "
                                    "remove this line (or the page)", Kind.ADDRESSES, redirects_path))
            continue
        if redirect.source not in published:
            problems.append(Problem(redirect.line, f"{redirect.source} is not in docs/{ADDRESSES}; add the line "
                                    f"'{redirect.source}' to it, or remove this redirect if the address was never "
                                    "published", Kind.ADDRESSES, redirects_path))
        if redirect.removed:
            continue
        if redirect.target == redirect.source:
            problems.append(Problem(redirect.line, f"{redirect.source} redirects to itself; point it to the page "
                                    "that took its place", Kind.ADDRESSES, redirects_path))
        elif redirect.target in redirects:
            final = _final(redirect.target, redirects)
            fix = (f"point this line straight to {final}" if final
                   else "the redirects make a loop: point each to a page that exists")
            problems.append(Problem(redirect.line, f"{redirect.target} is itself a redirect (line "
                                    f"{redirects[redirect.target].line}); {fix}", Kind.ADDRESSES, redirects_path))
        elif redirect.target not in pages:
            close = difflib.get_close_matches(redirect.target, sorted(pages), n=1)
            hint = f"did you mean {close[0]}?" if close else "point it to an existing resource page"
            problems.append(Problem(redirect.line, f"{redirect.target} is no page of the collection, so this "
                                    f"redirect leads nowhere; {hint}", Kind.ADDRESSES, redirects_path))
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.message))


def _final(address: str, redirects: dict[str, Redirect]) -> str:
    """Where a chain of redirects ends (a page, or a removal); "" for a loop."""
    seen = set()
    while address in redirects and address not in seen:
        seen.add(address)
        redirect = redirects[address]
        if redirect.removed:
            return address
        address = redirect.target
    return "" if address in seen else address


def record_new_page(docs: Path, slug: str) -> None:
    """Add a new page's address to ``addresses.txt`` (the scaffold calls this)."""
    path = docs / ADDRESSES
    address = layout.resource_docname(slug)
    if address in dict(read(docs).addresses):
        return
    text = path.read_text(encoding="utf-8") if path.is_file() else ADDRESSES_HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + address + "\n", encoding="utf-8", newline="\n")
