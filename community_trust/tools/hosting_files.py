"""The hosting, workflow and issue-form files, checked against their published schemas.

A mistake in ``.readthedocs.yaml`` or a workflow shows up only when the host
runs it, often after merging. ``check-jsonschema`` ships the published
schemas of these files (Read the Docs, GitHub workflows, issue forms,
Dependabot), so ``make lint`` checks them offline, in seconds, and names the
line of each mistake. No Sphinx import: part of the lint.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from community_trust.pages.problems import Kind, Problem

#: file patterns under the repository root → the schema check-jsonschema ships for them
SCHEMAS = {
    ".readthedocs.yaml": "vendor.readthedocs",
    ".github/workflows/*.yml": "vendor.github-workflows",
    ".github/ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
    ".github/dependabot.yml": "vendor.dependabot",
}
ISSUE_FORMS = ".github/ISSUE_TEMPLATE/*.yml"  # every one but config.yml
ISSUE_FORM_SCHEMA = "vendor.github-issue-forms"

_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")
_WHOLE_VALUE = re.compile(r"^[\[{].*[\]}] (?=is )", re.DOTALL)
_UNEXPECTED = re.compile(r"^Additional properties are not allowed \('([^']+)' was unexpected\)")


def files(root: Path) -> Iterator[tuple[Path, str]]:
    """Each file there is to check, with its schema."""
    for pattern, schema in SCHEMAS.items():
        for path in sorted(root.glob(pattern)):
            yield path, schema
    for path in sorted(root.glob(ISSUE_FORMS)):
        if path.name != "config.yml":
            yield path, ISSUE_FORM_SCHEMA


def line_of(text: str, json_path: str) -> int:
    """The 1-based line of the part at ``json_path`` (``$.build.jobs[0]``) of a YAML text.

    A mapping entry is named by its key's line; a path that goes past what
    exists stops at the deepest part that does.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
    line = 1
    for key, index in _STEP.findall(json_path.removeprefix("$")):
        if isinstance(node, yaml.MappingNode) and key:
            entry = next(((name, value) for name, value in node.value if str(name.value) == key), None)
            if entry is None:
                break
            line, node = entry[0].start_mark.line + 1, entry[1]
        elif isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        else:
            break
    return line


def check(root: Path) -> list[Problem]:
    """Every schema error in the repository's hosting, workflow and issue-form files."""
    by_schema: dict[str, list[Path]] = {}
    for path, schema in files(root):
        by_schema.setdefault(schema, []).append(path)
    found: list[Problem] = []
    for schema, paths in by_schema.items():
        command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, "-o", "JSON",
                   *map(str, paths)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            found.append(Problem(1, f"check-jsonschema could not run: {done.stderr.strip()[-300:]}", Kind.HOSTING, paths[0]))
            continue
        for error in report.get("errors", []):
            path = Path(error["filename"])
            # an unexpected key is reported at its parent; name the key's own line
            unexpected = _UNEXPECTED.search(error["message"])
            json_path = f"{error['path']}.{unexpected.group(1)}" if unexpected else error["path"]
            line = line_of(path.read_text(encoding="utf-8"), json_path)
            where = error["path"].removeprefix("$").removeprefix(".") or "the file"
            message = _WHOLE_VALUE.sub("this value ", error["message"])  # not the whole mapping again
            found.append(Problem(line, f"{message} (at {where}; the file must follow the "
                                              f"published schema '{schema.removeprefix('vendor.')}')", Kind.HOSTING, path))
        for error in report.get("parse_errors", []):
            path = Path(error.get("filename", paths[0]))
            found.append(Problem(1, f"the file cannot be read: {error.get('message', error)}", Kind.HOSTING, path))
    return found
