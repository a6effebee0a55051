defmodule DecisionGraph.Observability.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_observability,
      version: "0.2.0",
      build_path: "../../_build",
      config_path: "../../config",
      deps_path: "../../deps",
      lockfile: "../../mix.lock",
      elixir: "~> 1.15",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [
      mod: {DecisionGraph.Observability.Application, []},
      extra_applications: [:logger]
    ]
  end

  # Observability depends on no other umbrella app: it only knows telemetry
  # event names, never the modules that emit them.
  defp deps do
    [
      {:telemetry, "~> 1.2"},
      {:telemetry_poller, "~> 1.1"},
      {:telemetry_metrics, "~> 1.0"},
      {:opentelemetry_exporter, "~> 1.8"},
      {:opentelemetry, "~> 1.5"},
      {:opentelemetry_api, "~> 1.4"}
    ]
  end
end
