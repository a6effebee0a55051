"""Helpers for the Elixir analyser tests: inline sources in a throwaway mix project."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.elixir import Analysis, Child, analyse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "elixir"

MIX_EXS = """\
defmodule Demo.MixProject do
  use Mix.Project
  def project, do: [app: :demo, version: "0.1.0"]
  def application, do: [mod: {Demo.Application, []}]
end
"""

AnalyseSource = Callable[..., Analysis]


def write_project(root: Path, files: dict[str, str], mix: str = MIX_EXS) -> Path:
    """A mix project at ``root`` with dedented ``files`` (paths relative to root)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mix.exs").write_text(mix)
    for rel, source in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return root


def app_with_children(children: str, extra: str = "", prelude: str = "") -> str:
    """``Demo.Application`` whose start/2 starts ``children`` (an expression)."""
    body = textwrap.indent(textwrap.dedent(children).strip(), " " * 4)
    return (
        "defmodule Demo.Application do\n"
        "  use Application\n"
        f"{textwrap.indent(textwrap.dedent(prelude), '  ')}\n"
        "  def start(_type, _args) do\n"
        f"    children =\n{textwrap.indent(body, '  ')}\n"
        "    Supervisor.start_link(children, strategy: :one_for_one, name: Demo.Sup)\n"
        "  end\n"
        f"{textwrap.indent(textwrap.dedent(extra), '  ')}\n"
        "end\n"
    )


@pytest.fixture
def analyse_files(tmp_path: Path) -> AnalyseSource:
    """Analyse a throwaway project made of ``files``."""

    def run(files: dict[str, str], mix: str = MIX_EXS) -> Analysis:
        return analyse(write_project(tmp_path / "demo", files, mix))

    return run


@pytest.fixture
def children_of(analyse_files: AnalyseSource) -> Callable[..., tuple[Child, ...]]:
    """Children of ``Demo.Application`` built from an inline children expression."""

    def run(children: str, extra: str = "", prelude: str = "", **files: str) -> tuple[Child, ...]:
        sources = {"lib/demo/application.ex": app_with_children(children, extra, prelude)}
        sources.update({f"lib/demo/{name}.ex": src for name, src in files.items()})
        analysis = analyse_files(sources)
        app = analysis.application("demo")
        assert app is not None
        return app.children

    return run


@pytest.fixture(scope="session")
def elixir_fixtures() -> Path:
    """``tests/fixtures/elixir``: realistic on-disk projects."""
    return FIXTURES
