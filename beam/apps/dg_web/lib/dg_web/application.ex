defmodule DecisionGraphWeb.Application do
  @moduledoc """
  OTP application for HTTP and LiveView delivery.

  Children start in order: telemetry first so endpoint events are observed
  from the first request, then PubSub (LiveViews subscribe to it), and the
  endpoint last so it only accepts traffic once everything it needs is up.
  """

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      DecisionGraphWeb.Telemetry,
      {Phoenix.PubSub, name: DecisionGraph.PubSub},
      DecisionGraphWeb.Endpoint
    ]

    opts = [strategy: :one_for_one, name: DecisionGraphWeb.Supervisor]
    Supervisor.start_link(children, opts)
  end

  # Tell Phoenix to update the endpoint configuration whenever the
  # application is updated.
  @impl true
  def config_change(changed, _new, removed) do
    DecisionGraphWeb.Endpoint.config_change(changed, removed)
    :ok
  end
end
