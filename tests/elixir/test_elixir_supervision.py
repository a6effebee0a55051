"""Nested supervisors, registered names, cycles and missing modules."""

from __future__ import annotations

from collections.abc import Callable

from docgen.diagnostics import Severity
from docgen.elixir import Analysis, Application, Kind

AnalyseFiles = Callable[..., Analysis]

APP = """
defmodule Demo.Application do
  use Application
  def start(_type, _args) do
    Supervisor.start_link([Demo.Outer], strategy: :one_for_all)
  end
end
"""


def demo(analysis: Analysis) -> Application:
    app = analysis.application("demo")
    assert app is not None
    return app


def test_nested_supervisors_recurse_with_strategy_and_name(analyse_files: AnalyseFiles) -> None:
    outer = """
    defmodule Demo.Outer do
      use Supervisor
      def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: Demo.OuterSup)
      @impl true
      def init(_arg) do
        children = [Demo.Inner, {Task.Supervisor, name: Demo.Tasks}]
        Supervisor.init(children, strategy: :rest_for_one, max_restarts: 5)
      end
    end
    """
    inner = """
    defmodule Demo.Inner do
      use Supervisor
      def start_link(_) do
        children = [{Registry, keys: :duplicate, name: Demo.Pids}]
        Supervisor.start_link(children, strategy: :one_for_one, name: __MODULE__)
      end
    end
    """
    analysis = analyse_files(
        {"lib/demo/application.ex": APP, "lib/demo/outer.ex": outer, "lib/demo/inner.ex": inner}
    )
    app = demo(analysis)
    assert app is not None
    assert app.supervisor.strategy == "one_for_all"
    (top,) = app.children
    assert (top.module, top.name, top.kind, top.strategy) == (
        "Demo.Outer",
        "Demo.OuterSup",
        Kind.SUPERVISOR,
        "rest_for_one",
    )
    inner_child, tasks = top.children
    assert (inner_child.module, inner_child.name, inner_child.strategy) == (
        "Demo.Inner",
        "Demo.Inner",
        "one_for_one",
    )
    assert [(c.module, c.name, c.kind) for c in inner_child.children] == [
        ("Registry", "Demo.Pids", Kind.REGISTRY)
    ]
    assert (tasks.kind, tasks.children) == (Kind.TASK_SUPERVISOR, ())
    assert inner_child.location.path == "lib/demo/outer.ex"
    assert [c.module for c in app.walk()] == [
        "Demo.Outer",
        "Demo.Inner",
        "Registry",
        "Task.Supervisor",
    ]
    assert analysis.diagnostics == ()


def test_dynamic_supervisor_module_has_strategy_and_no_children(
    analyse_files: AnalyseFiles,
) -> None:
    outer = """
    defmodule Demo.Outer do
      use DynamicSupervisor
      def start_link(arg), do: DynamicSupervisor.start_link(__MODULE__, arg, name: __MODULE__)
      def init(_arg), do: DynamicSupervisor.init(strategy: :one_for_one)
    end
    """
    app = demo(analyse_files({"lib/demo/application.ex": APP, "lib/demo/outer.ex": outer}))
    (child,) = app.children
    assert (child.kind, child.name, child.strategy, child.children) == (
        Kind.DYNAMIC_SUPERVISOR,
        "Demo.Outer",
        "one_for_one",
        (),
    )


def test_supervisor_cycle_is_reported_and_cut(analyse_files: AnalyseFiles) -> None:
    outer = """
    defmodule Demo.Outer do
      use Supervisor
      def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)
      def init(_), do: Supervisor.init([Demo.Back], strategy: :one_for_one)
    end
    """
    back = """
    defmodule Demo.Back do
      use Supervisor
      def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)
      def init(_) do
        Supervisor.init([
          Demo.Outer
        ], strategy: :one_for_one)
      end
    end
    """
    analysis = analyse_files(
        {"lib/demo/application.ex": APP, "lib/demo/outer.ex": outer, "lib/demo/back.ex": back}
    )
    (diagnostic,) = analysis.diagnostics
    assert diagnostic.code == "DG104"
    assert diagnostic.severity is Severity.ERROR
    assert diagnostic.location is not None
    assert (diagnostic.location.path, diagnostic.location.line) == ("lib/demo/back.ex", 7)
    assert "Demo.Outer → Demo.Back → Demo.Outer" in diagnostic.message
    app = demo(analysis)
    (outer_child,) = app.children
    (back_child,) = outer_child.children
    (cut,) = back_child.children
    assert cut.module == "Demo.Outer"
    assert cut.children == ()
    assert "cycle" in cut.note


def test_missing_application_module(analyse_files: AnalyseFiles) -> None:
    mix = """\
defmodule Demo.MixProject do
  use Mix.Project
  def project, do: [app: :demo]

  def application do
    [mod: {Demo.Nowhere, []}]
  end
end
"""
    analysis = analyse_files({"lib/demo/application.ex": APP}, mix)
    app = demo(analysis)
    assert app is not None
    assert (app.application_module, app.children, app.location) == ("Demo.Nowhere", (), None)
    (diagnostic,) = analysis.diagnostics
    assert diagnostic.code == "DG103"
    assert diagnostic.location is not None
    assert (diagnostic.location.path, diagnostic.location.line) == ("mix.exs", 6)
    assert "Demo.Nowhere" in diagnostic.message


def test_start_without_readable_supervisor_warns(analyse_files: AnalyseFiles) -> None:
    source = """
    defmodule Demo.Application do
      use Application
      def start(_type, _args), do: Demo.Boot.go()
    end
    """
    analysis = analyse_files({"lib/demo/application.ex": source})
    (diagnostic,) = analysis.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("DG105", Severity.WARNING)
    assert demo(analysis).children == ()


def test_module_based_top_supervisor(analyse_files: AnalyseFiles) -> None:
    source = """
    defmodule Demo.Application do
      use Application
      def start(_type, _args), do: Demo.Outer.start_link([])
    end
    """
    outer = """
    defmodule Demo.Outer do
      use Supervisor
      def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: Demo.Top)
      def init(_), do: Supervisor.init([Demo.W], strategy: :one_for_one)
    end
    """
    app = demo(analyse_files({"lib/demo/application.ex": source, "lib/demo/outer.ex": outer}))
    assert (app.supervisor.strategy, app.supervisor.name) == ("one_for_one", "Demo.Top")
    assert [c.module for c in app.children] == ["Demo.W"]


def test_location_points_at_start(analyse_files: AnalyseFiles) -> None:
    app = demo(analyse_files({"lib/demo/application.ex": APP}))
    assert app.location is not None
    assert (app.location.path, app.location.line) == ("lib/demo/application.ex", 4)


def test_duplicate_module_and_unknown_umbrella_dep(analyse_files: AnalyseFiles) -> None:
    mix = """\
defmodule Demo.MixProject do
  use Mix.Project
  def project, do: [app: :demo, deps: [{:ghost, in_umbrella: true}]]
  def application, do: [mod: {Demo.Application, []}]
end
"""
    analysis = analyse_files({"lib/demo/application.ex": APP, "lib/demo/copy.ex": APP}, mix)
    codes = [(d.code, d.location.path if d.location else None) for d in analysis.diagnostics]
    assert ("DG106", "lib/demo/copy.ex") in codes
    assert ("DG107", "mix.exs") in codes
    assert demo(analysis).deps == ()
