"""Restart semantics read from source: ids, restart types, shutdown, intensity,
blast radius, duplicate ids. The runtime oracle proves the same against a booted
node; these pin down each spelling on small real projects."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from docgen.elixir import ParseCache, analyse

MIX = """defmodule Shop.MixProject do
  use Mix.Project
  def project, do: [app: :shop, version: "0.1.0", deps: []]
  def application, do: [mod: {Shop.Application, []}]
end
"""

MODULES = {
    "worker.ex": """
defmodule Shop.Worker do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(x), do: {:ok, x}
end
""",
    "temp.ex": """
defmodule Shop.Temp do
  use GenServer, restart: :temporary, shutdown: 10_000
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(x), do: {:ok, x}
end
""",
    "job.ex": """
defmodule Shop.Job do
  use Task
  def start_link(arg), do: Task.start_link(fn -> arg end)
end
""",
    "custom.ex": """
defmodule Shop.Custom do
  use GenServer
  def child_spec(arg) do
    %{id: :custom, start: {__MODULE__, :start_link, [arg]}, restart: :transient,
      shutdown: :brutal_kill}
  end
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(x), do: {:ok, x}
end
""",
    "sup.ex": """
defmodule Shop.Sup do
  use Supervisor, restart: :transient
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_arg) do
    Supervisor.init([Shop.Worker], strategy: :one_for_all, max_restarts: 10, max_seconds: 60)
  end
end
""",
}


def project(tmp_path: Path, children: str, opts: str = "strategy: :one_for_one") -> Any:
    root = tmp_path / "shop"
    (root / "lib/shop").mkdir(parents=True)
    (root / "mix.exs").write_text(MIX, encoding="utf-8")
    for name, text in MODULES.items():
        (root / "lib/shop" / name).write_text(dedent(text), encoding="utf-8")
    app = f"""defmodule Shop.Application do
  use Application
  def start(_type, _args) do
    children = [
      {children}
    ]
    Supervisor.start_link(children, [{opts}, name: Shop.Supervisor])
  end
