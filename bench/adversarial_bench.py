"""Does hostile input stay bounded? Run on demand, not a test.

    .venv/bin/python bench/adversarial_bench.py [--keep DIR] [--scale 1.0]

Generates, in one throw-away repository, the inputs the hardening issue lists:

* an application whose children list is nested 20,000 levels deep (a list, and a
  tuple chain), as generated code does;
* a 10 MB generated ``.ex`` file (thousands of modules, each a GenServer with
  realistic function bodies);
* a plan with 100,000 checklist items under 1,000 sections;
* a page with 50,000 links (to pages, anchors, and 1 % to nowhere);
* a ``mkdocs.yml`` that is not valid YAML (an unquoted nav title with ``: ``) and a
  plan and a page with Latin-1 bytes.

It then runs what a user runs: ``docgen tree``, ``docgen progress`` and ``docgen
check`` (each a fresh process, timed, stderr kept) and the library calls behind them
(in this process, timed alone), and prints for each the time, the findings that say
what was not analysed (``DG109`` too deep, ``DG701`` invalid YAML, ``DG001`` not
UTF-8) and whether anything printed a traceback. Exit status 1 when a run exceeds its
limit, prints a traceback, or misses the finding it must give.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEEP = 20_000
BIG_BYTES = 10_000_000
PLAN_ITEMS = 100_000
PAGE_LINKS = 50_000
LIMITS = {"deep": 10.0, "big": 30.0, "plan": 10.0, "page": 10.0, "cli": 60.0}
"""Seconds; generous on purpose (machines differ), so that a miss means a real
regression such as a quadratic walk, not a slow day."""

MIX = """defmodule Hostile.MixProject do
  use Mix.Project
  def project, do: [app: :hostile, version: "0.1.0", deps: []]
  def application, do: [mod: {Hostile.Application, []}]
end
"""


def deep_application(depth: int) -> str:
    nested_list = "[" * depth + "Hostile.Worker" + "]" * depth
    nested_tuple = "{:a, " * depth + "1" + "}" * depth
    return f"""defmodule Hostile.Application do
  use Application

  @generated {nested_tuple}

  def start(_type, _args) do
    children = [
      Hostile.Cache,
      {nested_list},
      {{Registry, keys: :unique, name: Hostile.Registry}}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Hostile.Supervisor)
  end
end
"""


def big_source(size: int) -> str:
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        body = f"""defmodule Hostile.Generated.Server{n} do
  use GenServer
  @moduledoc "Generated server {n}: state machine with a few clauses."

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    state = %{{id: {n}, opts: opts, items: [], counts: %{{ok: 0, error: 0}}}}
    {{:ok, state}}
  end

  @impl true
  def handle_call({{:put, key, value}}, _from, state) do
    items = [{{key, value}} | state.items]
    {{:reply, :ok, %{{state | items: items}}}}
  end

  def handle_call(:count, _from, state), do: {{:reply, length(state.items), state}}

  @impl true
  def handle_cast({{:bump, kind}}, state) when kind in [:ok, :error] do
    {{:noreply, update_in(state, [:counts, kind], &(&1 + 1))}}
  end

  defp helper(list), do: Enum.map(list, fn {{k, v}} -> {{k, v * {n}}} end)
