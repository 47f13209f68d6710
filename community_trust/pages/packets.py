"""A training packet: a trainer's session as a page, checked like every other page.

The record :class:`Packet`, its rules across pages, the session plan's sections and agenda
minutes, the questions of a resource's *Using it in training* list, the template of a new packet.
Every rule returns a :class:`Problem` with the line and the fix, for the lint and the build
alike; what a packet page holds: ARCHITECTURE.md, "Training packets". No Sphinx import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from community_trust.pages import layout
from community_trust.pages.frontmatter import FrontMatter, item_key
from community_trust.pages.layout import PACKET_RESOURCES, PACKET_SECTIONS
from community_trust.pages.problems import Kind, Problem
from community_trust.pages.schema import (
    SLUG_PATTERN,
    Resource,
    _choice,
    _positive_int,
    _read_fields,
    _slug_list,
    _text,
    _text_list,
    slugify,
)

#: the kinds of session a packet is designed for (its author's choice, shown as written here)
PACKET_FORMATS: dict[str, str] = {
    "roll-call-briefing": "Roll-call briefing",
    "in-service": "In-service training",
    "workshop": "Workshop",
    "community-meeting": "Community meeting",
    "seminar": "Seminar",
}
AGENDA, FACILITATOR, CLOSING = PACKET_SECTIONS
#: an agenda item starts with its minutes: "- 10 min: …" (bold allowed: "- **10 min** …")
_MINUTES = re.compile(r"^\W*(\d+)\s*(?:min|mins|minutes)\b", re.IGNORECASE)
TRAINING_SECTION = layout.WRITTEN_SECTIONS[2]
PLACEHOLDER = "TODO"


@dataclass(frozen=True)
class PacketItem:
    """One resource of a packet, with what the session asks about it."""

    resource: str
    #: numbers (from 1) of the questions chosen from the resource's "Using it in training" list
    training: tuple[int, ...] = ()
    #: questions or exercises written for the packet
    questions: tuple[str, ...] = ()
    #: for a member-only resource: how the room will get the document
    access_note: str = ""
    line: int = 1


@dataclass(frozen=True)
class Packet:
    """One packet page's front matter, checked and typed."""

    slug: str
    title: str
    description: str
    purpose: str
    format: str
    length: int
    audience: str
    prepared_by: str
    items: tuple[PacketItem, ...]
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    @property
    def docname(self) -> str:
        return layout.packet_docname(self.slug)

    @property
    def format_label(self) -> str:
        return PACKET_FORMATS[self.format]

    @property
    def length_label(self) -> str:
        return length_label(self.length)

    @property
    def resource_slugs(self) -> tuple[str, ...]:
        return tuple(item.resource for item in self.items)

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    def view(self) -> tuple[Any, ...]:
        """What other pages show of this packet (cards, "Used in the packet …"); a change re-reads them."""
        return self.title, self.description, self.format, self.length, self.items


