"""``mkdocs serve`` and ``zensical serve`` pick up edits to Elixir files, plans and pages.

A real server of each engine runs the fixture project (``tests/fixtures/projects/shop``)
on 127.0.0.1; files are edited on disk and the served pages are polled (bounded)
until they show the change.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import REPO
from tests.test_engines import fragments

pytestmark = pytest.mark.slow

SHOP = REPO / "tests/fixtures/projects/shop"
WAIT = 45.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(url: str, wanted: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        html = _get(url)
        if wanted in html:
            return html
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r} within {WAIT} s")


class Served(NamedTuple):
    project: Path
    base: str
    engine: str
    server: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(params=["mkdocs", "zensical"])
def served(request: pytest.FixtureRequest, tmp_path: Path, dot_exe: str) -> Iterator[Served]:
    engine = request.param
    project = tmp_path / "shop"
    shutil.copytree(SHOP, project)
    if engine == "zensical":  # Zensical watches what mkdocs.yml lists (docgen logs this hint)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "watch: [elixir]\n")
    port = _free_port()
    argv = [sys.executable, "-m", engine, "serve", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(argv, cwd=project, env=env, stdout=out, stderr=out)
    try:
        yield Served(project, f"http://127.0.0.1:{port}/", engine, server, log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_picks_up_edits(served: Served) -> None:
    project, base = served.project, served.base
    runtime = base + "architecture/runtime/"
    assert "Shop.Cache" not in _until(runtime, "Shop.Repo")
    time.sleep(1.5)  # let the watcher settle after the first build

    app = project / "elixir/lib/shop/application.ex"
    text = app.read_text(encoding="utf-8")
    app.write_text(text.replace("Shop.Repo,", "Shop.Repo,\n      {Cachex, name: Shop.Cache},"))
    _until(runtime, "Shop.Cache")

    plan = project / "docs/plans/PHASE_2_EXECUTION_PLAN.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- [ ] Payment", "- [x] Payment"))
    _until(base, "2/3 (66&nbsp;%)")

    page = project / "docs/architecture/runtime.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA line written while serving.\n")
    _until(runtime, "A line written while serving.")


def test_serve_survives_files_changing_underneath(served: Served) -> None:
    """An editor saving many times a second, a source file deleted, a page removed:
    every rebuild goes on, none prints a traceback from docgen, and after one more
    save the served diagram is the one a fresh build of the same files gives."""
    project, base = served.project, served.base
    runtime = base + "architecture/runtime/"
    _until(runtime, "Shop.Repo")
    time.sleep(1.5)

    app = project / "elixir/lib/shop/application.ex"
    text = app.read_text(encoding="utf-8")
    for n in range(25):  # writes land before, during and after rebuilds
        app.write_text(text.replace("Shop.Repo,", f"Shop.Repo,\n      Shop.Churn{n},"))
        time.sleep(0.04)
        # Zensical 0.0.x's own server ends ("OSError: I/O error: No such file or
        # directory") when any file it watches goes during a rebuild, so deletions
        # are MkDocs-only. MkDocs reads pages itself too: a page gone mid-build stops
        # that rebuild (MkDocs prints its own traceback and waits for the next change).
        if n == 10 and served.engine == "mkdocs":
            (project / "elixir/lib/shop/repo.ex").unlink()
        if n == 15 and served.engine == "mkdocs":
            (project / "docs/plans/PHASE_1_EXECUTION_PLAN.md").unlink()
    time.sleep(1.5)
    app.write_text(text.replace("Shop.Repo,", "Shop.Repo,\n      Shop.Final,"))
    served_html = _until(runtime, "Shop.Final")
    time.sleep(2)  # any rebuild still queued
    served_html = _until(runtime, "Shop.Final")
    assert "Shop.Churn" not in served_html
    assert served.server.poll() is None, "the server stopped"

    out = project.parent / "fresh"
    engine = [sys.executable, "-m", served.engine, "build"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if served.engine == "mkdocs":
        engine += ["--site-dir", str(out)]
    else:  # Zensical builds into site_dir from mkdocs.yml
        out = project / "site"
    subprocess.run(engine, cwd=project, env=env, check=False, capture_output=True, timeout=300)
    fresh = (out / "architecture/runtime/index.html").read_text(encoding="utf-8")
    assert fragments(served_html) == fragments(fresh)
    assert docgen_tracebacks(served.log.read_text(encoding="utf-8", errors="replace")) == []


def docgen_tracebacks(log: str) -> list[str]:
    """Python tracebacks in ``log`` that pass through docgen's code."""
    found = []
    for block in log.split("Traceback (most recent call last):")[1:]:
        frames = [line for line in block.splitlines() if line.startswith('  File "')]
        if any("/docgen/" in frame for frame in frames):
            found.append(block[:2000])
    return found
