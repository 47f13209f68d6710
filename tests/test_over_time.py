"""The collection over time: when each resource arrived, what is new, what is no longer
current, the feeds, and addresses that outlive a printed binder (issue 21).

Expectations come from the front matter of docs/, or from a status planted on a
copy of it: the real collection may hold no superseded resource yet.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import feedparser
import pytest
import rispy
from conftest import DOCS, ROOT, Build, copy_docs, front_matter, resource_slugs, resources, sphinx_build

from community_trust.pages import published, schema
from community_trust.tools import lint

BASE = "https://example.org/ctr/"
SUPERSEDED = "police-pursuits"  # home topic use-of-force
SUCCESSOR = "emerging-use-of-force-issues"
OUTSIDE = "protecting-civil-rights"  # superseded by a document outside the collection
WITHDRAWN = "building-safer-communities"
REVISED = "national-policy-summit-report"
NOTE = "the page count was corrected"


def insert_after(path: Path, key: str, lines: str) -> int:
    """Put ``lines`` after the front-matter line ``key: …``; return the first inserted line's number."""
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(text) if line.startswith(f"{key}:"))
    text[index + 1:index + 1] = [lines if lines.endswith("\n") else lines + "\n"]
    path.write_text("".join(text), encoding="utf-8")
    return index + 2


def set_line(path: Path, key: str, value: str) -> int:
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(text) if line.startswith(f"{key}:"))
    text[index] = f"{key}: {value}\n"
    path.write_text("".join(text), encoding="utf-8")
    return index + 1


def back(path: Path, words: str) -> None:
    """Add a source that backs ``words`` (the first of the page's sources)."""
    insert_after(path, "sources", f'  - label: "The publisher\'s notice"\n    backs: "{words}"')


def plant_statuses(docs: Path) -> None:
    pages = docs / "resources"
    insert_after(pages / f"{SUPERSEDED}.md", "added", f"status: superseded\nsuperseded_by: {SUCCESSOR}")
    back(pages / f"{SUPERSEDED}.md", "that it was superseded")
    insert_after(pages / f"{OUTSIDE}.md", "added", 'status: superseded\nsuperseded_by:\n  title: "A Newer Guide"\n'
                 '  publisher: "U.S. Department of Justice"\n  date: "2023-05"\n  url: https://www.justice.gov/example')
    back(pages / f"{OUTSIDE}.md", "that it was superseded in May 2023")
    insert_after(pages / f"{WITHDRAWN}.md", "added", "status: withdrawn")
    back(pages / f"{WITHDRAWN}.md", "that its publisher withdrew it (withdrawn)")
    added = front_matter(pages / f"{REVISED}.md")["added"]
    later = (datetime.date.fromisoformat(added) + datetime.timedelta(days=3)).isoformat()
    set_line(pages / f"{REVISED}.md", "reviewed", f'"{later}"')
    insert_after(pages / f"{REVISED}.md", "reviewed", f'review_note: "{NOTE}"')


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build, Path]:
    """A copy with statuses and a revision planted: two HTML builds (with a base address) and the binders' HTML."""
    root = tmp_path_factory.mktemp("over-time")
    docs = copy_docs(root / "docs")
    plant_statuses(docs)
    first = sphinx_build(docs, root / "html", env={"CTR_BASE_URL": BASE})
    assert first.returncode == 0, first.stderr
    second = sphinx_build(docs, root / "html2", env={"CTR_BASE_URL": BASE})
    assert second.returncode == 0, second.stderr
    binders = sphinx_build(docs, root / "binders", "binders", "-D", "ctr_print_pdf=0", "-D",
                           "ctr_binders=community-trust-use-of-force", env={"CTR_BASE_URL": BASE})
    assert binders.returncode == 0, binders.stderr
    return first, second, root / "binders" / "community-trust-use-of-force.html"


# --- when a resource arrived ------------------------------------------------------------

