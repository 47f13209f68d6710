"""Page numbers of a binder laid out in parts: lay out, number, lay out again until they hold.

A part starts on a right-hand page; its numbers come from where the other parts put their anchors.
Digits are set at one width, so a number of the same length breaks lines the same way; a part whose
numbers still change is laid out again, like LaTeX run again for its references. No Sphinx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from community_trust.binders.parts import Part
from community_trust.binders.render import Layout

#: rounds of layout after the first before the numbers must hold
MAX_ROUNDS = 4


@dataclass(frozen=True)
class Job:
    """One layout of one part: its HTML, where its PDF goes (none: layout only), its first page."""

    binder: str
    part: int
    html: str
    pdf: Path | None
    first_page: int


@dataclass
class Pages:
    """One binder's parts and what their layouts gave."""

    name: str
    parts: list[Part]
    #: the stand-in page number of the first layout (as many digits as the binder's pages, about)
    guess: int = 1
    layouts: list[Layout | None] = field(default_factory=list)
    #: per part, the first page and the numbers it was written with
    written: list[tuple[int, dict[str, int]] | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.layouts = [None] * len(self.parts)
        self.written = [None] * len(self.parts)

    def starts(self) -> list[int]:
        """Each part's first page number (as laid out so far; an unknown length counts as 0)."""
        found, page = [], 1
        for layout in self.layouts:
            found.append(page)
            pages = layout.pages if layout is not None else 0
            page += pages + pages % 2
        return found

    def page_of(self) -> dict[str, int]:
        """Anchor → the page number its element starts on."""
        found: dict[str, int] = {}
        for start, layout in zip(self.starts(), self.layouts, strict=True):
            if layout is None:
                continue
            for offset, anchors in enumerate(layout.anchors):
                for anchor in anchors:
                    found.setdefault(anchor, start + offset)
        return found

    def numbers(self, number: int, page_of: Mapping[str, int]) -> dict[str, int]:
        """The numbers part ``number`` prints: its links' targets' pages."""
        return {target: page_of.get(target, self.guess) for target in self.parts[number].targets}

    def wanted(self, number: int) -> tuple[int, dict[str, int]]:
        """The first page and numbers part ``number`` must be written with, as laid out so far."""
        return self.starts()[number], self.numbers(number, self.page_of())

    def written_pages(self) -> list[int]:
        """Each written part's pages, and the blank page after it."""
        last = len(self.parts) - 1
        return [layout.pages + (layout.pages % 2 if n < last else 0)
                for n, layout in enumerate(self.layouts) if layout is not None]


#: (binder, part, first page, numbers) → the part's HTML
Document = Callable[[str, int, int, Mapping[str, int]], str]
#: runs layouts (in worker processes), results in the order of the jobs
Runner = Callable[[list[Job]], list[Layout]]


def paginate(binders: list[Pages], document: Document, run: Runner, folder: Path) -> bool:
    """Lay out and write every part of ``binders`` (PDFs in ``folder``) until their numbers hold;
    False when they did not settle."""
    first = [Job(b.name, n, document(b.name, n, 1, b.numbers(n, {})), None, 1)
             for b in binders for n in range(len(b.parts) - 1)]
    by_name = {b.name: b for b in binders}
    for job, layout in zip(first, run(first), strict=True):
        by_name[job.binder].layouts[job.part] = layout
    for _ in range(MAX_ROUNDS):
        jobs = []
        for binder in binders:
            page_of, starts = binder.page_of(), binder.starts()
            for number in range(len(binder.parts)):
                wanted = (starts[number], binder.numbers(number, page_of))
                if binder.written[number] != wanted:
                    binder.written[number] = wanted
                    jobs.append(Job(binder.name, number, document(binder.name, number, *wanted),
                                    folder / f"{binder.name}-{number}.pdf", wanted[0]))
        if not jobs:
            return True
        for job, layout in zip(jobs, run(jobs), strict=True):
            by_name[job.binder].layouts[job.part] = layout
    return all(b.written[n] == b.wanted(n) for b in binders for n in range(len(b.parts)))
