"""Lighthouse scores of the built site, served on loopback: ``make audit``.

A measurement, not a test (Lighthouse's performance score varies from run to
run): it prints the four category scores of the home page, a topic page and
a resource page, with performance measured on Lighthouse's default mobile
preset (an emulated phone on a throttled network and CPU).

    python audit/lighthouse.py _build/html [page.html ...]

Lighthouse comes from ``audit/package-lock.json`` (``npm ci --prefix audit``)
and drives Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``) with
the flags and the loopback server of ``devtools/browser.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from devtools.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (shared with the tests and the benchmark)

LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
PAGES = ["index.html", "topics/use-of-force.html",
         "resources/officer-shooting-investigation-protocols.html"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
#: Lighthouse starts Chromium itself: headless, with the flags every other caller uses
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def scores(url: str) -> tuple[dict[str, int], list[str]]:
    """Category scores (0–100) of one page and the audits that lost points."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM))}
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    result = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    losses = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                losses.append(f"{name}: {audit['id']} ({audit['score']:.2f}) {audit['title']}")
    return result, losses


def main(argv: list[str]) -> int:
    if len(argv) < 1:
        sys.exit(__doc__)
    root = Path(argv[0])
    pages = argv[1:] or PAGES
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --prefix audit` (or `make audit`).")
    with serve(root) as base:
        print(f"{'page':58} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        all_losses = []
        for page in pages:
            result, losses = scores(base + page)
            print(f"{page:58} " + " ".join(f"{result[c]:>5}" for c in CATEGORIES))
            all_losses += [f"  {page}: {loss}" for loss in losses]
    if all_losses:
        print("\nAudits that lost points:")
        print("\n".join(all_losses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
