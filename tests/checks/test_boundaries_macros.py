"""Umbrella boundary rules and cycles; macro pages checked without a build."""

from __future__ import annotations

import shutil
from pathlib import Path
from textwrap import dedent

from docgen.checks.boundaries import check_boundaries
from docgen.checks.macros import check_macros
from docgen.elixir import find_mix_projects
from docgen.project import load_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "elixir"


def _codes(found: list) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(d.code, d.location.path, d.location.line) for d in found]


def test_rules_allow_and_forbid(tmp_path: Path) -> None:
    projects = find_mix_projects(FIXTURES / "umbrella")
    assert check_boundaries(projects, {}) == []
    found = check_boundaries(projects, {"shop_api": ["shop_core"], "shop_util": []}, "apps_root")
    assert _codes(found) == [("DG501", "apps_root/apps/shop_api/mix.exs", 10)]
    assert "shop_api depends on shop_util" in found[0].message
    assert "it may depend on shop_core" in found[0].message


def test_cycles_are_errors(tmp_path: Path) -> None:
    root = tmp_path / "umbrella"
    shutil.copytree(FIXTURES / "umbrella", root)
    util = root / "apps/shop_util/mix.exs"
    text = util.read_text(encoding="utf-8")
    assert "defp deps" in text or "deps:" in text
    util.write_text(text.replace("[]", "[{:shop_api, in_umbrella: true}]", 1), encoding="utf-8")
    found = check_boundaries(find_mix_projects(root), {})
    cycles = [d for d in found if d.code == "DG502"]
    assert len(cycles) == 1
    assert cycles[0].message.endswith("shop_util → shop_api")
    assert cycles[0].location is not None
    assert cycles[0].location.path == "apps/shop_util/mix.exs"


PAGE = dedent("""\
    ---
    render_macros: true
    title: Ok
    ---
    # Page

    {{ supervision_tree("dg_store") }}
    {{ supervison_tree() }}
    {{ title }} and {{ config.site_name }}
    {% set local = 1 %}{{ local }}
    """)


def _project(tmp_path: Path, page: str, render_by_default: bool = False) -> Path:
    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "macros", tmp_path / "macros")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text(page, encoding="utf-8")
    (tmp_path / "docs/plain.md").write_text(
        "# Plain\n\n`{{Registry, keys: :unique}, 1}`\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        dedent(f"""\
        site_name: t
        plugins:
          - macros:
              module_name: macros
              render_by_default: {str(render_by_default).lower()}
              on_error_fail: !ENV [DOCGEN_MACROS_FAIL, true]
        """),
        encoding="utf-8",
    )
    return tmp_path


def test_unknown_macro_is_reported_at_its_line(tmp_path: Path) -> None:
    found = check_macros(load_project(_project(tmp_path, PAGE)))
    assert [(d.code, d.location.line, d.message) for d in found if d.location] == [
        ("DG602", 8, "unknown macro or variable 'supervison_tree'")
    ]


def test_syntax_errors_and_render_by_default(tmp_path: Path) -> None:
    page = "# P\n\n{{ roadmap( }}\n"
    found = check_macros(load_project(_project(tmp_path, page, render_by_default=True)))
    codes = sorted((d.code, d.location.path, d.location.line) for d in found if d.location)
    # With render_by_default the Elixir tuple on the plain page is a Jinja error too.
    assert codes == [("DG601", "docs/page.md", 3), ("DG601", "docs/plain.md", 3)]
