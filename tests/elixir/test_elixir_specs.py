"""Child spec forms → module, registered name, kind (one inline project per row)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.elixir import Child, Kind

ChildrenOf = Callable[..., tuple[Child, ...]]

WORKER = """
defmodule Demo.Worker do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(x), do: {:ok, x}
end
"""
NAMED = """
defmodule Demo.Named do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def init(x), do: {:ok, x}
end
"""
DEFAULTED = """
defmodule Demo.Defaulted do
  use Agent
  def start_link(opts) do
    name = Keyword.get(opts, :name, :default_agent)
    Agent.start_link(fn -> 0 end, name: name)
  end
end
"""
STATEM = """
defmodule Demo.Machine do
  @behaviour :gen_statem
  def start_link(_), do: :gen_statem.start_link({:local, :machine}, __MODULE__, [], [])
end
"""
POPPED = """
defmodule Demo.Popped do
  use GenServer
  def start_link(opts) do
    {name, opts} = Keyword.pop(opts, :name, __MODULE__)
    GenServer.start_link(__MODULE__, opts, name: name)
  end
end
defmodule Demo.Rest do
  use GenServer
  def start_link(opts) do
    {_size, opts} = Keyword.pop(opts, :size)
    GenServer.start_link(__MODULE__, :ok, opts)
  end
end
"""
PLAIN = """
defmodule Demo.Plain do
  def start_link(_), do: :ignore