def length_label(minutes: int) -> str:
    """``90`` → "1 hour 30 minutes"; ``15`` → "15 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _numbers(value: Any) -> tuple[Any, str]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if (not isinstance(value, list)
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)):
        return None, "write the numbers of the questions, counted from 1, like [1, 3]"
    return tuple(value), ""


ITEM_FIELDS = {"resource": _text, "training": _numbers, "questions": _text_list, "access_note": _text}


def _items(matter: FrontMatter) -> tuple[tuple[PacketItem, ...], list[Problem]]:
    value = matter.data.get("resources")
    line = matter.line_of("resources")
    if not isinstance(value, list) or not value:
        return (), [Problem(line, "field 'resources': list the session's resources in order, each as "
                                  "'- resource: <file name>' with 'training: [numbers]' or 'questions: [...]'",
                            Kind.METADATA)]
    items: list[PacketItem] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(value):
        at = matter.line_of(item_key("resources", index))
        where = f"field 'resources', entry {index + 1}"
        if isinstance(entry, str):
            entry = {"resource": entry}
        if not isinstance(entry, dict):
            problems.append(Problem(at, f"{where}: write '- resource: <file name>' and the questions under it",
                                    Kind.METADATA))
            continue
        unknown = sorted(set(entry) - set(ITEM_FIELDS))
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(ITEM_FIELDS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the fields are: {', '.join(ITEM_FIELDS)}"
            problems.append(Problem(at, f"{where}: unknown field '{unknown[0]}'; {hint}", Kind.METADATA))
        parsed: dict[str, Any] = {}
        for key, reader in ITEM_FIELDS.items():
            if entry.get(key) is not None:
                parsed[key], error = reader(entry[key])
                if error:
                    problems.append(Problem(at, f"{where}, '{key}': {error}", Kind.METADATA))
                    parsed.pop(key)
        slug = parsed.get("resource", "")
        if not slug:
            if "resource" not in entry:
                problems.append(Problem(at, f"{where}: name the resource, like '- resource: police-pursuits'",
                                        Kind.METADATA))
            continue
        if not SLUG_PATTERN.match(slug):
            problems.append(Problem(at, f"{where}: '{slug}' is not a page name; write the resource's file name "
                                        f"without '.md', like {slugify(slug) or 'police-pursuits'}", Kind.METADATA))
            continue
        if slug in seen:
            problems.append(Problem(at, f"{where}: '{slug}' is already entry {seen[slug]}; list each resource "
                                        "once and put all its questions there", Kind.METADATA))
            continue
        seen[slug] = index + 1
        if not parsed.get("training") and not parsed.get("questions"):
            problems.append(Problem(at, f"{where}: give the session's questions for '{slug}': 'training: [1, 3]' "
                                        f"(numbers from its '## {TRAINING_SECTION}' list) or 'questions: [\"…\"]' "
                                        "(written for this packet)", Kind.METADATA))
        items.append(PacketItem(slug, parsed.get("training", ()), parsed.get("questions", ()),
                                parsed.get("access_note", ""), at))
    return tuple(items), problems


#: name → (reader, required), in the order of the example packet; 'resources' is read by ``_items``
PACKET_FIELDS: dict[str, tuple[Any, bool]] = {
    "title": (_text, True),
    "description": (_text, True),
    "purpose": (_text, True),
    "format": (_choice(PACKET_FORMATS), True),
    "length": (_positive_int, True),
    "audience": (_text, True),
    "prepared_by": (_text, True),
    "resources": (_slug_list, False),  # checked entry by entry below
}


def read_packet(slug: str, matter: FrontMatter) -> tuple[Packet | None, list[Problem]]:
    """Check one packet page's front matter on its own (the resources it names: :func:`check_packets`)."""
    spec = {**PACKET_FIELDS, "resources": (lambda value: (value, ""), True)}
    values, problems = _read_fields(matter, spec)
    if not SLUG_PATTERN.match(slug):
        problems.append(Problem(1, f"rename the file to '{slugify(slug)}.md': packet file names are lower-case "
                                   "words joined by hyphens", Kind.METADATA))
    if "description" in values and not values["description"].endswith((".", "?", "!")):
        problems.append(Problem(matter.line_of("description"), "field 'description': write one full sentence "
                                                               "ending with a period", Kind.METADATA))
    items: tuple[PacketItem, ...] = ()
    if "resources" in matter.data:
        items, found = _items(matter)
        problems += found
    if any(key not in values for key, (_, required) in spec.items() if required) or not items:
        return None, problems
    return Packet(slug, values["title"], values["description"], values["purpose"], values["format"],
                  values["length"], values["audience"], values["prepared_by"], items,
                  tuple(matter.lines.items())), problems


# --- rules across pages ----------------------------------------------------------

def access_note_message(slug: str) -> str:
    return (f"'{slug}' is for IACP members only: add under it 'access_note: \"…\"' saying how the room will "
            "get the document (the page then shows the member-only notice and links to how access works)")


