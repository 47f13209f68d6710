"""Hostile pages, one planted change each: every one fails the lint and the strict build with the
same message at the same line, and nothing of it reaches the site.

One case per row of the attack table of issue 20 (and the variants found while fixing it), each
planted in a resource page (made with the scaffold, as a contributor makes one) and in another page
of docs/ (a page of its own, at the top of docs/ or in a folder of its own).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import time
from pathlib import Path

import pytest
from conftest import Build, copy_docs, sphinx_build
from site_scan import hostile

from community_trust.pages import addresses, frontmatter, layout, plain, published, schema
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Problem
from community_trust.tools import lint, scaffold

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082")
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
TRACKER = "https://tracker.example.com/p.png"


def _address(raw: str, construct: str) -> str:
    return addresses.message(raw, addresses.classify(raw), construct)


def _not_allowed(name: str) -> str:
    return f"the directive '{{{name}}}' is not one a page may use"


#: name → (body planted in the page, the line of the message within the body, the message's start)
BODY: dict[str, tuple[str, int, str]] = {
    "button-link javascript:": ("```{button-link} javascript:alert(1)\nClick\n```", 0, _not_allowed("button-link")),
    "button-link JaVaScRiPt:": ("```{BUTTON-LINK} JaVaScRiPt:alert(1)\nClick\n```", 0, _not_allowed("button-link")),
    "card :link: javascript:": (":::{card} A card\n:link: javascript:alert(1)\n\nText.\n:::", 0,
                                _address("javascript:alert(1)", "option :link: of {card}")),
    "card :link: data:": (":::{card} A card\n:link: data:text/html,x\n\nText.\n:::", 0,
                          _address("data:text/html,x", "option :link: of {card}")),
    "card :LINK: quoted vbscript:": (':::{Card} A card\n:LINK: "vbscript:alert(1)"\n\nText.\n:::', 0,
                                     _address("vbscript:alert(1)", "option :link: of {card}")),
    "grid-item-card :link:": ("::::{grid} 1\n:::{grid-item-card} A\n:link: javascript:alert(1)\n\nText.\n:::\n::::", 1,
                              _address("javascript:alert(1)", "option :link: of {grid-item-card}")),
    "image :target: javascript:": ("```{image} ../images/chart.png\n:alt: A chart\n:target: javascript:alert(1)\n```",
                                   0, _address("javascript:alert(1)", "option :target: of {image}")),
    "figure :target: entity": ("```{figure} ../images/chart.png\n:alt: A chart\n:target: javascript&colon;alert(1)\n```",
                               0, _address("javascript&colon;alert(1)", "option :target: of {figure}")),
    "IMAGE remote": (f"```{{IMAGE}} {TRACKER}\n:alt: A chart\n```", 0, page_rules.remote_image_message(TRACKER)),
    "Figure remote": (f"```{{Figure}} {TRACKER}\n:alt: A chart\n```", 0, page_rules.remote_image_message(TRACKER)),
    "card :img-top: remote": (f":::{{card}} A card\n:img-top: {TRACKER}\n\nText.\n:::", 0,
                              page_rules.remote_image_message(TRACKER)),
    "IMAGE file:": ("```{IMAGE} file:///etc/passwd\n:alt: A chart\n```", 0,
                    "the image 'file:///etc/passwd' uses 'file:'"),
    "Markdown image data:": ("![A chart](data:image/png;base64,iVBORw0KGgo=)", 0,
                             "the image 'data:image/png;base64,iVBORw0KGgo=' uses 'data:'"),
    "Download role": ("Get {Download}`the file <../../../../etc/passwd>`.", 0, page_rules.download_role_message()),
    "math directive": ("```{math}\nx^2\n```", 0, _not_allowed("math")),
    "math role": ("See {math}`x^2`.", 0, "the role '{math}' is not one a page may use"),
    "sub-ref role": ("See {sub-ref}`wordcount-words`.", 0, "the role '{sub-ref}' is not one a page may use"),
    "Raw": ("```{Raw} html\n<script>alert(1)</script>\n```", 0, page_rules.raw_directive_message("raw")),
    "Include": ("```{Include} ../../conf.py\n```", 0, page_rules.reading_directive_message("include")),
    "LiteralInclude": ("```{LiteralInclude} ../../conf.py\n```", 0,
                       page_rules.reading_directive_message("literalinclude")),
    "EVAL-RST": ("```{EVAL-RST}\n.. raw:: html\n\n   <script>alert(1)</script>\n```", 0,
                 page_rules.reading_directive_message("eval-rst")),
    "ftp link": ("Read [the file](ftp://example.org/x).", 0, _address("ftp://example.org/x", "link")),
    "user information": ("Read [it](https://user:pass@evil.example/).", 0,
                         _address("https://user:pass@evil.example/", "link")),
    "another host by //": ("Read [it](//evil.example/).", 0, _address("//evil.example/", "link")),
    "scripted SVG image": ("![A chart](../images/evil.svg)", 0, "'evil.svg' is an SVG that holds a script"),
    "HTML file linked": ("Read [it](../images/evil.html).", 0, "'evil.html' is a file a browser would open"),
    "nested colon fences": ("".join(f"{':' * (210 - i)}{{note}}\n" for i in range(200)) + "x\n"
                            + "".join(f"{':' * (11 + i)}\n" for i in range(200)), page_rules.MAX_NESTING,
                            page_rules.nesting_message()),
    "nested emphasis": ("*" * 50_000 + "x" + "*" * 50_000, 0, page_rules.inline_nesting_message()),
    "many bare addresses": ("https://a.example/ " * (page_rules.MAX_LINKS + 100), 0, page_rules.links_message()),
}
#: only in a page that is not a resource or topic page (the others may hold no toctree)
NAVIGATION: dict[str, tuple[str, int, str]] = {
    "toctree javascript:": ("```{toctree}\nEvil <javascript://%0aalert(1)>\n```", 1,
                            _address("javascript://%0aalert(1)", "toctree entry")),
    "toctree :glob:": ("```{toctree}\n:glob:\n\n*\n```", 0,
                       "the option ':glob:' of '{toctree}' is not one a page may use"),
    "toctree ../../*": ("```{toctree}\n../../*\n```", 1, page_rules.outside_docs_message("../../*", "toctree entry")),
}
#: in a resource page, a toctree is refused outright
RESOURCE_TOCTREE = ("```{toctree}\nEvil <javascript://%0aalert(1)>\n```", 0,
                    "a '{toctree}' block belongs only on the home page")

#: name → (front-matter lines that replace the field of the same name (or are added), the message's start
#: [, the line of the message below the first of those lines])
FRONT: dict[str, tuple] = {
    "title with a line break and Markdown": (
        'title: "A Title\\n\\n![x](https://tracker.example.com/p.png)\\n\\n```{button-link} javascript:x\\n```"',
        plain.control_message("title")),
    "title with a right-to-left override": ('title: "A \u202eTitle"', plain.bidi_message("title")),
    "title with a zero-width space": ('title: "A\u200b Title"', "field 'title': the title holds an invisible character"),
    "YAML alias": ("title: &t A Title\nshort_title: *t", "YAML anchors and aliases"),
    "nested 10,000 deep": ("title: A Title\nnested: " + "[" * 10_000 + "]" * 10_000, "the front matter is nested more than"),
    "complex key": ("title: A Title\n? [a, b]\n: c", "a field name must be a plain word", 1),
}
RESOURCE_FRONT: dict[str, tuple] = {
    # the title of docs/resources/police-pursuits.md, its "P" and first "o" in Cyrillic letters: the
    # page that sorts later (police-pursuits) is told that the title is taken (see the fixture)
    "title of another page in Cyrillic letters": ("title: \u0420\u043elice Pursuits in an Age of Innovation and Reform",
                                                  "the title is already used by resources/"),
    "5,000 keywords": ("keywords: [" + ", ".join(f"word{i}" for i in range(5000)) + "]", "field 'keywords': give at most"),
    "url with a line break": ('url: "https://example.org/x\\nTY  - GEN"', plain.control_message("url")),
    "url with user information": ('url: "https://user:pass@evil.example/"', "field 'url': the address"),
    "pages of 5,000 digits": ("pages: " + "9" * 5000, "the field 'pages' cannot be read"),
}
OTHER_FRONT: dict[str, tuple[str, str]] = {
    "myst: html_meta refresh": ('myst:\n  html_meta:\n    "http-equiv=refresh": "0;url=https://evil.example/"',
                                plain.setting_message("myst")),
}


def _front_replace(text: str, lines: str) -> tuple[str, int]:
    """``text`` with the front-matter field of ``lines``'s first key replaced by ``lines`` (or added)."""
    head, body = text.split("\n---\n", 1)
    key = lines.split(":", 1)[0]
    existing = re.search(rf"^{re.escape(key)}:.*$", head, flags=re.M)
    if existing:
        at = head[:existing.start()].count("\n") + 1
        head = head[:existing.start()] + lines + head[existing.end():]
    else:
        at = head.count("\n") + 2
        head = head + "\n" + lines
    return head + "\n---\n" + body, at


