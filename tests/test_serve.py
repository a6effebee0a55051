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

import pytest

from tests.conftest import REPO

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


@pytest.fixture(params=["mkdocs", "zensical"])
def served(
    request: pytest.FixtureRequest, tmp_path: Path, dot_exe: str
) -> Iterator[tuple[Path, str]]:
    engine = request.param
    project = tmp_path / "shop"
    shutil.copytree(SHOP, project)
    if engine == "zensical":  # Zensical watches what mkdocs.yml lists (docgen logs this hint)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "watch: [elixir]\n")
    port = _free_port()
    argv = [sys.executable, "-m", engine, "serve", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        argv, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_picks_up_edits(served: tuple[Path, str]) -> None:
    project, base = served
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
