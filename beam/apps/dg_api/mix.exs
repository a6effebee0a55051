defmodule DecisionGraph.API.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_api,
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
      mod: {DecisionGraph.API.Application, []},
      extra_applications: [:logger]
    ]
  end

  # Thin facade: delivery layers call dg_api, which calls the domain and the
  # projector. dg_api never talks to dg_store directly.
  defp deps do
    [
      {:dg_domain, in_umbrella: true},
      {:dg_projector, in_umbrella: true}
    ]
  end
end
