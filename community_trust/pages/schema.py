"""The metadata model: what a resource page and a topic page must say.

The records built here are the only source of facts about a resource: toctrees, cards, the
catalogue, search keywords and the binders are generated from them. Every rule returns a
:class:`Problem` that names the line and says what to write instead. No Sphinx import: the lint
runs these checks without a build.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from community_trust.pages import addresses, layout, plain
from community_trust.pages.frontmatter import FrontMatter, as_text
from community_trust.pages.problems import Kind, Problem

RESOURCE_TYPES: dict[str, str] = {
    "guide": "Guide",
    "report": "Report",
    "model-policy": "Model policy",
    "concepts-and-issues-paper": "Concepts and issues paper",
    "article": "Article",
    "strategy-package": "Strategy package",
    "toolkit": "Toolkit",
    "consensus-policy": "Consensus policy",
    "guide-series": "Series of guides",
    "guidance": "Guidance",
    "training-program": "Training program",
    "web-resource": "Web resource",
}
#: types whose key facts name no length: an article's pages are its periodical's, and a web
#: resource, a training program or a series of guides has no one page count
UNPAGED_TYPES = ("article", "web-resource", "training-program", "guide-series")
ACCESS_LEVELS: dict[str, str] = {
    "public": "Public",
    "members-only": "IACP members only",
}
IDENTIFIER_SCHEMES: dict[str, str] = {
    "ncj": "NCJ number",
    "isbn": "ISBN",
    "grant": "Grant number",
    "cooperative-agreement": "Cooperative agreement",
    "award": "Award number",
    "catalogue-record": "Catalogue record",
}
#: how the addresses were found → what the page says of them ({date}: the
#: 'verified' day). Only 'link-check' may say "checked": notes are not a check.
VERIFIED_BY: dict[str, str] = {
    "source-notes": "recorded from the collection's source notes on {date}; "
                    "not yet checked against the live web.",
    "link-check": "last checked on {date}: each was opened live and led to this document.",
}
#: what a resource's ``date`` is the date of → the name of the key fact.
#: A date is shown as "Published" only when a source says it is one.
DATE_KINDS: dict[str, str] = {
    "published": "Published",
    "released": "Released",
    "effective": "Effective",
    "launched": "Launched",
    "unspecified": "Dated",
}
#: the access of a public resource whose page gives no address for it
UNVERIFIED_PUBLIC = "No restriction known; no public copy verified"
#: a resource's status, when it is no longer current → how the collection names it
#: (a resource with no ``status`` is current)
STATUSES: dict[str, str] = {
    "superseded": "Superseded",
    "withdrawn": "Withdrawn by its publisher",
}
#: the day the collection began: no resource entered it earlier (its first commit)
COLLECTION_BEGAN = "2026-11-25"
#: the fields of a document outside the collection that replaced a resource
SUPERSEDING_FIELDS = ("title", "publisher", "date", "url")
CONFLICT_FIELDS = ("date", "pages", "publisher", "partners", "authors", "type", "volumes")
#: facts that may have been seen only in a copy hosted by a third party
COPY_ONLY_FIELDS = ("date", "pages", "publisher", "partners", "authors", "identifiers")

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: keywords rank first in search: a page with hundreds would take search over
MAX_KEYWORDS = 30
MAX_KEYWORD_LENGTH = 80



@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Source:
    label: str
    url: str = ""
    backs: str = ""


@dataclass(frozen=True)
class Conflict:
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Successor:
    """What replaced a superseded resource: a page of the collection (``slug``), or a
    document outside it, named by its title, publisher, date and address."""

    slug: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""

    @property
    def in_collection(self) -> bool:
        return bool(self.slug)

    def describe(self) -> str:
        """'Title (Publisher, May 2023)' for a document outside the collection."""
        return f"{self.title} ({self.publisher}, {format_date(self.date)})"


@dataclass(frozen=True)
class Topic:
    """A topic page in ``docs/topics/``; its file name is its identifier."""

    slug: str
    title: str
    description: str
    order: int

    @property
    def docname(self) -> str:
        return layout.topic_docname(self.slug)

    def sort_key(self) -> tuple[int, str]:
        """The site's order of topics: by ``order``, then title."""
        return self.order, self.title


