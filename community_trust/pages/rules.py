"""The rules for the text of a page, written once for the build and the lint.

They read a page's Markdown as MyST reads it (the same markdown-it parser and ``myst_*``
settings) and return a :class:`~.problems.Problem` per thing to fix: https addresses, no raw
HTML, images with alt text from inside ``docs/``, no file read from outside ``docs/``, the
sections of a resource page, ``TODO`` placeholders. No Sphinx: ``build/checking`` runs the same
functions inside the build.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from community_trust.pages import layout, packets
from community_trust.pages.layout import (
    HOW_TO_GET_IT,
    MEMBERS_ONLY_SECTION,
    RELATED_RESOURCES,
    WRITTEN_SECTIONS,
)
from community_trust.pages.problems import Kind, Problem

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig

#: the sections a contributor writes on a resource page, in this order
SECTIONS = WRITTEN_SECTIONS
#: sections the build adds from the front matter (see resource_page.py), with where their facts go
GENERATED_SECTIONS = {
    HOW_TO_GET_IT: "the addresses go in 'url' and 'alternate_urls', the facts' origin in 'sources'",
    RELATED_RESOURCES: "name related pages in the front matter field 'related'",
}
MEMBERS_ONLY = "members-only"
PLACEHOLDER = "TODO"

#: directives whose body is not Markdown: their text is code, data or reST
LITERAL_DIRECTIVES = {"code-block", "code", "sourcecode", "code-cell", "literalinclude", "math",
                      "csv-table", "mermaid", "graphviz", "include", "raw", "eval-rst"}
IMAGE_DIRECTIVES = {"image", "figure"}
RAW_DIRECTIVES = {"raw"}
#: directives that read another file into the page; no page needs one, so all are refused
#: ({eval-rst} too: its reStructuredText can hold any of them and raw output)
READING_DIRECTIVES = {"include", "literalinclude", "eval-rst"}
#: options that make any directive read a file or fetch an address while the site is built
READING_OPTIONS = {"file", "url", "diff"}
#: options that name an image file of the collection (sphinx-design's cards and article info)
IMAGE_OPTIONS = {"img-top", "img-bottom", "img-background", "avatar"}
#: roles that copy a file into the published site
READING_ROLES = {"download"}

_DIRECTIVE_INFO = re.compile(r"^\{([a-zA-Z][\w:-]*)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")
_FIRST_TAG = re.compile(r"<\s*(/?[a-zA-Z!][\w:-]*)")
_HTML_COMMENT = re.compile(r"^\s*<!--")


def parser_config(settings: Mapping[str, Any]) -> MdParserConfig:
    """MyST's parser settings from ``myst_*`` configuration values (as in conf.py)."""
    from myst_parser.config.main import MdParserConfig  # MyST (and docutils) only when a page is parsed

    names = {name for name, _, _ in MdParserConfig().as_triple()}
    return MdParserConfig(**{key[len("myst_"):]: value for key, value in settings.items()
                             if key.startswith("myst_") and key[len("myst_"):] in names})


def markdown_parser(config: MdParserConfig) -> MarkdownIt:
    """The markdown-it parser MyST builds for this configuration."""
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(config, RendererHTML)


# --- messages: one wording, used by the build and the lint -----------------

def http_message(url: str) -> str:
    secure = "https://" + url.split("://", 1)[1]
    return (f"the address '{url}' starts with http://; write it with https:// ('{secure}'), "
            "and if the site has no https:// version, link to another public copy instead")


def raw_html_message(snippet: str) -> str:
    if _HTML_COMMENT.match(snippet):
        return ("an HTML comment ('<!--') is raw HTML, which pages may not contain; "
                "write a comment as a line starting with '%' instead")
    tag = _FIRST_TAG.search(snippet)
    shown = f"<{tag.group(1)}>" if tag else snippet.strip()[:30]
    return (f"raw HTML ('{shown}') is not allowed in pages: write Markdown instead "
            "(links as [text](https://…), emphasis as *text*, lists with '-'); "
            "pages may not add code or styles to the site")


