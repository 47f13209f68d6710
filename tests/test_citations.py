"""Citations readers take away: every download parses back, with a parser of its
format, into what the front matter says; the APA reference follows the style's
rules for unknown facts and invents none; reference managers find the
``citation_*`` tags. Expectations come from docs/, never from today's content."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import bibtexparser
import pytest
import rispy
from conftest import DOCS, Build, read_page, resource_slugs

from community_trust.citations.formats import (
    PUBLICATION_KINDS,
    apa_text,
    csl_item,
    date_note,
    name_parts,
    status_note,
)
from community_trust.pages.schema import Resource
from community_trust.site.citation_files import COLLECTION_NAME, RESOURCE_FOLDER


def _resource(slug: str) -> Resource:
    page = read_page(DOCS / "resources" / f"{slug}.md")
    assert page.record is not None, page.problems
    return page.record


RESOURCES = [_resource(slug) for slug in resource_slugs()]
IDS = [r.slug for r in RESOURCES]


def _ncj(resource: Resource) -> str:
    return dict(resource.identifiers).get("ncj", "")


def _address(resource: Resource) -> str:
    return resource.url or (resource.alternate_urls[0].url if resource.alternate_urls else "")


def _family(name: str) -> str:
    return name_parts(name)[1]


# --- downloads, read back ------------------------------------------------------------

def _bibtex_fields(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {entry.key: {**{f.key: f.value for f in entry.fields}, "ENTRYTYPE": entry.entry_type}
            for entry in library.entries}


def _published(resource: Resource) -> str:
    """The front matter's date when it is a publication date (its ``date_kind`` says so)."""
    return resource.date if resource.date_kind in PUBLICATION_KINDS else ""


def _notes(resource: Resource) -> list[str]:
    """What a citation notes besides its fields: a date that is not a publication date, and the status."""
    titles = {r.slug: r.title for r in RESOURCES}
    return [note for note in (date_note(resource), status_note(resource, titles)) if note]


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_the_bibtex_download_reads_back_as_the_front_matter(site: Build, resource: Resource) -> None:
    entries = _bibtex_fields((site.outdir / RESOURCE_FOLDER / f"{resource.slug}.bib").read_text(encoding="utf-8"))
    assert list(entries) == [resource.slug]
    entry = entries[resource.slug]
    assert entry["title"] == resource.title
    assert entry.get("author", "") == " and ".join(resource.authors)
    assert entry.get("year", "") == _published(resource)[:4]
    assert entry.get("note", "") == "; ".join(_notes(resource))
    assert entry.get("url", "") == _address(resource)
    where = "journal" if resource.type == "article" else "institution"
    assert entry.get(where, "") == resource.publisher
    assert entry["ENTRYTYPE"] == ("article" if resource.type == "article" else "techreport")
    assert entry.get("number", "") == (f"NCJ {_ncj(resource)}" if _ncj(resource) and resource.type != "article" else "")


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_the_ris_download_reads_back_as_the_front_matter(site: Build, resource: Resource) -> None:
    records = rispy.loads((site.outdir / RESOURCE_FOLDER / f"{resource.slug}.ris").read_text(encoding="utf-8"))
    assert len(records) == 1
    record = records[0]
    assert record["type_of_reference"] == ("MGZN" if resource.type == "article" else "RPRT")
    assert record["title"] == resource.title
    assert [a.split(", ")[0] for a in record.get("authors", [])] == [_family(a) for a in resource.authors]
    assert record.get("year", "") == _published(resource)[:4]
    assert record.get("notes", []) == _notes(resource)
    assert record.get("urls", []) == ([_address(resource)] if _address(resource) else [])
    where = "secondary_title" if resource.type == "article" else "publisher"
    assert record.get(where, "") == resource.publisher
    if _published(resource):
        assert record["date"].replace("/", "-") == resource.date


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_the_csl_json_download_reads_back_as_the_front_matter(site: Build, resource: Resource) -> None:
    items = json.loads((site.outdir / RESOURCE_FOLDER / f"{resource.slug}.json").read_text(encoding="utf-8"))
    assert len(items) == 1
    item = items[0]
    assert item["id"] == resource.slug and item["title"] == resource.title
    assert [f"{a['given']} {a['family']}" for a in item.get("author", [])] == list(resource.authors)
    issued = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(item["issued"]["date-parts"][0])) \
        if "date-parts" in item.get("issued", {}) else ""
    assert issued == _published(resource)
    assert item.get("issued", {}).get("literal", "") == date_note(resource)
    assert item.get("URL", "") == _address(resource)
    assert item.get("publisher", item.get("container-title", "")) == resource.publisher