@dataclass(frozen=True)
class Resource:
    """One resource page's front matter, checked and typed."""

    slug: str
    title: str
    description: str
    type: str
    topics: tuple[str, ...]
    access: str
    keywords: tuple[str, ...]
    sources: tuple[Source, ...]
    reviewed: str
    short_title: str = ""
    #: empty when the sources do not say who published it
    publisher: str = ""
    #: "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when no source gives a date
    date: str = ""
    #: what ``date`` is the date of (a key of DATE_KINDS); given whenever ``date`` is
    date_kind: str = ""
    also_known_as: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    url: str = ""
    alternate_urls: tuple[Link, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    pages: int | None = None
    verified: str = ""
    verified_by: str = ""
    related: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    #: fields whose value was seen only in a third-party copy, not from the publisher
    copy_only: tuple[str, ...] = ()
    #: "YYYY-MM-DD": the day the resource entered the collection (a fact about the collection)
    added: str = ""
    #: what changed at the last review, in one line ("" when the page does not say)
    review_note: str = ""
    #: "" (current) or a key of STATUSES
    status: str = ""
    #: what replaced it, when ``status`` is ``superseded``
    superseded_by: Successor | None = None
    #: line of each field in the page, for errors found after parsing
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    #: the items of the page's "Using it in training" list, as text (``packets.training_items``)
    training: tuple[str, ...] = ()

    @property
    def docname(self) -> str:
        return layout.resource_docname(self.slug)

    @property
    def label(self) -> str:
        """The name used on cards and running heads."""
        return self.short_title or self.title

    @property
    def home_topic(self) -> str:
        return self.topics[0]

    @property
    def year(self) -> str:
        """The year, or "" when the sources give no date."""
        return self.date[:4]

    @property
    def members_only(self) -> bool:
        return self.access == "members-only"

    @property
    def public_copy_known(self) -> bool:
        """Public, with an address for it. ``access: public`` alone records only
        that no source names a restriction, not that anyone has seen a copy."""
        return self.access == "public" and bool(self.url or self.alternate_urls)

    @property
    def access_label(self) -> str:
        """The access as the pages and the catalogue state it."""
        if self.access == "public" and not self.public_copy_known:
            return UNVERIFIED_PUBLIC
        return ACCESS_LEVELS[self.access]

    @property
    def date_label(self) -> str:
        """The name of the date fact: "Published", "Effective", …"""
        return DATE_KINDS.get(self.date_kind, "Date")

    @property
    def addresses_note(self) -> str:
        """How and when the addresses were found; "" without a 'verified' date."""
        if not self.verified or self.verified_by not in VERIFIED_BY:
            return ""
        return VERIFIED_BY[self.verified_by].format(date=format_date(self.verified))

    @property
    def current(self) -> bool:
        """Neither superseded nor withdrawn."""
        return not self.status

    @property
    def status_label(self) -> str:
        """"Superseded", "Withdrawn by its publisher", or "" for a current resource."""
        return STATUSES.get(self.status, "")

    @property
    def revised(self) -> bool:
        """Whether the page was reviewed again after it entered the collection."""
        return bool(self.added) and self.reviewed > self.added

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    def conflict_for(self, name: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.field == name), None)

    def card_view(self) -> tuple[Any, ...]:
        """What other pages show of this resource; a change here re-reads them."""
        return (self.title, self.label, self.description, self.topics, self.access_label,
                self.type, self.year, self.publisher, self.added, self.status, self.superseded_by)

    def revision_view(self) -> tuple[Any, ...]:
        """What the What's new page shows beyond the card: the review and what changed."""
        return self.reviewed, self.review_note


