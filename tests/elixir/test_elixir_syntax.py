"""Broken files still analyse; syntax errors are diagnostics with the right line.

Caching of parsed files is tested in ``test_elixir_cache.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.diagnostics import Severity
from docgen.elixir import Analysis, Application, Kind, ParseCache
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
