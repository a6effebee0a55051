"""Burn-up history from a real git repository built in the test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.plans.history import plan_history
from docgen.render.burnup import burnup_html

PLAN = "docs/plans/PHASE_7_EXECUTION_PLAN.md"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def _commit(repo: Path, path: str, text: str, when: int, message: str) -> None:
    file = repo / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    env_date = f"{when} +0000"
    subprocess.run(
        ["git", "-C", str(repo), "commit", "-q", "-m", message],
        check=True,
        env={
            "GIT_AUTHOR_DATE": env_date,
            "GIT_COMMITTER_DATE": env_date,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )


def _plan(done: int, total: int) -> str:
    items = [f"- [{'x' if i < done else ' '}] task {i}" for i in range(total)]
    return "# Phase 7 Execution Plan\n\n## Tasks\n\n" + "\n".join(items) + "\n"


@pytest.fixture
def repo(tmp_path: Path, git_exe: str) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    day = 86_400
    _commit(root, PLAN, _plan(0, 4), 1_700_000_000, "plan phase 7")
    _commit(root, "README.md", "unrelated\n", 1_700_000_000 + day, "unrelated change")
    _commit(root, PLAN, _plan(2, 4), 1_700_000_000 + 2 * day, "tick two")
    _commit(root, PLAN, _plan(2, 6), 1_700_000_000 + 3 * day, "add scope")
    _git(root, "mv", PLAN, "docs/plans/phase7.md")
    _commit(root, "docs/plans/phase7.md", _plan(5, 6), 1_700_000_000 + 4 * day, "rename, tick")
    return root


def test_points_follow_commits_and_renames(repo: Path) -> None:
    history = plan_history(repo, "docs/plans/phase7.md")
    assert history.note == ""
    assert [(p.done, p.total, p.subject) for p in history.points] == [
        (0, 4, "plan phase 7"),
        (2, 4, "tick two"),
        (2, 6, "add scope"),
        (5, 6, "rename, tick"),
    ]
    assert history.points[0].timestamp == 1_700_000_000


def test_burnup_svg(repo: Path) -> None:
    html = burnup_html(plan_history(repo, "docs/plans/phase7.md"), "Phase <7>")
    assert html.count("<circle") == 4
    assert "Phase &lt;7&gt;: 4 committed versions from 2023-11-14 to 2023-11-18" in html
    assert "now 5 of 6 items done" in html
    assert "\n\n" not in html
    assert html == burnup_html(plan_history(repo, "docs/plans/phase7.md"), "Phase <7>")


def test_shallow_clone_says_so(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    history = plan_history(clone, "docs/plans/phase7.md")
    assert history.shallow
    assert "shallow clone" in history.note
    assert [(p.done, p.total) for p in history.points] == [(5, 6)]


def test_no_repository_and_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.md").write_text(_plan(1, 2), encoding="utf-8")
    history = plan_history(tmp_path, "p.md")
    assert history.points == () and "not inside a git repository" in history.note
    assert "not inside a git repository" in burnup_html(history, "P")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert "git is not installed" in plan_history(tmp_path, "p.md").note


def test_uncommitted_plan(repo: Path) -> None:
    (repo / "docs/plans/new.md").write_text(_plan(0, 1), encoding="utf-8")
    assert "no committed history" in plan_history(repo, "docs/plans/new.md").note
