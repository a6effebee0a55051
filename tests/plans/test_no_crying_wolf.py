"""Plan lint does not cry wolf: a name the code uses is not "a missing app".

``tests/fixtures/plan_sets/wolf`` is an umbrella whose store app has a migration
creating a ``dg_events`` table (module defined under ``priv/``), a config file with
``config :dg_store, …, dg_flag: true`` and an app that is only configured, a Python
core with a ``dg_nodes`` table, and a ``.gitignore`` for ``cover/``. Its plan's
checked items name each of those, plus the names that really are missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.cli import main

WOLF = Path(__file__).parents[1] / "fixtures" / "plan_sets" / "wolf"


def test_only_names_the_code_does_not_use_are_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, git_exe: str
) -> None:
    root = tmp_path / "wolf"
    shutil.copytree(WOLF, root)
    subprocess.run([git_exe, "init", "-q", str(root)], check=True)  # git reads .gitignore
    main(["progress", str(root), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    found = {
        (d["code"], d["line"]): d["message"]
        for d in data["diagnostics"]
        if d["code"] in ("DG204", "DG205", "DG206")
    }
    assert sorted(found) == [
        ("DG204", 12),  # docs/nowhere.md: nothing anywhere
        ("DG205", 6),  # "the `dg_events` app": the code has a table of that name
        ("DG205", 9),  # dg_ghost: used nowhere
        ("DG205", 15),  # "the umbrella app `dg_web`": used nowhere
        ("DG206", 8),  # DecisionGraph.Store.Ghost: defined and used nowhere
    ]
    table = found[("DG205", 6)]
    assert "calls 'dg_events' an OTP app" in table
    assert "table (apps/dg_store/priv/repo/migrations/20240101000000_create_events.exs:5)" in table
    # not findings: line 5 (a table, not called an app), 7 (migration module defined
    # under priv/), 10 (cover/ is ignored by git), 11 (lib/dg_store/repo.ex, written
    # relative to its app), 13 (the `dg_nodes` table of the Python core), 14 (a config
    # key), 16 (an app only configured: a dependency), 17 (a real app)


def test_without_git_an_ignored_path_is_still_found_if_mentioned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "plain"
    shutil.copytree(WOLF, root)
    (root / "Makefile").write_text("coverage:\n\tmix coveralls.json -o cover/excoveralls.json\n")
    main(["progress", str(root), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    paths = [d["line"] for d in data["diagnostics"] if d["code"] == "DG204"]
    assert paths == [12]  # cover/excoveralls.json is named by the Makefile