def _git_added(path: Path) -> str:
    done = subprocess.run(["git", "log", "--diff-filter=A", "--follow", "--format=%as", "--", str(path)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    lines = done.stdout.split()
    return lines[-1] if done.returncode == 0 and lines else ""


def test_every_resource_records_the_commit_that_added_it() -> None:
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True,
                             text=True, check=False).stdout.strip()
    if shallow != "false":
        pytest.skip("needs the repository's full history")
    checked = 0
    for slug, matter in resources().items():
        when = _git_added(DOCS / "resources" / f"{slug}.md")
        if not when:
            continue  # not committed yet: the day of its commit is not known
        assert matter["added"] == when, f"resources/{slug}.md: added should be {when}"
        checked += 1
    assert checked


def test_the_page_says_since_when_it_is_in_the_collection_never_as_the_documents_date(site: Build) -> None:
    for slug, matter in resources().items():
        page = site.page(f"resources/{slug}.html")
        since = f"In the collection since <strong>{schema.format_date(matter['added'])}</strong>"
        assert since in page
        assert page.index(since) < page.index("ctr-lead")
        facts = page[page.index("ctr-facts"):page.index("</dl>", page.index("ctr-facts"))]
        assert schema.format_date(matter["added"]) not in facts or matter.get("date") == matter["added"]


def test_the_scaffold_writes_the_day_added_and_records_the_address(scaffolded) -> None:
    docs, _ = scaffolded
    today = datetime.date.today().isoformat()
    made = [p for p in (docs / "resources").glob("*.md") if not (DOCS / "resources" / p.name).exists()]
    assert made
    recorded = dict(published.read(docs).addresses)
    for path in made:
        assert front_matter(path)["added"] == today
        assert f"resources/{path.stem}" in recorded


# --- what is new ---------------------------------------------------------------------------

def _order(page: str, slugs: list[str]) -> list[str]:
    found = sorted((page.index(f'href="../resources/{s}.html"') if f'href="../resources/{s}.html"' in page
                    else page.index(f'href="resources/{s}.html"'), s) for s in slugs)
    return [s for _, s in found]


def test_whats_new_lists_resources_newest_first_by_month(site: Build) -> None:
    page = site.page("whats-new.html")
    matters = resources()
    by_label = sorted(matters, key=lambda s: str(matters[s].get("short_title") or matters[s]["title"]).casefold())
    expected = sorted(by_label, key=lambda s: matters[s]["added"], reverse=True)
    added_section = page[page.index("<article"):page.index("Revised pages")]
    assert _order(added_section, expected) == expected
    for month in {datetime.date.fromisoformat(m["added"]).strftime("%B %Y") for m in matters.values()}:
        assert f"Added in {month}" in page


def test_the_home_page_shows_the_latest_three(site: Build) -> None:
    page = site.page("index.html")
    section = page[page.index('id="whats-new"'):page.index('id="more"')]
    newest = max(m["added"] for m in resources().values())
    assert section.count("ctr-card ") + section.count('ctr-card"') == 3
    assert f"added to the collection {schema.format_date(newest)}" in section
    assert 'href="whats-new.html"' in section


def test_revised_pages_are_listed_apart_with_what_changed(planted) -> None:
    site, _, _ = planted
    page = site.page("whats-new.html")
    revised = page[page.index("Revised pages"):]
    assert f'href="resources/{REVISED}.html"' in revised
    assert f"what changed: {NOTE}." in revised
    resource = site.page(f"resources/{REVISED}.html")
    assert f"What changed: {NOTE}." in resource


def test_the_catalogue_can_sort_by_date_added(site: Build) -> None:
    page = site.page("catalog.html")
    data = json.loads(unescape(re.search(r'class="ctr-catalog-data">(.*?)</script>', page, re.S).group(1)))
    assert '<select id="ctr-filter-by" name="by"><option value="">By title</option>' \
           '<option value="added">Newest added first</option></select>' in page
    matters = resources()
    titles = {m["title"]: m for m in matters.values()}
    assert sorted(row["added"] for row in data["rows"]) == sorted(m["added"] for m in titles.values())


# --- what is current: the status everywhere the resource shows ---------------------------------

def test_the_status_notice_opens_the_page(planted) -> None:
    site, _, _ = planted
    page = site.page(f"resources/{SUPERSEDED}.html")
    notice = re.search(r'<aside aria-label="Superseded" class="ctr-status ctr-status-superseded admonition">'
                       r"(.*?)</aside>", page, re.S)
    assert notice, "no status notice"
    assert page.index("</h1>") < notice.start() < page.index("ctr-lead")
    successor_title = front_matter(DOCS / "resources" / f"{SUCCESSOR}.md")["title"]
    assert f'href="{SUCCESSOR}.html"' in notice.group(1)
    assert successor_title.replace("'", "’")[:20] in unescape(notice.group(1)).replace("'", "’")
    outside = site.page(f"resources/{OUTSIDE}.html")
    assert "<em>A Newer Guide</em> (U.S. Department of Justice, May 2023)" in outside
    assert 'href="https://www.justice.gov/example"' in outside
    withdrawn = site.page(f"resources/{WITHDRAWN}.html")
    assert 'aria-label="Withdrawn by its publisher"' in withdrawn
    assert "ctr-status" not in site.page(f"resources/{SUCCESSOR}.html")


def test_the_notice_has_its_colours_in_dark_mode_and_print() -> None:
    palette = (ROOT / "theme/static/palette.css").read_text(encoding="utf-8")
    site_css = (ROOT / "theme/static/collection.css").read_text(encoding="utf-8")
    binder_css = (ROOT / "theme/print/binder.css").read_text(encoding="utf-8")
    assert "aside.admonition.ctr-status" in palette
    assert site_css.count("--ctr-status-background") >= 3  # dark (explicit, system) and print
    assert "aside.admonition.ctr-status" in binder_css


def test_cards_say_the_status_and_topic_pages_list_current_resources_first(planted) -> None:
    site, _, _ = planted
    topic = site.page("topics/use-of-force.html")
    article = topic[topic.index("<article"):]
    link = article.index(f'href="../resources/{SUPERSEDED}.html"')
    card = article[article.rindex('class="sd-card ', 0, link):link]
    assert "Superseded · " in card
    home = [s for s, m in resources().items() if m["topics"][0] == "use-of-force"]
    order = _order(article[:article.index("Also relevant here")] if "Also relevant here" in article else article, home)
    assert order[-1] == SUPERSEDED


def test_the_catalogue_has_a_status_column_and_filter(planted) -> None:
    site, _, _ = planted
    page = site.page("catalog.html")
    row = page[page.index(f'href="resources/{SUPERSEDED}.html"'):]
    row = row[:row.index("</tr>")]
    assert "<strong>Superseded</strong>" in row
    assert '<select id="ctr-filter-status" name="status">' in unescape(page) or 'id="ctr-filter-status"' in page
    data = json.loads(unescape(re.search(r'class="ctr-catalog-data">(.*?)</script>', page, re.S).group(1)))
    planted_here = {SUPERSEDED: "superseded", OUTSIDE: "superseded", WITHDRAWN: "withdrawn"}
    already = [meta.get("status") for slug, meta in resources().items() if slug not in planted_here]
    for status in ("superseded", "withdrawn"):
        expected = list(planted_here.values()).count(status) + already.count(status)
        assert [r["status"] for r in data["rows"]].count(status) == expected, status


def test_the_search_snippet_says_the_status(planted) -> None:
    from sphinx.search import js_index

    site, _, _ = planted
    index = js_index.loads(site.page("searchindex.js"))
    assert index["ctr_summaries"][f"resources/{SUPERSEDED}"]["facts"][0] == "Superseded"
    assert index["ctr_summaries"][f"resources/{WITHDRAWN}"]["facts"][0] == "Withdrawn by its publisher"
    assert index["ctr_summaries"][f"resources/{SUCCESSOR}"]["facts"][0] != "Superseded"


def test_the_citation_downloads_carry_a_note(planted) -> None:
    site, _, _ = planted
    successor_title = front_matter(DOCS / "resources" / f"{SUCCESSOR}.md")["title"]
    entry = bibtexparser.parse_string(site.page(f"cite/{SUPERSEDED}.bib")).entries[0]
    # the status is the note's last part (a date that is not a publication date is named before it)
    assert entry.fields_dict["note"].value.endswith(f"Superseded by {successor_title} (in Community Trust Resources)")
    record = rispy.loads(site.page(f"cite/{OUTSIDE}.ris"))[0]
    assert "Superseded by A Newer Guide (U.S. Department of Justice, May 2023), https://www.justice.gov/example" in \
        record["notes"]
    item = json.loads(site.page(f"cite/{WITHDRAWN}.json"))[0]
    assert item["note"] == "Withdrawn by its publisher"


def test_the_binder_prints_the_notice_and_the_status_on_cards(planted) -> None:
    _, _, binder = planted
    html = binder.read_text(encoding="utf-8")
    assert 'class="ctr-status ctr-status-superseded admonition"' in html
    assert "(Superseded · " in html or "Superseded · Guide" in html


def test_two_builds_give_the_same_output(planted) -> None:
    first, second, _ = planted
    names = [f"resources/{SUPERSEDED}.html", "topics/use-of-force.html", "catalog.html", "whats-new.html",
             "index.html", "searchindex.js", f"cite/{SUPERSEDED}.bib", "community-trust-resources.ris",
             "catalog.json", *(p.relative_to(first.outdir).as_posix() for p in (first.outdir / "feeds").iterdir())]
    for name in names:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name


# --- feeds -------------------------------------------------------------------------------------------

def test_each_feed_parses_and_every_entry_matches_the_front_matter(planted) -> None:
    site, _, _ = planted
    feeds = sorted((site.outdir / "feeds").glob("*.atom"))
    topics = {p.stem for p in (DOCS / "topics").glob("*.md")}
    assert {p.stem for p in feeds} == topics | {"community-trust-resources"}
    copy = site.srcdir / "resources"
    matters = {p.stem: front_matter(p) for p in copy.glob("*.md")}
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        members = {s for s, m in matters.items() if path.stem == "community-trust-resources" or path.stem in m["topics"]}
        seen = set()
        for entry in parsed.entries:
            slug = entry.link.removeprefix(f"{BASE}resources/").removesuffix(".html")
            matter = matters[slug]
            seen.add(slug)
            assert entry.title == matter["title"]
            assert entry.id == entry.link == f"{BASE}resources/{slug}.html"
            assert entry.published.startswith(matter["added"])
            assert entry.updated.startswith(max(matter["added"], matter["reviewed"]))
            assert matter["description"] in entry.summary
            if matter.get("status"):
                assert entry.summary.startswith(schema.STATUSES[matter["status"]])
        assert seen == members, path
        added = [e.published for e in parsed.entries]
        assert added == sorted(added, reverse=True)


def test_pages_link_their_feeds_in_the_head(planted) -> None:
    site, _, _ = planted
    page = site.page(f"resources/{SUPERSEDED}.html")
    head = page[:page.index("</head>")]
    assert (f'<link rel="alternate" type="application/atom+xml" title="Community Trust Resources: what is new" '
            f'href="{BASE}feeds/community-trust-resources.atom">') in head
    assert f'href="{BASE}feeds/use-of-force.atom"' in head
    assert f'href="{BASE}feeds/community-trust-resources.atom"' in site.page("whats-new.html").split("</head>")[1]


def test_without_a_base_address_no_feed_is_written_and_the_build_says_why(site: Build) -> None:
    assert not (site.outdir / "feeds").exists()
    assert "the Atom feeds are not written" in site.stdout + site.stderr
    assert "application/atom+xml" not in site.page("index.html")


# --- bad input: the build and the lint give the same message at the same line ---------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list, dict[str, tuple[Path, int, str]]]:
    root = tmp_path_factory.mktemp("over-time-broken")
    docs = copy_docs(root / "docs")
    pages = docs / "resources"
    slugs = [s for s in resource_slugs() if front_matter(DOCS / "resources" / f"{s}.md")["access"] == "public"]
    page = {s: pages / f"{s}.md" for s in slugs}
    a, b, c, d, e, f, g, h, i = slugs[:9]
    expected: dict[str, tuple[Path, int, str]] = {}
    expected["future"] = (page[a], set_line(page[a], "added", '"2999-01-01"'), "field 'added': '2999-01-01' is in the future")
    expected["too early"] = (page[b], set_line(page[b], "added", '"2020-01-01"'),
                             "field 'added': '2020-01-01' is before the collection began")
    expected["vocabulary"] = (page[c], insert_after(page[c], "added", "status: retired"),
                              "field 'status': 'retired' is not allowed; write one of: superseded, withdrawn")
    expected["no source"] = (page[d], insert_after(page[d], "added", "status: withdrawn"),
                             "field 'status': no source's 'backs' names the status 'withdrawn'")
    line = insert_after(page[e], "added", f"status: superseded\nsuperseded_by: {e}")
    back(page[e], "superseded")
    expected["itself"] = (page[e], line + 1, "field 'superseded_by': a page cannot be superseded by itself")
    line = insert_after(page[f], "added", f"status: superseded\nsuperseded_by: {g}")
    back(page[f], "superseded")
    insert_after(page[g], "added", f"status: superseded\nsuperseded_by: {f}")
    back(page[g], "superseded")
    expected["loop"] = (page[f], line + 1, f"field 'superseded_by' makes a loop ({f} → {g} → {f})")
    line = insert_after(page[h], "added", "status: superseded\nsuperseded_by: no-such-page")
    back(page[h], "superseded")
    expected["no page"] = (page[h], line + 1, "field 'superseded_by': no resource page named 'no-such-page'")
    line = insert_after(page[i], "added", 'status: superseded\nsuperseded_by:\n  title: "Newer"')
    back(page[i], "superseded")
    expected["no document"] = (page[i], line + 1, "field 'superseded_by': the document that replaced it lacks 'publisher'")
    with (docs / published.ADDRESSES).open("a", encoding="utf-8") as record:
        record.write("resources/gone-a\nresources/gone-b\nresources/gone-c\n")
    with (docs / published.REDIRECTS).open("a", encoding="utf-8") as record:
        record.write(f"resources/gone-a -> resources/nowhere\nresources/gone-b -> resources/gone-c\n"
                     f"resources/gone-c -> resources/{slugs[10]}\n")
    count = len((docs / published.REDIRECTS).read_text(encoding="utf-8").splitlines())
    expected["nowhere"] = (docs / published.REDIRECTS, count - 2,
                           "resources/nowhere is no page of the collection, so this redirect leads nowhere")
    expected["chain"] = (docs / published.REDIRECTS, count - 1,
                         f"resources/gone-c is itself a redirect (line {count}); point this line straight to "
                         f"resources/{slugs[10]}")
    build = sphinx_build(docs, root / "out", "html", "--keep-going")
    return build, lint.lint(docs, spelling=[]), expected


@pytest.mark.parametrize("case", ["future", "too early", "vocabulary", "no source", "itself", "loop", "no page",
                                  "no document", "nowhere", "chain"])
def test_bad_input_fails_the_build_and_the_lint_at_its_line(broken, case: str) -> None:
    build, found, expected = broken
    path, line, message = expected[case]
    assert build.returncode != 0
    in_lint = [p for p in found if p.path == path and p.line == line and p.message.startswith(message)]
    assert in_lint, (case, [str(p) for p in found if p.path == path])
    assert any(w.startswith(f"{path}:{line}: WARNING: {in_lint[0].message}") for w in build.warnings), \
        (case, [w for w in build.warnings if str(path) in w])


# --- addresses that outlast a printed binder ---------------------------------------------------------

def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def _rename(docs: Path, old: str, new_short: str) -> str:
    """Rename a resource the way a title correction does: a new short title, the file moved, links fixed."""
    new = schema.slugify(new_short)
    path = docs / "resources" / f"{old}.md"
    set_line(path, "short_title", f'"{new_short}"')
    _git(docs.parent, "mv", f"docs/resources/{old}.md", f"docs/resources/{new}.md")
    for other in (docs / "resources").glob("*.md"):
        text = other.read_text(encoding="utf-8")
        fixed = re.sub(rf"(\[[^\]\n]*)\b{old}\b", rf"\g<1>{new}", text)  # related: [...] lists
        if fixed != text:
            other.write_text(fixed, encoding="utf-8")
    return new


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    copy_docs(repo / "docs")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "the collection")
    return repo / "docs"


