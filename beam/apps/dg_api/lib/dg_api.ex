defmodule DecisionGraph.API do
  @moduledoc """
  The application boundary used by every delivery layer (`dg_web` today).

  This module stays thin in Phase 2: it validates input with the domain and
  delegates to the projector. It holds no state and owns no processes apart
  from fire-and-forget work started under `DecisionGraph.API.TaskSupervisor`.
  """

  alias DecisionGraph.Domain.{Decision, Validation}
  alias DecisionGraph.Projector

  @type health :: %{
          status: :ok,
          version: String.t(),
          active_projections: non_neg_integer()
        }

  @doc """
  Validates `attrs` and records the resulting decision in `projection_id`.
  """
  @spec record_decision(Projector.projection_id(), map() | keyword()) ::
          {:ok, Decision.t(), pos_integer()} | {:error, Validation.errors() | term()}
  def record_decision(projection_id, attrs) do
    with {:ok, decision} <- Decision.new(attrs),
         {:ok, sequence} <- Projector.record(projection_id, decision) do
      {:ok, decision, sequence}
    end
  end

  @doc """
  Returns the current projection for `projection_id`, if it is loaded.
  """
  @spec projection(Projector.projection_id()) ::
          {:ok, Projector.Projection.t()} | {:error, :not_running}
  defdelegate projection(projection_id), to: Projector, as: :snapshot

  @doc """
  Rebuilds `projection_id` in the background. Returns immediately; progress
  is visible through the `[:decision_graph, :projector, :replay, :*]`
  telemetry events.
  """
  @spec request_replay(Projector.projection_id()) :: :ok
  def request_replay(projection_id) do
    {:ok, _pid} =
      Task.Supervisor.start_child(DecisionGraph.API.TaskSupervisor, fn ->
        Projector.replay(projection_id)
      end)

    :ok
  end

  @doc """
  A cheap liveness summary for health checks and the dashboard.
  """
  @spec health() :: health()
  def health do
    %{
      status: :ok,
      version: version(),
      active_projections: Projector.active_projections()
    }
  end

  defp version do
    case Application.spec(:dg_api, :vsn) do
      nil -> "unknown"
      vsn -> List.to_string(vsn)
    end
  end
end
