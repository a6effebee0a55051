[
  import_deps: [:stream_data],
  inputs: ["*.exs", "{config,lib,test}/**/*.{ex,exs}"]
]
