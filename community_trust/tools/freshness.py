"""Which pages' addresses are due for a check: part of ``make linkcheck``.

Sphinx's linkcheck says whether an address answers today, not when a person last confirmed that it
leads to the right document (ARCHITECTURE.md, "Addresses go stale"). Exit status 1 when a page is overdue.

    python -m community_trust.tools.freshness [--max-age-days 365] [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

from community_trust.pages import layout
from community_trust.pages.problems import Kind, Problem
from community_trust.pages.reader import load_collection

ROOT = layout.ROOT
DOCS = layout.DOCS
#: how old a 'verified' date may be before the page is due for a check
MAX_AGE_DAYS = 365


def report(docs: Path = DOCS, today: datetime.date | None = None,
           max_age_days: int = MAX_AGE_DAYS) -> list[Problem]:
    """Every resource page with addresses that is overdue or was never checked live."""
    today = today or datetime.date.today()
    found: list[Problem] = []
    for resource in sorted(load_collection(docs).resources.values(), key=lambda r: r.slug):
        if not resource.verified:
            continue  # a broken page has no record: the build and the lint report it
        path = layout.path_of(docs, resource.docname)
        line = resource.line_of("verified")
        age = (today - datetime.date.fromisoformat(resource.verified)).days
        if age > max_age_days:
            found.append(Problem(line, f"the addresses were last verified on {resource.verified}, "
                                         f"{age} days ago (more than {max_age_days}): open each one, make sure "
                                         "it still leads to this document, then set 'verified' to that day "
                                         "and 'verified_by: link-check'", Kind.OVERDUE, path))
        elif resource.verified_by == "source-notes":
            found.append(Problem(line, "the addresses were copied from notes and never opened live "
                                         "('verified_by: source-notes'): open each one, then set 'verified' "
                                         "to that day and 'verified_by: link-check'", Kind.UNVERIFIED, path))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m community_trust.tools.freshness", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-age-days", type=int, default=MAX_AGE_DAYS,
                        help=f"how old a 'verified' date may be (default: {MAX_AGE_DAYS})")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                        help="count ages from this day (YYYY-MM-DD) instead of today")
    parser.add_argument("--docs-dir", type=Path, default=DOCS, help="the pages (default: docs/)")
    args = parser.parse_args(argv)
    found = report(args.docs_dir, args.today, args.max_age_days)
    overdue = [d for d in found if d.kind is Kind.OVERDUE]
    unchecked = [d for d in found if d.kind is Kind.UNVERIFIED]
    for due in overdue + unchecked:
        print(due)
    print(f"\nAddress freshness: {len(overdue)} page(s) verified more than {args.max_age_days} days ago, "
          f"{len(unchecked)} never checked live.", file=sys.stderr)
    return 1 if overdue else 0


if __name__ == "__main__":
    sys.exit(main())
