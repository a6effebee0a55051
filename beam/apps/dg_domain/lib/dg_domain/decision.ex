defmodule DecisionGraph.Domain.Decision do
  @moduledoc """
  A single architectural or product decision, the node type of the graph.

  Decisions are immutable values. A decision can supersede earlier decisions
  by id; superseded decisions stay in the graph with status `:superseded`.

  Build decisions with `new/1`, which validates the input through
  `DecisionGraph.Domain.Validation` and accepts both atom and string keys (the
  latter is what comes back from JSON payloads and the event store).
  """

  alias DecisionGraph.Domain.Validation

  @enforce_keys [:id, :title, :status]
  defstruct [:id, :title, :status, :rationale, :decided_at, supersedes: []]

  @type id :: String.t()
  @type status :: :proposed | :accepted | :rejected | :superseded

  @type t :: %__MODULE__{
          id: id(),
          title: String.t(),
          status: status(),
          rationale: String.t() | nil,
          decided_at: DateTime.t() | nil,
          supersedes: [id()]
        }

  @fields ~w(id title status rationale decided_at supersedes)a

  @doc """
  Builds a validated decision from a map or keyword list.

  ## Examples

      iex> attrs = %{"id" => "D-1", "title" => "Use Postgres", "status" => "accepted"}
      iex> {:ok, decision} = DecisionGraph.Domain.Decision.new(attrs)
      iex> decision.status
      :accepted

      iex> DecisionGraph.Domain.Decision.new(%{id: "D-2", title: "", status: :accepted})
      {:error, [title: :blank]}

  """
  @spec new(map() | keyword()) :: {:ok, t()} | {:error, Validation.errors()}
  def new(attrs) when is_map(attrs) or is_list(attrs) do
    attrs = normalize(attrs)

    with :ok <- Validation.validate(attrs) do
      {:ok,
       %__MODULE__{
         id: attrs.id,
         title: attrs.title,
         status: Validation.cast_status(attrs.status),
         rationale: Map.get(attrs, :rationale),
         decided_at: cast_datetime(Map.get(attrs, :decided_at)),
         supersedes: Map.get(attrs, :supersedes, [])
       }}
    end
  end

  @doc """
  Returns a copy of `decision` marked as superseded.
  """
  @spec supersede(t()) :: t()
  def supersede(%__MODULE__{} = decision), do: %{decision | status: :superseded}

  @doc """
  Converts a decision into a plain, JSON-friendly map with string keys.
  """
  @spec to_map(t()) :: %{String.t() => term()}
  def to_map(%__MODULE__{} = decision) do
    decision
    |> Map.from_struct()
    |> Map.update!(:status, &Atom.to_string/1)
    |> Map.new(fn {key, value} -> {Atom.to_string(key), value} end)
  end

  defp cast_datetime(nil), do: nil
  defp cast_datetime(%DateTime{} = datetime), do: datetime

  defp cast_datetime(iso8601) when is_binary(iso8601) do
    {:ok, datetime, _offset} = DateTime.from_iso8601(iso8601)
    datetime
  end

  defp normalize(attrs) do
    Enum.reduce(attrs, %{}, fn {key, value}, acc ->
      case to_field(key) do
        nil -> acc
        field -> Map.put(acc, field, value)
      end
    end)
  end

  defp to_field(key) when key in @fields, do: key

  defp to_field(key) when is_binary(key) do
    Enum.find(@fields, &(Atom.to_string(&1) == key))
  end

  defp to_field(_key), do: nil
end
