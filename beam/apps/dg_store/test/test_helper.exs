ExUnit.start()
Ecto.Adapters.SQL.Sandbox.mode(DecisionGraph.Store.Repo, :manual)
