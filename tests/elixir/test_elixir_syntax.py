"""Broken files still analyse; parsing is cached by content hash."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.diagnostics import Severity
from docgen.elixir import Analysis, Application, Kind, ParseCache, analyse
from docgen.elixir.loader import analyse as load
from docgen.elixir.syntax import parse_source

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


def test_repeat_analysis_parses_nothing_unchanged(tmp_path: Path, elixir_fixtures: Path) -> None:
    root = tmp_path / "umbrella"
    shutil.copytree(elixir_fixtures / "umbrella", root)
    cache = ParseCache()
    first = load(root, cache)
    files = cache.parses
    assert files >= 10
    second = load(root, cache)
    assert cache.parses == files
    assert second.to_dict() == first.to_dict()
    cache_file = root / "apps" / "shop_api" / "lib" / "shop_api" / "application.ex"
    cache_file.write_text(cache_file.read_text().replace("one_for_all", "one_for_one"))
    third = load(root, cache)
    assert cache.parses == files + 1
    api = third.application("shop_api")
    assert api is not None
    assert api.supervisor.strategy == "one_for_one"


def test_default_cache_is_used_by_analyse(tmp_path: Path, elixir_fixtures: Path) -> None:
    from docgen.elixir import DEFAULT_CACHE

    root = tmp_path / "single"
    shutil.copytree(elixir_fixtures / "single", root)
    analyse(root)
    before = DEFAULT_CACHE.parses
    analyse(root)
    assert DEFAULT_CACHE.parses == before
