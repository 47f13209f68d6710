"""Every job of the collection, with its flags defined once.

The Makefile, CI and the hosting configuration all call these sessions, so
they cannot drift apart. Two ways to run them:

- ``make html`` / ``make test`` …: the Makefile creates ``.venv`` from
  ``requirements.txt`` and runs ``nox --no-venv --no-install -s …`` inside it;
- ``nox -s docs`` …: nox makes its own environment from ``requirements.txt``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import nox

ROOT = Path(__file__).parent
SOURCE_DIR = "docs"
BUILD_DIR = Path("_build")
HTML_DIR = BUILD_DIR / "html"
DOCTREE_DIR = BUILD_DIR / "doctrees"

#: The strict build, shared by every session that runs Sphinx.
SPHINX_FLAGS = [
    "-c", ".",  # conf.py sits at the root; pages under docs/ keep addresses without a docs/ prefix
    "-n",  # nitpicky: every cross-reference must resolve
    "-W",  # a warning is an error
    "--keep-going",  # but report every warning of the run, not just the first
    "-j", "auto",  # parallel reading and writing (the extension is parallel-safe)
]

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs", "tests"]
nox.options.reuse_venv = "yes"


def install(session: nox.Session) -> None:
    """The pinned environment; skipped under ``--no-venv --no-install``."""
    session.install("-r", "requirements.txt")


def sphinx_command(srcdir: str | Path, outdir: str | Path, doctrees: str | Path, builder: str = "html",
                   *extra: str, jobs: str | None = None, python: Sequence[str] = ("python",)) -> list[str]:
    """The strict build of ``srcdir`` into ``outdir`` as one command line: the one
    builder of it, for these sessions, the tests and the benchmark.

    ``python`` runs Sphinx (an interpreter, and any wrapper such as
    ``-m cProfile``); ``jobs`` replaces the ``-j`` of :data:`SPHINX_FLAGS`;
    ``extra`` goes before the folders (``-D name=value`` …).
    """
    flags = list(SPHINX_FLAGS)
    if jobs is not None:
        flags[flags.index("-j") + 1] = jobs
    return [*python, "-m", "sphinx", "-b", builder, *flags, "-d", str(doctrees), *extra, str(srcdir), str(outdir)]


def sphinx_build(session: nox.Session, builder: str, outdir: Path, *extra: str) -> None:
    session.run(*sphinx_command(SOURCE_DIR, outdir, DOCTREE_DIR / builder, builder, *extra))


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML collection into _build/html (strict)."""
    install(session)
    sphinx_build(session, "html", HTML_DIR, *session.posargs)


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Preview with automatic rebuilds at http://127.0.0.1:8000 (loopback only)."""
    install(session)
    session.run("sphinx-autobuild", *SPHINX_FLAGS, "--host", "127.0.0.1", "--port", "8000",
                "--watch", "community_trust", "--watch", "theme", "-d", str(DOCTREE_DIR / "live"),
                *session.posargs, SOURCE_DIR, str(BUILD_DIR / "live"))


# --- PDF binders ---------------------------------------------------------------
#: the binders builder (community_trust/binders/builder.py) writes each binder's HTML and PDF here
BINDER_DIR = BUILD_DIR / "binders"
PDF_DIR = BUILD_DIR / "pdf"


def collect_pdfs(binder_dir: Path, pdf_dir: Path) -> list[Path]:
    """The rendered binders, copied into ``pdf_dir`` (emptied first, so a
    renamed or removed topic leaves no binder behind). Shared with the tests."""
    shutil.rmtree(pdf_dir, ignore_errors=True)
    pdf_dir.mkdir(parents=True)
    return [Path(shutil.copy2(path, pdf_dir / path.name)) for path in sorted(binder_dir.glob("*.pdf"))]


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the PDF binders into _build/pdf: the whole collection, one per topic and one per training packet
    (tagged PDF/UA-1, rendered by WeasyPrint). One binder: nox -s pdf -- -D ctr_binders=community-trust-use-of-force"""
    install(session)
    for stale in [*BINDER_DIR.glob("*.pdf"), *BINDER_DIR.glob("*.html")]:
        stale.unlink()
    sphinx_build(session, "binders", BINDER_DIR, *session.posargs)
    for path in collect_pdfs(BINDER_DIR, PDF_DIR):
        session.log(f"wrote {path}")


@nox.session
def tests(session: nox.Session) -> None:
    """Install missing system packages if allowed, then run the whole test suite."""
    install(session)
    session.run("bash", "scripts/install-system-deps.sh", external=True)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check every external address on the live web (needs the internet; on purpose only),
    then list the pages whose 'verified' date is over a year old (offline)."""
    install(session)
    try:
        sphinx_build(session, "linkcheck", BUILD_DIR / "linkcheck", *session.posargs)
    finally:  # the freshness report runs even when an address is broken
        session.run("python", "-m", "community_trust.tools.freshness")


@nox.session
def lint(session: nox.Session) -> None:
    """Check the pages in seconds, without a build (file:line: what to do), then the Python code."""
    install(session)
    session.run("python", "-m", "community_trust.tools.lint", *session.posargs)
    session.run("ruff", "check", "--quiet", ".")


@nox.session
def new(session: nox.Session) -> None:
    """Start a resource page: nox -s new -- "Title" --topics accountability [--access members-only]."""
    install(session)
    session.run("python", "-m", "community_trust.tools.scaffold", *session.posargs)


@nox.session(name="new-packet")
def new_packet(session: nox.Session) -> None:
    """Start a training packet: nox -s new-packet -- "Title" --resources a,b [--format …] [--length minutes]."""
    install(session)
    session.run("python", "-m", "community_trust.tools.new_packet", *session.posargs)


# --- Publishing: the offline copy and the Lighthouse audit ----------------------
ZIP_PATH = BUILD_DIR / "community-trust-resources-html.zip"


@nox.session(name="zip")
def zip_site(session: nox.Session) -> None:
    """A clean HTML build as one zip for reading offline (_build/community-trust-resources-html.zip)."""
    install(session)
    # clean: stale pages must not ship, and search is complete only after a clean build
    shutil.rmtree(HTML_DIR, ignore_errors=True)
    shutil.rmtree(DOCTREE_DIR / "html", ignore_errors=True)
    sphinx_build(session, "html", HTML_DIR)
    session.run("python", "-m", "community_trust.site.offline", str(HTML_DIR), str(ZIP_PATH))


@nox.session
def audit(session: nox.Session) -> None:
    """Lighthouse scores of three pages served on loopback (a measurement, not a test)."""
    install(session)
    sphinx_build(session, "html", HTML_DIR)
    # Lighthouse, pinned by audit/package-lock.json, into audit/node_modules (not committed)
    session.run("npm", "ci", "--prefix", "audit", "--no-audit", "--no-fund", "--loglevel=error",
                external=True)
    session.run("python", "audit/lighthouse.py", str(HTML_DIR), *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Time the build and how it grows with the collection (a measurement, not a test):
    nox -s bench [-- --large --profile 1000]; a table, and JSON in benchmarks/results/."""
    install(session)
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def clean(session: nox.Session) -> None:
    """Remove build output."""
    for path in (BUILD_DIR, ROOT / "benchmarks" / "results"):
        shutil.rmtree(path, ignore_errors=True)
    session.log(f"removed {BUILD_DIR}/")
