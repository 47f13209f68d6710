"""``make new-resource`` / ``nox -s new``: start a resource page from its title.

The page gets the file name the naming rule requires, front matter that passes the schema (the
optional fields as YAML comments, in the schema's order) and the three sections with ``TODO``
placeholders: it builds at once, strict build included, and ``make lint`` and review ask for
the placeholders to be replaced.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from community_trust.pages import layout, published, rules, schema
from community_trust.pages.problems import shown_path
from community_trust.pages.reader import load_collection

ROOT = layout.ROOT
DOCS = layout.DOCS
TODO = rules.PLACEHOLDER
#: the type a new page starts with; a TODO comment beside it asks to check it
DEFAULT_TYPE = "guide"
LONG_NAME = 50


class ScaffoldError(Exception):
    """A problem with what was asked for; the message says what to do."""


class TitleTaken(ScaffoldError):
    """Another page already has this title."""


@dataclass(frozen=True)
class Request:
    title: str
    topics: tuple[str, ...]
    access: str = "public"
    short_title: str = ""
    type: str = ""


def _quoted(text: str) -> str:
    """A YAML string in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def optional_fields() -> dict[str, list[str]]:
    """Commented examples of the optional fields, one line of help each."""
    return {
        "short_title": ['# short_title: "Short Name"  # for cards and the file name, when the title is long'],
        "also_known_as": ['# also_known_as: ["Earlier Title"]  # other titles it was published under'],
        "publisher": ['# publisher: "Publisher Name"  # as the sources name it'],
        "partners": ['# partners: ["Partner Organization"]  # who worked on it or paid for it'],
        "authors": ['# authors: ["First Author", "Second Author"]'],
        "date": ['# date: "YYYY-MM"  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as exact as the sources'],
        "date_kind": [f"# date_kind: published  # needed with date: what the source says it is; one of: "
                      f"{', '.join(schema.DATE_KINDS)}"],
        "url": ["# url: https://…  # the publisher's own address; without url or alternate_urls the page "
                "says no public copy is verified"],
        "alternate_urls": ["# alternate_urls:  # other public copies or catalogue records",
                           '#   - label: "Catalogue record"',
                           "#     url: https://…"],
        "identifiers": [f"# identifiers:  # any of: {', '.join(schema.IDENTIFIER_SCHEMES)}",
                        '#   ncj: "123456"'],
        "pages": ["# pages: 52  # the length, when a source gives it"],
        "verified": ['# verified: "YYYY-MM-DD"  # the day the addresses were recorded or opened (needed with url)'],
        "verified_by": [f"# verified_by: link-check  # link-check only if you opened them; one of: "
                        f"{', '.join(schema.VERIFIED_BY)}"],
        "review_note": ['# review_note: "what changed at the last review, in one line"  # shown on What\'s new'],
        "status": [f"# status: superseded  # only when a source says so (name it in that source's backs); one of: "
                   f"{', '.join(schema.STATUSES)}"],
        "superseded_by": ["# superseded_by: other-page  # with status: superseded: the page that replaced it, "
                          "or a document outside the collection (title, publisher, date, url; see STYLEGUIDE.md)"],
        "related": ["# related: [building-communities-of-trust]  # other pages here, by file name"],
        "conflicts": ["# conflicts:  # when sources disagree, give each value with its source",
                      "#   - field: pages",
                      '#     values: ["32 (library catalogue)", "36 (a copy of the document)"]'],
        "copy_only": [f"# copy_only: [pages]  # facts seen only in a third-party copy; any of: "
                      f"{', '.join(schema.COPY_ONLY_FIELDS)}"],
    }