def _case_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, list[Problem], dict[str, tuple[Path, int, str]]]:
    """A copy of the collection with every case planted in a page of its own; one build, one lint."""
    root = tmp_path_factory.mktemp("hostile")
    docs = copy_docs(root / "docs")
    (docs / "images").mkdir(exist_ok=True)
    (docs / "images" / "chart.png").write_bytes(PNG)
    (docs / "images" / "evil.svg").write_bytes(EVIL_SVG)
    (docs / "images" / "evil.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (docs / "extra").mkdir()
    where: dict[str, tuple[Path, int, str]] = {}

    made = iter(range(1, 1000))
    scaffolded: list[scaffold.Request] = []

    def resource_page(name: str) -> Path:
        """A new resource page: the scaffold writes the first; the others are written as it writes
        them (its check that a title is new reads every page, again for each case; each title is new)."""
        title = f"Hostile Case Number {next(made)}"
        if not scaffolded:
            path, request = scaffold.create(scaffold.Request(title, ("accountability",)), docs)
            scaffolded.append(request)
            return path
        request = dataclasses.replace(scaffolded[0], title=title)
        slug = schema.expected_slug(title)
        path = layout.path_of(docs, layout.resource_docname(slug))
        path.write_text(scaffold.page_text(request, datetime.date.today()), encoding="utf-8", newline="\n")
        published.record_new_page(docs, slug)
        return path

    def plant_body(path: Path, body: str, offset: int) -> int:
        text = path.read_text(encoding="utf-8")
        marker = "## Summary\n" if "## Summary\n" in text else None
        if marker:
            text = text.replace(marker, marker + "\n" + body + "\n", 1)
            line = text[:text.index(marker)].count("\n") + 3
        else:
            line = text.count("\n") + 2
            text = text + "\n" + body + "\n"
        path.write_text(text, encoding="utf-8")
        return line + offset

    for name, (body, offset, message) in BODY.items():
        path = resource_page(name)
        where[f"resource: {name}"] = (path, plant_body(path, body, offset), message)
    path = resource_page("toctree")
    where["resource: toctree"] = (path, plant_body(path, RESOURCE_TOCTREE[0], RESOURCE_TOCTREE[1]), RESOURCE_TOCTREE[2])
    for index, (name, (body, offset, message)) in enumerate({**BODY, **NAVIGATION}.items()):
        folder = docs / "extra" if index % 2 else docs  # a page at the top of docs/, or in a folder of its own
        path = folder / f"other-{_case_slug(name)}.md"
        path.write_text("---\ntitle: Another page\norphan: true\n---\n\nSome text.\n", encoding="utf-8")
        if folder == docs:  # the images are one folder down from here, not beside a resource page
            body = body.replace("../images/", "images/")
        where[f"other page: {name}"] = (path, plant_body(path, body, offset), message)
    for name, (lines, message, *offset) in {**FRONT, **RESOURCE_FRONT}.items():
        path = resource_page(f"front {name}")
        if name.startswith("url"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"^# url:.*$", "url: https://example.org/x", text, count=1, flags=re.M), encoding="utf-8")
        text, line = _front_replace(path.read_text(encoding="utf-8"), lines)
        path.write_text(text, encoding="utf-8")
        where[f"resource front matter: {name}"] = (path, line + sum(offset), message)
        if name == "title of another page in Cyrillic letters":
            taken = docs / "resources" / "police-pursuits.md"
            where[f"resource front matter: {name}"] = (taken, 2, f"{message}{path.name}")
    for name, (lines, message, *offset) in {**FRONT, **OTHER_FRONT}.items():
        path = docs / f"other-front-{_case_slug(name)}.md"
        text, line = _front_replace("---\ntitle: Another page\norphan: true\n---\n\nSome text.\n", lines)
        path.write_text(text, encoding="utf-8")
        where[f"other page front matter: {name}"] = (path, line + sum(offset), message)
    for folder, message in ((docs, page_rules.outside_docs_message("../index", "toctree entry")),
                            (docs / "extra", page_rules.root_toctree_message("../index"))):
        path = folder / "other-toctree-index.md"  # a toctree back up to the home page: a cycle
        path.write_text("---\ntitle: Another page\norphan: true\n---\n\nSome text.\n", encoding="utf-8")
        where[f"other page: toctree ../index in {folder.name}"] = (path, plant_body(path, "```{toctree}\n../index\n```", 1),
                                                                   message)
    for folder in ("resources/sub", ".hidden"):  # pages where the collection has no place
        path = docs / folder / "misplaced.md"
        path.parent.mkdir()
        path.write_text("---\ntitle: A misplaced page\norphan: true\n---\n\nSome text.\n", encoding="utf-8")
        where[f"misplaced page: {folder}"] = (path, 1, "this page is in a")
    return sphinx_build(docs, root / "html"), lint.lint(docs, spelling=[]), where


