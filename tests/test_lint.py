"""The checks that need no build (``make lint``): the real collection passes;
placeholders, spelling and pages outside every table of contents are found;
the nox session runs them."""

from __future__ import annotations

from pathlib import Path

from conftest import DOCS, SLUG, copy_docs, line_of, located, placed, run_nox

from community_trust.tools import lint


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
    assert placed(found) == [located(page, line_of(page, "Teh OIS"),
                                  "'Teh' may be misspelt (did you mean 'The'?); correct it, or if the word is "
                                  "right (a name or an abbreviation) add it in lower case to .codespell-words")]


def test_lint_finds_a_page_outside_every_table_of_contents(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    (docs / "about.md").write_text("---\ntitle: About\n---\n\nA page nobody links.\n", encoding="utf-8")
    (docs / "thanks.md").write_text("---\ntitle: Thanks\norphan: true\n---\n\nOnly links lead here.\n",
                                    encoding="utf-8")
    (docs / "resources" / "Notes.txt").write_text("notes\n", encoding="utf-8")
    found = lint.lint(docs, spelling=[])
    assert placed(found) == [
        located(docs / "about.md", 1, "this page is in no table of contents, so readers cannot reach it: "
                     "list 'about' in the toctree of index.md (under '## More'), or add 'orphan: true' to its "
                     "front matter if only links lead to it"),
        located(docs / "resources" / "Notes.txt", 1, "only Markdown pages belong in docs/resources/: rename "
                     "it to 'notes.md' (or move it out)"),
    ]


def test_nox_lint_session_passes_on_the_real_collection() -> None:
    done = run_nox("-s", "lint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pass the checks that need no build" in done.stdout + done.stderr


def test_lint_refuses_a_hand_written_count_of_the_whole_collection(tmp_path: Path) -> None:
    """A share or count of the collection written by hand goes false as pages are added (the access
    page once said 'most' of a publisher's, true at 15 resources and false at 25): the rule points
    to ``{collection-count}``, on a resource page and on any other page, at the claim's line."""
    docs = copy_docs(tmp_path / "docs")
    resource = docs / "resources" / "police-pursuits.md"
    resource.write_text(resource.read_text(encoding="utf-8").replace(
        "## Who it is for", "Like most of the\nresources collected here, it is free.\n\n## Who it is for", 1),
        encoding="utf-8")
    other = docs / "iacp-and-member-access.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nThe collection now holds 40 resources.\n",
                     encoding="utf-8")
    found = [f for f in lint.lint(docs, spelling=[]) if "collection as a whole" in f.message]
    assert sorted((f.path, f.line) for f in found) == sorted([
        (other, line_of(other, "The collection now holds")),
        (resource, line_of(resource, "Like most of the")),
    ])
    assert all("{collection-count}" in f.message for f in found)