def front_matter(request: Request, today: datetime.date) -> str:
    """The front matter, every field of ``schema.RESOURCE_FIELDS`` in its order."""
    given: dict[str, list[str]] = {
        "title": [f"title: {_quoted(request.title)}"],
        "description": [f'description: "{TODO}: one sentence on what the document is, who published it and when."'],
        "type": [f"type: {request.type or DEFAULT_TYPE}" + ("" if request.type else
                 f"  # {TODO}: check the type; one of: {', '.join(schema.RESOURCE_TYPES)}")],
        "topics": [f"topics: {_list(request.topics)}  # the first is the page's home in the navigation"],
        "access": [f"access: {request.access}"],
        "reviewed": [f'reviewed: "{today.isoformat()}"  # the day you last checked this page against its sources'],
        "added": [f'added: "{today.isoformat()}"  # the day the page enters the collection (not the document\'s date)'],
        "keywords": [f'keywords: ["{TODO} first search word", "{TODO} second", "{TODO} third"]'],
        "sources": ["sources:  # where every fact on this page comes from",
                    f'  - label: "{TODO}: the page or document that backs the facts"',
                    "    # url: https://…",
                    f'    backs: "{TODO}: the facts on this page this source gives, such as the date and the length"'],
    }
    if request.short_title:
        given["short_title"] = [f"short_title: {_quoted(request.short_title)}"]
    hints = optional_fields()
    lines = ["---"]
    for name in schema.RESOURCE_FIELDS:
        lines += given.get(name) or hints.get(name) or [f"# {name}: …  # see STYLEGUIDE.md"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def body(request: Request) -> str:
    """The notice (member-only pages) and the sections, each with a placeholder."""
    summary, who, training = rules.SECTIONS
    parts = []
    if request.access == rules.MEMBERS_ONLY:
        parts.append(f"```{{{rules.MEMBERS_ONLY}}}\n"
                     f"{TODO}: in one or two sentences, say what the publisher says about this document in "
                     "public. Say nothing about what it contains.\n```")
    parts += [
        f"## {summary}\n\n{TODO}: in your own words, say what the document is, who published it and when, "
        "what it covers and how long it is. Every fact needs a source listed under 'sources' above.",
        f"## {who}\n\n{TODO}: name only readers the sources name. If they name none, say so: "
        "\"The sources do not name an intended audience. Given its subject, it may be useful to:\"\n\n"
        f"- {TODO}: a group of readers it serves, such as patrol supervisors or community leaders",
        f"## {training}\n\n- {TODO}: a question a trainer could put to a group, or a short exercise",
    ]
    return "\n\n".join(parts) + "\n"


def page_text(request: Request, today: datetime.date) -> str:
    return front_matter(request, today) + "\n" + body(request)


# --- checking the request against the collection ---------------------------

def known_topics(docs: Path) -> list[schema.Topic]:
    """The topics, in their order, from docs/topics/*.md."""
    return load_collection(docs).sorted_topics()


def check_topics(names: Sequence[str], topics: Sequence[schema.Topic]) -> tuple[str, ...]:
    slugs = [t.slug for t in topics]
    by_title = {t.title.casefold(): t.slug for t in topics}
    chosen: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        slug = by_title.get(name.casefold()) or (name if name in slugs else "")
        if not slug:  # a unique start of a name or title is enough: "crisis" → crisis-response
            starts = {t.slug for t in topics
                      if t.slug.startswith(schema.slugify(name)) or t.title.casefold().startswith(name.casefold())}
            slug = starts.pop() if len(starts) == 1 else ""
        if not slug:
            close = difflib.get_close_matches(schema.slugify(name), slugs, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ScaffoldError(f"unknown topic '{name}'; {hint}the topics are: {', '.join(slugs)} "
                                "(one file each in docs/topics/)")
        if slug not in chosen:
            chosen.append(slug)
    if not chosen:
        raise ScaffoldError(f"name at least one topic, the first being the page's home: {', '.join(slugs)}")
    return tuple(chosen)


def check_access(access: str) -> str:
    access = access.strip()
    if access not in schema.ACCESS_LEVELS:
        raise ScaffoldError(f"'{access}' is not an access level; use one of: {', '.join(schema.ACCESS_LEVELS)}")
    return access


def check_type(kind: str) -> str:
    kind = kind.strip()
    if kind and kind not in schema.RESOURCE_TYPES:
        raise ScaffoldError(f"'{kind}' is not a resource type; use one of: {', '.join(schema.RESOURCE_TYPES)}")
    return kind


def target_path(request: Request, docs: Path) -> Path:
    """Where the page goes; refuses a title or file that is already in the collection."""
    if not request.title.strip():
        raise ScaffoldError("give the resource's title, as the publisher writes it")
    slug = schema.expected_slug(request.title, request.short_title)
    if not slug:
        raise ScaffoldError("the title gives no file name (it needs letters or digits); "
                            "write the title in Latin letters, or give a --short-title")
    path = layout.path_of(docs, layout.resource_docname(slug))
    shown = f"{layout.DOCS_DIR}/{layout.resource_docname(slug)}{layout.SUFFIX}"
    if path.exists():
        raise ScaffoldError(f"{shown} already exists; nothing was written. If it is the same resource, "
                            "edit that page instead; if it is another one, give it a --short-title so that "
                            "it gets a file name of its own")
    for name, page in sorted(load_collection(docs).pages.items()):
        title = page.matter.data.get("title") if page.matter is not None else None
        if (layout.resource_slug(name) is not None and isinstance(title, str)
                and title.strip().casefold() == request.title.strip().casefold()):
            raise TitleTaken(f"{layout.DOCS_DIR}/{name}{layout.SUFFIX} already has the title '{title}'; nothing "
                             "was written. Each resource has one page: edit that page instead")
    return path


def as_shown(title: str) -> str:
    """A title as the site shows it: single spaces, and the typographic apostrophe
    the HTML builder puts in place of a straight one, so that the front matter
    and the rendered headings and cards say exactly the same thing."""
    return " ".join(title.split()).replace("'", "\u2019")


def create(request: Request, docs: Path, today: datetime.date | None = None) -> tuple[Path, Request]:
    """Write the new page; return its path and the request as written (topics as file names)."""
    topics = known_topics(docs)
    request = Request(
        title=as_shown(request.title),
        short_title=as_shown(request.short_title),
        topics=check_topics(request.topics, topics),
        access=check_access(request.access),
        type=check_type(request.type),
    )
    path = target_path(request, docs)
    # UTF-8 with LF endings on every system (Windows would write CRLF): the form the checks expect
    path.write_text(page_text(request, today or datetime.date.today()), encoding="utf-8", newline="\n")
    published.record_new_page(docs, path.stem)  # the address is published from now on
    return path, request


# --- the command ------------------------------------------------------------

Ask = Callable[[str], str]


def _ask_title(docs: Path, ask: Ask, say: Callable[[str], None]) -> tuple[str, str]:
    """The title and, when needed, a short title that gives a free file name."""
    while True:
        title = " ".join(ask("Title, as the publisher writes it: ").split())
        if not title:
            continue
        short_title = ""
        slug = schema.expected_slug(title)
        if not slug or len(slug) > LONG_NAME:
            say(f"That title makes {'no' if not slug else 'a long'} file name{f' ({slug}.md)' if slug else ''}.")
            short_title = " ".join(ask("Short title, for cards and the file name (Enter to keep the title): ")
                                   .split())
        while True:
            try:
                target_path(Request(title, (), short_title=short_title), docs)
                return title, short_title
            except TitleTaken as exc:
                say(f"  {exc}")
                break
            except ScaffoldError as exc:
                say(f"  {exc}")
                short_title = " ".join(ask("Short title, for a file name of its own "
                                           "(Enter to type another title): ").split())
                if not short_title:
                    break


def interview(docs: Path, ask: Ask = input, say: Callable[[str], None] = print) -> Request:
    """Ask for the title, short title, topics, access and type, re-asking until each is valid."""
    topics = known_topics(docs)
    say("A new resource page. Press Ctrl-C to stop; nothing is written until the end.\n")
    title, short_title = _ask_title(docs, ask, say)
    say("\nTopics (the first one you name is the page's home in the navigation):")
    for number, topic in enumerate(topics, start=1):
        say(f"  {number}. {topic.slug} ({topic.title})")
    chosen: tuple[str, ...] = ()
    while not chosen:
        answer = ask("Topics, by number or name, separated by commas: ")
        names = [topics[int(a) - 1].slug if a.strip().isdigit() and 0 < int(a) <= len(topics) else a
                 for a in answer.split(",")]
        try:
            chosen = check_topics(names, topics)
        except ScaffoldError as exc:
            say(f"  {exc}")
    access = ""
    while not access:
        answer = ask("Public, or IACP members only? [public/members-only] (Enter: public): ").strip() or "public"
        answer = next((a for a in schema.ACCESS_LEVELS if a.startswith(answer.casefold())), answer)
        try:
            access = check_access(answer)
        except ScaffoldError as exc:
            say(f"  {exc}")
    kind: str | None = None
    while kind is None:
        answer = ask(f"Type, one of {', '.join(schema.RESOURCE_TYPES)} (Enter: decide later): ")
        try:
            kind = check_type(answer)
        except ScaffoldError as exc:
            say(f"  {exc}")
    return Request(title=title, short_title=short_title, topics=chosen, access=access, type=kind)


def next_steps(path: Path, request: Request) -> str:
    shown = shown_path(path)
    slug = path.stem
    return f"""Created {shown}
for "{request.title}"
(topics: {', '.join(request.topics)}; access: {request.access}).

Next:
  1. Open the file and replace every {TODO} with facts from your sources, in your
     own words; uncomment the optional fields your sources give. STYLEGUIDE.md
     explains each field and section.
  2. Preview as you write:  make live
     then open http://127.0.0.1:8000/resources/{slug}.html
  3. List what is left:     make lint   (every {TODO}, and anything else to fix)
  4. Build it for real:     make html   (the strict build that CI runs)
  5. Open a pull request; its checklist repeats these checks.
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="nox -s new --",
        description="Start a new resource page. With no title (and a terminal), it asks.",
        epilog='example: nox -s new -- "Guidance for Building Communities of Trust" '
               "--topics civil-rights,accountability",
    )
    parser.add_argument("title", nargs="?", default="", help="the title, as the publisher writes it")
    parser.add_argument("--topics", default="", help="topic file names, comma-separated; the first is home")
    parser.add_argument("--access", default="public", help=f"one of: {', '.join(schema.ACCESS_LEVELS)} "
                                                             "(default: public)")
    parser.add_argument("--short-title", default="", help="a shorter name for cards and the file name")
    parser.add_argument("--type", default="", help=f"one of: {', '.join(schema.RESOURCE_TYPES)} "
                                                   "(default: guide, marked to check)")
    parser.add_argument("--docs-dir", type=Path, default=DOCS, help="the collection's pages (default: docs/)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, *, ask: Ask = input,
         interactive: bool | None = None) -> int:
    args = parse_args(argv)
    docs = args.docs_dir
    if not (docs / layout.RESOURCES).is_dir():
        print(f"error: {docs}/resources/ does not exist; run this from the repository's top folder "
              "or give --docs-dir", file=sys.stderr)
        return 2
    if interactive is None:
        interactive = not args.title and sys.stdin.isatty()
    try:
        if args.title:
            request = Request(args.title, tuple(args.topics.split(",")), args.access,
                              args.short_title, args.type)
            if not args.topics.strip():
                slugs = ", ".join(t.slug for t in known_topics(docs))
                raise ScaffoldError(f"name the topics with --topics, the first being the page's home; "
                                    f"the topics are: {slugs}")
        elif interactive:
            request = interview(docs, ask)
        else:
            raise ScaffoldError('give the title, like: nox -s new -- "The Title" --topics accountability '
                                '(or run make new-resource in a terminal to be asked)')
        path, request = create(request, docs)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was written.", file=sys.stderr)
        return 1
    slug_note = ""
    if not request.short_title and len(path.stem) > LONG_NAME:
        slug_note = ("\nThe file name is long; a --short-title would give a shorter one "
                     "(delete the file and run this again).\n")
    print(next_steps(path, request) + slug_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
