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

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from community_trust.pages import addresses, allowed, files, layout, packets
from community_trust.pages.addresses import Verdict
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

_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")
_FIRST_TAG = re.compile(r"<\s*(/?[a-zA-Z!][\w:-]*)")
_HTML_COMMENT = re.compile(r"^\s*<!--")
_ROLE_TARGET = re.compile(r"^(?:.*<(?P<target>[^<>]*)>|(?P<plain>[^<>]*))$", re.DOTALL)

#: limits of a page's shape: far above what a page of the collection needs (the longest has under
#: 100 lines and 15 links), low enough that no page costs more than a few seconds to check and build
MAX_LINES = 3_000
MAX_LINKS = 500
#: directives inside directives (a card in a grid in a note is three)
MAX_NESTING = 6
#: emphasis, links and other inline markup inside each other (bold italic in a link is three)
MAX_INLINE_NESTING = 12


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


def image_address_message(src: str) -> str:
    """An image named by an address that is not a file of the collection (file:, data:, //host …)."""
    verdict = addresses.classify(src)
    if verdict in (Verdict.HTTPS, Verdict.HTTP, Verdict.OTHER_HOST):
        return remote_image_message(src)
    scheme = addresses.scheme_of(src)
    what = f"uses '{scheme}:'" if scheme else "is not a file of the collection"
    return (f"the image '{addresses.shown(src)}' {what}, and a page may show only image files of the collection; "
            "save the file (if its licence allows) in docs/images/ and point to it from the page, "
            "like ../images/chart.png")


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

def _children(token: Token, line: int) -> Iterator[tuple[Token, int]]:
    """An inline token's children, each with its 1-based line (``line``: the block's 0-based line).

    One pass over the children (counting the line breaks before each child
    anew was quadratic in the length of a paragraph)."""
    line_no = line + 1
    for child in token.children or []:
        yield child, line_no
        if child.type in ("softbreak", "hardbreak"):
            line_no += 1


def _directive(token: Token) -> tuple[str, str] | None:
    """``(name, argument)`` when a fence is a MyST directive, read as MyST reads it.

    MyST takes the first word of the fence's info as the name when it is
    written in braces, whatever is inside them; the name is returned as
    docutils looks it up (lower case, ``allowed.normalised``)."""
    if token.type not in ("fence", "colon_fence"):
        return None
    parts = (token.info.strip() if token.info else "").split(maxsplit=1)
    if not parts or not (parts[0].startswith("{") and parts[0].endswith("}")) or len(parts[0]) < 2:
        return None
    return allowed.normalised(parts[0][1:-1]), (parts[1].strip() if len(parts) > 1 else "")


def directive_options(body: str) -> dict[str, str]:
    """A directive's options, found as MyST finds them (names in lower case).

    ':key: value' lines at the top of the body, read with MyST's own option
    parser (quotes and block scalars included), or a '---' YAML block."""
    if body.startswith("---"):
        lines = body.splitlines()[1:]
        block = "\n".join(lines[:next((i for i, line in enumerate(lines) if line.startswith("---")), len(lines))])
        return _yaml_options(block)
    if not body.lstrip().startswith(":"):
        return {}
    from myst_parser.parsers.directives import is_option_line
    from myst_parser.parsers.options import TokenizeError, options_to_items

    option_lines = []
    for line in body.splitlines():
        if not is_option_line(line):
            break
        option_lines.append(line.lstrip()[1:])
    try:
        items, _ = options_to_items("\n".join(option_lines))
    except TokenizeError:  # MyST refuses the block too; read it line by line to check what it names
        items = [(m.group(1), m.group(2)) for m in (_OPTION.match(":" + line) for line in option_lines) if m]
    return {allowed.normalised(str(key)): str(value).strip() for key, value in items}


def _yaml_options(block: str) -> dict[str, str]:
    import textwrap

    import yaml

    try:
        loaded = yaml.safe_load(textwrap.dedent(block))
    except (yaml.YAMLError, RecursionError, ValueError):
        loaded = None
    if isinstance(loaded, dict):
        return {allowed.normalised(str(k)): str(v).strip() for k, v in loaded.items()}
    options = {}
    for line in block.splitlines():
        key, _, value = line.partition(":")
        options[allowed.normalised(key)] = value.strip()
    return options


