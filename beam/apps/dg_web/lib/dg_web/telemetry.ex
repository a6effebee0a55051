defmodule DecisionGraphWeb.Telemetry do
  @moduledoc """
  Web-side metrics definitions and the poller that feeds them.

  `metrics/0` is the list handed to reporters (a console reporter in
  development, LiveDashboard or an exporter later). VM-wide measurements are
  owned by `dg_observability`; this poller only measures what the web layer
  presents.
  """

  use Supervisor

  import Telemetry.Metrics

  @doc false
  @spec start_link(term()) :: Supervisor.on_start()
  def start_link(arg) do
    Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  end

  @impl true
  def init(_arg) do
    children = [
      # Reporters go here, e.g. {Telemetry.Metrics.ConsoleReporter, metrics: metrics()}
      {:telemetry_poller, measurements: periodic_measurements(), period: 10_000}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end

  @doc """
  Metrics exposed by the web layer.
  """
  @spec metrics() :: [Telemetry.Metrics.t()]
  def metrics do
    [
      # Phoenix
      summary("phoenix.endpoint.stop.duration", unit: {:native, :millisecond}),
      summary("phoenix.router_dispatch.stop.duration",
        tags: [:route],
        unit: {:native, :millisecond}
      ),
      counter("phoenix.router_dispatch.exception.duration", tags: [:route]),

      # Store
      summary("dg_store.repo.query.total_time", unit: {:native, :millisecond}),
      summary("dg_store.repo.query.queue_time", unit: {:native, :millisecond}),

      # Projector
      counter("decision_graph.projector.record.sequence"),
      summary("decision_graph.projector.replay.stop.duration", unit: {:native, :millisecond}),
      last_value("decision_graph.web.projections.active"),

      # VM (emitted by dg_observability)
      summary("vm.memory.total", unit: {:byte, :kilobyte}),
      summary("vm.total_run_queue_lengths.total"),
      last_value("decision_graph.vm.process_utilisation.ratio")
    ]
  end

  @doc false
  @spec dispatch_projection_stats() :: :ok
  def dispatch_projection_stats do
    %{active_projections: active} = DecisionGraph.API.health()
    :telemetry.execute([:decision_graph, :web, :projections], %{active: active}, %{})
  end

  defp periodic_measurements do
    [
      {__MODULE__, :dispatch_projection_stats, []}
    ]
  end
end
