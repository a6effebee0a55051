defmodule DecisionGraphWeb.MixProject do
  use Mix.Project

  def project do
    [
      app: :dg_web,
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
      mod: {DecisionGraphWeb.Application, []},
      extra_applications: [:logger, :runtime_tools]
    ]
  end

  # dg_web delivers: it reaches the system only through dg_api and never
  # depends on dg_store or dg_projector directly.
  defp deps do
    [
      {:dg_api, in_umbrella: true},
      {:dg_observability, in_umbrella: true},
      {:phoenix, "~> 1.7.14"},
      {:phoenix_html, "~> 4.1"},
      {:phoenix_live_view, "~> 1.0"},
      {:phoenix_live_reload, "~> 1.5", only: :dev},
      {:floki, ">= 0.30.0", only: :test},
      {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
      {:telemetry_metrics, "~> 1.0"},
      {:telemetry_poller, "~> 1.1"},
      {:jason, "~> 1.4"},
      {:bandit, "~> 1.5"}
    ]
  end

  defp aliases do
    [
      setup: ["deps.get", "assets.setup", "assets.build"],
      "assets.setup": ["esbuild.install --if-missing"],
      "assets.build": ["esbuild dg_web"],
      "assets.deploy": ["esbuild dg_web --minify", "phx.digest"]
    ]
  end
end
