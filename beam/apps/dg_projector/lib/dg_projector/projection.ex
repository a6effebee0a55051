defmodule DecisionGraph.Projector.Projection do
  @moduledoc """
  The in-memory read model of one decision stream.

  A projection is a pure value: both the live path
  (`DecisionGraph.Projector.Worker`) and the replay path
  (`DecisionGraph.Projector.Replay`) fold decisions into it with
  `apply_decision/3`, so they cannot drift apart.
  """

  alias DecisionGraph.Domain.Decision

  @enforce_keys [:projection_id]
  defstruct [:projection_id, sequence: 0, decisions: %{}]

  @type t :: %__MODULE__{
          projection_id: String.t(),
          sequence: non_neg_integer(),
          decisions: %{Decision.id() => Decision.t()}
        }

  @doc """
  An empty projection for `projection_id`.
  """
  @spec new(String.t()) :: t()
  def new(projection_id) when is_binary(projection_id) do
    %__MODULE__{projection_id: projection_id}
  end

  @doc """
  Applies `decision`, recorded at `sequence`, to the projection.

  Decisions listed in `decision.supersedes` that are already known are marked
  as superseded; unknown ids are ignored because they may live in another
  stream.
  """
  @spec apply_decision(t(), pos_integer(), Decision.t()) :: t()
  def apply_decision(%__MODULE__{} = projection, sequence, %Decision{} = decision)
      when sequence > projection.sequence do
    decisions =
      Enum.reduce(decision.supersedes, projection.decisions, fn id, acc ->
        Map.replace_lazy(acc, id, &Decision.supersede/1)
      end)

    %{projection | sequence: sequence, decisions: Map.put(decisions, decision.id, decision)}
  end
end
