"""Hand-written supervision trees against the code (DG401–DG403), and the Markdown
helper they are read with."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.checks.drift import check_trees, parse_trees
from docgen.diagnostics import Diagnostic, Severity
from docgen.elixir import analyse
from docgen.elixir.models import Analysis
from docgen.markdown import CodeBlock, code_and_tables
from docgen.project import load_project
from docgen.render.text import tree_text

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
DRIFT = FIXTURES / "drift"


@pytest.fixture(scope="module")
def umbrella() -> Analysis:
    return analyse(FIXTURES / "elixir" / "umbrella")


@pytest.fixture(scope="module")
def findings(umbrella: Analysis) -> list[Diagnostic]:
    return check_trees(load_project(DRIFT), umbrella)


def check_page(tmp_path: Path, analysis: Analysis, markdown: str) -> list[Diagnostic]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "page.md").write_text(dedent(markdown), encoding="utf-8")
    return check_trees(load_project(tmp_path), analysis)


def codes(found: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.location.line if d.location else 0) for d in found]


# ------------------------------------------------------------- the fixture pages
def test_fixture_findings(findings: list[Diagnostic]) -> None:
    assert [(d.code, str(d.location), d.severity) for d in findings] == [
        ("DG402", "docs/architecture/supervision.md:22", Severity.WARNING),
        ("DG402", "docs/architecture/supervision.md:22", Severity.WARNING),
        ("DG401", "docs/architecture/supervision.md:25", Severity.ERROR),
        ("DG403", "docs/architecture/supervision.md:26", Severity.ERROR),
        ("DG402", "docs/architecture/unicode.md:5", Severity.WARNING),
        ("DG403", "docs/architecture/unicode.md:8", Severity.ERROR),
    ]


def test_fixture_messages(findings: list[Diagnostic]) -> None:
    assert [d.message for d in findings] == [
        "tree lacks `:shop_poller`, which the code starts under app `shop_api` "
        "(apps/shop_core/lib/shop_core/metrics.ex:5)",
        "tree lacks `ShopApi.Finch`, which the code starts under app `shop_api` "
        "(apps/shop_api/lib/shop_api/application.ex:9)",
        "tree lists `ShopApi.Cart` under app `shop_api`, but the code does not start it there "
        "(nor anywhere else)",
        "tree draws `ShopCore.Cache` under app `shop_api`, but the code starts it under app "
        "`shop_core` (apps/shop_core/lib/shop_core/application.ex:19)",
        "tree lacks `ShopCore.Audit`, which the code starts under app `shop_core` "
        "(apps/shop_core/lib/shop_core/application.ex:29; conditional: the code starts it "
        "only under a condition)",
        "tree draws `ShopCore.Workers.Registry` under app `shop_core`, but the code starts it "
        "under `ShopCore.Workers.Supervisor` "
        "(apps/shop_core/lib/shop_core/workers/supervisor.ex:30)",
    ]


def test_ascii_diff_keeps_labels_and_drops_moved_children(findings: list[Diagnostic]) -> None:
    assert findings[0].hint == dedent("""\
        make the tree match the code:
        --- docs/architecture/supervision.md
        +++ code
        @@ -2,4 +2,4 @@
         |-- Task.Supervisor (ShopApi.TaskSupervisor)
        -|-- ShopApi.Cart -- removed in 0.4
        -|-- ShopCore.Cache
        +|-- ShopApi.Finch (Finch, supervisor)
        +|-- :shop_poller (:telemetry_poller, worker)
         `-- ShopApi.Sessions (DynamicSupervisor)""")
    assert {d.hint for d in findings[:4]} == {findings[0].hint}


def test_unicode_diff_moves_the_misnested_child(findings: list[Diagnostic]) -> None:
    assert findings[-1].hint == dedent("""\
        make the tree match the code:
        --- docs/architecture/unicode.md
        +++ code
        @@ -3,5 +3,6 @@
         ├── ShopCore.Inventory
        -├── ShopCore.Workers.Registry
        -└── ShopCore.Workers.Supervisor
        -    ├── ShopCore.Workers.Supervisor.Janitor
        -    └── ShopCore.Workers.QueueWorker
        +├── ShopCore.Workers.Supervisor
        +│   ├── ShopCore.Workers.Registry
        +│   ├── ShopCore.Workers.Supervisor.Janitor
        +│   └── ShopCore.Workers.QueueWorker
        +└── ShopCore.Audit (worker, conditional)""")


# ------------------------------------------------------------------ rules, inline
@pytest.mark.parametrize(
    "project", ["umbrella", "single", "phoenix"], ids=["umbrella", "single", "phoenix"]
)
@pytest.mark.parametrize("style", ["ascii", "unicode"])
def test_generated_text_tree_pasted_into_docs_is_clean(
    tmp_path: Path, project: str, style: str
) -> None:
    analysis = analyse(FIXTURES / "elixir" / project)
    text = tree_text(analysis)
    if style == "unicode":
        text = text.replace("|-- ", "├── ").replace("`-- ", "└── ").replace("|   ", "│   ")
    assert check_page(tmp_path, analysis, f"# Tree\n\n```text\n{text}```\n") == []


