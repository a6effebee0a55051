"""DOT text from the model (pure, escaped, deterministic) and SVG from the real ``dot``."""

from __future__ import annotations

import html

import pytest

from docgen.diagnostics import Location
from docgen.elixir.models import Analysis, Application, Child, Kind, SupervisorInfo
from docgen.errors import GraphvizNotFoundError
from docgen.render import graphviz
from docgen.render.dot import app_graph_dot, supervision_dot
from docgen.render.text import tree_text


def _analysis(module: str = "Shop.Repo") -> Analysis:
    loc = Location("apps/shop/lib/shop/application.ex", 9)
    children = (
        Child(module, None, Kind.REPO, loc, conditional=True),
        Child(
            "Shop.Sup",
            "Shop.Sup",
            Kind.SUPERVISOR,
            Location("apps/shop/lib/shop/sup.ex", 4),
            strategy="one_for_all",
            children=(Child("Registry", "Shop.Reg", Kind.REGISTRY, loc),),
        ),
        Child(None, None, Kind.UNKNOWN, loc, note="children read from config at runtime"),
    )
    shop = Application(
        "shop",
        "Shop.Application",
        "apps/shop/mix.exs",
        loc,
        ("core",),
        SupervisorInfo("one_for_one", "Shop.Supervisor"),
        children,
    )
    core = Application("core", None, "apps/core/mix.exs", None)
    return Analysis((core, shop))


def test_dot_is_deterministic_and_styled() -> None:
    first = supervision_dot(_analysis())
    assert first == supervision_dot(_analysis())
    assert "a1_0 [label=<<b>Shop.Repo</b>" in first
    assert 'shape=cylinder style="filled,dashed"' in first
    assert "a1 -> a1_0 [style=dashed]" in first
    assert "one_for_all" in first
    assert "children read from config at runtime" in first
    assert "root -> a0" in first


def test_labels_and_tooltips_are_escaped() -> None:
    dot = supervision_dot(_analysis('Evil<b>&"x\\N'))
    label = dot.split("a1_0 [label=")[1].split(" class=")[0]
    # A backslash is doubled: Graphviz reads \N as the node's id even in HTML labels.
    assert label == '<<b>Evil&lt;b&gt;&amp;&quot;x\\\\N</b><br/><font point-size="10">repo</font>>'
    assert 'tooltip="repo Evil<b>&\\"x\\\\N (conditional)' in dot


def test_links_use_the_given_link_function() -> None:
    dot = supervision_dot(
        _analysis(), "shop", lambda loc: f"https://git.example/blob/main/{loc.path}#L{loc.line}"
    )
    assert 'URL="https://git.example/blob/main/apps/shop/lib/shop/sup.ex#L4"' in dot
    assert "core" not in dot.split("->")[0] or "a0" not in dot


def test_app_graph_edges_point_at_dependencies() -> None:
    dot = app_graph_dot(_analysis())
    assert "shop -> core" in dot


def test_text_tree() -> None:
    assert tree_text(_analysis(), "shop") == (
        "shop (Shop.Application, one_for_one)\n"
        "|-- Shop.Repo (repo, conditional)\n"
        "|-- Shop.Sup (supervisor, one_for_all)\n"
        "|   `-- Shop.Reg (Registry, registry)\n"
        "`-- ? (unknown, children read from config at runtime)\n"
    )


def test_real_dot_gives_inline_svg(dot_exe: str) -> None:
    svg = graphviz.inline_svg(supervision_dot(_analysis()), 'Tree "shop"')
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!--" not in svg and "\n\n" not in svg
    assert 'aria-label="Tree &quot;shop&quot;"' in svg
    assert 'class="node dg-node dg-kind-repo dg-conditional"' in html.unescape(svg)
    assert svg == graphviz.inline_svg(supervision_dot(_analysis()), 'Tree "shop"')


def test_missing_dot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    graphviz.dot_version.cache_clear()
    try:
        with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
            graphviz.render("digraph { a }")
    finally:
        graphviz.dot_version.cache_clear()


def test_control_characters_in_names_are_drawn_not_fatal(dot_exe: str) -> None:
    """An atom such as :"job\\x01" is a legal registered name; XML cannot hold \\x01,
    so Graphviz refused the label and the SVG was not XML (found by the fuzz tests)."""
    import xml.etree.ElementTree as ET

    child = Child("Jobs", "job\x01\x1b\ufffe", Kind.WORKER, Location("lib/a.ex", 2))
    app = Application(
        "app\x07", "App.Application", "mix.exs", Location("lib/a.ex", 1), children=(child,)
    )
    svg = graphviz.inline_svg(supervision_dot(Analysis((app,), (), ())), "tree \x02")
    text = "".join(ET.fromstring(svg).itertext())  # noqa: S314 - docgen's own SVG
    assert "job\\x01\\x1B\\uFFFE" in text
    assert "app\\x07" in text


def test_names_graphviz_misreads_are_drawn_as_written(dot_exe: str) -> None:
    """Found by the fuzz tests: a note of only ``]`` and a name of only a newline were
    syntax errors for Graphviz, and ``\\\\`` was drawn as one backslash."""
    import xml.etree.ElementTree as ET

    unknown = Child(None, None, Kind.UNKNOWN, Location("lib/a.ex", 2), note="]")
    slashes = Child("A", "a\\\\b \\N", Kind.WORKER, Location("lib/a.ex", 3))
    app = Application("\n", "App.Application", "mix.exs", Location("lib/a.ex", 1))
    app = Application(
        app.otp_app, app.application_module, "mix.exs", app.location, children=(unknown, slashes)
    )
    svg = graphviz.inline_svg(supervision_dot(Analysis((app,), (), ())), "tree")
    texts = [t.text for t in ET.fromstring(svg).iter() if t.tag.endswith("text")]  # noqa: S314
    assert "]" in texts
    assert "a\\\\b \\N" in texts


def test_temporary_children_look_different_and_tooltips_say_what_a_crash_does() -> None:
    from docgen.elixir.models import Blast

    temp = Child(
        "Jobs",
        None,
        Kind.WORKER,
        Location("lib/a.ex", 2),
        id="Jobs",
        restart="temporary",
        blast=Blast((), ("Jobs",), (), "temporary: not restarted, and nothing else is"),
    )
    keep = Child(
        "Cache",
        None,
        Kind.WORKER,
        Location("lib/a.ex", 3),
        id="Cache",
        restart="permanent",
        blast=Blast(("Cache", "Other"), ("Jobs",)),
    )
    app = Application(
        "app", "App.Application", "mix.exs", Location("lib/a.ex", 1), children=(temp, keep)
    )
    dot = supervision_dot(Analysis((app,), (), ()))
    jobs = dot.split("a0_0 [")[1].split("\n\t")[0]
    cache = dot.split("a0_1 [")[1].split("\n\t")[0]
    assert "dotted" in jobs and "dg-temporary" in jobs and "worker · temporary" in jobs
    assert "dotted" not in cache and "dg-temporary" not in cache
    assert "if it crashes: restarts Cache, Other; stops Jobs" in cache
    assert "restart: temporary" in jobs and "if it crashes: stops Jobs" in jobs
