"""The benchmark's synthetic collections are valid, and the sidebar stays small at scale.

No timing here (speed is measured by ``make bench``): these tests check that
the generated collections the benchmark builds are real, strict-clean
collections, that the sidebar that keeps large builds linear shows what
it should, and that the comparison with another revision (``--against``,
``compare_html.py``) reports both sides.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Build, front_matter, sphinx_build, topic_slugs

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402
import compare_html  # noqa: E402
import synthetic  # noqa: E402

from community_trust.site.sidebar import MORE_CLASS  # noqa: E402

COUNT = 20
#: small enough that the largest topic of COUNT resources is cut
WINDOW = 3


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of a generated collection, with a small sidebar window."""
    root = tmp_path_factory.mktemp("synthetic")
    docs = synthetic.generate(root / "docs", COUNT)
    return sphinx_build(docs, root / "html", "html", "-D", f"ctr_sidebar_window={WINDOW}")


def resources(build: Build) -> dict[str, dict]:
    return {p.stem: front_matter(p) for p in sorted((build.srcdir / "resources").glob("*.md"))}


def sidebar_links(page: str) -> list[tuple[str, str, str]]:
    """(class, href, text) of every entry in a page's sidebar tree."""
    tree = page.split('class="sidebar-tree"', 1)[1].split("</aside>", 1)[0]
    return [(cls, href, re.sub(r"<[^>]+>", "", text))
            for cls, href, text in re.findall(r'<li class="([^"]*)"><a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', tree)]


def test_a_generated_collection_builds_strictly(generated: Build) -> None:
    assert generated.returncode == 0, generated.stderr
    assert generated.warnings == []
    pages = resources(generated)
    assert len(pages) == COUNT
    assert {t for meta in pages.values() for t in meta["topics"]} == set(topic_slugs())
    assert len({meta["title"] for meta in pages.values()}) == COUNT
    for slug in pages:
        assert (generated.outdir / "resources" / f"{slug}.html").is_file()


def test_a_generated_page_is_a_real_page_with_a_number() -> None:
    slug, data, body = synthetic.templates(ROOT / "docs")[0]
    copies = {other: f"{other}-no-7" for other in data.get("related", [])}
    name, text = synthetic.resource_page(data, body, 7, copies)
    copy = synthetic.frontmatter.parse(text)
    assert name == f"{slug}-no-7" or name.endswith("-no-7")
    assert copy.data["title"] == f"{data['title']} (No. 7)"
    assert set(copy.data) == set(data) | {"short_title"}
    assert copy.data["topics"] == data["topics"]
    assert copy.data.get("related", []) == [copies[s] for s in data.get("related", [])]
    real = (ROOT / "docs" / "resources" / f"{slug}.md").read_text(encoding="utf-8")
    real_length = synthetic.frontmatter.parse(real).length
    assert text.splitlines()[copy.length:] == real.splitlines()[real_length:]


def test_links_in_a_pages_text_go_to_the_copies_of_the_pages_they_name(tmp_path: Path) -> None:
    real = {path.stem for path in (ROOT / "docs" / "resources").glob("*.md")}
    count = 2 * len(real) + 1
    docs = synthetic.generate(tmp_path / "docs", count)
    generated = {path.stem for path in (docs / "resources").glob("*.md")}
    assert len(generated) == count
    for path in (docs / "resources").glob("*.md"):
        for target in re.findall(r"\{doc\}`(?:[^`<]*<)?\.\./resources/([^`>#]+)", path.read_text(encoding="utf-8")):
            assert target in generated, f"{path.name} links to {target}, which the collection does not have"
    links = {"one": "one-no-2", "two": None}
    text = "See {doc}`../resources/one`, {doc}`Words <../resources/one#part>`, [this](one.md), " \
           "{doc}`../resources/two`, [that](two.md), {doc}`../iacp-and-member-access` and [a](https://x.org/one)."
    assert synthetic.relink(text, links) == (
        "See {doc}`../resources/one-no-2`, {doc}`Words <../resources/one-no-2#part>`, [this](one-no-2.md), "
        "two, that, {doc}`../iacp-and-member-access` and [a](https://x.org/one).")


