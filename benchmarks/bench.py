"""How fast the collection builds, and how the cost grows with it.

Run with ``make bench`` (or ``nox -s bench``, or ``python benchmarks/bench.py``).
Every build is the real strict build (the flags of ``noxfile.SPHINX_FLAGS``)
run as its own process, into temporary folders, never into ``_build/``.
It prints a table and writes it as JSON into ``benchmarks/results/``.

What it measures:

- the real collection: clean builds with ``-j 1`` and ``-j auto`` (and whether
  both give the same pages, with no warning); a rebuild after editing one
  resource's text, and after changing one resource's topics, with the pages
  rewritten against the pages that had to be; a rebuild with no change;
- the PDF binders (the ``binders`` builder: HTML, then WeasyPrint), every binder
  of the real collection; with ``--against REV`` the same binders built by the
  ``nox -s pdf`` of another revision (for example the LaTeX path before it),
  in the same run;
- with ``--against REV``, the synthetic collections built by this revision and
  by REV (its conf.py and extension, this environment's packages), by turns:
  clean, after editing one resource's text, with no change; each pair of runs,
  the ratio this / REV of the medians, and the verdict against the targets;
- synthetic collections (``synthetic.py``) of 100 and 1,000 resources, and
  5,000 with ``--large``: time per resource, peak memory, search index and
  output size, and how time grows (5,000 against 1,000 should stay near 5);
  and the whole-collection binder of 100 and 1,000 resources (time, peak
  memory, pages; ``--binder-sizes``);
- the weight of a typical resource page and of the catalogue as a browser fetches them;
- with ``--profile N``: where the time of one clean build of N resources goes,
  by package;
- with ``--furo-docs PATH`` (furo's documentation, the ``docs/`` folder of a checkout of
  furo's repository): the time per page of a clean ``-j 1`` build of a generated
  collection against that of furo's documentation built with its own ``conf.py``, by
  turns in the same run (and of ``--against REV`` too): a reference point on any machine.

Timings are medians of several runs; wall time is what people wait for,
CPU time (of the build and its worker processes) is steadier on a busy
machine. Compare figures within one run, never with numbers from another day.
"""

from __future__ import annotations

import argparse
import datetime
import filecmp
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import synthetic  # noqa: E402
import weight  # noqa: E402

from community_trust.pages.reader import Collection, load_collection  # noqa: E402  (the one reader of a collection)
from noxfile import sphinx_command  # noqa: E402  (the one builder of the build command)

DOCS = ROOT / "docs"
RESULTS = HERE / "results"
#: a fixed date, so that builds are comparable (as in the tests)
SOURCE_DATE_EPOCH = "1764028800"
#: pages Sphinx writes on every build, whatever changed
ALWAYS_WRITTEN = {"genindex.html", "search.html", "404.html"}

TARGETS = {
    "per_resource_s": 0.1,  # clean build, at 1,000 and 5,000 resources
    "incremental_body_s": 1.5,
    "no_change_s": 1.0,
    "growth_5000_1000": 5.5,
    "page_kb": 180,
    "page_requests": 16,
    # with --against REV: this revision's time / REV's time, medians of runs taken by turns
    "against_clean_1000": 0.75,  # clean build of 1,000 resources
    "against_rebuild": 1.0,  # rebuild after editing one resource's text, and with no change: no slower
    # with --furo-docs: time per page of a clean -j 1 build / that of furo's own documentation
    "per_page_vs_furo": 0.6,
    # the whole-collection binder of 1,000 resources: no slower than the LaTeX path it replaced, under 1 GB,
    # and its time at most 11 times the time at 100 resources; every binder of 1,000 resources in 15 minutes
    "binder_1000_s": 383.0,
    "binder_1000_mb": 1024.0,
    "binder_growth_1000_100": 11.0,
    "all_binders_1000_s": 900.0,
}


class BenchError(Exception):
    """A build failed or warned: the figures would mean nothing."""


# --- running one build ----------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    #: peak resident memory of the largest process of the build, in MB
    peak_mb: float
    warnings: list[str]