def slugify(text: str) -> str:
    """The naming rule: lower-case ASCII words joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words)


def expected_slug(title: str, short_title: str = "") -> str:
    """File name (without ``.md``) a resource with this title must have."""
    return slugify(short_title or title.split(":", 1)[0])


def format_date(value: str) -> str:
    """``2011-07-06`` → ``6 July 2011``; ``2009-10`` → ``October 2009``."""
    match = DATE_PATTERN.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if not month:
        return year
    month_name = datetime.date(2000, int(month), 1).strftime("%B")
    return f"{int(day)} {month_name} {year}" if day else f"{month_name} {year}"


# --- field readers ----------------------------------------------------------
# Each reader takes the raw value and returns (value, error text or "").

Reader = Callable[[Any], tuple[Any, str]]


def _text(value: Any) -> tuple[Any, str]:
    if isinstance(value, (dict, list)) or value is None:
        return None, "write one line of text"
    text = as_text(value).strip()
    return (text, "") if text else (None, "write one line of text, not an empty value")


def _text_list(value: Any) -> tuple[Any, str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        return None, 'write a list of text, like ["first", "second"]'
    items = tuple(str(v).strip() for v in value if str(v).strip())
    return items, ""


def _date(value: Any) -> tuple[Any, str]:
    text = as_text(value).strip() if value is not None else ""
    match = DATE_PATTERN.match(text)
    if not match:
        return None, 'write the date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes'
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, f"'{text}' is not a real date; write it as \"YYYY-MM-DD\""
    return text, ""


def _full_date(value: Any) -> tuple[Any, str]:
    text, error = _date(value)
    if error or len(text) != 10:
        return None, 'write the full date in quotes, like "2026-11-25"'
    return text, ""


def _choice(choices: dict[str, str]) -> Reader:
    def read(value: Any) -> tuple[Any, str]:
        text = as_text(value).strip() if value is not None else ""
        if text in choices:
            return text, ""
        return None, f"'{text}' is not allowed; write one of: {', '.join(choices)}"
    return read


def _choices(allowed: tuple[str, ...]) -> Reader:
    """A list whose items come from ``allowed``."""
    def read(value: Any) -> tuple[Any, str]:
        items, error = _text_list(value)
        if error:
            return None, error
        bad = [item for item in items if item not in allowed]
        if bad:
            return None, f"'{bad[0]}' is not allowed; list only these: {', '.join(allowed)}"
        return items, ""
    return read


def _https(value: Any) -> tuple[Any, str]:
    text = as_text(value).strip() if value is not None else ""
    if not text.startswith("https://") or " " in text or len(text) <= len("https://"):
        return None, f"'{addresses.shown(text)}' is not an https:// address; write the full https:// address"
    verdict = addresses.classify(text)
    if verdict is not addresses.Verdict.HTTPS:
        return None, addresses.message(text, verdict, "url", local_allowed=False)
    return text, ""


def _positive_int(value: Any) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None, "write a whole number, like 52"
    return value, ""


def _mapping_list(keys: dict[str, Reader], required: tuple[str, ...]) -> Reader:
    """A list of small mappings such as ``- label: …\n  url: …``."""
    def read(value: Any) -> tuple[Any, str]:
        if not isinstance(value, list):
            return None, f"write a list of entries, each with {', '.join(required)}"
        items = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                return None, f"entry {index} must have the fields {', '.join(required)}"
            unknown = sorted(set(item) - set(keys))
            if unknown:
                return None, f"entry {index} has an unknown field '{unknown[0]}'; allowed: {', '.join(keys)}"
            missing = [k for k in required if k not in item]
            if missing:
                return None, f"entry {index} lacks '{missing[0]}'"
            parsed = {}
            for key, reader in keys.items():
                if key in item:
                    parsed[key], error = reader(item[key])
                    if error:
                        return None, f"entry {index}, '{key}': {error}"
            items.append(parsed)
        return items, ""
    return read


def _identifiers(value: Any) -> tuple[Any, str]:
    if not isinstance(value, dict):
        return None, "write one 'scheme: value' line per identifier, indented below"
    pairs = []
    for scheme, raw in value.items():
        if scheme not in IDENTIFIER_SCHEMES:
            return None, f"'{scheme}' is not a known identifier; use one of: {', '.join(IDENTIFIER_SCHEMES)}"
        text, error = _text(raw)
        if error:
            return None, f"'{scheme}': {error}"
        pairs.append((str(scheme), text))
    return tuple(pairs), ""


def _conflicts(value: Any) -> tuple[Any, str]:
    entries, error = _mapping_list({"field": _choice(dict.fromkeys(CONFLICT_FIELDS, "")),
                                    "values": _text_list}, ("field", "values"))(value)
    if error:
        return None, error
    for index, entry in enumerate(entries, start=1):
        if len(entry["values"]) < 2:
            return None, f"entry {index}: a conflict needs at least two values, each naming its source"
    return tuple(Conflict(e["field"], e["values"]) for e in entries), ""


def _slug_list(value: Any) -> tuple[Any, str]:
    items, error = _text_list(value)
    if error:
        return None, error
    bad = [item for item in items if not SLUG_PATTERN.match(item)]
    if bad:
        example = slugify(bad[0]) or "building-communities-of-trust"  # 'civil rights' → civil-rights
        return None, f"'{bad[0]}' is not a page name; write the file name without '.md', like {example}"
    return items, ""


def _added(value: Any) -> tuple[Any, str]:
    """The day a resource entered the collection: a full date, not before the
    collection began and not in the future."""
    text, error = _full_date(value)
    if error:
        return None, error
    if text < COLLECTION_BEGAN:
        return None, (f"'{text}' is before the collection began ({COLLECTION_BEGAN}); write the date of the "
                      "commit that added this file: git log --diff-filter=A --follow --format=%as -- FILE")
    today = datetime.date.today().isoformat()
    if text > today:
        return None, (f"'{text}' is in the future; write the day the page enters the collection "
                      f"(today, \"{today}\", for a new page)")
    return text, ""


def _superseded_by(value: Any) -> tuple[Any, str]:
    """A resource page's file name, or a document outside the collection."""
    if isinstance(value, str):
        items, error = _slug_list([value])
        return (Successor(slug=items[0]), "") if not error else (None, error)
    if not isinstance(value, dict):
        return None, ("write the file name of the page that replaced it, like doj-guidance-use-of-race, "
                      f"or a document outside the collection with {', '.join(SUPERSEDING_FIELDS)}, one per line below")
    unknown = sorted(set(value) - set(SUPERSEDING_FIELDS))
    if unknown:
        return None, f"unknown field '{unknown[0]}'; a document outside the collection has: {', '.join(SUPERSEDING_FIELDS)}"
    missing = [k for k in SUPERSEDING_FIELDS if k not in value or value[k] is None]
    if missing:
        return None, (f"the document that replaced it lacks '{missing[0]}'; name it with {', '.join(SUPERSEDING_FIELDS)} "
                      "as the sources give them")
    parsed = {}
    for key, reader in (("title", _text), ("publisher", _text), ("date", _date), ("url", _https)):
        parsed[key], error = reader(value[key])
        if error:
            return None, f"'{key}': {error}"
    return Successor(**parsed), ""


