"""Files that change underneath a build: deleted or rewritten between listing and reading.

``mkdocs serve`` rebuilds while an editor saves, and ``git checkout`` rewrites many
files at once. Each test makes the change happen on disk at the exact moment that
matters (after the file was listed or ``stat``-ed, just before it is read), by
wrapping the function that reads it, then checks that the build says so with a
finding at the file's line 1, analyses everything else, and that the next build
(from the same warm caches) equals a cold analysis of what is on disk then.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import docgen.checks.drift
import docgen.checks.links
import docgen.checks.macros
import docgen.elixir.sources
import docgen.plans.discovery
from docgen.checks import CheckOptions, run_checks
from docgen.diagnostics import Severity
from docgen.elixir import ParseCache, analyse
from docgen.plans import load_plans
from docgen.plans.lint import Repository, lint_plans
from docgen.project import load_project
from tests.conftest import REPO

SHOP = REPO / "tests/fixtures/projects/shop"
APP = "lib/shop/application.ex"
REPO_EX = "lib/shop/repo.ex"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled, so the stat cache remembers them."""
    monkeypatch.setattr(docgen.elixir.sources, "SETTLED_NS", 0)


def before_reading(
    monkeypatch: pytest.MonkeyPatch, name: str, change: Callable[[Path], None]
) -> list[str]:
    """Run ``change`` on the Elixir file ending in ``name`` just before it is read, once."""
    read_walked = docgen.elixir.sources.read_walked
    done: list[str] = []

    def reading(file: Any) -> tuple[bytes, bool]:
        if file.path.endswith(name) and not done:
            done.append(file.path)
            change(Path(file.path))
        return read_walked(file)

    monkeypatch.setattr(docgen.elixir.sources, "read_walked", reading)
    return done


def codes(found: Any) -> list[tuple[str, str, int]]:
    return [(d.code, d.location.path, d.location.line) for d in found if d.location]


def children(analysis: Any) -> list[str]:
    tree = analysis.to_dict()
    return [c["module"] for app in tree["applications"] for c in app["children"]]


