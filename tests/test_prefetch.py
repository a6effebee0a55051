"""Diagrams planned from the pages, and drawn once however many threads ask."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from docgen.config import SiteSettings
from docgen.macros.fragments import Where, key_of
from docgen.macros.prefetch import planned_calls
from docgen.session import Session


def _page(docs: Path, rel: str, text: str) -> None:
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_text(text, encoding="utf-8")


def test_literal_calls_on_rendered_pages_are_planned_in_walk_order(tmp_path: Path) -> None:
    on = "---\nrender_macros: true\n---\n"
    _page(tmp_path, "b/c.md", on + "{{ app_graph() }} {{ supervision_tree('dg_store') }}\n")
    _page(tmp_path, "a.md", on + "{{ supervision_tree() }}\n{{ supervision_tree('dg_store') }}\n")
    _page(tmp_path, "d.md", on + "{% set x = 'a' %}{{ supervision_tree(x) }}{{ roadmap() }}\n")
    _page(tmp_path, "e.md", "{{ supervision_tree('not_rendered') }}\n")
    _page(tmp_path, "f.md", on + "{{ supervision_tree('broken' }}\n")
    _page(tmp_path, "index.md", on + "{{ plan_progress(path='p.md') }} {{ progress_badge() }}\n")
    _page(tmp_path, "g.md", on + "{{ ownership_table(['a']) }} {{ undefined_macro('x') }}\n")
    calls = planned_calls(tmp_path, {"render_by_default": False})
    # MkDocs' order: each folder's files (index first) before its subfolders.
    assert [(c.name, c.args, c.kwargs, c.where.src) for c in calls] == [
        ("plan_progress", (), (("path", "p.md"),), "index.md"),
        ("progress_badge", (), (), "index.md"),
        ("supervision_tree", (), (), "a.md"),
        ("supervision_tree", ("dg_store",), (), "a.md"),
        ("roadmap", (), (), "d.md"),  # the call with a variable is not planned
        ("app_graph", (), (), "b/c.md"),
        ("supervision_tree", ("dg_store",), (), "b/c.md"),
    ]
    # The same call on two pages has one key: drawn once.
    first, second = calls[3], calls[6]
    assert key_of(first.name, first.where, first.args, dict(first.kwargs)) == key_of(
        second.name, second.where, second.args, dict(second.kwargs)
    )
    # A page-relative call is keyed by its page: the page's own call finds it.
    progress = calls[0]
    assert key_of("plan_progress", Where("index.md"), (), {"path": "p.md"}) == key_of(
        progress.name, progress.where, progress.args, dict(progress.kwargs)
    )
    everywhere = planned_calls(tmp_path, {"render_by_default": True})
    assert ("supervision_tree", ("not_rendered",)) in [(c.name, c.args) for c in everywhere]


def test_a_fragment_is_built_once_while_others_build_beside_it(tmp_path: Path) -> None:
    session = Session(SiteSettings(root=tmp_path))
    session.begin(object())
    built: list[str] = []
    running: list[int] = [0, 0]  # now, most at once
    lock = threading.Lock()

    def slow(name: str) -> str:
        with lock:
            built.append(name)
            running[0] += 1
            running[1] = max(running)
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return f"<p>{name}</p>"

    results: list[str] = []
    threads = [
        threading.Thread(
            target=lambda n=n: results.append(session.fragment((n % 2,), lambda: slow(str(n % 2))))
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(built) == ["0", "1"]
    assert sorted(results) == ["<p>0</p>"] * 4 + ["<p>1</p>"] * 4
    assert running[1] == 2  # the two keys were built side by side, each once
