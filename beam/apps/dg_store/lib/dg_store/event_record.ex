defmodule DecisionGraph.Store.EventRecord do
  @moduledoc """
  One persisted decision event in an append-only stream.

  Every stream (one per projection) is ordered by `sequence`, which is unique
  within the stream. Rows are never updated; replays read them in order.
  """

  use Ecto.Schema

  import Ecto.Changeset

  @type t :: %__MODULE__{
          id: pos_integer() | nil,
          stream_id: String.t() | nil,
          sequence: pos_integer() | nil,
          type: String.t() | nil,
          payload: map() | nil,
          inserted_at: DateTime.t() | nil
        }

  @types ~w(decision_recorded decision_superseded)

  schema "decision_events" do
    field :stream_id, :string
    field :sequence, :integer
    field :type, :string
    field :payload, :map

    timestamps(type: :utc_datetime_usec, updated_at: false)
  end

  @doc """
  Changeset for appending a new event.
  """
  @spec changeset(t(), map()) :: Ecto.Changeset.t()
  def changeset(record, attrs) do
    record
    |> cast(attrs, [:stream_id, :sequence, :type, :payload])
    |> validate_required([:stream_id, :sequence, :type, :payload])
    |> validate_number(:sequence, greater_than: 0)
    |> validate_inclusion(:type, @types)
    |> unique_constraint([:stream_id, :sequence], name: :decision_events_stream_id_sequence_index)
  end
end