def test_collapsed_node_and_transparent_supervisor(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        """\
        ```
        shop_core
        └── ShopCore.Supervisor (one_for_one)
            ├── ShopCore.Cache
            ├── :inventory
            ├── ShopCore.Workers.Supervisor
            └── ShopCore.Audit
        ```
        """,
    )
    assert found == []


def test_missing_child_under_expanded_supervisor(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        """\
        Intro.

        ```ascii
        ShopCore.Workers.Supervisor
        |-- Registry (ShopCore.Workers.Registry)
        `-- ShopCore.Workers.QueueWorker
        ```
        """,
    )
    assert codes(found) == [("DG402", 3)]
    assert "`ShopCore.Workers.Supervisor.Janitor`, which the code starts under" in found[0].message
    assert found[0].hint.endswith(
        "@@ -2,2 +2,3 @@\n"
        " |-- Registry (ShopCore.Workers.Registry)\n"
        "+|-- ShopCore.Workers.Supervisor.Janitor (worker)\n"
        " `-- ShopCore.Workers.QueueWorker"
    )


def test_dynamic_children(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        """\
        ```text
        shop_api
        |-- {Task.Supervisor, name: ShopApi.TaskSupervisor}
        |   `-- Task (one per request)
        |-- ShopApi.Finch
        |-- :shop_poller
        |-- ShopApi.Sessions
        |   |-- ShopApi.Session     # started on demand
        |   `-- ShopApi.Sweeper
        `-- ShopApi.Poller (dynamic)
        ```
        """,
    )
    # Under a dynamic or task supervisor anything goes; `(dynamic)` alone does not
    # excuse a child of a supervisor whose children are all known.
    assert codes(found) == [("DG401", 10)]


def test_umbrella_root_is_looked_through(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        "# Umbrella\n\n"
        "    shop (umbrella)\n"
        "    ├── shop_core\n"
        "    │   ├── ShopCore.Cache\n"
        "    │   └── ShopCore.Inventory\n"
        "    └── shop_util\n",
    )
    assert codes(found) == [("DG402", 3), ("DG402", 3)]
    assert [d.message.split(",")[0] for d in found] == [
        "tree lacks `ShopCore.Audit`",
        "tree lacks `ShopCore.Workers.Supervisor`",
    ]
    assert "+│   ├── ShopCore.Workers.Supervisor (supervisor, rest_for_one)\n" in found[0].hint
    assert "+│   │   ├── ShopCore.Workers.Registry (Registry, registry)\n" in found[0].hint


