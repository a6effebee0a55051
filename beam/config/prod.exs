# Production compile-time defaults.
#
# This file is shared by every deployed environment: staging and production
# run the same release built with MIX_ENV=prod. Nothing here may depend on
# where the release runs; hosts, secrets, ports and exporter endpoints are
# read from environment variables in runtime.exs.
import Config

config :dg_web, DecisionGraphWeb.Endpoint,
  cache_static_manifest: "priv/static/cache_manifest.json"

# Structured-enough logs for aggregation; the metadata keys come from the
# shared convention in config.exs.
config :logger, level: :info

config :logger, :default_formatter, format: "$time $metadata[$level] $message\n"
