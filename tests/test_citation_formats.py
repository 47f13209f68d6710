"""A resource's citation in each format, from a record alone (no build):
the APA reference, RIS, BibTeX and CSL-JSON, with and without authors, a
date and an address, for a member-only work and for a date that is not a
publication date. The records are made up here; ``test_citations.py``
checks the real collection's downloads against its front matter."""

from __future__ import annotations

import dataclasses
import json

import bibtexparser
import pytest
import rispy

from community_trust.citations.formats import (
    apa_parts,
    apa_text,
    bibtex,
    citation_meta,
    csl_item,
    csl_json,
    ris,
)
from community_trust.pages.schema import Link, Resource

TITLE = "Listening Sessions: A Guide for Trainers"
URL = "https://www.example.org/listening-sessions.pdf"
#: every fact a citation can use
FULL = Resource(
    slug="listening-sessions", title=TITLE, description="A guide.", type="guide", topics=("accountability",),
    access="public", keywords=("a", "b", "c"), sources=(), reviewed="2026-01-01",
    authors=("Avery Example", "Jordan van Sample"), date="2015-03", date_kind="published",
    publisher="Example Training Institute", url=URL, identifiers=(("ncj", "123456"),))
#: a member-only model policy whose only date is the date it took effect
POLICY = Resource(
    slug="crowd-policy", title="Crowd Policy", description="A policy.", type="model-policy",
    topics=("crisis-response",), access="members-only", keywords=("a", "b", "c"), sources=(),
    reviewed="2026-01-01", date="2014-10", date_kind="effective", publisher="Example Chiefs Association",
    url="https://www.example.org/model-policy/crowd/")


def without(record: Resource, *names: str) -> Resource:
    """The record with the facts ``names`` left out, as a page that does not give them."""
    empty = {"authors": (), "date": "", "date_kind": "", "url": "", "publisher": "", "identifiers": ()}
    return dataclasses.replace(record, **{name: empty[name] for name in names})


# --- APA 7th edition ----------------------------------------------------------------------

def test_apa_with_every_fact() -> None:
    assert apa_text(FULL) == (f"Example, A., & van Sample, J. (2015). {TITLE} (NCJ 123456). "
                              f"Example Training Institute. {URL}")


def test_apa_italicises_the_title_of_a_report_and_marks_the_address() -> None:
    assert apa_parts(FULL) == [("text", "Example, A., & van Sample, J. (2015). "), ("italic", TITLE),
                               ("text", " (NCJ 123456). Example Training Institute. "), ("url", URL)]


def test_apa_without_authors_moves_the_title_first() -> None:
    assert apa_text(without(FULL, "authors")) == f"{TITLE} (NCJ 123456). (2015). Example Training Institute. {URL}"


def test_apa_without_a_date_says_no_date() -> None:
    text = apa_text(without(FULL, "date", "date_kind"))
    assert text.startswith(f"Example, A., & van Sample, J. (n.d.). {TITLE} (NCJ 123456). Example Training Institute.")
    assert text.endswith(URL)
    assert "2015" not in text


def test_apa_without_an_address_ends_with_the_publisher() -> None:
    assert apa_text(without(FULL, "url")) == \
        f"Example, A., & van Sample, J. (2015). {TITLE} (NCJ 123456). Example Training Institute."


def test_apa_cites_the_first_public_copy_when_there_is_no_official_address() -> None:
    copy = dataclasses.replace(without(FULL, "url"), alternate_urls=(Link("A copy", "https://copy.example.net/g.pdf"),))
    assert apa_text(copy).endswith("Example Training Institute. https://copy.example.net/g.pdf")


def test_apa_names_an_effective_date_as_what_it_is() -> None:
    assert apa_text(POLICY) == ("Crowd Policy. (Effective October 2014). Example Chiefs Association. "
                                "https://www.example.org/model-policy/crowd/")


def test_a_member_only_work_is_cited_like_any_other() -> None:
    """Access is not a bibliographic fact: the reference and its address stay the same."""
    public = dataclasses.replace(POLICY, access="public")
    assert apa_text(POLICY) == apa_text(public)
    assert csl_item(POLICY) == csl_item(public)
    assert ris([POLICY]) == ris([public]) and bibtex([POLICY]) == bibtex([public])


# --- CSL-JSON -----------------------------------------------------------------------------

