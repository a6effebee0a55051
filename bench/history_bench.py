"""How fast are trees through git history? Run on demand, not a test.

    .venv/bin/python bench/history_bench.py [--apps 200] [--commits 200] [--runs 3]

Builds the 2,000-module benchmark umbrella of ``tree_bench.py`` (200 apps of 10
modules, seeded) into a git repository, then a generated history of ``--commits``
commits on top of it: each edits one to three files the way a team does (a worker
body changed, a child added to or removed from an application, a supervisor's
strategy flipped, a file renamed unchanged). It measures, side by side:

* one cold ``docgen tree --rev A --format json`` in a fresh process, and one cold
  ``docgen diff A B --format json`` (A: the middle of the history, B: its tip), in
  fresh processes, alternating; target: diff ≤ 1.5 × the cold tree;
* in one process: ``analyse_commit(A)`` cold, then again (every blob seen), against a
  warm ``analyse`` of the checkout (nothing changed on disk); target: a revision
  whose blobs were all seen costs about as much as the warm run (≤ 3 × and < 0.25 s);
* how many files the diff parsed: only the blobs that differ between A and B.

Ratios are medians of per-run ratios; exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tree_bench import generate

from docgen.elixir import ParseCache, analyse
from docgen.elixir.revision import analyse_commit
from docgen.git import Repo

DIFF_LIMIT = 1.5
SEEN_RATIO = 3.0
SEEN_LIMIT = 0.25
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=ENV
    )
    return done.stdout


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def history(root: Path, commits: int, rng: random.Random) -> list[str]:
    """``commits`` commits of realistic edits; their SHAs, oldest first."""
    shas = [commit(root, "umbrella")]
    apps = sorted((root / "apps").iterdir())
    for n in range(1, commits):
        for _ in range(rng.randint(1, 3)):
            app = rng.choice(apps)
            lib = app / "lib" / app.name
            change = rng.random()
            application = lib / "application.ex"
            if change < 0.45:  # a worker's body
                workers = sorted(p for p in lib.glob("*.ex") if p.name != "application.ex")
                target = rng.choice(workers)
                target.write_text(target.read_text() + f"\n# revision {n}\n")
            elif change < 0.7:  # a child added
                text = application.read_text()
                text = text.replace("children = [", f"children = [\n      Synthetic.Extra{n},", 1)
                application.write_text(text)
            elif change < 0.85:  # a child removed (one added before), or a strategy flipped
                text = application.read_text()
                text, removed = re.subn(r"\n      Synthetic\.Extra\d+,", "", text, count=1)
                if not removed:
                    text = text.replace("strategy: :one_for_one", "strategy: :rest_for_one", 1)
                application.write_text(text)
            else:  # a file renamed, unchanged
                files = sorted(p for p in lib.glob("*.ex") if p.name != "application.ex")
                source = rng.choice(files)
                git(root, "mv", str(source), str(source.with_name(f"r{n}_{source.name}")))
        shas.append(commit(root, f"change {n}"))
    return shas


def cold(root: Path, *argv: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "docgen.cli", *argv],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=200)
    parser.add_argument("--modules-per-app", type=int, default=10)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="docgen-history-bench-"))
    try:
        root = work / "umbrella"
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        start = time.perf_counter()
        generate(root, args.apps, args.modules_per_app, seed=7)
        shas = history(root, args.commits, random.Random(11))
        made = time.perf_counter() - start
        a, b = shas[len(shas) // 2], shas[-1]
        changed = git(root, "diff", "--name-only", "-M", a, b).split()
        print(
            f"history: {len(shas)} commits over {args.apps * args.modules_per_app} modules "
            f"(made in {made:.1f} s); A..B changes {len(changed)} files"
        )

        trees, diffs, ratios = [], [], []
        for _ in range(args.runs):
            tree = cold(root, "tree", "--rev", a, "--format", "json")
            diff = cold(root, "diff", a, b, "--format", "json")
            trees.append(tree)
            diffs.append(diff)
            ratios.append(diff / tree)
        ratio = statistics.median(ratios)

        repo = Repo(root)
        seen_runs, warm_runs, seen_ratios, cold_runs = [], [], [], []
        parsed_by_diff = 0
        for _ in range(args.runs):
            cache = ParseCache(limit=8192)
            cold_runs.append(timed(lambda c=cache: analyse_commit(repo, a, "", c)))
            seen = timed(lambda c=cache: analyse_commit(repo, a, "", c))
            before = cache.parses
            analyse_commit(repo, b, "", cache)
            parsed_by_diff = cache.parses - before
            warm_cache = ParseCache(limit=8192)
            analyse(root, warm_cache)
            time.sleep(3.2)  # past the settle window, so the stat shortcut holds
            analyse(root, warm_cache)
            warm = timed(lambda c=warm_cache: analyse(root, c))
            seen_runs.append(seen)
            warm_runs.append(warm)
            seen_ratios.append(seen / warm)
        seen_median = statistics.median(seen_runs)
        seen_ratio = statistics.median(seen_ratios)

        ok_diff = ratio <= DIFF_LIMIT
        ok_seen = seen_ratio <= SEEN_RATIO and seen_median < SEEN_LIMIT
        rows: list[tuple[str, str, str] | tuple[str, str, str, bool]] = [
            ("cold tree --rev A (fresh process)", f"{statistics.median(trees):.2f} s", ""),
            ("cold diff A B (fresh process)", f"{statistics.median(diffs):.2f} s", ""),
            ("diff / cold tree", f"{ratio:.2f}×", f"≤ {DIFF_LIMIT}", ok_diff),
            ("analyse_commit(A), cold cache", f"{statistics.median(cold_runs):.2f} s", ""),
            ("analyse_commit(A), blobs all seen", f"{seen_median * 1000:.0f} ms", ""),
            ("analyse(checkout), warm", f"{statistics.median(warm_runs) * 1000:.0f} ms", ""),
            ("seen / warm", f"{seen_ratio:.2f}×", f"≤ {SEEN_RATIO}", ok_seen),
            ("files parsed for B after A", str(parsed_by_diff), f"≤ {len(changed)}"),
        ]
        width = max(len(r[0]) for r in rows)
        for row in rows:
            verdict = "" if len(row) < 4 else ("PASS" if row[-1] else "FAIL")
            print(f"  {row[0]:<{width}}  {row[1]:>10}  {row[2]:<8} {verdict}".rstrip())
        return 0 if ok_diff and ok_seen and parsed_by_diff <= len(changed) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