def _cases() -> list[str]:
    names = [f"resource: {n}" for n in BODY] + ["resource: toctree"]
    names += [f"other page: {n}" for n in {**BODY, **NAVIGATION}]
    names += [f"resource front matter: {n}" for n in {**FRONT, **RESOURCE_FRONT}]
    names += [f"other page front matter: {n}" for n in {**FRONT, **OTHER_FRONT}]
    names += ["misplaced page: resources/sub", "misplaced page: .hidden"]
    names += ["other page: toctree ../index in docs", "other page: toctree ../index in extra"]
    return names


def _build_messages(build: Build, path: Path) -> set[tuple[int, str]]:
    found = set()
    for warning in build.warnings:
        match = re.match(rf"^{re.escape(str(path))}:(\d+): WARNING: (.*?)(?: \[[\w.-]+\])?$", warning)
        if match:
            found.add((int(match.group(1)), match.group(2)))
    return found


@pytest.mark.parametrize("case", _cases())
def test_a_hostile_page_fails_the_lint_and_the_build_at_its_line(planted, case: str) -> None:
    build, found, where = planted
    path, line, start = where[case]
    in_lint = {(p.line, p.message) for p in found if p.path == path and p.kind.value != "spelling"}
    in_build = _build_messages(build, path)
    assert any(at == line and message.startswith(start) for at, message in in_lint), (line, start, in_lint)
    assert any(at == line and message.startswith(start) for at, message in in_build), (line, start, in_build)
    placeholders = {(p.line, p.message) for p in page_rules.placeholders(path.read_text(encoding="utf-8"))}
    assert in_build <= in_lint | placeholders, in_build - in_lint  # the build says nothing the lint does not