def check_packets(packets: Iterable[Packet], resources: Mapping[str, Resource],
                  page_slugs: Iterable[str] = ()) -> list[tuple[str, Problem]]:
    """Each packet's resources exist, its chosen questions exist, and a member-only one says how access works.

    ``page_slugs`` names every resource page that exists, broken ones included. Returns
    ``(packet slug, problem)`` pairs, in name order.
    """
    known = set(resources) | set(page_slugs)
    found: list[tuple[str, Problem]] = []
    for packet in sorted(packets, key=lambda p: p.slug):
        for item in packet.items:
            if item.resource not in known:
                close = difflib.get_close_matches(item.resource, sorted(known), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "write the file name of a resource page, without '.md'"
                found.append((packet.slug, Problem(item.line, f"no resource page named '{item.resource}'; {hint}",
                                                   Kind.METADATA)))
                continue
            resource = resources.get(item.resource)
            if resource is None:
                continue  # its own page is broken: that page's problem is the one to fix
            listed = len(resource.training)
            beyond = [n for n in item.training if n > listed]
            if beyond:
                where = f"resources/{item.resource}.md"
                choice = (f"choose numbers from 1 to {listed}" if listed
                          else "it lists none, so write the questions under 'questions' instead")
                found.append((packet.slug, Problem(item.line, f"'training: {list(item.training)}': {where} has "
                                                              f"{listed} question{'s' if listed != 1 else ''} under "
                                                              f"'## {TRAINING_SECTION}', so there is no number "
                                                              f"{beyond[0]}; {choice}", Kind.METADATA)))
            if resource.members_only and not item.access_note:
                found.append((packet.slug, Problem(item.line, access_note_message(item.resource), Kind.NOTICE)))
            elif not resource.members_only and item.access_note:
                found.append((packet.slug, Problem(item.line, f"'{item.resource}' is not marked members-only, so it "
                                                              "needs no 'access_note'; remove it", Kind.NOTICE)))
    return found


# --- the session plan: the body's sections and the agenda's times ---------------------

def minutes_of(text: str) -> int | None:
    match = _MINUTES.match(text.strip())
    return int(match.group(1)) if match else None


def check_body(tokens: list[Token], length: int | None) -> list[Problem]:
    """The packet page's sections (the session plan, in order) and an agenda whose minutes add up to ``length``."""
    problems: list[Problem] = []
    headings: list[tuple[int, str, int, int]] = []  # (level, text, 1-based line, token index)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            headings.append((int(token.tag[1]), tokens[index + 1].content.strip(), token.map[0] + 1, index))
    seen: dict[str, int] = {}
    order: list[str] = []
    for level, text, line, _ in headings:
        if level == 1:
            problems.append(Problem(line, f"remove the heading '# {text}': the packet's title is written once, "
                                          "in the front matter field 'title'", Kind.PAGE))
        elif level == 2 and text == PACKET_RESOURCES:
            problems.append(Problem(line, f"remove the section '## {text}': the build adds it from the front "
                                          "matter field 'resources'", Kind.PAGE))
        elif level == 2 and text not in PACKET_SECTIONS:
            problems.append(Problem(line, f"'## {text}' is not a section of a packet page; the sections are "
                                          f"{_sections()}: make it a '### {text}' subsection of one of them",
                                    Kind.PAGE))
        elif level == 2 and text in seen:
            problems.append(Problem(line, f"the section '## {text}' is written twice (first on line {seen[text]}); "
                                          "keep one", Kind.PAGE))
        elif level == 2:
            seen[text] = line
            order.append(text)
    if order != [s for s in PACKET_SECTIONS if s in seen]:
        problems.append(Problem(seen[order[0]], f"the sections are out of order; write them in this order: "
                                                f"{_sections()}", Kind.PAGE))
    last = headings[-1][2] if headings else 1
    for section in PACKET_SECTIONS:
        if section not in seen:
            problems.append(Problem(last, f"the section '## {section}' is missing; add it (the sections are "
                                          f"{_sections()})", Kind.PAGE))
    if AGENDA in seen:
        start = next(i for level, text, _, i in headings if level == 2 and text == AGENDA)
        problems += _check_agenda(tokens, start, seen[AGENDA], length)
    return problems


def _sections() -> str:
    return ", ".join(f"'## {s}'" for s in PACKET_SECTIONS)


def _check_agenda(tokens: list[Token], start: int, heading_line: int, length: int | None) -> list[Problem]:
    problems: list[Problem] = []
    total, count = 0, 0
    depth = 0
    for index in range(start + 3, len(tokens)):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h2":
            break
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            inline = next((t for t in tokens[index + 1:index + 3] if t.type == "inline"), None)
            text = inline.content if inline is not None else ""
            line = (token.map[0] + 1) if token.map else heading_line
            minutes = minutes_of(text)
            if minutes is None:
                problems.append(Problem(line, "start each agenda item with its minutes, like '- 10 min: Welcome "
                                              "and why the session matters'", Kind.PAGE))
                continue
            total += minutes
            count += 1
    if not count and not problems:
        problems.append(Problem(heading_line, "the agenda lists no items; write one line per part of the session, "
                                              "each starting with its minutes, like '- 10 min: Welcome'", Kind.PAGE))
    elif length is not None and count and not problems and total != length:
        problems.append(Problem(heading_line, f"the agenda's times add up to {total} minutes, but 'length' is "
                                              f"{length}; change a time in '## {AGENDA}' or the 'length' field so "
                                              "that they agree", Kind.PAGE))
    return problems


# --- the questions of a resource page ------------------------------------------------

_md: MarkdownIt | None = None


def training_items(text: str) -> tuple[str, ...]:
    """The text of each item of a resource page's "Using it in training" list, in order.

    Only that section's lines are parsed (CommonMark's list rules), so the page's own Markdown is
    still parsed once per build, by the build; the packet pages need these before any page is read.
    """
    global _md
    lines = text.splitlines()
    heading = f"## {TRAINING_SECTION}"
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == heading) + 1
    except StopIteration:
        return ()
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    if _md is None:
        _md = MarkdownIt("commonmark")
    tokens = _md.parse("\n".join(lines[start:end]))
    found: list[str] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            inline = next((t for t in tokens[index + 1:index + 3] if t.type == "inline"), None)
            if inline is not None:
                found.append(plain_text(inline))
    return tuple(found)


