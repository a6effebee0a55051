defmodule DecisionGraph.Projector.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_projector,
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
      mod: {DecisionGraph.Projector.Application, []},
      extra_applications: [:logger]
    ]
  end

  defp deps do
    [
      {:dg_domain, in_umbrella: true},
      {:dg_store, in_umbrella: true},
      {:telemetry, "~> 1.2"},
      {:stream_data, "~> 1.1", only: [:dev, :test]}
    ]
  end
end
