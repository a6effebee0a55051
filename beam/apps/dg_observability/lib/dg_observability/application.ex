defmodule DecisionGraph.Observability.Application do
  @moduledoc """
  OTP application for cross-cutting observability.

  On start it attaches the log handlers in
  `DecisionGraph.Observability.Handlers` (telemetry handlers are not
  processes: they run in the process that emits the event) and then starts
  `DecisionGraph.Observability.Poller`, which owns periodic VM measurements.
  Span export is owned by the `:opentelemetry` application itself and is
  configured in `config/runtime.exs`.
  """

  use Application

  alias DecisionGraph.Observability.Handlers

  @impl true
  def start(_type, _args) do
    :ok = Handlers.attach()

    children = [
      DecisionGraph.Observability.Poller
    ]

    opts = [strategy: :one_for_one, name: DecisionGraph.Observability.Supervisor]
    Supervisor.start_link(children, opts)
  end

  @impl true
  def stop(_state) do
    Handlers.detach()
  end
end
