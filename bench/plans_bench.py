"""Benchmark: plan parsing/summaries and the git burn-up (run on demand).

    .venv/bin/python bench/plans_bench.py [--plans 500] [--items 200] [--commits 300]

Targets (issue 4): 500 plans × 200 items parsed and summarised in ≤ 1 s; the burn-up
of a plan with 300 commits in ≤ 1 s. Prints figures and PASS/FAIL; not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docgen.plans import load_plans
from docgen.plans.history import plan_history
from docgen.plans.lint import Repository, lint_plans


def make_plan(rng: random.Random, phase: int, items: int, done: int | None = None) -> str:
    lines = [
        f"# Phase {phase} Execution Plan",
        "",
        "## Purpose",
        "",
        "Turn the phase into an execution checklist.",
        "",
        "## Status",
        "",
        f"- [x] Phase {phase} active",
        f"- [ ] Phase {phase} complete",
        "",
    ]
    per = max(items // 10, 1)
    n = 0
    for w in range(1, 11):
        lines += [f"## Workstream {w} - Stream {w}", "", "### Tasks", ""]
        for _ in range(per):
            checked = (n < done) if done is not None else rng.random() < 0.6
            mark = "x" if checked else " "
            lines.append(f"- [{mark}] task {n} wires `app_{w}` and `docs/file_{n}.md`")
            if n % 7 == 0:
                lines.append(f"  - [{mark}] sub-step of task {n}")
            n += 1
        lines += ["", "### Deliverables", "", f"- [ ] deliverable {w}", ""]
    return "\n".join(lines) + "\n"


def bench_parse(plans: int, items: int) -> tuple[float, float]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "docs/plans").mkdir(parents=True)
        for i in range(plans):
            (root / f"docs/plans/PHASE_{i}_EXECUTION_PLAN.md").write_text(
                make_plan(rng, i, items), encoding="utf-8"
            )
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            loaded = load_plans(root)
            summary = [
                (p.done, p.total, [(s.done, s.total) for s in p.progress_sections()])
                for p in loaded
            ]
            runs.append(time.perf_counter() - start)
        assert len(summary) == plans
        start = time.perf_counter()
        lint_plans(loaded, Repository(root, frozenset(), frozenset()))
        lint = time.perf_counter() - start
    return statistics.median(runs), lint


def bench_burnup(commits: int, items: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "b",
            "GIT_AUTHOR_EMAIL": "b@example.com",
            "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@example.com",
        }
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        plan = root / "docs/plans/PHASE_9_EXECUTION_PLAN.md"
        plan.parent.mkdir(parents=True)
        # One fast-import stream instead of 300 `git commit` processes.
        rng = random.Random(3)
        stream = []
        for c in range(commits):
            # Every commit changes the file (a plan that was only re-saved is no point).
            text = make_plan(rng, 9, items, done=c * items // commits)
            body = f"{text}\nLast updated by commit {c}.\n".encode()
            message = f"tick {c}"
            stream.append(
                f"commit refs/heads/main\ncommitter b <b@example.com> "
                f"{1_700_000_000 + c * 3600} +0000\ndata {len(message)}\n{message}\n"
                f"M 100644 inline {plan.relative_to(root).as_posix()}\n"
                f"data {len(body)}\n".encode()
                + body
                + b"\n"
            )
        subprocess.run(
            ["git", "-C", str(root), "fast-import", "--quiet"],
            input=b"".join(stream),
            check=True,
            env=env,
        )
        subprocess.run(["git", "-C", str(root), "checkout", "-q", "main"], check=True)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            history = plan_history(root, plan.relative_to(root).as_posix())
            runs.append(time.perf_counter() - start)
        return statistics.median(runs), len(history.points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=500)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--commits", type=int, default=300)
    args = parser.parse_args()
    parse_s, lint_s = bench_parse(args.plans, args.items)
    burn_s, points = bench_burnup(args.commits, args.items)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        (f"parse+summarise {args.plans} plans x {args.items} items", parse_s, 1.0),
        (f"lint the same {args.plans} plans", lint_s, None),
        (f"burn-up of {points} commits", burn_s, 1.0),
    ]
    for label, seconds, target in rows:
        verdict = "" if target is None else ("PASS" if seconds <= target else "FAIL")
        goal = "" if target is None else f"(target <= {target:.1f} s)"
        print(f"{label:<45} {seconds:7.3f} s  {goal:<18} {verdict}")
    print(f"{'peak RSS':<45} {rss:7.1f} MB")


if __name__ == "__main__":
    main()
