[
  inputs: ["*.exs", "{config,lib,test}/**/*.{ex,exs}"]
]
