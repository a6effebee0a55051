"""How fast is the Elixir analyser on a big umbrella? Run on demand, not a test.

    .venv/bin/python bench/tree_bench.py [--apps 200] [--modules-per-app 10] [--keep DIR]

Generates a deterministic (seeded) synthetic umbrella: every app has a ``mix.exs``
with in-umbrella deps, an ``Application`` whose children list mixes the usual
spellings (bare modules, ``{Mod, name: ...}``, Registry / DynamicSupervisor /
Task.Supervisor specs, a child behind ``Application.get_env``, a list built by a
helper module), module-based supervisors nested two deep, a DynamicSupervisor
module and GenServer workers with realistic bodies. It then measures, against the
targets of the speed issue:

* raw tree-sitter parse of every file the analyser reads (no analysis at all, one
  process);
* a cold ``analyse(root)`` with a fresh cache, and its ratio to the raw parse. With
  two or more cores a forked worker parses part of the files meanwhile (see
  ``docgen.elixir.summary``); the CPU time of both processes and how many files
  each parsed are printed beside it;
* a warm repeat with the cache kept (nothing changed on disk);
* an edit of one ``.ex`` file: how many files are re-parsed and how long it takes,
  through ``analyse`` and through two consecutive ``DocsSite`` builds (what each
  ``mkdocs serve`` rebuild creates);
* a repeat after touching every file without changing it, so that each one is
  read and hashed again (the content-hash path, without the ``stat`` shortcut);
* peak RSS of this process.

Timings are medians of ``--runs`` runs (the ratio is the median of per-run ratios,
raw and cold runs alternating). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter
import tree_sitter_elixir

from docgen.config import SiteSettings
from docgen.elixir import DEFAULT_CACHE, Analysis, ParseCache, analyse
from docgen.elixir.sources import SETTLED_NS
from docgen.site import DocsSite

COLD_LIMIT = 2.0
RATIO_LIMIT = 1.5
WARM_LIMIT = 0.1
MARKER = ".docgen-bench"

_DOMAINS = (
    *("billing", "catalog", "inventory", "shipping", "payments", "accounts", "search"),
    *("pricing", "orders", "notifications", "analytics", "ledger", "identity", "media"),
    *("reports", "gateway", "scheduler", "telemetry", "audit", "recommendations"),
)
_WORKERS = (
    *("Cache", "Poller", "Ledger", "Notifier", "RateLimiter", "Indexer", "Reaper"),
    *("Broadcaster", "Tracker", "Aggregator", "Sweeper", "Throttle", "Journal"),
    *("Dispatcher", "Watcher", "Collector", "Mailer", "Limiter"),
)
_HEX_DEPS = ("jason", "telemetry", "ecto_sql", "finch", "nimble_options", "decimal")


# ------------------------------------------------------------------ generation
@dataclass(frozen=True, slots=True)
class AppPlan:
    """Names of one generated app and which of its workers start where."""

    otp_app: str
    module: str
    workers: tuple[str, ...]
    in_app: tuple[str, ...]
    in_supervisor: tuple[str, ...]
    in_pool: tuple[str, ...]
    in_helper: tuple[str, ...]
    conditional: str
    deps: tuple[str, ...]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def plan_apps(apps: int, modules_per_app: int, rng: random.Random) -> list[AppPlan]:
    """Which apps exist, their deps and where each worker is started."""
    fixed = 6  # Application, Children, Workers.Supervisor, Workers.Pool, Sessions, Config
    if modules_per_app < fixed + 1:
        raise SystemExit(f"--modules-per-app must be at least {fixed + 1}")
    plans: list[AppPlan] = []
    for i in range(apps):
        otp_app = f"{_DOMAINS[i % len(_DOMAINS)]}_{i:03d}"
        names = rng.sample(_WORKERS, k=min(modules_per_app - fixed, len(_WORKERS)))
        names += [f"Worker{n}" for n in range(len(names), modules_per_app - fixed)]
        workers = tuple(names)
        slots = [rng.choice("asphn") for _ in workers]  # app, supervisor, pool, helper, none
        slots[0] = "a"
        deps = tuple(sorted(p.otp_app for p in rng.sample(plans, k=min(len(plans), 3))))
        plans.append(
            AppPlan(
                otp_app,
                _camel(otp_app),
                workers,
                tuple(w for w, s in zip(workers, slots, strict=True) if s == "a"),
                tuple(w for w, s in zip(workers, slots, strict=True) if s == "s"),
                tuple(w for w, s in zip(workers, slots, strict=True) if s == "p"),
                tuple(w for w, s in zip(workers, slots, strict=True) if s == "h"),
                rng.choice(workers),
                deps[: rng.randint(0, len(deps))],
            )
        )
    return plans


def mix_exs(plan: AppPlan) -> str:
    deps = [f"{{:{d}, in_umbrella: true}}" for d in plan.deps]
    deps += [f'{{:{d}, "~> 1.{n}"}}' for n, d in enumerate(_HEX_DEPS[: len(plan.otp_app) % 4])]
    body = ",\n      ".join(deps)
    return f"""\
