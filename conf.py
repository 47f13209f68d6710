"""Sphinx configuration of Community Trust Resources.

Declarative on purpose: the collection's logic lives in the local extension
package ``community_trust/`` (one module per concern). Build it with
``make html`` or ``nox -s docs``; both use the flags kept in ``noxfile.py``.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the local extension package

project = "Community Trust Resources"
author = "the Community Trust Resources contributors"
copyright = "the Community Trust Resources contributors"  # no year: builds stay byte-identical
language = "en"

extensions = ["community_trust"]  # also sets up myst_parser and sphinx_design
root_doc = "index"
source_suffix = {".md": "markdown"}  # pages are MyST only: a stray .rst file is not read (nor its includes)
templates_path = ["theme/templates"]
exclude_patterns: list[str] = []

# MyST: every page is Markdown; the title lives only in the front matter.
myst_title_to_header = True
myst_enable_extensions = [
    "colon_fence",  # ::: fences for the generated sphinx-design grids
    "fieldlist",  # the key-facts list on resource pages
    "linkify",  # bare https addresses become real links (print needs them)
]
myst_linkify_fuzzy_links = False  # only addresses written with https:// become links
myst_heading_anchors = 3  # stable #anchors for section links
# Broken front matter is reported by the collection's own check, at the right line.
suppress_warnings = ["myst.topmatter"]

# HTML (furo). The canonical base address is set in one place, the
# environment, and is empty by default so a local build links nowhere else.
html_theme = "furo"
html_title = project
html_baseurl = os.environ.get("CTR_BASE_URL", "")
html_static_path = ["theme/static"]
html_css_files = ["collection.css"]  # the notice, facts and cards
html_copy_source = False  # readers do not need the Markdown; edits go through the repository
html_show_sourcelink = False
html_last_updated_fmt = None  # no build timestamp in pages: builds are reproducible
html_favicon = "theme/static/favicon.svg"
# search snippets come from the index (community_trust/site/search.py): no fetching page by page
html_show_search_summary = False
# "Edit this page" links go to docs/<page>.md in this repository (https://github.com/OWNER/REPO);
# empty by default: no edit link. The hosting configurations set it from their own environment.
ctr_repository_url = os.environ.get("CTR_REPOSITORY_URL", "")
ctr_repository_branch = os.environ.get("CTR_REPOSITORY_BRANCH", "main")

# Print: the PDF binders (community_trust/binders/ makes one per topic and one of everything;
# `make pdf` renders them with WeasyPrint as tagged PDF/UA-1).
ctr_paper_size = os.environ.get("CTR_PAPER_SIZE", "letter")  # US Letter; CTR_PAPER_SIZE=a4 for A4
ctr_print_theme = "theme/print"  # the binders' template and stylesheet (colours shared: theme/static/palette.css)
# The fonts the binders are set in (Debian: fonts-freefont-otf). A character none of them has fails
# the build; for a script they lack, name a font that has it, e.g. {"text": "Noto Serif CJK SC"}.
ctr_print_fonts = {"text": "FreeSerif", "headings": "FreeSans", "code": "FreeMono"}

# Link check (make linkcheck; weekly in CI, never in tests): the live addresses.
linkcheck_timeout = 30  # seconds; some publishers' sites answer slowly
linkcheck_retries = 3  # a busy server gets three tries before an address counts as broken
linkcheck_workers = 4  # few hosts, many addresses on each: be gentle with them
linkcheck_rate_limit_timeout = 120.0  # stop waiting on a host that keeps answering "429 Too Many Requests"
linkcheck_report_timeouts_as_broken = False  # a slow day is not a dead link; timeouts are listed apart
linkcheck_anchors_ignore_for_url = [  # check that these pages answer, not their #anchors: a moved anchor still lands on the page
    r"https://www\.theiacp\.org/.*",
    r"https://www\.policechiefmagazine\.org/.*",
]
