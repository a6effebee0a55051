defmodule DecisionGraph.APITest do
  use ExUnit.Case, async: true

  alias DecisionGraph.API

  describe "record_decision/2" do
    test "returns domain validation errors without touching the projector" do
      before = API.health().active_projections

      assert {:error, errors} = API.record_decision("graph-api", %{"title" => "No id"})

      assert errors[:id] == :required
      assert errors[:status] == :required
      assert API.health().active_projections == before
    end
  end

  describe "projection/1" do
    test "reports projections that are not loaded" do
      assert API.projection("not-loaded-#{System.unique_integer([:positive])}") ==
               {:error, :not_running}
    end
  end

  describe "health/0" do
    test "reports status, version and projection count" do
      assert %{status: :ok, version: version, active_projections: count} = API.health()

      assert version =~ ~r/^\d+\.\d+\.\d+/
      assert is_integer(count) and count >= 0
    end
  end
end
