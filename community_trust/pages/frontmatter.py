"""Read a page's YAML front matter with the line number of every key.

myst-parser keeps front matter only as strings and reports broken YAML at
line 1, so a contributor could not tell which line to fix. We parse the
block ourselves with ``yaml.compose``, which keeps a position for each node.
This module has no Sphinx dependency so the lint session can use it too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

FENCE = "---"


@dataclass
class FrontMatter:
    """The parsed block: plain values, and the 1-based line of each key."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    #: line of the opening fence; problems with no better place point here
    start_line: int = 1
    #: number of lines the block takes, fences included
    length: int = 0

    def line_of(self, key: str) -> int:
        """The line where ``key`` is written, or the block's first line."""
        return self.lines.get(key, self.start_line)


class FrontMatterError(Exception):
    """Front matter that cannot be read at all; carries the line to fix."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def split(text: str) -> tuple[str | None, int]:
    """Return the YAML text between the fences and the number of lines used.

    ``None`` when the page does not start with a ``---`` fence.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "\n".join(lines[1:index]), index + 1
    raise FrontMatterError(
        "the front matter starts with '---' on line 1 but never ends; "
        "add a line with only '---' after the last field",
        1,
    )


#: libyaml's parser where PyYAML has it: every page's front matter is read
#: on every clean build, and the pure-Python parser was the largest cost of
#: reading a page. Its nodes carry the same line marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(block: str) -> yaml.Node | None:
    """The YAML node tree of ``block``; raise FrontMatterError if it is broken."""
    try:
        return yaml.compose(block, Loader=FAST_LOADER)
    except yaml.YAMLError:
        pass  # rare: the pure-Python parser below words the problem, the same on every machine
    try:
        return yaml.compose(block, Loader=yaml.SafeLoader)
    except RecursionError:
        raise FrontMatterError(
            f"the front matter is nested more than {MAX_DEPTH} levels deep; write fields as 'field: value' "
            "lines and lists of entries, as STYLEGUIDE.md shows", 2) from None
    except yaml.YAMLError as exc:
        # the construct that is broken starts at the context mark (an unclosed
        # bracket or quote); without one, the problem mark is the place
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        # +2: one for the opening fence, one because marks count from 0
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        if "'\\t'" in problem:
            raise FrontMatterError(
                "the front matter is indented with a tab on this line, and YAML allows only spaces; "
                "replace the tab with spaces (two per level)", line) from None
        raise FrontMatterError(
            f"the front matter is not valid YAML ({problem}); check indentation and "
            "put quotes around values that contain a colon",
            line,
        ) from None


#: how deep lists and mappings may nest (sources → an entry → its fields is three)
MAX_DEPTH = 6


def _check_shape(block: str) -> None:
    """Refuse YAML anchors and aliases, and nesting past ``MAX_DEPTH``, before the block is composed.

    An alias repeats a value without writing it again: a page of a few
    kilobytes could then expand into gigabytes in the catalogue and the search
    index. Read as events (a flat stream), so depth costs no recursion.
    """
    depth = 0
    try:
        for event in yaml.parse(block, Loader=FAST_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(
                    "YAML anchors and aliases ('&name', '*name') are not allowed in pages; write each value out "
                    "in full", event.start_mark.line + 2)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrontMatterError(
                        f"the front matter is nested more than {MAX_DEPTH} levels deep here; write fields as "
                        "'field: value' lines and lists of entries, as STYLEGUIDE.md shows", event.start_mark.line + 2)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # broken YAML: _compose words the problem at its line


def parse(text: str) -> FrontMatter:
    """Parse the front matter of a page's text; raise FrontMatterError if broken."""
    block, length = split(text)
    if block is None:
        return FrontMatter()
    _check_shape(block)
    root = _compose(block)
    if root is None:
        return FrontMatter(length=length)
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError(
            "the front matter must be a list of 'field: value' lines", 2
        )
    matter = FrontMatter(length=length)
    # plain values by the safe loader's rules, one constructor for the whole block
    constructor = yaml.SafeLoader("")
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError("a field name must be a plain word, like 'title'; write 'field: value' lines",
                                   key_node.start_mark.line + 2)
        key = str(key_node.value)
        if key in matter.data:
            raise FrontMatterError(
                f"the field '{key}' is written twice; keep one", key_node.start_mark.line + 2
            )
        matter.lines[key] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):  # each entry of a list: "resources[0]", …
            for index, item in enumerate(value_node.value):
                matter.lines[item_key(key, index)] = item.start_mark.line + 2
        try:
            matter.data[key] = constructor.construct_document(value_node)
        except (ValueError, OverflowError, RecursionError):  # a number past Python's limits (5,000 digits)
            raise FrontMatterError(
                f"the field '{key}' cannot be read (a number too long, or a value too deep); write plain "
                "text, a short number or a list", matter.lines[key]) from None
        except yaml.YAMLError as exc:  # a '!!' tag the safe loader refuses, not a Python traceback
            problem = getattr(exc, "problem", None) or str(exc)
            raise FrontMatterError(
                f"the field '{key}' cannot be read ({problem}); write plain text, a number "
                "or a list, without a '!' tag",
                matter.lines[key],
            ) from None
    constructor.dispose()
    return matter


def item_key(key: str, index: int) -> str:
    """The name under which the line of entry ``index`` (from 0) of the list ``key`` is kept."""
    return f"{key}[{index}]"


def as_text(value: Any) -> str:
    """A front-matter scalar as text, with YAML dates written back as ISO dates."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
