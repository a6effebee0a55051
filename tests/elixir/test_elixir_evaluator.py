"""How a children list is computed: bindings, aliases, helpers, branches, loops."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.elixir import Analysis, Application, Child, Kind

AnalyseFiles = Callable[..., Analysis]
ChildrenOf = Callable[..., tuple[Child, ...]]

HELPERS = """
defmodule Demo.Helper do
  alias Demo.Lib.Cache
  def children, do: [Cache, {Registry, keys: :unique, name: Demo.Reg}]
  def spec do
    opts = [name: :helper_spec]
    {Demo.Lib.Worker, opts}
  end
  def with_arg(x), do: [x]
  def runtime, do: Application.get_env(:demo, :children)
end
"""

Row = tuple[str, str, str, list[tuple[str | None, bool, str]]]

CONSTRUCTS: list[Row] = [
    # (children expr, helpers in Demo.Application, prelude, [(module, conditional, note contains)])
    ("[A.B]", "", "", [("A.B", False, "")]),
    # A project macro with do/else blocks (from `use`) is read like an `if`.
    ("[P, on_ee do Q end]", "", "", [("P", False, ""), ("Q", True, "")]),
    ("[on_ee(do: Q, else: R)]", "", "", [("Q", True, ""), ("R", True, "")]),
    # Functions defined inside module-level compile-time wrappers are found.
    ("extra()", "if Mix.env() != :test do\n  defp extra, do: [S]\nend", "", [("S", False, "")]),
    ("extra()", "on_ce do\n  defp extra, do: [S]\nend", "", [("S", False, "")]),
    # The same head defined in both branches: one of them is compiled in.
    (
        "[P] ++ extra()",
        "if Mix.target() == :app do\n  defp extra, do: [S]\nelse\n  defp extra, do: []\nend",
        "",
        [("P", False, ""), ("S", True, "")],
    ),
    ("[B]", "", "alias A.B", [("A.B", False, "")]),
    ("[C]", "", "alias A.B, as: C", [("A.B", False, "")]),
    ("[B, C]", "", "alias A.{B, C}", [("A.B", False, ""), ("A.C", False, "")]),
    ("[B.Sub]", "", "alias A.B", [("A.B.Sub", False, "")]),
    ("[__MODULE__.Sub]", "", "", [("Demo.Application.Sub", False, "")]),
    ("@children", "", "@children [X, Y]", [("X", False, ""), ("Y", False, "")]),
    ("@children ++ [Z]", "", "@children [X]", [("X", False, ""), ("Z", False, "")]),
    ("kids()", "defp kids, do: [K]", "", [("K", False, "")]),
    ("kids", "defp kids do\n  a = [K]\n  a ++ [L]\nend", "", [("K", False, ""), ("L", False, "")]),
    (
        "[M] ++ more()",
        "defp more, do: [N, O]",
        "",
        [("M", False, ""), ("N", False, ""), ("O", False, "")],
    ),
    ("Enum.concat([P], [Q])", "", "", [("P", False, ""), ("Q", False, "")]),
    (
        "List.flatten([[P], [Q, [R]]])",
        "",
        "",
        [("P", False, ""), ("Q", False, ""), ("R", False, "")],
    ),
    ("[P, nil] |> Enum.reject(&is_nil/1)", "", "", [("P", False, "")]),
    ("[P, Q] |> Enum.filter(&enabled?/1)", "", "", [("P", True, ""), ("Q", True, "")]),
    (
        "[P, if(Mix.env() == :prod, do: Q)]",
        "",
        "",
        [("P", False, ""), ("Q", True, "")],
    ),
    (
        "[P] ++ if Application.get_env(:demo, :q), do: [Q], else: [R]",
        "",
        "",
        [("P", False, ""), ("Q", True, ""), ("R", True, "")],
    ),
    ("[unless(@disabled, do: Q)]", "", "@disabled false", [("Q", True, "")]),
    (
        "case Application.get_env(:demo, :mode) do\n  :a -> [Q, S]\n  _ -> [R, S]\nend",
        "",
        "",
        [("Q", True, ""), ("S", False, ""), ("R", True, "")],
    ),
    (
        "cond do\n  @flag -> [Q]\n  true -> [Q]\nend",
        "",
        "@flag true",
        [("Q", False, "")],
    ),
    (
        "[P] ++ (if x(), do: [Q], else: []) ++ (if y(), do: [Q], else: [])",
        "defp x, do: true\ndefp y, do: false",
        "",
        [("P", False, ""), ("Q", True, "")],
    ),
    ("[Application.get_env(:demo, :start_q) && Q]", "", "", [("Q", True, "")]),
    (
        "for n <- 1..3, do: {W, id: n}",
        "",
        "",
        [("W", False, "repeated: built by a `for` comprehension")],
    ),
    (
        "Enum.map([:a, :b], fn q -> Supervisor.child_spec({W, q}, id: q) end)",
        "",
        "",
        [("W", False, "repeated: built by Enum.map")],
    ),
    ("Enum.map(1..2, &{W, &1})", "", "", [("W", False, "repeated: built by Enum.map")]),
    ("Demo.Helper.children()", "", "", [("Demo.Lib.Cache", False, ""), ("Registry", False, "")]),
    ("[Helper.spec()]", "", "alias Demo.Helper", [("Demo.Lib.Worker", False, "")]),
    ("Demo.Helper.with_arg(Z)", "", "", [("Z", False, "")]),
    ("Demo.Helper.runtime()", "", "", [(None, False, "read from application config at runtime")]),
    ("Application.get_env(:demo, :children, [])", "", "", [(None, False, "application config")]),
    (
        "[P | rest()]",
        "defp rest, do: [Q, R]",
        "",
        [("P", False, ""), ("Q", False, ""), ("R", False, "")],
    ),
    ("[P, Q | @rest]", "", "@rest [R]", [("P", False, ""), ("Q", False, ""), ("R", False, "")]),
    ("[P | rest]", "", "", [("P", False, ""), (None, False, "not bound")]),
    ("[Other.build()]", "", "", [(None, False, "Other.build/0 is not evaluated")]),
    ("[undefined_var]", "", "", [(None, False, "not bound")]),
    (
        "[helper(1)]",
        "defp helper(1), do: A\ndefp helper(_), do: B",
        "",
        [("A", False, "")],  # the argument picks the first clause
    ),
    (
        "[helper(node_role())]",
        "defp helper(:test), do: [A, C]\ndefp helper(_role), do: [B, C]\n"
        "defp node_role, do: Application.get_env(:demo, :role)",
        "",
        [
            ("A", True, "when helper/1 takes its clause `helper(:test)`"),
            ("C", False, ""),
            ("B", True, "when helper/1 takes its clause `helper(_role)`"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("children", "extra", "prelude", "expected"), CONSTRUCTS, ids=[r[0] for r in CONSTRUCTS]
)
def test_children_constructs(
    children_of: ChildrenOf,
    children: str,
    extra: str,
    prelude: str,
    expected: list[tuple[str | None, bool, str]],
) -> None:
    found = children_of(children, extra, prelude, helper=HELPERS)
    assert [(c.module, c.conditional) for c in found] == [(m, cond) for m, cond, _ in expected]
    for child, (_, _, note) in zip(found, expected, strict=True):
        assert note in child.note
        if child.module is None:
            assert child.kind is Kind.UNKNOWN
            assert child.note, "an unknown child must say why"


def demo(analysis: Analysis) -> Application:
    app = analysis.application("demo")
    assert app is not None
    return app


def test_rebinding_keeps_earlier_children_unconditional(
    analyse_files: AnalyseFiles,
) -> None:
    source = """
    defmodule Demo.Application do
      use Application
      def start(_type, _args) do
        children = [A]
        children = if Mix.env() == :dev, do: children ++ [B], else: children
        children = children ++ [C]
        opts = [strategy: :rest_for_one]
        Supervisor.start_link(children, opts)
      end
    end
    """
    analysis = analyse_files({"lib/demo/application.ex": source})
    app = demo(analysis)
    assert [(c.module, c.conditional) for c in app.children] == [
        ("A", False),
        ("B", True),
        ("C", False),
    ]
    assert app.supervisor.strategy == "rest_for_one"
    assert app.supervisor.name is None


def test_argument_children_are_unknown_at_their_use(analyse_files: AnalyseFiles) -> None:
    source = """
    defmodule Demo.Application do
      use Application
      def start(_type, args) do
        Supervisor.start_link(
          args,
          strategy: :one_for_one
        )
      end
    end
    """
    app = demo(analyse_files({"lib/demo/application.ex": source}))
    (child,) = app.children
    assert child.kind is Kind.UNKNOWN
    assert "function argument" in child.note
    assert child.location.line == 6
