"""The same site under MkDocs and Zensical: docgen's HTML is identical in both.

Both real engines build the real site (``conftest``); the fragments docgen emits
(diagrams, progress, roadmap, ownership, burn-up) are cut out of every page and
compared. Theme HTML around them differs between the engines and is not compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

PAGES = (
    "index.html",
    "plans/DECISIONGRAPH_BEAM_MASTERPLAN/index.html",
    "plans/PHASE_2_EXECUTION_PLAN/index.html",
    "architecture/BEAM_SUPERVISION_TREE/index.html",
    "architecture/BEAM_PROCESS_OWNERSHIP/index.html",
)
VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"})


class _Fragments(HTMLParser):
    """Outer HTML of every outermost element with a ``dg-…`` class."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.found: list[str] = []
        self._start: int | None = None
        self._depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self._start is not None:
            self._depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if any(c.startswith("dg-") for c in classes):
            self._start = self._offset()
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._start is None or tag in VOID:
            return
        self._depth -= 1
        if self._depth == 0:
            end = self.text.index(">", self._offset()) + 1
            self.found.append(self.text[self._start : end])
            self._start = None


def fragments(html: str) -> list[str]:
    parser = _Fragments(html)
    parser.feed(html)
    parser.close()
    return parser.found


def test_docgen_fragments_are_identical_under_both_engines(
    built_site: Path, zensical_site: Path
) -> None:
    compared = 0
    for rel in PAGES:
        mkdocs = fragments((built_site / rel).read_text(encoding="utf-8"))
        zensical = fragments((zensical_site / rel).read_text(encoding="utf-8"))
        assert mkdocs, f"no docgen fragment in {rel}"
        assert mkdocs == zensical, rel
        compared += len(mkdocs)
    kinds = " ".join(f[:80] for rel in PAGES for f in fragments(_read(built_site, rel)))
    for kind in ("dg-diagram", "dg-progress", "dg-roadmap", "dg-ownership", "dg-burnup"):
        assert kind in kinds, kind
    assert compared >= 12


def test_zensical_build_renders_live_content(zensical_site: Path) -> None:
    html = _read(zensical_site, "architecture/BEAM_SUPERVISION_TREE/index.html")
    assert html.count("<svg") >= 7
    assert "DecisionGraph.Projector.WorkerRegistry" in html
    assert "{{" not in html
    dev = re.sub(r"<[^>]+>", "", _read(zensical_site, "beam/development/index.html"))
    assert "{{Registry, keys: :unique}, 1}" in dev.replace("&#39;", "'")


def test_fragment_extractor_nests_and_skips_void_elements() -> None:
    html = (
        '<p>x</p><div class="dg-progress a"><div><br><span>1</span></div></div>'
        '<table class="dg-roadmap"><tr><td>a</td></tr></table>'
    )
    assert fragments(html) == [
        '<div class="dg-progress a"><div><br><span>1</span></div></div>',
        '<table class="dg-roadmap"><tr><td>a</td></tr></table>',
    ]


def _read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_macro_that_cannot_render_fails_the_build(
    tmp_path: Path, engine: str, dot_exe: str
) -> None:
    project = tmp_path / "shop"
    shutil.copytree(REPO / "tests/fixtures/projects/shop", project)
    page = project / "docs/architecture/runtime.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "{{ supervision_tree() }}", "{{ supervision_tree('nope') }}"
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0
    assert "no application 'nope' under elixir/ (found: shop)" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_settings_problem_stops_the_build_in_one_line(
    tmp_path: Path, engine: str, dot_exe: str
) -> None:
    """``elixir_path`` reaching outside the repository through a symlink is refused:
    one error line through the engine, no traceback, a failed build."""
    project = tmp_path / "shop"
    shutil.copytree(REPO / "tests/fixtures/projects/shop", project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "linked").symlink_to(outside)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "extra:\n  docgen:\n    elixir_path: linked\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", engine, "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if "elixir_path is invalid" in line]
    assert len(errors) == 1 and "outside the repository root" in errors[0]
    assert errors[0].startswith("ERROR")
