"""citeproc-py's searches of the style, made once per process instead of on every reference.

citeproc-py (0.11) finds a macro, a term or an enclosing element with an lxml XPath search, and
asks whether a group calls a variable by walking its subtree, each time it needs to, hundreds
of times per reference: most of the time an APA reference took. The style never changes while
references are formatted (the one insertion citeproc-py makes, a default ``cs:name`` under a
``cs:names``, changes no searched path and no answer: a ``cs:names`` always calls a variable),
so each element's answers are kept; so is each cited item's entry in its source, which
citeproc-py looks up again for every variable it reads. citeproc-py has no hook for this;
``install`` is idempotent, and the citation tests check that the references are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import CitationItem

#: (element, expression) → what the search found; the elements are those of the parsed styles
_FOUND: dict[tuple[Any, str], tuple[Any, ...]] = {}
#: element → whether it or an element inside it calls a variable
_CALLS: dict[Any, bool] = {}


def _searching(search: Callable[[Any, str], list[Any]]) -> Callable[[Any, str], tuple[Any, ...]]:
    def xpath_search(self: Any, expression: str) -> tuple[Any, ...]:
        key = (self, expression)
        found = _FOUND.get(key)
        if found is None:
            found = _FOUND[key] = tuple(search(self, expression))
        return found

    return xpath_search


def _asking(calls: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def calls_variable(self: Any) -> bool:
        answer = _CALLS.get(self)
        if answer is None:
            answer = _CALLS[self] = bool(calls(self))
        return answer

    return calls_variable


def _kept_reference(reference: property) -> property:
    """``CitationItem.reference``, looked up once per item (its source is fixed once it is cited)."""
    def kept(self: Any) -> Any:
        found = self.__dict__.get("_ctr_reference")
        if found is None:
            found = reference.fget(self)  # type: ignore[misc]
            object.__setattr__(self, "_ctr_reference", found)  # the class stores attributes as items
        return found

    return property(kept)


def install() -> None:
    """Memoize ``xpath_search``, the two recursive ``calls_variable`` and an item's reference, once."""
    if getattr(model.CitationStylesElement, "_ctr_cached", False):
        return
    model.CitationStylesElement.xpath_search = _searching(model.CitationStylesElement.xpath_search)
    for cls in (model.Parent, model.Text):  # a group's children; a text's macro
        cls.calls_variable = _asking(cls.__dict__["calls_variable"])
    CitationItem.reference = _kept_reference(CitationItem.__dict__["reference"])
    model.CitationStylesElement._ctr_cached = True
