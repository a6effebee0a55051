"""The bundled ``beam/`` umbrella is real Elixir: every file parses with the compiler's parser."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.elixir

SCRIPT = """
files = Path.wildcard("beam/**/*.{ex,exs}") ++ Path.wildcard("beam/.*.exs")
for f <- files, do: Code.string_to_quoted!(File.read!(f), file: f)
IO.puts("parsed #{length(files)}")
"""


def test_every_beam_file_parses(repo: Path, elixir_exe: str) -> None:
    done = subprocess.run(
        [elixir_exe, "-e", SCRIPT],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 20


def test_umbrella_layout(repo: Path) -> None:
    apps = sorted(p.name for p in (repo / "beam/apps").iterdir() if (p / "mix.exs").is_file())
    assert apps == ["dg_api", "dg_domain", "dg_observability", "dg_projector", "dg_store", "dg_web"]
    for env in ("config", "dev", "test", "prod", "runtime"):
        assert (repo / f"beam/config/{env}.exs").is_file()
