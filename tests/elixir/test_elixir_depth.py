"""Input nested deeper than Python's stack: cut with a diagnostic, the rest still read.

Generated Elixir (data tables, parsers, protocol code) nests lists, tuples and
pipelines thousands deep, wraps definitions in deep conditionals or chains
supervisors. None of that may crash the analysis or the renderers; what is cut
is named with its file and line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.elixir import analyse
from docgen.elixir.evaluator import MAX_NESTING, TOO_DEEP
from docgen.elixir.supervision import MAX_TREE_DEPTH, TOO_DEEP_TREE
from docgen.render.dot import supervision_dot
from docgen.render.text import tree_text
from tests.elixir.conftest import MIX_EXS, write_project

NESTINGS: dict[str, Callable[[int], str]] = {
    "list": lambda n: "[" * n + "1" + "]" * n,
    "tuple": lambda n: "{" * n + ":a" + "}" * n,
    "map": lambda n: "%{a: " * n + "1" + "}" * n,
    "keywords": lambda n: "[a: " * n + "1" + "]" * n,
    "cons": lambda n: "[1 | " * n + "[]" + "]" * n,
    "pipeline": lambda n: "opts" + " |> Keyword.put(:k, 1)" * n,
    "concat": lambda n: " ++ ".join(["[Demo.Worker]"] * n),
    "parens": lambda n: "(" * n + "[Demo.Worker]" + ")" * n,
}


@pytest.fixture
def low_stack() -> Iterator[None]:
    """A recursion limit well under the nesting: the analysis must not depend on it."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(700)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _application(deep: str) -> str:
    return (
        "defmodule Demo.Application do\n"
        "  use Application\n"
        "  def start(_type, opts) do\n"
        f"    table = {deep}\n"
        "    children = [Demo.Worker, {Demo.Cache, table: table}, Demo.Last]\n"
        "    Supervisor.start_link(children, strategy: :one_for_one)\n"
        "  end\n"
        "end\n"
    )


@pytest.mark.parametrize("shape", sorted(NESTINGS))
@pytest.mark.parametrize("depth", [500, 20_000])
def test_deep_expressions_are_cut_and_the_rest_analysed(
    tmp_path: Path, shape: str, depth: int, low_stack: None
) -> None:
    root = write_project(tmp_path / "demo", {"lib/demo/application.ex": ""})
    source = _application(NESTINGS[shape](depth))
    (root / "lib/demo/application.ex").write_text(source, encoding="utf-8")
    analysis = analyse(root)
    (app,) = analysis.applications
    assert [c.module for c in app.children] == ["Demo.Worker", "Demo.Cache", "Demo.Last"]
    cut = [d for d in analysis.diagnostics if d.code == TOO_DEEP]
    assert len(cut) == 1, analysis.diagnostics
    assert cut[0].location is not None
    assert (cut[0].location.path, cut[0].location.line) == ("lib/demo/application.ex", 4)
    assert f"{MAX_NESTING} levels" in cut[0].message


def test_shallow_nesting_is_evaluated_in_full(tmp_path: Path) -> None:
    deep = "[" * 40 + "Demo.Worker" + "]" * 40
    files = {
        "lib/demo/application.ex": (
            "defmodule Demo.Application do\n"
            "  use Application\n"
            "  def start(_type, _args) do\n"
            f"    children = List.flatten({deep})\n"
            "    Supervisor.start_link(children, strategy: :one_for_one)\n"
            "  end\n"
            "end\n"
        )
    }
    analysis = analyse(write_project(tmp_path / "demo", files))
    assert not [d for d in analysis.diagnostics if d.code == TOO_DEEP]


def test_deeply_wrapped_definitions_and_nested_modules(tmp_path: Path, low_stack: None) -> None:
    depth = 5_000
    start = "def start(_t, _a), do: Supervisor.start_link([Demo.Worker], strategy: :one_for_one)"
    wrapped = "if true do\n" * depth + start + "\n" + "end\n" * depth
    nested = "".join(f"defmodule N{i} do\n" for i in range(depth)) + "end\n" * depth
    application = f"defmodule Demo.Application do\nuse Application\n{wrapped}end\n"
    files = {
        "lib/demo/application.ex": application,
        "lib/demo/nested.ex": f"defmodule Demo.Nested do\n{nested}end\n",
    }
    analysis = analyse(write_project(tmp_path / "demo", files))
    (app,) = analysis.applications
    assert [c.module for c in app.children] == ["Demo.Worker"]
    deepest = "Demo.Nested." + ".".join(f"N{i}" for i in range(depth))
    assert deepest in analysis.modules


def test_unclosed_brackets_thousands_deep_are_one_syntax_error(
    tmp_path: Path, low_stack: None
) -> None:
    files = {
        "lib/demo/application.ex": _application("[" * 20_000),
        "lib/demo/worker.ex": "defmodule Demo.Worker do\n  use GenServer\nend\n",
    }
    analysis = analyse(write_project(tmp_path / "demo", files))
    broken = [d for d in analysis.diagnostics if d.code == "DG101"]
    assert [d.location.path for d in broken if d.location] == ["lib/demo/application.ex"]
    assert "Demo.Worker" in analysis.modules


def _chain(length: int) -> str:
    modules = [
        "defmodule Demo.Application do\n  use Application\n"
        "  def start(_t, _a), do: Supervisor.start_link([Demo.S0], strategy: :one_for_one)\nend\n"
    ]
    for i in range(length):
        child = f"Demo.S{i + 1}" if i + 1 < length else "Demo.Worker"
        modules.append(
            f"defmodule Demo.S{i} do\n  use Supervisor\n"
            "  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)\n"
            f"  def init(_), do: Supervisor.init([{child}], strategy: :one_for_one)\nend\n"
        )
    return "".join(modules)


def test_a_supervisor_chain_deeper_than_the_limit_is_cut_and_renders(
    tmp_path: Path, low_stack: None, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path / "demo", {"lib/demo/application.ex": _chain(2_000)}, MIX_EXS)
    analysis = analyse(root)
    (cut,) = [d for d in analysis.diagnostics if d.code == TOO_DEEP_TREE]
    assert f"Demo.S{MAX_TREE_DEPTH} and what it starts" in cut.message
    (app,) = analysis.applications
    depth, node = 0, app.children[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert depth == MAX_TREE_DEPTH  # Demo.S0 at depth 0
    assert "not expanded" in node.note
    assert tree_text(analysis).count("\n") >= MAX_TREE_DEPTH
    assert supervision_dot(analysis).count("->") >= MAX_TREE_DEPTH
    assert main(["tree", str(root), "--format", "json"]) == 0
    json.loads(capsys.readouterr().out)
