"""The contributor's path, walked as a newcomer walks it.

Scaffold a page for a real resource into a copy of the collection, build it
strictly, find it in its topic, the sidebar and the print binders; then
break pages eight different ways and read, from the build and from the lint
alike, the same message naming the file, the line and the fix.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DOCS, ROOT, Build, copy_docs, front_matter, read_page, sphinx_build

from community_trust import freshness, lint, page_rules, scaffold, schema
from community_trust.pages import load_collection

#: a real resource not yet in the collection: the July 2010 guidance that
#: "Building Communities of Trust: A Guidance for Community Leaders" accompanies
TITLE = "Guidance for Building Communities of Trust"
SLUG = "guidance-for-building-communities-of-trust"
HOME = "civil-rights"
#: a page for the member-only path of the scaffold (exists only in the test's copy)
MEMBERS_TITLE = "Sample Members Only Model Policy"
MEMBERS_SLUG = "sample-members-only-model-policy"
#: a 1×1 PNG, so the image variant is about alt text only
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082")


def run_nox(*args: str) -> subprocess.CompletedProcess[str]:
    """A nox session inside the project's environment, as the Makefile runs it."""
    bin_dir = Path(sys.executable).parent
    # NO_COLOR rather than --no-color: nox refuses the flag when FORCE_COLOR is set
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([str(bin_dir / "nox"), "--no-venv", "--no-install", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, check=False)


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


# --- scaffold, build, find it ------------------------------------------------

@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A copy of the collection with two new pages, made the way a contributor makes them."""
    docs = copy_docs(tmp_path_factory.mktemp("scaffolded") / "docs")
    made = run_nox("-s", "new", "--", TITLE, "--topics", f"{HOME},accountability", "--docs-dir", str(docs))
    answers = iter([MEMBERS_TITLE, "crisis", "members", "model-policy"])
    code = scaffold.main(["--docs-dir", str(docs)], ask=lambda _: next(answers), interactive=True)
    assert code == 0
    return docs, made


@pytest.fixture(scope="module")
def scaffolded_html(scaffolded, tmp_path_factory: pytest.TempPathFactory) -> Build:
    docs, _ = scaffolded
    return sphinx_build(docs, tmp_path_factory.mktemp("scaffolded-html") / "html")


def test_scaffold_names_the_file_by_the_naming_rule_and_says_what_next(scaffolded) -> None:
    docs, made = scaffolded
    assert made.returncode == 0, made.stderr
    page = docs / "resources" / f"{SLUG}.md"
    assert page.is_file()
    assert SLUG == schema.expected_slug(TITLE)
    said = made.stdout + made.stderr
    assert f"Created docs/resources/{SLUG}.md" in said or f"{SLUG}.md" in said
    assert "Next:" in said and "make live" in said and "make lint" in said
    assert f"http://127.0.0.1:8000/resources/{SLUG}.html" in said
    assert "Traceback" not in said


def test_scaffolded_front_matter_passes_the_schema(scaffolded) -> None:
    docs, _ = scaffolded
    page = docs / "resources" / f"{SLUG}.md"
    resource, problems = read_page(page).record, read_page(page).problems
    assert problems == ()
    assert resource is not None and resource.title == TITLE
    assert resource.topics == (HOME, "accountability") and resource.access == "public"
    members_page = read_page(docs / "resources" / f"{MEMBERS_SLUG}.md")
    members, problems = members_page.record, members_page.problems
    assert problems == () and members is not None
    assert members.topics == ("crisis-response",) and members.access == "members-only"
    assert members.type == "model-policy"


def test_scaffold_shows_every_field_of_the_schema_in_order(scaffolded) -> None:
    docs, _ = scaffolded
    text = (docs / "resources" / f"{SLUG}.md").read_text(encoding="utf-8")
    written = re.findall(r"^(?:# )?([a-z_]+):", text, re.M)
    assert [f for f in written if f in schema.RESOURCE_FIELDS] == list(schema.RESOURCE_FIELDS)


def test_scaffold_writes_the_sections_with_placeholders(scaffolded) -> None:
    docs, _ = scaffolded
    public = (docs / "resources" / f"{SLUG}.md").read_text(encoding="utf-8")
    members = (docs / "resources" / f"{MEMBERS_SLUG}.md").read_text(encoding="utf-8")
    headings = [f"## {s}" for s in page_rules.SECTIONS]
    assert re.findall(r"^## .*$", public, re.M) == headings
    assert re.findall(r"^## .*$", members, re.M) == headings
    assert "{members-only}" not in public
    assert members.index("```{members-only}") < members.index("## Summary")
    assert page_rules.placeholders(public) and page_rules.placeholders(members)


def test_a_scaffolded_page_passes_the_strict_build(scaffolded_html: Build) -> None:
    assert scaffolded_html.returncode == 0, scaffolded_html.stderr
    assert scaffolded_html.warnings == []
    # the build says, without failing, that placeholders are left
    assert f"resources/{SLUG}.md:" in scaffolded_html.stdout + scaffolded_html.stderr
    assert "'TODO's are left (the first is on this line)" in scaffolded_html.stdout + scaffolded_html.stderr


def test_a_scaffolded_page_appears_in_its_topics_and_the_sidebar(scaffolded_html: Build) -> None:
    link = f'href="../resources/{SLUG}.html"'
    home = scaffolded_html.page(f"topics/{HOME}.html")
    cards = re.findall(r'<a class="[^"]*sd-stretched-link[^"]*" href="([^"]+)"', home)
    assert f"../resources/{SLUG}.html" in cards
    other = scaffolded_html.page("topics/accountability.html")
    assert f"../resources/{SLUG}.html" in re.findall(r'sd-stretched-link[^"]*" href="([^"]+)"', other)
    sidebar = home.split('class="sidebar-tree"', 1)[1].split("</nav>", 1)[0]
    assert link in sidebar and TITLE in sidebar
    page = scaffolded_html.page(f"resources/{SLUG}.html")
    assert f"<h1>{TITLE}" in page


def test_a_scaffolded_member_only_page_carries_the_notice(scaffolded_html: Build) -> None:
    page = scaffolded_html.page(f"resources/{MEMBERS_SLUG}.html")
    assert "For IACP members only" in page


def test_a_scaffolded_page_is_in_the_print_binders(scaffolded, tmp_path: Path) -> None:
    """The binders' pages (nox -s pdf renders these as PDF) hold the new page."""
    docs, _ = scaffolded
    build = sphinx_build(docs, tmp_path / "binders", "binders", "-D", "ctr_print_pdf=0")
    assert build.returncode == 0, build.stderr
    holding = sorted(p.name for p in (tmp_path / "binders").glob("*.html") if TITLE in p.read_text(encoding="utf-8"))
    assert f"community-trust-{HOME}.html" in holding
    assert "community-trust-resources.html" in holding


#: a contributor's answers to the scaffold's TODOs (a page that exists only in the test's copy)
FILLED_IN = {
    "description": 'description: "A guide for trainers on holding listening sessions with residents, '
                   'published by a city\'s police training unit."',
    "type": "type: guide",
    "keywords": 'keywords: [listening sessions, resident feedback, town hall meetings]',
    "  - label": '  - label: "The training unit\'s page for the guide"',
    "    backs": '    backs: "the title and what the guide covers"',
    "TODO: in your own words": "The guide explains how to plan a listening session with residents and how "
                               "to report back what was heard.",
    "TODO: name only readers": "The sources do not name an intended audience. Given its subject, it may be "
                               "useful to:",
    "- TODO: a group of readers": "- trainers who plan meetings between officers and residents.",
    "- TODO: a question a trainer": "- Who in your community has not been heard at a meeting so far?",
}


def fill_in(page: Path) -> None:
    """Replace every line that holds a TODO with a contributor's answer."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if "TODO" in line:
            lines[index] = next(answer for start, answer in FILLED_IN.items() if line.startswith(start))
    page.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def test_a_new_page_keeps_every_check_that_depends_on_the_set_of_pages_green(tmp_path: Path) -> None:
    """A contribution needs no test edit: the checks derived from docs/ pass with a new page added.

    A public page filed under two topics is scaffolded and filled in as a contributor
    would; then the lint, and the test modules that derive their expectations from the
    pages (topics, cards, navigation, catalogue, index, search), run on that copy.
    """
    docs = copy_docs(tmp_path / "docs")
    topics = [t.slug for t in load_collection(docs).sorted_topics()]
    path, _ = scaffold.create(scaffold.Request("Listening Sessions with Residents: A Guide for Trainers",
                                               (topics[-1], topics[0])), docs)
    fill_in(path)
    assert lint.lint(docs, spelling=[docs]) == []
    env = {**os.environ, "CTR_TEST_DOCS": str(docs), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           "tests/test_content.py", "tests/test_search.py", "tests/test_build.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-6000:]
    assert re.search(r"\d+ passed", done.stdout)


def test_scaffold_refuses_to_overwrite_a_page(scaffolded) -> None:
    docs, _ = scaffolded
    page = docs / "resources" / f"{SLUG}.md"
    before = page.read_text(encoding="utf-8")
    again = run_nox("-s", "new", "--", TITLE, "--topics", HOME, "--docs-dir", str(docs))
    assert again.returncode != 0
    said = again.stdout + again.stderr  # nox passes the command's output through on stdout
    assert f"error: docs/resources/{SLUG}.md already exists; nothing was written." in said
    assert "Traceback" not in said
    assert page.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("args", "message"), [
    (["--topics", "use-of-forse"], "error: unknown topic 'use-of-forse'; did you mean 'use-of-force'? "
                                   "the topics are: accountability, use-of-force, crisis-response, civil-rights"),
    (["--topics", "civil-rights", "--access", "members"],
     "error: 'members' is not an access level; use one of: public, members-only"),
    (["--topics", "civil-rights", "--type", "book"],
     "error: 'book' is not a resource type; use one of: guide, report, model-policy"),
    ([], "error: name the topics with --topics, the first being the page's home; the topics are: "
         "accountability, use-of-force, crisis-response, civil-rights"),
])
def test_scaffold_explains_a_wrong_answer_and_writes_nothing(tmp_path: Path, capsys, args, message) -> None:
    docs = copy_docs(tmp_path / "docs")
    code = scaffold.main(["A Resource Not Yet Here", *args, "--docs-dir", str(docs)])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not (docs / "resources" / "a-resource-not-yet-here.md").exists()


def test_scaffold_refuses_a_title_already_in_the_collection(tmp_path: Path, capsys) -> None:
    docs = copy_docs(tmp_path / "docs")
    title = front_matter(DOCS / "resources" / "police-pursuits.md")["title"]
    code = scaffold.main([title, "--short-title", "Pursuits Again", "--topics", "use-of-force",
                          "--docs-dir", str(docs)])
    assert code == 1
    assert "docs/resources/police-pursuits.md already has the title" in capsys.readouterr().err


def test_scaffold_without_a_title_or_terminal_says_how_to_give_one(tmp_path: Path, capsys) -> None:
    docs = copy_docs(tmp_path / "docs")
    assert scaffold.main(["--docs-dir", str(docs)], interactive=False) == 1
    assert 'give the title, like: nox -s new -- "The Title" --topics accountability' in capsys.readouterr().err


def test_interactive_scaffold_asks_again_until_each_answer_is_valid(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    taken = front_matter(DOCS / "resources" / "police-pursuits.md")["title"]
    answers = iter([
        "Police Pursuits: A Second Look",  # its file name is taken: asked for a short title
        "Pursuits Second Look",
        "9", "use of forse", "use-of-force",  # two wrong topics, then a right one
        "maybe", "",  # a wrong access, then the default
        "",  # type: decide later
    ])
    code = scaffold.main(["--docs-dir", str(docs)], ask=lambda prompt: next(answers), interactive=True)
    assert code == 0
    page = docs / "resources" / "pursuits-second-look.md"
    matter = front_matter(page)
    assert matter["title"] == "Police Pursuits: A Second Look" != taken
    assert matter["short_title"] == "Pursuits Second Look"
    assert matter["topics"] == ["use-of-force"] and matter["access"] == "public"
    assert matter["type"] == scaffold.DEFAULT_TYPE
    assert re.search(r"^type: guide  # TODO: check the type", page.read_text(encoding="utf-8"), re.M)


def test_make_new_resource_runs_the_nox_session() -> None:
    done = subprocess.run(["make", "-n", "new-resource", "TITLE=A Title", "TOPICS=accountability"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert '-s new -- "$TITLE" --topics "$TOPICS"' in done.stdout


# --- eight ways to break a page, and the message for each --------------------

BREAKS = ["http link", "raw HTML", "image without alt text", "misnamed section", "file name", "unknown topic",
          "unquoted colon", "include from outside docs"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list[lint.Finding], dict[str, tuple[Path, int, str]]]:
    """Scaffolded pages, each broken one way; one strict build and one lint of the copy."""
    root = tmp_path_factory.mktemp("broken")
    docs = copy_docs(root / "docs")
    pages = {}
    for name in BREAKS:
        title = f"Example Page with {name.title()}"
        path, _ = scaffold.create(scaffold.Request(title, ("accountability",)), docs)
        pages[name] = path
    expected: dict[str, tuple[Path, int, str]] = {}

    def replace(name: str, old: str, new: str) -> Path:
        path = pages[name]
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    summary = "TODO: in your own words"
    path = replace("http link", summary, "The report is at [its publisher's page](http://www.example.org/report). "
                                         + summary)
    expected["http link"] = (path, line_of(path, "http://www.example.org/report"),
                             "the address 'http://www.example.org/report' starts with http://; write it with "
                             "https:// ('https://www.example.org/report'), and if the site has no https:// "
                             "version, link to another public copy instead")

    path = replace("raw HTML", "## Who it is for", '<script>alert("hello")</script>\n\n## Who it is for')
    expected["raw HTML"] = (path, line_of(path, "<script>"),
                            "raw HTML ('<script>') is not allowed in pages: write Markdown instead (links as "
                            "[text](https://…), emphasis as *text*, lists with '-'); pages may not add code or "
                            "styles to the site")

    (docs / "images").mkdir()
    (docs / "images" / "chart.png").write_bytes(PNG)
    path = replace("image without alt text", "## Who it is for", "![](../images/chart.png)\n\n## Who it is for")
    expected["image without alt text"] = (path, line_of(path, "![](../images/chart.png)"),
                                          "the image '../images/chart.png' has no alt text; write what it shows "
                                          "between the brackets, like ![Chart of complaints by year]"
                                          "(../images/chart.png)")

    path = replace("misnamed section", "## Who it is for", "## Who is it for")
    expected["misnamed section"] = (path, line_of(path, "## Who is it for"),
                                    "write the heading exactly as '## Who it is for'")

    old = pages["file name"]
    path = old.with_name("example-file-name.md")
    old.rename(path)
    expected["file name"] = (path, line_of(path, "title:"),
                             f"the file name must follow the title: rename the file to '{old.name}' "
                             "(or change 'title')")

    path = replace("unknown topic", "topics: [accountability]", "topics: [acountability]")
    expected["unknown topic"] = (path, line_of(path, "topics:"),
                                 "unknown topic 'acountability'; did you mean 'accountability'?")

    # a source label with a colon, unquoted: one message, not also one per section heading
    path = replace("unquoted colon", '  - label: "TODO: the page or document that backs the facts"',
                   "  - label: Police Chief magazine, column IACP at Work: IACP LE Policy Center")
    expected["unquoted colon"] = (path, line_of(path, "column IACP at Work"),
                                  "the front matter is not valid YAML (mapping values are not allowed here); "
                                  "check indentation and put quotes around values that contain a colon")

    # a page that includes a file from outside docs/ (here one with raw HTML): refused, never read
    snippet = root / "snippet.md"
    snippet.write_text("A secret from outside docs/.\n\n<style>body { display: none }</style>\n", encoding="utf-8")
    path = replace("include from outside docs", "## Who it is for",
                   "```{include} ../../snippet.md\n```\n\n## Who it is for")
    expected["include from outside docs"] = (path, line_of(path, "{include}"),
                                             page_rules.reading_directive_message("include"))

    build = sphinx_build(docs, root / "html")
    found = lint.lint(docs)
    return build, found, expected


def test_a_broken_page_fails_the_build_without_a_traceback(broken) -> None:
    build, _, _ = broken
    assert build.returncode != 0
    assert "Traceback" not in build.stderr and "Exception occurred" not in build.stderr


@pytest.mark.parametrize("name", BREAKS)
def test_the_build_names_file_line_and_fix(broken, name: str) -> None:
    build, _, expected = broken
    path, line, message = expected[name]
    wanted = f"{path}:{line}: WARNING: {message}"
    assert any(w.startswith(wanted) for w in build.warnings), f"{wanted}\n--- got:\n" + "\n".join(build.warnings)


@pytest.mark.parametrize("name", BREAKS)
def test_the_lint_gives_the_same_message(broken, name: str) -> None:
    _, found, expected = broken
    path, line, message = expected[name]
    assert lint.Finding(path, line, message) in found, "\n".join(map(str, found))


def test_each_broken_page_gives_exactly_its_own_message(broken) -> None:
    """No cascade: besides the placeholders, each page reports only what was broken."""
    build, found, expected = broken
    for name, (path, _, message) in expected.items():
        in_build = [w for w in build.warnings if w.startswith(f"{path}:")]
        in_lint = [f for f in found if f.path == path and f.message != page_rules.placeholder_message()]
        assert len(in_build) == 1 and message in in_build[0], (name, in_build)
        assert [f.message for f in in_lint] == [message], (name, in_lint)


def test_a_problem_fails_the_next_build_too_even_if_nothing_changed(broken) -> None:
    build, _, expected = broken
    again = sphinx_build(build.srcdir, build.outdir)
    assert again.returncode != 0
    path, line, message = expected["raw HTML"]
    assert any(w.startswith(f"{path}:{line}: WARNING: {message}") for w in again.warnings)


def test_an_included_file_outside_docs_is_never_read(broken) -> None:
    build, _, _ = broken
    assert "A secret from outside" not in "".join(p.read_text(encoding="utf-8") for p in build.outdir.rglob("*.html"))


def test_raw_output_reaching_a_doctree_by_another_route_fails_the_page() -> None:
    """The build's last guard, for raw output the text rules did not see."""
    from types import SimpleNamespace

    from docutils import nodes
    from docutils.utils import new_document

    from community_trust import page_checks

    domain = SimpleNamespace(failing=set())  # the collection's domain: pages that broke a rule
    env = SimpleNamespace(docname="resources/example", domains={"ctr": domain})
    doctree = new_document("example")
    doctree += nodes.raw("", "<script>alert(1)</script>", format="html")
    page_checks.refuse_unseen_raw(SimpleNamespace(env=env), doctree)  # type: ignore[arg-type]
    assert "resources/example" in domain.failing


# --- the lint's own checks ---------------------------------------------------

def test_the_real_collection_passes_the_lint() -> None:
    found = lint.lint(DOCS, spelling=lint.spelling_targets())
    assert found == [], "\n".join(map(str, found))


def test_lint_reports_placeholders_that_the_build_lets_through(scaffolded) -> None:
    docs, _ = scaffolded
    page = docs / "resources" / f"{SLUG}.md"
    found = [f for f in lint.lint(docs) if f.path == page]
    lines = [n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1) if "TODO" in text]
    assert [f.line for f in found] == lines
    assert {f.message for f in found} == {"a 'TODO' is left here: write what it asks for, in your own words, "
                                          "and remove the 'TODO' before opening a pull request"}


