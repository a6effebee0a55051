# Deterministic settings for `mix test`, locally and in CI.
import Config

# The Repo runs on the SQL sandbox so every test owns its own transaction.
# MIX_TEST_PARTITION lets CI split the suite across several databases.
config :dg_store, DecisionGraph.Store.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "decision_graph_test#{System.get_env("MIX_TEST_PARTITION")}",
  pool: Ecto.Adapters.SQL.Sandbox,
  pool_size: System.schedulers_online() * 2

# Kept on: the store and projector suites need the Repo. Flip to false to run
# the database-free apps (dg_domain, dg_api, dg_observability) without
# Postgres; DecisionGraph.Store.Application then starts an empty supervisor.
config :dg_store, start_repo: true

config :dg_projector, replay_timeout: 1_000

# The endpoint is started (tests dispatch through it) but never binds a port.
config :dg_web, DecisionGraphWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4002],
  secret_key_base: "Q7bP3cdgFf9iDAf+TRrgEEv0uL34qGFtIIzb+XzTr96OixA8kuFqucDoHRr0QHAa",
  server: false

# No spans leave the test VM.
config :opentelemetry, traces_exporter: :none

config :logger, level: :warning

config :phoenix, :plug_init_mode, :runtime

config :phoenix_live_view, enable_expensive_runtime_checks: true