end
"""
        parts.append(body)
        total += len(body)
        n += 1
    return "".join(parts)


def big_plan(items: int) -> str:
    lines = ["# Phase 9 Execution Plan", ""]
    per_section = 100
    for section in range(items // per_section):
        lines += [f"## Workstream {section}", ""]
        for i in range(per_section):
            mark = "x" if (section + i) % 3 else " "
            lines.append(f"- [{mark}] Task {section}.{i}: wire `Hostile.Generated.Server{i}`")
        lines.append("")
    return "\n".join(lines) + "\n"


def big_page(links: int) -> str:
    lines = ["# Links", ""]
    for i in range(200):
        lines.append(f"## Section {i}")
    for i in range(links):
        if i % 100 == 99:
            lines.append(f"See [broken {i}](nowhere/{i}.md).")
        elif i % 3 == 0:
            lines.append(f"See [section {i % 200}](#section-{i % 200}).")
        else:
            lines.append(f"See [the guide](guide.md#part-{i % 10}) and [home](index.md).")
    return "\n".join(lines) + "\n"


def write_repository(root: Path, scale: float) -> None:
    (root / "elixir/lib/hostile").mkdir(parents=True)
    (root / "elixir/mix.exs").write_text(MIX, encoding="utf-8")
    app = deep_application(int(DEEP * scale))
    (root / "elixir/lib/hostile/application.ex").write_text(app, encoding="utf-8")
    big = big_source(int(BIG_BYTES * scale))
    (root / "elixir/lib/hostile/generated.ex").write_text(big, encoding="utf-8")
    docs = root / "docs"
    (docs / "plans").mkdir(parents=True)
    plan = big_plan(int(PLAN_ITEMS * scale))
    (docs / "plans/PHASE_9_EXECUTION_PLAN.md").write_text(plan, encoding="utf-8")
    latin1 = "# Phase 8 Execution Plan\n\n## Tasks\n\n- [x] Caf\xe9 menu\n- [ ] Cr\xe8me\n"
    (docs / "plans/PHASE_8_EXECUTION_PLAN.md").write_bytes(latin1.encode("latin-1"))
    (docs / "links.md").write_text(big_page(int(PAGE_LINKS * scale)), encoding="utf-8")
    guide = "# Guide\n\n" + "".join(f"## Part {i}\n\ntext\n\n" for i in range(10))
    (docs / "guide.md").write_text(guide, encoding="utf-8")
    (docs / "index.md").write_bytes("# Home\n\nCaf\xe9 [links](links.md)\n".encode("latin-1"))
    (root / "mkdocs.yml").write_text(
        "site_name: Hostile\n"
        "nav:\n"
        "  - Home: index.md\n"
        "  - Guide: Part 1: guide.md\n"  # the unquoted ': ' real projects ship
        "  - Links: links.md\n"
        "extra:\n  docgen:\n    elixir_path: elixir\n",
        encoding="utf-8",
    )


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def run_cli(root: Path, *argv: str) -> tuple[float, int, str, str]:
    docgen = Path(sys.executable).with_name("docgen")
    start = time.perf_counter()
    done = subprocess.run(
        [str(docgen), *argv], cwd=root, capture_output=True, text=True, check=False, timeout=600
    )
    return time.perf_counter() - start, done.returncode, done.stdout, done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink or grow every input")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="docgen-adversarial-"))
    if args.keep:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
    failures: list[str] = []
    try:
        write_repository(root, args.scale)
        failures += library_runs(root, args.scale)
        failures += cli_runs(root)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print("PASS" if not failures else "FAIL: " + "; ".join(failures))
    return 1 if failures else 0


def library_runs(root: Path, scale: float) -> list[str]:
    from docgen.checks.links import check_sources
    from docgen.elixir import ParseCache, analyse
    from docgen.elixir.syntax import parse_source
    from docgen.plans.lint import Repository, lint_plans
    from docgen.plans.parser import load_plan
    from docgen.project import load_project
    from docgen.render.html import plan_progress_html

    failures: list[str] = []
    depth, links = int(DEEP * scale), int(PAGE_LINKS * scale)
    elixir = root / "elixir"
    deep = (elixir / "lib/hostile/application.ex").read_bytes()
    seconds, parsed = timed(lambda: parse_source("application.ex", deep, ParseCache()))
    print(f"deep: parse of the {depth:,}-deep file        {seconds:7.2f} s")
    big = (elixir / "lib/hostile/generated.ex").read_bytes()
    seconds, _ = timed(lambda: parse_source("generated.ex", big, ParseCache()))
    print(f"big:  parse of {len(big) / 1e6:.1f} MB of Elixir             {seconds:7.2f} s")
    seconds, analysis = timed(lambda: analyse(elixir, ParseCache()))
    codes = sorted({d.code for d in analysis.diagnostics})
    children = sum(len(app.walk()) for app in analysis.applications)
    print(f"tree: analyse (deep + 10 MB), cold            {seconds:7.2f} s  findings {codes}")
    print(f"      children found: {children}; too deep (DG109) says what was not analysed")
    if seconds > LIMITS["deep"] + LIMITS["big"]:
        failures.append(f"analyse took {seconds:.1f} s")
    if "DG109" not in codes:
        failures.append(f"no DG109 for the {depth:,}-deep list")
    if children < 2:
        failures.append("the rest of the deep file was not analysed")

    plan_path = root / "docs/plans/PHASE_9_EXECUTION_PLAN.md"
    seconds, plan = timed(lambda: load_plan(plan_path, root))
    lint_seconds, found = timed(lambda: lint_plans([plan], Repository(root)))
    html_seconds, _ = timed(lambda: plan_progress_html(plan))
    rate = plan.total / max(seconds, 1e-9)
    print(
        f"plan: {plan.total:,} items parsed               {seconds:7.2f} s  ({rate:,.0f} items/s);"
        f" lint {lint_seconds:.2f} s, progress HTML {html_seconds:.2f} s"
    )
    if seconds + lint_seconds + html_seconds > LIMITS["plan"]:
        failures.append(f"the 100,000-item plan took {seconds + lint_seconds:.1f} s")
    del found

    project = load_project(root)
    seconds, findings = timed(lambda: check_sources(project))
    broken = sum(1 for d in findings if d.code == "DG301")
    print(
        f"page: {links:,} links checked              {seconds:7.2f} s"
        f"  ({links / max(seconds, 1e-9):,.0f} links/s); broken found: {broken}"
    )
    if seconds > LIMITS["page"]:
        failures.append(f"the 50,000-link page took {seconds:.1f} s")
    if broken != links // 100:
        failures.append(f"only {broken} of the broken links were found")
    del parsed
    return failures


def cli_runs(root: Path) -> list[str]:
    failures: list[str] = []
    for argv, wanted in (
        (("tree", "--format", "json"), "DG109"),
        (("progress", "--format", "json"), ""),
        (("check", "--format", "json"), "DG701"),
    ):
        seconds, status, out, err = run_cli(root, *argv)
        traceback = "Traceback (most recent call last)" in out + err
        codes: list[str] = []
        if argv[0] == "check" and out.strip().startswith(("{", "[")):
            data = json.loads(out)
            items = data.get("diagnostics", data) if isinstance(data, dict) else data
            codes = sorted({d["code"] for d in items})
        elif argv[0] == "tree" and out.strip().startswith("{"):
            codes = sorted({d["code"] for d in json.loads(out).get("diagnostics", [])})
        shown = ",".join(codes) if codes else "-"
        print(
            f"cli:  docgen {' '.join(argv):<24} {seconds:7.2f} s  exit {status}"
            f"  traceback: {'YES' if traceback else 'no'}  codes: {shown}"
        )
        if traceback:
            failures.append(f"docgen {argv[0]} printed a traceback: {err[-400:]}")
        if seconds > LIMITS["cli"]:
            failures.append(f"docgen {argv[0]} took {seconds:.1f} s")
        if wanted and wanted not in codes:
            failures.append(f"docgen {argv[0]} did not report {wanted}")
        if argv[0] == "check" and not {"DG001", "DG301"} <= set(codes):
            failures.append("docgen check lost the page findings beside the broken mkdocs.yml")
    return failures


if __name__ == "__main__":
    sys.exit(main())
