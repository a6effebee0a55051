defmodule DecisionGraph.Umbrella.MixProject do
  use Mix.Project

  @version "0.2.0"

  def project do
    [
      apps_path: "apps",
      version: @version,
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      aliases: aliases(),
      dialyzer: dialyzer(),
      releases: releases()
    ]
  end

  # Dependencies listed here are available only to the umbrella root
  # (tooling). Runtime dependencies belong to the individual apps.
  defp deps do
    [
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:dialyxir, "~> 1.4", only: [:dev, :test], runtime: false}
    ]
  end

  defp aliases do
    [
      setup: ["deps.get", "ecto.setup", "cmd --app dg_web mix assets.setup"],
      "ecto.setup": ["ecto.create", "ecto.migrate"],
      "ecto.reset": ["ecto.drop", "ecto.setup"],
      lint: ["format --check-formatted", "credo --strict"],
      quality: ["compile --warnings-as-errors", "lint", "dialyzer"]
    ]
  end

  defp dialyzer do
    [
      plt_core_path: "priv/plts",
      plt_file: {:no_warn, "priv/plts/dialyzer.plt"},
      plt_add_apps: [:ex_unit, :mix],
      flags: [:error_handling, :unknown, :unmatched_returns],
      list_unused_filters: true
    ]
  end

  # One release for every environment. Staging and production run the same
  # artifact and differ only in the environment variables read by
  # config/runtime.exs.
  defp releases do
    [
      decision_graph: [
        version: @version,
        include_executables_for: [:unix],
        applications: [
          dg_domain: :permanent,
          dg_store: :permanent,
          dg_projector: :permanent,
          dg_api: :permanent,
          dg_observability: :permanent,
          dg_web: :permanent
        ]
      ]
    ]
  end
end