def test_csl_json_with_every_fact() -> None:
    assert csl_item(FULL) == {
        "id": "listening-sessions", "type": "report", "title": TITLE, "publisher": "Example Training Institute",
        "number": "NCJ 123456", "author": [{"given": "Avery", "family": "Example"},
                                           {"given": "Jordan", "family": "van Sample"}],
        "issued": {"date-parts": [[2015, 3]]}, "URL": URL}


def test_csl_json_gives_only_the_facts_there_are() -> None:
    bare = without(FULL, "authors", "date", "date_kind", "url", "publisher", "identifiers")
    assert csl_item(bare) == {"id": "listening-sessions", "type": "report", "title": TITLE}


def test_csl_json_gives_an_effective_date_as_literal_text_not_as_the_date_issued() -> None:
    assert csl_item(POLICY)["issued"] == {"literal": "Effective October 2014"}


def test_csl_json_of_an_article_names_the_periodical() -> None:
    article = dataclasses.replace(FULL, type="article", publisher="Example Chief magazine", identifiers=())
    item = csl_item(article)
    assert item["type"] == "article-magazine" and item["container-title"] == "Example Chief magazine"
    assert "publisher" not in item


def test_the_csl_json_file_is_a_list_of_the_items() -> None:
    assert json.loads(csl_json([FULL, POLICY])) == [csl_item(FULL), csl_item(POLICY)]


# --- BibTeX -------------------------------------------------------------------------------

def test_bibtex_with_every_fact() -> None:
    assert bibtex([FULL]) == (
        "@techreport{listening-sessions,\n"
        f"\ttitle = {{{TITLE}}},\n"
        "\tauthor = {Avery Example and Jordan van Sample},\n"
        "\tinstitution = {Example Training Institute},\n"
        "\ttype = {Guide},\n"
        "\tnumber = {NCJ 123456},\n"
        "\tyear = {2015},\n"
        "\tmonth = {3},\n"
        "\tdate = {2015-03},\n"
        f"\turl = {{{URL}}}\n"
        "}\n")


def test_bibtex_puts_an_effective_date_in_a_note_not_the_year() -> None:
    entry = bibtexparser.parse_string(bibtex([POLICY])).entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert fields["note"] == "Effective October 2014"
    assert "year" not in fields and "date" not in fields
    assert entry.entry_type == "techreport" and fields["type"] == "Model policy"


def test_bibtex_without_authors_date_or_address_leaves_them_out() -> None:
    library = bibtexparser.parse_string(bibtex([without(FULL, "authors", "date", "date_kind", "url")]))
    assert library.failed_blocks == []
    assert {f.key for f in library.entries[0].fields} == {"title", "institution", "type", "number"}


# --- RIS ----------------------------------------------------------------------------------

def test_ris_with_every_fact() -> None:
    assert ris([FULL]).splitlines() == [
        "TY  - RPRT", "ID  - listening-sessions", f"TI  - {TITLE}", "M3  - Guide",
        "PB  - Example Training Institute", "AU  - Example, Avery", "AU  - van Sample, Jordan",
        "PY  - 2015", "DA  - 2015/03", "SN  - NCJ 123456", f"UR  - {URL}", "ER  - "]


def test_ris_puts_an_effective_date_in_a_note_not_the_year() -> None:
    record = rispy.loads(ris([POLICY]))[0]
    assert record["notes"] == ["Effective October 2014"]
    assert "year" not in record and "date" not in record


@pytest.mark.parametrize("missing", [("authors",), ("date", "date_kind"), ("url",)], ids=["authors", "date", "url"])
def test_ris_without_a_fact_leaves_its_tag_out(missing: tuple[str, ...]) -> None:
    tags = {line[:2] for line in ris([without(FULL, *missing)]).splitlines()}
    gone = {"authors": {"AU"}, "date": {"PY", "DA"}, "url": {"UR"}}[missing[0]]
    assert not tags & gone
    assert {"TY", "TI", "PB", "SN", "ER"} <= tags


# --- what reference managers read from the page ---------------------------------------------

def test_meta_tags_say_whether_the_address_is_a_pdf() -> None:
    assert ("citation_pdf_url", URL) in citation_meta(FULL)
    assert ("citation_public_url", POLICY.url) in citation_meta(POLICY)
    assert not [name for name, _ in citation_meta(POLICY) if name == "citation_publication_date"]
