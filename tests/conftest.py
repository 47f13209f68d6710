"""Shared fixtures: the real collection, built once per test session.

Builds run Sphinx as a subprocess with the command line of
``noxfile.sphinx_command`` (the strict flags), so the tests exercise exactly
what contributors and CI run.
"""

from __future__ import annotations

import compileall
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from community_trust.pages.problems import Problem  # noqa: E402
from noxfile import sphinx_command  # noqa: E402  (the one builder of the build command)

#: the pages under test: docs/, or a copy named by CTR_TEST_DOCS (a test runs the checks
#: that depend on the set of pages again on a copy with a contributor's page added)
DOCS = Path(os.environ.get("CTR_TEST_DOCS") or ROOT / "docs").resolve()
#: The seed collection: the resources of the IACP page and their home topics. Content that
#: must stay (a test checks it is still there), never the whole: contributions add pages.
SEED_RESOURCES = {
    "addressing-sexual-offenses-and-misconduct": "accountability",
    "building-communities-of-trust": "civil-rights",
    "building-safer-communities": "crisis-response",
    "crowd-management-and-control-model-policy": "crisis-response",
    "crowd-management-concepts-and-issues-paper": "crisis-response",
    "doj-community-relations-service": "civil-rights",
    "emerging-use-of-force-issues": "use-of-force",
    "enhancing-law-enforcement-response-to-victims": "crisis-response",
    "internal-affairs-promising-practices-guide": "accountability",
    "inviting-the-community-into-planning": "accountability",
    "law-enforcement-advocates-in-denver": "crisis-response",
    "national-policy-summit-report": "civil-rights",
    "officer-shooting-investigation-protocols": "use-of-force",
    "police-pursuits": "use-of-force",
    "protecting-civil-rights": "civil-rights",
}
SEED_TOPICS = ("accountability", "use-of-force", "crisis-response", "civil-rights")
#: a fixed date, so builds are comparable byte for byte
SOURCE_DATE_EPOCH = "1764028800"  # 2025-11-25


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "WARNING" in line or "ERROR" in line]

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


#: ``-j`` of the tests' builds: the suite runs its files on every core at once (pytest-xdist), so a
#: build takes one; ``test_parallel_and_serial_builds_give_the_same_pages`` builds with ``-j auto``
TEST_JOBS = "1"


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *extra: str,
                 jobs: str = TEST_JOBS, env: dict[str, str] | None = None) -> Build:
    """Run the strict build of ``srcdir`` (a copy of docs/) into ``outdir``."""
    command = sphinx_command(srcdir, outdir, outdir / ".doctrees", builder, *extra, jobs=jobs,
                             python=(sys.executable,))
    # NO_COLOR: plain warnings to compare, even where CI forces colour on
    run_env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1", **(env or {})}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=run_env, check=False)
    return Build(srcdir, outdir, done.returncode, done.stdout, done.stderr)


def located(path: Path, line: int, message: str) -> tuple[Path, int, str]:
    """A problem as the tests compare it: where, and what to do (its kind is the code's business)."""
    return path, line, message


def placed(problems: list[Problem]) -> list[tuple[Path, int, str]]:
    return [located(p.path, p.line, p.message) for p in problems if p.path is not None]


