"""A broken configuration is a finding with file:line:col, and the checks go on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.checks import run_checks
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.project import load_project
from tests.conftest import REPO

SHOP = REPO / "tests/fixtures/projects/shop"
GHOST_TREE = "\n```text\nshop\n|-- Shop.Repo\n`-- Shop.Ghost\n```\n"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    project = tmp_path / "shop"
    shutil.copytree(SHOP, project)
    runtime = project / "docs/architecture/runtime.md"
    runtime.write_text(runtime.read_text(encoding="utf-8") + GHOST_TREE, encoding="utf-8")
    return project


def _codes(project: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in run_checks(load_project(project)):
        found.setdefault(d.code, []).append(str(d.location))
    return found


def test_unquoted_colon_in_nav_leaves_out_nav_and_keeps_the_drift_findings(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = shop / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "nav:" in text
    broken = text.replace("nav:\n", "nav:\n  - Getting started: Setup: index.md\n", 1)
    config.write_text(broken, encoding="utf-8")
    line = broken.split("\n").index("  - Getting started: Setup: index.md") + 1
    found = _codes(shop)
    assert found["DG701"] == [f"mkdocs.yml:{line}:27"]
    assert "DG401" in found  # the hand-written tree is still compared with the code
    project = load_project(shop)
    assert project.nav is None  # the files stand in for the nav
    assert "`nav` left out" in project.problems[0].message
    # Every output format carries it; configuration findings fail with 1, not 2.
    assert main(["check", str(shop)]) == 1
    assert f"mkdocs.yml:{line}:27: DG701 invalid YAML" in capsys.readouterr().out
    assert main(["check", str(shop), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (yaml_error,) = [d for d in report if d["code"] == "DG701"]
    assert (yaml_error["file"], yaml_error["line"], yaml_error["column"]) == (
        "mkdocs.yml",
        line,
        27,
    )
    assert main(["check", str(shop), "--format", "github"]) == 1
    assert f"::error file=mkdocs.yml,line={line},col=27,title=DG701::" in (capsys.readouterr().out)


def test_wrong_settings_fall_back_to_defaults(shop: Path) -> None:
    config = shop / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "use_directory_urls: maybe\nsite_urll: https://x.test/\n",
        encoding="utf-8",
    )
    (shop / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.docgen]\nplans = "docs/*.md"\nelixr = 1\n',
        encoding="utf-8",
    )
    found = _codes(shop)
    wrong_type = "mkdocs.yml:" + _line(config, "use_directory_urls") + ":1"
    assert found["DG703"] == [wrong_type, "pyproject.toml:5"]
    assert found["DG702"] == ["pyproject.toml:6"]
    assert found["DG704"] == ["mkdocs.yml:" + _line(config, "site_urll") + ":1"]
    assert "DG401" in found


def test_invalid_toml_and_a_non_mapping_extra_docgen(shop: Path) -> None:
    (shop / "pyproject.toml").write_text("[tool.docgen]\nplans = [\n", encoding="utf-8")
    config = shop / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "extra:\n  docgen: [a, b]\n", encoding="utf-8"
    )
    found = _codes(shop)
    assert [w.split(":")[0] for w in found["DG701"]] == ["pyproject.toml"]
    assert found["DG703"] == ["mkdocs.yml:" + _line(config, "  docgen") + ":3"]
    assert "DG401" in found


def _line(path: Path, start: str) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    return str(next(n for n, text in enumerate(lines, 1) if text.startswith(start)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutation_of_mkdocs_yml_gives_findings_not_exceptions(
    shop: Path, data: st.DataObject
) -> None:
    original = (SHOP / "mkdocs.yml").read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(original)))
    cut = data.draw(st.integers(0, 12))
    noise = data.draw(st.text(alphabet=": -[]{}\t\n'\"&*!%@`#|>", max_size=6))
    mutated = original[:at] + noise + original[at + cut :]
    (shop / "mkdocs.yml").write_text(mutated, encoding="utf-8")
    try:
        found = run_checks(load_project(shop))
    except DocgenError:
        return  # a refusal with a message (a path outside the root) is allowed
    lines = mutated.split("\n")
    for diagnostic in found:
        assert diagnostic.location is not None
        if diagnostic.location.path == "mkdocs.yml":
            assert 1 <= diagnostic.location.line <= len(lines)


def test_env_tags_resolve_as_mkdocs_resolves_them(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``!ENV [NAME, default]`` is the variable when set, else the default; real
    sites use it for site_name and site_url, and it is not a wrong type."""
    config = shop / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "site_name: Shop", 'site_name: !ENV [SHOP_SITE_NAME, "Shop docs"]'
    )
    config.write_text(text + "site_url: !ENV SHOP_SITE_URL\n", encoding="utf-8")
    monkeypatch.delenv("SHOP_SITE_NAME", raising=False)
    monkeypatch.delenv("SHOP_SITE_URL", raising=False)
    project = load_project(shop)
    assert project.problems == ()
    assert project.config["site_name"] == "Shop docs"
    assert project.config["site_url"] is None
    monkeypatch.setenv("SHOP_SITE_NAME", "Shop (staging)")
    monkeypatch.setenv("SHOP_SITE_URL", "https://docs.example/")
    project = load_project(shop)
    assert project.config["site_name"] == "Shop (staging)"
    assert project.config["site_url"] == "https://docs.example/"
    assert "DG703" not in _codes(shop)