def raw_directive_message(name: str) -> str:
    return (f"a '{{{name}}}' block puts raw output into the site, which pages may not do; "
            "remove it and write the content in Markdown")


def image_alt_message(src: str, directive: str = "") -> str:
    if directive:
        return (f"the image '{src}' has no alt text; add a line ':alt: what the image shows' "
                f"right under '{{{directive}}} {src}'")
    return (f"the image '{src}' has no alt text; write what it shows between the brackets, "
            f"like ![Chart of complaints by year]({src})")


def remote_image_message(src: str) -> str:
    return (f"the image '{src}' would be loaded from another site, and the collection loads "
            "nothing from other sites; save the file (if its licence allows) in docs/images/ "
            "and point to it from the page, like ../images/chart.png")


def reading_directive_message(name: str) -> str:
    if name == "eval-rst":
        return ("a '{eval-rst}' block runs reStructuredText, which can read other files into the page and add "
                "raw output; pages may not hold one: write its content in Markdown instead")
    return (f"a '{{{name}}}' block reads other files into the page, which pages may not do "
            "(a build publishes what it reads); write the text into the page itself in Markdown")


def reading_option_message(name: str, option: str) -> str:
    return (f"the option ':{option}:' of '{{{name}}}' reads a file or an address while the site is built, "
            "which pages may not do; write the content into the page itself")


def download_role_message() -> str:
    return ("the role '{download}' copies a file into the published site, which pages may not do; "
            "link to the document's public https:// address instead")


def outside_docs_message(target: str, construct: str) -> str:
    return f"'{target}' ({construct}) is outside docs/; {_inside_docs_fix(construct)}"


def absolute_path_message(target: str, construct: str) -> str:
    return f"'{target}' ({construct}) is an absolute path; {_inside_docs_fix(construct)}"


def _inside_docs_fix(construct: str) -> str:
    if construct == "link":
        return ("a page may link only to pages of the collection, by a path relative to this page "
                "(like ../topics/use-of-force.md), or to public https:// addresses")
    return ("a page may use only files inside docs/: copy the file into docs/images/ (if its licence "
            "allows) and write its path relative to this page, like ../images/chart.png")


def placeholder_message(count: int = 1) -> str:
    if count > 1:
        return (f"{count} '{PLACEHOLDER}'s are left (the first is on this line): write what each asks for "
                "and remove it before opening a pull request; make lint lists them")
    return (f"a '{PLACEHOLDER}' is left here: write what it asks for, in your own words, and remove "
            f"the '{PLACEHOLDER}' before opening a pull request")


def _sections_list() -> str:
    sections = ", ".join(f"'## {s}'" for s in SECTIONS)
    return f"{sections} (member-only pages may add '## {MEMBERS_ONLY_SECTION}' after the summary)"


# --- walking the tokens, nested directive bodies included ------------------

def _line_breaks(token: Token, child_index: int) -> int:
    """How many lines an inline child sits below the first line of its block."""
    return sum(1 for c in (token.children or [])[:child_index] if c.type in ("softbreak", "hardbreak"))


def _directive(token: Token) -> tuple[str, str] | None:
    """``(name, argument)`` when a fence is a MyST directive."""
    if token.type not in ("fence", "colon_fence"):
        return None
    match = _DIRECTIVE_INFO.match(token.info.strip())
    return (match.group(1), match.group(2).strip()) if match else None


def directive_options(body: str) -> dict[str, str]:
    """A directive's options: ':key: value' lines (or a '---' YAML block) at the top of its body."""
    options: dict[str, str] = {}
    lines = body.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            key, _, value = line.partition(":")
            options[key.strip()] = value.strip()
        return options
    for line in lines:
        match = _OPTION.match(line.strip())
        if not match:
            break
        options[match.group(1)] = match.group(2).strip()
    return options