def test_a_rename_without_a_redirect_fails_naming_the_file_and_the_line_to_add(repository: Path) -> None:
    docs = repository
    new = _rename(docs, SUPERSEDED, "Vehicle Pursuits")
    found = [str(p) for p in lint.lint(docs, spelling=[])]
    line = next(n for n, text in enumerate((docs / "addresses.txt").read_text().splitlines(), 1)
                if text == f"resources/{SUPERSEDED}")
    assert any(f"addresses.txt:{line}: resources/{SUPERSEDED} was published" in p
               and f"add the line 'resources/{SUPERSEDED} -> resources/{new}' to docs/redirects.txt" in p
               for p in found), found
    assert any(f"{new}.md:1: this page's address is not in docs/addresses.txt" in p for p in found), found


def test_a_rename_with_a_redirect_passes_and_the_old_qr_code_still_leads_to_the_page(
        repository: Path, tmp_path: Path) -> None:
    docs = repository
    before = sphinx_build(docs, tmp_path / "binders", "binders", "-D", "ctr_print_pdf=0", "-D",
                          "ctr_binders=community-trust-use-of-force", env={"CTR_BASE_URL": BASE})
    assert before.returncode == 0, before.stderr
    binder = (tmp_path / "binders" / "community-trust-use-of-force.html").read_text(encoding="utf-8")
    printed = f"{BASE}resources/{SUPERSEDED}.html"
    assert f"QR code leading to this page in the online collection: {printed}" in unescape(binder)

    new = _rename(docs, SUPERSEDED, "Vehicle Pursuits")
    with (docs / "addresses.txt").open("a", encoding="utf-8") as record:
        record.write(f"resources/{new}\n")
    with (docs / "redirects.txt").open("a", encoding="utf-8") as record:
        record.write(f"resources/{SUPERSEDED} -> resources/{new}\n")
    assert [str(p) for p in lint.lint(docs, spelling=[])] == []
    after = sphinx_build(docs, tmp_path / "html", env={"CTR_BASE_URL": BASE})
    assert after.returncode == 0, after.stderr

    landing = tmp_path / "html" / printed.removeprefix(BASE)
    page = landing.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page).group(1)
    assert f'<link rel="canonical" href="{BASE}resources/{new}.html">' in page
    assert f'<a href="{refresh}">' in page  # a visible link, for readers whose browser follows neither
    target = Path(urljoin(landing.as_uri(), refresh).removeprefix("file://"))
    title = front_matter(docs / "resources" / f"{new}.md")["title"]
    assert target.is_file()
    assert title.split(":")[0] in unescape(target.read_text(encoding="utf-8"))
    # the offline zip carries the old address too
    from community_trust.site.offline import FOLDER, zip_site

    with zipfile.ZipFile(zip_site(tmp_path / "html", tmp_path / "site.zip")) as archive:
        assert f"{FOLDER}/resources/{SUPERSEDED}.html" in archive.namelist()


