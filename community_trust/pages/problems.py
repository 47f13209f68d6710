"""The one result type of every check: where something is wrong, what kind of thing, and what to do.

A leaf module, so that every stage can report: the readers of a page's bytes
and front matter, the page rules, the build (as warnings), the lint and the
freshness report (as ``file:line: message`` lines).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from pathlib import Path

#: the type of every warning the collection's build gives; its subtype is the problem's :class:`Kind`
WARNING_TYPE = "community_trust"


class Kind(enum.Enum):
    """What a problem is about, so code never tells problems apart by their text.

    The value is the warning's subtype: ``suppress_warnings = ["community_trust.print"]``.
    """

    BYTES = "bytes"  #: the file is not UTF-8 text of a sane size
    METADATA = "metadata"  #: the front matter, its fields, and the rules across pages
    PAGE = "page"  #: the page rules on a page's text
    READS_FILES = "reads-files"  #: a construct that reads a file or an address while the site is built
    DIRECTIVE = "directive"  #: a directive of the collection used wrongly
    NOT_ALLOWED = "not-allowed"  #: markup a page may not use: raw HTML, or a directive, role or option off the allow-list
    ADDRESS = "address"  #: an address that is not public https: nor a page or file of the collection
    LIMIT = "limit"  #: a page beyond a limit of size or shape (lines, links, nesting)
    NOTICE = "notice"  #: the member-only notice
    PRINT = "print"  #: the binders: fonts, paper, which binders
    SETTING = "setting"  #: a ``ctr_*`` value of conf.py, or the environment variable behind it
    HOSTING = "hosting"  #: the hosting and repository files (.readthedocs.yaml, workflows)
    OVERDUE = "overdue"  #: addresses last verified too long ago (the freshness report fails)
    UNVERIFIED = "unverified"  #: addresses copied from notes, never opened live (listed only)
    SPELLING = "spelling"
    ADDRESSES = "addresses"  #: the record of published addresses and the redirects (docs/addresses.txt, docs/redirects.txt)

    def as_warning(self) -> dict[str, str]:
        """Sphinx's warning type and subtype: ``logger.warning(message, **kind.as_warning())``."""
        return {"type": WARNING_TYPE, "subtype": self.value}


@dataclass(frozen=True)
class Problem:
    """One thing wrong: its line (in ``path`` once known), its kind, and what to do about it."""

    line: int
    message: str
    kind: Kind
    #: the file, once a tool reports it (the build reports at a docname instead)
    path: Path | None = None

    def at(self, path: Path) -> Problem:
        """The same problem, located in ``path``."""
        return dataclasses.replace(self, path=path)

    def __str__(self) -> str:
        where = f"{shown_path(self.path)}:" if self.path is not None else ""
        return f"{where}{self.line}: {self.message}"


def shown_path(path: Path) -> str:
    """A path as the reader typed it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
