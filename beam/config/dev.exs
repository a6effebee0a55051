# Local developer behaviour.
#
# Postgres and the OpenTelemetry collector come from the repository's
# docker-compose.yml (`docker compose up -d` from the repo root).
import Config

config :dg_store, DecisionGraph.Store.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  port: 5432,
  database: "decision_graph_dev",
  stacktrace: true,
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

# Binds to loopback only. Set `ip: {0, 0, 0, 0}` to reach the dev server
# from other machines on the network.
config :dg_web, DecisionGraphWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: "ZXnAFqG0vdRKBYRKpBGu8PomW5XgilY26HhibK0tpxUKd2+8IJ7AxaoaFvv1FUrU",
  watchers: [
    esbuild: {Esbuild, :install_and_run, [:dg_web, ~w(--sourcemap=inline --watch)]}
  ],
  live_reload: [
    patterns: [
      ~r"apps/dg_web/priv/static/assets/.*(js|css)$",
      ~r"apps/dg_web/lib/dg_web/(controllers|live|components)/.*(ex|heex)$"
    ]
  ]

config :dg_observability, slow_query_threshold_ms: 50

config :logger, :default_formatter, format: "[$level] $message $metadata\n"

config :phoenix, :stacktrace_depth, 20
config :phoenix, :plug_init_mode, :runtime

config :phoenix_live_view,
  debug_heex_annotations: true,
  enable_expensive_runtime_checks: true
