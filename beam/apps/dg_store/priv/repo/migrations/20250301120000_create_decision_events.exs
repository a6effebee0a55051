defmodule DecisionGraph.Store.Repo.Migrations.CreateDecisionEvents do
  use Ecto.Migration

  def change do
    create table(:decision_events) do
      add :stream_id, :string, null: false
      add :sequence, :integer, null: false
      add :type, :string, null: false
      add :payload, :map, null: false

      timestamps(updated_at: false)
    end

    create unique_index(:decision_events, [:stream_id, :sequence])
    create index(:decision_events, [:type])

    create constraint(:decision_events, :sequence_must_be_positive, check: "sequence > 0")
  end
end
