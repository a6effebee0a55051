defmodule DecisionGraph.Store do
  @moduledoc """
  Persistence boundary for decision events.

  Callers hand in domain values (`DecisionGraph.Domain.Decision`) and get
  `DecisionGraph.Store.EventRecord` rows back. Nothing outside `dg_store`
  talks to `DecisionGraph.Store.Repo` directly.
  """

  import Ecto.Query, only: [from: 2]

  alias DecisionGraph.Domain.Decision
  alias DecisionGraph.Store.{EventRecord, Repo}

  @type stream_id :: String.t()

  @doc """
  Appends a `decision_recorded` event for `decision` to `stream_id`.

  `sequence` must be the next position in the stream; a concurrent writer
  that already used it gets `{:error, changeset}` with a uniqueness error
  instead of a silently reordered stream.
  """
  @spec append_decision(stream_id(), pos_integer(), Decision.t()) ::
          {:ok, EventRecord.t()} | {:error, Ecto.Changeset.t()}
  def append_decision(stream_id, sequence, %Decision{} = decision) do
    %EventRecord{}
    |> EventRecord.changeset(%{
      stream_id: stream_id,
      sequence: sequence,
      type: "decision_recorded",
      payload: Decision.to_map(decision)
    })
    |> Repo.insert()
  end

  @doc """
  Lists the events of `stream_id` in sequence order, optionally only those
  after `after_sequence`.
  """
  @spec list_events(stream_id(), non_neg_integer()) :: [EventRecord.t()]
  def list_events(stream_id, after_sequence \\ 0) do
    query =
      from e in EventRecord,
        where: e.stream_id == ^stream_id and e.sequence > ^after_sequence,
        order_by: [asc: e.sequence]

    Repo.all(query)
  end

  @doc """
  Returns the highest sequence written to `stream_id`, or `0` for an empty
  stream.
  """
  @spec last_sequence(stream_id()) :: non_neg_integer()
  def last_sequence(stream_id) do
    query = from e in EventRecord, where: e.stream_id == ^stream_id, select: max(e.sequence)

    Repo.one(query) || 0
  end
end
