"""Zero configuration: mix projects, plans and source links found in any repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.config import settings_from_mkdocs
from docgen.layout import find_mix_layout, source_url_template
from docgen.project import load_project

MIX = "defmodule {0}.MixProject do\n  use Mix.Project\n  def project, do: [app: :{1}]\nend\n"


def _mix(folder: Path, app: str = "app") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mix.exs").write_text(MIX.format(app.capitalize(), app), encoding="utf-8")


@pytest.mark.parametrize(
    ("projects", "elixir_path", "described"),
    [
        (["."], ".", "mix.exs (single app)"),
        (["elixir"], "elixir", "elixir/mix.exs (single app)"),
        (["backend/elixir"], "backend/elixir", "backend/elixir/mix.exs (single app)"),
        (["beam", "beam/apps/a", "beam/apps/b"], "beam", "beam/mix.exs (umbrella, 2 apps)"),
        (["services/a", "services/b"], "services", "services/a/mix.exs (single app), services/b"),
        ([], None, "no mix.exs"),
    ],
)
def test_topmost_mix_projects_are_found(
    tmp_path: Path, projects: list[str], elixir_path: str | None, described: str
) -> None:
    for folder in projects:
        _mix(tmp_path / folder)
    layout = find_mix_layout(tmp_path)
    assert layout.elixir_path == elixir_path
    assert layout.describe().startswith(described)


def test_dependencies_build_output_tests_and_venvs_are_not_projects(tmp_path: Path) -> None:
    for skipped in (
        "deps/phoenix",
        "_build/dev/lib/x",
        "node_modules/pkg",
        "test/fixtures/app",
        "tests/fixtures/app",
        ".hidden/app",
        "site/app",
        "assets/vendor",
    ):
        _mix(tmp_path / skipped)
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv/pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    _mix(tmp_path / "venv/lib/app")
    _mix(tmp_path / "docs/examples/app")
    assert find_mix_layout(tmp_path, exclude=["docs"]).mix_files == ()
    _mix(tmp_path / "apps/shop")
    assert find_mix_layout(tmp_path, exclude=["docs"]).mix_files == ("apps/shop/mix.exs",)


def test_settings_without_extra_docgen_find_everything(tmp_path: Path) -> None:
    _mix(tmp_path / "elixir", "shop")
    (tmp_path / "handbook/plans").mkdir(parents=True)
    settings = settings_from_mkdocs(
        tmp_path, {"docs_dir": "handbook", "repo_url": "https://gitlab.com/acme/shop"}
    )
    assert settings.elixir_path == "elixir"
    assert settings.docs_dir == "handbook"
    assert settings.plan_globs == (
        "handbook/plans/**/*.md",
        "handbook/**/*EXECUTION_PLAN*.md",
        "handbook/**/*MASTERPLAN*.md",
    )
    assert settings.source_url == "https://gitlab.com/acme/shop/-/blob/main/{path}#L{line}"
    assert settings.found[0] == "Elixir: elixir/mix.exs (single app)"


def test_configured_settings_are_not_rediscovered(tmp_path: Path) -> None:
    _mix(tmp_path / "elixir")
    (tmp_path / "beam").mkdir()
    settings = settings_from_mkdocs(
        tmp_path,
        {"extra": {"docgen": {"elixir_path": "beam", "plans": ["p/*.md"], "source_url": "x"}}},
    )
    assert (settings.elixir_path, settings.plan_globs, settings.source_url) == (
        "beam",
        ("p/*.md",),
        "x",
    )
    assert settings.found == ()


@pytest.mark.parametrize(
    ("conf", "expected"),
    [
        ({"repo_url": "https://github.com/o/r"}, "https://github.com/o/r/blob/main/{path}#L{line}"),
        (
            {"repo_url": "https://github.com/o/r.git/", "edit_uri": "edit/trunk/docs/"},
            "https://github.com/o/r/blob/trunk/{path}#L{line}",
        ),
        (
            {"repo_url": "https://gitlab.example.com/g/r", "edit_uri": "-/edit/dev/docs/"},
            "https://gitlab.example.com/g/r/-/blob/dev/{path}#L{line}",
        ),
        (
            {"repo_url": "https://bitbucket.org/o/r", "edit_uri": "src/default/docs/"},
            "https://bitbucket.org/o/r/src/default/{path}#lines-{line}",
        ),
        ({}, None),
    ],
)
def test_source_links_follow_the_host(
    tmp_path: Path, conf: dict[str, str], expected: str | None
) -> None:
    assert source_url_template(tmp_path, conf) == expected


def test_source_links_use_the_branch_and_the_path_inside_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/HEAD").write_text("ref: refs/heads/release-2\n", encoding="utf-8")
    site = tmp_path / "documentation"
    site.mkdir()
    assert (
        source_url_template(site, {"repo_url": "https://github.com/o/r"})
        == "https://github.com/o/r/blob/release-2/documentation/{path}#L{line}"
    )


def test_macro_check_knows_the_pluglets_macros(tmp_path: Path) -> None:
    from docgen.checks import CheckOptions, run_checks

    _mix(tmp_path / "elixir")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(
        "---\nrender_macros: true\n---\n# Home\n\n"
        "{{ supervision_tree() }}\n{{ supervision_tre() }}\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - macros:\n      modules: ['docgen-otp:docgen.macros']\n"
        "      render_by_default: false\n",
        encoding="utf-8",
    )
    found = run_checks(load_project(tmp_path), CheckOptions(frozenset({"macros"})))
    assert [(d.code, d.location.line if d.location else None) for d in found] == [("DG602", 7)]
    assert "supervision_tre" in found[0].message