@pytest.mark.parametrize(
    "markdown",
    [
        "```elixir\nshop_core\n|-- ShopCore.Ghost\n```\n",
        "```text\nshop_core\n|-- ShopCore.Ghost\n{{ supervision_text() }}\n```\n",
        "```text\nsomething_else\n|-- ShopCore.Ghost\n```\n",
        "```text\nshop_core/\n|-- lib/\n`-- mix.exs\n```\n",
        "```text\nshop_core\n|-- Ghost\n`-- Phantom\n```\n",
        "> ```text\n> shop_core\n> |-- ShopCore.Cache\n> ```\n",
        "shop_core\n|-- ShopCore.Ghost\n",
    ],
    ids=["elixir", "macro", "unknown-root", "file-layout", "nothing-matches", "quote", "prose"],
)
def test_not_a_tree_of_the_code(tmp_path: Path, umbrella: Analysis, markdown: str) -> None:
    assert check_page(tmp_path, umbrella, markdown) == []


def test_elixir_tuples_are_not_macros(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        "```\nshop_core\n|-- ShopCore.Cache\n`-- {{Registry, keys: :unique}, 1}\n```\n",
    )
    # The only Registry of the code is drawn in the wrong place.
    assert [d.code for d in found] == ["DG402", "DG402", "DG402", "DG403"]


def test_elixir_prefix_in_messages(tmp_path: Path, umbrella: Analysis) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.md").write_text("```\nshop_core\n`-- ShopCore.Cache\n```\n")
    found = check_trees(load_project(tmp_path), umbrella, "shop")
    assert "(shop/apps/shop_core/lib/shop_core/application.ex:20)" in found[0].message


def test_pages_outside_docs_are_not_read(tmp_path: Path, umbrella: Analysis) -> None:
    (tmp_path / "README.md").write_text("```\nshop_core\n`-- ShopCore.Ghost\n```\n")
    assert check_trees(load_project(tmp_path), umbrella) == []


def test_real_repository_docs_are_clean() -> None:
    analysis = analyse(REPO / "beam")
    assert check_trees(load_project(REPO), analysis, "beam") == []


# ------------------------------------------------------------------ label parsing
@pytest.mark.parametrize(
    ("label", "idents", "dynamic"),
    [
        ("ShopCore.Cache", ("ShopCore.Cache",), False),
        ("ShopCore.Sessions (dynamic_supervisor, one_for_one)", ("ShopCore.Sessions",), False),
        ("name: ShopCore.Cache", ("ShopCore.Cache",), False),
        ("{Registry, name: ShopCore.Registry}", ("Registry", "ShopCore.Registry"), False),
        ("Registry (ShopCore.Registry)", ("Registry", "ShopCore.Registry"), False),
        ("`ShopCore.Cache`  # read-through -- Foo.Bar", ("ShopCore.Cache",), False),
        ("ShopCore.Cache -- was Foo.Bar", ("ShopCore.Cache",), False),
        ("{ShopCore.Inventory, name: :inventory}", ("ShopCore.Inventory", ":inventory"), False),
        ("Worker (dynamic)", ("Worker",), True),
        ("Worker  # started on demand", ("Worker",), True),
        ("ShopCore.Workers.*", (), False),
    ],
)
def test_label_forms(label: str, idents: tuple[str, ...], dynamic: bool) -> None:
    block = CodeBlock(1, 2, "text", f"root\n|-- {label}\n", True)
    (root,) = parse_trees(block)
    (node,) = root.children
    assert (node.idents, node.dynamic, node.line) == (idents, dynamic, 3)


def test_tree_shape_and_several_roots() -> None:
    content = "a_app\n|-- A\n|   |-- B\n|   |\n|   `-- C\n`-- D\n\n  note\nb_app\n`-- E\n"
    roots = parse_trees(CodeBlock(10, 11, "", content, True))
    shape = [
        (r.label, [(c.label, [g.label for g in c.children]) for c in r.children]) for r in roots
    ]
    assert shape == [("a_app", [("A", ["B", "C"]), ("D", [])]), ("b_app", [("E", [])])]


