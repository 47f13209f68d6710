"""Front-matter values are plain text: one line, no controls; titles with no hidden characters.

Every page's front matter is checked here, the same in the lint and the build: no settings, only
``title``, ``description`` and ``orphan`` on a page that is not a record, every text value on one
line, no hidden character in a title, and :func:`title_key`, under which look-alike titles are one.
The rules and why: ARCHITECTURE.md, "Front matter is plain text". No Sphinx import.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from confusable_homoglyphs import categories, confusables

from community_trust.pages import layout
from community_trust.pages.frontmatter import FrontMatter
from community_trust.pages.problems import Kind, Problem

#: keys MyST and Sphinx read as settings of the page or of the collection
SETTING_KEYS = ("myst", "mystnb", "html_meta", "substitutions", "tocdepth", "nocomments", "nosearch")
#: the fields of a page outside resources/ and topics/
OTHER_PAGE_FIELDS = ("title", "description", "orphan")
#: fields that name the resource: shown as headings, in search and in the binders
TITLE_FIELDS = ("title", "short_title", "also_known_as")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: bidirectional controls: embeddings, overrides, isolates and marks
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _invisible(char: str) -> bool:
    """Format characters (zero-width space and joiners, soft hyphen, word joiner …) and other
    characters that print nothing: they hide what a title holds."""
    return unicodedata.category(char) in ("Cf", "Co", "Cn", "Zl", "Zp") or char in "\u115f\u1160\u3164\uffa0\u034f"


def control_message(key: str) -> str:
    return (f"field '{key}': the value holds a line break, a tab or another control character; write it "
            "on one line, as plain text")


def bidi_message(key: str) -> str:
    return (f"field '{key}': the title holds a character that reverses or reorders the text around it "
            "(a bidirectional control, such as U+202E); remove it and write the title as it reads")


def invisible_message(key: str, char: str) -> str:
    return (f"field '{key}': the title holds an invisible character (U+{ord(char):04X} "
            f"{unicodedata.name(char, 'unnamed')}); remove it")


def setting_message(key: str) -> str:
    return (f"the field '{key}' changes how the collection is built, which a page may not do; remove it "
            "(the collection's settings live in conf.py)")


def other_field_message(key: str) -> str:
    fields = ", ".join(f"'{f}'" for f in OTHER_PAGE_FIELDS)
    return f"unknown field '{key}'; a page outside resources/ and topics/ may have only {fields}"


def _strings(value: Any) -> Iterator[str]:
    """Every text value inside ``value`` (lists and mappings entered)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def check(docname: str, matter: FrontMatter) -> list[Problem]:
    """The plain-text rules for one page's front matter, each at its line."""
    found: list[Problem] = []
    other_page = (layout.resource_slug(docname) is None and layout.topic_slug(docname) is None
                  and layout.packet_slug(docname) is None)
    for key, value in matter.data.items():
        line = matter.line_of(key)
        if key in SETTING_KEYS:
            found.append(Problem(line, setting_message(key), Kind.METADATA))
            continue
        if other_page and key not in OTHER_PAGE_FIELDS:
            found.append(Problem(line, other_field_message(key), Kind.METADATA))
        texts = list(_strings(value))
        if any(_CONTROL.search(text.strip()) for text in texts):
            found.append(Problem(line, control_message(key), Kind.METADATA))
        if key in TITLE_FIELDS:
            if any(_BIDI.search(text) for text in texts):
                found.append(Problem(line, bidi_message(key), Kind.METADATA))
            else:
                hidden = next((c for text in texts for c in text if _invisible(c)), None)
                if hidden is not None:
                    found.append(Problem(line, invisible_message(key, hidden), Kind.METADATA))
    return found


#: letters of other scripts that print like a Latin letter, folded to it (the common part of
#: Unicode's confusables table for Cyrillic and Greek; no maintained table is a dependency yet)
#: punctuation that reads the same: typographic quotes and dashes (letters: :func:`_as_latin`)
_LOOK_ALIKES = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})


@functools.lru_cache(maxsize=4096)
def _as_latin(char: str) -> str:
    """The Latin letter a character of another script passes for (Cyrillic "а" for "a"), from the
    Unicode Consortium's confusables data as ``confusable_homoglyphs`` ships it; else the character."""
    if char.isascii() or categories.alias(char) in ("LATIN", "COMMON"):
        return char
    for found in confusables.is_confusable(char, preferred_aliases=["latin"]) or []:
        for glyph in found["homoglyphs"]:
            if len(glyph["c"]) == 1 and categories.alias(glyph["c"]) == "LATIN":
                return glyph["c"].casefold()
    return char


def title_key(title: str) -> str:
    """The form in which two titles compare as the same: NFKC, case folded, hidden characters
    dropped, look-alike letters of other scripts folded to Latin, spaces collapsed."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = "".join(c for c in text if not _invisible(c) and not _BIDI.match(c))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(_as_latin(c) for c in text.translate(_LOOK_ALIKES))
    return " ".join(text.split())


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def as_heading(title: str) -> str:
    """A title as MyST's heading text that reads back as the same plain text, never as Markdown.

    MyST writes ``# {title}`` and parses it (``title_to_header``): every ASCII
    punctuation character is escaped with a backslash (CommonMark reads it back
    as itself), and line breaks and controls become spaces, so no link, image,
    role, directive or HTML can come out of a title.
    """
    one_line = " ".join(_CONTROL.sub(" ", title).split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line)
