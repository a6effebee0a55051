"""Supervision trees through git history: ``docgen tree --rev``, ``docgen diff``, ``phase:N``.

A real umbrella is built commit by commit with real ``git`` (a child added, one
removed, one moved into a nested supervisor, one made conditional, a registered name
renamed, a strategy changed, an application added, a file deleted, a file renamed
unchanged, a plan completed). Every revision read from the object store must equal
the analysis of a real checkout of that commit, and the diffs must list exactly what
each commit did.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.elixir import analyse
from docgen.elixir.diff import diff_analyses
from docgen.elixir.revision import analyse_commit
from docgen.elixir.syntax import ParseCache
from docgen.git import Repo
from tests.gitrepo import History

pytestmark = pytest.mark.usefixtures("git_exe")

ROOT_MIX = """\
defmodule Ledger.Umbrella.MixProject do
  use Mix.Project

  def project do
    [apps_path: "apps", version: "0.1.0", deps: []]
  end
end
"""


def _app_mix(app: str, module: str) -> str:
    return f"""\
defmodule {module}.MixProject do
  use Mix.Project

  def project do
    [app: :{app}, version: "0.1.0", deps: []]
  end

  def application do
    [mod: {{{module}.Application, []}}, extra_applications: [:logger]]
  end
end
"""


def _application(children: str, strategy: str = "one_for_one") -> str:
    return f"""\
defmodule Ledger.Application do
  @moduledoc "Starts the ledger."
  use Application

  @impl true
  def start(_type, _args) do
    children = [
{children}
    ]

    Supervisor.start_link(children, strategy: :{strategy}, name: Ledger.Supervisor)
  end
end
"""


def _workers(children: str) -> str:
    return f"""\
defmodule Ledger.Workers.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [
{children}
    ]

    Supervisor.init(children, strategy: :one_for_one, max_restarts: 10)
  end
end
"""


def _genserver(module: str, extra: str = "") -> str:
    return f"""\
defmodule {module} do
  use GenServer{extra}

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts), do: {{:ok, opts}}
end
"""


PLAN = """\
# Phase 1 Execution Plan: the ledger

