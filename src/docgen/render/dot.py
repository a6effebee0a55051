"""Supervision model → DOT source: a pure, deterministic function.

Node ids are derived from the tree path (``a0``, ``a0_0``, ``a0_0_2``), never from
memory addresses or hashes, so the same analysis always yields the same DOT text.
Labels are HTML-like and escaped; characters XML cannot hold (C0 controls other
than tab and newline, U+FFFE, U+FFFF) are drawn as ``\\xNN`` (:func:`xml_safe`),
as Graphviz's label parser and every SVG reader refuse them. Colours are set both
as DOT attributes (for the stand-alone SVG) and as CSS classes (so the site's
light/dark palettes can restyle the inline SVG without JavaScript).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import graphviz

from docgen.diagnostics import Location
from docgen.elixir.diff import ADDED, CHANGED, REMOVED, AppDiff, Marked
from docgen.elixir.models import Analysis, Application, Blast, Child, Kind
from docgen.render.graphviz import xml_safe

LinkFor = Callable[[Location], str | None]


@dataclass(frozen=True, slots=True)
class KindStyle:
    shape: str
    fill: str
    label: str


KIND_STYLES: dict[Kind, KindStyle] = {
    Kind.SUPERVISOR: KindStyle("box", "#cfe3ff", "supervisor"),
    Kind.DYNAMIC_SUPERVISOR: KindStyle("box3d", "#ddd2ff", "dynamic supervisor"),
    Kind.TASK_SUPERVISOR: KindStyle("box3d", "#c9efe0", "task supervisor"),
    Kind.PARTITION_SUPERVISOR: KindStyle("box3d", "#ffe2b8", "partition supervisor"),
    Kind.REGISTRY: KindStyle("tab", "#fff1a8", "registry"),
    Kind.WORKER: KindStyle("ellipse", "#e6e8eb", "worker"),
    Kind.ENDPOINT: KindStyle("component", "#ffd4d4", "endpoint"),
    Kind.REPO: KindStyle("cylinder", "#d5f2c8", "repo"),
    Kind.PUBSUB: KindStyle("hexagon", "#f6d5ef", "pubsub"),
    Kind.UNKNOWN: KindStyle("note", "#ffffff", "unknown"),
}
APP_FILL = "#9fc4ff"
INK = "#1f2328"
EDGE = "#8c959f"


@dataclass(frozen=True, slots=True)
class MarkStyle:
    """How a child changed since a revision is drawn: by a word and a symbol in its
    label (never by colour alone), a heavier or dashed outline, and a CSS class."""

    symbol: str
    word: str
    color: str
    css: str


MARK_STYLES = {
    ADDED: MarkStyle("+", "added", "#1a7f37", "dg-added"),
    CHANGED: MarkStyle("~", "changed", "#9a6700", "dg-changed"),
    REMOVED: MarkStyle("\u2212", "removed", "#6e7781", "dg-removed"),
}
GHOST_FILL = "#f6f8fa"


@dataclass(frozen=True, slots=True)
class Since:
    """The changes to draw: each application's diff, and the revision's name."""

    label: str
    apps: dict[str, AppDiff]


def supervision_dot(
    analysis: Analysis,
    app: str | None = None,
    link_for: LinkFor | None = None,
    since: Since | None = None,
) -> str:
    """DOT for one application (``app``) or the whole analysed tree (``None``); with
    ``since``, today's tree with what changed marked and what was removed as ghosts."""
    apps = _select(analysis.applications, app)
    if since is not None:  # applications that are gone, drawn as ghosts after the others
        apps += [
            d.before
            for d in since.apps.values()
            if d.status == REMOVED and d.before and (app is None or d.otp_app == app)
        ]
    title = f"{app} supervision tree" if app else "supervision tree"
    graph = _graph(title)
    if app is None and len(apps) > 1:
        graph.node(
            "root",
            label=_label("umbrella", f"{len(apps)} applications"),
            shape="folder",
            fillcolor="#ffffff",
            **{"class": "dg-root"},
        )
    for index, application in enumerate(apps):
        app_id = f"a{index}"
        diff = since.apps.get(application.otp_app) if since is not None else None
        app_mark = diff.status if diff is not None and diff.status in (ADDED, REMOVED) else None
        _app_node(graph, app_id, application, link_for, app_mark, since)
        if app is None and len(apps) > 1:
            graph.edge("root", app_id)
        if diff is not None and since is not None:
            for n, item in enumerate(diff.tree):
                _marked(graph, app_id, f"{app_id}_{n}", item, link_for, since.label)
            continue
        for n, child in enumerate(application.children):
            _child(graph, app_id, f"{app_id}_{n}", child, link_for)
    source: str = graph.source
    return source


