"""docgen as a package another team installs: a wheel from a clean checkout, a clean
venv, and a project that is not DecisionGraph built with the pluglet by both engines.

The fixture (``tests/fixtures/projects/shop``) is one Phoenix-style app under
``elixir/``, plans under ``docs/``, its own ``mkdocs.yml`` with no ``extra.docgen``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

SHOP = REPO / "tests/fixtures/projects/shop"
DIST_NAME = "docgen-otp"


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, check=False, env=env or _clean_env()
    )
    assert done.returncode == 0, f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _clean_env() -> dict[str, str]:
    # Nothing from this checkout leaks in: no PYTHONPATH, no virtualenv of ours.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the tracked files only (what a clean checkout holds)."""
    checkout = tmp_path_factory.mktemp("checkout")
    tracked = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
    for rel in filter(None, tracked.split("\0")):
        source = REPO / rel
        if source.is_file():
            (checkout / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, checkout / rel)
    dist = tmp_path_factory.mktemp("dist")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(checkout),
        ],
        checkout,
    )
    (built,) = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with only the wheel (and Zensical) installed."""
    where = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", str(where)], where.parent)
    python = where / "bin/python"
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-c",
            str(REPO / "constraints.txt"),
            f"{DIST_NAME}[zensical] @ {wheel.as_uri()}",
        ],
        where.parent,
    )
    yield where


def test_wheel_carries_templates_types_and_the_pluglet(wheel: Path) -> None:
    assert wheel.name.startswith("docgen_otp-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "docgen/py.typed" in names
    assert "docgen/macros/__init__.py" in names
    assert "docgen/macros/pages.py" in names
    templates = {n for n in names if n.startswith("docgen/render/templates/")}
    source = {
        f"docgen/render/templates/{p.name}"
        for p in (REPO / "src/docgen/render/templates").iterdir()
    }
    assert templates == source
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert f"Name: {DIST_NAME}" in text
    assert "Provides-Extra: zensical" in text


def test_installed_package_is_the_wheel(venv: Path) -> None:
    out = _run(
        [str(venv / "bin/python"), "-c", "import docgen, docgen.macros; print(docgen.__file__)"],
        venv,
    )
    assert str(venv) in out
    assert "docgen 0.1.0" in _run([str(venv / "bin/docgen"), "--version"], venv)


@pytest.fixture(scope="module")
def shop_builds(
    venv: Path, tmp_path_factory: pytest.TempPathFactory, dot_exe: str
) -> dict[str, tuple[Path, str]]:
    """The fixture project built by each engine from the installed wheel: (site, log)."""
    builds = {}
    for engine in ("mkdocs", "zensical"):
        project = tmp_path_factory.mktemp(engine) / "shop"
        shutil.copytree(SHOP, project)
        log = _run([str(venv / "bin" / engine), "build", "--strict"], project)
        builds[engine] = (project / "site", log)
    return builds


def test_other_project_fragments_are_identical_under_both_engines(
    shop_builds: dict[str, tuple[Path, str]],
) -> None:
    from tests.test_engines import fragments

    pages = (
        "index.html",
        "architecture/runtime/index.html",
        "plans/PHASE_1_EXECUTION_PLAN/index.html",
        "plans/PHASE_2_EXECUTION_PLAN/index.html",
    )
    for rel in pages:
        mkdocs, zensical = (
            fragments((shop_builds[e][0] / rel).read_text(encoding="utf-8"))
            for e in ("mkdocs", "zensical")
        )
        assert mkdocs, rel
        assert mkdocs == zensical, rel


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_other_project_builds_with_the_pluglet(
    shop_builds: dict[str, tuple[Path, str]], engine: str
) -> None:
    site, log = shop_builds[engine]
    # One line says what was found without configuration.
    found = [line for line in log.splitlines() if "docgen: found" in line]
    assert len(found) == 1, log
    assert "Elixir: elixir/mix.exs (single app)" in found[0]
    assert "plans: 3 file(s) in docs/" in found[0]
    assert "https://github.com/acme/shop/blob/trunk/{path}#L{line}" in found[0]
    assert "deps/phoenix" not in log

    runtime = (site / "architecture/runtime/index.html").read_text(encoding="utf-8")
    assert runtime.count("<svg") >= 1
    for name in ("Shop.Repo", "ShopWeb.Endpoint", "Shop.PubSub", "ShopWeb.Telemetry"):
        assert name in runtime, name
    # Diagram nodes link to the source on the host, at the line.
    assert "https://github.com/acme/shop/blob/trunk/elixir/lib/shop/application.ex#L" in runtime
    assert '<table class="dg-ownership">' in runtime

    home = (site / "index.html").read_text(encoding="utf-8")
    roadmap = re.search(r'<table class="dg-roadmap">.*?</table>', home, re.DOTALL)
    assert roadmap is not None
    hrefs = re.findall(r'href="([^"]+)"', roadmap.group(0))
    assert len(hrefs) == 2
    for href in hrefs:
        assert (site / href / "index.html").is_file(), href

    phase1 = (site / "plans/PHASE_1_EXECUTION_PLAN/index.html").read_text(encoding="utf-8")
    assert 'data-done="4" data-total="4"' in phase1
    phase2 = (site / "plans/PHASE_2_EXECUTION_PLAN/index.html").read_text(encoding="utf-8")
    # The slash is an entity, so no typography extension turns "1/3" into a glyph.
    assert "1&#47;3 · 33" in phase2
    assert "{{" not in runtime + home + phase1 + phase2
