"""Every job of the collection, with its flags defined once.

The Makefile, CI and the hosting configuration all call these sessions, so
they cannot drift apart. Two ways to run them:

- ``make html`` / ``make test`` …: the Makefile creates ``.venv`` from
  ``requirements.txt`` and runs ``nox --no-venv --no-install -s …`` inside it;
- ``nox -s docs`` …: nox makes its own environment from ``requirements.txt``.
"""

from __future__ import annotations

import shutil
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


def sphinx_build(session: nox.Session, builder: str, outdir: Path, *extra: str) -> None:
    session.run("sphinx-build", "-b", builder, *SPHINX_FLAGS, "-d", str(DOCTREE_DIR / builder),
                *extra, SOURCE_DIR, str(outdir))


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


@nox.session
def tests(session: nox.Session) -> None:
    """Install missing system packages if allowed, then run the whole test suite."""
    install(session)
    session.run("bash", "scripts/install-system-deps.sh", external=True)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check every external address on the live web (needs the internet; on purpose only)."""
    install(session)
    sphinx_build(session, "linkcheck", BUILD_DIR / "linkcheck", *session.posargs)


@nox.session
def clean(session: nox.Session) -> None:
    """Remove build output."""
    for path in (BUILD_DIR, ROOT / "benchmarks" / "results"):
        shutil.rmtree(path, ignore_errors=True)
    session.log(f"removed {BUILD_DIR}/")