def test_the_collection_downloads_hold_every_resource_once(site: Build) -> None:
    slugs = resource_slugs()
    bib = _bibtex_fields((site.outdir / f"{COLLECTION_NAME}.bib").read_text(encoding="utf-8"))
    assert sorted(bib) == slugs
    ris = rispy.loads((site.outdir / f"{COLLECTION_NAME}.ris").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in ris) == slugs
    csl = json.loads((site.outdir / f"{COLLECTION_NAME}.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in csl) == slugs
    assert sorted(p.stem for p in (site.outdir / RESOURCE_FOLDER).glob("*.bib")) == slugs


def test_pages_link_to_their_downloads(site: Build) -> None:
    for slug in resource_slugs():
        page = site.page(f"resources/{slug}.html")
        for suffix in ("ris", "bib", "json"):
            assert f'href="../{RESOURCE_FOLDER}/{slug}.{suffix}"' in page, (slug, suffix)
            assert (site.outdir / RESOURCE_FOLDER / f"{slug}.{suffix}").is_file()
    catalogue = site.page("catalog.html")
    for suffix in ("ris", "bib", "json"):
        assert f'href="{COLLECTION_NAME}.{suffix}"' in catalogue


# --- the APA reference on the page ----------------------------------------------------

def _citation_paragraph(page: str) -> str:
    match = re.search(r'<p class="ctr-citation">(.*?)</p>', page, re.DOTALL)
    assert match, "no citation paragraph"
    return " ".join(unescape(re.sub(r"<[^>]+>", "", match[1])).split())


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_the_page_shows_the_apa_reference_as_a_plain_paragraph(site: Build, resource: Resource) -> None:
    page = site.page(f"resources/{resource.slug}.html")
    shown = _citation_paragraph(page)
    assert shown == apa_text(resource)
    assert 'class="ctr-citation"' in page and "highlight" not in page.split("ctr-citation", 1)[1][:300]
    assert shown.count(resource.title) == 1  # a substituted title is not printed twice
    if resource.authors:
        assert shown.startswith(f"{_family(resource.authors[0])}, ")
    else:
        assert shown.startswith(resource.title)  # APA: no author, the title moves first
    if _published(resource):
        assert f"({resource.year}" in shown
    elif resource.date:
        assert f"({date_note(resource)})" in shown  # not a publication date: named as what it is
    else:
        assert "(n.d.)" in shown  # APA: no date
    if resource.publisher and resource.type != "article":
        assert resource.publisher in shown
    if _address(resource):
        assert shown.endswith(_address(resource))
    if _ncj(resource) and resource.type != "article":
        assert f"(NCJ {_ncj(resource)})" in shown


def test_apa_invents_nothing_for_a_work_with_no_author_date_or_publisher() -> None:
    bare = Resource(slug="bare", title="A Bare Title", description="x.", type="guide", topics=("t",),
                    access="public", keywords=("a", "b", "c"), sources=(), reviewed="2026-01-01")
    assert apa_text(bare) == "A Bare Title. (n.d.)."
    assert set(csl_item(bare)) == {"id", "title", "type"}


def test_author_names_split_by_bibtex_rules() -> None:
    assert name_parts("Cynthia Lum") == ("Cynthia", "Lum")
    assert name_parts("Ludwig van Beethoven") == ("Ludwig", "van Beethoven")


# --- what reference managers read ----------------------------------------------------------

def _meta(page: str, name: str) -> list[str]:
    return [unescape(v) for v in re.findall(rf'<meta name="{name}" content="([^"]*)"', page)]


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_resource_pages_carry_citation_meta_tags(site: Build, resource: Resource) -> None:
    page = site.page(f"resources/{resource.slug}.html")
    assert _meta(page, "citation_title") == [resource.title]
    assert _meta(page, "citation_author") == list(resource.authors)
    assert [d.replace("/", "-") for d in _meta(page, "citation_publication_date")] == \
        ([_published(resource)] if _published(resource) else [])
    urls = _meta(page, "citation_pdf_url") + _meta(page, "citation_public_url")
    assert urls == ([_address(resource)] if _address(resource) else [])
    if resource.type != "article":
        assert _meta(page, "citation_publisher") == ([resource.publisher] if resource.publisher else [])
        assert _meta(page, "citation_technical_report_number") == ([f"NCJ {_ncj(resource)}"] if _ncj(resource) else [])


def test_other_pages_carry_no_citation_tags(site: Build) -> None:
    for name in ("index.html", "catalog.html", "topics/use-of-force.html"):
        assert "citation_title" not in site.page(name)


# --- print ---------------------------------------------------------------------------

def test_the_binders_print_the_reference_as_a_paragraph(tmp_path: Path) -> None:
    from conftest import sphinx_build

    build = sphinx_build(DOCS, tmp_path / "binders", "binders", "-D", "ctr_print_pdf=0")
    assert build.returncode == 0, build.stderr
    text = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "binders").glob("*.html"))
    assert 'class="ctr-citation"' in text
    resource = next(r for r in RESOURCES if r.authors)
    assert f"{_family(resource.authors[0])}, " in text
    assert "Download this citation" not in text  # no links to files in print
