"""Does another revision build the same HTML of the real collection?

Builds ``docs/`` twice with the strict flags (``noxfile.SPHINX_FLAGS``),
``SOURCE_DATE_EPOCH`` and this environment's packages: once with this
checkout's conf.py and extension, once with those of git revision REV
(extracted with ``git archive`` into a temporary folder). Both read this
checkout's pages (``--own-docs``: each revision its own), so what differs comes
from the code. Then it lists every output file that is in one build only or
differs in a byte, with where the first difference is and a short unified diff
(REV, then this checkout) of each text file. Left out of the comparison, and
only these: hidden files (``.buildinfo``; the doctrees are written elsewhere),
the builder's caches, which the offline zip leaves out too.

    python benchmarks/compare_html.py main
    python benchmarks/compare_html.py HEAD~3 --lines 80 --keep /tmp/html-compare

Exit status: 0 when every output file is byte-identical, 1 when some differ,
2 when a build failed or REV is unknown.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the benchmark's strict build and its checkout of another revision)

#: text outputs shown as a diff; others (images, objects.inv) are only named
TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".xml", ".txt", ".bib", ".ris", ".svg"}
#: characters of a diff line, and of the context around a first difference
LINE_WIDTH = 160
CONTEXT = 60


def first_difference(old: bytes, new: bytes) -> int:
    """Offset of the first byte that differs (the shorter length when one is a prefix)."""
    same = 0
    length = min(len(old), len(new))
    step = 4096
    while same < length and old[same:same + step] == new[same:same + step]:
        same += step
    same = min(same, length)
    while same < length and old[same] == new[same]:
        same += 1
    return same


def changed_span(old: bytes, new: bytes) -> tuple[int, int, int]:
    """(start, end in ``old``, end in ``new``) of what lies between the common beginning and
    the common end: every difference is inside it."""
    start = first_difference(old, new)
    common_end = first_difference(old[start:][::-1], new[start:][::-1])
    return start, len(old) - common_end, len(new) - common_end


def shown(data: bytes, start: int, end: int) -> str:
    """``data[start:end]`` in brackets, with some text around it, on one line; a long span cut."""
    def text(part: bytes) -> str:
        return part.decode("utf-8", errors="replace").replace("\n", "⏎")

    span = data[start:end]
    if len(span) > 2 * CONTEXT:
        middle = f"{text(span[:CONTEXT])} … {len(span) - 2 * CONTEXT:,} bytes … {text(span[-CONTEXT:])}"
    else:
        middle = text(span)
    return f"…{text(data[max(start - CONTEXT, 0):start])}[{middle}]{text(data[end:end + CONTEXT])}…"


def unified_diff(name: str, old: bytes, new: bytes, label: str) -> list[str]:
    """The unified diff of a text file (REV, then this checkout); [] for other files."""
    if Path(name).suffix not in TEXT_SUFFIXES:
        return []
    return list(difflib.unified_diff(old.decode("utf-8", errors="replace").splitlines(),
                                     new.decode("utf-8", errors="replace").splitlines(),
                                     fromfile=f"{label}/{name}", tofile=f"this/{name}", n=2, lineterm=""))


def changed_lines(diff: list[str], name: str) -> tuple[str, ...]:
    """What changed, without where: files that changed the same way are shown once."""
    lines = tuple(line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
    return lines or (name,)


def describe(name: str, old: bytes, new: bytes, diff: list[str], label: str, lines: int) -> list[str]:
    """Sizes, where the differences lie (shown when the diff cannot show them: long lines,
    not text), and at most ``lines`` lines of the diff."""
    start, old_end, new_end = changed_span(old, new)
    line_no = old[:start].count(b"\n") + 1
    out = [f"{name}: {len(old):,} bytes at {label}, {len(new):,} here; they differ between byte {start:,} "
           f"(line {line_no}) and {old_end:,} at {label}, {new_end:,} here"]
    if not diff or any(len(line) > LINE_WIDTH for line in diff[:lines]):
        out += [f"  {label}: {shown(old, start, old_end)}", f"  this: {shown(new, start, new_end)}"]
    if all(len(line) > LINE_WIDTH for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")):
        return out  # one long line (a search index): the span above says more than its diff
    for line in diff[:lines]:
        out.append(line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH] + " …")
    if len(diff) > lines:
        out.append(f"… {len(diff) - lines} more lines of diff (--lines N shows more)")
    return out


def compare(old: Path, new: Path, label: str, lines: int = 40, diffs: int = 10) -> tuple[list[str], list[str]]:
    """(differing output files, report lines) of the builds in ``old`` (REV) and ``new`` (this)."""
    before, after = bench.output_files(old), bench.output_files(new)
    differing = bench.differing_files(old, new)
    report = [f"compared {len(before.keys() | after.keys()):,} output files "
              "(hidden files such as .buildinfo left out: the builder's caches)"]
    if not differing:
        return differing, [*report, f"byte-identical: every output file is the same at {label} and here"]
    changed = [n for n in differing if n in before and n in after]
    report.append(f"{len(differing)} of them differ:")
    report += [f"  only at {label}: {n}" for n in differing if n not in after]
    report += [f"  only here: {n}" for n in differing if n not in before]
    report += [f"  differs: {n}" for n in changed]
    # files whose changed lines are the same (a stylesheet's hash in every page) are shown once
    groups: dict[tuple[str, ...], list[tuple[str, bytes, bytes, list[str]]]] = {}
    for name in changed:
        a, b = before[name].read_bytes(), after[name].read_bytes()
        diff = unified_diff(name, a, b, label)
        groups.setdefault(changed_lines(diff, name), []).append((name, a, b, diff))
    for members in list(groups.values())[:diffs]:
        name, a, b, diff = members[0]
        report.append("")
        if len(members) > 1:
            others = [m[0] for m in members[1:]]
            report.append(f"the same changed lines in {len(members)} files: {name}, "
                          f"{', '.join(others[:8])}{' …' if len(others) > 8 else ''}")
        report += describe(name, a, b, diff, label, lines)
    if len(groups) > diffs:
        report.append(f"\n… {len(groups) - diffs} more kinds of difference not shown (--files N shows more)")
    return differing, report


def build(docs: Path, out: Path, other: bench.Revision | None) -> None:
    """The strict HTML build of ``docs`` into ``out/html`` (doctrees beside it, not inside)."""
    bench.sphinx(docs, out / "html", out / "doctrees", python=bench.ISOLATED,
                 extra=other.build_flags() if other else ())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", metavar="REV", help="git revision to compare with (branch, tag, commit)")
    parser.add_argument("--own-docs", action="store_true",
                        help="REV builds its own docs/ instead of this checkout's pages")
    parser.add_argument("--lines", type=int, default=40, help="lines of diff per file (default 40)")
    parser.add_argument("--files", type=int, default=10,
                        help="differing files shown with a diff (default 10; files changed the same way count once)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep both builds in DIR/this and DIR/REV-COMMIT (replaced if there)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ctr-compare-html-"))
    try:
        other = bench.checkout(args.revision, work)
        this = bench.this_revision()
        docs = other.tree / "docs" if args.own_docs else bench.DOCS
        print(f"building docs/ with this checkout ({this}) and with {other.label}"
              f"{' (its own docs/)' if args.own_docs else ''}", file=sys.stderr, flush=True)
        build(bench.DOCS, work / "this", None)
        try:
            build(docs, work / "other", other)
        except bench.BenchError as problem:
            print(f"{other.label} could not build {'its' if args.own_docs else 'these'} pages:", file=sys.stderr)
            print("\n".join(f"  {line}" for line in bench.failure_summary(problem)), file=sys.stderr)
            return 2
        differing, report = compare(work / "other" / "html", work / "this" / "html", other.label,
                                    args.lines, args.files)
        print(f"HTML of the real collection: this checkout ({this}) against {other.label}")
        print("\n".join(report))
        if args.keep:
            for side, name in (("this", "this"), ("other", f"{args.revision}-{other.commit}")):
                target = args.keep / name.replace("/", "_")
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(work / side / "html", target)
            print(f"both builds kept in {args.keep}")
        return 1 if differing else 0
    except bench.RevisionError as problem:
        print(problem, file=sys.stderr)
        return 2
    except bench.BenchError as problem:
        print("this checkout's build failed or warned:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in bench.failure_summary(problem)), file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
