defmodule DecisionGraph.Projector.Worker do
  @moduledoc """
  Owns one projection: serialises its writes and holds its read model.

  Workers are started on demand under `DecisionGraph.Projector.WorkerSupervisor`
  and registered in `DecisionGraph.Projector.WorkerRegistry` under their
  projection id, so there is at most one worker per projection in the node.

  On start a worker catches up from the event store through
  `DecisionGraph.Projector.Replay`. The replay runs in a task that is *not*
  linked to the worker: a failed replay is logged and the worker keeps
  serving. Writes that arrive while catch-up is running are queued and
  applied, in order, once it finishes.
  """

  use GenServer, restart: :transient

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Projector.{Projection, Replay}
  alias DecisionGraph.Store

  require Logger

  @registry DecisionGraph.Projector.WorkerRegistry
  @supervisor DecisionGraph.Projector.WorkerSupervisor

  @type projection_id :: String.t()

  @typedoc """
  Start options.

    * `:projection_id` (required) - the stream this worker owns.
    * `:catch_up` - replay stored events on start. Defaults to `true`;
      disable it for ephemeral projections.
  """
  @type option :: {:projection_id, projection_id()} | {:catch_up, boolean()}

  ## Client API

  @doc """
  Starts a worker linked to the caller. Use `ensure_started/2` instead, which
  starts it under the worker supervisor.
  """
  @spec start_link([option()]) :: GenServer.on_start()
  def start_link(opts) do
    projection_id = Keyword.fetch!(opts, :projection_id)
    GenServer.start_link(__MODULE__, opts, name: via(projection_id))
  end

  @doc """
  Returns the worker for `projection_id`, starting it under
  `DecisionGraph.Projector.WorkerSupervisor` if it is not running.
  """
  @spec ensure_started(projection_id(), [option()]) :: {:ok, pid()} | {:error, term()}
  def ensure_started(projection_id, opts \\ []) do
    spec = {__MODULE__, Keyword.put(opts, :projection_id, projection_id)}

    case DynamicSupervisor.start_child(@supervisor, spec) do
      {:ok, pid} -> {:ok, pid}
      {:error, {:already_started, pid}} -> {:ok, pid}
      {:error, reason} -> {:error, reason}
    end
  end

  @doc """
  The registered name of the worker for `projection_id`.
  """
  @spec via(projection_id()) :: GenServer.name()
  def via(projection_id), do: {:via, Registry, {@registry, projection_id}}

  @doc """
  Looks up the worker for `projection_id` without starting it.
  """
  @spec whereis(projection_id()) :: pid() | nil
  def whereis(projection_id) do
    case Registry.lookup(@registry, projection_id) do
      [{pid, _value}] -> pid
      [] -> nil
    end
  end

  @doc """
  Persists `decision` as the next event of the stream and applies it.
  Returns the sequence number it was stored at.
  """
  @spec record(projection_id(), Decision.t()) ::
          {:ok, pos_integer()} | {:error, Ecto.Changeset.t()}
  def record(projection_id, %Decision{} = decision) do
    GenServer.call(via(projection_id), {:record, decision})
  end

  @doc """
  Returns the current projection held by the worker.
  """
  @spec snapshot(projection_id()) :: Projection.t()
  def snapshot(projection_id), do: GenServer.call(via(projection_id), :snapshot)

  @doc """
  Replaces the worker's projection with a rebuilt one, unless the worker has
  already moved past it.
  """
  @spec load(projection_id(), Projection.t()) :: :ok | {:error, :stale}
  def load(projection_id, %Projection{} = projection) do
    GenServer.call(via(projection_id), {:load, projection})
  end

  ## Server callbacks

  @impl true
  def init(opts) do
    projection_id = Keyword.fetch!(opts, :projection_id)
    Logger.metadata(projection_id: projection_id)

    state = %{projection: Projection.new(projection_id), replay_ref: nil, pending: []}

    if Keyword.get(opts, :catch_up, true) do
      {:ok, state, {:continue, :catch_up}}
    else
      {:ok, state}
    end
  end

  @impl true
  def handle_continue(:catch_up, state) do
    %Task{ref: ref} = Replay.async(state.projection.projection_id)
    {:noreply, %{state | replay_ref: ref}}
  end

  @impl true
  def handle_call({:record, decision}, from, %{replay_ref: ref} = state) when is_reference(ref) do
    # Hold writes until catch-up finished so sequence numbers stay gap-free.
    {:noreply, %{state | pending: [{from, decision} | state.pending]}}
  end

  def handle_call({:record, decision}, _from, state) do
    {reply, state} = do_record(decision, state)
    {:reply, reply, state}
  end

  def handle_call(:snapshot, _from, state) do
    {:reply, state.projection, state}
  end

  def handle_call({:load, %Projection{} = projection}, _from, state) do
    if projection.sequence >= state.projection.sequence do
      {:reply, :ok, %{state | projection: projection}}
    else
      {:reply, {:error, :stale}, state}
    end
  end

  @impl true
  def handle_info({ref, result}, %{replay_ref: ref} = state) do
    Process.demonitor(ref, [:flush])

    state =
      case result do
        {:ok, %Projection{} = projection} ->
          %{state | projection: projection}

        {:error, reason} ->
          Logger.warning("catch-up replay failed: #{inspect(reason)}")
          state
      end

    {:noreply, flush_pending(%{state | replay_ref: nil})}
  end

  def handle_info({:DOWN, ref, :process, _pid, reason}, %{replay_ref: ref} = state) do
    Logger.warning("catch-up replay crashed: #{inspect(reason)}")
    {:noreply, flush_pending(%{state | replay_ref: nil})}
  end

  def handle_info(message, state) do
    Logger.debug("ignoring unexpected message: #{inspect(message)}")
    {:noreply, state}
  end

  ## Helpers

  defp do_record(decision, %{projection: projection} = state) do
    sequence = projection.sequence + 1

    case Store.append_decision(projection.projection_id, sequence, decision) do
      {:ok, _event} ->
        :telemetry.execute(
          [:decision_graph, :projector, :record],
          %{sequence: sequence},
          %{projection_id: projection.projection_id}
        )

        projection = Projection.apply_decision(projection, sequence, decision)
        {{:ok, sequence}, %{state | projection: projection}}

      {:error, changeset} ->
        {{:error, changeset}, state}
    end
  end

  defp flush_pending(%{pending: pending} = state) do
    pending
    |> Enum.reverse()
    |> Enum.reduce(%{state | pending: []}, fn {from, decision}, acc ->
      {reply, acc} = do_record(decision, acc)
      GenServer.reply(from, reply)
      acc
    end)
  end
end