def copy_docs(target: Path) -> Path:
    """A private copy of docs/ that a test may edit."""
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real collection, built once (HTML)."""
    out = tmp_path_factory.mktemp("site")
    build = sphinx_build(DOCS, out / "html")
    assert build.returncode == 0, build.stderr
    return build


def resource_slugs() -> list[str]:
    return sorted(p.stem for p in (DOCS / "resources").glob("*.md"))


def topic_slugs() -> list[str]:
    return sorted(p.stem for p in (DOCS / "topics").glob("*.md"))


def resources() -> dict[str, dict]:
    """slug → front matter of every resource page: what the tests expect is derived from it."""
    return {slug: front_matter(DOCS / "resources" / f"{slug}.md") for slug in resource_slugs()}


def topic_order() -> list[str]:
    """Topic slugs in the order the collection shows them (their front matter decides it)."""
    from community_trust.pages.reader import load_collection

    return [topic.slug for topic in load_collection(DOCS).sorted_topics()]


def read_page(path: Path):  # type: ignore[no-untyped-def]
    """The page at ``path`` (``<docs>/<folder>/<name>.md``), read the way the build reads it."""
    from community_trust.pages import reader

    return reader.read_page(path.parent.parent, f"{path.parent.name}/{path.stem}")


def front_matter(path: Path) -> dict:
    """The page's front matter, read the way the build reads it."""
    return read_page(path).matter.data


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium through Playwright, shared by the browser tests (see devtools/browser.py)."""
    from playwright.sync_api import sync_playwright

    from devtools import browser

    if not browser.CHROMIUM.exists():
        pytest.fail(browser.MISSING_CHROMIUM, pytrace=False)
    with sync_playwright() as playwright:
        instance = browser.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(site: Build):  # type: ignore[no-untyped-def]
    """The real collection served on a loopback port (base address, ends with /)."""
    from devtools import browser

    with browser.serve(site.outdir) as base:
        yield base


# --- a contributor's new pages (test_scaffold.py, test_new_page.py, test_lint.py) ----

#: a real resource not yet in the collection: the July 2010 guidance that
#: "Building Communities of Trust: A Guidance for Community Leaders" accompanies
TITLE = "Guidance for Building Communities of Trust"
SLUG = "guidance-for-building-communities-of-trust"
HOME = "civil-rights"
#: a page for the member-only path of the scaffold (exists only in the test's copy)
MEMBERS_TITLE = "Sample Members Only Model Policy"
MEMBERS_SLUG = "sample-members-only-model-policy"


def run_nox(*args: str) -> subprocess.CompletedProcess[str]:
    """A nox session inside the project's environment, as the Makefile runs it."""
    bin_dir = Path(sys.executable).parent
    # NO_COLOR rather than --no-color: nox refuses the flag when FORCE_COLOR is set
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([str(bin_dir / "nox"), "--no-venv", "--no-install", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, check=False)


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line of ``path`` that contains ``text``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.fixture(scope="session")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A copy of the collection with two new pages, made the way a contributor makes them."""
    from community_trust.tools import scaffold

    docs = copy_docs(tmp_path_factory.mktemp("scaffolded") / "docs")
    made = run_nox("-s", "new", "--", TITLE, "--topics", f"{HOME},accountability", "--docs-dir", str(docs))
    answers = iter([MEMBERS_TITLE, "crisis", "members", "model-policy"])
    code = scaffold.main(["--docs-dir", str(docs)], ask=lambda _: next(answers), interactive=True)
    assert code == 0
    return docs, made


#: the files whose tests take longest (builds of the binders, the host's steps, a browser), longest
#: first (``pytest --durations=0``, summed by file): pytest-xdist hands files to its workers in
#: collection order (``--no-loadscope-reorder``), and a long file handed out last would leave one
#: worker running alone
SLOWEST_FILES = ("test_pdf.py", "test_hosting_and_supply_chain.py", "test_accessibility.py", "test_new_page.py",
                 "test_pdf_settings.py", "test_hostile_pages.py", "test_bench.py", "test_search.py",
                 "test_over_time.py")


#: the project's own Python, which every build and worker process the tests start imports
COMPILED_FOLDERS = ("community_trust", "devtools", "benchmarks", "tests")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the project's own modules once, before the test workers start: where
    PYTHONDONTWRITEBYTECODE is set (many CI images set it), every one of the hundred-odd
    builds the tests start would compile them again (about 0.3 s each)."""
    if not hasattr(config, "workerinput"):  # the main process only (pytest-xdist's workers have it)
        for folder in COMPILED_FOLDERS:
            compileall.compile_dir(ROOT / folder, quiet=1)
        compileall.compile_file(ROOT / "noxfile.py", quiet=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOWEST_FILES)))  # stable: the rest keep their order
