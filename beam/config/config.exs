# Shared compile-time configuration for every app in the umbrella.
#
# Values here are defaults for all environments. Environment-specific
# overrides live in dev.exs, test.exs and prod.exs (imported at the bottom),
# and anything that depends on the deployment target (secrets, hosts, ports,
# exporter endpoints) belongs in runtime.exs.
import Config

# -- dg_store -----------------------------------------------------------------

config :dg_store,
  ecto_repos: [DecisionGraph.Store.Repo],
  # `start_repo` decides whether DecisionGraph.Store.Application starts the
  # Repo. It is on by default; switch it off for nodes or tasks that must
  # boot without a database (for example a release booted only to run a
  # remote console or a one-off task). See DecisionGraph.Store.Application.
  start_repo: true

config :dg_store, DecisionGraph.Store.Repo, migration_timestamps: [type: :utc_datetime_usec]

# -- dg_projector -------------------------------------------------------------

config :dg_projector,
  # Upper bound for a single replay run before the caller gives up.
  replay_timeout: :timer.seconds(30)

# -- dg_web -------------------------------------------------------------------

config :dg_web,
  generators: [context_app: :dg_api]

config :dg_web, DecisionGraphWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  render_errors: [
    formats: [json: DecisionGraphWeb.ErrorJSON],
    layout: false
  ],
  pubsub_server: DecisionGraph.PubSub,
  live_view: [signing_salt: "pEVRc1bu"]

config :esbuild,
  version: "0.23.0",
  dg_web: [
    args:
      ~w(js/app.js --bundle --target=es2020 --outdir=../priv/static/assets --external:/fonts/* --external:/images/*),
    cd: Path.expand("../apps/dg_web/assets", __DIR__),
    env: %{"NODE_PATH" => Path.expand("../deps", __DIR__)}
  ]

config :phoenix, :json_library, Jason

# Request logging goes through DecisionGraph.Observability.Handlers so every
# request produces exactly one line in the shared format.
config :phoenix, :logger, false

# -- dg_observability and logging conventions ---------------------------------
#
# Every log line carries the same metadata keys so that logs, traces and
# metrics can be joined: request_id (Plug.RequestId), projection_id (set by
# projector workers), trace_id/span_id (OpenTelemetry), plus the telemetry
# event name and duration attached by DecisionGraph.Observability.Handlers.
config :logger, :default_formatter,
  format: "$time [$level] $message $metadata\n",
  metadata: [
    :request_id,
    :projection_id,
    :trace_id,
    :span_id,
    :telemetry_event,
    :duration_ms,
    :mfa
  ]

config :dg_observability,
  # Repo queries slower than this are logged at :warning.
  slow_query_threshold_ms: 100

# VM measurements are owned by DecisionGraph.Observability.Poller; turn off
# the poller that the :telemetry_poller application would otherwise start.
config :telemetry_poller, :default, false

config :opentelemetry,
  span_processor: :batch,
  traces_exporter: :otlp

config :opentelemetry_exporter,
  otlp_protocol: :http_protobuf,
  otlp_endpoint: "http://localhost:4318"

# Environment-specific configuration. Must stay at the end of this file so
# it can override the defaults above.
import_config "#{config_env()}.exs"
