[
  import_deps: [:ecto, :ecto_sql],
  subdirectories: ["priv/*/migrations"],
  inputs: ["*.exs", "{config,lib,test}/**/*.{ex,exs}"]
]
