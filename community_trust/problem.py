"""The one result type of every check: a line of a page and what to do there.

A leaf module (no imports from the package), so that the readers of a page's
bytes, of its front matter and of its fields can all report problems.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: where it is and what to do about it."""

    line: int
    message: str
