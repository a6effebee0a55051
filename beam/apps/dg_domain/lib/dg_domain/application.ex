defmodule DecisionGraph.Domain.Application do
  @moduledoc """
  OTP application for the pure decision domain.

  The domain owns no long-lived processes: structs, validation and rules are
  plain functions. The application exists so that `dg_domain` has a place in
  the release boot order and an (empty) supervisor that later phases can
  extend, for example with a cache of compiled rule sets.
  """

  use Application

  @impl true
  def start(_type, _args) do
    children = []

    opts = [strategy: :one_for_one, name: DecisionGraph.Domain.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
