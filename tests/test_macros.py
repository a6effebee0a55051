"""The macros adapter: only ``define_env``, thin macros, errors that fail ``--strict``."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import macros
from docgen.config import ConfigError, settings_from_mkdocs


class FakeEnv:
    """What mkdocs-macros (or Zensical's macros) hands to ``define_env``."""

    def __init__(self, project_dir: Path, conf: dict[str, Any], page_src: str) -> None:
        self.project_dir = str(project_dir)
        self.conf = conf
        self.page = SimpleNamespace(file=SimpleNamespace(src_path=page_src))
        self.macros: dict[str, Any] = {}

    def macro(self, fn: Any) -> Any:
        self.macros[fn.__name__] = fn
        return fn


def test_module_re_exports_the_pluglet() -> None:
    import docgen.macros

    hooks = [n for n in dir(macros) if n.startswith(("on_", "define_"))]
    assert hooks == ["define_env", "on_post_build"]
    assert macros.define_env is docgen.macros.define_env


def test_macros_render_from_the_repository(repo: Path, dot_exe: str) -> None:
    env = FakeEnv(repo, {"docs_dir": "docs"}, "plans/PHASE_2_EXECUTION_PLAN.md")
    macros.define_env(env)
    assert set(env.macros) >= {
        "supervision_tree",
        "app_graph",
        "ownership_table",
        "plan_progress",
        "roadmap",
        "progress_badge",
    }
    assert 'data-total="73"' in env.macros["plan_progress"]()
    assert 'href="./"' in env.macros["roadmap"]()
    assert "<svg" in env.macros["supervision_tree"]("dg_projector")
    assert "DecisionGraph.Projector.ReplaySupervisor" in env.macros["supervision_text"]()


def test_unknown_app_is_reported_not_crashed(
    repo: Path, dot_exe: str, caplog: pytest.LogCaptureFixture
) -> None:
    env = FakeEnv(repo, {"docs_dir": "docs"}, "index.md")
    macros.define_env(env)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.docgen"):
        html = env.macros["supervision_tree"]("dg_nope")
    assert 'class="admonition failure"' in html
    assert "no application &#39;dg_nope&#39;" in html
    assert any("dg_nope" in r.getMessage() for r in caplog.records)


def test_plan_path_outside_repository_is_refused(repo: Path) -> None:
    env = FakeEnv(repo, {"docs_dir": "docs"}, "index.md")
    macros.define_env(env)
    html = env.macros["plan_progress"]("../../../etc/passwd")
    assert "outside the repository root" in html


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"elixr_path": "beam"},
            "elixr_path is not a docgen setting (valid keys: boundaries, elixir_path",
        ),
        ({"elixir_path": "../outside"}, "outside the repository root"),
        ({"plans": "docs/*.md"}, "plans must be a list"),
        ({"boundaries": {"a": "b"}}, "boundaries must map each app name to a list"),
        ({"ignore": ["E501"]}, "ignore must be a list of diagnostic codes"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=r"mkdocs\.yml extra\.docgen: ") as info:
        settings_from_mkdocs(tmp_path, {"extra": {"docgen": extra}})
    assert message in str(info.value)


def test_pyproject_settings_are_merged_under_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docgen]\nelixir_path = "apps"\nignore = ["DG305"]\n'
        'boundaries = { core = [], web = ["core"] }\n',
        encoding="utf-8",
    )
    (tmp_path / "apps").mkdir()
    settings = settings_from_mkdocs(tmp_path, {"extra": {"docgen": {"ignore": ["DG402"]}}})
    assert settings.elixir_path == "apps"
    assert settings.ignore == ("DG402",)
    assert settings.allowed_deps() == {"core": (), "web": ("core",)}
    (tmp_path / "pyproject.toml").write_text("[tool.docgen]\nplan = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml \[tool\.docgen\]: plan is not"):
        settings_from_mkdocs(tmp_path, {})


def test_source_links_from_repo_url(tmp_path: Path) -> None:
    settings = settings_from_mkdocs(
        tmp_path, {"repo_url": "https://git.example/dg/dg/", "edit_uri": "edit/trunk/docs/"}
    )
    assert settings.source_url == "https://git.example/dg/dg/blob/trunk/{path}#L{line}"


@pytest.mark.slow
def test_strict_build_fails_on_a_broken_macro_call(
    repo: Path, tmp_path: Path, dot_exe: str
) -> None:
    site = tmp_path / "project"
    shutil.copytree(repo / "macros", site / "macros")
    shutil.copytree(repo / "beam", site / "beam")
    (site / "docs").mkdir()
    (site / "docs/index.md").write_text(
        textwrap.dedent("""\
        ---
        render_macros: true
        ---
        # Tree

        {{ supervision_tree("dg_typo") }}
        """),
        encoding="utf-8",
    )
    (site / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: t
        theme: {name: material, font: false}
        plugins:
          - macros: {module_name: macros, render_by_default: false, on_undefined: strict}
        """),
        encoding="utf-8",
    )
    done = _strict_build(site)
    assert done.returncode != 0
    assert "no application 'dg_typo' under beam/" in done.stderr


@pytest.mark.slow
def test_strict_build_fails_when_docs_drift(repo: Path, tmp_path: Path, dot_exe: str) -> None:
    site = tmp_path / "project"
    shutil.copytree(repo / "macros", site / "macros")
    (site / "docs").mkdir()
    (site / "docs/index.md").write_text(
        "# Home\n\nSee [the plan](plans/NOPE.md).\n", encoding="utf-8"
    )
    (site / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: t
        theme: {name: material, font: false}
        plugins:
          - macros: {module_name: macros, render_by_default: false}
        """),
        encoding="utf-8",
    )
    done = _strict_build(site)
    assert done.returncode != 0
    assert "docs/index.md:3:" in done.stderr and "DG301" in done.stderr


@pytest.mark.parametrize(
    "toc",
    [
        "slugify: !!python/name:pymdownx.slugs.uslugify",
        "slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}",
    ],
)
def test_project_reads_python_tags(tmp_path: Path, toc: str) -> None:
    from docgen.project import load_project

    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nmarkdown_extensions:\n  - toc:\n      {toc}\n"
        "extra:\n  flag: !ENV [SOME_FLAG, false]\nnav:\n  - Home: index.md\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path)
    assert project.slugify == "pymdownx"
    assert project.nav is not None and project.nav[0].target == "index.md"
    assert project.nav[0].location.line == 8


def _strict_build(site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project in ``site``, as CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ),
    )
