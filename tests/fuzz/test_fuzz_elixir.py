"""Property tests of the Elixir analyser: generated application modules and byte-level
mutations of the fixture projects' real files.

Properties, for every input: ``analyse`` raises nothing (the analysed code is input,
not a reason to stop); two cold analyses give the same result and a warm one (after
another version of the file) gives what a cold one gives; every finding names a file
of the project and a line inside it; the tree renders to DOT and to text.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.elixir import ParseCache, analyse
from docgen.render.dot import app_graph_dot, supervision_dot
from docgen.render.text import tree_text
from tests.conftest import REPO
from tests.fuzz.located import assert_located, scaled

FIXTURES = REPO / "tests/fixtures/elixir"
PROJECTS = ("single", "umbrella", "phoenix")

MIX = """defmodule Fuzz.MixProject do
  use Mix.Project

  def project, do: [app: :fuzz, version: "0.1.0", deps: []]

  def application, do: [mod: {Fuzz.Application, []}]
end
"""

# ------------------------------------------------------------------ Elixir terms
ALIASES = st.sampled_from(
    [
        "Fuzz.Worker",
        "Fuzz.Sup",
        "Fuzz.Cache",
        "Registry",
        "Task.Supervisor",
        "Phoenix.PubSub",
        "DynamicSupervisor",
        "Agent",
        "Fuzz.Missing",
        "__MODULE__",
        "Fuzz.Worker.Deep",
    ]
)
WEIRD = st.text(
    st.sampled_from([*list("ab_ \"'\\<>&{}[]()#\n\t:;,.|%~@="), "é", "🎉", "\u202e", "א", "\x00"]),
    max_size=12,
)


def _quoted(text: str) -> str:
    """``text`` as an Elixir string literal's inside (escapes for \\, ", #{ and NUL)."""
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("#", "\\#"), ("\x00", "\\0")):
        text = text.replace(raw, escaped)
    return text


ATOMS = st.one_of(
    st.from_regex(r":[a-z][a-z0-9_]{0,8}[?!]?", fullmatch=True),
    WEIRD.map(lambda s: ':"' + _quoted(s) + '"'),
)
STRINGS = WEIRD.map(lambda s: '"' + _quoted(s) + '"')
SCALARS = st.one_of(
    ALIASES,
    ATOMS,
    STRINGS,
    st.integers(-5, 10**20).map(str),
    st.sampled_from(["nil", "true", "false", "[]", "%{}", "@children", "opts", "_", "..."]),
)
GARBAGE = st.sampled_from(["(", ")", "do", "end", "fn ->", ",", "[", "}", "<<", '"', "#{", "\\"])


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    listed = st.lists(inner, max_size=4).map(", ".join)
    return st.one_of(
        listed.map(lambda s: "[" + s + "]"),
        listed.map(lambda s: "{" + s + "}"),
        st.tuples(ALIASES, inner).map(lambda t: "{{{}, {}}}".format(*t)),
        st.tuples(ALIASES, ATOMS, inner).map(lambda t: "{{{}, name: {}, opts: {}}}".format(*t)),
        st.tuples(ATOMS, inner).map(
            lambda t: "%{{id: {}, start: {{Fuzz.Worker, :start_link, [{}]}}}}".format(*t)
        ),
        st.tuples(ALIASES, inner).map(lambda t: "Supervisor.child_spec({}, id: {})".format(*t)),
        st.tuples(inner, inner).map(lambda t: f"if {t[0]} do\n {t[1]}\n else\n {t[0]}\n end"),
        st.tuples(inner, inner).map(lambda t: "{} ++ {}".format(*t)),
        inner.map(lambda s: f"for x <- [1, 2] do\n {{Fuzz.Worker, {s}}}\n end"),
        inner.map(lambda s: f"helper({s})"),
        inner.map(lambda s: f"Application.get_env(:fuzz, :key, {s})"),
        inner.map(lambda s: f"case node() do\n :a -> {s}\n _ -> [] end"),
        inner.map(lambda s: f"{s} |> Keyword.put(:k, 1)"),
    )


TERMS = st.recursive(SCALARS, _compound, max_leaves=12)


@st.composite
def application_module(draw: st.DrawFn) -> str:
    children = draw(st.lists(TERMS, max_size=8))
    if children and draw(st.integers(0, 9)) == 0:  # now and then, a syntax error
        children.insert(draw(st.integers(0, len(children))), draw(GARBAGE))
    strategy = draw(
        st.sampled_from([":one_for_one", ":rest_for_one", ":one_for_all", "s", ":bogus"])
    )
    attribute = draw(TERMS)
    helper = draw(TERMS)
    start = draw(
        st.sampled_from(
            [
                "Supervisor.start_link(children, strategy: {strategy}, name: Fuzz.Supervisor)",
                "Supervisor.start_link(children, opts)",
                "Fuzz.Sup.start_link(children)",
                "{:ok, self()}",
            ]
        )
    ).replace("{strategy}", strategy)
    body = ",\n      ".join(children)
    return f"""defmodule Fuzz.Application do
  use Application
  @children {attribute}

  def start(_type, _args) do
    children = [
      {body}
    ]
    opts = [strategy: {strategy}]
    {start}
  end

  defp helper(x), do: {helper}
  defp helper(_x, _y), do: []
end
"""


