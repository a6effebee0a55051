"""Benchmark: what docgen costs a build, under Zensical and under MkDocs.

    .venv/bin/python bench/engines_bench.py [--pages 100] [--macro-pages 40] [--apps 12]
        [--runs 3] [--keep DIR]

Generates one site of about 100 pages (each about 4 kB of Markdown with ``--parts 12``,
the size of a typical docs page; five sections, a full nav, two phase plans
and a masterplan among them) beside a generated umbrella (``elixir/``, the tree
benchmark's generator), with the pluglet and no ``extra.docgen``. ``--macro-pages``
of the pages call macros as a real site would (:func:`macro_calls`): an overview
of the whole umbrella, a page per application with its tree and ownership table,
and plan pages with progress bars and badges. Each variant is built in a
fresh process (``--clean`` for Zensical), ``--runs`` times, variants interleaved;
targets are judged on the medians (the fastest runs' ratios are printed too):

- Zensical, which calls ``define_env`` once per macro page: the site with all the
  macro pages against the same site with one macro page. Target ≤ 1.3×.
- MkDocs: the site with docgen against the same site with the macros plugin
  removed from ``mkdocs.yml``. Target ≤ 1.25×. The macros plugin alone (the same
  pages rendered, no docgen module) is printed as the floor.

Ratios are measured side by side in one run; absolute times vary between runs.
Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from tree_bench import generate

BIN = Path(sys.executable).parent
ZENSICAL_TARGET = 1.3
MKDOCS_TARGET = 1.25
SECTIONS = ("guide", "runtime", "operations", "reference", "plans")

MKDOCS_YML = """\
site_name: Bench
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
  - tables
  - toc:
      permalink: true
plugins:
  - search
{macros}nav:
{nav}
"""
FLOOR_MACROS = """\
# The same macro names, each returning nothing: what mkdocs-macros costs by itself.
NAMES = ("supervision_tree", "supervision_text", "app_graph", "ownership_table",
         "plan_progress", "progress_badge", "plan_burnup", "roadmap")


def define_env(env):
    for name in NAMES:
        env.macro(lambda *args, **kwargs: "", name)
"""
MACROS_PLUGIN = """\
  - macros:
      modules: [docgen.macros]
      render_by_default: false
      on_error_fail: true
