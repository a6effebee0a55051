defmodule DecisionGraph.Projector do
  @moduledoc """
  Public entry point of the projector runtime.

  Other apps (in practice `dg_api`) call this module rather than the worker,
  registry or supervisors directly, so the process layout can change without
  touching callers.
  """

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Projector.{Projection, Replay, Worker}

  @type projection_id :: Worker.projection_id()

  @doc """
  Ensures a worker is running for `projection_id`.
  """
  @spec start_projection(projection_id(), [Worker.option()]) :: {:ok, pid()} | {:error, term()}
  defdelegate start_projection(projection_id, opts \\ []), to: Worker, as: :ensure_started

  @doc """
  Records `decision` in the `projection_id` stream, starting its worker if
  needed. Returns the sequence the decision was stored at.
  """
  @spec record(projection_id(), Decision.t()) :: {:ok, pos_integer()} | {:error, term()}
  def record(projection_id, %Decision{} = decision) do
    with {:ok, _pid} <- Worker.ensure_started(projection_id) do
      Worker.record(projection_id, decision)
    end
  end

  @doc """
  Returns the current projection for `projection_id` if its worker is running.
  """
  @spec snapshot(projection_id()) :: {:ok, Projection.t()} | {:error, :not_running}
  def snapshot(projection_id) do
    case Worker.whereis(projection_id) do
      nil -> {:error, :not_running}
      _pid -> {:ok, Worker.snapshot(projection_id)}
    end
  end

  @doc """
  Rebuilds `projection_id` from the event store, starting its worker if
  needed. See `DecisionGraph.Projector.Replay.run/1`.
  """
  @spec replay(projection_id()) :: {:ok, non_neg_integer()} | {:error, term()}
  def replay(projection_id) do
    with {:ok, _pid} <- Worker.ensure_started(projection_id) do
      Replay.run(projection_id)
    end
  end

  @doc """
  Number of projection workers currently running.
  """
  @spec active_projections() :: non_neg_integer()
  def active_projections do
    %{active: active} = DynamicSupervisor.count_children(DecisionGraph.Projector.WorkerSupervisor)
    active
  end
end