def _walk(md: MarkdownIt, tokens: list[Token], offset: int) -> Iterator[tuple[Token, int]]:
    """Every token with its 0-based line in the file, entering Markdown directive bodies."""
    for token, line, _ in _walk_nested(md, tokens, offset, 0):
        yield token, line


def _walk_nested(md: MarkdownIt, tokens: list[Token], offset: int, depth: int) -> Iterator[tuple[Token, int, int]]:
    """``_walk`` with each token's depth of directives; bodies beyond ``MAX_NESTING`` are not entered."""
    for token in tokens:
        line = (token.map[0] if token.map else 0) + offset
        yield token, line, depth
        directive = _directive(token)
        if (directive and directive[0] not in LITERAL_DIRECTIVES and token.content.strip()
                and depth < MAX_NESTING):
            # the body starts on the line after the opening fence
            yield from _walk_nested(md, md.parse(token.content), line + 1, depth + 1)


def directives(text: str, md: MarkdownIt, tokens: list[Token] | None = None) -> Iterator[tuple[str, str, str, int]]:
    """``(name, argument, body, 1-based line)`` of every directive in a page, nested ones too.

    ``tokens``: the page already parsed with ``md``."""
    for token, line in _walk(md, md.parse(text) if tokens is None else tokens, 0):
        directive = _directive(token)
        if directive:
            yield directive[0], directive[1], token.content, line + 1