## Tasks
- [{a}] Registry for accounts
- [{b}] Workers supervisor
- [{c}] Pricing in the workers tree
"""

TOP = [
    "      {Registry, keys: :unique, name: Ledger.Registry}",
    "      Ledger.Cache",
    "      {Ledger.Feed, name: :feed}",
    "      Ledger.Workers.Supervisor",
]


def _top(lines: list[str]) -> str:
    return ",\n".join(lines)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, git_exe: str) -> History:
    h = History(tmp_path_factory.mktemp("ledger"))
    h.write("mix.exs", ROOT_MIX)
    h.write("apps/ledger/mix.exs", _app_mix("ledger", "Ledger"))
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(TOP)))
    h.write("apps/ledger/lib/ledger/cache.ex", _genserver("Ledger.Cache"))
    h.write("apps/ledger/lib/ledger/feed.ex", _genserver("Ledger.Feed", ", restart: :transient"))
    h.write("apps/ledger/lib/ledger/pricer.ex", _genserver("Ledger.Pricer"))
    h.write("apps/ledger/lib/ledger/janitor.ex", _genserver("Ledger.Workers.Janitor"))
    h.write("apps/ledger/lib/ledger/workers.ex", _workers("      Ledger.Workers.Janitor"))
    h.write("docs/plans/PHASE_1_EXECUTION_PLAN.md", PLAN.format(a=" ", b=" ", c=" "))
    h.commit("start")

    top = [*TOP, "      Ledger.Pricer"]
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top)))
    h.write("docs/plans/PHASE_1_EXECUTION_PLAN.md", PLAN.format(a="x", b=" ", c=" "))
    h.commit("add-child")

    top.remove("      Ledger.Cache")
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top)))
    h.commit("remove-child")

    top.remove("      Ledger.Pricer")
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top)))
    h.write(
        "apps/ledger/lib/ledger/workers.ex",
        _workers("      Ledger.Workers.Janitor,\n      Ledger.Pricer"),
    )
    h.write("docs/plans/PHASE_1_EXECUTION_PLAN.md", PLAN.format(a="x", b="x", c="x"))
    h.commit("move-child")

    feed = "      if(Application.get_env(:ledger, :feed, true), do: {Ledger.Feed, name: :feed})"
    top[top.index("      {Ledger.Feed, name: :feed}")] = feed
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top)))
    h.commit("conditional")

    top[top.index(feed)] = feed.replace(":feed}", ":ticker}")
    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top)))
    h.commit("rename-name")

    h.write("apps/ledger/lib/ledger/application.ex", _application(_top(top), "rest_for_one"))
    h.commit("strategy")

    h.write("apps/billing/mix.exs", _app_mix("billing", "Billing"))
    h.write(
        "apps/billing/lib/billing/application.ex",
        _application("      Billing.Invoicer", "one_for_all").replace("Ledger", "Billing"),
    )
    h.write("apps/billing/lib/billing/invoicer.ex", _genserver("Billing.Invoicer"))
    h.commit("add-app")

    (h.root / "apps/ledger/lib/ledger/janitor.ex").unlink()
    h.commit("delete-file")

    h.git("mv", "apps/ledger/lib/ledger/feed.ex", "apps/ledger/lib/ledger/ticker_feed.ex")
    h.commit("rename-file")
    return h


ORDER = [
    "start",
    "add-child",
    "remove-child",
    "move-child",
    "conditional",
    "rename-name",
    "strategy",
    "add-app",
    "delete-file",
    "rename-file",
]


def _checkout(history: History, label: str, into: Path) -> Path:
    """A real checkout of one commit, in a clone of its own."""
    subprocess.run(
        ["git", "clone", "-q", "--no-hardlinks", str(history.root), str(into)], check=True
    )
    subprocess.run(["git", "-C", str(into), "checkout", "-q", history.commits[label]], check=True)
    return into


def _json(value: Any) -> str:
    return json.dumps(value, indent=1, sort_keys=True)


@pytest.mark.parametrize("label", ORDER)
def test_every_revision_equals_the_analysis_of_its_checkout(
    history: History, label: str, tmp_path: Path
) -> None:
    checkout = _checkout(history, label, tmp_path / "checkout")
    expected = analyse(checkout, ParseCache()).to_dict()
    repo = Repo(history.root)
    found = analyse_commit(repo, history.commits[label], "", ParseCache()).to_dict()
    assert _json(found) == _json(expected)
    # a folder inside the revision: paths are relative to it, as for a checkout
    inside = analyse_commit(repo, history.commits[label], "apps", ParseCache()).to_dict()
    assert _json(inside) == _json(analyse(checkout / "apps", ParseCache()).to_dict())


def _diff(history: History, a: str, b: str) -> dict[str, Any]:
    repo = Repo(history.root)
    cache = ParseCache()
    before = analyse_commit(repo, history.commits[a], "", cache)
    after = analyse_commit(repo, history.commits[b], "", cache)
    return diff_analyses(before, after, history.commits[a], history.commits[b]).to_dict()


def _ledger(data: dict[str, Any], app: str = "ledger") -> dict[str, Any]:
    return next(a for a in data["applications"] if a["otp_app"] == app)


def _ids(nodes: list[dict[str, Any]]) -> list[tuple[tuple[str, ...], str | None, str | None]]:
    return [(tuple(n["path"]), n["module"], n["name"]) for n in nodes]


APP = ("Ledger.Application",)
WORKERS = ("Ledger.Application", "Ledger.Workers.Supervisor")


def test_each_commit_diffs_to_exactly_what_it_did(history: History) -> None:
    step = {b: _diff(history, a, b) for a, b in itertools.pairwise(ORDER)}

    added = _ledger(step["add-child"])
    assert added["status"] == "changed"
    assert _ids(added["added"]) == [(APP, "Ledger.Pricer", None)]
    assert added["removed"] == []

    removed = _ledger(step["remove-child"])
    assert _ids(removed["removed"]) == [(APP, "Ledger.Cache", None)]
    assert removed["added"] == []

    moved = _ledger(step["move-child"])
    assert _ids(moved["removed"]) == [(APP, "Ledger.Pricer", None)]
    assert _ids(moved["added"]) == [(WORKERS, "Ledger.Pricer", None)]

    flipped = _ledger(step["conditional"])
    assert flipped["added"] == [] and flipped["removed"] == []
    feed = [c for c in flipped["changed"] if c["after"]["module"] == "Ledger.Feed"]
    assert len(feed) == 1 and "conditional" in feed[0]["fields"]
    assert feed[0]["before"]["conditional"] is False and feed[0]["after"]["conditional"] is True

    renamed = _ledger(step["rename-name"])
    assert _ids(renamed["removed"]) == [(APP, "Ledger.Feed", ":feed")]
    assert _ids(renamed["added"]) == [(APP, "Ledger.Feed", ":ticker")]

    strategy = _ledger(step["strategy"])
    assert strategy["added"] == [] and strategy["removed"] == []
    assert strategy["supervisor"]["fields"] == ["strategy"]
    assert strategy["supervisor"]["before"]["strategy"] == "one_for_one"
    assert strategy["supervisor"]["after"]["strategy"] == "rest_for_one"
    # under rest_for_one a crash of the registry now restarts everything after it
    changed = {c["after"]["module"]: c["fields"] for c in strategy["changed"]}
    assert changed["Registry"] == ["blast_radius"]

    app = step["add-app"]
    billing = _ledger(app, "billing")
    assert billing["status"] == "added"
    assert _ids(billing["added"]) == [(("Billing.Application",), "Billing.Invoicer", None)]
    assert _ledger(app)["status"] == "same"

    deleted = _ledger(step["delete-file"])
    assert deleted["added"] == [] and deleted["removed"] == []
    janitor = [c for c in deleted["changed"] if c["after"]["module"] == "Ledger.Workers.Janitor"]
    assert janitor and "kind" in janitor[0]["fields"]

    # a file renamed without change moves every line's file, and changes nothing
    assert all(a["status"] == "same" for a in step["rename-file"]["applications"])


def test_diff_json_has_exactly_the_documented_shape(history: History) -> None:
    data = _diff(history, "start", "add-app")
    assert list(data) == ["from", "to", "applications", "diagnostics"]
    assert data["from"] == history.commits["start"] and data["to"] == history.commits["add-app"]
    for app in data["applications"]:
        assert list(app)[:6] == [
            "otp_app",
            "application_module",
            "status",
            "added",
            "removed",
            "changed",
        ]
        assert app["status"] in ("added", "removed", "changed", "same")
        for node in [*app["added"], *app["removed"]]:
            assert "children" not in node and isinstance(node["path"], list)
        for change in app["changed"]:
            assert list(change) == ["before", "after", "fields"]
    tree = analyse_commit(Repo(history.root), history.commits["add-app"]).to_dict()
    child = _ledger(tree, "billing")["children"][0]
    node = _ledger(data, "billing")["added"][0]
    assert {k: v for k, v in node.items() if k != "path"} == {
        k: v for k, v in child.items() if k != "children"
    }


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_tree_rev_and_diff(
    history: History, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(history.root)
    code, out, _ = _run(["tree", "--rev", "start", "--format", "json"], capsys)
    assert code == 0
    assert [c["module"] for c in json.loads(out)["applications"][0]["children"]][1] == (
        "Ledger.Cache"
    )
    code, out, _ = _run(["tree", "apps", "--rev", "HEAD~9"], capsys)
    assert code == 0 and "Ledger.Cache" in out

    code, out, _ = _run(["diff", "add-child", "remove-child"], capsys)
    assert code == 0
    assert "- |-- Ledger.Cache (worker)" in out
    assert out.splitlines()[2].startswith("~ ledger (Ledger.Application")  # marked changed
    code, _, _ = _run(["diff", "add-child", "remove-child", "--exit-code"], capsys)
    assert code == 1
    code, out, _ = _run(["diff", "rename-file", "--exit-code"], capsys)  # against the worktree
    assert code == 0 and "no change to any supervision tree" in out
    code, out, _ = _run(["diff", "start", "add-child", "apps", "--format", "github"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "::notice file=apps/ledger/lib/ledger/application.ex,line=12,"
        "title=supervision tree%3A child added::ledger: Ledger.Pricer (worker) is started "
        "under Ledger.Application"
    ]
    code, _, err = _run(["diff", "no-such-rev"], capsys)
    assert code == 2 and "unknown revision 'no-such-rev'" in err
    code, _, err = _run(["tree", "--rev", "start", "nowhere"], capsys)
    assert code == 2 and "nowhere does not exist" in err


def test_reading_a_revision_leaves_the_working_tree_and_index_alone(history: History) -> None:
    index = history.root / ".git" / "index"
    status = history.git("status", "--porcelain")  # (git status itself may refresh the index)
    before = index.stat().st_mtime_ns, index.stat().st_size
    for label in ORDER:
        analyse_commit(Repo(history.root), history.commits[label], "", ParseCache())
    assert (index.stat().st_mtime_ns, index.stat().st_size) == before
    assert history.git("status", "--porcelain") == status
    assert len(history.git("worktree", "list").splitlines()) == 1


def test_a_no_checkout_clone(
    history: History,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clone = tmp_path / "bare-ish"
    subprocess.run(
        ["git", "clone", "-q", "--no-checkout", str(history.root), str(clone)], check=True
    )
    assert [p.name for p in clone.iterdir()] == [".git"]
    monkeypatch.chdir(clone)
    code, out, _ = _run(["tree", "--rev", "HEAD", "--format", "json"], capsys)
    assert code == 0
    checkout = _checkout(history, "rename-file", tmp_path / "checkout")
    assert _json(json.loads(out)) == _json(analyse(checkout, ParseCache()).to_dict())
    # PATH is read inside the revision: apps/ does not exist on disk here
    code, out, _ = _run(["tree", "apps", "--rev", "start"], capsys)
    assert code == 0 and "Ledger.Cache" in out
    # phase:N finds the plan in HEAD's tree when nothing is checked out
    code, out, _ = _run(["diff", "phase:1", "HEAD", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["from"] == history.commits["move-child"]
    assert [p.name for p in clone.iterdir()] == [".git"]


def test_phase_n_is_the_commit_where_the_plan_reached_done(
    history: History, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(history.root)
    code, out, _ = _run(["diff", "phase:1", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["from"] == history.commits["move-child"]
    code, _, err = _run(["diff", "phase:7"], capsys)
    assert code == 2 and "no plan of phase 7" in err and "phase:1" in err


def test_a_phase_that_never_completed_names_its_plan(tmp_path: Path) -> None:
    h = History(tmp_path / "repo")
    plan = PLAN.replace("Phase 1", "Phase 3")
    h.write("docs/plans/PHASE_3_EXECUTION_PLAN.md", plan.format(a="x", b=" ", c=" "))
    h.commit("one")
    h.write("docs/plans/PHASE_3_EXECUTION_PLAN.md", plan.format(a="x", b="x", c=" "))
    h.commit("two")
    from docgen.revisions import PhaseNotCompleteError, resolve

    with pytest.raises(PhaseNotCompleteError) as error:
        resolve(Repo(h.root), "phase:3", h.root, ["docs/plans/**/*.md"])
    assert "docs/plans/PHASE_3_EXECUTION_PLAN.md" in str(error.value)
    assert "2/3" in str(error.value)


def test_blobs_seen_before_are_neither_fetched_nor_parsed_again(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(history.root)
    cache = ParseCache()
    analyse_commit(repo, history.commits["start"], "", cache)
    parses = cache.parses
    fetched: list[list[str]] = []
    original: Callable[..., dict[str, bytes]] = repo.blobs

    def counting(oids: Any) -> dict[str, bytes]:
        wanted = list(oids)
        fetched.append(wanted)
        return original(wanted)

    monkeypatch.setattr(repo, "blobs", counting)
    analyse_commit(repo, history.commits["start"], "", cache)
    assert cache.parses == parses and fetched == [[]]
    analyse_commit(repo, history.commits["add-child"], "", cache)
    assert cache.parses == parses + 1  # only application.ex changed
    assert len(fetched[-1]) == 1


def test_unknown_revision_in_a_shallow_clone_says_so(history: History, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True
    )
    from docgen.git import UnknownRevisionError

    with pytest.raises(UnknownRevisionError) as error:
        Repo(clone).commit(history.commits["start"])
    assert "shallow clone" in str(error.value)


def test_a_submodule_in_the_revision_is_left_out_as_a_checkout_leaves_it(
    history: History, tmp_path: Path
) -> None:
    h = History(tmp_path / "with-submodule")
    h.write("mix.exs", _app_mix("ledger", "Ledger"))
    h.write("lib/ledger/application.ex", _application("      Ledger.Cache"))
    h.write("lib/ledger/cache.ex", _genserver("Ledger.Cache"))
    h.git("add", "-A")
    # a gitlink (mode 160000) under lib/, as `git submodule add` records one
    h.git("update-index", "--add", "--cacheinfo", f"160000,{history.commits['start']},lib/vendored")
    h.git("commit", "-q", "-m", "with a gitlink")
    h.git("tag", "with-gitlink")
    sha = h.commits["with-gitlink"] = h.git("rev-parse", "HEAD").strip()
    assert "160000 commit" in h.git("ls-tree", "-r", sha)
    found = analyse_commit(Repo(h.root), sha, "", ParseCache()).to_dict()
    assert [c["module"] for c in found["applications"][0]["children"]] == ["Ledger.Cache"]
    checkout = _checkout(h, "with-gitlink", tmp_path / "checkout")
    assert _json(found) == _json(analyse(checkout, ParseCache()).to_dict())