def test_the_sidebar_lists_a_window_of_a_large_topic_and_links_to_all(generated: Build) -> None:
    pages = resources(generated)
    homes: dict[str, list[str]] = {}
    for slug, meta in pages.items():
        homes.setdefault(meta["topics"][0], []).append(slug)
    topic, members = max(homes.items(), key=lambda item: len(item[1]))
    assert len(members) > WINDOW
    slug = sorted(members)[len(members) // 2]
    entries = sidebar_links(generated.page(f"resources/{slug}.html"))
    listed = [href for cls, href, _ in entries if "toctree-l2" in cls and MORE_CLASS not in cls]
    assert len(listed) == WINDOW
    assert "#" in listed, "the current page is in the window"
    more = [(href, text) for cls, href, text in entries if MORE_CLASS in cls]
    title = front_matter(generated.srcdir / "topics" / f"{topic}.md")["title"]
    assert more == [(f"../topics/{topic}.html", f"All {len(members)} resources in {title}")]
    # every topic is still listed, the current one open
    topics = [href for cls, href, _ in entries if "toctree-l1" in cls]
    assert {f"../topics/{t}.html" for t in topic_slugs()} <= set(topics)


def test_below_the_window_the_sidebar_is_sphinxs_own(site: Build, tmp_path: Path) -> None:
    """The real collection with the window off (Sphinx's collapsed tree) gives the very same pages."""
    sphinx_own = sphinx_build(site.srcdir, tmp_path / "html", "html", "-D", "ctr_sidebar_window=0")
    assert sphinx_own.returncode == 0, sphinx_own.stderr
    ours = {str(p.relative_to(site.outdir)): p.read_bytes() for p in site.outdir.rglob("*.html")}
    theirs = {str(p.relative_to(sphinx_own.outdir)): p.read_bytes() for p in sphinx_own.outdir.rglob("*.html")}
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def git_head() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip("not a git checkout: --against needs the repository's history")
    return done.stdout.strip()


QUICK = ["--sizes", "5", "--synthetic-repeats", "1", "--no-real", "--pdf-repeats", "0", "--no-weight",
         "--binder-sizes", ""]


def test_the_bench_measures_another_revision_by_turns_in_the_same_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = git_head()
    output = tmp_path / "bench.json"
    assert bench.main(["--against", "HEAD", "--repeats", "1", *QUICK, "--output", str(output)]) == 0
    compared = json.loads(output.read_text(encoding="utf-8"))["synthetic_against"]["5"]
    assert compared["commit"] == head
    for step in ("clean", "edit", "no_change"):
        pair = compared[step]
        # clean builds run at least twice below 1,000 resources, rebuilds --repeats times; both sides alike
        runs = 2 if step == "clean" else 1
        assert pair["this"]["runs"] == pair["other"]["runs"] == len(pair["pair_ratios"]) == runs
        assert pair["ratio_wall"] == pytest.approx(pair["this"]["wall_s"] / pair["other"]["wall_s"])
        assert all(seconds > 0 for side in ("this", "other") for seconds in pair[side]["wall_all_s"])
    # the edited page is written again by both revisions, and nothing after no change
    assert compared["edit"]["pages_rewritten"]["this"] >= 1
    assert compared["edit"]["pages_rewritten"]["other"] >= 1
    assert compared["no_change"]["pages_rewritten"] == {"this": 0, "other": 0}
    printed = capsys.readouterr().out
    for name in bench.STEPS.values():
        assert re.search(rf"5 resources, {re.escape(name)}: this / HEAD \({head}\) +[\d.]+ s / [\d.]+ s = [\d.]+ ",
                         printed), printed
    assert re.search(r"no slower: (meets|within noise|MISSES)", printed)


def test_an_unknown_revision_stops_the_bench_before_it_starts(capsys: pytest.CaptureFixture[str]) -> None:
    git_head()
    assert bench.main(["--against", "no-such-revision-of-this-collection", *QUICK]) == 2
    said = capsys.readouterr().err
    assert "git knows no revision 'no-such-revision-of-this-collection'" in said
    assert "Traceback" not in said


#: a small furo project standing in for furo's documentation (a test downloads nothing)
STAND_IN_CONF = 'html_theme = "furo"\n'
STAND_IN_PAGES = {"index.rst": "Home\n====\n\n.. toctree::\n\n   one\n", "one.rst": "One\n===\n\nText.\n",
                  "two.rst": "Two\n===\n\nA page in no toctree (a warning: its own, not failing the bench).\n"}


def test_the_bench_measures_time_per_page_against_furos_documentation_by_turns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "furo-docs"
    docs.mkdir()
    (docs / "conf.py").write_text(STAND_IN_CONF, encoding="utf-8")
    for name, text in STAND_IN_PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    output = tmp_path / "bench.json"
    assert bench.main([*QUICK, "--sizes", "", "--furo-docs", str(docs), "--furo-size", "5",
                       "--output", str(output)]) == 0
    furo = json.loads(output.read_text(encoding="utf-8"))["furo"]
    generated = synthetic.generate(tmp_path / "count" / "docs", 5)
    assert furo["furo"]["pages"] == len(STAND_IN_PAGES)
    assert furo["this"]["pages"] == len(list(generated.rglob("*.md")))
    for side in ("this", "furo"):
        assert furo[side]["runs"] == 2  # by turns, at least two rounds
        assert furo[side]["per_page_s"] == pytest.approx(furo[side]["wall_s"] / furo[side]["pages"])
    assert furo["this"]["ratio"] == pytest.approx(furo["this"]["per_page_s"] / furo["furo"]["per_page_s"])
    printed = capsys.readouterr().out
    assert re.search(rf"furo's documentation \({len(STAND_IN_PAGES)} pages\): clean build -j 1 +[\d.]+ s", printed)
    assert re.search(r"5 resources at this revision \(\d+ pages\): clean build -j 1, per page / furo's +[\d.]+ s = "
                     r"[\d.]+ s/page: [\d.]+ .*\[target <= 0.6 x furo's documentation: (meets|MISSES)\]", printed)


def test_without_furos_documentation_the_bench_says_it_was_not_measured(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FURO_DOCS", raising=False)
    assert bench.main([*QUICK, "--sizes", "", "--output", str(tmp_path / "bench.json")]) == 0
    assert re.search(r"per page against furo's documentation +not measured: no copy of furo's documentation given "
                     r"\(--furo-docs PATH", capsys.readouterr().out)
    assert bench.main([*QUICK, "--furo-docs", str(tmp_path)]) == 2
    assert f"{tmp_path} holds no conf.py" in capsys.readouterr().err


REFUSING_SETUP = """

def setup(app):
    from sphinx.util import logging

    def refuse(app, docname, source):
        if docname.startswith("resources/"):
            logging.getLogger("older").warning("field 'type' unknown here", location=docname)

    app.connect("source-read", refuse)
"""


def test_pages_another_revision_rejects_are_reported_not_measured(tmp_path: Path) -> None:
    """A revision whose build refuses the generated pages: its warnings, named by page, no traceback."""
    tree = tmp_path / "revision"
    tree.mkdir()
    for name in ("conf.py", "community_trust", "theme"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, tree / name)
    with (tree / "conf.py").open("a", encoding="utf-8") as conf:  # a revision that refuses resource pages
        conf.write(REFUSING_SETUP)
    other = bench.Revision("older", "0000000", tree)
    with pytest.raises(bench.RevisionRejected) as rejected:
        bench.synthetic_against(tmp_path / "work", 5, other, 1, 1, lambda _message: None)
    assert rejected.value.step == "clean build"
    assert rejected.value.problems
    said = rejected.value.problems
    assert all("WARNING" in line or "ERROR" in line or line.startswith("…") for line in said), said
    assert not any(str(tmp_path) in line or "Traceback" in line for line in said), "pages named as in docs/"
    assert any(re.match(r"resources/[a-z0-9-]+\.md: WARNING: field 'type' unknown here", line) for line in said), said
    row = bench.against_rows({"synthetic_against": {"5": {
        "label": other.label, "rejected": {"step": rejected.value.step, "problems": rejected.value.problems}}}})
    assert row[0][1].startswith("NOT MEASURED: older (0000000) could not build the pages this revision generates")


def test_compare_html_names_each_differing_file_and_shows_the_change_once(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, stamp, extra in ((old, "v=1", "a"), (new, "v=2", "b")):
        (folder / "resources").mkdir(parents=True)
        for page in ("index.html", "resources/one.html", "resources/two.html"):
            (folder / page).write_text(f"<head>\n<link href='style.css?{stamp}'>\n</head>\n<p>same</p>\n",
                                       encoding="utf-8")
        (folder / "same.js").write_text("var x = 1;\n", encoding="utf-8")
        (folder / ".buildinfo").write_text(f"config: {extra}\n", encoding="utf-8")  # a cache: left out
        (folder / f"only-{extra}.txt").write_text("x\n", encoding="utf-8")
    differing, report = compare_html.compare(old, new, "REV")
    assert differing == ["index.html", "only-a.txt", "only-b.txt", "resources/one.html", "resources/two.html"]
    text = "\n".join(report)
    assert "  only at REV: only-a.txt" in text and "  only here: only-b.txt" in text
    assert "the same changed lines in 3 files: index.html, resources/one.html, resources/two.html" in text
    assert text.count("-<link href='style.css?v=1'>\n+<link href='style.css?v=2'>") == 1
    assert ".buildinfo" not in "".join(differing)
    (new / "only-b.txt").unlink()
    shutil.copy2(old / "only-a.txt", new / "only-a.txt")
    for page in ("index.html", "resources/one.html", "resources/two.html"):
        shutil.copy2(old / page, new / page)
    differing, report = compare_html.compare(old, new, "REV")
    assert differing == []
    assert report[-1] == "byte-identical: every output file is the same at REV and here"
