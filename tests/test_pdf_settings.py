"""Binders built with other settings or from a page the fonts cannot print, each a build of its own.

Apart from ``test_pdf.py``, whose tests share one build of every binder, so that the test
workers can take these builds beside it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import DOCS, copy_docs, sphinx_build
from pypdf import PdfReader
from test_pdf import binder_name, build_binders, words

pytestmark = pytest.mark.pdf


def test_a_character_no_font_has_fails_the_build(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs")
    page = docs / "resources" / "police-pursuits.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("## Summary")) + 3
    lines.insert(number - 1, "The sign \u3039 is in no font the binders use.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "out", "binders", "-D", "ctr_binders=community-trust-use-of-force")
    assert build.returncode != 0
    message = build.stderr
    assert "Missing character \u3039 (U+3039)" in message
    assert "community-trust-use-of-force.pdf, page " in message
    assert f"{page}:{number}" in message
    assert "Traceback" not in message


def test_a_stand_in_font_counts_as_missing(tmp_path: Path) -> None:
    """A character some other installed font has still fails: the binder would
    print it in a face the fonts setting never named."""
    docs = copy_docs(tmp_path / "docs")
    page = docs / "resources" / "police-pursuits.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## Summary\n", "## Summary\n\nA Lisu letter: \ua4d0.\n", 1), encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "out", "binders", "-D", "ctr_binders=community-trust-use-of-force",
                         "-D", "ctr_print_fonts.text=DejaVu Sans")
    # DejaVu Sans (fonts-dejavu-core) has Lisu, FreeSerif has not; the headings and code fonts (FreeSans, FreeMono) are unchanged
    assert build.returncode == 0, build.stderr
    build = sphinx_build(docs, tmp_path / "out2", "binders", "-D", "ctr_binders=community-trust-use-of-force")
    assert build.returncode != 0
    assert "Missing character \ua4d0 (U+A4D0)" in build.stderr
    assert "stand-in font DejaVu Sans" in build.stderr


def test_a4_is_one_setting_away(tmp_path: Path) -> None:
    [binder] = build_binders(DOCS, tmp_path, binder_name("use-of-force"), env={"CTR_PAPER_SIZE": "a4"})
    reader = PdfReader(binder)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    assert "on A4 paper" in words(subprocess.run(["pdftotext", "-l", "2", str(binder), "-"], capture_output=True,
                                                text=True, check=True).stdout)
    wrong = sphinx_build(DOCS, tmp_path / "wrong", "binders", "-D", "ctr_binders=community-trust-use-of-force",
                         env={"CTR_PAPER_SIZE": "legal"})
    assert wrong.returncode != 0
    assert "use 'letter' (the default) or 'a4'" in wrong.stderr
    assert "Traceback" not in wrong.stderr
