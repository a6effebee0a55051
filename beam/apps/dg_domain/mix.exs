defmodule DecisionGraph.Domain.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_domain,
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
      mod: {DecisionGraph.Domain.Application, []},
      extra_applications: [:logger]
    ]
  end

  # The domain is pure: it must not depend on any other umbrella app.
  defp deps do
    [
      {:stream_data, "~> 1.1", only: [:dev, :test]}
    ]
  end
end