def test_lint_catches_spelling_with_the_project_word_list(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    page = docs / "resources" / "police-pursuits.md"
    text = page.read_text(encoding="utf-8").replace("## Who it is for", "Teh OIS report.\n\n## Who it is for", 1)
    page.write_text(text, encoding="utf-8")
    found = lint.check_spelling([docs])
    assert found == [lint.Finding(page, line_of(page, "Teh OIS"),
                                  "'Teh' may be misspelt (did you mean 'The'?); correct it, or if the word is "
                                  "right (a name or an abbreviation) add it in lower case to .codespell-words")]


def test_lint_finds_a_page_outside_every_table_of_contents(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    (docs / "about.md").write_text("---\ntitle: About\n---\n\nA page nobody links.\n", encoding="utf-8")
    (docs / "thanks.md").write_text("---\ntitle: Thanks\norphan: true\n---\n\nOnly links lead here.\n",
                                    encoding="utf-8")
    (docs / "resources" / "Notes.txt").write_text("notes\n", encoding="utf-8")
    found = lint.lint(docs, spelling=[])
    assert found == [
        lint.Finding(docs / "about.md", 1, "this page is in no table of contents, so readers cannot reach it: "
                     "list 'about' in the toctree of index.md (under '## More'), or add 'orphan: true' to its "
                     "front matter if only links lead to it"),
        lint.Finding(docs / "resources" / "Notes.txt", 1, "only Markdown pages belong in docs/resources/: rename "
                     "it to 'notes.md' (or move it out)"),
    ]


def test_lint_command_exits_non_zero_with_file_line_messages(broken, capsys) -> None:
    build, _, expected = broken
    assert lint.main(["--docs-dir", str(build.srcdir)]) == 1
    out = capsys.readouterr()
    path, line, message = expected["misnamed section"]
    assert f":{line}: {message}" in out.out and path.name in out.out
    assert f"problems in {len(BREAKS)} files" in out.err  # the broken pages (placeholders are on them too)


def test_nox_lint_session_passes_on_the_real_collection() -> None:
    done = run_nox("-s", "lint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pass the checks that need no build" in done.stdout + done.stderr


# --- link freshness ----------------------------------------------------------

def test_freshness_lists_overdue_and_never_checked_pages(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    (docs / "resources").mkdir(parents=True)
    for slug, verified, by in [("police-pursuits", "2024-01-10", "link-check"),
                               ("protecting-civil-rights", "2026-01-10", "link-check"),
                               ("building-communities-of-trust", "2026-01-10", "source-notes")]:
        text = (DOCS / "resources" / f"{slug}.md").read_text(encoding="utf-8")
        text = re.sub(r'^verified: .*$', f'verified: "{verified}"', text, flags=re.M)
        text = re.sub(r"^verified_by: .*$", f"verified_by: {by}", text, flags=re.M)
        (docs / "resources" / f"{slug}.md").write_text(text, encoding="utf-8")
    today = datetime.date(2026, 11, 25)
    due = freshness.report(docs, today, max_age_days=365)
    pursuits = docs / "resources" / "police-pursuits.md"
    trust = docs / "resources" / "building-communities-of-trust.md"
    assert [(d.path, d.line, d.overdue) for d in due] == [(trust, line_of(trust, "verified:"), False),
                                                         (pursuits, line_of(pursuits, "verified:"), True)]
    assert due[1].message == ("the addresses were last verified on 2024-01-10, 1050 days ago (more than 365): "
                              "open each one, make sure it still leads to this document, then set 'verified' "
                              "to that day and 'verified_by: link-check'")
    assert freshness.main(["--docs-dir", str(docs), "--today", "2026-11-25"]) == 1
    assert f"police-pursuits.md:{line_of(pursuits, 'verified:')}: the addresses were last verified" \
        in capsys.readouterr().out
    assert freshness.main(["--docs-dir", str(docs), "--today", "2026-11-25", "--max-age-days", "1100"]) == 0


# --- the repository's contributor files --------------------------------------

def test_styleguide_documents_every_field_and_choice() -> None:
    guide = (ROOT / "STYLEGUIDE.md").read_text(encoding="utf-8")
    for name in schema.RESOURCE_FIELDS:
        assert f"`{name}`" in guide, name
    for choices in (schema.RESOURCE_TYPES, schema.ACCESS_LEVELS, schema.VERIFIED_BY, schema.IDENTIFIER_SCHEMES):
        for key in choices:
            assert f"`{key}`" in guide, key
    for section in page_rules.SECTIONS:
        assert f"## {section}" in guide


def test_contributing_guide_names_the_commands_it_relies_on() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("make new-resource", "make live", "make lint", "make html", "STYLEGUIDE.md"):
        assert command in guide, command
    make_help = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in re.findall(r"`make ([a-z-]+)", guide):
        assert f"make {target} " in make_help, target


def test_ci_runs_the_makefile_on_pull_requests_and_the_link_check_only_on_schedule() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = ci[True]  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers
    steps = [s.get("run", "") for job in ci["jobs"].values() for s in job["steps"]]
    for command in ("make lint", "make html", "make test", "make pdf"):
        assert any(command in run for run in steps), command
    uploads = [s for job in ci["jobs"].values() for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    assert any("_build/pdf" in str(s.get("with", {}).get("path", "")) for s in uploads)
    links = yaml.safe_load((ROOT / ".github" / "workflows" / "linkcheck.yml").read_text(encoding="utf-8"))
    assert "schedule" in links[True] and "pull_request" not in links[True]
    assert any("make linkcheck" in s.get("run", "") for job in links["jobs"].values() for s in job["steps"])


def test_issue_forms_are_valid() -> None:
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for name in ("suggest-resource.yml", "broken-link.yml", "correct-fact.yml"):
        form = yaml.safe_load((forms / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
    assert yaml.safe_load((forms / "config.yml").read_text(encoding="utf-8"))["blank_issues_enabled"] is False
    # the suggestion form offers the collection's topics, in their order
    suggest = yaml.safe_load((forms / "suggest-resource.yml").read_text(encoding="utf-8"))
    topic = next(item for item in suggest["body"] if item.get("id") == "topic")
    assert topic["attributes"]["options"] == [t.title for t in scaffold.known_topics(DOCS)] + ["Not sure"]
