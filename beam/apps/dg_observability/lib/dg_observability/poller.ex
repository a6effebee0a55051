defmodule DecisionGraph.Observability.Poller do
  @moduledoc """
  Supervises periodic measurements of the running node.

  Owns a single `:telemetry_poller` process,
  `DecisionGraph.Observability.TelemetryPoller`, which every ten seconds
  emits the standard VM measurements plus
  `[:decision_graph, :vm, :process_utilisation]`.
  """

  use Supervisor

  @doc false
  @spec start_link(keyword()) :: Supervisor.on_start()
  def start_link(opts) do
    Supervisor.start_link(__MODULE__, opts, name: __MODULE__)
  end

  @impl true
  def init(_opts) do
    children = [
      {:telemetry_poller,
       measurements: measurements(),
       period: :timer.seconds(10),
       name: DecisionGraph.Observability.TelemetryPoller}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end

  @doc """
  Emits process count and limit as a single event, so dashboards can alert on
  utilisation rather than absolute numbers.
  """
  @spec dispatch_process_utilisation() :: :ok
  def dispatch_process_utilisation do
    count = :erlang.system_info(:process_count)
    limit = :erlang.system_info(:process_limit)

    :telemetry.execute(
      [:decision_graph, :vm, :process_utilisation],
      %{count: count, limit: limit, ratio: count / limit},
      %{node: node()}
    )
  end

  defp measurements do
    [
      :memory,
      :total_run_queue_lengths,
      :system_counts,
      {__MODULE__, :dispatch_process_utilisation, []}
    ]
  end
end
