"""The repository's files for contributors: the style guide documents every
field, the contributing guide names commands that exist, CI runs the
Makefile, and the issue forms are valid."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import DOCS, ROOT

from community_trust.pages import rules, schema
from community_trust.tools import scaffold


def test_styleguide_documents_every_field_and_choice() -> None:
    guide = (ROOT / "STYLEGUIDE.md").read_text(encoding="utf-8")
    for name in schema.RESOURCE_FIELDS:
        assert f"`{name}`" in guide, name
    for choices in (schema.RESOURCE_TYPES, schema.ACCESS_LEVELS, schema.VERIFIED_BY, schema.IDENTIFIER_SCHEMES):
        for key in choices:
            assert f"`{key}`" in guide, key
    for section in rules.SECTIONS:
        assert f"## {section}" in guide


def test_contributing_guide_names_the_commands_it_relies_on() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("make new-resource", "make live", "make lint", "make html", "STYLEGUIDE.md"):
        assert command in guide, command
    make_help = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in re.findall(r"`make ([a-z-]+)", guide):
        assert f"make {target} " in make_help, target


def test_ci_runs_the_makefile_on_pull_requests_and_the_link_check_only_on_schedule() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = ci[True]  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers
    steps = [s.get("run", "") for job in ci["jobs"].values() for s in job["steps"]]
    for command in ("make lint", "make html", "make test", "make pdf"):
        assert any(command in run for run in steps), command
    uploads = [s for job in ci["jobs"].values() for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    assert any("_build/pdf" in str(s.get("with", {}).get("path", "")) for s in uploads)
    links = yaml.safe_load((ROOT / ".github" / "workflows" / "linkcheck.yml").read_text(encoding="utf-8"))
    assert "schedule" in links[True] and "pull_request" not in links[True]
    assert any("make linkcheck" in s.get("run", "") for job in links["jobs"].values() for s in job["steps"])


def test_issue_forms_are_valid() -> None:
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for name in ("suggest-resource.yml", "broken-link.yml", "correct-fact.yml"):
        form = yaml.safe_load((forms / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
    assert yaml.safe_load((forms / "config.yml").read_text(encoding="utf-8"))["blank_issues_enabled"] is False
    # the suggestion form offers the collection's topics, in their order
    suggest = yaml.safe_load((forms / "suggest-resource.yml").read_text(encoding="utf-8"))
    topic = next(item for item in suggest["body"] if item.get("id") == "topic")
    assert topic["attributes"]["options"] == [t.title for t in scaffold.known_topics(DOCS)] + ["Not sure"]


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "STYLEGUIDE.md"])
def test_the_list_of_what_a_page_may_contain_names_every_allowed_directive_and_role(name: str) -> None:
    from community_trust.pages import allowed

    text = (ROOT / name).read_text(encoding="utf-8")
    missing = [d for d in [*allowed.DIRECTIVES, *allowed.ROLES] if f"`{{{d}}}`" not in text]
    assert missing == []