def sphinx(srcdir: Path, outdir: Path, doctrees: Path, *, jobs: str = "auto", builder: str = "html",
           python: Iterable[str] = (), extra: Iterable[str] = ()) -> Run:
    """One strict build as its own process; fails on an error or a warning."""
    command = sphinx_command(srcdir, outdir, doctrees, builder, *extra, jobs=jobs,
                             python=(sys.executable, *python))
    return measured(command, ROOT)


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None, *, strict: bool = True) -> Run:
    """Run ``command``: wall and CPU time, peak memory; fails on an error, and unless not
    ``strict`` (another project's build, whose warnings are its own) on a warning."""
    # NO_COLOR: the output is read back (failure_summary), so no colour codes even where a terminal forces them
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        # wait4 gives the usage of the build and of every worker it waited for
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    warnings = [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    if process.returncode != 0 or (warnings and strict):
        raise BenchError(f"{' '.join(command)}\nfailed (exit {process.returncode}):\n{stderr[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, warnings)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def summary(runs: list[Run]) -> dict[str, Any]:
    return {"wall_s": median(r.wall for r in runs), "cpu_s": median(r.cpu for r in runs),
            "peak_mb": max(r.peak_mb for r in runs), "runs": len(runs),
            "wall_all_s": [round(r.wall, 3) for r in runs]}


def html_pages(outdir: Path) -> dict[str, Path]:
    return {str(p.relative_to(outdir)): p for p in outdir.rglob("*.html") if ".doctrees" not in p.parts}


def snapshot(outdir: Path) -> dict[str, tuple[int, str]]:
    """Every page's modification time and content hash."""
    return {name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for name, p in html_pages(outdir).items()}


def file_hashes(outdir: Path) -> dict[str, str]:
    """Every output file's content hash (pages, search index, assets)."""
    return {str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in outdir.rglob("*") if p.is_file()}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and ".doctrees" not in p.parts)


# --- what a change must rewrite, from the metadata ---------------------------------

def read_collection(srcdir: Path) -> Collection:
    """The records the build would make of ``srcdir`` (problems are not expected here)."""
    return load_collection(srcdir)


def reading_order(state: Collection) -> list[str]:
    """Topics, each followed by the resources filed under it (the toctrees' order)."""
    order = []
    for topic in state.sorted_topics():
        order.append(topic.docname)
        order += [r.docname for r in state.home_resources(topic.slug)]
    return order


def neighbours(order: list[str], docname: str) -> set[str]:
    if docname not in order:
        return set()
    i = order.index(docname)
    return set(order[max(i - 1, 0):i + 2])


def pages_showing(state: Collection, slug: str) -> set[str]:
    """Pages that show resource ``slug`` in some form: the page, its topics' pages,
    the catalogue, the pages under its home topic (sidebar), pages with its card."""
    record = state.resources[slug]
    pages = {record.docname, "catalog", *(f"topics/{t}" for t in record.topics)}
    pages |= {r.docname for r in state.home_resources(record.home_topic)}
    pages |= {r.docname for r in state.resources.values() if slug in r.related}
    return pages


def must_rewrite_for_topics(before: Collection, after: Collection,
                            slug: str) -> set[str]:
    """Pages that show what changes when resource ``slug`` moves between topics."""
    old, new = before.resources[slug], after.resources[slug]
    topics = set(old.topics) | set(new.topics)
    pages = {old.docname, "index", "catalog"}  # the page; topic counts; the catalogue's topics column
    pages |= {f"topics/{t}" for t in topics}  # its cards on topic pages
    for state, record in ((before, old), (after, new)):
        home = record.home_topic
        # the sidebar of every page under its home topic lists it
        pages |= {r.docname for r in state.home_resources(home)}
        # previous/next links around it
        order = reading_order(state)
        pages |= neighbours(order, record.docname)
        # related-resource cards drawn from a topic it belongs to (pages naming no 'related')
        for topic in topics:
            members = state.resources_in(topic)
            pages |= {r.docname for r in members if not r.related and r.home_topic == topic}
    return pages


def rewritten(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]],
              sources: set[str]) -> dict[str, Any]:
    """Pages written again (new modification time) and pages whose content changed."""
    written = {n for n in after if before.get(n, (None,))[0] != after[n][0]}
    changed = {n for n in after if before.get(n, (None, None))[1] != after[n][1]}
    pages = {n[:-len(".html")] for n in written if n[:-len(".html")] in sources}
    return {"written": sorted(pages), "changed": sorted(n[:-len(".html")] for n in changed
                                                       if n[:-len(".html")] in sources),
            "extra_files": sorted(written - {f"{p}.html" for p in pages})}


def source_docnames(srcdir: Path) -> set[str]:
    return {str(p.relative_to(srcdir).with_suffix("")) for p in srcdir.rglob("*.md")}


def output_files(outdir: Path) -> dict[str, Path]:
    """The files a build publishes. Hidden ones (``.buildinfo``, ``.doctrees``) are the
    builder's caches and stay out, as they stay out of the offline zip (``community_trust/offline.py``)."""
    files = {}
    for path in sorted(outdir.rglob("*")):
        name = path.relative_to(outdir)
        if path.is_file() and not any(part.startswith(".") for part in name.parts):
            files[name.as_posix()] = path
    return files


def differing_files(first: Path, second: Path) -> list[str]:
    """Output files that are in one folder only, or differ in a byte."""
    a, b = output_files(first), output_files(second)
    return sorted(name for name in a.keys() | b.keys()
                  if name not in a or name not in b or not filecmp.cmp(a[name], b[name], shallow=False))


# --- another revision, built with this environment --------------------------------

#: ``python -P``: the folder a build starts in (this checkout) is not on ``sys.path``, so each
#: revision's extension is imported only from beside its own conf.py (conf.py puts it first)
ISOLATED = ("-P",)


class RevisionError(Exception):
    """git does not know the revision asked for."""


@dataclass
class Revision:
    """Another git revision, extracted with ``git archive`` into the work folder (no
    worktree is registered, so a stopped run leaves nothing behind in the repository)."""

    name: str
    commit: str
    tree: Path

    @property
    def label(self) -> str:
        same = self.name.startswith(self.commit) or self.commit.startswith(self.name)
        return self.name if same else f"{self.name} ({self.commit})"

    def build_flags(self) -> tuple[str, ...]:
        """Its conf.py (and so its extension), read by the same strict build."""
        return ("-c", str(self.tree))


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def resolve(revision: str) -> str:
    """The abbreviated commit of ``revision``."""
    done = git("rev-parse", "--verify", "--quiet", "--short", f"{revision}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        raise RevisionError(f"git knows no revision {revision!r} here: name a branch, a tag or a commit "
                            "(git log --oneline lists them)")
    return done.stdout.strip()


def this_revision() -> str:
    """HEAD's commit, marked when tracked files differ from it (the builds use the files)."""
    head = git("rev-parse", "--short", "HEAD").stdout.strip() or "no git"
    changed = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    return f"{head} + uncommitted changes" if changed else head


def checkout(revision: str, work: Path) -> Revision:
    """``revision``'s files in ``work/revision-COMMIT`` (extracted once per run)."""
    commit = resolve(revision)
    tree = work / f"revision-{commit}"
    if not tree.is_dir():
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT,
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            raise RevisionError(f"git archive {revision} failed: {archive.stderr.decode(errors='replace')}")
        tree.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return Revision(revision, commit, tree)


def failure_summary(problem: BenchError, limit: int = 5) -> list[str]:
    """What a failed build said, without the command line or a traceback: its warnings
    and errors, or after a crash the last lines that name the exception."""
    output = str(problem).split("\n", 2)[-1]  # after the command line and "failed (exit N):"
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    said = [line for line in lines if "WARNING" in line or "ERROR" in line]
    if not said:
        said = [line for line in lines if not line.startswith((" ", "\t", "Traceback"))][-3:]
    return said[:limit] + ([f"… and {len(said) - limit} more"] if len(said) > limit else [])


# --- the measurements -----------------------------------------------------------

