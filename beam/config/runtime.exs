# Runtime configuration, evaluated on every boot (including inside releases)
# after the code is compiled.
#
# Staging and production share one code path: both boot the same prod release
# and differ only in the environment variables read below (DG_DEPLOY_ENV,
# DATABASE_URL, PHX_HOST, OTEL_EXPORTER_OTLP_ENDPOINT, ...).
import Config

# `PHX_SERVER=true bin/decision_graph start` starts the HTTP listener.
# `mix phx.server` sets this automatically in development.
if System.get_env("PHX_SERVER") do
  config :dg_web, DecisionGraphWeb.Endpoint, server: true
end

deploy_env = System.get_env("DG_DEPLOY_ENV", Atom.to_string(config_env()))

config :opentelemetry,
  resource: %{
    service: %{name: System.get_env("OTEL_SERVICE_NAME", "decision_graph")},
    deployment: %{environment: deploy_env}
  }

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise """
      environment variable DATABASE_URL is missing.
      For example: ecto://USER:PASS@HOST/DATABASE
      """

  socket_options = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

  config :dg_store, DecisionGraph.Store.Repo,
    url: database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE", "10")),
    socket_options: socket_options

  # Allows booting a release without touching the database, e.g. for a
  # remote console on a node whose database is being restored.
  config :dg_store, start_repo: System.get_env("DG_START_REPO", "true") == "true"

  secret_key_base = System.fetch_env!("SECRET_KEY_BASE")
  host = System.get_env("PHX_HOST", "localhost")
  port = String.to_integer(System.get_env("PORT", "4000"))

  config :dg_web, DecisionGraphWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
    check_origin: ["https://#{host}"],
    secret_key_base: secret_key_base

  config :opentelemetry_exporter,
    otlp_endpoint: System.get_env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")

  config :dg_observability,
    slow_query_threshold_ms: String.to_integer(System.get_env("DG_SLOW_QUERY_MS", "100"))

  log_level =
    case System.get_env("LOG_LEVEL", "info") do
      level when level in ~w(debug info notice warning error) -> String.to_existing_atom(level)
      other -> raise "LOG_LEVEL must be one of debug|info|notice|warning|error, got: #{other}"
    end

  config :logger, level: log_level
end
