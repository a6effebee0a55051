"""The pluglet under both engines' real objects: one session per build, page facts.

Zensical calls ``define_env`` once for every page that renders macros, with one
configuration object per build; mkdocs-macros calls it once per build from its
``on_config``. Both are driven here with the engines' own classes, no stand-ins.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import docgen.macros
from docgen.elixir import DEFAULT_CACHE
from docgen.macros.pages import PageFacts
from docgen.session import SESSIONS
from tests.conftest import REPO

SHOP = REPO / "tests/fixtures/projects/shop"
PAGES = ("index.md", "architecture/runtime.md", "plans/PHASE_1_EXECUTION_PLAN.md")


@pytest.fixture
def docgen_logger() -> Iterator[logging.Logger]:
    """The pluglet adds a stderr handler under Zensical; leave the logger as found."""
    log = logging.getLogger("mkdocs.plugins.docgen")
    handlers, level = list(log.handlers), log.level
    yield log
    log.handlers[:] = handlers
    log.setLevel(level)


def _zensical_env(project: Path, conf: dict[str, Any], src: str) -> Any:
    from zensical.extensions.context import Page
    from zensical.extensions.macros import MacroEnv

    url = "" if src == "index.md" else src.removesuffix(".md") + "/"
    page = Page(url=url, path=src, meta={"render_macros": True})
    return MacroEnv(conf=conf, page=page)


def _zensical_conf(project: Path) -> dict[str, Any]:
    return {"root_dir": str(project), "docs_dir": "docs", "site_dir": "site", "extra": {}}


def test_zensical_pages_of_one_build_share_one_session(
    shop: Path, dot_exe: str, docgen_logger: logging.Logger
) -> None:
    conf = _zensical_conf(shop)
    html = []
    for _ in range(3):  # the same pages rendered again within the build: still once
        for src in PAGES:
            env = _zensical_env(shop, conf, src)
            docgen.macros.define_env(env)
            html.append(env.macros["supervision_tree"]())
            html.append(env.macros["plan_progress"]("plans/PHASE_1_EXECUTION_PLAN.md"))
            html.append(env.macros["roadmap"]())
    session = SESSIONS.current(shop)
    assert session is not None
    assert dict(session.work) == {"builds": 1, "analysis": 1, "plans": 1, "checks": 1}
    assert "Shop.Repo" in html[0]
    # A new configuration object is a new build: everything is computed again once.
    parses = DEFAULT_CACHE.parses
    conf = _zensical_conf(shop)
    for src in PAGES:
        env = _zensical_env(shop, conf, src)
        docgen.macros.define_env(env)
        env.macros["supervision_tree"]()
    assert dict(session.work) == {"builds": 2, "analysis": 2, "plans": 1, "checks": 2}
    assert DEFAULT_CACHE.parses == parses  # unchanged files are not parsed again


def test_zensical_rebuild_sees_an_edited_elixir_file(
    shop: Path, dot_exe: str, docgen_logger: logging.Logger
) -> None:
    conf = _zensical_conf(shop)
    env = _zensical_env(shop, conf, "architecture/runtime.md")
    docgen.macros.define_env(env)
    assert "Shop.Cache" not in env.macros["supervision_text"]()
    app = shop / "elixir/lib/shop/application.ex"
    app.write_text(
        app.read_text(encoding="utf-8").replace(
            "Shop.Repo,", "Shop.Repo,\n      {Cachex, name: Shop.Cache},"
        ),
        encoding="utf-8",
    )
    # Same build: the analysis is not redone mid-build.
    env = _zensical_env(shop, conf, "index.md")
    docgen.macros.define_env(env)
    assert "Shop.Cache" not in env.macros["supervision_text"]()
    # Next build (a new configuration object, as `zensical serve` makes on a change).
    env = _zensical_env(shop, _zensical_conf(shop), "architecture/runtime.md")
    docgen.macros.define_env(env)
    assert "Shop.Cache" in env.macros["supervision_text"]()


def test_findings_are_reported_once_per_zensical_build(
    shop: Path, caplog: pytest.LogCaptureFixture, docgen_logger: logging.Logger
) -> None:
    (shop / "docs/index.md").write_text("# Shop\n\n[gone](nowhere.md)\n", encoding="utf-8")
    conf = _zensical_conf(shop)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.docgen"):
        for src in PAGES:
            docgen.macros.define_env(_zensical_env(shop, conf, src))
    broken = [r for r in caplog.records if "DG301" in r.getMessage()]
    found = [r for r in caplog.records if "docgen: found" in r.getMessage()]
    assert len(broken) == 1 and broken[0].levelno == logging.WARNING
    assert "docs/index.md:3" in broken[0].getMessage()
    assert len(found) == 1
    assert "Elixir: elixir/mix.exs (single app)" in found[0].getMessage()


def test_mkdocs_builds_each_get_a_session_build_and_reuse_parses(
    shop: Path, dot_exe: str, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config

    page = shop / "docs/architecture/runtime.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the old page](gone.md).\n")
    parses = None
    sessions = set()
    for build in range(3):
        config = load_config(str(shop / "mkdocs.yml"))
        plugin: Any = config.plugins["macros"]
        plugin.on_config(config)  # mkdocs-macros calls define_env here
        assert "supervision_tree" in plugin.macros
        # Block fragments come back after Markdown, through MkDocs' own page events.
        held = plugin.macros["supervision_text"]() + "\n" + plugin.macros["supervision_tree"]()
        assert "Shop.Repo" not in held and held.count('class="dg-slot"') == 2
        content = config.plugins.run_event("page_content", held, page=None, config=config)
        assert content.count("Shop.Repo") == 1  # the text tree; the diagram waits
        output = config.plugins.run_event("post_page", content, page=None, config=config)
        assert "dg-slot" not in output and "<svg" in output
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.docgen"):
            plugin.on_post_build(config)  # findings are logged here, once per build
            plugin.on_post_build(config)
        broken = [r for r in caplog.records if "DG301" in r.getMessage()]
        assert len(broken) == 1 and "gone.md" in broken[0].getMessage()
        session = SESSIONS.current(shop)
        assert session is not None
        sessions.add(id(session))
        assert session.work["builds"] == build + 1
        assert session.work["checks"] == build + 1
        if parses is None:
            parses = DEFAULT_CACHE.parses
        assert DEFAULT_CACHE.parses == parses
    assert len(sessions) == 1


def test_mkdocs_page_facts_from_a_real_page(shop: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    config = load_config(str(shop / "mkdocs.yml"))
    file = File("plans/PHASE_1_EXECUTION_PLAN.md", config.docs_dir, config.site_dir, True)
    page = Page(None, file, config)
    page.read_source(config)
    facts = PageFacts.of(page)
    assert facts == PageFacts(
        "plans/PHASE_1_EXECUTION_PLAN.md",
        "plans/PHASE_1_EXECUTION_PLAN/",
        {"render_macros": True},
    )


def test_zensical_page_facts_from_a_real_page(shop: Path) -> None:
    env = _zensical_env(shop, _zensical_conf(shop), "plans/PHASE_1_EXECUTION_PLAN.md")
    assert PageFacts.of(env.page) == PageFacts(
        "plans/PHASE_1_EXECUTION_PLAN.md",
        "plans/PHASE_1_EXECUTION_PLAN/",
        {"render_macros": True},
    )
    assert PageFacts.of(None) is None


def test_engine_is_told_apart_by_its_environment(shop: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(shop / "mkdocs.yml"))
    assert docgen.macros.engine_of(config.plugins["macros"]) == "mkdocs"
    assert docgen.macros.engine_of(_zensical_env(shop, {}, "index.md")) == "zensical"
    assert docgen.macros.engine_of(object()) is None


def test_mkdocs_pages_take_planned_fragments_from_the_worker_child(
    shop: Path, dot_exe: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The calls found on the pages are computed in the forked worker: this process
    neither analyses the Elixir code nor parses the plans, and gets the same HTML."""
    from mkdocs.config import load_config

    from docgen.config import settings_from_mkdocs
    from docgen.site import DocsSite

    runtime = shop / "docs/architecture/runtime.md"
    runtime.write_text(
        runtime.read_text(encoding="utf-8") + "\n{{ supervision_tree('nope') }}\n",
        encoding="utf-8",
    )
    config = load_config(str(shop / "mkdocs.yml"))
    plugin: Any = config.plugins["macros"]
    _wait_for_one_thread()  # as in `mkdocs build`; earlier tests' threads wind down
    plugin.on_config(config)
    session = SESSIONS.current(shop)
    assert session is not None and session._jobs is not None
    assert session._jobs.forked  # pytest runs one thread: forking is safe
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.docgen"):
        held = plugin.macros["supervision_tree"]() + plugin.macros["supervision_tree"]("nope")
        html = config.plugins.run_event("post_page", held, page=None, config=config)
        plugin.on_post_build(config)
    assert session.work["analysis"] == 0 and session.work["plans"] == 0
    # What the child logged is logged here, where --strict counts it.
    failed = [r for r in caplog.records if "supervision tree nope" in r.getMessage()]
    here = DocsSite(settings_from_mkdocs(shop, config))
    assert html == here.supervision_tree() + here.supervision_tree("nope")
    assert len(failed) == 1 and failed[0].levelno == logging.WARNING
    assert session.site.failures == [failed[0].getMessage().removeprefix("docgen: ")]


def _wait_for_one_thread() -> None:
    deadline = time.monotonic() + 20
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == 1, [t.name for t in threading.enumerate()]
