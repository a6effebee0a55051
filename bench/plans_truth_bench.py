"""Does plan reading cry wolf on real prose? Run on demand, not a test.

    .venv/bin/python bench/plans_truth_bench.py [--roots /usr /root /opt] [--show 10]

1. Every Markdown file under ``--roots`` (READMEs, changelogs and TODO lists of the
   installed packages and toolchains stand in for plans nobody here wrote) is read
   as a plan: how many "complete" declarations and follow-up headings are found,
   with samples to judge by eye (a changelog's "Phase 2 is complete." would be a
   false declaration).
2. This repository's own docs, every list item turned into a checked claim, are
   linted against this repository: each DG204/DG205/DG206 is listed, as these docs
   name real things, a finding is either a real mistake in the docs or a false
   positive.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from pathlib import Path

from docgen.elixir import analyse
from docgen.plans.lint import Repository, lint_plan
from docgen.plans.parser import parse_plan

REPO = Path(__file__).resolve().parents[1]
SKIP = {"proc", "sys", "tmp", "farm", ".library", "node_modules", ".git"}
_ITEM = re.compile(r"^(\s*[-*+]\s+)(?!\[[ xX]\])", re.M)


def markdown_files(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        for current, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP and not Path(current, d).is_symlink()]
            if Path(current).resolve().is_relative_to(REPO):
                dirs[:] = []
                continue
            found.extend(
                Path(current, f) for f in files if f.lower().endswith((".md", ".markdown"))
            )
    return sorted(set(found))


def prose(files: list[Path], show: int) -> None:
    declared: list[tuple[Path, str]] = []
    follow_ups: Counter[str] = Counter()
    plans = 0
    start = time.perf_counter()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        plans += 1
        plan = parse_plan(text, path.name)
        for d in plan.declarations:
            if d.state == "complete" and not d.follow_up:
                declared.append((path, d.text))
        stack = list(plan.sections)
        while stack:
            section = stack.pop()
            if section.follow_up:
                follow_ups[section.title] += 1
            else:
                stack.extend(section.subsections)
    took = time.perf_counter() - start
    print(f"prose: {plans} Markdown files read as plans in {took:.1f} s")
    print(f"  'complete' declarations found: {len(declared)}")
    for path, text in declared[:show]:
        print(f"    {path}: {text[:110]!r}")
    print(f"  follow-up headings found: {sum(follow_ups.values())}")
    for title, n in follow_ups.most_common(show):
        print(f"    {n:4} × {title[:80]!r}")


def own_docs(show: int) -> None:
    repository = Repository.of(REPO, analyse(REPO / "beam"))
    docs = sorted((REPO / "docs").rglob("*.md"))
    seed = (
        sorted(Path("/work/shared/seed").glob("*.md")) if Path("/work/shared/seed").is_dir() else []
    )
    counts: Counter[str] = Counter()
    items = 0
    listed: list[str] = []
    for path in [*docs, *seed]:
        text = _ITEM.sub(lambda m: m.group(1) + "[x] ", path.read_text(encoding="utf-8"))
        rel = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
        plan = parse_plan(text, rel)
        items += plan.total
        for d in lint_plan(plan, repository):
            if d.code in ("DG204", "DG205", "DG206"):
                counts[d.code] += 1
                listed.append(f"    {d.location}: {d.code} {d.message[:120]}")
    print(f"own docs as checked claims: {len(docs) + len(seed)} files, {items} items")
    print("  " + ", ".join(f"{code}: {counts[code]}" for code in ("DG204", "DG205", "DG206")))
    for line in listed[: show * 3]:
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roots", nargs="*", default=["/usr", "/root", "/opt", "/work/shared"])
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args(argv)
    prose(markdown_files([Path(r) for r in args.roots if Path(r).is_dir()]), args.show)
    own_docs(args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