def _walk(md: MarkdownIt, tokens: list[Token], offset: int) -> Iterator[tuple[Token, int]]:
    """Every token with its 0-based line in the file, entering Markdown directive bodies."""
    for token in tokens:
        line = (token.map[0] if token.map else 0) + offset
        yield token, line
        directive = _directive(token)
        if directive and directive[0] not in LITERAL_DIRECTIVES and token.content.strip():
            # the body starts on the line after the opening fence
            yield from _walk(md, md.parse(token.content), line + 1)


def directives(text: str, md: MarkdownIt, tokens: list[Token] | None = None) -> Iterator[tuple[str, str, str, int]]:
    """``(name, argument, body, 1-based line)`` of every directive in a page, nested ones too.

    ``tokens``: the page already parsed with ``md``."""
    for token, line in _walk(md, md.parse(text) if tokens is None else tokens, 0):
        directive = _directive(token)
        if directive:
            yield directive[0], directive[1], token.content, line + 1


def check_text(text: str, md: MarkdownIt, *, resource: bool = False,
               members_only: bool = False, location: tuple[Path, Path] | None = None,
               tokens: list[Token] | None = None) -> list[Problem]:
    """Every problem in a page's Markdown; ``resource`` adds the resource-page anatomy.

    ``location`` is ``(the page's folder, docs/)``: with it, the files the page names
    are checked too (``_check_file_access``). ``tokens``: the page already parsed
    with ``md`` (the build hands over the tokens MyST then renders, so the page's
    Markdown is parsed once).
    """
    if tokens is None:
        tokens = md.parse(text)
    problems: list[Problem] = []
    for token, line in _walk(md, tokens, 0):
        problems += _check_block(token, line)
        if token.type == "inline":
            problems += _check_inline(token, line)
        if location is not None:
            problems += _check_file_access(token, line, *location)
    if resource:
        problems += check_sections(tokens, members_only)
    return sorted(set(problems), key=lambda p: (p.line, p.message))


def _check_block(token: Token, line: int) -> list[Problem]:
    if token.type == "html_block":
        return [Problem(line + 1, raw_html_message(token.content), Kind.PAGE)]
    directive = _directive(token)
    if directive is None:
        return []
    name, argument = directive
    if name in RAW_DIRECTIVES:
        return [Problem(line + 1, raw_directive_message(name), Kind.PAGE)]
    if name in IMAGE_DIRECTIVES:
        found = []
        if _SCHEME.match(argument):
            found.append(Problem(line + 1, remote_image_message(argument), Kind.PAGE))
        if not directive_options(token.content).get("alt", "").strip():
            found.append(Problem(line + 1, image_alt_message(argument, name), Kind.PAGE))
        return found
    return []


def _check_inline(token: Token, line: int) -> list[Problem]:
    """Links and images in one block of text that starts on 0-based ``line``."""
    found = []
    raw_lines: set[int] = set()
    for index, child in enumerate(token.children or []):
        line_no = line + _line_breaks(token, index) + 1
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if href.lower().startswith("http://"):
                found.append(Problem(line_no, http_message(href), Kind.PAGE))
        elif child.type == "html_inline" and line_no not in raw_lines:
            raw_lines.add(line_no)  # one message for '<b>…</b>', not one per tag
            found.append(Problem(line_no, raw_html_message(child.content), Kind.PAGE))
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            if _SCHEME.match(src):
                found.append(Problem(line_no, remote_image_message(src), Kind.PAGE))
            if not child.content.strip():
                found.append(Problem(line_no, image_alt_message(src), Kind.PAGE))
    return found


# --- files a page reads --------------------------------------------------------

_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


