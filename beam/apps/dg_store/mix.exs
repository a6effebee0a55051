defmodule DecisionGraph.Store.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_store,
      version: "0.2.0",
      build_path: "../../_build",
      config_path: "../../config",
      deps_path: "../../deps",
      lockfile: "../../mix.lock",
      elixir: "~> 1.15",
      start_permanent: Mix.env() == :prod,
      aliases: aliases(),
      deps: deps()
    ]
  end

  def application do
    [
      mod: {DecisionGraph.Store.Application, []},
      extra_applications: [:logger]
    ]
  end

  defp deps do
    [
      {:dg_domain, in_umbrella: true},
      {:ecto_sql, "~> 3.12"},
      {:postgrex, ">= 0.0.0"},
      {:jason, "~> 1.4"}
    ]
  end

  defp aliases do
    [
      test: ["ecto.create --quiet", "ecto.migrate --quiet", "test"]
    ]
  end
end
