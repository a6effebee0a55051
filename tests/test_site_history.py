"""The site shows what changed in the runtime: ``supervision_tree(since=…)``,
``tree_changes(…)`` and ``phase_changes()``, built by real MkDocs in a real git
repository; a revision that cannot be read is a message and a warning, never a crash.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import zensical_build
from tests.gitrepo import History

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("git_exe")]

MKDOCS = """\
site_name: Ledger
docs_dir: docs
repo_url: https://git.example.com/acme/ledger
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
plugins:
  - macros:
      modules: [docgen.macros]
      render_by_default: false
      on_error_fail: true
extra:
  docgen:
    elixir_path: beam
nav:
  - Home: index.md
  - Plans:
      - plans/PHASE_1_EXECUTION_PLAN.md
      - plans/PHASE_2_EXECUTION_PLAN.md
"""

INDEX = """\
---
render_macros: true
---
# Runtime

{{{{ supervision_tree(since="{since}") }}}}

## Since the start

{{{{ tree_changes("start") }}}}
"""

PLAN = """\
---
render_macros: true
---
# Phase {n} Execution Plan

## Tasks
{items}

## What this phase changed in the runtime

{{{{ phase_changes() }}}}
"""

MIX = """\
defmodule Ledger.MixProject do
  use Mix.Project

  def project, do: [app: :ledger, version: "0.1.0", deps: []]

  def application, do: [mod: {Ledger.Application, []}]
end
"""

APPLICATION = """\
defmodule Ledger.Application do
  use Application

  def start(_type, _args) do
    children = [
{children}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Ledger.Supervisor)
  end