end
"""
    (root / "lib/shop/application.ex").write_text(app, encoding="utf-8")
    return analyse(root, ParseCache()).to_dict()


def fields(child: dict[str, Any]) -> tuple[Any, ...]:
    return child["id"], child["restart"], child["shutdown"], child["type"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Shop.Worker", ("Shop.Worker", "permanent", 5000, "worker")),
        ("{Shop.Worker, name: :w}", ("Shop.Worker", "permanent", 5000, "worker")),
        ("Shop.Temp", ("Shop.Temp", "temporary", 10000, "worker")),
        ("Shop.Job", ("Shop.Job", "temporary", 5000, "worker")),
        ("Shop.Custom", (":custom", "transient", "brutal_kill", "worker")),
        ("Shop.Sup", ("Shop.Sup", "transient", "infinity", "supervisor")),
        (
            "Supervisor.child_spec(Shop.Worker, id: :other, restart: :transient, shutdown: 1)",
            (":other", "transient", 1, "worker"),
        ),
        (
            "Supervisor.child_spec({Shop.Temp, []}, restart: :permanent)",
            ("Shop.Temp", "permanent", 10000, "worker"),
        ),
        (
            "%{id: {:cache, 1}, start: {Shop.Worker, :start_link, [[]]}, restart: :temporary}",
            ("{:cache, 1}", "temporary", 5000, "worker"),
        ),
        (
            "%{id: :pool, start: {Shop.Sup, :start_link, [[]]}, type: :supervisor}",
            (":pool", "permanent", "infinity", "supervisor"),
        ),
        (
            "{Task.Supervisor, name: Shop.Tasks}",
            ("Shop.Tasks", "permanent", "infinity", "supervisor"),
        ),
        ("{Task.Supervisor, []}", ("Task.Supervisor", "permanent", "infinity", "supervisor")),
        (
            "{DynamicSupervisor, name: {:global, :jobs}, strategy: :one_for_one}",
            (":jobs", "permanent", "infinity", "supervisor"),
        ),
        (
            "{Registry, keys: :unique, name: Shop.Registry}",
            ("Shop.Registry", "permanent", "infinity", "supervisor"),
        ),
        (  # phoenix_pubsub 2: child_spec/1 is Phoenix.PubSub.Supervisor's (use Supervisor)
            "{Phoenix.PubSub, name: Shop.PubSub}",
            ("Phoenix.PubSub.Supervisor", "permanent", "infinity", "supervisor"),
        ),
        ("{Finch, name: Shop.Finch}", ("Shop.Finch", "permanent", 5000, "worker")),
        ("{Finch, finch_options()}", (None, "permanent", 5000, "worker")),
        (
            "{:telemetry_poller, measurements: [], period: 10_000}",
            (":telemetry_poller", "permanent", 5000, "worker"),
        ),
        (
            "{:telemetry_poller, name: :shop_poller, period: 10_000}",
            (":shop_poller", "permanent", 5000, "worker"),
        ),
        ('{Redix, name: :redix, host: "localhost"}', ("Redix", "permanent", 5000, "worker")),
        ("{DNSCluster, query: :ignore}", ("DNSCluster", "permanent", 5000, "worker")),
        (
            "{Oban, name: Shop.Oban, repo: Shop.Repo}",
            ("Shop.Oban", "permanent", "infinity", "supervisor"),
        ),
        ("{Oban, [repo: Shop.Repo]}", ("Oban", "permanent", "infinity", "supervisor")),
        ("{Bandit, plug: Shop.Router, port: 4000}", (None, "permanent", "infinity", "supervisor")),
        (
            "{Horde.Registry, name: Shop.HordeRegistry, keys: :unique}",
            ("Horde.Registry", "permanent", "infinity", "supervisor"),
        ),
        (
            "{Cluster.Supervisor, [[k8s: []], [name: Shop.ClusterSupervisor]]}",
            ("Cluster.Supervisor", "permanent", "infinity", "supervisor"),
        ),
        ("{Task.Supervisor, task_options()}", (None, "permanent", "infinity", "supervisor")),
        ("{Task, fn -> :ok end}", ("Task", "temporary", 5000, "worker")),
        ("{Agent, fn -> %{} end}", ("Agent", "permanent", 5000, "worker")),
        ("{Some.Library, name: :x}", (None, None, None, None)),
        ('{Shop.Worker, id: :"odd id"}', ("Shop.Worker", "permanent", 5000, "worker")),
        (
            'Supervisor.child_spec(Shop.Worker, id: :"odd id")',
            (':"odd id"', "permanent", 5000, "worker"),
        ),
    ],
)
def test_child_spec_fields(tmp_path: Path, spec: str, expected: tuple[Any, ...]) -> None:
    tree = project(tmp_path, spec)
    assert fields(tree["applications"][0]["children"][0]) == expected


def test_intensity_of_supervisors(tmp_path: Path) -> None:
    tree = project(
        tmp_path,
        "Shop.Sup, {DynamicSupervisor, name: Shop.Dyn, max_restarts: 1}, Shop.Worker",
        "strategy: :rest_for_one, max_restarts: 0",
    )
    app = tree["applications"][0]
    assert app["supervisor"] == {
        "strategy": "rest_for_one",
        "name": "Shop.Supervisor",
        "max_restarts": 0,
        "max_seconds": 5,
    }
    sup, dyn, worker = app["children"]
    assert (sup["max_restarts"], sup["max_seconds"]) == (10, 60)
    assert (dyn["max_restarts"], dyn["max_seconds"]) == (1, 5)
    assert (worker["max_restarts"], worker["max_seconds"]) == (None, None)


def blast(tree: dict[str, Any]) -> dict[str, tuple[list[str], list[str], list[str]]]:
    return {
        c["id"]: (
            c["blast_radius"]["restarts"],
            c["blast_radius"]["stops"],
            c["blast_radius"]["uncertain"],
        )
        for c in tree["applications"][0]["children"]
    }


SIBLINGS = (
    "Supervisor.child_spec(Shop.Worker, id: :a), Shop.Temp, "
    "Supervisor.child_spec(Shop.Worker, id: :b), Shop.Custom"
)


def test_blast_radius_one_for_one(tmp_path: Path) -> None:
    assert blast(project(tmp_path, SIBLINGS)) == {
        ":a": ([":a"], [], []),
        "Shop.Temp": ([], ["Shop.Temp"], []),
        ":b": ([":b"], [], []),
        ":custom": ([":custom"], [], []),
    }


def test_blast_radius_one_for_all(tmp_path: Path) -> None:
    everyone: tuple[list[str], list[str], list[str]] = ([":a", ":b", ":custom"], ["Shop.Temp"], [])
    assert blast(project(tmp_path, SIBLINGS, "strategy: :one_for_all")) == {
        ":a": everyone,
        "Shop.Temp": ([], ["Shop.Temp"], []),  # a temporary child's exit restarts nothing
        ":b": everyone,
        ":custom": everyone,
    }


def test_blast_radius_rest_for_one(tmp_path: Path) -> None:
    assert blast(project(tmp_path, SIBLINGS, "strategy: :rest_for_one")) == {
        ":a": ([":a", ":b", ":custom"], ["Shop.Temp"], []),
        "Shop.Temp": ([], ["Shop.Temp"], []),
        ":b": ([":b", ":custom"], [], []),
        ":custom": ([":custom"], [], []),
    }


def test_blast_radius_is_uncertain_about_conditional_and_unknown_siblings(tmp_path: Path) -> None:
    children = (
        "Supervisor.child_spec(Shop.Worker, id: :a), "
        "if(Application.get_env(:shop, :extra), do: Shop.Temp), {Some.Library, []}"
    )
    tree = project(tmp_path, children, "strategy: :one_for_all")
    first = tree["applications"][0]["children"][0]["blast_radius"]
    assert first["restarts"] == [":a"]
    assert first["uncertain"] == ["Shop.Temp", "Some.Library"]
    assert "only under a condition" in first["note"] and "not known" in first["note"]


def test_duplicate_child_ids_are_an_error_at_the_second(tmp_path: Path) -> None:
    children = "{Task.Supervisor, []},\n      Shop.Worker,\n      {Task.Supervisor, []}"
    tree = project(tmp_path, children)
    found = [d for d in tree["diagnostics"] if d["code"] == "DG112"]
    assert [(d["file"], d["line"], d["severity"]) for d in found] == [
        ("lib/shop/application.ex", 7, "error")
    ]
    assert "{:duplicate_child_name, Task.Supervisor}" in found[0]["message"]


def test_maps_with_one_id_are_duplicates_but_exclusive_branches_are_not(tmp_path: Path) -> None:
    maps = (
        "%{id: :x, start: {Shop.Worker, :start_link, [[]]}},\n"
        "      %{id: :x, start: {Shop.Temp, :start_link, [[]]}}"
    )
    assert [d["code"] for d in project(tmp_path / "a", maps)["diagnostics"]] == ["DG112"]
    branches = "if(Application.get_env(:shop, :a), do: Shop.Worker, else: {Shop.Worker, []})"
    assert project(tmp_path / "b", branches)["diagnostics"] == []
