defmodule DecisionGraph.ProjectorTest do
  use ExUnit.Case, async: true
  use ExUnitProperties

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Projector
  alias DecisionGraph.Projector.{Projection, Worker}

  @worker_supervisor DecisionGraph.Projector.WorkerSupervisor

  describe "worker registry" do
    property "concurrent starts of the same projection converge on one registered worker" do
      name_lists = uniq_list_of(string(:alphanumeric, min_length: 1), max_length: 8)

      check all names <- name_lists, names != [], callers <- integer(2..8) do
        ids = Enum.map(names, &"prop-#{System.unique_integer([:positive])}-#{&1}")

        results =
          ids
          |> Enum.flat_map(&List.duplicate(&1, callers))
          |> Enum.shuffle()
          |> Task.async_stream(fn id -> {id, Worker.ensure_started(id, catch_up: false)} end,
            max_concurrency: 16
          )
          |> Enum.map(fn {:ok, result} -> result end)

        for {id, replies} <- Enum.group_by(results, &elem(&1, 0), &elem(&1, 1)) do
          assert [{:ok, pid}] = Enum.uniq(replies)
          assert Worker.whereis(id) == pid
        end

        for id <- ids do
          :ok = DynamicSupervisor.terminate_child(@worker_supervisor, Worker.whereis(id))
        end
      end
    end

    test "snapshot/1 does not start a worker" do
      id = "never-started-#{System.unique_integer([:positive])}"

      assert Projector.snapshot(id) == {:error, :not_running}
      assert Worker.whereis(id) == nil
    end
  end

  describe "projection" do
    test "a superseding decision marks the earlier one as superseded" do
      {:ok, first} = Decision.new(id: "ADR-1", title: "Poll the store", status: :accepted)

      {:ok, second} =
        Decision.new(
          id: "ADR-2",
          title: "Push via PubSub",
          status: :accepted,
          supersedes: ["ADR-1"]
        )

      projection =
        "graph"
        |> Projection.new()
        |> Projection.apply_decision(1, first)
        |> Projection.apply_decision(2, second)

      assert projection.sequence == 2
      assert projection.decisions["ADR-1"].status == :superseded
      assert projection.decisions["ADR-2"].status == :accepted
    end

    test "events are applied strictly in sequence order" do
      {:ok, decision} = Decision.new(id: "ADR-3", title: "Order matters", status: :proposed)
      projection = Projection.apply_decision(Projection.new("graph"), 5, decision)

      assert_raise FunctionClauseError, fn ->
        Projection.apply_decision(projection, 5, decision)
      end
    end
  end
end
