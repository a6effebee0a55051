"""Files parsed by a worker process give the analysis a single process gives.

With many files to parse, :class:`docgen.elixir.reading.Reading` forks a worker
that parses part of them and sends back summaries; functions and attributes of
those modules are parsed one statement at a time when the evaluator asks. These
tests force that path on the fixture projects (``PARALLEL_FILES = 1``) and compare
with the single-process analysis, then check what a warm cache does with it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import docgen.elixir.reading
from docgen import parallel
from docgen.diagnostics import Location
from docgen.elixir import ParseCache, analyse
from docgen.elixir.summary import summarise_sources

BROKEN_WORKER = """\
defmodule ShopCore.Broken do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__
  end
end

defmodule ShopCore.AfterBroken do
  use Agent
  @name :after_broken
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: @name)
end
"""


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel.will_fork(2, 1), "this machine would not fork: nothing tested"
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 2)


@pytest.fixture
def sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 10**9)


def _both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ParseCache, ParseCache]:
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 10**9)
    alone = ParseCache()
    expected = analyse(root, alone)
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 2)
    shared = ParseCache()
    got = analyse(root, shared)
    assert got == expected
    assert got.to_dict() == expected.to_dict()
    return alone, shared


@pytest.mark.parametrize("project", ["umbrella", "single", "phoenix"])
def test_worker_summaries_give_the_same_analysis(
    project: str, elixir_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, shared = _both(elixir_fixtures / project, monkeypatch)
    # Fewer whole files were parsed here; some statements were parsed on their own.
    assert shared.parses < alone.parses
    assert shared.snippets > 0


def test_a_broken_file_parsed_by_the_worker(
    tmp_path: Path, elixir_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "umbrella"
    shutil.copytree(elixir_fixtures / "umbrella", root)
    # Near the end of the walk, so it falls in the worker's share (checked below).
    (root / "apps/shop_core/lib/shop_core/zz_broken.ex").write_text(BROKEN_WORKER)
    sent: list[str] = []
    start_beside = parallel.start_beside

    def spy(fn: Any, items: list[tuple[str, bytes]]) -> Any:
        sent.extend(rel for rel, _ in items)
        return start_beside(fn, items)

    monkeypatch.setattr(docgen.elixir.reading, "start_beside", spy)
    _, shared = _both(root, monkeypatch)
    assert "apps/shop_core/lib/shop_core/zz_broken.ex" in sent
    found = analyse(root, shared)
    assert [(d.code, d.location) for d in found.diagnostics] == [
        ("DG101", Location("apps/shop_core/lib/shop_core/zz_broken.ex", 5))
    ]
    assert "ShopCore.AfterBroken" in found.modules


def test_warm_edit_and_touch_after_a_forked_analysis(
    tmp_path: Path, elixir_fixtures: Path, monkeypatch: pytest.MonkeyPatch, forked: None
) -> None:
    root = tmp_path / "umbrella"
    shutil.copytree(elixir_fixtures / "umbrella", root)
    cache = ParseCache()
    first = analyse(root, cache)
    parses = cache.parses
    assert analyse(root, cache) == first
    assert cache.parses == parses  # warm: nothing parsed
    # Edit a file the worker parsed (the last one by path): only it is parsed again.
    last = sorted((root / "apps").rglob("*.ex"))[-1]
    last.write_text(last.read_text() + "\n# edited\n")
    assert analyse(root, cache).to_dict() == first.to_dict()
    assert cache.parses == parses + 1


def test_summaries_survive_pickling(elixir_fixtures: Path) -> None:
    import pickle

    files = sorted((elixir_fixtures / "umbrella" / "apps").rglob("*.ex"))
    items = [(f.name, f.read_bytes()) for f in files]
    summaries = summarise_sources(items)
    assert pickle.loads(pickle.dumps(summaries)) == summaries  # noqa: S301 (our own bytes)
    modules = {m.name: m for s in summaries for m in s.modules}
    app = modules["ShopCore.Application"]
    assert ("start", False) in {(name, private) for name, private, _ in app.defs}


def _crash(items: object) -> object:
    raise MemoryError("the worker ran out of memory")


def test_a_failed_worker_leaves_its_files_to_this_process(
    elixir_fixtures: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    root = elixir_fixtures / "umbrella"
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 10**9)
    expected = analyse(root, ParseCache())
    monkeypatch.setattr(docgen.elixir.reading, "PARALLEL_FILES", 2)
    monkeypatch.setattr(docgen.elixir.reading, "summarise_sources", _crash)
    cache = ParseCache()
    assert analyse(root, cache) == expected
    assert cache.snippets == 0
    assert "the parse worker failed" in caplog.text