SUPERVISOR = st.builds(
    lambda init, kids: (
        f"""defmodule Fuzz.Sup do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  @impl true
  def init(_arg) do
    Supervisor.init([{kids}], strategy: {init})
  end
end
"""
    ),
    st.sampled_from([":one_for_one", ":one_for_all", "x"]),
    st.lists(TERMS, max_size=4).map(", ".join),
)


@contextmanager
def project_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="docgen-fuzz-") as name:
        yield Path(name)


def check(root: Path) -> dict[str, object]:
    """The properties; returns the cold analysis as a dict."""
    first = analyse(root, ParseCache())
    second = analyse(root, ParseCache())
    assert first.to_dict() == second.to_dict()
    assert_located(first.diagnostics, root)
    for app in first.applications:
        assert app.mix_file and (root / app.mix_file).is_file()
        for child in app.walk():
            assert (root / child.location.path).is_file()
    assert "digraph" in supervision_dot(first)
    assert "digraph" in app_graph_dot(first)
    tree_text(first)
    json.dumps(first.to_dict())
    return first.to_dict()


@given(application_module(), SUPERVISOR)
def test_generated_application_modules(app: str, sup: str) -> None:
    with project_dir() as root:
        (root / "mix.exs").write_text(MIX, encoding="utf-8")
        (root / "lib/fuzz").mkdir(parents=True)
        (root / "lib/fuzz/application.ex").write_text(app, encoding="utf-8")
        (root / "lib/fuzz/sup.ex").write_text(sup, encoding="utf-8")
        (root / "lib/fuzz/worker.ex").write_text(
            "defmodule Fuzz.Worker do\n  use GenServer\nend\n", encoding="utf-8"
        )
        check(root)


# ------------------------------------------------------------------ mutations
def _fixture_files() -> list[tuple[str, str]]:
    found = []
    for project in PROJECTS:
        for path in sorted((FIXTURES / project).rglob("*")):
            rel = path.relative_to(FIXTURES / project)
            if path.suffix in {".ex", ".exs"} and rel.parts[0] not in {"deps", "_build"}:
                found.append((project, rel.as_posix()))
    return found


FIXTURE_FILES = _fixture_files()
MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate", "splice"]),
    st.floats(0, 1, allow_nan=False),
    st.binary(min_size=1, max_size=8)
    | st.sampled_from(
        [
            b"(",
            b")",
            b"[",
            b"]",
            b"{",
            b"}",
            b"do",
            b" end",
            b"\xff",
            b"\xc3",
            b'"',
            b"\n",
            b"#",
            b"\x00",
            b"\r\n",
            b"\xef\xbb\xbf",
        ]
    ),
)


def mutate(raw: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    data = bytearray(raw)
    for op, where, extra in mutations:
        at = int(where * len(data))
        if op == "flip" and data:
            data[min(at, len(data) - 1)] ^= extra[0] or 1
        elif op == "insert":
            data[at:at] = extra
        elif op == "delete":
            del data[at : at + len(extra) * 4]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[at : at + 200]
        elif op == "splice":  # a block moved elsewhere
            block = data[at : at + 60]
            del data[at : at + 60]
            data[int(where * 7919) % (len(data) + 1) :][:0] = block
    return bytes(data)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("fuzz-fixtures")
    out = {}
    for project in PROJECTS:
        shutil.copytree(FIXTURES / project, base / project, symlinks=True)
        out[project] = base / project
    return out


@settings(max_examples=scaled(2))
@given(st.sampled_from(FIXTURE_FILES), st.lists(MUTATION, min_size=1, max_size=5))
def test_mutated_fixture_files(
    copies: dict[str, Path], target: tuple[str, str], mutations: list[tuple[str, float, bytes]]
) -> None:
    project, rel = target
    root = copies[project]
    path = root / rel
    original = (FIXTURES / project / rel).read_bytes()
    warm = ParseCache()
    analyse(root, warm)  # the cache holds the original file
    try:
        path.write_bytes(mutate(original, mutations))
        cold = check(root)
        assert analyse(root, warm).to_dict() == cold  # a rebuild after the edit
    finally:
        path.write_bytes(original)
    assert analyse(root, warm).to_dict() == analyse(root, ParseCache()).to_dict()
