"""citeproc-py's searches of the style, made once per process instead of on every reference.

citeproc-py (0.11) finds a macro, a term or an enclosing element with an lxml XPath search, and
asks whether a group calls a variable by walking its subtree, each time it needs to, hundreds
of times per reference: most of the time an APA reference took. The style never changes while
references are formatted (the one insertion citeproc-py makes, a default ``cs:name`` under a
``cs:names``, changes no searched path and no answer: a ``cs:names`` always calls a variable),
so each element's answers are kept. citeproc-py has no hook for this; ``install`` is
idempotent, and ``tests/test_citations.py`` checks that the references are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model

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


def install() -> None:
    """Memoize ``xpath_search`` and the two recursive ``calls_variable``, once."""
    if getattr(model.CitationStylesElement, "_ctr_cached", False):
        return
    model.CitationStylesElement.xpath_search = _searching(model.CitationStylesElement.xpath_search)
    for cls in (model.Parent, model.Text):  # a group's children; a text's macro
        cls.calls_variable = _asking(cls.__dict__["calls_variable"])
    model.CitationStylesElement._ctr_cached = True
