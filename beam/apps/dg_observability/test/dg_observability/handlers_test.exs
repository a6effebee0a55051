defmodule DecisionGraph.Observability.HandlersTest do
  # Not async: the handlers and the logger level are global.
  use ExUnit.Case, async: false

  import ExUnit.CaptureLog

  alias DecisionGraph.Observability.Handlers

  setup do
    previous_level = Logger.level()
    Logger.configure(level: :debug)
    on_exit(fn -> Logger.configure(level: previous_level) end)
  end

  test "the handlers are attached when the application starts" do
    attached =
      [:decision_graph, :projector, :record]
      |> :telemetry.list_handlers()
      |> Enum.map(& &1.id)

    assert "decision-graph-observability-log-handler" in attached
  end

  test "attach/0 is idempotent" do
    assert :ok = Handlers.attach()
    assert :ok = Handlers.attach()
  end

  test "projector records are logged with the projection id" do
    log =
      capture_log([metadata: [:projection_id, :telemetry_event]], fn ->
        :telemetry.execute(
          [:decision_graph, :projector, :record],
          %{sequence: 7},
          %{projection_id: "graph-obs"}
        )
      end)

    assert log =~ "decision recorded at sequence 7"
    assert log =~ "projection_id=graph-obs"
    assert log =~ "telemetry_event=decision_graph.projector.record"
  end

  test "only slow repo queries are logged" do
    fast = System.convert_time_unit(1, :millisecond, :native)
    slow = System.convert_time_unit(5_000, :millisecond, :native)

    log =
      capture_log(fn ->
        emit_query(fast, "fast_table")
        emit_query(slow, "slow_table")
      end)

    refute log =~ "fast_table"
    assert log =~ "slow query on slow_table"
  end

  defp emit_query(total_time, source) do
    :telemetry.execute([:dg_store, :repo, :query], %{total_time: total_time}, %{source: source})
  end
end
