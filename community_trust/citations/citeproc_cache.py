"""citeproc-py's look-ups in the style and the source, kept per process: the same references, faster.

citeproc-py searches the unchanging style with XPath hundreds of times per reference and has no hook
to cache it; why each cache is safe: ARCHITECTURE.md, "Citations".
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
