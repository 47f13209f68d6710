"""Reading and checking pages, with no Sphinx: a page's bytes → text → front matter → record and problems.

The build, the lint, the scaffold, the freshness report, the benchmark and the
tests all read the collection here (``reader``), so a page means the same to each.
"""