"""


def page_text(title: str, n: int, macro: str | None, parts: int = 12) -> str:
    front = "---\nrender_macros: true\n---\n" if macro else ""
    body = [f"# {title}", ""]
    for k in range(parts):
        body += [
            f"## Part {k + 1}",
            "",
            f"Paragraph {n}.{k}: the runtime keeps one process per concern, and this page "
            "says which one owns what, why it restarts the way it does, and where to look.",
            "",
            f"- item one of part {k}",
            f"- item two, see [the index](../index.md) and [part one](#part-{k + 1})",
            "",
            "```elixir",
            f"children = [{{Registry, keys: :unique, name: Bench.Registry{n}}}]",
            "```",
            "",
        ]
    if macro:
        body += ["## Generated", "", macro, ""]
    return front + "\n".join(body)


def plan_text(phase: int, done: int, total: int) -> str:
    items = [f"- [{'x' if i < done else ' '}] Task {i + 1} of phase {phase}" for i in range(total)]
    return f"# Phase {phase} Execution Plan\n\n## Work\n\n" + "\n".join(items) + "\n"


def macro_calls(count: int, apps: list[str]) -> list[str]:
    """What the macro pages call, shaped like a real site: one overview of the whole
    umbrella (tree, ownership, app graph, roadmap), one page per application (its
    tree and ownership table), and plan pages (progress, badges, the text tree)."""
    overview = [
        "{{ supervision_tree() }}",
        "{{ ownership_table() }}",
        "{{ app_graph() }}",
        "{{ roadmap() }}",
    ]
    per_app = [
        f"{{{{ supervision_tree('{a}') }}}}\n\n{{{{ ownership_table('{a}') }}}}" for a in apps
    ]
    plans = [
        "{{ plan_progress('plans/PHASE_2_EXECUTION_PLAN.md') }}",
        "Phase 1: {{ progress_badge('plans/PHASE_1_EXECUTION_PLAN.md') }}",
        "{{ roadmap() }}",
        f"```\n{{{{ supervision_text('{apps[0]}') }}}}\n```",
    ]
    calls = (overview + per_app)[:count]
    while len(calls) < count:
        calls.append(plans[len(calls) % len(plans)])
    return calls


def make_site(root: Path, pages: int, macro_pages: int, apps: list[str], parts: int = 12) -> None:
    """Write the docs and ``mkdocs.yml`` (with the macros plugin) under ``root``."""
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "plans").mkdir(parents=True)
    (docs / "plans/PHASE_1_EXECUTION_PLAN.md").write_text(plan_text(1, 20, 20))
    (docs / "plans/PHASE_2_EXECUTION_PLAN.md").write_text(plan_text(2, 7, 30))
    (docs / "plans/BENCH_MASTERPLAN.md").write_text("# Bench masterplan\n\n- [x] Phase 1\n")
    (docs / "index.md").write_text("# Bench\n\nThe generated site.\n")
    macros = macro_calls(macro_pages, apps)
    nav = ["  - Home: index.md"]
    written = 4
    n = 0
    while written < pages:
        section = SECTIONS[n % len(SECTIONS)]
        (docs / section).mkdir(exist_ok=True)
        rel = f"{section}/page_{n:03d}.md"
        macro = macros[n] if n < macro_pages else None
        (docs / rel).write_text(page_text(f"Page {n}", n, macro, parts))
        nav.append(f"  - Page {n}: {rel}")
        written += 1
        n += 1
    nav += [
        "  - Masterplan: plans/BENCH_MASTERPLAN.md",
        "  - Phase 1: plans/PHASE_1_EXECUTION_PLAN.md",
        "  - Phase 2: plans/PHASE_2_EXECUTION_PLAN.md",
    ]
    write_config(root, "\n".join(nav), with_macros=True)


def write_config(root: Path, nav: str, with_macros: bool) -> None:
    text = MKDOCS_YML.format(macros=MACROS_PLUGIN if with_macros else "", nav=nav)
    (root / "mkdocs.yml").write_text(text)
    (root / ".nav").write_text(nav)


def build(root: Path, engine: str) -> float:
    argv = [str(BIN / "zensical"), "build", "--clean"] if engine == "zensical" else []
    if engine == "mkdocs":
        argv = [str(BIN / "mkdocs"), "build", "--quiet"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{engine} build failed in {root}:\n{done.stdout}\n{done.stderr}")
    return elapsed


def interleaved(
    variants: dict[str, Callable[[], float]], runs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median and fastest time of each variant, the variants run in turn."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, run in variants.items():
            times[name].append(run())
    median = {name: statistics.median(values) for name, values in times.items()}
    return median, {name: min(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--macro-pages", type=int, default=40)
    parser.add_argument("--apps", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parts", type=int, default=12, help="sections per page (12: about 4 kB of Markdown)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        raise SystemExit("Graphviz `dot` is needed: apt-get install graphviz (or make site)")

    base = args.keep or Path(tempfile.mkdtemp(prefix="docgen-engines-"))
    umbrella = base / "umbrella"
    if umbrella.exists():
        shutil.rmtree(umbrella)
    umbrella.mkdir(parents=True)
    generate(umbrella, args.apps, 8, seed=7)
    apps = sorted(p.name for p in (umbrella / "apps").iterdir())
    variants = {}
    shapes = (("many", args.macro_pages), ("one", 1), ("none", 0), ("plain", 0), ("floor", 0))
    for name, macro_pages in shapes:
        root = variants[name] = base / name
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(umbrella, root / "elixir")
        count = args.macro_pages if name in ("plain", "floor") else macro_pages
        make_site(root, args.pages, count, apps, args.parts)
    plain = variants["plain"]
    write_config(plain, (plain / ".nav").read_text(), with_macros=False)
    floor = variants["floor"]  # the macros plugin rendering the same pages, without docgen
    config = floor / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("modules: [docgen.macros]", "module_name: floor_macros")
    )
    (floor / "floor_macros.py").write_text(FLOOR_MACROS)

    print(f"site: {args.pages} pages, {args.macro_pages} call macros; umbrella of {len(apps)} apps")
    print(f"      in {base}")
    z, z_best = interleaved(
        {
            "many": lambda: build(variants["many"], "zensical"),
            "one": lambda: build(variants["one"], "zensical"),
            "none": lambda: build(variants["none"], "zensical"),
        },
        args.runs,
    )
    m, m_best = interleaved(
        {
            "docgen": lambda: build(variants["many"], "mkdocs"),
            "plain": lambda: build(plain, "mkdocs"),
            "floor": lambda: build(floor, "mkdocs"),
        },
        args.runs,
    )
    z_ratio = z["many"] / z["one"]
    z_docgen = (z["many"] - z["none"]) / max(z["one"] - z["none"], 1e-9)
    m_ratio = m["docgen"] / m["plain"]
    rows = [
        ("Zensical: 1 macro page", f"{z['one']:.2f} s", ""),
        (f"Zensical: {args.macro_pages} macro pages", f"{z['many']:.2f} s", ""),
        ("Zensical: no macro page", f"{z['none']:.2f} s", ""),
        (
            f"Zensical: {args.macro_pages} ÷ 1 macro page",
            f"{z_ratio:.2f}×",
            _verdict(z_ratio, ZENSICAL_TARGET),
        ),
        ("  docgen's share only (minus no-macro build)", f"{z_docgen:.2f}×", "(printed)"),
        ("MkDocs: without the macros plugin", f"{m['plain']:.2f} s", ""),
        ("MkDocs: the macros plugin alone (no docgen)", f"{m['floor']:.2f} s", ""),
        ("MkDocs: with docgen", f"{m['docgen']:.2f} s", ""),
        ("MkDocs: with ÷ without", f"{m_ratio:.2f}×", _verdict(m_ratio, MKDOCS_TARGET)),
        ("  the macros plugin alone ÷ without", f"{m['floor'] / m['plain']:.2f}×", "(printed)"),
        (
            "fastest runs only (noise adds time, never removes it)",
            f"{z_best['many'] / z_best['one']:.2f}×, {m_best['docgen'] / m_best['plain']:.2f}×",
            "(Zensical, MkDocs; printed)",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value, verdict in rows:
        print(f"{label.ljust(width)}  {value:>8}  {verdict}")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if z_ratio <= ZENSICAL_TARGET and m_ratio <= MKDOCS_TARGET else 1


def _verdict(ratio: float, target: float) -> str:
    return f"{'PASS' if ratio <= target else 'FAIL'} (target ≤ {target}×)"


if __name__ == "__main__":
    raise SystemExit(main())
