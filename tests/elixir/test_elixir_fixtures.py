"""Realistic on-disk projects under tests/fixtures/elixir, checked as outlines.

The expected outlines live in ``tests/fixtures/elixir/expected/<project>.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.elixir import Analysis, Child, analyse, find_mix_projects


def outline(children: tuple[Child, ...], depth: int = 1) -> list[str]:
    out: list[str] = []
    for c in children:
        flags = [c.kind.value, "conditional" if c.conditional else "", c.strategy or ""]
        note = f" ({c.note})" if c.note else ""
        out.append(
            "  " * depth
            + f"{c.module} name={c.name} [{','.join(f for f in flags if f)}] {c.location}{note}"
        )
        out.extend(outline(c.children, depth + 1))
    return out


def render(analysis: Analysis) -> str:
    lines: list[str] = []
    for app in analysis.applications:
        sup = app.supervisor
        lines.append(
            f"{app.otp_app}: {app.application_module} {sup.strategy} {sup.name} "
            f"deps={','.join(app.deps)}"
        )
        lines.extend(outline(app.children))
    lines.extend(f"{d.code} {d.location} {d.message}" for d in analysis.diagnostics)
    return "\n".join(lines)


PROJECTS = ["phoenix", "single", "umbrella"]


@pytest.mark.parametrize("name", PROJECTS)
def test_fixture_project_outline(elixir_fixtures: Path, name: str) -> None:
    expected = (elixir_fixtures / "expected" / f"{name}.txt").read_text()
    assert render(analyse(elixir_fixtures / name)) == expected.rstrip("\n")


@pytest.mark.parametrize("name", PROJECTS)
def test_analysis_is_deterministic(elixir_fixtures: Path, name: str) -> None:
    first = analyse(elixir_fixtures / name).to_dict()
    assert analyse(elixir_fixtures / name).to_dict() == first
    assert analyse((elixir_fixtures / name).resolve()).to_dict() == first


def test_umbrella_discovery_skips_deps_build_test_and_hidden(elixir_fixtures: Path) -> None:
    projects = find_mix_projects(elixir_fixtures / "umbrella")
    assert [p.mix_file for p in projects] == [
        "apps/shop_api/mix.exs",
        "apps/shop_core/mix.exs",
        "apps/shop_util/mix.exs",
        "mix.exs",
    ]
    root = projects[-1]
    assert root.is_umbrella
    assert root.apps_path == "apps"
    api = projects[0]
    assert (api.otp_app, api.application_module) == ("shop_api", "ShopApi.Application")
    assert [(d.name, d.in_umbrella, d.path) for d in api.deps] == [
        ("shop_core", False, "../shop_core"),
        ("shop_util", True, None),
        ("finch", False, None),
    ]
    assert projects[2].application_module is None
    phoenix = find_mix_projects(elixir_fixtures / "phoenix")
    assert [p.mix_file for p in phoenix] == ["mix.exs"]


def test_mix_attribute_app_name(elixir_fixtures: Path) -> None:
    (single,) = find_mix_projects(elixir_fixtures / "single")
    assert single.otp_app == "counter"
    assert single.mod_location.line == 11


def test_to_dict_shape(elixir_fixtures: Path) -> None:
    data = analyse(elixir_fixtures / "phoenix").to_dict()
    (app,) = data["applications"]
    assert app["mix_file"] == "mix.exs"
    assert app["file"] == "lib/my_blog/application.ex"
    telemetry = app["children"][0]
    assert telemetry["children"][0]["module"] == ":telemetry_poller"
    assert telemetry["children"][0]["file"] == "lib/my_blog_web/telemetry.ex"
    assert data["diagnostics"] == []