def test_a_removed_resource_says_what_became_of_it(repository: Path, tmp_path: Path) -> None:
    docs = repository
    (docs / "resources" / f"{WITHDRAWN}.md").unlink()
    for other in (docs / "resources").glob("*.md"):
        text = other.read_text(encoding="utf-8")
        fixed = re.sub(rf",\s*{WITHDRAWN}\b|\b{WITHDRAWN},\s*|\b{WITHDRAWN}\b", "", text)
        other.write_text(fixed.replace("related: []\n", ""), encoding="utf-8")
    with (docs / "redirects.txt").open("a", encoding="utf-8") as record:
        record.write(f"resources/{WITHDRAWN} -> removed: its publisher withdrew it in 2027.\n")
    assert [str(p) for p in lint.lint(docs, spelling=[])] == []
    built = sphinx_build(docs, tmp_path / "html")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "html" / "resources" / f"{WITHDRAWN}.html").read_text(encoding="utf-8")
    assert "This resource was removed from the collection" in page
    assert "its publisher withdrew it in 2027." in page
    assert 'href="../catalog.html"' in page


def test_the_real_record_holds_every_resource_page() -> None:
    recorded = dict(published.read(DOCS).addresses)
    assert {f"resources/{s}" for s in resource_slugs()} <= set(recorded)
    assert published.check(DOCS, resource_slugs()) == []