def app_graph_dot(analysis: Analysis, link_for: LinkFor | None = None) -> str:
    """DOT of in-umbrella dependencies: an edge from each app to what it depends on."""
    graph = _graph("application dependencies")
    graph.attr(rankdir="BT")
    known = {a.otp_app for a in analysis.applications}
    for application in sorted(analysis.applications, key=lambda a: a.otp_app):
        _app_node(graph, application.otp_app, application, link_for)
    for application in sorted(analysis.applications, key=lambda a: a.otp_app):
        for dep in sorted(application.deps):
            if dep in known:
                graph.edge(application.otp_app, dep)
    source: str = graph.source
    return source


def _select(apps: Iterable[Application], app: str | None) -> list[Application]:
    chosen = [a for a in apps if app is None or a.otp_app == app]
    return chosen


def _graph(title: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(name="G", comment=title)
    graph.attr(
        rankdir="LR",
        bgcolor="transparent",
        fontname="Helvetica",
        fontsize="12",
        nodesep="0.25",
        ranksep="0.45",
        label="",
        tooltip=_tooltip(title, None),
    )
    graph.attr(
        "node",
        fontname="Helvetica",
        fontsize="12",
        style="filled",
        color=INK,
        fontcolor=INK,
        penwidth="1",
    )
    graph.attr("edge", color=EDGE, arrowsize="0.7")
    return graph


def _app_node(
    graph: graphviz.Digraph,
    node_id: str,
    app: Application,
    link_for: LinkFor | None,
    mark: str | None = None,
    since: Since | None = None,
) -> None:
    sub = app.application_module or "no application callback"
    if app.supervisor.strategy:
        sub += f"\n{app.supervisor.strategy}"
    attrs = {
        "shape": "box",
        "style": "filled,bold,rounded",
        "fillcolor": APP_FILL,
        "class": "dg-node dg-app",
        "tooltip": _tooltip(f"application {app.otp_app}", app.location),
    }
    if mark is not None and since is not None:
        style = MARK_STYLES[mark]
        sub = f"{style.symbol} {style.word} since {since.label}\n{sub}"
        attrs["class"] += f" {style.css}"
        attrs["color"] = style.color
        attrs["penwidth"] = "2.5"
        if mark == REMOVED:
            attrs.update(style="filled,dashed,rounded", fillcolor=GHOST_FILL)
            attrs["fontcolor"] = style.color
    if mark != REMOVED:
        _link(attrs, app.location, link_for)
    graph.node(node_id, label=_label(app.otp_app, sub, struck=mark == REMOVED), **attrs)


def _marked(
    graph: graphviz.Digraph,
    parent: str,
    node_id: str,
    item: Marked,
    link_for: LinkFor | None,
    since: str,
) -> None:
    """One child of a merged tree, and its children, marked as :data:`MARK_STYLES` say."""
    _child(graph, parent, node_id, item.child, link_for, item, since)


def _child(
    graph: graphviz.Digraph,
    parent: str,
    node_id: str,
    child: Child,
    link_for: LinkFor | None,
    mark: Marked | None = None,
    since: str = "",
) -> None:
    style = KIND_STYLES[child.kind]
    title = child.name or child.module or "?"
    lines = []
    if child.name and child.module and child.name != child.module:
        lines.append(child.module)
    kind = style.label + (f" · {child.strategy}" if child.strategy else "")
    temporary = child.restart == "temporary"
    if child.restart in ("temporary", "transient"):
        kind += f" · {child.restart}"  # said in words, not by the outline alone
    lines.append(kind)
    if child.kind is Kind.UNKNOWN and child.note:
        lines.append(child.note)
    styles = ["filled"]
    if child.kind.is_supervisor or child.kind is Kind.SUPERVISOR:
        styles.append("rounded")
    if child.conditional:
        styles.append("dashed")
    elif temporary:
        styles.append("dotted")
    css = f"dg-node dg-kind-{child.kind.value}" + (" dg-conditional" if child.conditional else "")
    css += " dg-temporary" if temporary else ""
    summary = f"{style.label} {title}" + (" (conditional)" if child.conditional else "")
    if child.restart:
        summary += f"\nrestart: {child.restart}"
    if child.blast is not None:
        summary += f"\nif it crashes: {crash_words(child.blast)}"
    if child.note:
        summary += f"\n{child.note}"
    attrs = {
        "shape": style.shape,
        "style": ",".join(styles),
        "fillcolor": style.fill,
        "class": css,
        "tooltip": _tooltip(summary, child.location),
    }
    edge_attrs = {"style": "dashed"} if child.conditional else {}
    status = mark.status if mark is not None else None
    if mark is not None and status in MARK_STYLES:
        look = MARK_STYLES[status]
        what = f"{look.symbol} {look.word} since {since}"
        if status == CHANGED:
            what += ": " + ", ".join(f.replace("_", " ") for f in mark.fields)
        lines.insert(0, what)
        summary = f"{look.word} since {since}\n{summary}"
        attrs.update(color=look.color, penwidth="2.5", tooltip=_tooltip(summary, child.location))
        attrs["class"] += f" {look.css}"
        if status == REMOVED:
            kept = [s for s in styles if s not in ("dashed", "dotted")]
            attrs.update(style=",".join([*kept, "dashed"]), fillcolor=GHOST_FILL)
            attrs["fontcolor"] = look.color
            edge_attrs = {"style": "dashed", "color": look.color, "class": "dg-removed"}
    if status != REMOVED:
        _link(attrs, child.location, link_for)
    graph.node(node_id, label=_label(title, "\n".join(lines), struck=status == REMOVED), **attrs)
    graph.edge(parent, node_id, **edge_attrs)
    if mark is not None:
        for n, item in enumerate(mark.children):
            _child(graph, node_id, f"{node_id}_{n}", item.child, link_for, item, since)
        return
    for n, grandchild in enumerate(child.children):
        _child(graph, node_id, f"{node_id}_{n}", grandchild, link_for)


def crash_words(blast: Blast) -> str:
    """``restarts a, b; stops c; not known: d`` for a blast radius."""
    parts = []
    if blast.restarts:
        parts.append("restarts " + ", ".join(blast.restarts))
    if blast.stops:
        parts.append("stops " + ", ".join(blast.stops))
    if blast.uncertain:
        parts.append("not known for " + ", ".join(blast.uncertain))
    return "; ".join(parts) or "nothing else"


def _label(title: str, sub: str, struck: bool = False) -> str:
    shown = f"<s>{_html_text(title)}</s>" if struck else _html_text(title)
    rows = [f"<b>{shown}</b>"]
    rows += [f'<font point-size="10">{_html_text(line)}</font>' for line in sub.split("\n") if line]
    return "<" + "<br/>".join(rows) + ">"


def _html_text(text: str) -> str:
    """Text for an HTML-like label: escaped and XML-safe, each run of whitespace (a
    newline too) one space, ``]`` as ``&#93;``, a backslash doubled (Graphviz reads
    ``\\`` as one, even in HTML labels) and an empty text as ``&#160;``: Graphviz
    2.43's label parser rejects a text of only ``]`` characters and a ``<b>`` holding
    only a newline."""
    shown = " ".join(xml_safe(text).split())
    if not shown:
        return "&#160;"
    return html.escape(shown).replace("]", "&#93;").replace("\\", "\\\\")


def _tooltip(summary: str, location: Location | None) -> str:
    # DOT reads backslash sequences (\N, \l) in quoted strings: keep them literal.
    text = f"{summary}\n{location}" if location else summary
    return xml_safe(text).replace("\\", "\\\\")


def _link(attrs: dict[str, str], location: Location | None, link_for: LinkFor | None) -> None:
    if location is None or link_for is None:
        return
    href = link_for(location)
    if href:
        attrs["URL"] = href
        attrs["target"] = "_top"
