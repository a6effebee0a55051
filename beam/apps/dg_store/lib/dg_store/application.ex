defmodule DecisionGraph.Store.Application do
  @moduledoc """
  OTP application owning persistence.

  `DecisionGraph.Store.Repo` is the only long-lived process here and it is
  started only when repo startup is enabled:

      config :dg_store, start_repo: true

  The switch defaults to `true` (see `config/config.exs`). It can be turned
  off in `config/test.exs` to run database-free suites without Postgres, and
  at runtime with `DG_START_REPO=false` to boot a release without a database.
  With the switch off this application starts an empty supervisor.
  """

  use Application

  @impl true
  def start(_type, _args) do
    children = repo_children()

    opts = [strategy: :one_for_one, name: DecisionGraph.Store.Supervisor]
    Supervisor.start_link(children, opts)
  end

  defp repo_children do
    if Application.get_env(:dg_store, :start_repo, true) do
      [DecisionGraph.Store.Repo]
    else
      []
    end
  end
end