#: name → (reader, required). Order is the order in the example page.
RESOURCE_FIELDS: dict[str, tuple[Reader, bool]] = {
    "title": (_text, True),
    "short_title": (_text, False),
    "also_known_as": (_text_list, False),
    "description": (_text, True),
    "publisher": (_text, False),
    "partners": (_text_list, False),
    "authors": (_text_list, False),
    "date": (_date, False),
    "date_kind": (_choice(DATE_KINDS), False),
    "type": (_choice(RESOURCE_TYPES), True),
    "topics": (_slug_list, True),
    "access": (_choice(ACCESS_LEVELS), True),
    "url": (_https, False),
    "alternate_urls": (_mapping_list({"label": _text, "url": _https}, ("label", "url")), False),
    "identifiers": (_identifiers, False),
    "pages": (_positive_int, False),
    "verified": (_full_date, False),
    "verified_by": (_choice(VERIFIED_BY), False),
    "reviewed": (_full_date, True),
    "review_note": (_text, False),
    "added": (_added, True),
    "status": (_choice(STATUSES), False),
    "superseded_by": (_superseded_by, False),
    "keywords": (_text_list, True),
    "related": (_slug_list, False),
    "sources": (_mapping_list({"label": _text, "url": _https, "backs": _text}, ("label",)), True),
    "conflicts": (_conflicts, False),
    "copy_only": (_choices(COPY_ONLY_FIELDS), False),
}
TOPIC_FIELDS: dict[str, tuple[Reader, bool]] = {
    "title": (_text, True),
    "description": (_text, True),
    "order": (_positive_int, True),
}


