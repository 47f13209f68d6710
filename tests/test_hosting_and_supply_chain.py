"""The hosting and the supply chain, checked here rather than on the day they break.

- the hosting, workflow and issue-form files follow their published schemas
  (``make lint``), and a mistake is named at its line;
- the Read the Docs build steps, run as that host runs them, leave the HTML,
  one zip and one PDF where it serves them, and binders whose QR codes lead
  to the hosted pages;
- every Python package is pinned with hashes and installed with
  ``--require-hashes``; every action is pinned to a full commit; Dependabot
  keeps both current; contributors can run the lint before each commit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_pdf import smallest_binder

from community_trust.tools import hosting_files, lint

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


# --- published schemas ----------------------------------------------------------

def test_the_hosting_workflow_and_form_files_follow_their_schemas() -> None:
    checked = {path.relative_to(ROOT).as_posix() for path, _ in hosting_files.files(ROOT)}
    assert {".readthedocs.yaml", ".github/dependabot.yml", ".github/ISSUE_TEMPLATE/config.yml"} <= checked
    assert {p.relative_to(ROOT).as_posix() for p in WORKFLOWS} <= checked
    assert lint.check_config_files(ROOT) == []


@pytest.mark.parametrize(("file", "old", "new", "at", "message"), [
    (".readthedocs.yaml", "version: 2", "version: 2\nsphinx_config: conf.py", "sphinx_config",
     "Additional properties are not allowed ('sphinx_config' was unexpected)"),
    (".github/workflows/ci.yml", "  workflow_dispatch:", "  workflow_dispatched:", "on",
     "this value is not valid under any of the given schemas (at on;"),
    (".github/ISSUE_TEMPLATE/broken-link.yml", "  - type: input", "  - type: textbox", "- type",
     "'textbox' is not one of ['checkboxes', 'dropdown', 'input', 'markdown', 'textarea', 'upload']"),
])
def test_a_mistake_in_a_config_file_is_named_at_its_line(tmp_path: Path, file: str, old: str, new: str,
                                                         at: str, message: str) -> None:
    for name in (".readthedocs.yaml", ".github"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if line.strip().startswith(f"{at}:"))
    found = lint.check_config_files(tmp_path)
    assert [(f.path, f.line) for f in found] == [(path, line)], found
    assert found[0].message.startswith(message), found[0].message


# --- Read the Docs, as the host runs it ---------------------------------------------

#: Read the Docs' order of the build jobs that a configuration may fill in
RTD_JOBS = ["post_checkout", "pre_system_dependencies", "post_system_dependencies", "pre_create_environment",
            "post_create_environment", "pre_install", "post_install", "pre_build", "build", "post_build"]


def _rtd_commands(jobs: dict) -> list[str]:
    commands: list[str] = []
    for job in RTD_JOBS:
        steps = jobs.get(job, [])
        if isinstance(steps, dict):  # build: {html: [...], pdf: [...], ...}
            steps = [command for formats in steps.values() for command in formats]
        commands += steps
    return commands


def _checkout(target: Path) -> Path:
    """The repository's files as a fresh clone has them (with this run's .venv)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


#: Read the Docs' address of the collection in the steps' environment (its canonical address)
HOSTED = "https://community-trust-resources.readthedocs.io/en/latest/"
#: the binders the host's ``make pdf`` builds here (``BINDERS``, as ``make pdf`` takes it): the whole
#: collection, which is also the PDF download, and the smallest binder, whose QR codes a test reads;
#: the steps are the host's own, and every binder is ``test_pdf.py``'s to check
HOST_BINDERS = f"community-trust-resources,{smallest_binder()[0]}"


@pytest.fixture(scope="module")
def read_the_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Read the Docs build steps, run once as that host runs them: the folder it serves."""
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    root = tmp_path_factory.mktemp("read-the-docs")
    checkout, output = _checkout(root / "checkout"), root / "output"
    env = {**os.environ, "READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(output),
           "READTHEDOCS_PROJECT": "community-trust-resources", "READTHEDOCS_VERSION": "latest",
           "READTHEDOCS_CANONICAL_URL": HOSTED,
           "READTHEDOCS_GIT_CLONE_URL": "https://github.com/example/community-trust-resources.git",
           "READTHEDOCS_GIT_IDENTIFIER": "main", "NO_COLOR": "1", "BINDERS": HOST_BINDERS}
    for command in _rtd_commands(config["build"]["jobs"]):
        done = subprocess.run(["bash", "-e", "-c", command], cwd=checkout, env=env, capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return output


@pytest.mark.pdf
def test_read_the_docs_build_steps_leave_what_the_host_serves(read_the_docs: Path) -> None:
    output = read_the_docs
    index = (output / "html" / "index.html").read_text(encoding="utf-8")
    assert f'rel="canonical" href="{HOSTED}' in index
    assert [p.name for p in (output / "htmlzip").iterdir()] == ["community-trust-resources.zip"]
    assert [p.name for p in (output / "pdf").iterdir()] == ["community-trust-resources.pdf"]
    assert (output / "pdf" / "community-trust-resources.pdf").read_bytes().startswith(b"%PDF")
    # every binder make pdf wrote is served from binders/
    assert sorted(p.name for p in (output / "html" / "binders").iterdir()) == sorted(
        f"{name}.pdf" for name in HOST_BINDERS.split(","))


@pytest.mark.pdf
def test_qr_codes_lead_to_the_hosted_collection_when_it_has_an_address(read_the_docs: Path, tmp_path: Path) -> None:
    """The host's binders are built with its address, so each resource's QR code leads to the
    resource's page in the hosted collection (and through a redirect after a rename)."""
    from test_pdf import Binder, decode_qr

    binder = Binder(read_the_docs / "html" / "binders" / f"{smallest_binder()[0]}.pdf")
    pages = binder.resources_in_outline()
    assert pages
    for slug in pages:
        assert decode_qr(binder.path, pages[slug][0], tmp_path) == [f"{HOSTED}resources/{slug}.html"]


# --- pins ------------------------------------------------------------------------------

def test_every_python_package_is_pinned_with_hashes() -> None:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    pinned = [e for e in entries if re.match(r"^[A-Za-z0-9._-]+==", e)]
    assert pinned and len(pinned) == len([e for e in entries if e.strip() and not e.startswith("#")])
    assert all("--hash=sha256:" in entry for entry in pinned), [e.split()[0] for e in pinned if "--hash" not in e]
    direct = {re.split(r"[\s\[<>=]", line, maxsplit=1)[0].lower()
              for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    assert direct <= {entry.split("==")[0].lower() for entry in pinned}


def test_installs_require_the_pinned_hashes_and_the_refresh_keeps_them() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install .*--require-hashes -r requirements\.txt", makefile)
    for doc in ("README.md", "requirements.in"):
        refresh = re.search(r"uv pip compile requirements\.in[^\n]*", (ROOT / doc).read_text(encoding="utf-8"))
        assert refresh and "--generate-hashes" in refresh.group(0), doc


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_actions_are_pinned_to_full_commits_with_their_version(workflow: Path) -> None:
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(.+)$", workflow.read_text(encoding="utf-8"), re.MULTILINE)
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", use.strip()), use


def test_dependabot_keeps_packages_and_actions_current() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"pip", "github-actions"}


def test_contributors_can_run_the_lint_before_each_commit() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "make lint" and hook["language"] == "system" for hook in hooks)
    assert ".pre-commit-config.yaml" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
