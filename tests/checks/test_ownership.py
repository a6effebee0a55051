"""Ownership claims in tables and lists against the code (DG411, DG412)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.checks.drift import ProcessIndex
from docgen.checks.ownership import Claim, check_ownership, claims
from docgen.diagnostics import Diagnostic, Severity
from docgen.elixir import analyse
from docgen.elixir.models import Analysis
from docgen.project import load_project

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
PAGE = FIXTURES / "drift" / "docs" / "architecture" / "ownership.md"


@pytest.fixture(scope="module")
def umbrella() -> Analysis:
    return analyse(FIXTURES / "elixir" / "umbrella")


def check_page(tmp_path: Path, analysis: Analysis, markdown: str) -> list[Diagnostic]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "page.md").write_text(dedent(markdown), encoding="utf-8")
    return check_ownership(load_project(tmp_path), analysis)


def page_claims(analysis: Analysis, markdown: str) -> list[tuple[int, str, str]]:
    apps = {a.otp_app for a in analysis.applications}
    found = claims(dedent(markdown), ProcessIndex(analysis), apps)
    return [(c.line, c.app, c.process) for c in found]


def test_fixture_page(umbrella: Analysis) -> None:
    found = check_ownership(load_project(FIXTURES / "drift"), umbrella)
    assert [(d.code, str(d.location), d.severity, d.message) for d in found] == [
        (
            "DG411",
            "docs/architecture/ownership.md:9",
            Severity.ERROR,
            "`shop_api` is said to own `ShopCore.Workers.Registry`, but the code starts it "
            "under `shop_core` (apps/shop_core/lib/shop_core/workers/supervisor.ex:30)",
        ),
        (
            "DG412",
            "docs/architecture/ownership.md:10",
            Severity.ERROR,
            "`shop_core` is said to own `ShopCore.Mailer`, but no app starts it "
            "(no such module exists)",
        ),
        (
            "DG411",
            "docs/architecture/ownership.md:19",
            Severity.ERROR,
            "`shop_util` is said to own `ShopCore.Inventory`, but the code starts it under "
            "`shop_core` (apps/shop_core/lib/shop_core/application.ex:20)",
        ),
        (
            "DG412",
            "docs/architecture/ownership.md:19",
            Severity.ERROR,
            "`shop_util` is said to own `ShopUtil.Clock`, but no app starts it "
            "(no such module exists)",
        ),
        (
            "DG411",
            "docs/architecture/ownership.md:21",
            Severity.ERROR,
            "`shop_core` is said to own `ShopApi.Finch`, but the code starts it under "
            "`shop_api` (apps/shop_api/lib/shop_api/application.ex:9)",
        ),
    ]


def test_fixture_claims(umbrella: Analysis) -> None:
    apps = {a.otp_app for a in umbrella.applications}
    found = list(claims(PAGE.read_text(encoding="utf-8"), ProcessIndex(umbrella), apps))
    assert [(c.line, c.app, c.process) for c in found] == [
        (7, "shop_core", "ShopCore.Cache"),
        (8, "shop_core", ":inventory"),
        (9, "shop_api", "ShopCore.Workers.Registry"),
        (10, "shop_core", "ShopCore.Mailer"),
        (11, "shop_api", "ShopApi.TaskSupervisor"),
        (27, "shop_api", "ShopApi.Sessions"),  # the owner column names the app module
        (17, "shop_core", "ShopCore.Workers.Supervisor"),
        (17, "shop_core", "ShopCore.Audit"),
        (18, "shop_api", "ShopApi.Sessions"),  # "Sessions, Finch pool" are words
        (19, "shop_util", "ShopCore.Inventory"),
        (19, "shop_util", "ShopUtil.Clock"),
        (20, "shop_api", "ShopApi.Session"),  # started on demand: not reported
        (21, "shop_core", "ShopApi.Finch"),
    ]
    assert found[0] == Claim(7, "shop_core", "ShopCore.Cache", found[0].text)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("| Application | Registered name |", [(3, "shop_api", "ShopCore.Cache")]),
        ("| Owner | Module |", [(3, "shop_api", "ShopCore.Cache")]),
        ("| OTP app | Processes |", [(3, "shop_api", "ShopCore.Cache")]),
        ("| **Started by** | child |", [(3, "shop_api", "ShopCore.Cache")]),
        ("| App | Depends on |", []),
        ("| Module | Purpose |", []),
        ("| App | App | Module |", []),
    ],
)
def test_table_headers(umbrella: Analysis, header: str, expected: list[object]) -> None:
    cells = header.count("|") - 1
    markdown = f"{header}\n{'|---' * cells}|\n| `shop_api` {'| `ShopCore.Cache` ' * (cells - 1)}|\n"
    assert page_claims(umbrella, markdown) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("`shop_api` owns `ShopCore.Cache`", [("shop_api", "ShopCore.Cache")]),
        (
            "**shop_api**: `ShopCore.Cache`, `:inventory`",
            [
                ("shop_api", "ShopCore.Cache"),
                ("shop_api", ":inventory"),
            ],
        ),
        ("shop_api — ShopCore.Cache", [("shop_api", "ShopCore.Cache")]),
        ("`ShopCore.Cache` is supervised by `shop_api`.", [("shop_api", "ShopCore.Cache")]),
        (
            "shop_api supervises ShopCore.Cache; shop_core starts `:inventory`",
            [
                ("shop_api", "ShopCore.Cache"),
                ("shop_core", ":inventory"),
            ],
        ),
        # not claims, or nothing checkable in them
        ("shop_api: the cache and the inventory", []),
        ("shop_api never starts ShopCore.Cache", []),
        ("`ShopCore.Cache` is not started by `shop_api`", []),
        ("shop_web: ShopCore.Cache", []),  # not an app of the code
        ("shop_api: `Registry`, `Task.Supervisor`, `:unique`", []),  # library, no name
        ("shop_api: `ShopCore.*`", []),
        ("shop_api: {{ processes('shop_api') }} ShopCore.Cache", []),
        ("the cache is shop_api's, see ShopCore.Cache", []),
    ],
)
def test_list_items(umbrella: Analysis, item: str, expected: list[tuple[str, str]]) -> None:
    assert page_claims(umbrella, f"# Owners\n\n- {item}\n") == [(3, *e) for e in expected]


def test_claim_line_in_a_wrapped_item(umbrella: Analysis) -> None:
    markdown = "- `shop_api` owns the cache\n  (`ShopCore.Cache`) and the stock\n"
    assert page_claims(umbrella, markdown) == [(2, "shop_api", "ShopCore.Cache")]


def test_code_blocks_and_quotes_are_not_claims(tmp_path: Path, umbrella: Analysis) -> None:
    found = check_page(
        tmp_path,
        umbrella,
        """\
        > - `shop_api` owns `ShopCore.Cache`

        ```text
        - `shop_api` owns `ShopCore.Cache`
        ```

        | App | Process |
        |---|---|
        | shop_api | `{{ ShopCore.Cache }}` |
        """,
    )
    assert found == []


def test_dynamic_workers_in_the_owners_namespace(tmp_path: Path, umbrella: Analysis) -> None:
    # ShopApi has a DynamicSupervisor: a ShopApi.* module is a worker started at
    # runtime. ShopCore has none, so ShopCore.Ghost is an invented process.
    found = check_page(
        tmp_path,
        umbrella,
        """\
        - shop_api: `ShopApi.SessionServer`
        - shop_core: `ShopCore.Ghost`
        - shop_core: `ShopCore.Mailer` (one per order, started at runtime)
        - shop_api: `ShopApi.Application`, `ShopApi.Supervisor`
        """,
    )
    assert [(d.code, d.location.line if d.location else 0) for d in found] == [("DG412", 2)]


def test_real_repository_docs_are_clean() -> None:
    analysis = analyse(REPO / "beam")
    assert check_ownership(load_project(REPO), analysis) == []


def test_modules_listed_are_not_processes_claimed(tmp_path: Path, umbrella: Analysis) -> None:
    # ShopCore.Metrics exists but is started by nobody: listing it under its app
    # is fine, claiming it is a process of that app is not.
    found = check_page(
        tmp_path,
        umbrella,
        """\
        | App | Module |
        |---|---|
        | shop_core | `ShopCore.Metrics` |

        | App | Process |
        |---|---|
        | shop_core | `ShopCore.Metrics` |

        - shop_core: `ShopCore.Metrics`
        - shop_core owns `ShopCore.Metrics`
        """,
    )
    assert [(d.code, d.location.line if d.location else 0) for d in found] == [
        ("DG412", 7),
        ("DG412", 10),
    ]
    assert found[0].message.endswith("(the module exists, but nothing starts it)")
