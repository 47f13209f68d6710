"""Starting a page: ``make new-resource`` (``nox -s new``) names the file by the
naming rule, writes every field and section with placeholders, says what to
do next, and explains a wrong answer without writing anything."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import DOCS, HOME, MEMBERS_SLUG, ROOT, SLUG, TITLE, copy_docs, front_matter, read_page, run_nox

from community_trust.pages import rules, schema
from community_trust.tools import scaffold


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
    headings = [f"## {s}" for s in rules.SECTIONS]
    assert re.findall(r"^## .*$", public, re.M) == headings
    assert re.findall(r"^## .*$", members, re.M) == headings
    assert "{members-only}" not in public
    assert members.index("```{members-only}") < members.index("## Summary")
    assert rules.placeholders(public) and rules.placeholders(members)


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
