"""``nox -s lint`` / ``make lint``: check the pages in seconds, without a build.

Runs every check that needs no Sphinx build, with the same code the build uses, and prints one
``file:line: what to do`` line per problem; the list of checks: ARCHITECTURE.md, "The lint".
What only a build can see is left to ``make html``. Exit status: 0 when all is well, 1 when
there is something to fix.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import posixpath
import re
import runpy
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from community_trust.pages import files, layout, published, schema
from community_trust.pages import rules as page_rules
from community_trust.pages.problems import Kind, Problem
from community_trust.pages.reader import Collection, load_collection, page_paths
from community_trust.tools import hosting_files

ROOT = layout.ROOT
DOCS = layout.DOCS
ROOT_DOC = "index"
#: pages whose place in the navigation the build generates
GENERATED_TOCTREES = (layout.RESOURCE_PREFIX, layout.TOPIC_PREFIX, layout.PACKET_PREFIX)
WORD_LIST = ".codespell-words"
_CODESPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def markdown_parser(conf_py: Path = ROOT / "conf.py") -> MarkdownIt:
    """The parser the build uses, from the ``myst_*`` settings in conf.py."""
    settings = runpy.run_path(str(conf_py))
    return page_rules.markdown_parser(page_rules.parser_config(settings))


def check_links(docs: Path) -> list[Problem]:
    """Symbolic links that lead out of ``docs``: the build reads nothing through them."""
    return [Problem(1, page_rules.link_message(path, docs), Kind.READS_FILES, path)
            for path in page_rules.links_leaving(docs)]


def check_metadata(docs: Path, collection: Collection) -> list[Problem]:
    """Front matter and the rules across pages, exactly as the build checks them."""
    return [p.at(layout.path_of(docs, docname))
            for docname, problems in collection.problems.items() for p in problems]


def check_addresses(docs: Path, collection: Collection) -> list[Problem]:
    """Every published address leads to a page or a redirect (``pages/published``), as the build checks it."""
    slugs = [slug for name in collection.pages if (slug := layout.resource_slug(name)) is not None]
    return published.check(docs, slugs)


def check_files(docs: Path) -> list[Problem]:
    """Only Markdown pages in the folders the build turns into resources and topics."""
    found = []
    for folder in (layout.RESOURCES, layout.TOPICS, layout.PACKETS):
        for path in sorted((docs / folder).iterdir()) if (docs / folder).is_dir() else []:
            if path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
                found.append(Problem(1, f"only Markdown pages belong in docs/{folder}/: rename it to "
                                             f"'{schema.slugify(path.stem)}.md' (or move it out)", Kind.PAGE, path))
    return found


def _toctree_targets(body: str, current: str, all_docs: Iterable[str]) -> set[str]:
    """The pages a ``{toctree}`` lists, resolved as Sphinx resolves them."""
    options = page_rules.directive_options(body)
    glob = "glob" in options
    targets: set[str] = set()
    for line in body.splitlines():
        entry = line.strip()
        if not entry or re.match(r"^:[\w-]+:", entry) or entry == "self":
            continue
        match = re.match(r"^.*<(.+)>$", entry)
        entry = (match.group(1) if match else entry).strip()
        if re.match(r"^[a-z]+://", entry):
            continue
        entry = entry.removesuffix(".md")
        if entry.startswith("/"):
            resolved = entry.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(current), entry))
        if glob and any(ch in resolved for ch in "*?["):
            targets |= {d for d in all_docs if fnmatch.fnmatch(d, resolved)}
        else:
            targets.add(resolved)
    return targets


def check_toctrees(docs: Path, collection: Collection, tokens: dict[str, list[Token]],
                   md: MarkdownIt) -> list[Problem]:
    """Every page is reachable: listed in a toctree, generated into one, or marked orphan."""
    listed: set[str] = set()
    for name, page in collection.pages.items():
        for directive, _, body, _ in page_rules.directives(page.text, md, tokens.get(name)):
            if directive == "toctree":
                listed |= _toctree_targets(body, name, collection.pages)
    found = []
    for name, page in sorted(collection.pages.items()):
        if (name == ROOT_DOC or name.startswith(GENERATED_TOCTREES) or name in listed or not page.readable
                or page.orphan):
            continue
        found.append(Problem(1, "this page is in no table of contents, so readers cannot reach it: "
                                f"list '{name}' in the toctree of index.md (under '## More'), "
                                "or add 'orphan: true' to its front matter if only links lead to it", Kind.PAGE, page.path))
    return found


def check_pages(docs: Path, collection: Collection, tokens: dict[str, list[Token]],
                md: MarkdownIt) -> list[Problem]:
    """The file's bytes, the page rules and the placeholders, as the build checks them."""
    found = []
    for name, page in collection.pages.items():
        problems = [page.byte_problem] if page.byte_problem else []
        if page.readable:
            problems += (page_rules.check_page(name, page.text, md, members_only=page.members_only, docs=docs,
                                               tokens=tokens[name], packet_length=page.packet_length)
                         + page_rules.placeholders(page.text))
        found += [p.at(page.path) for p in problems]
    return found


