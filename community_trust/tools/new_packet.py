"""``make new-packet`` / ``nox -s new-packet``: start a training packet from its title and resources.

A trainer gives the session's title, the resources in the order the session uses them, its
format and its length (or answers four questions); the page is written under
``docs/packets/`` from the one template of a new packet (``pages/packets``, which the
catalogue's "Start a training packet" button also uses), with ``TODO`` placeholders. It builds
at once; ``make lint`` lists the placeholders until none is left.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from community_trust.pages import layout, packets, schema
from community_trust.pages.problems import shown_path
from community_trust.pages.reader import Collection, load_collection

DOCS = layout.DOCS
DEFAULT_FORMAT = packets.NEW_FORMAT
DEFAULT_LENGTH = packets.NEW_LENGTH


class PacketError(Exception):
    """A problem with what was asked for; the message says what to do."""


def packet_slug(title: str) -> str:
    """The file name: the title's words before any colon."""
    return schema.slugify(title.split(":", 1)[0])


def check_resources(names: Sequence[str], collection: Collection) -> list[schema.Resource]:
    chosen: list[schema.Resource] = []
    by_label = {r.label.casefold(): r for r in collection.resources.values()}
    for raw in names:
        name = raw.strip().removesuffix(".md")
        if not name:
            continue
        resource = collection.resources.get(name) or by_label.get(name.casefold())
        if resource is None:
            close = difflib.get_close_matches(schema.slugify(name), sorted(collection.resources), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise PacketError(f"no resource named '{name}'; {hint}give the file names of docs/resources/, "
                              "comma-separated")
        if resource not in chosen:
            chosen.append(resource)
    if not chosen:
        raise PacketError("name at least one resource, by its file name in docs/resources/, in the order the "
                          "session uses them")
    return chosen


def check_format(value: str) -> str:
    value = value.strip() or DEFAULT_FORMAT
    if value not in packets.PACKET_FORMATS:
        raise PacketError(f"'{value}' is not a packet format; use one of: {', '.join(packets.PACKET_FORMATS)}")
    return value


def check_length(value: str) -> int:
    value = value.strip() or str(DEFAULT_LENGTH)
    if not value.isdigit() or int(value) <= 0:
        raise PacketError(f"'{value}' is not a length; give the session's minutes as a whole number, like 90")
    return int(value)


def create(title: str, names: Sequence[str], format: str, length: str, docs: Path) -> Path:
    """Write the new packet page; refuse one that exists."""
    title = " ".join(title.split()).replace("'", "\u2019")
    if not packet_slug(title):
        raise PacketError("give the session's title, in Latin letters or digits")
    collection = load_collection(docs)
    resources = check_resources(names, collection)
    chosen_format, minutes = check_format(format), check_length(length)
    path = layout.path_of(docs, layout.packet_docname(packet_slug(title)))
    if path.exists():
        raise PacketError(f"{layout.DOCS_DIR}/{layout.packet_docname(path.stem)}{layout.SUFFIX} already exists; "
                          "nothing was written. Edit that packet, or give this one another title")
    path.parent.mkdir(exist_ok=True)
    text = packets.new_packet_text(title, chosen_format, minutes,
                                   [(r.slug, r.label, r.members_only) for r in resources])
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


Ask = Callable[[str], str]


def interview(docs: Path, ask: Ask = input, say: Callable[[str], None] = print) -> tuple[str, list[str], str, str]:
    say("A new training packet. Press Ctrl-C to stop; nothing is written until the end.\n")
    title = ""
    while not packet_slug(title):
        title = ask("The session's title: ")
    collection = load_collection(docs)
    names: list[str] = []
    while not names:
        answer = ask("Resources, by file name in docs/resources/, in the session's order, comma-separated: ")
        try:
            names = [r.slug for r in check_resources(answer.split(","), collection)]
        except PacketError as exc:
            say(f"  {exc}")
    chosen = ""
    while not chosen:
        try:
            chosen = check_format(ask(f"Format, one of {', '.join(packets.PACKET_FORMATS)} (Enter: {DEFAULT_FORMAT}): "))
        except PacketError as exc:
            say(f"  {exc}")
    minutes = 0
    while not minutes:
        try:
            minutes = check_length(ask(f"Length in minutes (Enter: {DEFAULT_LENGTH}): "))
        except PacketError as exc:
            say(f"  {exc}")
    return title, names, chosen, str(minutes)


def next_steps(path: Path) -> str:
    return f"""Created {shown_path(path)}

Next:
  1. Open the file and replace every {packets.PLACEHOLDER}: choose each resource's questions by their numbers
     in its "Using it in training" list, or write your own; write the session plan. Say only
     what the resource pages say about the documents. CONTRIBUTING.md, "Training packets".
  2. Preview:           make live   then open http://127.0.0.1:8000/packets/{path.stem}.html
  3. What is left:      make lint   (every {packets.PLACEHOLDER}, and the agenda's minutes against 'length')
  4. Its binder alone:  make pdf BINDERS=community-trust-packet-{path.stem}
"""


def main(argv: Sequence[str] | None = None, *, ask: Ask = input, interactive: bool | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s new-packet --", description="Start a new training packet.",
                                     epilog='example: nox -s new-packet -- "Complaints at Roll Call" '
                                            "--resources standards-and-guidelines-for-internal-affairs "
                                            "--format roll-call-briefing --length 15")
    parser.add_argument("title", nargs="?", default="", help="the session's title")
    parser.add_argument("--resources", default="", help="resource file names, comma-separated, in session order")
    parser.add_argument("--format", default="", help=f"one of: {', '.join(packets.PACKET_FORMATS)}")
    parser.add_argument("--length", default="", help=f"minutes (default: {DEFAULT_LENGTH})")
    parser.add_argument("--docs-dir", type=Path, default=DOCS, help="the collection's pages (default: docs/)")
    args = parser.parse_args(argv)
    docs = args.docs_dir
    if not (docs / layout.RESOURCES).is_dir():
        print(f"error: {docs}/resources/ does not exist; run this from the repository's top folder "
              "or give --docs-dir", file=sys.stderr)
        return 2
    if interactive is None:
        interactive = not args.title and sys.stdin.isatty()
    try:
        if args.title:
            answers = (args.title, args.resources.split(","), args.format, args.length)
        elif interactive:
            answers = interview(docs, ask)
        else:
            raise PacketError('give the title, like: nox -s new-packet -- "The Session" --resources police-pursuits '
                              "(or run make new-packet in a terminal to be asked)")
        path = create(*answers, docs=docs)
    except PacketError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was written.", file=sys.stderr)
        return 1
    print(next_steps(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
