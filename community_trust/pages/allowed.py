"""What a page may use: the directives, roles and options the style guide names, and nothing else.

An allow-list, not a deny-list (why: ARCHITECTURE.md, "Untrusted pages: the allow-lists and
every address"); names and option names are compared in lower case, as docutils and Sphinx look
them up. No Sphinx import; STYLEGUIDE.md and CONTRIBUTING.md list the same names.
"""

from __future__ import annotations

from collections.abc import Mapping

_CARD = frozenset({"link", "link-type", "link-alt", "img-top", "img-bottom", "img-alt", "shadow",
                   "text-align", "margin", "width"})

#: directive → the options it may take (a page may use only these directives)
DIRECTIVES: Mapping[str, frozenset[str]] = {
    # the collection's own
    "members-only": frozenset(),
    "topic-cards": frozenset(),
    "topic-resources": frozenset(),
    "resource-catalog": frozenset(),
    "collection-count": frozenset({"publisher", "access"}),
    "packet-list": frozenset(),
    "whats-new": frozenset({"latest"}),
    # admonitions
    "note": frozenset(),
    "tip": frozenset(),
    "important": frozenset(),
    "warning": frozenset(),
    "seealso": frozenset(),
    # images of the collection (docs/images/)
    "image": frozenset({"alt", "width", "height", "scale", "align", "target"}),
    "figure": frozenset({"alt", "width", "height", "scale", "align", "target", "figwidth"}),
    # sphinx-design layout
    "card": _CARD,
    "grid": frozenset({"gutter", "margin", "padding", "outline", "reverse"}),
    "grid-item": frozenset({"columns", "margin", "padding", "outline", "child-direction", "child-align"}),
    "grid-item-card": _CARD | {"columns", "padding"},
    # navigation: only on pages that are not resources or topics (the build makes theirs)
    "toctree": frozenset({"maxdepth", "caption", "hidden", "titlesonly", "numbered"}),
}
#: directives only the home page and the other pages outside resources/ and topics/ may use
NAVIGATION_DIRECTIVES = frozenset({"toctree"})
#: roles a page may use
ROLES = frozenset({"doc", "ref", "abbr", "sub", "sup"})
#: values of sphinx-design's ':link-type:'
LINK_TYPES = frozenset({"url", "doc", "ref"})
#: options whose value is an address: a link (page or https:) or an image file of the collection
LINK_OPTIONS = frozenset({"link", "target"})
IMAGE_OPTIONS = frozenset({"img-top", "img-bottom", "img-background", "avatar"})


def normalised(name: str) -> str:
    """A directive's, role's or option's name as docutils and Sphinx look it up."""
    return name.strip().lower()


def _names(names: object) -> str:
    return ", ".join(f"'{{{n}}}'" for n in sorted(names))  # type: ignore[call-overload]


def directive_message(name: str, navigation: bool) -> str:
    allowed = [n for n in DIRECTIVES if navigation or n not in NAVIGATION_DIRECTIVES]
    if normalised(name) in NAVIGATION_DIRECTIVES:
        return (f"a '{{{name}}}' block belongs only on the home page and the pages outside resources/ and "
                "topics/; the build makes the navigation of resource and topic pages, so remove it")
    return (f"the directive '{{{name}}}' is not one a page may use; the directives allowed are "
            f"{_names(allowed)} (STYLEGUIDE.md, 'What a page may contain'): write the content in Markdown")


def option_message(directive: str, option: str) -> str:
    allowed = DIRECTIVES.get(normalised(directive), frozenset())
    which = ", ".join(f"':{o}:'" for o in sorted(allowed)) if allowed else "none"
    return (f"the option ':{option}:' of '{{{directive}}}' is not one a page may use; the options allowed "
            f"there are: {which}")


def link_type_message(directive: str, value: str) -> str:
    return (f"':link-type: {value}' of '{{{directive}}}' is not allowed; write one of: "
            f"{', '.join(sorted(LINK_TYPES))}")


def role_message(name: str) -> str:
    return (f"the role '{{{name}}}' is not one a page may use; the roles allowed are {_names(ROLES)}: "
            "to link a page of the collection write {doc}`../resources/police-pursuits`, "
            "and link a public document by its https:// address")