def test_elixir_file_deleted_after_listing(
    shop: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    elixir = shop / "elixir"
    cache = ParseCache()
    before_reading(monkeypatch, REPO_EX, Path.unlink)
    first = analyse(elixir, cache)
    assert ("DG102", REPO_EX, 1) in codes(first.diagnostics)
    gone = next(d for d in first.diagnostics if d.code == "DG102")
    assert gone.severity is Severity.WARNING
    assert "deleted or renamed while docgen read it" in gone.message
    assert "Shop.Repo" in children(first)  # the application module was still read
    monkeypatch.undo()
    again = analyse(elixir, cache)
    assert again.to_dict() == analyse(elixir, ParseCache()).to_dict()
    assert "DG102" not in [d.code for d in again.diagnostics]


def test_elixir_file_rewritten_between_stat_and_read(
    shop: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    elixir = shop / "elixir"
    cache = ParseCache()

    def add_child(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Shop.Repo,", "Shop.Repo,\n      Shop.Mailer,"))

    assert before_reading(monkeypatch, APP, add_child) == []
    first = analyse(elixir, cache)
    assert ("DG111", APP, 1) in codes(first.diagnostics)
    assert "Shop.Mailer" in children(first)  # what was read is what is shown
    monkeypatch.undo()
    monkeypatch.setattr(docgen.elixir.sources, "SETTLED_NS", 0)
    again = analyse(elixir, cache)
    assert "DG111" not in [d.code for d in again.diagnostics]
    assert again.to_dict() == analyse(elixir, ParseCache()).to_dict()


def test_elixir_file_edited_after_it_was_read_is_read_again(
    shop: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit during a rebuild, after the file was read: the stat cache must not keep
    the old text under the new file's signature (it keeps the walk's signature)."""
    elixir = shop / "elixir"
    app = elixir / APP
    cache = ParseCache()
    read_walked = docgen.elixir.sources.read_walked

    def read_then_edit(file: Any) -> tuple[bytes, bool]:
        result = read_walked(file)
        if file.path.endswith(APP):
            text = app.read_text(encoding="utf-8")
            app.write_text(text.replace("ShopWeb.Endpoint\n", "ShopWeb.Endpoint,\n Shop.Late\n"))
        return result

    monkeypatch.setattr(docgen.elixir.sources, "read_walked", read_then_edit)
    first = analyse(elixir, cache)
    assert "Shop.Late" not in children(first)
    assert "DG111" not in [d.code for d in first.diagnostics]
    monkeypatch.setattr(docgen.elixir.sources, "read_walked", read_walked)
    again = analyse(elixir, cache)
    assert "Shop.Late" in children(again)
    assert again.to_dict() == analyse(elixir, ParseCache()).to_dict()


def test_application_file_deleted_after_listing_is_reported_not_raised(
    shop: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    elixir = shop / "elixir"
    cache = ParseCache()
    before_reading(monkeypatch, APP, Path.unlink)
    first = analyse(elixir, cache)
    found = codes(first.diagnostics)
    assert ("DG102", APP, 1) in found
    monkeypatch.undo()
    assert analyse(elixir, cache).to_dict() == analyse(elixir, ParseCache()).to_dict()


def test_plan_deleted_after_listing(shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    find_plans = docgen.plans.discovery.find_plans

    def listed_then_deleted(root: Path, globs: Any = ()) -> list[Path]:
        found = find_plans(root, globs)
        next(p for p in found if p.name == "PHASE_2_EXECUTION_PLAN.md").unlink()
        return found

    monkeypatch.setattr(docgen.plans.discovery, "find_plans", listed_then_deleted)
    plans = load_plans(shop, ("docs/**/*.md",))
    monkeypatch.undo()
    gone = next(p for p in plans if p.path.endswith("PHASE_2_EXECUTION_PLAN.md"))
    assert (gone.done, gone.total) == (0, 0)
    lint = lint_plans(plans, Repository(shop))
    assert ("DG002", "docs/plans/PHASE_2_EXECUTION_PLAN.md", 1) in codes(lint)
    assert [p.path for p in load_plans(shop, ("docs/**/*.md",))] == [
        p.path for p in plans if p is not gone
    ]


def test_plan_that_links_outside_the_repository_is_refused(shop: Path, tmp_path: Path) -> None:
    outside = tmp_path / "PHASE_9_EXECUTION_PLAN.md"
    outside.write_text("# Phase 9\n\n- [x] secret\n", encoding="utf-8")
    (shop / "docs/plans/PHASE_9_EXECUTION_PLAN.md").symlink_to(outside)
    plans = load_plans(shop, ("docs/**/*.md",))
    refused = next(p for p in plans if p.path.endswith("PHASE_9_EXECUTION_PLAN.md"))
    assert refused.total == 0
    assert [(d.code, d.severity) for d in refused.problems] == [("DG002", Severity.ERROR)]
    assert refused.path == "docs/plans/PHASE_9_EXECUTION_PLAN.md"


def test_page_deleted_after_listing_every_check_goes_on(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The links, drift and macros checks each list the pages and read them later."""
    page = shop / "docs/architecture/runtime.md"
    for module in (docgen.checks.links, docgen.checks.drift, docgen.checks.macros):
        read = module.read_or_report

        def deleting(path: Path, rel: str, read: Any = read) -> Any:
            if path.name == "runtime.md" and path.exists():
                path.unlink()
            return read(path, rel)

        monkeypatch.setattr(module, "read_or_report", deleting)
        found = run_checks(load_project(shop), CheckOptions())
        shutil.copy(SHOP / "docs/architecture/runtime.md", page)
        monkeypatch.undo()
        gone = [d for d in found if d.code == "DG002"]
        if module is docgen.checks.links:
            assert codes(gone) == [("DG002", "docs/architecture/runtime.md", 1)]
            assert gone[0].severity is Severity.WARNING
        else:  # the links check reports it; the others leave the page out
            assert gone == []
    clean = run_checks(load_project(shop), CheckOptions())
    assert "DG002" not in [d.code for d in clean]


def test_plan_named_directory_is_skipped(shop: Path) -> None:
    """A directory named like a plan is neither a plan nor a crash."""
    (shop / "docs/plans/PHASE_8_EXECUTION_PLAN.md").mkdir()
    plans = load_plans(shop, ("docs/**/*.md",))
    assert not any(p.path.endswith("PHASE_8_EXECUTION_PLAN.md") for p in plans)
