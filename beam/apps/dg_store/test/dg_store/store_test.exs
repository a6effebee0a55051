defmodule DecisionGraph.StoreTest do
  use ExUnit.Case, async: true

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Store
  alias DecisionGraph.Store.Repo
  alias Ecto.Adapters.SQL.Sandbox

  setup do
    pid = Sandbox.start_owner!(Repo, shared: false)
    on_exit(fn -> Sandbox.stop_owner(pid) end)

    {:ok, decision} = Decision.new(id: "ADR-1", title: "Adopt an event log", status: :accepted)
    %{decision: decision}
  end

  test "appends events and lists them in sequence order", %{decision: decision} do
    superseding = %Decision{decision | id: "ADR-2", supersedes: ["ADR-1"]}

    assert {:ok, _} = Store.append_decision("graph-a", 2, superseding)
    assert {:ok, _} = Store.append_decision("graph-a", 1, decision)

    assert [%{sequence: 1, payload: %{"id" => "ADR-1"}}, %{sequence: 2, payload: second}] =
             Store.list_events("graph-a")

    assert {:ok, %Decision{id: "ADR-2", supersedes: ["ADR-1"]}} = Decision.new(second)
    assert Store.last_sequence("graph-a") == 2
  end

  test "rejects a second event at the same position in a stream", %{decision: decision} do
    assert {:ok, _} = Store.append_decision("graph-b", 1, decision)
    assert {:error, changeset} = Store.append_decision("graph-b", 1, decision)

    assert {"has already been taken", _} = changeset.errors[:stream_id]
  end

  test "streams are isolated from each other", %{decision: decision} do
    assert {:ok, _} = Store.append_decision("graph-c", 1, decision)

    assert Store.list_events("graph-d") == []
    assert Store.last_sequence("graph-d") == 0
  end
end
