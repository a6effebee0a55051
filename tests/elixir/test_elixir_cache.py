"""Repeat analyses reuse what did not change: trees, index entries, whole trees of apps.

``mkdocs serve`` analyses the Elixir tree again on every rebuild, so these tests pin
down what a rebuild costs: unchanged files are neither parsed nor walked again, an
edited file is parsed alone, and the result is always what a cold analysis gives.
Speed itself is measured by ``bench/tree_bench.py``, not here.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import docgen.elixir.index
import docgen.elixir.loader
import docgen.elixir.sources
from docgen.config import SiteSettings
from docgen.elixir import DEFAULT_CACHE, Analysis, ParseCache, analyse
from docgen.site import DocsSite

API_APP = Path("apps/shop_api/lib/shop_api/application.ex")


@pytest.fixture
def umbrella(tmp_path: Path, elixir_fixtures: Path) -> Path:
    root = tmp_path / "umbrella"
    shutil.copytree(elixir_fixtures / "umbrella", root)
    return root


def source_files(root: Path) -> list[Path]:
    """What the analyser reads under ``root``: mix files and ``lib/**/*.ex``."""
    found = [p for p in root.rglob("*") if p.name == "mix.exs" or p.suffix == ".ex"]
    return [p for p in found if not {"deps", "test"} & set(p.relative_to(root).parts)]


def cold(root: Path) -> dict[str, Any]:
    return analyse(root, ParseCache()).to_dict()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[str]]:
    """Record calls of a function in the analyser, by name: ``reads``, ``walks``, ``groups``."""
    calls: dict[str, list[str]] = {"reads": [], "walks": [], "groups": []}
    read = docgen.elixir.sources.read_bytes
    read_walked = docgen.elixir.sources.read_walked
    modules_in = docgen.elixir.index.modules_in
    analyse_group = docgen.elixir.loader._analyse_group

    def counting_read(path: str | Path) -> bytes:
        calls["reads"].append(Path(path).name)
        return read(path)

    def counting_read_walked(file: Any) -> tuple[bytes, bool]:
        calls["reads"].append(Path(file.path).name)
        return read_walked(file)

    def counting_walk(root: Any, path: str, prefix: str = "") -> Iterator[Any]:
        calls["walks"].append(path)
        return modules_in(root, path, prefix)

    def counting_group(group: Any, *args: Any) -> Any:
        calls["groups"].append(group[0].mix_file)
        return analyse_group(group, *args)

    monkeypatch.setattr(docgen.elixir.sources, "read_bytes", counting_read)
    monkeypatch.setattr(docgen.elixir.sources, "read_walked", counting_read_walked)
    monkeypatch.setattr(docgen.elixir.index, "modules_in", counting_walk)
    monkeypatch.setattr(docgen.elixir.loader, "_analyse_group", counting_group)

    def take(name: str) -> list[str]:
        taken = list(calls[name])
        calls[name].clear()
        return taken

    return take


def test_unchanged_tree_parses_walks_and_evaluates_nothing(
    umbrella: Path, counted: Callable[[str], list[str]]
) -> None:
    cache = ParseCache()
    first = analyse(umbrella, cache)
    assert cache.parses == len(source_files(umbrella))
    assert counted("groups") == ["apps/shop_api/mix.exs"]
    counted("walks")
    parses = cache.parses

    second = analyse(umbrella, cache)

    assert cache.parses == parses
    assert counted("walks") == []
    assert counted("groups") == []
    assert second.to_dict() == first.to_dict() == cold(umbrella)


def test_editing_one_file_reparses_exactly_that_file(
    umbrella: Path, counted: Callable[[str], list[str]]
) -> None:
    cache = ParseCache()
    analyse(umbrella, cache)
    counted("walks")
    parses = cache.parses

    replace(umbrella / API_APP, "one_for_all", "one_for_one")
    edited = analyse(umbrella, cache)

    assert cache.parses == parses + 1
    assert counted("walks") == [API_APP.as_posix()]
    api = edited.application("shop_api")
    assert api is not None
    assert api.supervisor.strategy == "one_for_one"
    assert edited.to_dict() == cold(umbrella)


def test_adding_and_removing_files_changes_the_result(umbrella: Path) -> None:
    cache = ParseCache()
    analyse(umbrella, cache)
    extra = umbrella / "apps/shop_api/lib/shop_api/extra.ex"
    extra.write_text("defmodule ShopApi.Extra do\n  use GenServer\nend\n")
    replace(umbrella / API_APP, "children = [", "children = [\n      ShopApi.Extra,")
    parses = cache.parses

    added = analyse(umbrella, cache)

    assert cache.parses == parses + 2
    assert added.to_dict() == cold(umbrella)
    extra.unlink()
    removed = analyse(umbrella, cache)
    assert cache.parses == parses + 2
    assert removed.to_dict() == cold(umbrella)
    assert removed.to_dict() != added.to_dict()


def test_touched_files_are_reread_but_not_reparsed(
    umbrella: Path, counted: Callable[[str], list[str]]
) -> None:
    cache = ParseCache()
    first = analyse(umbrella, cache)
    parses = cache.parses
    for path in source_files(umbrella):
        os.utime(path)
    counted("reads")

    again = analyse(umbrella, cache)

    assert len(counted("reads")) == len(source_files(umbrella))
    assert cache.parses == parses
    assert again.to_dict() == first.to_dict()


def test_settled_files_are_not_read_again(
    umbrella: Path, counted: Callable[[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend every file was last changed long ago: their stat is then trusted.
    monkeypatch.setattr(docgen.elixir.sources, "SETTLED_NS", -(10**12))
    cache = ParseCache()
    analyse(umbrella, cache)
    counted("reads")

    analyse(umbrella, cache)
    assert counted("reads") == []

    # Same size, same mtime, new bytes: the write still moved ctime.
    path = umbrella / API_APP
    before = path.stat()
    time.sleep(0.05)  # past the file system's timestamp tick
    replace(path, "one_for_all", "one_for_ALL")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    edited = analyse(umbrella, cache)
    assert counted("reads") == [API_APP.name]
    api = edited.application("shop_api")
    assert api is not None
    assert api.supervisor.strategy == "one_for_ALL"


def test_recently_changed_files_are_always_read(
    umbrella: Path, counted: Callable[[str], list[str]]
) -> None:
    # Files written a moment ago may change again within one timestamp tick.
    cache = ParseCache()
    analyse(umbrella, cache)
    counted("reads")
    analyse(umbrella, cache)
    assert len(counted("reads")) == len(source_files(umbrella))


def test_one_cache_serves_two_copies_without_mixing_them(umbrella: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(umbrella, copy)
    replace(copy / API_APP, "one_for_all", "one_for_one")
    cache = ParseCache()
    analyse(umbrella, cache)
    parses = cache.parses

    second = analyse(copy, cache)

    assert cache.parses == parses + 1
    assert second.to_dict() == cold(copy)
    assert analyse(umbrella, cache).to_dict() == cold(umbrella)


def test_analyse_uses_the_default_cache(tmp_path: Path, elixir_fixtures: Path) -> None:
    root = tmp_path / "single"
    shutil.copytree(elixir_fixtures / "single", root)
    analyse(root)
    before = DEFAULT_CACHE.parses
    analyse(root)
    assert DEFAULT_CACHE.parses == before


def test_each_site_build_reparses_only_the_edited_file(umbrella: Path) -> None:
    # Each `mkdocs serve` rebuild calls define_env, which makes a new DocsSite.
    settings = SiteSettings(root=umbrella.parent, elixir_path=umbrella.name)

    def build() -> Analysis:
        return DocsSite(settings).analysis

    first = build()
    parses = DEFAULT_CACHE.parses
    replace(umbrella / API_APP, "one_for_all", "one_for_one")

    second = build()

    assert DEFAULT_CACHE.parses == parses + 1
    assert second.to_dict() != first.to_dict()
    assert second.to_dict() == cold(umbrella)