defmodule {plan.module}.MixProject do
  use Mix.Project

  def project do
    [
      app: :{plan.otp_app},
      version: "0.1.0",
      build_path: "../../_build",
      config_path: "../../config/config.exs",
      deps_path: "../../deps",
      lockfile: "../../mix.lock",
      elixir: "~> 1.15",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [
      mod: {{{plan.module}.Application, []}},
      extra_applications: [:logger]
    ]
  end

  defp deps do
    [
      {body}
    ]
  end
end
"""


def application_ex(plan: AppPlan, rng: random.Random) -> str:
    m, app = plan.module, plan.otp_app
    first, *rest = plan.in_app
    children = [
        f"{{Registry, keys: :unique, name: {m}.Registry}}",
        f"{{Task.Supervisor, name: {m}.TaskSupervisor}}",
        first,
    ]
    for worker in rest:
        children.append(
            rng.choice(
                [worker, f"{{{worker}, name: :{app}_{worker.lower()}}}", f"{{{worker}, []}}"]
            )
        )
    children += [
        f"{{DynamicSupervisor, strategy: :one_for_one, name: {m}.JobSupervisor}}",
        f"{m}.Sessions",
        "WorkersSup",
        "optional_child()",
    ]
    listed = textwrap.indent(",\n".join(children), " " * 8)
    strategy = rng.choice(["one_for_one", "rest_for_one", "one_for_all"])
    start = rng.choice(
        [
            "children\n    |> Enum.reject(&is_nil/1)\n    |> Supervisor.start_link(opts)",
            "Supervisor.start_link(Enum.reject(children, &is_nil/1), opts)",
        ]
    )
    return f"""\
defmodule {m}.Application do
  @moduledoc false
  use Application

  require Logger

  alias {m}.{{{", ".join(plan.in_app)}}}
  alias {m}.Workers.Supervisor, as: WorkersSup

  @impl true
  def start(_type, _args) do
    Logger.info("starting {app}")

    children =
      [
{listed}
      ] ++ {m}.Children.extra(pool_size: {rng.randint(2, 16)})

    opts = [strategy: :{strategy}, name: {m}.Supervisor]

    {start}
  end

  @impl true
  def config_change(changed, _new, removed) do
    Logger.debug("config changed: #{{inspect(changed)}} removed: #{{inspect(removed)}}")
    :ok
  end

  @impl true
  def prep_stop(state) do
    Logger.info("stopping {app}")
    state
  end

  defp optional_child do
    if Application.get_env(:{app}, :{plan.conditional.lower()}_enabled, false) do
      {m}.{plan.conditional}
    end
  end
end
"""


def children_ex(plan: AppPlan) -> str:
    m = plan.module
    helpers = "".join(f"\n      {{{m}.{w}, opts}}," for w in plan.in_helper)
    return f"""\
defmodule {m}.Children do
  @moduledoc \"\"\"
  Children that depend on runtime options, kept out of the application module
  so they can be tested on their own.
  \"\"\"

  @doc "Extra children for the top supervisor of :{plan.otp_app}."
  @spec extra(keyword()) :: [Supervisor.child_spec() | {{module(), term()}}]
  def extra(opts) do
    [{helpers}
      {{{m}.Config, Keyword.take(opts, [:pool_size])}}
    ]
  end

  @doc "Pool size from the options, never below one."
  @spec pool_size(keyword()) :: pos_integer()
  def pool_size(opts) do
    opts
    |> Keyword.get(:pool_size, System.schedulers_online())
    |> max(1)
  end
end
"""


def supervisor_ex(plan: AppPlan, rng: random.Random) -> str:
    m = plan.module
    workers = "".join(f"\n        {m}.{w}," for w in plan.in_supervisor)
    strategy = rng.choice(["one_for_one", "rest_for_one"])
    return f"""\
defmodule {m}.Workers.Supervisor do
  @moduledoc "Owns the workers of :{plan.otp_app} and their pool."
  use Supervisor

  @shards [:alpha, :beta, :gamma]

  def start_link(arg) do
    Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  end

  @impl true
  def init(_arg) do
    shards =
      for shard <- @shards do
        Supervisor.child_spec({{{m}.Workers.Pool, shard: shard}}, id: {{:pool, shard}})
      end

    children =
      [{workers}
        {{Registry, keys: :duplicate, name: {m}.Workers.Registry}}
      ] ++ shards

    Supervisor.init(children, strategy: :{strategy}, max_restarts: {rng.randint(3, 10)})
  end

  @doc "Restarts every shard pool (used by the admin console)."
  def restart_pools do
    for shard <- @shards do
      :ok = Supervisor.terminate_child(__MODULE__, {{:pool, shard}})
      {{:ok, _}} = Supervisor.restart_child(__MODULE__, {{:pool, shard}})
    end

    :ok
  end
end
"""


def pool_ex(plan: AppPlan) -> str:
    m = plan.module
    workers = "".join(f"\n      {{{m}.{w}, shard: shard}}," for w in plan.in_pool)
    return f"""\
defmodule {m}.Workers.Pool do
  @moduledoc "One pool of workers per shard."
  use Supervisor

  def start_link(opts) do
    shard = Keyword.fetch!(opts, :shard)
    Supervisor.start_link(__MODULE__, shard)
  end

  @impl true
  def init(shard) do
    children = [{workers}
      {{Task.Supervisor, name: {{:via, Registry, {{{m}.Workers.Registry, shard}}}}}}
    ]

    Supervisor.init(children, strategy: :one_for_all)
  end
end
"""


def sessions_ex(plan: AppPlan) -> str:
    m = plan.module
    return f"""\
defmodule {m}.Sessions do
  @moduledoc "Starts one session process per connected client."
  use DynamicSupervisor

  def start_link(init_arg) do
    DynamicSupervisor.start_link(__MODULE__, init_arg, name: __MODULE__)
  end

  @doc "Starts a session for `client_id` unless one is running."
  def start_session(client_id) do
    spec = {{{m}.{plan.workers[0]}, client_id: client_id}}

    case DynamicSupervisor.start_child(__MODULE__, spec) do
      {{:ok, pid}} -> {{:ok, pid}}
      {{:error, {{:already_started, pid}}}} -> {{:ok, pid}}
      {{:error, reason}} -> {{:error, reason}}
    end
  end

  def count do
    %{{active: active}} = DynamicSupervisor.count_children(__MODULE__)
    active
  end

  @impl true
  def init(_init_arg) do
    DynamicSupervisor.init(strategy: :one_for_one, max_children: 10_000)
  end
end
"""


def config_ex(plan: AppPlan) -> str:
    m = plan.module
    return f"""\
defmodule {m}.Config do
  @moduledoc "Runtime configuration of :{plan.otp_app}, held in an Agent."
  use Agent

  @defaults [pool_size: 4, timeout: 5_000, retries: 3]

  def start_link(opts) do
    Agent.start_link(fn -> Keyword.merge(@defaults, opts) end, name: __MODULE__)
  end

  def get(key), do: Agent.get(__MODULE__, &Keyword.fetch!(&1, key))

  def put(key, value) when is_atom(key) do
    Agent.update(__MODULE__, &Keyword.put(&1, key, value))
  end

  def all, do: Agent.get(__MODULE__, & &1)
end
"""


def worker_ex(plan: AppPlan, worker: str, rng: random.Random) -> str:
    m, app = plan.module, plan.otp_app
    key = worker.lower()
    start = rng.choice(
        [
            "GenServer.start_link(__MODULE__, opts, name: __MODULE__)",
            "name = Keyword.get(opts, :name, __MODULE__)\n    "
            "GenServer.start_link(__MODULE__, opts, name: name)",
            f"GenServer.start_link(__MODULE__, opts, name: :{app}_{key})",
        ]
    )
    api: list[str] = []
    calls: list[str] = []
    for n in range(rng.randint(2, 6)):
        verb = ("fetch", "store", "drop", "stats", "flush", "touch")[n]
        api.append(
            f"""
  @doc "{verb.capitalize()} for `key`."
  @spec {verb}(term()) :: term()
  def {verb}(key, timeout \\\\ @timeout) do
    GenServer.call(__MODULE__, {{:{verb}, key}}, timeout)
  end
"""
        )
        calls.append(
            f"""
  def handle_call({{:{verb}, key}}, _from, state) do
    {{reply, state}} = {verb}_entry(state, key)
    {{:reply, reply, %{{state | calls: state.calls + 1}}}}
  end
"""
        )
    helpers = "".join(
        f"""
  defp {verb}_entry(%{{entries: entries}} = state, key) do
    case Map.fetch(entries, key) do
      {{:ok, value}} -> {{{{:ok, value}}, state}}
      :error -> {{{{:error, :not_found}}, %{{state | misses: state.misses + 1}}}}
    end
  end
"""
        for verb in ("fetch", "store", "drop", "stats", "flush", "touch")[: len(api)]
    )
    return f"""\
defmodule {m}.{worker} do
  @moduledoc \"\"\"
  {worker} for :{app}: keeps its entries in memory and expires them on a timer.
  \"\"\"
  use GenServer

  require Logger

  alias {m}.Config

  @timeout {rng.choice([1_000, 5_000, 15_000])}
  @interval :timer.seconds({rng.randint(1, 60)})

  @type state :: %{{entries: map(), calls: non_neg_integer(), misses: non_neg_integer()}}

  # Client API

  def start_link(opts) do
    {start}
  end
{"".join(api)}
  # Server callbacks

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    schedule_sweep()
    state = %{{entries: %{{}}, calls: 0, misses: 0, opts: opts}}
    {{:ok, state, {{:continue, :warm_up}}}}
  end

  @impl true
  def handle_continue(:warm_up, state) do
    Logger.debug("{worker} warming up with #{{inspect(Config.all())}}")
    {{:noreply, state}}
  end

  @impl true{"".join(calls)}
  @impl true
  def handle_info(:sweep, state) do
    schedule_sweep()
    now = System.monotonic_time(:millisecond)

    entries =
      state.entries
      |> Enum.reject(fn {{_key, {{_value, expires}}}} -> expires < now end)
      |> Map.new()

    {{:noreply, %{{state | entries: entries}}}}
  end

  def handle_info(message, state) do
    Logger.warning("unexpected message: #{{inspect(message)}}")
    {{:noreply, state}}
  end

  @impl true
  def terminate(reason, state) do
    Logger.info("{worker} stopping (#{{inspect(reason)}}) after #{{state.calls}} calls")
    :ok
  end

  defp schedule_sweep, do: Process.send_after(self(), :sweep, @interval)
{helpers}end
"""


def generate(root: Path, apps: int, modules_per_app: int, seed: int) -> list[AppPlan]:
    """Write the umbrella under ``root``; the same arguments give the same bytes."""
    rng = random.Random(seed)
    plans = plan_apps(apps, modules_per_app, rng)
    (root / "mix.exs").write_text(
        "defmodule Synthetic.Umbrella.MixProject do\n  use Mix.Project\n\n"
        '  def project, do: [apps_path: "apps", version: "0.1.0", deps: []]\nend\n'
    )
    for plan in plans:
        app_dir = root / "apps" / plan.otp_app
        lib = app_dir / "lib" / plan.otp_app
        (lib / "workers").mkdir(parents=True)
        (app_dir / "mix.exs").write_text(mix_exs(plan))
        (lib / "application.ex").write_text(application_ex(plan, rng))
        (lib / "children.ex").write_text(children_ex(plan))
        (lib / "workers" / "supervisor.ex").write_text(supervisor_ex(plan, rng))
        (lib / "workers" / "pool.ex").write_text(pool_ex(plan))
        (lib / "sessions.ex").write_text(sessions_ex(plan))
        (lib / "config.ex").write_text(config_ex(plan))
        for worker in plan.workers:
            (lib / f"{worker.lower()}.ex").write_text(worker_ex(plan, worker, rng))
    return plans


# ----------------------------------------------------------------- measurement
@dataclass
class Row:
    label: str
    figure: str
    target: str = ""
    ok: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(self, label: str, figure: str, target: str = "", ok: bool | None = None) -> None:
        self.rows.append(Row(label, figure, target, ok))

    def print(self) -> None:
        width = max(len(r.label) for r in self.rows)
        for r in self.rows:
            verdict = "" if r.ok is None else ("PASS" if r.ok else "FAIL")
            print(f"  {r.label:<{width}}  {r.figure:>12}  {r.target:<10} {verdict}".rstrip())

    @property
    def failed(self) -> bool:
        return any(r.ok is False for r in self.rows)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_time(action: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def analysed_files(root: Path) -> list[Path]:
    """What the analyser reads here: every ``mix.exs`` and the ``.ex`` under ``lib/``."""
    return sorted([*root.rglob("mix.exs"), *root.glob("apps/*/lib/**/*.ex")])


def raw_parse(sources: list[bytes]) -> None:
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_elixir.language()))
    for source in sources:
        parser.parse(source)


def check_analysis(analysis: Analysis, plans: list[AppPlan]) -> None:
    """The synthetic umbrella must analyse fully, or the timings mean nothing."""
    problems = [d.format_text() for d in analysis.diagnostics]
    if problems:
        raise SystemExit("unexpected diagnostics:\n" + "\n".join(problems[:10]))
    if len(analysis.applications) != len(plans):
        raise SystemExit(f"found {len(analysis.applications)} apps, expected {len(plans)}")
    for plan in plans:
        app = analysis.application(plan.otp_app)
        assert app is not None
        modules = {c.module for c in app.walk()}
        expected = {f"{plan.module}.{w}" for w in plan.in_app + plan.in_supervisor}
        expected |= {f"{plan.module}.{w}" for w in plan.in_pool + plan.in_helper}
        if not expected <= modules:
            missing = ", ".join(sorted(expected - modules))
            raise SystemExit(f"{plan.otp_app}: workers not found in the tree: {missing}")


def fresh_process_cold(root: Path) -> float:
    """A first ``analyse`` in a new interpreter, imports included (like the CLI)."""
    code = (
        "import sys, time\nstart = time.perf_counter()\n"
        "from pathlib import Path\nfrom docgen.elixir import analyse\n"
        "analyse(Path(sys.argv[1]))\nprint(time.perf_counter() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def edit(path: Path, n: int) -> str:
    """A meaningful edit of an application module: rename its top supervisor."""
    text = path.read_text()
    new, count = re.subn(r"name: (\w+)\.Supervisor\d*\]", rf"name: \1.Supervisor{n}]", text)
    if count != 1:
        raise SystemExit(f"{path}: nothing to edit")
    path.write_text(new)
    return f"Supervisor{n}"


def settle(since: float) -> None:
    """Wait until files written at ``since`` are old enough for the stat shortcut."""
    wait = SETTLED_NS / 1e9 - (time.time() - since) + 0.1
    if wait > 0:
        time.sleep(wait)


def measure(root: Path, plans: list[AppPlan], runs: int, generated_at: float) -> Report:
    report = Report()
    files = analysed_files(root)
    sources = [f.read_bytes() for f in files]
    modules = sum(s.count(b"defmodule ") for f, s in zip(files, sources, strict=True))
    modules -= len([f for f in files if f.name == "mix.exs"])
    report.add("apps / modules (.ex)", f"{len(plans):,} / {modules:,}")
    report.add("files / bytes", f"{len(files):,} / {sum(map(len, sources)) / 1e6:.2f} MB")

    settle(generated_at)
    measure_cached(root, plans, files, sources, runs, report)

    settings = SiteSettings(root=root, elixir_path=".")
    DEFAULT_CACHE.clear()
    _ = DocsSite(settings).analysis
    target = root / "apps" / plans[-1].otp_app / "lib" / plans[-1].otp_app / "application.ex"
    edit(target, 99)
    before = DEFAULT_CACHE.parses
    rebuild = timed(lambda: DocsSite(settings).analysis)
    reparsed = DEFAULT_CACHE.parses - before
    report.add("mkdocs rebuild (new DocsSite): re-parsed", f"{reparsed}", "= 1", reparsed == 1)
    report.add("mkdocs rebuild (new DocsSite): analyse", f"{rebuild:.3f} s")
    report.add("peak RSS", f"{peak_rss_mb():.0f} MB")
    return report


def measure_cached(
    root: Path,
    plans: list[AppPlan],
    files: list[Path],
    sources: list[bytes],
    runs: int,
    report: Report,
) -> None:
    """Raw parse against cold analysis, then warm, edit and touch runs on one cache."""
    raws: list[float] = []
    colds: list[float] = []
    cache = ParseCache()
    cpus: list[float] = []
    for _ in range(runs):  # alternated, so that both see the same machine load
        raws.append(timed(functools.partial(raw_parse, sources)))
        cache = ParseCache()  # the previous run's cache is freed here, outside the timing
        before = cpu_seconds()
        colds.append(timed(functools.partial(analyse, root, cache)))
        cpus.append(cpu_seconds() - before)
    cold = statistics.median(colds)
    ratio = statistics.median(c / r for c, r in zip(colds, raws, strict=True))
    report.add("raw tree-sitter parse", f"{statistics.median(raws):.3f} s")
    report.add(
        "cold analyse (fresh cache)", f"{cold:.3f} s", f"≤ {COLD_LIMIT} s", cold <= COLD_LIMIT
    )
    report.add("cold / raw parse", f"{ratio:.2f}×", f"≤ {RATIO_LIMIT}×", ratio <= RATIO_LIMIT)
    report.add("  CPU time, this process and its worker", f"{statistics.median(cpus):.3f} s")
    report.add(
        "  parsed here / by the worker / statements alone",
        f"{cache.parses:,} / {len(files) - cache.parses:,} / {cache.snippets:,}",
    )
    report.add("  in a new interpreter, imports included", f"{fresh_process_cold(root):.3f} s")
    report.add("  peak RSS so far", f"{peak_rss_mb():.0f} MB")

    check_analysis(analyse(root, cache), plans)
    parses = cache.parses
    warm = median_time(functools.partial(analyse, root, cache), max(runs, 5))
    report.add(
        "warm analyse (same cache)", f"{warm:.3f} s", f"≤ {WARM_LIMIT} s", warm <= WARM_LIMIT
    )
    report.add("  files re-parsed", f"{cache.parses - parses}", "= 0", cache.parses == parses)

    edited: list[int] = []
    times: list[float] = []
    for n in range(runs):
        plan = plans[(n * 37) % len(plans)]
        suffix = edit(root / "apps" / plan.otp_app / "lib" / plan.otp_app / "application.ex", n)
        before = cache.parses
        start = time.perf_counter()
        after = analyse(root, cache)
        times.append(time.perf_counter() - start)
        edited.append(cache.parses - before)
        app = after.application(plan.otp_app)
        if app is None or not (app.supervisor.name or "").endswith(suffix):
            raise SystemExit(f"{plan.otp_app}: the edit is not in the analysis")
    ok = all(e == 1 for e in edited)
    report.add("edit one .ex: files re-parsed", ",".join(map(str, edited)), "= 1", ok)
    report.add("edit one .ex: analyse", f"{statistics.median(times):.3f} s")

    for file in files:  # new mtimes, same bytes: every file is read and hashed again
        os.utime(file)
    parses = cache.parses
    touched = median_time(functools.partial(analyse, root, cache), max(runs, 5))
    ok = touched <= WARM_LIMIT
    report.add(
        "all files touched, same bytes (hashed)", f"{touched:.3f} s", f"≤ {WARM_LIMIT} s", ok
    )
    report.add("  files re-parsed", f"{cache.parses - parses}", "= 0", cache.parses == parses)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the parse worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--apps", type=int, default=200)
    parser.add_argument("--modules-per-app", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args(argv)
    if args.keep is not None:
        root = args.keep
        if root.exists() and any(root.iterdir()):
            if not (root / MARKER).exists():
                parser.error(f"--keep {root}: not empty and not made by this benchmark")
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
    else:
        root = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    (root / MARKER).write_text("generated by bench/tree_bench.py; safe to delete\n")
    try:
        plans = generate(root, args.apps, args.modules_per_app, args.seed)
        report = measure(root, plans, args.runs, time.time())
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"docgen analyser benchmark (seed {args.seed}, median of {args.runs} runs)")
    report.print()
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
