"""Eight ways to break a page: scaffolded pages, each broken one way, and from
the build and from the lint alike the same message naming the file, the
line and the fix, with no traceback and no cascade."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, copy_docs, line_of, located, placed, sphinx_build

from community_trust.pages import published
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Problem
from community_trust.tools import lint, scaffold

#: a 1×1 PNG, so the image variant is about alt text only
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082")


BREAKS = ["http link", "raw HTML", "image without alt text", "misnamed section", "file name", "unknown topic",
          "unquoted colon", "include from outside docs"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list[Problem], dict[str, tuple[Path, int, str]]]:
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
    # a page of this change, never published: its line in the address record moves with it
    record = docs / published.ADDRESSES
    record.write_text(record.read_text(encoding="utf-8").replace(f"resources/{old.stem}\n", f"resources/{path.stem}\n"),
                      encoding="utf-8")
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
    assert located(path, line, message) in placed(found), "\n".join(map(str, found))


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

    from community_trust.build import checking as page_checks

    domain = SimpleNamespace(failing=set())  # the collection's domain: pages that broke a rule
    env = SimpleNamespace(docname="resources/example", domains={"ctr": domain})
    doctree = new_document("example")
    doctree += nodes.raw("", "<script>alert(1)</script>", format="html")
    page_checks.refuse_unseen_raw(SimpleNamespace(env=env), doctree)  # type: ignore[arg-type]
    assert "resources/example" in domain.failing


def test_lint_command_exits_non_zero_with_file_line_messages(broken, capsys) -> None:
    build, _, expected = broken
    assert lint.main(["--docs-dir", str(build.srcdir)]) == 1
    out = capsys.readouterr()
    path, line, message = expected["misnamed section"]
    assert f":{line}: {message}" in out.out and path.name in out.out
    assert f"problems in {len(BREAKS)} files" in out.err  # the broken pages (placeholders are on them too)
