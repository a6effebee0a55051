"""``docgen check`` in-process: formats, exit codes, and the real repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from textwrap import dedent

import pytest

from docgen.cli import github_annotation, main
from docgen.diagnostics import Diagnostic, Location, Severity

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "docs").mkdir(parents=True)
    shutil.copytree(REPO / "tests/fixtures/elixir/umbrella", root / "beam")
    (root / "docs/index.md").write_text(
        dedent("""\
        # Home

        See [the guide](guide.md) and [nowhere](missing.md).
        """),
        encoding="utf-8",
    )
    (root / "docs/guide.md").write_text(
        "# Guide\n\nBack [home](index.md#home).\n", encoding="utf-8"
    )
    (root / "mkdocs.yml").write_text(
        dedent("""\
        site_name: t
        nav:
          - index.md
          - guide.md
        extra:
          docgen:
            elixir_path: beam
            boundaries:
              shop_util: []
              shop_api: [shop_core]
        """),
        encoding="utf-8",
    )
    return root


def test_text_report_and_exit_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project)]) == 1
    out = capsys.readouterr()
    assert "docs/index.md:3:" in out.out and "DG301" in out.out
    assert "beam/apps/shop_api/mix.exs:10:" in out.out and "DG501" in out.out
    assert "error(s)" in out.err


def test_json_and_github_formats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    codes = {(d["code"], d["file"]) for d in data}
    assert ("DG301", "docs/index.md") in codes and ("DG501", "beam/apps/shop_api/mix.exs") in codes
    assert set(data[0]) >= {"code", "severity", "file", "line", "column", "message", "hint"}
    assert main(["check", str(project), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::error file=docs/index.md,line=3,") for line in lines)


def test_exit_zero_strict_and_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project), "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["check", str(project), "--only", "boundaries"]) == 1
    out = capsys.readouterr().out
    assert "DG501" in out and "DG301" not in out
    (project / "docs/index.md").write_text("# Home\n\n[guide](guide.md)\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: t\nnav:\n  - index.md\n", encoding="utf-8")
    # Only a warning is left (guide.md is not in nav): fails with --strict only.
    assert main(["check", str(project), "--only", "links"]) == 0
    assert main(["check", str(project), "--only", "links", "--strict"]) == 1


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project), "--only", "spelling"]) == 2
    assert "docgen: error: unknown check family spelling" in capsys.readouterr().err
    assert main(["check", str(project / "nope")]) == 2


def test_a_configuration_problem_is_a_finding_not_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mkdocs.yml").write_text("extra:\n  docgen:\n    elixr: beam\n", encoding="utf-8")
    assert main(["check", str(project)]) == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:3:5: DG702 mkdocs.yml extra.docgen: elixr is not a docgen setting" in out


def test_github_annotation_escaping() -> None:
    diagnostic = Diagnostic(
        "DG302", Severity.WARNING, Location("docs/a,b.md", 4, 7), "50% broken:\nsecond line", "hint"
    )
    assert github_annotation(diagnostic) == (
        "::warning file=docs/a%2Cb.md,line=4,col=7,title=DG302::50%25 broken:%0Asecond line%0Ahint"
    )


def test_repository_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(REPO), "--strict"]) == 0, capsys.readouterr().out
