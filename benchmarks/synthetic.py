"""Synthetic collections of any size, made from the real pages.

A benchmark of a 15-page collection says little about a 1,000-page one, and
invented pages would not exercise what real ones do (members-only notices,
conflicts, identifiers, related lists, long titles). So each synthetic
resource is a real one with a number added to its title: the front matter
keeps every field, the body is the real body, topics keep the real spread
over the real topics, and ``related`` points to the copies of the same round.
Links in a page's text to another resource page point to that page's copy
(of the same round, else of the first). The home, topic, catalogue and access
pages are copied as they are.

Run on its own to look at a generated collection::

    python benchmarks/synthetic.py 100 /tmp/collection-100
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from community_trust.pages import frontmatter, layout, published  # noqa: E402  (the build's own front-matter reader)
from community_trust.pages.schema import expected_slug  # noqa: E402

DOCS = ROOT / "docs"
RESOURCES = "resources"


def templates(docs: Path) -> list[tuple[str, dict, str]]:
    """(slug, front matter, body) of every real resource page, in name order."""
    pages = []
    for path in sorted((docs / RESOURCES).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        matter = frontmatter.parse(text)
        body = "\n".join(text.splitlines()[matter.length:])
        pages.append((path.stem, matter.data, body))
    return pages


def _copy_slug(data: dict, number: int) -> str:
    label = data.get("short_title") or data["title"].split(":", 1)[0]
    return expected_slug(data["title"], f"{label} No. {number}")


#: a link in MyST text: ``{doc}`path``` or ``{doc}`words <path>```, and ``[words](path)``
DOC_ROLE = re.compile(r"\{doc\}`(?:(?P<words>[^`<]*?)\s*<(?P<target>[^`>]+)>|(?P<bare>[^`<>]+))`")
MARKDOWN_LINK = re.compile(r"\[(?P<words>[^\]]*)\]\((?P<target>[^)\s]+)\)")
#: a path to a page in the same collection: [../][resources/]slug[.md][#anchor]
PAGE_PATH = re.compile(r"(?P<before>(?:\.\./)?(?:resources/)?)(?P<slug>[a-z0-9-]+)(?P<after>(?:\.md)?(?:#[\w-]*)?)")


def relink(body: str, links: Mapping[str, str | None]) -> str:
    """``body`` with its links to real resource pages (absent from a synthetic collection)
    pointing to their copies: ``links`` maps a real slug to its copy, or to None when the
    collection has none (the link keeps its words only)."""
    def copy_of(path: str) -> tuple[str | None, re.Match[str] | None]:
        match = PAGE_PATH.fullmatch(path)
        if match is None or match["slug"] not in links:
            return None, None
        return links[match["slug"]], match

    def role(found: re.Match[str]) -> str:
        copy, match = copy_of(found["target"] or found["bare"])
        if match is None:
            return found.group(0)
        if copy is None:
            return found["words"] or match["slug"].replace("-", " ")
        path = f"{match['before']}{copy}{match['after']}"
        return f"{{doc}}`{found['words']} <{path}>`" if found["target"] else f"{{doc}}`{path}`"

    def markdown(found: re.Match[str]) -> str:
        copy, match = copy_of(found["target"])
        if match is None:
            return found.group(0)
        if copy is None:
            return found["words"]
        return f"[{found['words']}]({match['before']}{copy}{match['after']})"

    return MARKDOWN_LINK.sub(markdown, DOC_ROLE.sub(role, body))


def resource_page(data: dict, body: str, number: int, slugs: dict[str, str],
                  links: Mapping[str, str | None] | None = None) -> tuple[str, str]:
    """One copy of a real page: (slug, text). ``slugs`` maps real slugs to this round's copies;
    ``links`` (default ``slugs``) to the copies that links in the text go to."""
    label = data.get("short_title") or data["title"].split(":", 1)[0]
    copy = dict(data)
    copy["title"] = f"{data['title']} (No. {number})"
    copy["short_title"] = f"{label} No. {number}"
    if "identifiers" in copy:  # identifiers must be unique across the collection
        renamed = {str(value): f"{value}-{number}" for value in copy["identifiers"].values()}
        copy["identifiers"] = {scheme: renamed[str(value)] for scheme, value in copy["identifiers"].items()}
        # each identifier must still be named by the 'backs' of a source (schema rule)
        pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(v)}(?![\w-])" for v in renamed))
        copy["sources"] = [{**source, "backs": pattern.sub(lambda m: renamed[m.group(0)], source["backs"])}
                           if "backs" in source else source for source in copy["sources"]]
    if "related" in copy:  # related pages of the same round; a partial last round drops the missing
        copy["related"] = [slugs[s] for s in copy["related"] if s in slugs]
        if not copy["related"]:
            del copy["related"]
    block = yaml.safe_dump(copy, sort_keys=False, allow_unicode=True, width=10_000,
                           default_flow_style=None)
    body = relink(body, slugs if links is None else links)
    return _copy_slug(data, number), f"---\n{block}---\n{body}\n"


def generate(target: Path, count: int, source: Path = DOCS) -> Path:
    """Write a collection of ``count`` resources into ``target`` (a new folder); return it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(RESOURCES, "__pycache__"))
    (target / RESOURCES).mkdir()
    pages = templates(source)
    # links in the text go to the copy of the same round, else of the first, else nowhere
    first: dict[str, str | None] = {slug: None for slug, _, _ in pages}
    first.update({slug: _copy_slug(data, 1) for slug, data, _ in pages[:count]})
    for start in range(0, count, len(pages)):
        number = start // len(pages) + 1
        round_ = pages[: count - start]
        slugs = {slug: _copy_slug(data, number) for slug, data, _ in round_}
        for _slug, data, body in round_:
            name, text = resource_page(data, body, number, slugs, {**first, **slugs})
            (target / RESOURCES / f"{name}.md").write_text(text, encoding="utf-8")
    # training packets name the first round's copies; a packet whose resources are not all there is left out
    for packet in sorted((target / layout.PACKETS).glob(f"*{layout.SUFFIX}")):
        text = packet.read_text(encoding="utf-8")
        named = re.findall(r"^(\s*- resource: *)(\S+)", text, flags=re.M)
        if any(first.get(slug) is None for _, slug in named):
            packet.unlink()
            continue
        packet.write_text(re.sub(r"^(\s*- resource: *)(\S+)", lambda m: m[1] + str(first[m[2]]), text, flags=re.M),
                          encoding="utf-8")
    # the copies' addresses are the ones this collection has published (no redirect is needed)
    (target / published.ADDRESSES).write_text(published.ADDRESSES_HEADER + "".join(
        f"{RESOURCES}/{path.stem}\n" for path in sorted((target / RESOURCES).glob("*.md"))), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of resource pages")
    parser.add_argument("target", type=Path, help="folder to write (replaced if it exists)")
    args = parser.parse_args()
    generate(args.target, args.count)
    print(f"{args.count} resources in {args.target}")


if __name__ == "__main__":
    main()
