# Each app under apps/ carries its own .formatter.exs with the
# `import_deps` it needs (ecto_sql, phoenix, stream_data, ...).
[
  inputs: ["mix.exs", "config/*.exs"],
  subdirectories: ["apps/*"]
]
