"""Link freshness (``make linkcheck``, offline part): the pages whose addresses
were last verified too long ago, or never checked live, each at its line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from conftest import DOCS, line_of

from community_trust.pages.problems import Kind
from community_trust.tools import freshness


def test_freshness_lists_overdue_and_never_checked_pages(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    (docs / "resources").mkdir(parents=True)
    for slug, verified, by in [("police-pursuits", "2024-01-10", "link-check"),
                               ("protecting-civil-rights", "2026-01-10", "link-check"),
                               ("building-communities-of-trust", "2026-01-10", "source-notes")]:
        text = (DOCS / "resources" / f"{slug}.md").read_text(encoding="utf-8")
        text = re.sub(r'^verified: .*$', f'verified: "{verified}"', text, flags=re.M)
        text = re.sub(r"^verified_by: .*$", f"verified_by: {by}", text, flags=re.M)
        (docs / "resources" / f"{slug}.md").write_text(text, encoding="utf-8")
    today = datetime.date(2026, 11, 25)
    due = freshness.report(docs, today, max_age_days=365)
    pursuits = docs / "resources" / "police-pursuits.md"
    trust = docs / "resources" / "building-communities-of-trust.md"
    assert [(d.path, d.line, d.kind is Kind.OVERDUE) for d in due] == [(trust, line_of(trust, "verified:"), False),
                                                         (pursuits, line_of(pursuits, "verified:"), True)]
    assert due[1].message == ("the addresses were last verified on 2024-01-10, 1050 days ago (more than 365): "
                              "open each one, make sure it still leads to this document, then set 'verified' "
                              "to that day and 'verified_by: link-check'")
    assert freshness.main(["--docs-dir", str(docs), "--today", "2026-11-25"]) == 1
    assert f"police-pursuits.md:{line_of(pursuits, 'verified:')}: the addresses were last verified" \
        in capsys.readouterr().out
    assert freshness.main(["--docs-dir", str(docs), "--today", "2026-11-25", "--max-age-days", "1100"]) == 0
