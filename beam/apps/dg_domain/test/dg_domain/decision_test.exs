defmodule DecisionGraph.Domain.DecisionTest do
  use ExUnit.Case, async: true
  use ExUnitProperties

  alias DecisionGraph.Domain.{Decision, Validation}

  doctest Decision

  describe "new/1" do
    test "accepts string keys as they arrive from JSON and the event store" do
      attrs = %{
        "id" => "ADR-12",
        "title" => "Run projections on the BEAM",
        "status" => "accepted",
        "supersedes" => ["ADR-3"]
      }

      assert {:ok, %Decision{id: "ADR-12", status: :accepted, supersedes: ["ADR-3"]}} =
               Decision.new(attrs)
    end

    test "reports every invalid field at once" do
      assert {:error, errors} = Decision.new(id: "adr 1", title: nil, status: :maybe)

      assert errors == [id: :invalid_format, title: :required, status: :unknown_status]
    end

    test "rejects a decision that supersedes itself" do
      assert {:error, [supersedes: :self_reference]} =
               Decision.new(id: "D-1", title: "Loop", status: :accepted, supersedes: ["D-1"])
    end
  end

  test "to_map/1 round-trips through new/1" do
    {:ok, decision} =
      Decision.new(
        id: "D-7",
        title: "Keep the domain pure",
        status: :proposed,
        decided_at: "2025-03-01T12:00:00Z"
      )

    assert decision.decided_at == ~U[2025-03-01 12:00:00Z]

    assert {:ok, ^decision} = decision |> Decision.to_map() |> Decision.new()
  end

  property "any well-formed decision validates and keeps its status" do
    check all prefix <- string(?A..?Z, min_length: 1, max_length: 4),
              number <- positive_integer(),
              title <- string(:printable, min_length: 1, max_length: 200),
              String.trim(title) != "",
              status <- member_of(Validation.statuses()) do
      id = "#{prefix}-#{number}"

      assert {:ok, %Decision{id: ^id, status: ^status}} =
               Decision.new(id: id, title: title, status: status)
    end
  end
end