def too_large(text: str) -> Problem | None:
    """A page beyond the limits of lines or addresses, found before it is parsed (parsing it would cost)."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return Problem(MAX_LINES + 1, lines_message(lines), Kind.LIMIT)
    if text.count("://") > MAX_LINKS:
        at = 0
        for _ in range(MAX_LINKS + 1):
            at = text.index("://", at) + 3
        return Problem(text.count("\n", 0, at) + 1, links_message(), Kind.LIMIT)
    return None


def lines_message(lines: int) -> str:
    return (f"the page has {lines:,} lines, and a page may have at most {MAX_LINES:,}; a resource page is a "
            "summary of a document, not a copy: shorten it, and link to the document instead")


def links_message() -> str:
    return (f"the page has more than {MAX_LINKS} links or addresses (this is the first one over); "
            "a page links to a few sources: remove the rest")


def nesting_message() -> str:
    return (f"directives are nested more than {MAX_NESTING} deep here; a page needs few blocks inside "
            "blocks: take this one out of the blocks around it")


def inline_nesting_message() -> str:
    return (f"emphasis, links or other inline markup are nested more than {MAX_INLINE_NESTING} deep here; "
            "write plain text, with '*' or '**' around a few words at most")


def check_text(text: str, md: MarkdownIt, *, resource: bool = False,
               members_only: bool = False, location: tuple[Path, Path] | None = None,
               tokens: list[Token] | None = None, navigation: bool = True) -> list[Problem]:
    """Every problem in a page's Markdown; ``resource`` adds the resource-page anatomy.

    ``location`` is ``(the page's folder, docs/)``: with it, the files the page names
    are checked too (``_check_file_access``). ``tokens``: the page already parsed
    with ``md`` (the build hands over the tokens MyST then renders, so the page's
    Markdown is parsed once). ``navigation``: whether the page may hold a toctree
    (pages outside resources/ and topics/).
    """
    large = too_large(text)
    if large is not None:
        return [large]
    if tokens is None:
        tokens = md.parse(text)
    problems: list[Problem] = []
    links = 0
    for token, line, depth in _walk_nested(md, tokens, 0, 0):
        problems += _check_block(token, line, navigation)
        if token.type == "inline":
            problems += _check_inline(token, line)
            depth_now = 0
            for child, line_no in _children(token, line):
                depth_now += child.nesting
                if depth_now > MAX_INLINE_NESTING and child.nesting > 0:
                    problems.append(Problem(line_no, inline_nesting_message(), Kind.LIMIT))
                    break
                if child.type == "link_open" or child.type == "image":
                    links += 1
                    if links == MAX_LINKS + 1:
                        problems.append(Problem(line_no, links_message(), Kind.LIMIT))
        if location is not None:
            problems += _check_file_access(token, line, *location)
        if depth == MAX_NESTING and _directive(token) and token.content.strip():
            problems.append(Problem(line + 1, nesting_message(), Kind.LIMIT))
    if resource:
        problems += check_sections(tokens, members_only)
    return sorted(set(problems), key=lambda p: (p.line, p.message))


def _address_problems(raw: str, construct: str, line: int, *, image: bool = False) -> list[Problem]:
    """An address that is neither public https: nor a path (paths are checked by ``_path_problem``)."""
    verdict = addresses.classify(raw)
    if verdict in (Verdict.LOCAL, Verdict.ABSOLUTE):
        return []
    if image:
        return [Problem(line, image_address_message(raw), Kind.ADDRESS)]
    if verdict is Verdict.HTTPS:
        return []
    if verdict is Verdict.HTTP:
        return [Problem(line, http_message(raw), Kind.ADDRESS)]
    return [Problem(line, addresses.message(raw, verdict, construct), Kind.ADDRESS)]


def _check_block(token: Token, line: int, navigation: bool = True) -> list[Problem]:
    if token.type == "html_block":
        return [Problem(line + 1, raw_html_message(token.content), Kind.NOT_ALLOWED)]
    directive = _directive(token)
    if directive is None:
        return []
    name, argument = directive
    if name in RAW_DIRECTIVES:
        return [Problem(line + 1, raw_directive_message(name), Kind.NOT_ALLOWED)]
    if name in READING_DIRECTIVES:
        return [Problem(line + 1, reading_directive_message(name), Kind.READS_FILES)]
    options = directive_options(token.content)
    found = [Problem(line + 1, reading_option_message(name, option), Kind.READS_FILES)
             for option in sorted(READING_OPTIONS & set(options))]
    if name not in allowed.DIRECTIVES or (name in allowed.NAVIGATION_DIRECTIVES and not navigation):
        found.append(Problem(line + 1, allowed.directive_message(name, navigation), Kind.NOT_ALLOWED))
        return found
    found += [Problem(line + 1, allowed.option_message(name, option), Kind.NOT_ALLOWED)
              for option in sorted(set(options) - allowed.DIRECTIVES[name] - READING_OPTIONS)]
    if "link-type" in options and options["link-type"].strip().lower() not in allowed.LINK_TYPES:
        found.append(Problem(line + 1, allowed.link_type_message(name, options["link-type"]), Kind.NOT_ALLOWED))
    for option in sorted(allowed.LINK_OPTIONS & set(options)):
        found += _address_problems(options[option], f"option :{option}: of {{{name}}}", line + 1)
    for option in sorted(IMAGE_OPTIONS & set(options)):
        found += _address_problems(options[option], f"option :{option}: of {{{name}}}", line + 1, image=True)
    if name in IMAGE_DIRECTIVES:
        found += _address_problems(argument, f"{{{name}}}", line + 1, image=True)
        if not options.get("alt", "").strip():
            found.append(Problem(line + 1, image_alt_message(argument, name), Kind.PAGE))
    if name == "toctree":
        for entry, offset in _toctree_entries(token.content):
            found += _address_problems(entry, "toctree entry", line + 2 + offset)
    return found


def _toctree_entries(body: str) -> Iterator[tuple[str, int]]:
    """The target of each entry of a toctree's body, with its 0-based line in the body."""
    for offset, raw in enumerate(body.splitlines()):
        entry = raw.strip()
        if not entry or entry.startswith(":") or entry == "self":
            continue
        match = re.match(r"^.*<(.+)>$", entry)
        yield (match.group(1) if match else entry).strip(), offset


def _role_target(content: str) -> str:
    match = _ROLE_TARGET.match(content.strip())
    if not match:
        return content.strip()
    return (match.group("target") if match.group("target") is not None else match.group("plain") or "").strip()


#: a count or share of the whole collection, as a page would write it by hand: it goes false when
#: the collection grows, so the build computes it instead (``{collection-count}``)
_HOW_MANY = (r"(?:most|many|several|few|half|none|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|dozens)")
_WHOLE_COLLECTION = re.compile(
    rf"\b{_HOW_MANY}\s+(?:of\s+)?(?:the\s+|these\s+|its\s+)?(?:resources|items|documents|entries)\s+"
    rf"(?:(?:collected|gathered|listed)\s+here|in\s+(?:this|the)\s+collection)\b"
    rf"|\b(?:this|the)\s+collection\s+(?:now\s+)?(?:holds|has|contains|includes|lists|gathers)\s+{_HOW_MANY}\b",
    re.IGNORECASE)


def whole_collection_message(claim: str) -> str:
    claim = " ".join(claim.split())
    return (f"'{claim}' is a claim about the collection as a whole written by hand, and goes false as pages "
            "are added; write a {collection-count} block where the sentence belongs (options :publisher: and "
            ":access:), which the build computes from the front matter (STYLEGUIDE.md, 'No hand-written "
            "claims about the collection as a whole')")


def _check_inline(token: Token, line: int) -> list[Problem]:
    """Links, images, roles and counts of the whole collection in one block of text that starts on
    0-based ``line``."""
    found = [Problem(line + 1 + token.content.count("\n", 0, match.start()), whole_collection_message(match.group()),
                     Kind.PAGE)
             for match in _WHOLE_COLLECTION.finditer(token.content)]
    raw_lines: set[int] = set()
    for child, line_no in _children(token, line):
        if child.type == "link_open":
            found += _address_problems(str(child.attrGet("href") or ""), "link", line_no)
        elif child.type == "html_inline" and line_no not in raw_lines:
            raw_lines.add(line_no)  # one message for '<b>…</b>', not one per tag
            found.append(Problem(line_no, raw_html_message(child.content), Kind.NOT_ALLOWED))
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            found += _address_problems(src, "image", line_no, image=True)
            if not child.content.strip():
                found.append(Problem(line_no, image_alt_message(src), Kind.PAGE))
        elif child.type == "myst_role":
            role = allowed.normalised(str(child.meta.get("name", "")))
            if role in READING_ROLES:
                found.append(Problem(line_no, download_role_message(), Kind.READS_FILES))
            elif role not in allowed.ROLES:
                found.append(Problem(line_no, allowed.role_message(role), Kind.NOT_ALLOWED))
            elif role == "doc":
                found += _address_problems(_role_target(child.content), "{doc} role", line_no)
    return found


# --- files a page reads --------------------------------------------------------

_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


def _path_problem(target: str, construct: str, line: int, page_dir: Path, docs: Path,
                  suffix: str = "") -> list[Problem]:
    """A problem when ``target`` (a path written in the page) leaves ``docs``.

    The real path counts: a symbolic link inside docs/ that leads out of it is outside.
    ``suffix``: added to the path before it is looked up (``.md`` for a page named without it).
    """
    if addresses.classify(target) not in (Verdict.LOCAL, Verdict.ABSOLUTE):
        return []  # an address, checked by _address_problems
    path = addresses.local_path(target).strip()
    if not path:
        return []
    if path.startswith(("/", "\\", "~")) or _WINDOWS_DRIVE.match(path):
        return [Problem(line, absolute_path_message(target, construct), Kind.READS_FILES)]
    if not inside(page_dir / (path + suffix), docs):
        return [Problem(line, outside_docs_message(target, construct), Kind.READS_FILES)]
    named = page_dir / (path + suffix)
    unsafe = files.unsafe_file(named) if named.is_file() else None
    if unsafe is not None:  # HTML or a scripted SVG: the build would publish it as it is
        return [Problem(line, unsafe, Kind.NOT_ALLOWED)]
    return []


inside = addresses.inside


def links_leaving(root: Path) -> list[Path]:
    """Symbolic links under ``root`` (not followed) whose target is outside it."""
    found = []
    for folder, dirs, names in os.walk(root):
        for name in sorted(dirs + names):
            path = Path(folder, name)
            if path.is_symlink() and not inside(path, root):
                found.append(path)
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
    return found


def link_message(path: Path, root: Path) -> str:
    return (f"'{path.relative_to(root).as_posix()}' is a symbolic link to a place outside docs/, which a "
            "build may not read; replace the link with the file itself (a real file inside docs/), or remove it")


def root_toctree_message(target: str) -> str:
    return (f"the toctree entry '{target}' names the home page, which holds every page's place in the "
            "navigation; a page may list only pages below it: remove the entry")


def _check_file_access(token: Token, line: int, page_dir: Path, docs: Path) -> list[Problem]:
    """The files a page names, kept inside ``docs``.

    Include-like directives, ``{eval-rst}``, options such as ``:file:`` and the
    ``{download}`` role are refused outright by ``_check_block`` and
    ``_check_inline`` (no page needs them); images, card images, local links,
    toctree entries and ``{doc}`` targets must name a file inside ``docs``
    by a relative path.
    """
    directive = _directive(token)
    if directive is not None:
        name, argument = directive
        if name in READING_DIRECTIVES or name in LITERAL_DIRECTIVES:
            return []
        options = directive_options(token.content)
        found: list[Problem] = []
        if name in IMAGE_DIRECTIVES:
            found += _path_problem(argument, f"{{{name}}}", line + 1, page_dir, docs)
        for option in sorted((IMAGE_OPTIONS | allowed.LINK_OPTIONS) & set(options)):
            found += _path_problem(options[option], f"option :{option}: of {{{name}}}", line + 1, page_dir, docs)
        if name == "toctree":
            for entry, offset in _toctree_entries(token.content):
                where = line + 2 + offset
                if addresses.classify(entry) is Verdict.ABSOLUTE and entry.startswith("/"):
                    entry_dir = docs  # Sphinx reads '/name' from the top of docs/
                    found += _path_problem(entry.lstrip("/"), "toctree entry", where, entry_dir, docs, ".md")
                    relative = entry.lstrip("/")
                else:
                    found += _path_problem(entry, "toctree entry", where, page_dir, docs, ".md")
                    relative = os.path.relpath(os.path.normpath(page_dir / entry), docs)
                if addresses.classify(entry) in (Verdict.LOCAL, Verdict.ABSOLUTE) and \
                        Path(relative).as_posix().removesuffix(".md") == "index":
                    found.append(Problem(where, root_toctree_message(entry), Kind.NOT_ALLOWED))
        return found
    if token.type != "inline":
        return []
    found = []
    for child, line_no in _children(token, line):
        if child.type == "image":
            found += _path_problem(str(child.attrGet("src") or ""), "image", line_no, page_dir, docs)
        elif child.type == "link_open":
            found += _path_problem(str(child.attrGet("href") or ""), "link", line_no, page_dir, docs)
        elif child.type == "myst_role" and allowed.normalised(str(child.meta.get("name", ""))) == "doc":
            target = _role_target(child.content)
            if target.startswith("/"):
                found += _path_problem(target.lstrip("/"), "{doc} role", line_no, docs, docs, ".md")
            else:
                found += _path_problem(target, "{doc} role", line_no, page_dir, docs, ".md")
    return found


def reads_files(problem: Problem) -> bool:
    """Whether a problem is a page reaching for a file outside docs/ or for an address.

    The build then reads nothing of the page's text (``build/checking``).
    """
    return problem.kind is Kind.READS_FILES


#: kinds of problem after which the build renders nothing of a page's body: what the page
#: names is not read, and a build that goes on (``--keep-going``) writes none of its markup
WITHHELD = frozenset({Kind.READS_FILES, Kind.NOT_ALLOWED, Kind.ADDRESS, Kind.LIMIT})


def withholds_body(problem: Problem) -> bool:
    """Whether the build must render nothing of the body of a page with this problem."""
    return problem.kind in WITHHELD


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
                       location=location, tokens=tokens, navigation=navigation_page(docname))
    if layout.packet_slug(docname) is not None:
        found = sorted(set(found + packets.check_body(tokens, packet_length)), key=lambda p: (p.line, p.message))
    return found


