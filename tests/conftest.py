"""Shared fixtures: the repository root, system programs, a built site.

A test that needs a system program (``dot``, ``elixir``, ``chromium``) is skipped
with a reason that says how to install it, unless ``DOCGEN_REQUIRE_SYSTEM=1`` (set by
``.ci/run``), where a missing program is a failure: CI must never skip silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

REPO = Path(__file__).resolve().parent.parent

# Property tests (Hypothesis). ``ci`` (the default, what `make test` runs): few
# examples, the same ones every run, no example database, so CI is bounded and
# never flaky. ``fuzz`` (`make fuzz`): many new examples per test, failures kept
# in .hypothesis/ (ignored by git) and replayed first next time. Choose with
# HYPOTHESIS_PROFILE=ci|dev|fuzz; ``dev`` explores a little more than ``ci``.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.register_profile(  # the long profiles keep failing examples and replay them first
    "kept",
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
    database=DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "examples")),
)
settings.register_profile("dev", settings.get_profile("kept"), max_examples=60)
settings.register_profile("fuzz", settings.get_profile("kept"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

INSTALL = {
    "dot": "install Graphviz: make test does it as root or with sudo; "
    "else sudo apt-get install graphviz / brew install graphviz",
    "elixir": "install Elixir: make test does it as root or with sudo; "
    "else sudo apt-get install elixir / brew install elixir",
    "mix": "install Elixir (it ships mix): make test does it as root or with sudo; "
    "else sudo apt-get install elixir / brew install elixir",
    "chromium": "install Chromium: make test does it as root or with sudo; "
    "else sudo apt-get install chromium / brew install --cask chromium",
    "git": "install git: make test does it as root or with sudo; "
    "else sudo apt-get install git / brew install git",
}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/Chromium.app/Contents/MacOS/Chromium")
    return str(mac) if mac.exists() else None


def require_program(name: str) -> str:
    """Path of ``name``; skips (or fails under DOCGEN_REQUIRE_SYSTEM) when missing."""
    found = _chromium() if name == "chromium" else shutil.which(name)
    if found:
        return found
    message = f"`{name}` not found: {INSTALL[name]}"
    if os.environ.get("DOCGEN_REQUIRE_SYSTEM") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def dot_exe() -> str:
    return require_program("dot")


@pytest.fixture(scope="session")
def elixir_exe() -> str:
    return require_program("elixir")


@pytest.fixture(scope="session")
def mix_exe(elixir_exe: str) -> str:
    """Elixir's build tool; asked for after ``elixir`` so a missing toolchain says so."""
    return require_program("mix")


@pytest.fixture(scope="session")
def chromium_exe() -> str:
    return require_program("chromium")


@pytest.fixture(scope="session")
def git_exe() -> str:
    return require_program("git")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, dot_exe: str) -> Iterator[Path]:
    """The real repository's site, built once with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DOCGEN_MACROS_FAIL": "true"},
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
    yield out


SITE_INPUTS = ("mkdocs.yml", "pyproject.toml", "docs", "beam", "macros", ".git")


def zensical_build(
    project: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``zensical build --clean --strict`` of ``project`` (into ``project/site``)."""
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of the shop fixture project (Elixir app, docs, plans) to change freely."""
    project = tmp_path / "shop"
    shutil.copytree(REPO / "tests/fixtures/projects/shop", project)
    return project


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, dot_exe: str) -> Iterator[Path]:
    """The real repository's site built with ``zensical build --strict``.

    Zensical writes only inside the project, so it builds a copy of the site's
    inputs (git history included, for the burn-up charts).
    """
    project = tmp_path_factory.mktemp("zensical") / "project"
    project.mkdir()
    for name in SITE_INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("_build", "deps"))
        elif source.is_file():
            shutil.copy2(source, project / name)
    done = zensical_build(project, {"DOCGEN_MACROS_FAIL": "true", "PYTHONPATH": str(project)})
    assert done.returncode == 0, f"zensical build failed:\n{done.stdout}\n{done.stderr}"
    yield project / "site"


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def engine_site(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """Each engine's build of the real site: ``(engine, site directory)``."""
    name = "built_site" if request.param == "mkdocs" else "zensical_site"
    return request.param, request.getfixturevalue(name)
