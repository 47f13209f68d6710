"""A contributor's file is untrusted input: any encoding, any size, any path.

Each bad file fails the strict build and the lint with one message naming
the file, the line and the fix, never a traceback, and the good pages still
build. No page reads a file outside docs/: every construct that takes a
path is tried with a path that climbs out and with an absolute one, and what
it names never reaches the built site.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Build, copy_docs, located, placed, resource_slugs, sphinx_build

from community_trust.pages import decoding
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Problem
from community_trust.tools import lint, scaffold

# --- encodings that are fine ---------------------------------------------------

VARIANTS: dict[str, Callable[[str], bytes]] = {
    "UTF-8 with a byte-order mark": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "CRLF line endings": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "byte-order mark and CRLF": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, str]]:
    """A copy of the collection with one resource page saved in each accepted form."""
    root = tmp_path_factory.mktemp("variants")
    docs = copy_docs(root / "docs")
    chosen = dict(zip(VARIANTS, resource_slugs(), strict=False))
    for variant, slug in chosen.items():
        page = docs / "resources" / f"{slug}.md"
        page.write_bytes(VARIANTS[variant](page.read_text(encoding="utf-8")))
    return sphinx_build(docs, root / "html"), chosen


def test_accepted_encodings_build_cleanly(variants) -> None:
    build, _ = variants
    assert build.returncode == 0 and build.warnings == [], build.stderr
    assert lint.lint(build.srcdir, spelling=[]) == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_accepted_encodings_give_the_same_page(variants, site: Build, variant: str) -> None:
    build, chosen = variants
    name = f"resources/{chosen[variant]}.html"
    assert build.page(name) == site.page(name)


# --- files that are not pages the build can use --------------------------------

def _after_summary(line: str) -> Callable[[str], tuple[bytes, int]]:
    """Insert ``line`` (encoded as Windows-1252) right under '## Summary'; it is the bad line."""
    def change(text: str) -> tuple[bytes, int]:
        lines = text.split("\n")
        at = lines.index("## Summary") + 2
        lines.insert(at, line)
        return "\n".join(lines).encode("cp1252"), at + 1
    return change


def _front_matter_line(key: str, new: str) -> Callable[[str], tuple[bytes, int]]:
    """Replace the line of front matter field ``key`` with ``new``."""
    def change(text: str) -> tuple[bytes, int]:
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[at] = new
        return "\n".join(lines).encode("utf-8"), at + 1
    return change


def _insert_front_matter_line(new: str) -> Callable[[str], tuple[bytes, int]]:
    """Insert ``new`` as the third line (inside the front matter)."""
    def change(text: str) -> tuple[bytes, int]:
        lines = text.split("\n")
        lines.insert(2, new)
        return "\n".join(lines).encode("utf-8"), 3
    return change


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")

#: name → (how the page is changed: its bytes and the line the message names, the message's start)
MALFORMED: dict[str, tuple[Callable[[str], tuple[bytes, int]], str]] = {
    "Windows-1252": (_after_summary("Caf\u00e9 and \u201cquotes\u201d from a word processor."),
                     "the page is not UTF-8: the byte 0xE9 on this line is not valid UTF-8"),
    "Latin-1": (lambda text: (text.replace("## Summary\n", "## Summary\n\nna\u00efve\n", 1).encode("latin-1"),
                              text.split("\n").index("## Summary") + 3),
                "the page is not UTF-8: the byte 0xEF on this line is not valid UTF-8"),
    "empty": (lambda text: (b"", 1), "the page is empty; start a resource page with 'make new-resource'"),
    "only blank lines": (lambda text: (b"\n\n  \n", 1), "the page is empty"),
    "binary": (lambda text: (PNG, PNG[:PNG.index(0)].count(b"\n") + 1), "the file holds binary data (a zero byte on this line), not text"),
    "enormous": (lambda text: ((text + ("A long line of pasted text. " * 40 + "\n") * 25_000).encode("utf-8"), 1),
                 "the file is "),
    "front matter is a list": (lambda text: (b"---\n- title\n- description\n---\n" + text.split("---\n", 2)[2]
                                             .encode("utf-8"), 2),
                               "the front matter must be a list of 'field: value' lines"),
    "front matter is one value": (lambda text: (b"---\nJust a sentence.\n---\n" + text.split("---\n", 2)[2]
                                                .encode("utf-8"), 2),
                                  "the front matter must be a list of 'field: value' lines"),
    "duplicate key": (_insert_front_matter_line("title: The Same Title Again"),
                      "the field 'title' is written twice; keep one"),
    "tab indent": (_insert_front_matter_line("\tpages: 12"),
                   "the front matter is indented with a tab on this line, and YAML allows only spaces"),
    "title of spaces": (_front_matter_line("title", 'title: "   "'),
                        "field 'title': write one line of text, not an empty value"),
    "list where text belongs": (_front_matter_line("description", "description: [one, two]"),
                                "field 'description': write one line of text"),
}


@pytest.fixture(scope="module")
def malformed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list[Problem], dict[str, tuple[Path, int]]]:
    """A copy of the collection with one resource page broken each way; one build, one lint."""
    root = tmp_path_factory.mktemp("malformed")
    docs = copy_docs(root / "docs")
    where: dict[str, tuple[Path, int]] = {}
    for (name, (change, _)), slug in zip(MALFORMED.items(), resource_slugs(), strict=False):
        page = docs / "resources" / f"{slug}.md"
        data, line = change(page.read_text(encoding="utf-8"))
        page.write_bytes(data)
        where[name] = (page, line)
    assert len(where) == len(MALFORMED), "the collection has fewer resource pages than cases"
    return sphinx_build(docs, root / "html"), lint.lint(docs, spelling=[]), where


def test_malformed_pages_fail_without_a_traceback(malformed) -> None:
    build, _, _ = malformed
    assert build.returncode != 0
    assert "Traceback" not in build.stderr and "Exception occurred" not in build.stderr


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_page_gets_one_message_with_file_line_and_fix(malformed, name: str) -> None:
    build, found, where = malformed
    path, line = where[name]
    start = MALFORMED[name][1]
    in_build = [w for w in build.warnings if w.startswith(f"{path}:")]
    assert len(in_build) == 1 and in_build[0].startswith(f"{path}:{line}: WARNING: {start}"), in_build
    in_lint = [f for f in found if f.path == path]
    assert [(f.line, f.message.startswith(start)) for f in in_lint] == [(line, True)], in_lint


def test_good_pages_still_build_beside_malformed_ones(malformed) -> None:
    build, _, where = malformed
    broken = {path.stem for path, _ in where.values()}
    for slug in set(resource_slugs()) - broken:
        assert (build.outdir / "resources" / f"{slug}.html").is_file(), slug


def test_a_page_is_read_only_up_to_its_size_limit(tmp_path: Path) -> None:
    page = tmp_path / "huge.md"
    page.write_bytes(b"---\ntitle: x\n---\n" + b"word " * (decoding.MAX_BYTES // 2))
    read = decoding.read(page)
    assert len(read.text) <= decoding.MAX_BYTES and not read.readable
    assert read.problem is not None and read.problem.message.startswith(f"the file is {page.stat().st_size // 1024} KiB")


def test_the_scaffold_writes_utf8_with_lf_endings(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    path, _ = scaffold.create(scaffold.Request("A Caf\u00e9 \u201cGuide\u201d for Everyone", ("accountability",)), docs)
    data = path.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8) and b"\r" not in data
    assert "Caf\u00e9 \u201cGuide\u201d" in data.decode("utf-8")


# --- nothing outside docs/ ---------------------------------------------------------

SECRET = "a-secret-from-outside-docs"
OUTSIDE = "../../secret.png"  # from docs/<page>.md: the folder above docs/
ABSOLUTE = "/tmp/secret.png"
BODY_LINE = 7  # the line a test page's body starts on, under its front matter and heading


def _path(label: str) -> Callable[[str], str]:
    """The message of a path check, for a construct the rules name ``label``."""
    def message(target: str) -> str:
        if target.startswith("/"):
            return page_rules.absolute_path_message(target, label)
        return page_rules.outside_docs_message(target, label)
    return message


def _always(message: str) -> Callable[[str], str]:
    return lambda target: message


#: construct → (page body with {path}, the construct's line within the body, its message for a path)
CONSTRUCTS: dict[str, tuple[str, int, Callable[[str], str]]] = {
    "include": ("```{include} {path}\n```", 0, _always(page_rules.reading_directive_message("include"))),
    "literalinclude": ("```{literalinclude} {path}\n```", 0,
                       _always(page_rules.reading_directive_message("literalinclude"))),
    "eval-rst": ("```{eval-rst}\n.. include:: {path}\n```", 0,
                 _always(page_rules.reading_directive_message("eval-rst"))),
    "literalinclude in a note": ("```{note}\n~~~{literalinclude} {path}\n~~~\n```", 1,
                                 _always(page_rules.reading_directive_message("literalinclude"))),
    "csv-table file": ("```{csv-table} A table\n:file: {path}\n```", 0,
                       _always(page_rules.reading_option_message("csv-table", "file"))),
    "csv-table url": ("```{csv-table} A table\n:url: https://example.org/{path}\n```", 0,
                      _always(page_rules.reading_option_message("csv-table", "url"))),
    "raw file": ("```{raw} html\n:file: {path}\n```", 0, _always(page_rules.raw_directive_message("raw"))),
    "download role": ("Get {download}`the file <{path}>`.", 0, _always(page_rules.download_role_message())),
    "image directive": ("```{image} {path}\n:alt: A chart\n```", 0, _path("{image}")),
    "figure": ("```{figure} {path}\n:alt: A chart\n\nA caption.\n```", 0, _path("{figure}")),
    "Markdown image": ("![A chart]({path})", 0, _path("image")),
    "Markdown link": ("Read [the file]({path}).", 0, _path("link")),
    "reference link": ("Read [the file][f].\n\n[f]: {path}", 0, _path("link")),
    "card image": (":::{card} A card\n:img-top: {path}\n\nText.\n:::", 0, _path("option :img-top: of {card}")),
    "grid card image": ("::::{grid} 1\n:::{grid-item-card} A card\n:img-bottom: {path}\n\nText.\n:::\n::::", 1,
                        _path("option :img-bottom: of {grid-item-card}")),
}
KINDS = {"climbing out": OUTSIDE, "absolute": ABSOLUTE}
CASES = [f"{construct}, {kind}" for construct in CONSTRUCTS for kind in KINDS]


@pytest.fixture(scope="module")
def reaching_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list[Problem], Path]:
    """A copy of the collection with one page per construct and path, plus links that lead out."""
    root = tmp_path_factory.mktemp("reaching-out")
    (root / "secret.png").write_text(SECRET + "\n", encoding="utf-8")
    docs = copy_docs(root / "docs")
    for name in CASES:
        construct, kind = name.rsplit(", ", 1)
        body = CONSTRUCTS[construct][0].replace("{path}", KINDS[kind])
        _case_page(docs, name).write_text(f"---\norphan: true\n---\n\n# {name}\n\n{body}\n", encoding="utf-8")
    # symbolic links that lead out: a page, a folder, and an image a page uses
    (docs / "linked-page.md").symlink_to(ROOT / "README.md")
    (docs / "linked-folder").symlink_to(ROOT / "community_trust", target_is_directory=True)
    (docs / "images").mkdir(exist_ok=True)
    (docs / "images" / "linked.png").symlink_to(root / "secret.png")
    (docs / "linked-image.md").write_text("---\norphan: true\n---\n\n# A linked image\n\n"
                                          "![A chart](images/linked.png)\n", encoding="utf-8")
    return sphinx_build(docs, root / "html"), lint.lint(docs, spelling=[]), docs


def _case_page(docs: Path, name: str) -> Path:
    return docs / f"{re.sub(r'[^a-z]+', '-', name.lower()).strip('-')}.md"


@pytest.mark.parametrize("name", CASES)
def test_a_construct_that_reads_outside_docs_fails_at_its_line(reaching_out, name: str) -> None:
    build, found, docs = reaching_out
    construct, kind = name.rsplit(", ", 1)
    _, offset, message = CONSTRUCTS[construct]
    path, line, wanted = _case_page(docs, name), BODY_LINE + offset, message(KINDS[kind])
    in_build = [w for w in build.warnings if w.startswith(f"{path}:")]
    assert f"{path}:{line}: WARNING: {wanted}" in [w.split(" [community_trust")[0] for w in in_build], in_build
    assert all(w.startswith(f"{path}:{line}: ") for w in in_build), "one place, no cascade"
    assert located(path, line, wanted) in placed(found), [str(f) for f in found if f.path == path]


def test_an_image_behind_a_link_out_of_docs_is_outside(reaching_out) -> None:
    build, found, docs = reaching_out
    path, wanted = docs / "linked-image.md", page_rules.outside_docs_message("images/linked.png", "image")
    assert f"{path}:{BODY_LINE}: WARNING: {wanted}" in "\n".join(build.warnings)
    assert located(path, BODY_LINE, wanted) in placed(found)


@pytest.mark.parametrize("link", ["linked-page.md", "linked-folder", "images/linked.png"])
def test_a_symbolic_link_out_of_docs_is_refused(reaching_out, link: str) -> None:
    build, found, docs = reaching_out
    message = page_rules.link_message(docs / link, docs)
    assert f"{docs / link}:1: WARNING: {message}" in "\n".join(build.warnings)
    assert located(docs / link, 1, message) in placed(found)


def test_nothing_from_outside_docs_reaches_the_site(reaching_out) -> None:
    build, _, _ = reaching_out
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert not (build.outdir / "linked-page.html").exists()
    assert not (build.outdir / "linked-folder").exists()
    for path in build.outdir.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts:
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"PYTHON ?= python3" not in data, path
