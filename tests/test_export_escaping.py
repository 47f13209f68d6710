"""Every citation export parses back to one record per resource, each field as written.

Front matter refuses line breaks and controls (``pages.plain``); the exports
are the second line: a line break in a title or an address would start a new
RIS record (``TY  - GEN``), a brace in a publisher would end a BibTeX field
and start others (``note = {Injected}``). Each export of the collection, and
of records made hostile on purpose, is parsed back with the same libraries a
reference manager uses.
"""

from __future__ import annotations

import dataclasses
import json

import bibtexparser
import pytest
import rispy
from conftest import DOCS

from community_trust.citations.formats import bibtex, bibtex_value, csl_json, plain_value, ris
from community_trust.pages.reader import load_collection
from community_trust.pages.schema import Resource

HOSTILE = {
    "a line break and a RIS tag": "Report\nER  - \nTY  - GEN\nTI  - Injected",
    "a carriage return": "Report\r\nTI  - Injected",
    "a tab and controls": "Report\t\x0b\x0c\x1b[31m\u2028\u2029\x85",
    "braces": "X}, note = {Injected",
    "a lone brace": "X}",
    "a backslash command": "X \\input{/etc/passwd}",
}


def _records() -> list[Resource]:
    return sorted(load_collection(DOCS).resources.values(), key=lambda r: r.slug)


def _hostile() -> list[Resource]:
    base = _records()[0]
    made = []
    for index, value in enumerate(HOSTILE.values()):
        made.append(dataclasses.replace(base, slug=f"hostile-{index}", title=value, publisher=value,
                                        authors=(value,), url="https://example.org/a{b}\\c\nTY  - GEN"))
    return made


@pytest.fixture(params=["collection", "hostile"])
def records(request: pytest.FixtureRequest) -> list[Resource]:
    return _records() if request.param == "collection" else _hostile()


def test_ris_parses_back_to_one_record_each(records: list[Resource]) -> None:
    parsed = rispy.loads(ris(records))
    assert [r["id"] for r in parsed] == [r.slug for r in records]
    for record, entry in zip(records, parsed, strict=True):
        assert entry["title"] == plain_value(record.title)
        assert set(entry) <= {"id", "title", "type_of_reference", "type_of_work", "publisher", "secondary_title",
                              "authors", "year", "date", "notes", "issn", "urls"}, entry


def test_bibtex_parses_back_to_one_entry_each_with_its_own_fields(records: list[Resource]) -> None:
    library = bibtexparser.parse_string(bibtex(records))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [r.slug for r in records]
    for record, entry in zip(records, library.entries, strict=True):
        fields = {f.key: f.value for f in entry.fields}
        assert fields["title"] == bibtex_value(record.title)
        assert "note" not in fields or "Injected" not in fields["note"]
        assert set(fields) <= {"title", "author", "journal", "institution", "type", "number", "year", "month",
                               "date", "note", "isbn", "url"}, fields
        for value in fields.values():
            assert value.count("{") == value.count("}") and "\n" not in value and "\\input" not in value


def test_csl_json_parses_back_with_plain_values(records: list[Resource]) -> None:
    items = json.loads(csl_json(records))
    assert [i["id"] for i in items] == [r.slug for r in records]
    for record, item in zip(records, items, strict=True):
        assert item["title"] == plain_value(record.title)
        text = json.dumps(item, ensure_ascii=False)
        assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029" for c in text)


def test_the_collection_exports_are_unchanged_by_the_escaping() -> None:
    """The collection's own values hold no control, brace or backslash: the exports show them as written."""
    for record in _records():
        for value in (record.title, record.publisher, *record.authors):
            assert plain_value(value) == value and bibtex_value(value) == value, value