def _read_fields(matter: FrontMatter, spec: dict[str, tuple[Reader, bool]]) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key in matter.data:
        if key not in spec:
            close = difflib.get_close_matches(key, list(spec), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the fields are: {', '.join(spec)}"
            problems.append(Problem(matter.line_of(key), f"unknown field '{key}'; {hint}", Kind.METADATA))
    for key, (reader, required) in spec.items():
        if key not in matter.data or matter.data[key] is None:
            if required:
                problems.append(Problem(matter.start_line,
                                        f"the required field '{key}' is missing; add a line '{key}: …' to the front matter", Kind.METADATA))
            continue
        value, error = reader(matter.data[key])
        if error:
            problems.append(Problem(matter.line_of(key), f"field '{key}': {error}", Kind.METADATA))
        else:
            values[key] = value
    return values, problems


def read_resource(slug: str, matter: FrontMatter) -> tuple[Resource | None, list[Problem]]:
    """Check one resource page's front matter on its own.

    Returns the record when every required field could be read (so the page
    and its cards still build while the build reports the other problems).
    """
    values, problems = _read_fields(matter, RESOURCE_FIELDS)
    line = matter.line_of

    if "title" in values:
        want = expected_slug(values["title"], values.get("short_title", ""))
        if want and want != slug:
            where = "short_title" if values.get("short_title") else "title"
            problems.append(Problem(line(where),
                                    f"the file name must follow the title: rename the file to '{want}.md' "
                                    f"(or change '{where}')", Kind.METADATA))
    if "description" in values:
        text = values["description"]
        if len(text) > 240:
            problems.append(Problem(line("description"), "field 'description': keep it to one sentence under 240 characters", Kind.METADATA))
        elif not text.endswith((".", "?", "!")):
            problems.append(Problem(line("description"), "field 'description': write one full sentence ending with a period", Kind.METADATA))
    if "topics" in values and not values["topics"]:
        problems.append(Problem(line("topics"), "field 'topics': name at least one topic, like [accountability]", Kind.METADATA))
    if "topics" in values and len(set(values["topics"])) != len(values["topics"]):
        problems.append(Problem(line("topics"), "field 'topics': a topic is listed twice; list each once", Kind.METADATA))
    if "keywords" in values and len(values["keywords"]) < 3:
        problems.append(Problem(line("keywords"), "field 'keywords': give at least three words readers would search for", Kind.METADATA))
    if "keywords" in values and len(values["keywords"]) > MAX_KEYWORDS:
        problems.append(Problem(line("keywords"), f"field 'keywords': give at most {MAX_KEYWORDS} keywords (usually six "
                                                  "to twelve): the words readers would search for, each once", Kind.METADATA))
        values.pop("keywords")
    elif "keywords" in values and any(len(k) > MAX_KEYWORD_LENGTH for k in values["keywords"]):
        problems.append(Problem(line("keywords"), f"field 'keywords': a keyword is a word or a short phrase, of at most "
                                                  f"{MAX_KEYWORD_LENGTH} characters", Kind.METADATA))
        values.pop("keywords")
    if "sources" in values and not values["sources"]:
        problems.append(Problem(line("sources"), "field 'sources': name at least one source that backs the facts", Kind.METADATA))
    problems += _backing_problems(values, line)
    if "date" in values and "date_kind" not in values:
        problems.append(Problem(line("date"), "the date needs a 'date_kind:' line after it saying what the date is, "
                                f"one of: {', '.join(DATE_KINDS)} (the kind the source gives, never a guess)", Kind.METADATA))
    if "date_kind" in values and "date" not in values:
        problems.append(Problem(line("date_kind"), "field 'date_kind': this page gives no 'date'; "
                                "remove 'date_kind' or add the date the sources give", Kind.METADATA))
    has_address = "url" in values or "alternate_urls" in values
    if has_address and "verified" not in values:
        problems.append(Problem(line("url") if "url" in values else line("alternate_urls"),
                                "the addresses need a 'verified: \"YYYY-MM-DD\"' line: the day they were recorded or last opened live", Kind.METADATA))
    if "verified" in values and "verified_by" not in values:
        problems.append(Problem(line("verified"),
                                f"add 'verified_by:' after 'verified', one of: {', '.join(VERIFIED_BY)}", Kind.METADATA))
    for name in values.get("copy_only", ()):
        if name not in values:
            problems.append(Problem(line("copy_only"), f"field 'copy_only': '{name}' is not given on this page; "
                                    f"remove it from the list or add the '{name}' field", Kind.METADATA))
    problems += _status_problems(slug, values, line)
    if slug in values.get("related", ()):
        problems.append(Problem(line("related"), "field 'related': a page cannot be related to itself; remove its own name", Kind.METADATA))

    required = [k for k, (_, needed) in RESOURCE_FIELDS.items() if needed]
    if any(k not in values for k in required):
        return None, problems
    resource = Resource(
        slug=slug,
        title=values["title"],
        short_title=values.get("short_title", ""),
        also_known_as=values.get("also_known_as", ()),
        description=values["description"],
        publisher=values.get("publisher", ""),
        partners=values.get("partners", ()),
        authors=values.get("authors", ()),
        date=values.get("date", ""),
        date_kind=values.get("date_kind", ""),
        type=values["type"],
        topics=values["topics"],
        access=values["access"],
        url=values.get("url", ""),
        alternate_urls=tuple(Link(a["label"], a["url"]) for a in values.get("alternate_urls", ())),
        identifiers=values.get("identifiers", ()),
        pages=values.get("pages"),
        verified=values.get("verified", ""),
        verified_by=values.get("verified_by", ""),
        reviewed=values["reviewed"],
        keywords=values["keywords"],
        related=values.get("related", ()),
        sources=tuple(Source(s["label"], s.get("url", ""), s.get("backs", "")) for s in values["sources"]),
        conflicts=values.get("conflicts", ()),
        copy_only=values.get("copy_only", ()),
        added=values["added"],
        review_note=values.get("review_note", ""),
        status=values.get("status", ""),
        superseded_by=values.get("superseded_by"),
        lines=tuple(matter.lines.items()),
    )
    return resource, problems


def _status_problems(slug: str, values: dict[str, Any], line: Callable[[str], int]) -> list[Problem]:
    """A status is a fact like any other: a source must back it; a superseded resource names what replaced it."""
    problems = []
    status = values.get("status")
    successor = values.get("superseded_by")
    if status == "superseded" and successor is None and "superseded_by" not in values:
        problems.append(Problem(line("status"), "a superseded resource needs a 'superseded_by:' line after 'status': "
                                "the file name of the page that replaced it, or the document outside the collection "
                                f"({', '.join(SUPERSEDING_FIELDS)})", Kind.METADATA))
    if successor is not None and status != "superseded":
        problems.append(Problem(line("superseded_by"), "field 'superseded_by': only a resource with "
                                "'status: superseded' names what replaced it; add 'status: superseded' "
                                "or remove 'superseded_by'", Kind.METADATA))
    if successor is not None and successor.slug == slug:
        problems.append(Problem(line("superseded_by"), "field 'superseded_by': a page cannot be superseded by "
                                "itself; name the page or document that replaced it", Kind.METADATA))
    if status and values.get("sources"):
        backed = " ".join(source.get("backs", "") for source in values["sources"]).casefold()
        if status not in backed:
            problems.append(Problem(line("status"), f"field 'status': no source's 'backs' names the status "
                                    f"'{status}'; add '{status}' to the 'backs' of the source that says so "
                                    "(the publisher's notice or announcement), or remove 'status'", Kind.METADATA))
    return problems


def _backing_problems(values: dict[str, Any], line: Callable[[str], int]) -> list[Problem]:
    """Every source says what it backs, and the facts a reader checks first (the
    year, the length, each identifier) are named in some source's ``backs``.

    A source that backs nothing, or a number no source claims, is how a page
    comes to credit its sources with facts they do not give."""
    sources = values.get("sources") or []
    problems = []
    for index, source in enumerate(sources, start=1):
        if "backs" not in source:
            problems.append(Problem(line("sources"), f"field 'sources': entry {index} ('{source['label']}') does not "
                                    "say what it backs; add a 'backs: \"…\"' line naming the facts on this page it "
                                    "gives, or remove the source if it gives none", Kind.METADATA))
    if not sources or len(problems) == len(sources):
        return problems  # nothing is backed yet: the lines above say what to do first
    backed = " ".join(source.get("backs", "") for source in sources)

    def unbacked(value: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", backed) is None

    if "date" in values and unbacked(values["date"][:4]):
        problems.append(Problem(line("date"), f"field 'date': no source's 'backs' names {values['date'][:4]}; add the "
                                "date to the 'backs' of the source that gives it, or remove the date", Kind.METADATA))
    if "pages" in values and unbacked(str(values["pages"])):
        problems.append(Problem(line("pages"), f"field 'pages': no source's 'backs' names {values['pages']}; add "
                                f"\"page count ({values['pages']})\" to the 'backs' of the source that gives it", Kind.METADATA))
    for scheme, value in values.get("identifiers", ()):
        if unbacked(value):
            problems.append(Problem(line("identifiers"), f"field 'identifiers': no source's 'backs' names {value}; "
                                    f"add \"{IDENTIFIER_SCHEMES[scheme]} {value}\" to the 'backs' of the source "
                                    "that gives it", Kind.METADATA))
    return problems


def read_topic(slug: str, matter: FrontMatter) -> tuple[Topic | None, list[Problem]]:
    """Check one topic page's front matter."""
    values, problems = _read_fields(matter, TOPIC_FIELDS)
    if not SLUG_PATTERN.match(slug):
        problems.append(Problem(1, f"rename the file to '{slugify(slug)}.md': topic file names are lower-case words joined by hyphens", Kind.METADATA))
    if problems or len(values) < len(TOPIC_FIELDS):
        return None, problems
    return Topic(slug, values["title"], values["description"], values["order"]), problems


def check_collection(resources: Iterable[Resource], topics: dict[str, Topic],
                     page_slugs: Iterable[str] = ()) -> list[tuple[str, Problem]]:
    """Rules across pages: known topics and related pages, unique titles and identifiers.

    ``page_slugs`` names every resource page that exists, including those
    whose own front matter is broken, so one broken page does not make every
    page that relates to it report an error too.
    Returns ``(slug, problem)`` pairs; the page named is the one to change.
    Resources are visited in name order so the same page is blamed every time.
    """
    found: list[tuple[str, Problem]] = []
    ordered = sorted(resources, key=lambda r: r.slug)
    slugs = {r.slug for r in ordered} | set(page_slugs)
    titles: dict[str, str] = {}
    identifiers: dict[tuple[str, str], str] = {}
    by_slug = {r.slug: r for r in ordered}
    for resource in ordered:
        for topic in resource.topics:
            if topic not in topics:
                close = difflib.get_close_matches(topic, list(topics), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"the topics are: {', '.join(sorted(topics))}"
                found.append((resource.slug, Problem(resource.line_of("topics"), f"unknown topic '{topic}'; {hint}", Kind.METADATA)))
        for other in resource.related:
            if other not in slugs:
                close = difflib.get_close_matches(other, sorted(slugs), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "write the file name of a resource page, without '.md'"
                found.append((resource.slug, Problem(resource.line_of("related"), f"no resource page named '{other}'; {hint}", Kind.METADATA)))
        found += _successor_problems(resource, by_slug, slugs)
        key = plain.title_key(resource.title)  # NFKC, case, hidden characters and look-alike letters folded
        if key in titles:
            found.append((resource.slug, Problem(resource.line_of("title"),
                                                 f"the title is already used by resources/{titles[key]}.md; "
                                                 "each resource has one page: edit that page instead, or give this one its own title", Kind.METADATA)))
        else:
            titles[key] = resource.slug
        for scheme, value in resource.identifiers:
            id_key = (scheme, value.casefold())
            if id_key in identifiers:
                found.append((resource.slug, Problem(resource.line_of("identifiers"),
                                                     f"{IDENTIFIER_SCHEMES[scheme]} {value} is already given by "
                                                     f"resources/{identifiers[id_key]}.md; check which page it belongs to", Kind.METADATA)))
            else:
                identifiers[id_key] = resource.slug
    return found


def _successor_problems(resource: Resource, by_slug: dict[str, Resource],
                        slugs: set[str]) -> list[tuple[str, Problem]]:
    """``superseded_by`` names a page that exists, and following it never comes back."""
    successor = resource.superseded_by
    if successor is None or not successor.slug or successor.slug == resource.slug:
        return []
    line = resource.line_of("superseded_by")
    if successor.slug not in slugs:
        close = difflib.get_close_matches(successor.slug, sorted(slugs), n=1)
        hint = (f"did you mean '{close[0]}'?" if close else "write the file name of a resource page, without "
                "'.md', or name the document outside the collection (title, publisher, date, url)")
        return [(resource.slug, Problem(line, f"field 'superseded_by': no resource page named '{successor.slug}'; "
                                              f"{hint}", Kind.METADATA))]
    chain = [resource.slug]
    current: Resource | None = by_slug.get(successor.slug)
    while current is not None and current.superseded_by is not None and current.superseded_by.slug:
        chain.append(current.slug)
        if current.superseded_by.slug == resource.slug:
            loop = " → ".join([*chain, resource.slug])
            return [(resource.slug, Problem(line, f"field 'superseded_by' makes a loop ({loop}); a resource "
                                                  "cannot be replaced by one it replaced: remove 'status' and "
                                                  "'superseded_by' from the page that is current", Kind.METADATA))]
        if current.superseded_by.slug in chain:
            break  # a loop that does not pass through this page: reported on its own pages
        current = by_slug.get(current.superseded_by.slug)
    return []