def _path_problem(target: str, construct: str, line: int, page_dir: Path, docs: Path) -> list[Problem]:
    """A problem when ``target`` (a path written in the page) leaves ``docs``.

    The real path counts: a symbolic link inside docs/ that leads out of it is outside.
    """
    path = unquote(target.split("#", 1)[0].split("?", 1)[0]).strip()
    if not path or _SCHEME.match(path):
        return []
    if path.startswith(("/", "\\", "~")) or _WINDOWS_DRIVE.match(path):
        return [Problem(line, absolute_path_message(target, construct), Kind.READS_FILES)]
    if not inside(page_dir / path, docs):
        return [Problem(line, outside_docs_message(target, construct), Kind.READS_FILES)]
    return []


def inside(path: str | os.PathLike[str], root: Path) -> bool:
    """Whether ``path``, symbolic links followed, is ``root`` or below it."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def links_leaving(root: Path) -> list[Path]:
    """Symbolic links under ``root`` (not followed) whose target is outside it."""
    found = []
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            if path.is_symlink() and not inside(path, root):
                found.append(path)
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
    return found


def link_message(path: Path, root: Path) -> str:
    return (f"'{path.relative_to(root).as_posix()}' is a symbolic link to a place outside docs/, which a "
            "build may not read; replace the link with the file itself (a real file inside docs/), or remove it")


def _check_file_access(token: Token, line: int, page_dir: Path, docs: Path) -> list[Problem]:
    """Constructs that read a file, refused or kept inside ``docs``.

    Include-like directives, ``{eval-rst}``, options such as ``:file:`` and the
    ``{download}`` role are refused outright (no page needs them); images,
    card images and local links must name a file inside ``docs`` by a relative
    path.
    """
    directive = _directive(token)
    if directive is not None:
        name, argument = directive
        if name in READING_DIRECTIVES:
            return [Problem(line + 1, reading_directive_message(name), Kind.READS_FILES)]
        options = directive_options(token.content)
        found = [Problem(line + 1, reading_option_message(name, option), Kind.READS_FILES)
                 for option in sorted(READING_OPTIONS & set(options))]
        if name in IMAGE_DIRECTIVES:
            found += _path_problem(argument, f"{{{name}}}", line + 1, page_dir, docs)
        for option in sorted(IMAGE_OPTIONS & set(options)):
            found += _path_problem(options[option], f"option :{option}: of {{{name}}}", line + 1, page_dir, docs)
        return found
    if token.type != "inline":
        return []
    found = []
    for index, child in enumerate(token.children or []):
        line_no = line + _line_breaks(token, index) + 1
        if child.type == "image":
            found += _path_problem(str(child.attrGet("src") or ""), "image", line_no, page_dir, docs)
        elif child.type == "link_open":
            found += _path_problem(str(child.attrGet("href") or ""), "link", line_no, page_dir, docs)
        elif child.type == "myst_role" and child.meta.get("name") in READING_ROLES:
            found.append(Problem(line_no, download_role_message(), Kind.READS_FILES))
    return found


def reads_files(problem: Problem) -> bool:
    """Whether a problem is a page reaching for a file outside docs/ or for an address.

    The build then reads nothing of the page's text (``build/checking``).
    """
    return problem.kind is Kind.READS_FILES


def _page_sections(members_only: bool) -> tuple[str, ...]:
    """The sections a page may have, in order (the optional one included)."""
    if not members_only:
        return SECTIONS
    return (SECTIONS[0], MEMBERS_ONLY_SECTION, *SECTIONS[1:])


def check_sections(tokens: list[Token], members_only: bool = False) -> list[Problem]:
    """A resource page's anatomy: the notice first (if any), then exactly its sections, in order."""
    headings: list[tuple[int, str, int]] = []  # (level, text, 1-based line)
    notice_line = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            headings.append((int(token.tag[1]), tokens[index + 1].content.strip(), token.map[0] + 1))
        elif (_directive(token) or ("", ""))[0] == MEMBERS_ONLY and token.map and not notice_line:
            notice_line = token.map[0] + 1
    allowed = _page_sections(members_only)
    problems: list[Problem] = []
    for level, text, line in headings:
        if level == 1:
            problems.append(Problem(line, f"remove the heading '# {text}': the page title is written "
                                          "once, in the front matter field 'title'", Kind.PAGE))
    seen: dict[str, int] = {}
    order: list[str] = []
    for _, text, line in (h for h in headings if h[0] == 2):
        if text in GENERATED_SECTIONS:
            problems.append(Problem(line, f"remove the section '## {text}': the build adds it from the "
                                          f"front matter ({GENERATED_SECTIONS[text]})", Kind.PAGE))
            continue
        if text == MEMBERS_ONLY_SECTION and not members_only:
            problems.append(Problem(line, f"'## {text}' belongs only on pages marked 'access: members-only'; "
                                          "remove it (the build says how to get a public document)", Kind.PAGE))
            continue
        if text not in allowed:
            folded = [s.casefold() for s in allowed]
            close = difflib.get_close_matches(text.casefold(), folded, n=1, cutoff=0.6)
            if not close:
                problems.append(Problem(line, f"'## {text}' is not a section of a resource page; the "
                                              f"sections are {_sections_list()}: make it a '### {text}' "
                                              "subsection of one of them, or move its text into one", Kind.PAGE))
                continue
            text = next(s for s in allowed if s.casefold() == close[0])
            problems.append(Problem(line, f"write the heading exactly as '## {text}'", Kind.PAGE))
        if text in seen:
            problems.append(Problem(line, f"the section '## {text}' is written twice (first on line "
                                          f"{seen[text]}); keep one and move the text into it", Kind.PAGE))
            continue
        seen[text] = line
        order.append(text)
    present = [s for s in allowed if s in seen]
    if order != present:
        wrong = next(s for s, want in zip(order, present, strict=True) if s != want)
        problems.append(Problem(seen[wrong], "the sections are out of order; write them in this order: "
                                             f"{_sections_list()}", Kind.PAGE))
    last_line = headings[-1][2] if headings else 1
    for position, section in enumerate(SECTIONS):
        if section in seen:
            continue
        after = next((s for s in reversed(SECTIONS[:position]) if s in seen), "")
        before = next((s for s in SECTIONS[position + 1:] if s in seen), "")
        where = (f"after '## {after}'" if after
                 else f"before '## {before}'" if before else "after the front matter")
        line = seen[before] if before else (seen[after] if after else last_line)
        problems.append(Problem(line, f"the section '## {section}' is missing; add it {where}", Kind.PAGE))
    summary = seen.get(SECTIONS[0])
    if notice_line and summary and notice_line > summary:
        problems.append(Problem(notice_line, f"move the '{{{MEMBERS_ONLY}}}' block up, right after the "
                                             f"front matter and before '## {SECTIONS[0]}'", Kind.PAGE))
    return problems


def placeholders(text: str) -> list[Problem]:
    """Every line that still holds a ``TODO`` placeholder."""
    return [Problem(number, placeholder_message(), Kind.PAGE)
            for number, line in enumerate(text.splitlines(), start=1) if _PLACEHOLDER.search(line)]


def check_page(docname: str, text: str, md: MarkdownIt, *, members_only: bool = False,
               docs: Path | None = None, tokens: list[Token] | None = None,
               packet_length: int | None = None) -> list[Problem]:
    """The page rules for one page; ``docname`` is its path under ``docs`` without ``.md``.

    ``members_only`` and ``packet_length`` come from the page's front matter as the reader of the
    collection parsed it (``pages.Page``). Without ``docs`` the paths the page
    names are not checked (see ``_check_file_access``). A packet page's session
    plan is checked by ``packets.check_body``.
    """
    location = ((docs / docname).parent, docs) if docs is not None else None
    if tokens is None:
        tokens = md.parse(text)
    found = check_text(text, md, resource=layout.resource_slug(docname) is not None, members_only=members_only,
                       location=location, tokens=tokens)
    if layout.packet_slug(docname) is not None:
        found = sorted(set(found + packets.check_body(tokens, packet_length)), key=lambda p: (p.line, p.message))
    return found
