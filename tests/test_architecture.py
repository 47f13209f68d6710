"""The package's shape holds: stages import only downwards, the parts that need no Sphinx load
none, everything that runs while pages are read is in the stages the environment's version
follows, and settings are checked where they are declared (see ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, SOURCE_DATE_EPOCH, resource_slugs, sphinx_build

import community_trust
from community_trust import settings

PACKAGE = ROOT / "community_trust"
#: each stage and the stages it may import (ARCHITECTURE.md, "Code map")
MAY_IMPORT = {
    "pages": {"pages"},
    "citations": {"pages", "citations"},
    "build": {"pages", "citations", "build", "settings"},
    "site": {"pages", "citations", "build", "site", "settings"},
    "binders": {"pages", "citations", "build", "binders", "settings"},
    "tools": {"pages", "tools"},
    "settings": {"pages"},
}
#: the stages a contributor's tools use without a build
WITHOUT_SPHINX = ("pages", "citations", "tools")
SPHINX_PACKAGES = ("sphinx", "sphinx_design", "docutils", "myst_parser")


def _modules(stage: str) -> list[str]:
    folder = PACKAGE / stage
    return sorted(f"community_trust.{stage}.{path.stem}".removesuffix(".__init__")
                  for path in folder.glob("*.py"))


def _stage_of(module: str) -> str:
    return module.split(".")[1]


def _imports(path: Path) -> set[str]:
    """The package's own modules ``path`` imports (at any depth of the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("community_trust."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("community_trust.")}
    return found


def test_stages_import_only_the_stages_below_them() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        stage = relative.parts[0].removesuffix(".py") if len(relative.parts) > 1 or relative.stem == "settings" \
            else None
        if stage is None:
            continue  # __init__.py: setup() loads every stage
        for module in _imports(path):
            if _stage_of(module) not in MAY_IMPORT[stage]:
                wrong.append(f"{relative} imports {module}")
    assert wrong == []


def test_the_top_level_holds_a_handful_of_modules() -> None:
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "settings.py"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(MAY_IMPORT) - {
        "settings"}


@pytest.mark.parametrize("stage", WITHOUT_SPHINX)
def test_the_parts_that_need_no_sphinx_import_without_it(stage: str) -> None:
    """Imported in a fresh interpreter, a stage of ``WITHOUT_SPHINX`` loads no Sphinx, docutils or MyST
    (the lint loads MyST's parser only when it parses a page)."""
    modules = [*_modules(stage), "community_trust", "community_trust.settings"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            f"print(sorted(p for p in {SPHINX_PACKAGES!r} if p in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_lint_runs_without_sphinx(tmp_path: Path) -> None:
    code = ("import sys\nfrom community_trust.tools import lint\n"
            f"found = lint.lint(__import__('pathlib').Path({str(DOCS)!r}), spelling=[])\n"
            "print(len(found), 'sphinx' in sys.modules, 'myst_parser' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False", "True"]


#: the events Sphinx emits while it reads pages: what their handlers make is saved in the environment
READ_EVENTS = ("env-get-outdated", "env-before-read-docs", "source-read", "include-read", "doctree-read",
               "env-purge-doc", "env-merge-info", "env-updated", "env-check-consistency")


def test_what_runs_while_pages_are_read_is_in_the_stages_the_environment_follows(tmp_path: Path) -> None:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with patch_docutils(ROOT), docutils_namespace():  # as sphinx-build runs it: nothing left registered
        app = Sphinx(str(DOCS), str(ROOT), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                     status=None, warning=None, freshenv=True)
    ours = []
    for event in READ_EVENTS:
        ours += [(event, listener.handler.__module__) for listener in app.events.listeners.get(event, [])]
    ours += [("transform", t.__module__) for t in app.registry.get_transforms()]
    ours += [("parser", p.__module__) for p in app.registry.get_source_parsers().values()]
    ours += [("domain", d.__module__) for d in app.registry.domains.values()]
    ours = [(what, module) for what, module in ours if module.startswith("community_trust.")]
    assert ours, "the extension registers read-time handlers"
    outside = [(what, module) for what, module in ours if _stage_of(module) not in community_trust.ENV_STAGES]
    assert outside == []


def test_the_environment_version_follows_the_code_of_those_stages(tmp_path: Path) -> None:
    copy = tmp_path / "community_trust"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = community_trust.env_version(copy)
    assert before == community_trust.env_version(PACKAGE)
    for stage in community_trust.ENV_STAGES:
        some = sorted((copy / stage).glob("*.py"))[-1]
        text = some.read_text(encoding="utf-8")
        some.write_text(text + "\n# changed\n", encoding="utf-8")
        assert community_trust.env_version(copy) != before, stage
        some.write_text(text, encoding="utf-8")
    assert community_trust.env_version(copy) == before


def test_a_change_to_the_citation_code_shows_on_every_page_after_an_incremental_build(tmp_path: Path) -> None:
    """A checkout with an existing _build/ pulls a change to the citation code: every page shows it."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy2(ROOT / "conf.py", checkout / "conf.py")
    for folder in ("community_trust", "theme", "docs"):
        shutil.copytree(ROOT / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__"))

    def build() -> None:
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", ".", "-n", "-W", "--keep-going",
                   "-d", "_build/doctrees", "docs", "_build/html"]
        done = subprocess.run(command, cwd=checkout, capture_output=True, text=True, check=False,
                              env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1",
                                   "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr

    build()
    formats = checkout / "community_trust" / "citations" / "formats.py"
    text = formats.read_text(encoding="utf-8")
    marker = "Cited from the collection."
    changed = text.replace("    return parts\n", f"    return [*parts, ('text', ' {marker}')]\n", 1)
    assert changed != text
    formats.write_text(changed, encoding="utf-8")
    build()
    stale = [slug for slug in resource_slugs()
             if marker not in (checkout / "_build" / "html" / "resources" / f"{slug}.html").read_text("utf-8")]
    assert stale == []


def test_a_bad_setting_stops_the_build_naming_the_setting_and_what_it_takes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"  # a one-page collection: the setting is checked before any page is read
    docs.mkdir()
    (docs / "index.md").write_text("---\ntitle: Home\n---\n\nNothing yet.\n", encoding="utf-8")
    build = sphinx_build(docs, tmp_path / "out", "html", "-D", "ctr_sidebar_window=-3")
    assert build.returncode != 0
    assert "ctr_sidebar_window = -3: use a whole number of resources" in build.stderr
    assert "Traceback" not in build.stderr


def test_every_setting_is_declared_once_with_its_type_default_and_help() -> None:
    declared = {item.name for item in settings.FIELDS}
    registered = set()
    for path in PACKAGE.rglob("*.py"):
        if "add_config_value" in path.read_text(encoding="utf-8"):
            registered.add(path.relative_to(PACKAGE).as_posix())
    assert registered == {"settings.py"}
    assert all(item.metadata["help"] for item in settings.FIELDS)
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    written = {line.split("=")[0].strip().removeprefix(settings.PREFIX) for line in conf.splitlines()
               if line.startswith(settings.PREFIX)}
    assert written <= declared