# ------------------------------------------------------------ markdown helper
DOCUMENT = dedent("""\
    # Title

    | App | Process |
    |-----|:--------|
    | `shop_core` | `ShopCore.Cache` |
    | a \\| b | c |

    - item

      ```text
      root
      |-- child
      ```

      | x | y |
      |---|---|
      | 1 | 2 |

    > | quoted | table |
    > |---|---|
    > | q | r |

        indented
        `-- code

    ~~~ text {.tree}
    tilde
    ~~~
    """)


@pytest.mark.parametrize("engine", ["py", "pyrs"])
def test_code_and_tables(engine: str) -> None:
    if engine == "pyrs":
        pytest.importorskip("markdown_it_pyrs")
    blocks = code_and_tables(DOCUMENT, first_line=1, engine=engine)  # type: ignore[arg-type]
    assert [(b.line, b.first, b.info, b.content, b.fenced) for b in blocks.code] == [
        (10, 11, "text", "root\n|-- child\n", True),
        (23, 23, "", "indented\n`-- code\n", False),
        (26, 27, "text {.tree}", "tilde\n", True),
    ]
    assert [(t.line, [(r.line, r.cells, r.header) for r in t.rows]) for t in blocks.tables] == [
        (
            3,
            [
                (3, ("App", "Process"), True),
                (5, ("`shop_core`", "`ShopCore.Cache`"), False),
                (6, ("a \\| b", "c"), False),
            ],
        ),
        (15, [(15, ("x", "y"), True), (17, ("1", "2"), False)]),
    ]


def test_code_and_tables_engines_agree_on_real_pages() -> None:
    pytest.importorskip("markdown_it_pyrs")
    for page in [*sorted((REPO / "docs").rglob("*.md")), *sorted(DRIFT.rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert code_and_tables(text, 5, "py") == code_and_tables(text, 5, "pyrs"), page


def test_library_supervisor_children_and_other_ascii_connectors(
    tmp_path: Path, umbrella: Analysis
) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        """\
        ```text
        shop_api
          +-- ShopApi.TaskSupervisor
          +-- ShopApi.Finch
          |   \\-- Finch.Pool
          \\-- ShopApi.Sessions
        ```
        """,
    )
    # Finch is a library supervisor: what is drawn inside it cannot be checked.
    assert codes(found) == [("DG402", 1)]
    assert found[0].hint.splitlines()[3:] == [
        "@@ -4,2 +4,3 @@",
        "   |   \\-- Finch.Pool",
        "+  +-- :shop_poller (:telemetry_poller, worker)",
        "   \\-- ShopApi.Sessions",
    ]


def test_a_tree_drawn_thousands_deep_is_reported_not_compared(
    tmp_path: Path, umbrella: Analysis
) -> None:
    from docgen.checks.drift import MAX_DRAWN_DEPTH

    lines = ["shop_api (ShopApi.Application)"]
    lines += ["    " * i + f"`-- ShopApi.Level{i}" for i in range(3_000)]
    shallow = "```text\nshop_api\n|-- ShopApi.Finch\n`-- ShopApi.Ghost\n```\n"
    alone = check_page(tmp_path, umbrella, "# Trees\n\n" + shallow)
    assert "DG401" in [d.code for d in alone]
    page = "# Trees\n\n```text\n" + "\n".join(lines) + "\n```\n\n" + shallow
    found = check_page(tmp_path, umbrella, page)
    deep = [d for d in found if d.code == "DG404"]
    assert codes(deep) == [("DG404", 4)]
    assert f"{MAX_DRAWN_DEPTH} levels" in deep[0].message
    shift = len(lines) + 3  # the next tree is still compared
    assert [(c, line - shift) for c, line in codes(found) if c != "DG404"] == codes(alone)
