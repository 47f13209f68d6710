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
- the PDF binders (the ``binders`` builder: HTML, then WeasyPrint), all five
  of the real collection; with ``--against REV`` the same five built by the
  ``nox -s pdf`` of another revision (for example the LaTeX path before it),
  in the same run;
- synthetic collections (``synthetic.py``) of 100 and 1,000 resources, and
  5,000 with ``--large``: time per resource, peak memory, search index and
  output size, and how time grows (5,000 against 1,000 should stay near 5);
  and the whole-collection binder of 100 and 1,000 resources (time, peak
  memory, pages; ``--binder-sizes``);
- the weight of a typical resource page and of the catalogue as a browser fetches them;
- with ``--profile N``: where the time of one clean build of N resources goes,
  by package.

Timings are medians of several runs; wall time is what people wait for,
CPU time (of the build and its worker processes) is steadier on a busy
machine. Compare figures within one run, never with numbers from another day.
"""

from __future__ import annotations

import argparse
import datetime
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

from community_trust.pages import Collection, load_collection  # noqa: E402  (the one reader of a collection)
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


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``: wall and CPU time, peak memory; fails on an error or a warning."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})}
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
    if process.returncode != 0 or warnings:
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


def pdf_binders_at(revision: str, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """The five binders of the real collection as another revision builds them
    (its own ``nox -s pdf``, run with this environment's packages): the figure
    to compare with ``pdf_binders`` in the same run."""
    tree = work / f"revision-{re.sub(r'[^A-Za-z0-9]', '_', revision)}"
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=False)
    if archive.returncode != 0:
        raise BenchError(f"git archive {revision} failed: {archive.stderr.decode(errors='replace')}")
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    shutil.rmtree(tree / "docs")
    shutil.copytree(DOCS, tree / "docs")  # today's pages, so both revisions print the same content
    log(f"PDF binders at {revision} (its nox -s pdf)")
    bin_dir = Path(sys.executable).parent
    env = {"PATH": f"{bin_dir}:{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(bin_dir.parent)}
    run = measured([sys.executable, "-m", "nox", "--no-venv", "--no-install", "-s", "pdf"], tree, env)
    pdfs = sorted((tree / "_build" / "pdf").glob("*.pdf"))
    return {"revision": revision, "wall_s": run.wall, "cpu_s": run.cpu, "peak_mb": run.peak_mb, "binders": len(pdfs)}


def pdf_pages(path: Path) -> int:
    """Pages of a PDF (pikepdf: pypdf refuses the structure tree of a 3,000-page binder)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def synthetic_binder(work: Path, count: int, log: Callable[[str], None]) -> dict[str, Any]:
    """The whole-collection binder of a generated collection of ``count`` resources."""
    src = synthetic.generate(work / f"binder-{count}" / "docs", count)
    out = work / f"binder-{count}" / "out"
    log(f"{count:,} resources, the whole-collection PDF binder")
    run = sphinx(src, out / "binders", out / "doctrees", builder="binders",
                 extra=("-D", "ctr_binders=community-trust-resources"))
    result = {"resources": count, "wall_s": run.wall, "cpu_s": run.cpu, "peak_mb": run.peak_mb,
              "pages": pdf_pages(out / "binders" / "community-trust-resources.pdf")}
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
    result = summary(runs)
    result.update(resources=count, jobs=jobs, per_resource_s=result["wall_s"] / count,
                  searchindex_bytes=(out / "html" / "searchindex.js").stat().st_size,
                  output_bytes=folder_size(out / "html"),
                  page_bytes=(out / "html" / "resources" / f"{sorted(p.stem for p in (src / 'resources').glob('*.md'))[0]}.html").stat().st_size)
    shutil.rmtree(work / f"synthetic-{count}", ignore_errors=True)
    return result


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
    for count, b in sorted(report.get("binders", {}).items(), key=lambda i: int(i[0])):
        rows.append((f"{int(count):,} resources: whole-collection PDF binder",
                     f"{b['wall_s']:.1f} s wall, {b['cpu_s']:.0f} s CPU, {b['peak_mb']:.0f} MB peak; {b['pages']:,} pages",
                     "", ""))
    sizes = report.get("synthetic", {})
    for count, s in sorted(sizes.items(), key=lambda i: int(i[0])):
        target = TARGETS["per_resource_s"] if int(count) >= 1000 else None
        rows.append((f"{int(count):,} resources: clean build -j {s['jobs']}",
                     f"{s['wall_s']:.1f} s = {s['per_resource_s']:.3f} s/resource; {s['cpu_s']:.0f} s CPU; "
                     f"{s['peak_mb']:.0f} MB peak; search index {s['searchindex_bytes'] / 1e6:.1f} MB; "
                     f"output {s['output_bytes'] / 1e6:.0f} MB; page {s['page_bytes'] / 1e3:.0f} kB",
                     f"< {target} s/resource" if target else "",
                     verdict(s["per_resource_s"] < target) if target else ""))
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


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    for measure, figure, target, status in rows:
        line = f"{measure:<{width}}  {figure}"
        if target:
            line += f"  [target {target}: {status}]"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each real-collection timing (median)")
    parser.add_argument("--synthetic-repeats", type=int, default=1, help="runs of each synthetic build")
    parser.add_argument("--sizes", default="100,1000", help="synthetic collection sizes (default 100,1000)")
    parser.add_argument("--large", action="store_true", help="also 5,000 resources (several minutes)")
    parser.add_argument("--synthetic-jobs", default="auto", help="-j of the synthetic builds (default auto)")
    parser.add_argument("--pdf-repeats", type=int, default=1, help="runs of the PDF binders; 0 skips them")
    parser.add_argument("--against", metavar="REV", default="",
                        help="also build the five binders with the nox -s pdf of git revision REV "
                             "(e.g. the LaTeX path: the commit before the WeasyPrint binders)")
    parser.add_argument("--binder-sizes", default="100,1000",
                        help="synthetic sizes of the whole-collection binder (default 100,1000; '' skips)")
    parser.add_argument("--no-real", action="store_true", help="skip the real collection")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weight")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile one clean build of N resources (e.g. 1000)")
    parser.add_argument("--output", type=Path, default=None, help="JSON file (default benchmarks/results/)")
    args = parser.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.large and 5000 not in sizes:
        sizes.append(5000)
    started = datetime.datetime.now(datetime.UTC)

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - clock:6.0f} s] {message}", file=sys.stderr, flush=True)

    clock = time.perf_counter()
    report: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform(), "load_at_start": os.getloadavg()},
        "settings": vars(args) | {"output": str(args.output) if args.output else None, "sizes": sizes},
    }
    work = Path(tempfile.mkdtemp(prefix="ctr-bench-"))
    try:
        if not args.no_real:
            report["real"] = real_collection(work, args.repeats, log)
            if not args.no_weight:
                html = Path(report["real"]["_html"])
                report["weight"] = weight.measure(html, typical_page(html)).as_dict()
                # the catalogue: the largest table and the only page with its own script
                report["weight_catalogue"] = weight.measure(html, "catalog.html").as_dict()
        if args.pdf_repeats > 0:
            report["pdf"] = pdf_binders(work, args.pdf_repeats, log)
            if args.against:
                report["pdf_against"] = pdf_binders_at(args.against, work, log)
        report["binders"] = {}
        for count in [int(c) for c in args.binder_sizes.split(",") if c.strip()]:
            report["binders"][str(count)] = synthetic_binder(work, count, log)
        report["synthetic"] = {}
        for count in sizes:
            report["synthetic"][str(count)] = synthetic_collection(
                work, count, args.synthetic_repeats if count >= 1000 else max(args.synthetic_repeats, 2), log,
                args.synthetic_jobs)
        times = {int(k): v["wall_s"] for k, v in report["synthetic"].items()}
        report["growth"] = {f"{b}/{a}": times[b] / times[a]
                            for a, b in ((100, 1000), (1000, 5000)) if a in times and b in times}
        if args.profile:
            report["profile"] = profile_build(work, args.profile, log)
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
          f"{os.cpu_count()} cores, load {report['machine']['load_at_start'][0]:.1f}")
    print_table(rows)
    output = args.output or RESULTS / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