end
"""


def _server(module: str, options: str = "") -> str:
    return (
        f"defmodule {module} do\n  use GenServer{options}\n\n"
        "  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)\n"
        "  def init(opts), do: {:ok, opts}\nend\n"
    )


def _children(*names: str) -> str:
    return ",\n".join(f"      {n}" for n in names)


def _plan(n: int, *done: bool) -> str:
    items = "\n".join(f"- [{'x' if d else ' '}] Task {k}" for k, d in enumerate(done, 1))
    return PLAN.format(n=n, items=items)


def _write_site(h: History, since: str) -> None:
    h.write("mkdocs.yml", MKDOCS)
    h.write("docs/index.md", INDEX.format(since=since))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, git_exe: str) -> History:
    h = History(tmp_path_factory.mktemp("history-site") / "ledger")
    _write_site(h, "phase:1")
    h.write("beam/mix.exs", MIX)
    h.write(
        "beam/lib/ledger/application.ex",
        APPLICATION.format(
            children=_children("{Registry, keys: :unique, name: Ledger.Registry}", "Ledger.Cache")
            + ",\n      Ledger.Feed"
        ),
    )
    for module in ("Ledger.Cache", "Ledger.Feed", "Ledger.Pricer", "Ledger.Ticker"):
        h.write(f"beam/lib/ledger/{module.split('.')[-1].lower()}.ex", _server(module))
    h.write("docs/plans/PHASE_1_EXECUTION_PLAN.md", _plan(1, False, False))
    h.write("docs/plans/PHASE_2_EXECUTION_PLAN.md", _plan(2, False))
    h.commit("start")

    h.write(
        "beam/lib/ledger/application.ex",
        APPLICATION.format(
            children=_children(
                "{Registry, keys: :unique, name: Ledger.Registry}",
                "Ledger.Cache",
                "Ledger.Feed",
                "Ledger.Pricer",
            )
        ),
    )
    h.write("docs/plans/PHASE_1_EXECUTION_PLAN.md", _plan(1, True, True))
    h.commit("phase-1-done")

    h.write(
        "beam/lib/ledger/application.ex",
        APPLICATION.format(
            children=_children(
                "{Registry, keys: :unique, name: Ledger.Registry}",
                "Ledger.Feed",
                "Ledger.Pricer",
                "Ledger.Ticker",
            )
        ),
    )
    h.write("beam/lib/ledger/feed.ex", _server("Ledger.Feed", ", restart: :temporary"))
    h.commit("phase-2-work")
    return h


def _build(root: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)]
    return subprocess.run(
        [*args, "--strict"] if strict else args,
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def site(project: History, tmp_path_factory: pytest.TempPathFactory, dot_exe: str) -> Path:
    out = tmp_path_factory.mktemp("history-site-out")
    done = _build(project.root, out)
    assert done.returncode == 0, done.stderr
    return out


def test_diagram_marks_added_removed_and_changed_children(site: Path) -> None:
    html = (site / "index.html").read_text()
    assert "compared with phase:1" in html and "1 added, 1 removed, 1 changed" in html
    figure = html[html.index('<figure class="dg-diagram') :]
    svg = figure[: figure.index("</svg>")].replace("&#45;", "-")
    ticker = re.search(r'class="node dg-node dg-kind-worker dg-added".*?</g>', svg, re.S)
    assert ticker is not None and "Ledger.Ticker" in ticker.group(0)
    assert "+ added since phase:1" in ticker.group(0)  # a symbol and a word, not colour alone
    ghost = re.search(r'class="node dg-node dg-kind-worker dg-removed".*?</g>', svg, re.S)
    assert ghost is not None and "Ledger.Cache" in ghost.group(0)
    assert 'text-decoration="line-through"' in ghost.group(0)
    assert "stroke-dasharray" in ghost.group(0)
    changed = re.search(
        r'class="node dg-node dg-kind-worker dg-temporary dg-changed".*?</g>', svg, re.S
    )
    assert changed is not None and "Ledger.Feed" in changed.group(0)
    assert "changed since phase:1: restart" in changed.group(0)
    # the ghost sits where Cache was: between the registry and Feed
    order = [n for n in ("Ledger.Registry", "Ledger.Cache", "Ledger.Feed") if n in svg]
    assert order == ["Ledger.Registry", "Ledger.Cache", "Ledger.Feed"]
    assert svg.index("Ledger.Registry") < svg.index("Ledger.Cache") < svg.index("Ledger.Feed")
    legend = html[html.index('class="dg-legend"') :]
    for words in ("added since phase:1", "changed since phase:1", "removed since phase:1"):
        assert words in legend


def test_tree_changes_table_links_to_the_source(site: Path) -> None:
    html = (site / "index.html").read_text()
    table = html[html.index('class="dg-changes"') :]
    table = table[: table.index("</table>")]
    assert "From start (" in table and "to the working tree." in table
    rows = re.findall(r'<tr class="dg-(\w+)"><td>ledger</td><td><code>([^<]+)</code>', table)
    assert rows == [  # in tree order, the removed child where it was
        ("removed", "Ledger.Cache"),
        ("changed", "Ledger.Feed"),
        ("added", "Ledger.Pricer"),
        ("added", "Ledger.Ticker"),
    ]
    assert "restart: permanent → temporary" in table
    assert (
        'href="https://git.example.com/acme/ledger/blob/main/beam/lib/ledger/application.ex#L'
        in table
    )
    assert "was beam/lib/ledger/application.ex:" in table  # a removed child: where it was


def test_phase_pages_show_what_each_phase_changed(site: Path, project: History) -> None:
    one = (site / "plans/PHASE_1_EXECUTION_PLAN/index.html").read_text()
    done = project.commits["phase-1-done"][:8]
    assert (
        f"From the first commit, which added the plan to the completion of Phase 1 ({done})" in one
    )
    assert "Ledger.Pricer" in one and "Ledger.Cache" in one  # everything is new in phase 1
    two = (site / "plans/PHASE_2_EXECUTION_PLAN/index.html").read_text()
    assert f"From the completion of Phase 1 ({done}) to the working tree" in two
    table = two[two.index('class="dg-changes"') :]
    assert "Ledger.Ticker" in table and "Ledger.Cache" in table and "Ledger.Pricer" not in table


def test_an_unknown_revision_is_a_message_and_a_warning(
    project: History, tmp_path: Path, dot_exe: str
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(project.root, copy)
    (copy / "docs/index.md").write_text(INDEX.format(since="v9.9"))
    strict = _build(copy, tmp_path / "strict")
    assert strict.returncode != 0
    assert "unknown revision 'v9.9'" in strict.stderr and "Traceback" not in strict.stderr
    loose = _build(copy, tmp_path / "loose", strict=False)
    assert loose.returncode == 0, loose.stderr
    html = (tmp_path / "loose/index.html").read_text()
    assert "No comparison with v9.9" in html and "<svg" in html  # today's tree still drawn


def test_no_git_repository_is_a_message_and_a_warning(
    project: History, tmp_path: Path, dot_exe: str
) -> None:
    copy = tmp_path / "exported"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".git"))
    loose = _build(copy, tmp_path / "out", strict=False)
    assert loose.returncode == 0, loose.stderr
    assert "not inside a git repository" in loose.stderr
    assert "Traceback" not in loose.stderr
    html = (tmp_path / "out/index.html").read_text()
    assert "No comparison with phase:1" in html


def test_zensical_shows_the_same_changes(project: History, tmp_path: Path, dot_exe: str) -> None:
    copy = tmp_path / "zensical"
    shutil.copytree(project.root, copy)
    done = zensical_build(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (copy / "site/index.html").read_text()
    assert "compared with phase:1" in html and "1 added, 1 removed, 1 changed" in html
    assert "+ added since phase:1" in html and 'text-decoration="line-through"' in html
    two = (copy / "site/plans/PHASE_2_EXECUTION_PLAN/index.html").read_text()
    assert "From the completion of Phase 1" in two and "Ledger.Ticker" in two