def plain_text(inline: Token) -> str:
    """The words of an inline token, its markup left out."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


# --- a new packet page: the one template of ``make new-packet`` and the catalogue's button -------

#: what a new packet starts as, when its author has not said
NEW_FORMAT = "in-service"
NEW_LENGTH = 60
#: the title of a packet started from the catalogue, for its author to replace
NEW_TITLE = f"{PLACEHOLDER}: the session's title"
#: one resource of a new packet; ``{slug}`` and ``{label}`` are filled in
ITEM_TEMPLATE = ("  - resource: {slug}  # {label}\n"
                 f"    training: [1]  # {PLACEHOLDER}: the numbers of the questions you choose from its "
                 f"'{TRAINING_SECTION}' list\n"
                 f'    questions: ["{PLACEHOLDER}: a question or exercise written for this packet, or delete this line"]\n')
#: added under a member-only resource
ACCESS_NOTE_TEMPLATE = (f'    access_note: "{PLACEHOLDER}: how the room will get this member-only document, '
                        'or what the session uses instead"\n')


def new_packet_item(slug: str, label: str, members_only: bool) -> str:
    return ITEM_TEMPLATE.format(slug=slug, label=label) + (ACCESS_NOTE_TEMPLATE if members_only else "")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_packet_head(title: str, format: str, length: int) -> str:
    """The front matter of a new packet, up to its list of resources."""
    return (f"---\ntitle: {_quoted(title)}\n"
            f'description: "{PLACEHOLDER}: one sentence on the session, for cards and link previews."\n'
            f'purpose: "{PLACEHOLDER}: what the session is for, and what the room should leave with."\n'
            f"format: {format}  # one of: {', '.join(PACKET_FORMATS)}\n"
            f"length: {length}  # minutes; the agenda's times add up to it\n"
            f'audience: "{PLACEHOLDER}: who is in the room"\n'
            f'prepared_by: "{PLACEHOLDER}: your name or your organization\'s"\n'
            "resources:  # in the order the session uses them\n")


def new_packet_body(length: int) -> str:
    """The session plan of a new packet, with an agenda that adds up to ``length`` minutes."""
    if length >= 20:
        agenda = (f"- 5 min: {PLACEHOLDER}: welcome, and what the session is for.\n"
                  f"- {length - 15} min: {PLACEHOLDER}: the resources, in order, with the questions chosen for each.\n"
                  f"- 10 min: {PLACEHOLDER}: closing.\n")
    else:
        agenda = f"- {length} min: {PLACEHOLDER}: the parts of the session, each with its minutes.\n"
    return (f"---\n\n## {AGENDA}\n\n{agenda}\n"
            f"## {FACILITATOR}\n\n{PLACEHOLDER}: what the facilitator prepares, says and asks, part by part, using "
            "only what the resource pages say.\n\n"
            f"## {CLOSING}\n\n{PLACEHOLDER}: how the session ends, and what the room takes away.\n")


def new_packet_text(title: str, format: str, length: int, resources: Iterable[tuple[str, str, bool]]) -> str:
    """A whole new packet page: ``resources`` as (file name, title, members only)."""
    items = "".join(new_packet_item(*resource) for resource in resources)
    return new_packet_head(title, format, length) + items + new_packet_body(length)