def test_hostile_pages_fail_without_a_traceback_and_publish_nothing(planted) -> None:
    build, _, _ = planted
    assert build.returncode != 0
    assert "Traceback" not in build.stderr and "Exception occurred" not in build.stderr, build.stderr[-3000:]
    assert not (build.outdir / "_downloads").exists()
    assert hostile(build.outdir) == []
    for path in build.outdir.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts and path.suffix in (".html", ".js", ".json", ".ris", ".bib"):
            data = path.read_text(encoding="utf-8", errors="replace")
            # (a refused title's words may show as text; no address of it is a link or a load: hostile())
            assert "root:x:0" not in data and "<script>alert" not in data, path
            assert "mathjax" not in data.lower() or path.name == "searchindex.js", path  # Sphinx's math is off
            assert not re.search(r"""(?:href|src)=["']?[^"'>]*(?:tracker|evil)\.example""", data), path


def test_the_svg_and_html_files_are_refused_where_they_lie(planted) -> None:
    build, found, where = planted
    docs = next(iter(where.values()))[0].parents[1]
    for name in ("evil.svg", "evil.html"):
        path = docs / "images" / name
        assert any(p.path == path and p.line == 1 for p in found)
        assert any(w.startswith(f"{path}:1: WARNING: '{name}'") for w in build.warnings)


PATHOLOGICAL = {
    "200,000 short lines": "a\n" * 200_000,
    "50,000 nested *": "*" * 50_000 + "x" + "*" * 50_000,
    "40,000 bare addresses": "https://a.b/ " * 38_000,
    "8,000 links on one line": "[a](https://a.example/) " * 8_000,
    "20,000 lines of one paragraph": "word\n" * 20_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_pathological_page_is_checked_in_seconds(name: str) -> None:
    md = lint.markdown_parser()
    text = "---\ntitle: A page\norphan: true\n---\n\n" + PATHOLOGICAL[name]
    assert len(text.encode()) <= 512 * 1024
    started = time.perf_counter()
    tokens = md.parse(text) if page_rules.too_large(text) is None else []
    problems = page_rules.check_page("a-page", text, md, tokens=tokens)
    assert time.perf_counter() - started < 5, name
    assert problems and all(p.kind.value == "limit" for p in problems), problems


def test_the_line_of_an_inline_child_is_found_in_one_pass() -> None:
    md = lint.markdown_parser()
    text = "\n".join(f"word {i}" for i in range(page_rules.MAX_LINES - 10)) + "\n<b>x</b>\n"
    started = time.perf_counter()
    problems = page_rules.check_text(text, md)
    assert time.perf_counter() - started < 3
    assert [p.line for p in problems] == [page_rules.MAX_LINES - 9]


def test_front_matter_nesting_is_refused_before_it_is_composed() -> None:
    with pytest.raises(frontmatter.FrontMatterError, match="nested more than"):
        frontmatter.parse("---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n")