def placement_problem(docname: str) -> Problem | None:
    """A page where the collection has no place for it: in a hidden folder, or in a folder
    below resources/ or topics/ (the build makes no navigation, card or record for it)."""
    parts = docname.split("/")
    if any(part.startswith(".") for part in parts):
        return Problem(1, "this page is in a hidden folder (its name starts with '.'); pages go in docs/, "
                          "docs/resources/ or docs/topics/: move it there, or remove it", Kind.NOT_ALLOWED)
    if parts[0] in (layout.RESOURCES, layout.TOPICS, layout.PACKETS) and len(parts) > 2:
        return Problem(1, f"this page is in a folder below docs/{parts[0]}/, where the collection has no place "
                          f"for it; move it to docs/{parts[0]}/{parts[-1]}{layout.SUFFIX}", Kind.NOT_ALLOWED)
    return None


def misplaced_pages(docs: Path) -> list[Problem]:
    """Every Markdown page under ``docs`` (hidden folders included) that has no place (``placement_problem``)."""
    found = []
    for folder, dirs, names in os.walk(docs):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if name.endswith(layout.SUFFIX) and not path.is_symlink():
                problem = placement_problem(path.relative_to(docs).with_suffix("").as_posix())
                if problem is not None:
                    found.append(problem.at(path))
    return found


def navigation_page(docname: str) -> bool:
    """Whether a page may hold a toctree: pages outside resources/, topics/ and packets/ (the build makes theirs)."""
    return (layout.resource_slug(docname) is None and layout.topic_slug(docname) is None
            and layout.packet_slug(docname) is None)
