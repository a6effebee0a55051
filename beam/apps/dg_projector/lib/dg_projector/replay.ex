defmodule DecisionGraph.Projector.Replay do
  @moduledoc """
  Rebuilds projections from the event store.

  Every replay runs as a task under `DecisionGraph.Projector.ReplaySupervisor`
  started with `Task.Supervisor.async_nolink/4`: a replay that crashes or is
  killed on timeout never takes its caller down, and the supervisor owns the
  task so it is shut down cleanly with the application.

  Replays emit `[:decision_graph, :projector, :replay, :start | :stop | :exception]`
  telemetry events.
  """

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Projector.{Projection, Worker}
  alias DecisionGraph.Store

  @supervisor DecisionGraph.Projector.ReplaySupervisor

  @doc """
  Starts a replay of `projection_id` without linking it to the caller.

  The caller receives `{ref, result}` when the replay completes, or a
  `{:DOWN, ref, ...}` message if it crashed; `result` is the return value of
  `build/1`.
  """
  @spec async(Worker.projection_id()) :: Task.t()
  def async(projection_id) do
    Task.Supervisor.async_nolink(@supervisor, __MODULE__, :build, [projection_id])
  end

  @doc """
  Rebuilds the projection of a running worker and swaps it in.

  Waits at most `config :dg_projector, :replay_timeout` milliseconds; on
  timeout the replay task is killed.
  """
  @spec run(Worker.projection_id()) :: {:ok, non_neg_integer()} | {:error, term()}
  def run(projection_id) do
    task = async(projection_id)
    timeout = Application.get_env(:dg_projector, :replay_timeout, :timer.seconds(30))

    case Task.yield(task, timeout) || Task.shutdown(task, :brutal_kill) do
      {:ok, {:ok, projection}} ->
        with :ok <- Worker.load(projection_id, projection), do: {:ok, projection.sequence}

      {:ok, {:error, reason}} ->
        {:error, reason}

      {:exit, reason} ->
        {:error, {:replay_crashed, reason}}

      nil ->
        {:error, :timeout}
    end
  end

  @doc """
  Folds every stored event of `projection_id` into a fresh projection.

  Runs inside the replay task; call `async/1` or `run/1` instead.
  """
  @spec build(Worker.projection_id()) :: {:ok, Projection.t()} | {:error, term()}
  def build(projection_id) do
    metadata = %{projection_id: projection_id}

    :telemetry.span([:decision_graph, :projector, :replay], metadata, fn ->
      result =
        projection_id
        |> Store.list_events()
        |> Enum.reduce_while({:ok, Projection.new(projection_id)}, &apply_event/2)

      {result, metadata}
    end)
  end

  defp apply_event(%{sequence: sequence, payload: payload}, {:ok, projection}) do
    case Decision.new(payload) do
      {:ok, decision} ->
        {:cont, {:ok, Projection.apply_decision(projection, sequence, decision)}}

      {:error, errors} ->
        {:halt, {:error, {:invalid_event, sequence, errors}}}
    end
  end
end