def real_collection(work: Path, repeats: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Clean, incremental and no-change builds of the real collection."""
    results: dict[str, Any] = {}
    src = work / "real" / "docs"
    shutil.copytree(DOCS, src)
    outputs = {}
    for jobs in ("1", "auto"):
        runs = []
        for n in range(repeats):
            out = work / "real" / f"clean-j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            log(f"real collection, clean build -j {jobs} ({n + 1}/{repeats})")
            runs.append(sphinx(src, out / "html", out / "doctrees", jobs=jobs))
        outputs[jobs] = out / "html"
        results[f"clean_j{jobs}"] = summary(runs)
    first, second = file_hashes(outputs["1"]), file_hashes(outputs["auto"])
    results["parallel_same_pages"] = first == second
    results["parallel_differing_files"] = sorted(n for n in first.keys() | second.keys()
                                                 if first.get(n) != second.get(n))

    out = outputs["auto"].parent  # keep building on the last -j auto build
    html, doctrees = out / "html", out / "doctrees"
    sources = source_docnames(src)

    # one resource's text
    state = read_collection(src)
    slug = sorted(state.resources)[len(state.resources) // 2]
    page = src / "resources" / f"{slug}.md"
    original = page.read_text(encoding="utf-8")
    runs, counts = [], []
    for n in range(repeats):
        page.write_text(original.rstrip("\n") + f"\n\nA sentence added to measure rebuilds, number {n + 1}.\n",
                        encoding="utf-8")
        before = snapshot(html)
        log(f"real collection, rebuild after editing one resource's text ({n + 1}/{repeats})")
        runs.append(sphinx(src, html, doctrees))
        counts.append(rewritten(before, snapshot(html), sources))
    page.write_text(original, encoding="utf-8")
    sphinx(src, html, doctrees)
    results["incremental_body"] = {**summary(runs), "resource": slug, "must": [f"resources/{slug}"],
                                   "shows_it": sorted(pages_showing(state, slug)), **counts[-1]}

    # one resource's topics: a page filed under one topic moves to another and keeps the first
    slug, record = next((s, r) for s, r in sorted(state.resources.items()) if len(r.topics) == 1)
    other = next(t for t in sorted(state.topics) if t != record.home_topic)
    page = src / "resources" / f"{slug}.md"
    original = page.read_text(encoding="utf-8")
    moved = re.sub(r"(?m)^topics:.*$", f"topics: [{other}, {record.home_topic}]", original, count=1)
    runs, counts, musts = [], [], []
    for n in range(repeats):
        text = moved if n % 2 == 0 else original
        before_state = read_collection(src)
        page.write_text(text, encoding="utf-8")
        musts.append(must_rewrite_for_topics(before_state, read_collection(src), slug))
        before = snapshot(html)
        log(f"real collection, rebuild after changing one resource's topics ({n + 1}/{repeats})")
        runs.append(sphinx(src, html, doctrees))
        counts.append(rewritten(before, snapshot(html), sources))
    page.write_text(original, encoding="utf-8")
    sphinx(src, html, doctrees)
    results["incremental_topics"] = {**summary(runs), "resource": slug,
                                     "change": f"[{record.home_topic}] -> [{other}, {record.home_topic}] and back",
                                     "must": sorted(musts[0]), **counts[0]}

    runs = []
    for n in range(repeats):
        log(f"real collection, rebuild with no change ({n + 1}/{repeats})")
        before = snapshot(html)
        runs.append(sphinx(src, html, doctrees))
    results["no_change"] = {**summary(runs), **rewritten(before, snapshot(html), sources)}
    results["pages"] = len(sources)
    results["resources"] = len(state.resources)
    results["_html"] = str(outputs["1"])
    return results


def pdf_binders(work: Path, repeats: int, log: Callable[[str], None]) -> dict[str, Any]:
    """``nox -s pdf``'s build: the binders builder (assembly, HTML, WeasyPrint), all binders."""
    runs, binders = [], 0
    for n in range(repeats):
        out = work / "pdf"
        shutil.rmtree(out, ignore_errors=True)
        log(f"PDF binders ({n + 1}/{repeats})")
        runs.append(sphinx(DOCS, out / "binders", out / "doctrees", builder="binders"))
        binders = len(list((out / "binders").glob("*.pdf")))
    return {"available": True, **summary(runs), "binders": binders}


def pdf_binders_at(other: Revision, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Every binder of the real collection as another revision builds them
    (its own ``nox -s pdf``, run with this environment's packages): the figure
    to compare with ``pdf_binders`` in the same run."""
    tree = other.tree
    shutil.rmtree(tree / "docs", ignore_errors=True)
    shutil.copytree(DOCS, tree / "docs")  # today's pages, so both revisions print the same content
    log(f"PDF binders at {other.label} (its nox -s pdf)")
    bin_dir = Path(sys.executable).parent
    env = {"PATH": f"{bin_dir}:{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(bin_dir.parent)}
    run = measured([sys.executable, "-m", "nox", "--no-venv", "--no-install", "-s", "pdf"], tree, env)
    pdfs = sorted((tree / "_build" / "pdf").glob("*.pdf"))
    return {"revision": other.label, "wall_s": run.wall, "cpu_s": run.cpu, "peak_mb": run.peak_mb,
            "binders": len(pdfs)}


def pdf_pages(path: Path) -> int:
    """Pages of a PDF (pikepdf: pypdf refuses the structure tree of a 3,000-page binder)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def synthetic_binder(work: Path, count: int, log: Callable[[str], None], every: bool = False) -> dict[str, Any]:
    """The whole-collection binder of a generated collection of ``count`` resources; with
    ``every``, then all its binders (the whole collection, each topic, each packet) in one build."""
    src = synthetic.generate(work / f"binder-{count}" / "docs", count)
    out = work / f"binder-{count}" / "out"
    log(f"{count:,} resources, the whole-collection PDF binder")
    run = sphinx(src, out / "binders", out / "doctrees", builder="binders",
                 extra=("-D", "ctr_binders=community-trust-resources"))
    result = {"resources": count, "wall_s": run.wall, "cpu_s": run.cpu, "peak_mb": run.peak_mb,
              "pages": pdf_pages(out / "binders" / "community-trust-resources.pdf")}
    if every:
        log(f"{count:,} resources, every PDF binder")
        shutil.rmtree(out, ignore_errors=True)
        run = sphinx(src, out / "binders", out / "doctrees", builder="binders")
        pdfs = sorted((out / "binders").glob("*.pdf"))
        result["all"] = {"wall_s": run.wall, "cpu_s": run.cpu, "peak_mb": run.peak_mb, "binders": len(pdfs),
                         "pages": sum(pdf_pages(pdf) for pdf in pdfs)}
    shutil.rmtree(work / f"binder-{count}", ignore_errors=True)
    return result


def synthetic_collection(work: Path, count: int, repeats: int, log: Callable[[str], None],
                         jobs: str = "auto") -> dict[str, Any]:
    """Clean builds of a generated collection of ``count`` resources."""
    src = synthetic.generate(work / f"synthetic-{count}" / "docs", count)
    runs = []
    for n in range(repeats):
        out = work / f"synthetic-{count}" / "out"
        shutil.rmtree(out, ignore_errors=True)
        log(f"{count:,} resources, clean build -j {jobs} ({n + 1}/{repeats})")
        runs.append(sphinx(src, out / "html", out / "doctrees", jobs=jobs))
    result = clean_figures(runs, src, out / "html", count, jobs)
    shutil.rmtree(work / f"synthetic-{count}", ignore_errors=True)
    return result


def clean_figures(runs: list[Run], src: Path, html: Path, count: int, jobs: str) -> dict[str, Any]:
    """Time per resource and sizes of the clean builds of a generated collection."""
    first = sorted(p.stem for p in (src / "resources").glob("*.md"))[0]
    result = summary(runs)
    return {**result, "resources": count, "jobs": jobs, "per_resource_s": result["wall_s"] / count,
            "searchindex_bytes": (html / "searchindex.js").stat().st_size,
            "output_bytes": folder_size(html),
            "page_bytes": (html / "resources" / f"{first}.html").stat().st_size}


#: the two sides of a comparison: this checkout, and the revision given with --against
THIS, OTHER = "this", "other"
#: what is compared, in the order it is built
STEPS = {"clean": "clean build", "edit": "rebuild after editing one resource's text",
         "no_change": "rebuild with no change"}


class RevisionRejected(Exception):
    """The other revision could not build the collection this revision generated."""

    def __init__(self, step: str, problems: list[str]) -> None:
        super().__init__(f"{step}: {'; '.join(problems)}")
        self.step, self.problems = step, problems


def page_mtimes(html: Path) -> dict[str, int]:
    return {name: path.stat().st_mtime_ns for name, path in html_pages(html).items()}


def pages_written(before: dict[str, int], after: dict[str, int]) -> int:
    """Pages of the collection written again (not those Sphinx writes on every build)."""
    return sum(1 for name in after.keys() - ALWAYS_WRITTEN if before.get(name) != after[name])


def compared(this: list[Run], other: list[Run]) -> dict[str, Any]:
    """Both sides' figures, the ratio of the medians (this / other) and of each pair of runs."""
    a, b = summary(this), summary(other)
    return {THIS: a, OTHER: b, "ratio_wall": a["wall_s"] / b["wall_s"], "ratio_cpu": a["cpu_s"] / b["cpu_s"],
            "pair_ratios": [round(x.wall / y.wall, 3) for x, y in zip(this, other, strict=True)]}


def synthetic_against(work: Path, count: int, other: Revision, clean_repeats: int, rebuild_repeats: int,
                      log: Callable[[str], None], jobs: str = "auto") -> tuple[dict[str, Any], dict[str, Any]]:
    """A generated collection of ``count`` resources built by this revision and by ``other``:
    clean builds, then rebuilds after editing one resource's text (an added sentence, the
    front matter untouched) and rebuilds with no change.

    Each step runs this revision, then the other, then this again …, so that load from
    elsewhere on the machine falls on both alike; both get the same number of runs and
    the same pages (generated once, by this revision's ``synthetic.py``, then copied).
    Returns this revision's figures (as ``synthetic_collection``) and the comparison;
    raises ``RevisionRejected`` when the other revision cannot build the pages.
    """
    base = work / f"synthetic-{count}"
    sources = {THIS: synthetic.generate(base / THIS / "docs", count)}
    sources[OTHER] = Path(shutil.copytree(sources[THIS], base / OTHER / "docs"))
    outs = {side: base / side / "out" for side in sources}
    names = {THIS: "this revision", OTHER: other.label}
    runs: dict[str, dict[str, list[Run]]] = {step: {THIS: [], OTHER: []} for step in STEPS}
    rewritten_pages: dict[str, dict[str, list[int]]] = {step: {THIS: [], OTHER: []} for step in STEPS}

    def build(side: str, step: str, number: int, of: int) -> None:
        out = outs[side]
        before = page_mtimes(out / "html") if step != "clean" else {}
        log(f"{count:,} resources at {names[side]}, {STEPS[step]} -j {jobs} ({number}/{of})")
        try:
            run = sphinx(sources[side], out / "html", out / "doctrees", jobs=jobs, python=ISOLATED,
                         extra=other.build_flags() if side == OTHER else ())
        except BenchError as problem:
            if side == THIS:
                raise
            folder = f"{sources[side]}{os.sep}"  # name the page as the collection does: resources/….md
            said = [line.replace(folder, "") for line in failure_summary(problem)]
            raise RevisionRejected(STEPS[step], said) from None
        after = page_mtimes(out / "html")
        runs[step][side].append(run)
        rewritten_pages[step][side].append(pages_written(before, after))

    for n in range(clean_repeats):
        for side in (THIS, OTHER):
            shutil.rmtree(outs[side], ignore_errors=True)
            build(side, "clean", n + 1, clean_repeats)
    this_figures = clean_figures(runs["clean"][THIS], sources[THIS], outs[THIS] / "html", count, jobs)
    differing = differing_files(outs[THIS] / "html", outs[OTHER] / "html")

    slug = sorted(p.stem for p in (sources[THIS] / "resources").glob("*.md"))[count // 2]
    original = (sources[THIS] / "resources" / f"{slug}.md").read_text(encoding="utf-8")
    for n in range(rebuild_repeats):
        edited = original.rstrip("\n") + f"\n\nA sentence added to measure rebuilds, number {n + 1}.\n"
        for side in (THIS, OTHER):
            (sources[side] / "resources" / f"{slug}.md").write_text(edited, encoding="utf-8")
        for step in ("edit", "no_change"):
            for side in (THIS, OTHER):
                build(side, step, n + 1, rebuild_repeats)
    shutil.rmtree(base, ignore_errors=True)

    comparison: dict[str, Any] = {"revision": other.name, "commit": other.commit, "label": other.label,
                                  "resources": count, "jobs": jobs, "edited": f"resources/{slug}",
                                  "differing_files": differing}
    for step in STEPS:
        comparison[step] = {**compared(runs[step][THIS], runs[step][OTHER]),
                            "pages_rewritten": {side: rewritten_pages[step][side][-1] for side in runs[step]}}
    return this_figures, comparison


def pages_built(doctrees: Path) -> int:
    """Source documents a build read: one doctree each."""
    return sum(1 for _ in doctrees.rglob("*.doctree"))


class FuroDocsError(Exception):
    """The folder given as furo's documentation is not one."""


def furo_docs_folder(path: Path) -> Path:
    """``path`` if it holds a Sphinx project (its conf.py), else a plain reason."""
    if not (path / "conf.py").is_file():
        raise FuroDocsError(f"{path} holds no conf.py: give the docs/ folder of a checkout of furo's "
                            "repository (git clone https://github.com/pradyunsg/furo)")
    return path.resolve()


def against_furo(work: Path, count: int, furo_docs: Path, furo_python: str, other: Revision | None,
                 repeats: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Time per page of clean ``-j 1`` builds: a generated collection of ``count`` resources
    (this revision, and ``other`` if given) against furo's own documentation, built with
    its own conf.py by ``furo_python``, not strict (its warnings, such as unreachable
    intersphinx inventories, are its own). Every round builds each side once, by turns."""
    base = work / f"furo-{count}"
    src = synthetic.generate(base / "docs", count)
    sides = {THIS: "this revision", "furo": "furo's documentation"}
    if other is not None:
        sides = {THIS: sides[THIS], OTHER: other.label, "furo": sides["furo"]}
    runs: dict[str, list[Run]] = {side: [] for side in sides}
    pages: dict[str, int] = {}
    for n in range(repeats):
        for side, name in sides.items():
            out = base / side
            shutil.rmtree(out, ignore_errors=True)
            log(f"per page against furo's documentation: {name}, clean build -j 1 ({n + 1}/{repeats})")
            if side == "furo":
                command = [furo_python, "-m", "sphinx", "-b", "html", "-j", "1", "-q",
                           "-d", str(out / "doctrees"), str(furo_docs), str(out / "html")]
                run = measured(command, furo_docs, strict=False)
            else:
                run = sphinx(src, out / "html", out / "doctrees", jobs="1", python=ISOLATED,
                             extra=other.build_flags() if side == OTHER and other else ())
            runs[side].append(run)
            pages[side] = pages_built(out / "doctrees")
    shutil.rmtree(base, ignore_errors=True)
    result: dict[str, Any] = {"resources": count, "furo_docs": str(furo_docs), "labels": sides}
    for side in sides:
        wall = median(r.wall for r in runs[side])
        result[side] = {**summary(runs[side]), "pages": pages[side], "per_page_s": wall / pages[side],
                        "per_page_cpu_s": median(r.cpu for r in runs[side]) / pages[side]}
    furo = result["furo"]
    for side in sides.keys() - {"furo"}:
        result[side]["ratio"] = result[side]["per_page_s"] / furo["per_page_s"]
        result[side]["ratio_cpu"] = result[side]["per_page_cpu_s"] / furo["per_page_cpu_s"]
        result[side]["pair_ratios"] = [round((x.wall / pages[side]) / (y.wall / furo["pages"]), 3)
                                       for x, y in zip(runs[side], runs["furo"], strict=True)]
    return result


def furo_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Time per page against furo's documentation, or why it was not measured."""
    furo = report.get("furo")
    if furo is None:
        return []
    if "absent" in furo:
        return [("per page against furo's documentation", f"not measured: {furo['absent']}", "", "")]
    f = furo["furo"]
    rows = [(f"furo's documentation ({f['pages']} pages): clean build -j 1",
             f"{f['wall_s']:.2f} s = {f['per_page_s']:.3f} s/page ({f['per_page_cpu_s']:.3f} s CPU); "
             f"runs {', '.join(f'{x:.2f}' for x in f['wall_all_s'])} s", "", "")]
    limit = TARGETS["per_page_vs_furo"]
    for side in (THIS, OTHER):
        if side not in furo:
            continue
        s = furo[side]
        rows.append((f"{furo['resources']:,} resources at {furo['labels'][side]} ({s['pages']} pages): "
                     "clean build -j 1, per page / furo's",
                     f"{s['wall_s']:.2f} s = {s['per_page_s']:.3f} s/page: {s['ratio']:.2f} "
                     f"(CPU {s['ratio_cpu']:.2f}); pairs {', '.join(f'{r:.2f}' for r in s['pair_ratios'])}",
                     f"<= {limit} x furo's documentation" if side == THIS else "",
                     verdict(s["ratio"] <= limit) if side == THIS else ""))
    return rows


def typical_page(html: Path) -> str:
    """The resource page of median size."""
    pages = sorted((p.stat().st_size, str(p.relative_to(html))) for p in (html / "resources").glob("*.html"))
    return pages[len(pages) // 2][1]


# --- where the time goes ----------------------------------------------------------

PACKAGES = [
    ("community_trust (ours)", "/community_trust/"),
    ("furo (theme)", "/furo/"),
    ("beautifulsoup (furo's sidebar)", "/bs4/"),
    ("sphinx_design (cards)", "/sphinx_design/"),
    ("myst_parser", "/myst_parser/"),
    ("markdown_it (MyST parsing)", "/markdown_it/"),
    ("mdit_py_plugins", "/mdit_py_plugins/"),
    ("linkify", "/linkify_it/"),
    ("docutils", "/docutils/"),
    ("sphinx", "/sphinx/"),
    ("jinja2 (templates)", "/jinja2/"),
    ("yaml (front matter)", "/yaml/"),
    ("snowballstemmer (search)", "/snowballstemmer/"),
    ("pygments", "/pygments/"),
]


def package_of(filename: str) -> str:
    for name, marker in PACKAGES:
        if marker in filename:
            return name
    if filename.startswith("~") or filename.startswith("<"):
        return "built-in functions (pickle, re, I/O)"
    if "site-packages" in filename:
        return "other packages"
    return "Python standard library"


def profile_build(work: Path, count: int, log: Callable[[str], None]) -> dict[str, Any]:
    """cProfile of one clean ``-j 1`` build of ``count`` resources, self time by package."""
    src = synthetic.generate(work / f"profile-{count}" / "docs", count)
    out = work / f"profile-{count}" / "out"
    stats_file = work / f"profile-{count}.prof"
    log(f"{count:,} resources, profiled clean build (-j 1)")
    run = sphinx(src, out / "html", out / "doctrees", jobs="1", python=("-m", "cProfile", "-o", str(stats_file)))
    stats = pstats.Stats(str(stats_file))
    by_package: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package_of(filename)] = by_package.get(package_of(filename), 0.0) + tottime
    total = sum(by_package.values())
    ours = sorted(((f"{Path(f).name}:{n}", ct) for (f, _l, n), (_c, _n, _t, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
                   if "/community_trust/" in f), key=lambda i: -i[1])[:8]
    shutil.rmtree(work / f"profile-{count}", ignore_errors=True)
    return {"resources": count, "wall_s": run.wall, "profiled_s": total,
            "self_time_by_package": {k: round(v, 2) for k, v in sorted(by_package.items(), key=lambda i: -i[1])},
            "share": {k: round(v / total, 3) for k, v in sorted(by_package.items(), key=lambda i: -i[1])},
            "our_functions_cumulative_s": [(n, round(t, 2)) for n, t in ours]}


# --- the report -----------------------------------------------------------------

def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("meets" if ok else "MISSES")


def table(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, figure, target, verdict) rows."""
    rows: list[tuple[str, str, str, str]] = []
    real = report.get("real")
    if real:
        for jobs in ("1", "auto"):
            r = real[f"clean_j{jobs}"]
            rows.append((f"real ({real['pages']} pages): clean build -j {jobs}",
                         f"{r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU, {r['peak_mb']:.0f} MB", "", ""))
        rows.append(("-j auto gives the same output as -j 1, no warning",
                     "yes" if real["parallel_same_pages"] else f"NO: {', '.join(real['parallel_differing_files'])}",
                     "same", verdict(real["parallel_same_pages"])))
        body = real["incremental_body"]
        also = sorted(set(body["written"]) - set(body["must"]))
        rows.append((f"rebuild after editing one resource's text ({body['resource']})",
                     f"{body['wall_s']:.2f} s; {len(body['written'])} pages rewritten, {len(body['must'])} had to be"
                     + (f" (also: {', '.join(also)})" if also else ""),
                     f"< {TARGETS['incremental_body_s']} s, only pages that show it",
                     verdict(body["wall_s"] < TARGETS["incremental_body_s"]
                             and set(body["must"]) <= set(body["written"]) <= set(body["shows_it"]))))
        topics = real["incremental_topics"]
        missed = sorted(set(topics["must"]) - set(topics["written"]))
        extra = sorted(set(topics["written"]) - set(topics["must"]))
        rows.append((f"rebuild after changing one resource's topics ({topics['resource']})",
                     f"{topics['wall_s']:.2f} s; {len(topics['written'])} pages rewritten, "
                     f"{len(topics['must'])} had to be" + (f" (also: {', '.join(extra)})" if extra else "")
                     + (f"; NOT REWRITTEN: {', '.join(missed)}" if missed else ""),
                     "every page that shows it rewritten", verdict(not missed)))
        rows.append(("rebuild with no change", f"{real['no_change']['wall_s']:.2f} s; "
                     f"{len(real['no_change']['written'])} pages rewritten",
                     f"< {TARGETS['no_change_s']} s", verdict(real["no_change"]["wall_s"] < TARGETS["no_change_s"])))
    pdf = report.get("pdf")
    if pdf is not None:
        rows.append((f"PDF binders ({pdf['binders']}, WeasyPrint)",
                     f"{pdf['wall_s']:.1f} s wall, {pdf['cpu_s']:.1f} s CPU, {pdf['peak_mb']:.0f} MB", "", ""))
    against = report.get("pdf_against")
    if against is not None and pdf is not None:
        ok = pdf["wall_s"] <= against["wall_s"]
        rows.append((f"PDF binders ({against['binders']}) at {against['revision']}",
                     f"{against['wall_s']:.1f} s wall, {against['cpu_s']:.1f} s CPU, {against['peak_mb']:.0f} MB",
                     f"this revision no slower ({pdf['wall_s']:.1f} s)", verdict(ok)))
    binder_sizes = report.get("binders", {})
    for count, b in sorted(binder_sizes.items(), key=lambda i: int(i[0])):
        at_1000 = int(count) == 1000
        rows.append((f"{int(count):,} resources: whole-collection PDF binder",
                     f"{b['wall_s']:.1f} s wall, {b['cpu_s']:.0f} s CPU, {b['peak_mb']:.0f} MB peak; {b['pages']:,} pages",
                     f"<= {TARGETS['binder_1000_s']:.0f} s, < {TARGETS['binder_1000_mb']:.0f} MB" if at_1000 else "",
                     verdict(b["wall_s"] <= TARGETS["binder_1000_s"] and b["peak_mb"] < TARGETS["binder_1000_mb"])
                     if at_1000 else ""))
        every = b.get("all")
        if every:
            rows.append((f"{int(count):,} resources: every PDF binder ({every['binders']}), one build",
                         f"{every['wall_s']:.1f} s wall, {every['cpu_s']:.0f} s CPU, {every['peak_mb']:.0f} MB peak; "
                         f"{every['pages']:,} pages",
                         f"<= {TARGETS['all_binders_1000_s']:.0f} s" if at_1000 else "",
                         verdict(every["wall_s"] <= TARGETS["all_binders_1000_s"]) if at_1000 else ""))
    if "100" in binder_sizes and "1000" in binder_sizes:
        ratio = binder_sizes["1000"]["wall_s"] / binder_sizes["100"]["wall_s"]
        rows.append(("whole-collection PDF binder: time(1,000) / time(100)", f"{ratio:.1f}",
                     f"<= {TARGETS['binder_growth_1000_100']:.0f}", verdict(ratio <= TARGETS["binder_growth_1000_100"])))
    sizes = report.get("synthetic", {})
    for count, s in sorted(sizes.items(), key=lambda i: int(i[0])):
        target = TARGETS["per_resource_s"] if int(count) >= 1000 else None
        rows.append((f"{int(count):,} resources: clean build -j {s['jobs']}",
                     f"{s['wall_s']:.1f} s = {s['per_resource_s']:.3f} s/resource; {s['cpu_s']:.0f} s CPU; "
                     f"{s['peak_mb']:.0f} MB peak; search index {s['searchindex_bytes'] / 1e6:.1f} MB; "
                     f"output {s['output_bytes'] / 1e6:.0f} MB; page {s['page_bytes'] / 1e3:.0f} kB",
                     f"< {target} s/resource" if target else "",
                     verdict(s["per_resource_s"] < target) if target else ""))
    rows += against_rows(report)
    rows += furo_rows(report)
    growth = report.get("growth")
    for key, value in (growth or {}).items():
        limit = TARGETS["growth_5000_1000"] if key == "5000/1000" else None
        rows.append((f"time({key.replace('/', ') / time(')})",
                     f"{value:.2f}" + (" (linear: 10; the fixed cost weighs more at 100)" if not limit else ""),
                     f"<= {limit} (linear: 5)" if limit else "", verdict(value <= limit) if limit else ""))
    for page in filter(None, (report.get("weight"), report.get("weight_catalogue"))):
        kb = page["total"] / 1000
        fonts = page["bytes"].get("font", 0)
        parts = ", ".join(f"{k} {v / 1000:.0f}" for k, v in sorted(page["bytes"].items(), key=lambda i: -i[1]))
        rows.append((f"page weight ({page['page']}, {page['method']})",
                     f"{kb:.0f} kB in {page['requests']} requests ({parts}); fonts {fonts}; "
                     f"other hosts {len(page['other_hosts'])}",
                     f"< {TARGETS['page_kb']} kB, <= {TARGETS['page_requests']} requests, no fonts or other hosts",
                     verdict(kb < TARGETS["page_kb"] and page["requests"] <= TARGETS["page_requests"]
                             and not fonts and not page["other_hosts"])))
    prof = report.get("profile")
    if prof:
        top = ", ".join(f"{k} {v:.0%}" for k, v in list(prof["share"].items())[:6])
        rows.append((f"profile, {prof['resources']:,} resources (-j 1)", top, "", ""))
    return rows


def spread(pair: dict[str, Any]) -> float:
    """How much runs of the same revision differ: (slowest - fastest) / median, the larger side."""
    return max((max(side["wall_all_s"]) - min(side["wall_all_s"])) / side["wall_s"]
               for side in (pair[THIS], pair[OTHER]))


def rebuild_verdict(pair: dict[str, Any], limit: float) -> str:
    """``meets`` at or under ``limit``; over it, ``within noise`` when the runs say it could be
    chance (a pair of runs at or under the limit, or a ratio inside the runs' spread)."""
    ratio, pairs = pair["ratio_wall"], pair["pair_ratios"]
    if ratio <= limit:
        return "meets"
    if len(pairs) < 2:
        return "MISSES (one pair of runs: the noise is not measured; --repeats 3)"
    if min(pairs) <= limit or ratio - limit <= spread(pair):
        return f"within noise (pairs {min(pairs):.2f} to {max(pairs):.2f}, runs spread {spread(pair):.0%})"
    return "MISSES"


def against_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """This revision against --against REV on the generated collections: each pair, the ratio, the verdict."""
    rows: list[tuple[str, str, str, str]] = []
    for count, c in sorted(report.get("synthetic_against", {}).items(), key=lambda i: int(i[0])):
        label, size = c["label"], f"{int(count):,} resources"
        if "rejected" in c:
            rows.append((f"{size} at {label}", f"NOT MEASURED: {label} could not build the pages this revision "
                         f"generates ({c['rejected']['step']}): " + " | ".join(c["rejected"]["problems"]), "", ""))
            continue
        for step, name in STEPS.items():
            pair = c[step]
            a, b = pair[THIS], pair[OTHER]
            runs = ", ".join(f"{x:.2f}/{y:.2f}" for x, y in zip(a["wall_all_s"], b["wall_all_s"], strict=True))
            figure = (f"{a['wall_s']:.2f} s / {b['wall_s']:.2f} s = {pair['ratio_wall']:.2f} "
                      f"(CPU {pair['ratio_cpu']:.2f}); runs {runs} s")
            if len(pair["pair_ratios"]) > 1:
                figure += f", spread {spread(pair):.0%}"
            if step != "clean":
                figure += f"; pages rewritten {pair['pages_rewritten'][THIS]} / {pair['pages_rewritten'][OTHER]}"
            if step == "clean" and int(count) == 1000:
                limit = TARGETS["against_clean_1000"]
                target, status = f"<= {limit} x {label}", verdict(pair["ratio_wall"] <= limit)
            elif step == "clean":
                target, status = "", ""
            else:
                limit = TARGETS["against_rebuild"]
                target, status = f"<= {limit} x {label}, no slower", rebuild_verdict(pair, limit)
            rows.append((f"{size}, {name}: this / {label}", figure, target, status))
        differing = c["differing_files"]
        rows.append((f"{size}, clean output of this revision and {label}",
                     "byte-identical" if not differing else
                     (f"1 file differs: {differing[0]}" if len(differing) == 1 else
                      f"{len(differing)} files differ: {', '.join(differing[:5])}")
                     + (" …" if len(differing) > 5 else "") + " (benchmarks/compare_html.py shows how, on docs/)",
                     "", ""))
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    for measure, figure, target, status in rows:
        line = f"{measure:<{width}}  {figure}"
        if target:
            line += f"  [target {target}: {status}]"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each real-collection timing, and of each rebuild compared with "
                             "--against (median; default 3)")
    parser.add_argument("--synthetic-repeats", type=int, default=1, help="runs of each synthetic build")
    parser.add_argument("--sizes", default="100,1000", help="synthetic collection sizes (default 100,1000)")
    parser.add_argument("--large", action="store_true", help="also 5,000 resources (several minutes)")
    parser.add_argument("--synthetic-jobs", default="auto", help="-j of the synthetic builds (default auto)")
    parser.add_argument("--pdf-repeats", type=int, default=1,
                        help="runs of the PDF binders; 0 skips them (and the whole-collection binders)")
    parser.add_argument("--against", metavar="REV", default="",
                        help="also measure git revision REV in the same run, with this environment's "
                             "packages: the synthetic collections (--sizes) built by both, clean, after "
                             "editing one resource's text and with no change, run by turns, with the "
                             "ratios this/REV; and every binder with REV's nox -s pdf")
    parser.add_argument("--binder-sizes", default=None,
                        help="synthetic sizes of the whole-collection binder (default 100,1000, none with "
                             "--pdf-repeats 0; '' skips)")
    parser.add_argument("--no-all-binders", action="store_true",
                        help="at 1,000 resources or more, the whole-collection binder only, not also every binder")
    parser.add_argument("--no-real", action="store_true", help="skip the real collection")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weight")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile one clean build of N resources (e.g. 1000)")
    parser.add_argument("--furo-docs", type=Path, metavar="PATH",
                        default=Path(os.environ["FURO_DOCS"]) if os.environ.get("FURO_DOCS") else None,
                        help="furo's documentation (the docs/ folder of a checkout of furo's repository; "
                             "default $FURO_DOCS): time per page of clean -j 1 builds of --furo-size "
                             "resources and of it, by turns (--synthetic-repeats rounds, at least 2)")
    parser.add_argument("--furo-python", default=os.environ.get("FURO_PYTHON") or sys.executable,
                        help="the Python that builds furo's documentation, with the extensions of its "
                             "requirements.txt (default $FURO_PYTHON, else this one)")
    parser.add_argument("--furo-size", type=int, default=1000, help="resources against furo's documentation")
    parser.add_argument("--output", type=Path, default=None, help="JSON file (default benchmarks/results/)")
    args = parser.parse_args(argv)
    furo_docs: Path | None = None
    if args.furo_docs is not None:
        try:
            furo_docs = furo_docs_folder(args.furo_docs)
        except FuroDocsError as problem:
            print(f"benchmark not started: {problem}", file=sys.stderr)
            return 2

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.large and 5000 not in sizes:
        sizes.append(5000)
    started = datetime.datetime.now(datetime.UTC)
    if args.against:
        try:
            resolve(args.against)  # a mistyped revision stops the run now, not after the real collection
        except RevisionError as problem:
            print(f"benchmark not started: {problem}", file=sys.stderr)
            return 2

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - clock:6.0f} s] {message}", file=sys.stderr, flush=True)

    clock = time.perf_counter()
    report: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform(), "load_at_start": os.getloadavg()},
        "settings": vars(args) | {"output": str(args.output) if args.output else None, "sizes": sizes},
        "revision": this_revision(),
    }
    work = Path(tempfile.mkdtemp(prefix="ctr-bench-"))
    try:
        other = checkout(args.against, work) if args.against else None
        if not args.no_real:
            report["real"] = real_collection(work, args.repeats, log)
            if not args.no_weight:
                html = Path(report["real"]["_html"])
                report["weight"] = weight.measure(html, typical_page(html)).as_dict()
                # the catalogue: the largest table and the only page with its own script
                report["weight_catalogue"] = weight.measure(html, "catalog.html").as_dict()
        if args.pdf_repeats > 0:
            report["pdf"] = pdf_binders(work, args.pdf_repeats, log)
            if other:
                report["pdf_against"] = pdf_binders_at(other, work, log)
        report["binders"] = {}
        binder_sizes = args.binder_sizes if args.binder_sizes is not None else ("100,1000" if args.pdf_repeats else "")
        for count in [int(c) for c in binder_sizes.split(",") if c.strip()]:
            report["binders"][str(count)] = synthetic_binder(work, count, log,
                                                             every=count >= 1000 and not args.no_all_binders)
        report["synthetic"] = {}
        if other:
            report["synthetic_against"] = {}
        for count in sizes:
            repeats = args.synthetic_repeats if count >= 1000 else max(args.synthetic_repeats, 2)
            rejected = any("rejected" in c for c in report.get("synthetic_against", {}).values())
            if other and not rejected:
                try:
                    report["synthetic"][str(count)], report["synthetic_against"][str(count)] = synthetic_against(
                        work, count, other, repeats, args.repeats, log, args.synthetic_jobs)
                    continue
                except RevisionRejected as problem:
                    log(f"{other.label} could not build the {count:,} generated resources ({problem.step}); "
                        "measuring this revision alone:\n  " + "\n  ".join(problem.problems))
                    report["synthetic_against"][str(count)] = {
                        "revision": other.name, "commit": other.commit, "label": other.label,
                        "rejected": {"step": problem.step, "problems": problem.problems}}
            report["synthetic"][str(count)] = synthetic_collection(work, count, repeats, log, args.synthetic_jobs)
        times = {int(k): v["wall_s"] for k, v in report["synthetic"].items()}
        report["growth"] = {f"{b}/{a}": times[b] / times[a]
                            for a, b in ((100, 1000), (1000, 5000)) if a in times and b in times}
        if furo_docs is not None:
            report["furo"] = against_furo(work, args.furo_size, furo_docs, args.furo_python, other,
                                          max(args.synthetic_repeats, 2), log)
        else:
            report["furo"] = {"absent": "no copy of furo's documentation given (--furo-docs PATH, "
                                        "the docs/ folder of a checkout of furo's repository)"}
        if args.profile:
            report["profile"] = profile_build(work, args.profile, log)
    except RevisionError as problem:
        print(f"benchmark stopped: {problem}", file=sys.stderr)
        return 2
    except BenchError as problem:
        print(f"benchmark stopped: a build failed or warned\n{problem}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["machine"]["load_at_end"] = os.getloadavg()
    report.get("real", {}).pop("_html", None)
    rows = table(report)
    report["table"] = [dict(zip(("measure", "figure", "target", "verdict"), row, strict=True)) for row in rows]
    print()
    print(f"Community Trust Resources build benchmark, {report['date']}, "
          f"{os.cpu_count()} cores, load {report['machine']['load_at_start'][0]:.1f}, "
          f"this revision {report['revision']}" + (f", against {other.label}" if other else ""))
    print_table(rows)
    output = args.output or RESULTS / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
