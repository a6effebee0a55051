defmodule DecisionGraph.Store.Repo do
  @moduledoc """
  The Postgres-backed Ecto repository for DecisionGraph.

  Connection settings come from `config/dev.exs`, `config/test.exs` and, for
  releases, `DATABASE_URL` in `config/runtime.exs`.
  """

  use Ecto.Repo,
    otp_app: :dg_store,
    adapter: Ecto.Adapters.Postgres
end