end
"""

SPECS = [
    # (children expression, expected [(module, name, kind)])
    ("[Demo.Worker]", [("Demo.Worker", None, Kind.WORKER)]),
    ("[{Demo.Worker, name: Demo.W1}]", [("Demo.Worker", "Demo.W1", Kind.WORKER)]),
    ("[{Demo.Worker, name: :w1}]", [("Demo.Worker", ":w1", Kind.WORKER)]),
    ("[{Demo.Worker, [name: :w2, x: 1]}]", [("Demo.Worker", ":w2", Kind.WORKER)]),
    # start_link(arg, opts) convention: the name is in the trailing keyword list.
    (
        "[{Cluster.Supervisor, [[], [name: Demo.Cluster]]}]",
        [("Cluster.Supervisor", "Demo.Cluster", Kind.SUPERVISOR)],
    ),
    ("[Demo.Named]", [("Demo.Named", "Demo.Named", Kind.WORKER)]),
    ("[{Demo.Named, []}]", [("Demo.Named", "Demo.Named", Kind.WORKER)]),
    ("[Demo.Defaulted]", [("Demo.Defaulted", ":default_agent", Kind.WORKER)]),
    ("[{Demo.Defaulted, name: :given}]", [("Demo.Defaulted", ":given", Kind.WORKER)]),
    ("[Demo.Machine]", [("Demo.Machine", ":machine", Kind.WORKER)]),
    ("[Demo.Popped]", [("Demo.Popped", "Demo.Popped", Kind.WORKER)]),
    ("[{Demo.Popped, name: :given}]", [("Demo.Popped", ":given", Kind.WORKER)]),
    ("[{Demo.Rest, size: 2, name: :kept}]", [("Demo.Rest", ":kept", Kind.WORKER)]),
    ("[{Demo.Rest, [size: 2]}]", [("Demo.Rest", None, Kind.WORKER)]),
    (
        "[{:telemetry_poller, measurements: [], period: 1_000}]",
        [(":telemetry_poller", None, Kind.WORKER)],
    ),
    ("[{:telemetry_poller, name: :poll}]", [(":telemetry_poller", ":poll", Kind.WORKER)]),
    ("[{Registry, keys: :unique, name: Demo.Reg}]", [("Registry", "Demo.Reg", Kind.REGISTRY)]),
    (
        "[{DynamicSupervisor, name: Demo.DS, strategy: :one_for_one}]",
        [("DynamicSupervisor", "Demo.DS", Kind.DYNAMIC_SUPERVISOR)],
    ),
    ("[{Task.Supervisor, name: Demo.TS}]", [("Task.Supervisor", "Demo.TS", Kind.TASK_SUPERVISOR)]),
    ("[{Phoenix.PubSub, name: Demo.PubSub}]", [("Phoenix.PubSub", "Demo.PubSub", Kind.PUBSUB)]),
    ("[{Finch, name: Demo.Finch}]", [("Finch", "Demo.Finch", Kind.SUPERVISOR)]),
    ("[{Oban, Application.fetch_env!(:demo, Oban)}]", [("Oban", None, Kind.SUPERVISOR)]),
    ("[{Task, fn -> :ok end}]", [("Task", None, Kind.WORKER)]),
    ("[{Agent, fn -> %{} end}]", [("Agent", None, Kind.WORKER)]),
    ("[{Ecto.Migrator, repos: []}]", [("Ecto.Migrator", None, Kind.WORKER)]),
    ("[Supervisor.child_spec({Demo.Worker, 1}, id: :one)]", [("Demo.Worker", None, Kind.WORKER)]),
    (
        "[%{id: :w, start: {Demo.Worker, :start_link, [[name: :mapped]]}}]",
        [("Demo.Worker", ":mapped", Kind.WORKER)],
    ),
    (
        "[%{id: :s, start: {Lib.Thing, :start_link, []}, type: :supervisor}]",
        [("Lib.Thing", None, Kind.SUPERVISOR)],
    ),
    (
        "[{Demo.Worker, name: {:via, Registry, {Demo.Reg, :k}}}]",
        [("Demo.Worker", "{:via, Registry, {Demo.Reg, :k}}", Kind.WORKER)],
    ),
    ("[{Demo.Worker, name: {:global, :g}}]", [("Demo.Worker", "{:global, :g}", Kind.WORKER)]),
    ("[Demo.Worker.child_spec(:x)]", [("Demo.Worker", None, Kind.WORKER)]),
    ("[{Lib.Unknown, []}]", [("Lib.Unknown", None, Kind.UNKNOWN)]),
    ("[Demo.Plain]", [("Demo.Plain", None, Kind.UNKNOWN)]),
]


@pytest.mark.parametrize(("children", "expected"), SPECS, ids=[s[0] for s in SPECS])
def test_child_spec_forms(
    children_of: ChildrenOf, children: str, expected: list[tuple[str | None, str | None, Kind]]
) -> None:
    found = children_of(
        children,
        worker=WORKER,
        named=NAMED,
        defaulted=DEFAULTED,
        machine=STATEM,
        popped=POPPED,
        plain=PLAIN,
    )
    assert [(c.module, c.name, c.kind) for c in found] == expected
    assert not any(c.conditional for c in found)


def test_unknown_kinds_explain_themselves(children_of: ChildrenOf) -> None:
    library, project = children_of("[Lib.Unknown, Demo.Plain]", plain=PLAIN)
    assert library.note == "library module; kind not known"
    assert "project module" in project.note


def test_child_spec_override_keeps_id_in_note(children_of: ChildrenOf) -> None:
    (child,) = children_of("[Supervisor.child_spec({Demo.Worker, 1}, id: :one)]", worker=WORKER)
    assert child.note == "id: :one"


def test_library_dynamic_supervisor_has_strategy_and_no_children(children_of: ChildrenOf) -> None:
    (child,) = children_of("[{DynamicSupervisor, name: Demo.DS, strategy: :one_for_one}]")
    assert child.strategy == "one_for_one"
    assert child.children == ()


def test_partition_supervisor_shows_one_partition(children_of: ChildrenOf) -> None:
    (child,) = children_of("[{PartitionSupervisor, child_spec: DynamicSupervisor, name: Demo.P}]")
    assert (child.module, child.name, child.kind) == (
        "PartitionSupervisor",
        "Demo.P",
        Kind.PARTITION_SUPERVISOR,
    )
    (partition,) = child.children
    assert partition.module == "DynamicSupervisor"
    assert partition.kind is Kind.DYNAMIC_SUPERVISOR
    assert "repeated" in partition.note


def test_child_location_is_the_spec_line(children_of: ChildrenOf) -> None:
    first, second = children_of(
        "[\n  Demo.Worker,\n  {Registry, keys: :unique, name: R}\n]", worker=WORKER
    )
    assert first.location.path == "lib/demo/application.ex"
    assert second.location.line == first.location.line + 1
