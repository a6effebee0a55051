# Credo configuration for the DecisionGraph umbrella.
#
# Run with `mix credo --strict` (also part of `mix lint`). Checks not listed
# here keep Credo's defaults; the entries below tighten or relax them.
%{
  configs: [
    %{
      name: "default",
      files: %{
        included: [
          "apps/*/lib/",
          "apps/*/test/",
          "config/"
        ],
        excluded: [~r"/_build/", ~r"/deps/", ~r"/node_modules/"]
      },
      plugins: [],
      requires: [],
      strict: true,
      parse_timeout: 5000,
      color: true,
      checks: [
        # Consistency and design
        {Credo.Check.Design.AliasUsage,
         priority: :low, if_nested_deeper_than: 2, if_called_more_often_than: 1},
        {Credo.Check.Design.TagTODO, exit_status: 2},
        {Credo.Check.Design.TagFIXME, []},

        # Readability
        {Credo.Check.Readability.MaxLineLength, priority: :low, max_length: 120},
        {Credo.Check.Readability.ModuleDoc, []},
        {Credo.Check.Readability.Specs, include_defp: false},
        {Credo.Check.Readability.StrictModuleLayout, []},

        # Refactoring opportunities
        {Credo.Check.Refactor.CyclomaticComplexity, max_complexity: 9},
        {Credo.Check.Refactor.Nesting, max_nesting: 2},
        {Credo.Check.Refactor.FunctionArity, max_arity: 5},

        # Warnings that matter for long-lived processes
        {Credo.Check.Warning.UnsafeToAtom, []},
        {Credo.Check.Warning.MixEnv, []},
        {Credo.Check.Warning.LeakyEnvironment, []},
        {Credo.Check.Warning.MapGetUnsafePass, []}
      ]
    }
  ]
}
