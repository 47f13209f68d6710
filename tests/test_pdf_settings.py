"""Binders built with other settings or from a page the fonts cannot print, each a build of its own
(of the smallest binder: these tests are about settings and glyphs, not about what a binder holds).

Apart from ``test_pdf.py``, whose tests share one build of every binder, so that the test
workers can take these builds beside it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import DOCS, Build, copy_docs, line_of, sphinx_build
from pypdf import PdfReader
from test_pdf import build_binders, smallest_binder, words

pytestmark = pytest.mark.pdf

#: a character no installed font has, and one only a font the binders do not name has (DejaVu
#: Sans, of fonts-dejavu-core, has Lisu; FreeSerif has not)
NO_FONT, STAND_IN = "\u3039", "\ua4d0"


BINDER, RESOURCE = smallest_binder()


def with_characters(target: Path, *characters: str) -> Path:
    """A copy of the pages whose ``RESOURCE`` has a sentence with each of ``characters`` under its summary."""
    docs = copy_docs(target)
    page = docs / "resources" / f"{RESOURCE}.md"
    sentences = "".join(f"\nThe sign {char} is one the binders' fonts lack.\n" for char in characters)
    page.write_text(page.read_text(encoding="utf-8").replace("## Summary\n", f"## Summary\n{sentences}", 1),
                    encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def unprintable(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    """One build of the binder from a page with both kinds of character: it must fail."""
    folder = tmp_path_factory.mktemp("unprintable")
    page = with_characters(folder / "docs", NO_FONT, STAND_IN)
    return page, sphinx_build(page.parents[1], folder / "out", "binders", "-D", f"ctr_binders={BINDER}")


def test_a_character_no_font_has_fails_the_build(unprintable: tuple[Path, Build]) -> None:
    page, build = unprintable
    assert build.returncode != 0
    message = build.stderr
    assert f"Missing character {NO_FONT} (U+3039)" in message
    assert f"{BINDER}.pdf, page " in message
    assert f"{page}:{line_of(page, NO_FONT)}" in message
    assert "Traceback" not in message


def test_a_stand_in_font_counts_as_missing(unprintable: tuple[Path, Build], tmp_path: Path) -> None:
    """A character some other installed font has still fails: the binder would
    print it in a face the fonts setting never named."""
    _, build = unprintable
    assert build.returncode != 0
    assert f"Missing character {STAND_IN} (U+A4D0)" in build.stderr
    assert "stand-in font DejaVu Sans" in build.stderr
    # named as the text font, the same font prints it: the headings and code fonts (FreeSans, FreeMono) unchanged
    page = with_characters(tmp_path / "docs", STAND_IN)
    named = sphinx_build(page.parents[1], tmp_path / "out", "binders", "-D", f"ctr_binders={BINDER}",
                         "-D", "ctr_print_fonts.text=DejaVu Sans")
    assert named.returncode == 0, named.stderr


def test_a4_is_one_setting_away(tmp_path: Path) -> None:
    [binder] = build_binders(DOCS, tmp_path, f"{BINDER}.pdf", env={"CTR_PAPER_SIZE": "a4"})
    reader = PdfReader(binder)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    assert "on A4 paper" in words(subprocess.run(["pdftotext", "-l", "2", str(binder), "-"], capture_output=True,
                                                text=True, check=True).stdout)
    wrong = sphinx_build(DOCS, tmp_path / "wrong", "binders", "-D", f"ctr_binders={BINDER}",
                         env={"CTR_PAPER_SIZE": "legal"})
    assert wrong.returncode != 0
    assert "use 'letter' (the default) or 'a4'" in wrong.stderr
    assert "Traceback" not in wrong.stderr
