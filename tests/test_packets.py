"""Training packets: pages in docs/packets/, checked like every page, shown on the site and printed.

Every expectation comes from the packet pages and the resource pages they name, so adding a
packet, or a resource, needs no change here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import DOCS, Build, copy_docs, line_of, located, placed, sphinx_build

from community_trust.pages import layout, packets
from community_trust.pages.reader import Collection, load_collection
from community_trust.tools import lint, new_packet


def collection() -> Collection:
    return load_collection(DOCS)


def packet_slugs() -> list[str]:
    return sorted(p.stem for p in (DOCS / layout.PACKETS).glob("*.md"))


def text_of(page: str) -> str:
    """A built page's text: tags gone, entities decoded, white space as single spaces."""
    body = page.split('<article', 1)[-1].split("</article>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip()


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip()


def agenda_items(slug: str) -> list[str]:
    """The agenda's lines, as the packet's author wrote them."""
    text = (DOCS / layout.PACKETS / f"{slug}.md").read_text(encoding="utf-8")
    section = text.split("## Agenda", 1)[1].split("\n## ", 1)[0]
    return [line[2:].strip() for line in section.splitlines() if line.startswith("- ")]


def test_there_are_packets_and_each_has_a_record_and_no_problem() -> None:
    found = collection()
    assert packet_slugs(), "docs/packets/ holds the collection's own packets"
    for slug in packet_slugs():
        assert slug in found.packets, found.problems.get(layout.packet_docname(slug))
        assert not found.problems.get(layout.packet_docname(slug))


def test_the_collections_own_packets_cover_each_topic_in_a_different_setting() -> None:
    found = collection()
    own = [p for p in found.packets.values() if "the collection's own curation" in p.prepared_by]
    homes = {found.resources[p.items[0].resource].home_topic for p in own}
    assert homes >= set(found.topics)
    assert len({p.format for p in own}) == len(own)


@pytest.mark.parametrize("slug", packet_slugs())
def test_packet_page_shows_details_agenda_resources_and_questions(site: Build, slug: str) -> None:
    found = collection()
    packet = found.packets[slug]
    page = site.page(f"packets/{slug}.html")
    text = text_of(page)
    for value in (packet.purpose, packet.format_label, packet.length_label, packet.audience, packet.prepared_by):
        assert plain(value) in text
    for item in agenda_items(slug):
        assert plain(item) in text
    # the resources' cards, in the packet's order
    links = re.findall(r'sd-stretched-link[^"]*" href="\.\./resources/([^"#]+)\.html"', page)
    assert links == list(packet.resource_slugs)
    for item in packet.items:
        resource = found.resources[item.resource]
        for number in item.training:
            assert plain(resource.training[number - 1]) in text, (item.resource, number)
        for question in item.questions:
            assert plain(question) in text
        assert plain(resource.access_label) in text
        if resource.members_only:
            assert plain(item.access_note) in text
    notices = len(re.findall(r'<aside [^>]*class="[^"]*ctr-members-only', page))
    assert notices == sum(found.resources[s].members_only for s in packet.resource_slugs)
    assert "not facts about any document" in text


def test_training_packets_page_and_home_page_lead_to_every_packet(site: Build) -> None:
    listing = site.page(f"{layout.PACKET_LIST_PAGE}.html")
    for slug in packet_slugs():
        assert f'href="packets/{slug}.html"' in listing
    assert f'href="{layout.PACKET_LIST_PAGE}.html"' in site.page("index.html")


def test_each_resource_a_packet_uses_names_the_packet(site: Build) -> None:
    found = collection()
    for slug in found.resources:
        page = site.page(f"resources/{slug}.html")
        using = found.packets_using(slug)
        assert ("Used in the training packet" in page) == bool(using), slug
        for packet in using:
            assert f'href="../packets/{packet.slug}.html"' in page, (slug, packet.slug)


def test_search_index_holds_each_packet_by_its_title(site: Build) -> None:
    from sphinx.search import js_index

    index = js_index.loads(site.page("searchindex.js"))
    for slug, packet in collection().packets.items():
        assert index["titles"][index["docnames"].index(f"packets/{slug}")] == plain(packet.title).replace(
            "'", "\u2019")


@pytest.mark.browser
def test_search_finds_each_packet_by_its_title(chromium, site: Build) -> None:  # type: ignore[no-untyped-def]
    from test_search import search

    page = chromium.new_page()
    base = site.outdir.resolve().as_uri() + "/"
    for slug, packet in collection().packets.items():
        results = search(page, base, packet.title.split(":")[0])
        assert any(r.split("#")[0].endswith(f"packets/{slug}.html") for r in results[:3]), (packet.title, results)
    page.close()


# --- the lint and the build say the same ------------------------------------------------

def _break(docs: Path) -> dict[str, tuple[Path, int, str]]:
    """Four mistakes in copies of the real packets, each with where it is and what to do."""
    found = load_collection(docs)
    members = next(p for p in found.packets.values()
                   if any(found.resources[s].members_only for s in p.resource_slugs))
    public = next(p for p in found.packets.values() if p is not members)
    expected: dict[str, tuple[Path, int, str]] = {}

    path = layout.path_of(docs, members.docname)
    text = path.read_text(encoding="utf-8")
    item = next(i for i in members.items if found.resources[i.resource].members_only)
    text = text.replace("    access_note:", "    # access_note:", 1)
    path.write_text(text, encoding="utf-8")
    expected["notice"] = located(path, line_of(path, f"resource: {item.resource}"),
                                 packets.access_note_message(item.resource))

    path = layout.path_of(docs, public.docname)
    text = path.read_text(encoding="utf-8")
    first = public.items[0]
    listed = len(found.resources[first.resource].training)
    text = text.replace(f"resource: {first.resource}\n    training: [", f"resource: {first.resource}\n    training: [{listed + 1}, ", 1)
    second = public.items[1]
    text = text.replace(f"resource: {second.resource}\n", f"resource: {second.resource}x\n", 1)
    agenda = agenda_items(public.slug)[0]
    minutes = packets.minutes_of(agenda)
    text = text.replace(f"- {agenda}", f"- {agenda.replace(str(minutes), str(minutes + 5), 1)}", 1)
    path.write_text(text, encoding="utf-8")
    expected["training"] = located(
        path, line_of(path, f"resource: {first.resource}"),
        f"'training: {[listed + 1, *first.training]}': resources/{first.resource}.md has {listed} questions under "
        f"'## Using it in training', so there is no number {listed + 1}; choose numbers from 1 to {listed}")
    expected["resource"] = located(path, line_of(path, f"resource: {second.resource}x"),
                                   f"no resource page named '{second.resource}x'; did you mean '{second.resource}'?")
    expected["agenda"] = located(path, line_of(path, "## Agenda"),
                                 f"the agenda's times add up to {public.length + 5} minutes, but 'length' is "
                                 f"{public.length}; change a time in '## Agenda' or the 'length' field so that "
                                 "they agree")
    return expected


def test_lint_and_build_report_each_packet_mistake_at_its_line_with_the_fix(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    expected = _break(docs)
    # a trainer's new packet, fresh from make new-packet, builds (its TODOs are for the lint)
    resources = sorted(load_collection(docs).resources)[:2]
    assert new_packet.main(["A New Session: Test", "--resources", ",".join(resources), "--docs-dir", str(docs)],
                           interactive=False) == 0
    scaffolded = docs / layout.PACKETS / "a-new-session.md"

    found = lint.lint(docs)
    assert set(placed([f for f in found if f.path != scaffolded])) == set(expected.values())
    assert {f.message for f in found if f.path == scaffolded} == {
        "a 'TODO' is left here: write what it asks for, in your own words, and remove the 'TODO' before "
        "opening a pull request"}

    build = sphinx_build(docs, tmp_path / "html")
    assert build.returncode != 0
    for path, line, message in expected.values():
        assert any(w.startswith(f"{path}:{line}: WARNING: {message}") for w in build.warnings), (message, build.warnings)
    assert not [w for w in build.warnings if str(scaffolded) in w]
    assert len(build.warnings) == len(expected), build.warnings


def test_new_packet_refuses_an_unknown_resource_and_writes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    docs = copy_docs(tmp_path / "docs")
    before = sorted((docs / layout.PACKETS).iterdir())
    assert new_packet.main(["Another Session", "--resources", "no-such-page", "--docs-dir", str(docs)]) == 1
    assert "no resource named 'no-such-page'" in capsys.readouterr().err
    assert sorted((docs / layout.PACKETS).iterdir()) == before


# --- the catalogue's start of a packet ---------------------------------------------------

@pytest.mark.browser
def test_catalogue_downloads_the_rows_shown_as_a_packet_page_from_a_folder(chromium, site: Build,  # type: ignore[no-untyped-def]
                                                                           tmp_path: Path) -> None:
    found = collection()
    topic = found.sorted_topics()[0].slug
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((site.outdir / "catalog.html").resolve().as_uri() + f"?topic={topic}")
    with page.expect_download() as download:
        page.click(".ctr-packet-start")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    context.close()
    shown = [r for r in found.sorted_resources() if topic in r.topics]  # the table's order
    assert text == packets.new_packet_text(packets.NEW_TITLE, packets.NEW_FORMAT, packets.NEW_LENGTH,
                                           [(r.slug, r.label, r.members_only) for r in shown])
    # saved in docs/packets/, it is a packet page with only its placeholders left to write
    docs = copy_docs(tmp_path / "docs")
    saved = docs / layout.PACKETS / "from-the-catalogue.md"
    saved.write_text(text, encoding="utf-8")
    assert {f.message for f in lint.lint(docs)} <= {
        "a 'TODO' is left here: write what it asks for, in your own words, and remove the 'TODO' before "
        "opening a pull request"}
    assert "from-the-catalogue" in load_collection(docs).packets


# --- the packets' binders (their HTML; the PDFs are checked in test_pdf.py) ------------------

@pytest.fixture(scope="module")
def packet_binders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packets' binders alone (``ctr_binders``), HTML only."""
    from community_trust.binders.selection import packet_binder_name

    out = tmp_path_factory.mktemp("packet-binders")
    names = ",".join(packet_binder_name(slug) for slug in packet_slugs())
    build = sphinx_build(DOCS, out, "binders", "-D", f"ctr_binders={names}", "-D", "ctr_print_pdf=0")
    assert build.returncode == 0, build.stderr
    return out


@pytest.mark.parametrize("slug", packet_slugs())
def test_packet_binder_holds_the_session_then_its_resources_in_order_with_the_questions(
        packet_binders: Path, slug: str) -> None:
    from community_trust.binders.packet_binder import NOTES_TITLE, SESSION_TITLE
    from community_trust.binders.selection import packet_binder_name

    found = collection()
    packet = found.packets[slug]
    written = {p.stem for p in packet_binders.glob("*.html")}
    assert written == {packet_binder_name(s) for s in packet_slugs()}
    page = (packet_binders / f"{packet_binder_name(slug)}.html").read_text(encoding="utf-8")
    title_page = text_of(page.split("<main>", 1)[0])
    for value in (packet.title, packet.format_label, packet.length_label, packet.audience):
        assert plain(value) in title_page
    chapters = [html.unescape(c) for c in re.findall(r'data-chapter="([^"]*)"', page)]
    assert chapters[:2] == ["Contents", SESSION_TITLE] and NOTES_TITLE in chapters and chapters[-1] == "Index"
    order = [html.unescape(r) for r in re.findall(r'data-resource="([^"]*)"', page)]
    assert order == [found.resources[s].label for s in packet.resource_slugs]
    boxes = page.count("ctr-packet-questions-print")
    assert boxes == len(packet.items)
    assert page.count('class="ctr-qr-code') + page.count("ctr-no-qr") >= len(packet.items)
    text = text_of(page)
    for item in packet.items:
        for number in item.training:
            assert plain(found.resources[item.resource].training[number - 1]) in text
    for item in agenda_items(slug):
        assert plain(item) in text


# --- incremental builds follow edits ------------------------------------------------------

def test_a_new_training_question_dirties_only_the_packets_quoting_it() -> None:
    import dataclasses

    from community_trust.build.staleness import _changed_keys, training_key

    resource = next(iter(collection().resources.values()))
    edited = dataclasses.replace(resource, training=(*resource.training, "One more question?"))
    assert _changed_keys(resource, edited) == {training_key(resource.slug)}


def test_an_incremental_build_follows_an_edited_question_and_a_new_packet(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    out = tmp_path / "html"
    assert sphinx_build(docs, out).returncode == 0
    found = load_collection(docs)
    packet = found.packets[packet_slugs()[0]]
    item = next(i for i in packet.items if i.training)
    question = found.resources[item.resource].training[item.training[0] - 1]
    page = layout.path_of(docs, layout.resource_docname(item.resource))
    page.write_text(page.read_text(encoding="utf-8").replace(question, question + " Ask it twice.", 1),
                    encoding="utf-8")
    # a new packet, using a resource no packet used before
    unused = next(r for r in found.sorted_resources() if not found.packets_using(r.slug) and r.training
                  and not r.members_only)
    source = layout.path_of(docs, packet.docname).read_text(encoding="utf-8")
    front, body = source.split("\nresources:", 1)[0], source.split("\n---\n", 2)[-1]
    front = re.sub(r'^title: .*$', 'title: "A Later Packet"', front, flags=re.M)
    (docs / layout.PACKETS / "a-later-packet.md").write_text(
        f"{front}\nresources:\n  - resource: {unused.slug}\n    training: [1]\n---\n{body}", encoding="utf-8")

    again = sphinx_build(docs, out)
    assert again.returncode == 0, again.stderr
    assert plain(question + " Ask it twice.") in text_of(again.page(f"packets/{packet.slug}.html"))
    assert 'href="../packets/a-later-packet.html"' in again.page(f"resources/{unused.slug}.html")
    assert 'href="packets/a-later-packet.html"' in again.page(f"{layout.PACKET_LIST_PAGE}.html")


# --- a packet's own front matter, and make new-packet's questions ---------------------------

def _matter(text: str):  # type: ignore[no-untyped-def]
    from community_trust.pages import frontmatter

    return frontmatter.parse(text)


def test_a_packets_fields_are_checked_each_at_its_line_with_the_fix() -> None:
    text = (DOCS / layout.PACKETS / f"{packet_slugs()[0]}.md").read_text(encoding="utf-8")
    text = re.sub(r"^format: .*$", "format: lecture", text, count=1, flags=re.M)
    text = re.sub(r"^length: .*$", "length: an hour", text, count=1, flags=re.M)
    text = re.sub(r"^audience: .*\n", "", text, count=1, flags=re.M)
    matter = _matter(text)
    record, problems = packets.read_packet(packet_slugs()[0], matter)
    assert record is None
    lines = text.splitlines()
    messages = {(p.line, p.message) for p in problems}
    assert (lines.index("format: lecture") + 1,
            f"field 'format': 'lecture' is not allowed; write one of: {', '.join(packets.PACKET_FORMATS)}") in messages
    assert (lines.index("length: an hour") + 1, "field 'length': write a whole number, like 52") in messages
    assert (1, "the required field 'audience' is missing; add a line 'audience: …' to the front matter") in messages


def test_make_new_packet_asks_again_until_each_answer_is_valid(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    slugs = sorted(load_collection(docs).resources)
    answers = iter(["Asked For: A Session", "no-such-page", f"{slugs[0]}, {slugs[1]}", "lecture", "workshop",
                    "ninety", "45"])
    assert new_packet.main(["--docs-dir", str(docs)], ask=lambda _: next(answers), interactive=True) == 0
    packet = load_collection(docs).packets["asked-for"]
    assert (packet.format, packet.length, packet.resource_slugs) == ("workshop", 45, (slugs[0], slugs[1]))
    assert [p for p in lint.lint(docs) if p.path == docs / layout.PACKETS / "asked-for.md"
            and "TODO" not in p.message] == []
