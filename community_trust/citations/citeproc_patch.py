"""One correction to citeproc-py: variables used in a substitution are not printed twice.

citeproc-py (0.11) suppresses a substituted variable only when it is a direct child of
``cs:substitute``; APA substitutes the title through a macro, so an authorless work printed its
title twice (citeproc-py issue 91). No other Python CSL processor exists; ``install`` is
idempotent, and ``tests/test_citations.py`` checks the result.
"""

from __future__ import annotations

from typing import Any

from citeproc import model

_RECORDING = "_ctr_substituted"


def _recording(context: Any) -> list[tuple[str, str]] | None:
    return getattr(context.get_layout(), _RECORDING, None)


def install() -> None:
    """Patch citeproc-py's ``Text``, ``Number`` and ``Substitute`` once."""
    if getattr(model.Substitute, "_ctr_fixed", False):
        return
    text_variable = model.Text._variable
    number_process = model.Number.process
    substitute_render = model.Substitute.render

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = text_variable(self, item, context)
        found = _recording(context)
        if text and found is not None:
            found.append((self.tag, self.get("variable")))
        return text

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = number_process(self, item, context=context, **kwargs)
        found = _recording(context if context is not None else self)
        if text and found is not None:
            found.append((self.tag, self.get("variable")))
        return text

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = context.get_layout()
        outer = getattr(layout, _RECORDING, None)
        setattr(layout, _RECORDING, [])
        try:
            text = substitute_render(self, item, context=context, **kwargs)
            printed = getattr(layout, _RECORDING)
        finally:
            setattr(layout, _RECORDING, outer)
        if text:
            for tag, variable in printed:
                layout.repressed.setdefault(tag, []).append(variable)
            if outer is not None:
                outer.extend(printed)
        return text

    model.Text._variable = _variable
    model.Number.process = process
    model.Substitute.render = render
    model.Substitute._ctr_fixed = True