def check_spelling(paths: Sequence[Path], root: Path = ROOT) -> list[Problem]:
    """codespell over the given files and folders, with the project's word list."""
    existing = [str(p) for p in paths if p.exists()]
    if not existing:
        return []
    command = [sys.executable, "-m", "codespell_lib", "--disable-colors", *existing]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    found = []
    for line in done.stdout.splitlines():
        match = _CODESPELL_LINE.match(line.strip())
        if not match:
            continue
        word, fix = match.group("word"), match.group("fix").split("|")[0].strip().rstrip(",")
        path = Path(match.group("path"))
        found.append(Problem(int(match.group("line")),
                             f"'{word}' may be misspelt (did you mean '{fix}'?); correct it, or if the word "
                             f"is right (a name or an abbreviation) add it in lower case to {WORD_LIST}",
                             Kind.SPELLING, path if path.is_absolute() else root / path))
    if done.returncode not in (0, 65) and not found:
        found.append(Problem(1, f"codespell could not run: {done.stderr.strip() or done.returncode}", Kind.SPELLING, root))
    return found


def check_config_files(root: Path = ROOT) -> list[Problem]:
    """The hosting, workflow and issue-form files against their published schemas."""
    return hosting_files.check(root)


def spelling_targets(root: Path = ROOT, docs: Path = DOCS) -> list[Path]:
    """The pages, the Markdown files at the top and the forms and templates under .github/."""
    return [docs, *sorted(root.glob("*.md")), root / ".github"]


def lint(docs: Path = DOCS, *, spelling: Sequence[Path] | None = None,
         md: MarkdownIt | None = None) -> list[Problem]:
    """Every finding for the pages under ``docs``, sorted by file and line.

    ``spelling`` lists what codespell reads (default: ``docs`` only).
    """
    md = md or markdown_parser()
    collection = load_collection(docs)  # every page read once
    tokens = {name: md.parse(page.text) if page_rules.too_large(page.text) is None else []
              for name, page in collection.pages.items() if page.readable}  # parsed once; a page over the limits not at all
    found = (check_metadata(docs, collection) + check_addresses(docs, collection) + check_files(docs)
             + check_links(docs) + files.unsafe_files(docs) + page_rules.misplaced_pages(docs)
             + check_pages(docs, collection, tokens, md) + check_toctrees(docs, collection, tokens, md)
             + check_spelling(spelling if spelling is not None else [docs]))
    return sorted(set(found), key=lambda p: (str(p.path), p.line, p.message))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m community_trust.tools.lint", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs-dir", type=Path, default=DOCS, help="the pages to check (default: docs/)")
    args = parser.parse_args(argv)
    docs = args.docs_dir.resolve()
    if not docs.is_dir():
        print(f"{args.docs_dir}: no such folder", file=sys.stderr)
        return 2
    targets = spelling_targets(ROOT, docs) if docs == DOCS else [docs]
    # the repository's own files go with its own pages, not with a folder of pages elsewhere
    found = lint(docs, spelling=targets) + (check_config_files(ROOT) if docs == DOCS else [])
    for problem in found:
        print(problem)
    files = len({f.path for f in found})
    if found:
        noun = "problem" if len(found) == 1 else "problems"
        print(f"\n{len(found)} {noun} in {files} file{'s' if files != 1 else ''}; each line says where and "
              "what to do. CONTRIBUTING.md and STYLEGUIDE.md explain the rules.", file=sys.stderr)
        return 1
    print(f"All {len(page_paths(docs))} pages pass the checks that need no build. "
          "Next: 'make html' builds the site with the checks only a build can make.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
