"""Broken files still analyse; syntax errors are diagnostics with the right line.

Caching of parsed files is tested in ``test_elixir_cache.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.diagnostics import Severity
from docgen.elixir import Analysis, Application, Kind, ParseCache
from docgen.elixir.syntax import (
    Node,
    named_children,
    operator_of,
    parse_source,
    remote_calls,
    text_of,
)

AnalyseFiles = Callable[..., Analysis]

APP = """\
defmodule Demo.Application do
  use Application
  def start(_type, _args) do
    Supervisor.start_link([Demo.Broken, Demo.Fine], strategy: :one_for_one)
  end
end
"""

BROKEN = """\
defmodule Demo.Broken do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg, name: __MODULE__
  end
end

defmodule Demo.Fine do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: :fine)
  def init(_) do
    Supervisor.init([{Registry, keys: :unique, name: Demo.R}], strategy: :one_for_one)
  end
end
"""


def demo(analysis: Analysis) -> Application:
    app = analysis.application("demo")
    assert app is not None
    return app


def test_syntax_error_is_a_diagnostic_and_the_rest_still_analyses(
    analyse_files: AnalyseFiles,
) -> None:
    analysis = analyse_files({"lib/demo/application.ex": APP, "lib/demo/broken.ex": BROKEN})
    (diagnostic,) = analysis.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("DG101", Severity.ERROR)
    assert diagnostic.location is not None
    assert (diagnostic.location.path, diagnostic.location.line) == ("lib/demo/broken.ex", 5)
    broken, fine = demo(analysis).children
    assert broken.module == "Demo.Broken"
    assert (fine.module, fine.name, fine.kind, fine.strategy) == (
        "Demo.Fine",
        ":fine",
        Kind.SUPERVISOR,
        "one_for_one",
    )
    assert [c.name for c in fine.children] == ["Demo.R"]


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("defmodule A do\n  def f do\n    x = = 1\n  end\nend\n", 3),
        ("defmodule A do\n  def f do\n    x = 1)\n    x\n  end\nend\n", 3),
        ("defmodule A do\n  def f do\n    [a: ]\n  end\nend\n", 3),
        ("defmodule A do\n  def f(x) do\n    g(x, name: x\n  end\n  def h, do: 1\nend\n", 3),
        ("defmodule A do\n  def f do\n    1\n\nend\n", 6),
        ("defmodule A do\n  def f, do: 1\nend\n", None),
    ],
)
def test_first_error_line(source: str, line: int | None) -> None:
    parsed = parse_source("a.ex", source.encode(), ParseCache())
    assert [d.location.line for d in parsed.diagnostics if d.location] == ([line] if line else [])


def walked_calls(node: Node, names: set[str]) -> list[tuple[Node, Node | None]]:
    """Every node visited, as a reference for ``remote_calls``: each call whose
    target is ``left.name`` for a wanted name, pre-order, with the piped operand."""
    out: list[tuple[Node, Node | None]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        stack.extend(reversed(named_children(item)))
        target = item.child_by_field_name("target") if item.type == "call" else None
        right = target.child_by_field_name("right") if target is not None else None
        if target is None or target.type != "dot" or right is None:
            continue
        if right.type != "identifier" or text_of(right) not in names:
            continue
        parent = item.parent
        piped = None
        if (
            parent is not None
            and parent.type == "binary_operator"
            and operator_of(parent) == "|>"
            and parent.child_by_field_name("right") == item
        ):
            piped = parent.child_by_field_name("left")
        out.append((item, piped))
    return out


TRICKY = b"""\
defmodule A do
  def f(x) do
    {:ok, _} = Supervisor.start_link(children(), strategy: :one_for_one)
    x |> Enum.reject(&is_nil/1) |> Supervisor.start_link(name: :start_link)
    A.start_link(B.start_link(x)).start_link()
    fn -> :gen_server.start_link(__MODULE__, [], []) end
    # Supervisor.start_link(commented, out)
    "Supervisor.start_link(in_a_string)"
    start_link(local) ++ start_linked.start_link ++ Mod.start_links(x)
    __MODULE__.start_link(x |> Other.start_link())
  end
end
"""


def test_remote_calls_match_a_full_walk(elixir_fixtures: Path) -> None:
    sources = [TRICKY, *(p.read_bytes() for p in sorted(elixir_fixtures.rglob("*.ex*")))]
    names = {"start_link", "init", "start", "reject"}
    encoded = [name.encode() for name in sorted(names)]
    checked = 0
    for source in sources:
        for root in parse_source("x.ex", source, ParseCache()).roots:
            stack = [root]
            while stack:  # every node of every file, not only statements
                node = stack.pop()
                assert remote_calls(node, encoded) == walked_calls(node, names)
                checked += 1
                stack.extend(node.named_children)
    assert checked > 1000
