"""Property tests of DOT, SVG and HTML rendering with hostile names.

Names come from source code (registered names, atoms, plan titles) and may hold
quotes, ``<``, ``&``, newlines, backslashes, right-to-left marks, emoji and control
characters. Properties: the real ``dot`` accepts the DOT; the SVG is well-formed XML
whose text shows each name as written; HTML fragments parse with no element the
input did not ask for; the same model gives byte-identical output.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.diagnostics import Location
from docgen.elixir.models import Analysis, Application, Child, Kind, SupervisorInfo
from docgen.plans.parser import parse_plan
from docgen.render.dot import supervision_dot
from docgen.render.graphviz import inline_svg, xml_safe
from docgen.render.html import diagram_html, message_html, plan_progress_html, roadmap_html
from docgen.render.text import tree_text
from tests.fuzz.located import scaled

HOSTILE = st.text(
    st.one_of(
        st.sampled_from(
            [*list("\"'<>&\\\n\t{}[]|;=:#%$ "), "\u202e", "\u200f", "א", "ב", "🎉", "é"]
        ),
        st.sampled_from(["\x01", "\x07", "\x1b", "\x7f", "\ufeff", "\ufffe", "\u2028", "\x85"]),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=16,
)
KINDS = st.sampled_from(list(Kind))


def _child(name: str, module: str, kind: Kind, note: str, conditional: bool) -> Child:
    return Child(module, name, kind, Location("lib/a.ex", 3), conditional, None, note)


CHILDREN = st.lists(
    st.builds(_child, HOSTILE, HOSTILE, KINDS, HOSTILE, st.booleans()), min_size=1, max_size=4
)


def analysis_of(app: str, children: list[Child]) -> Analysis:
    nested = Child("Sup", "Sup", Kind.SUPERVISOR, Location("lib/s.ex", 1), children=tuple(children))
    application = Application(
        app,
        "Fuzz.Application",
        "mix.exs",
        Location("lib/a.ex", 1),
        supervisor=SupervisorInfo("one_for_one", None),
        children=(*children, nested),
    )
    return Analysis((application,), (), ())


def svg_text(svg: str) -> str:
    root = ET.fromstring(svg)  # noqa: S314 - docgen's own SVG
    return "".join(root.itertext())


def _visible(text: str) -> str:
    """What a name looks like once drawn: whitespace runs as one space."""
    return " ".join(text.split())


@settings(max_examples=scaled(0.6))
@given(HOSTILE, CHILDREN)
def test_diagrams_of_hostile_names(dot_exe: str, app: str, children: list[Child]) -> None:
    analysis = analysis_of(app, children)
    dot = supervision_dot(analysis)
    assert dot == supervision_dot(analysis_of(app, children))
    svg = inline_svg(dot, f"{app} supervision tree")
    assert svg == inline_svg(dot, f"{app} supervision tree")
    drawn = " ".join(svg_text(svg).split())
    for child in children:
        shown = _visible(xml_safe(child.name or ""))
        if shown and shown.isprintable():
            assert shown in drawn, (child.name, drawn)
    html = diagram_html(svg, f"caption {app}")
    assert_no_new_elements(html, allowed=ELEMENTS_OF_DIAGRAMS)
    tree_text(analysis)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ELEMENTS_OF_DIAGRAMS = {
    "figure",
    "figcaption",
    "div",
    "svg",
    "g",
    "title",
    "polygon",
    "path",
    "text",
    "ellipse",
    "a",
    "polyline",
    "span",
    "button",
    "details",
    "summary",
    "defs",
    "p",
}
ELEMENTS_OF_PLANS = {
    "div",
    "span",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "p",
    "progress",
    "strong",
    "small",
    "ul",
    "li",
    "section",
    "header",
    "h2",
    "h3",
    "meter",
    "abbr",
    "em",
    "code",
    "svg",
    "title",
    "path",
    "rect",
    "text",
    "g",
    "line",
    "polyline",
    "circle",
    "b",
    "details",
    "summary",
}


def assert_no_new_elements(html: str, allowed: set[str]) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.tags <= allowed, parser.tags - allowed
    return parser


@given(HOSTILE, st.lists(st.tuples(st.booleans(), HOSTILE), max_size=6), HOSTILE)
def test_plan_html_of_hostile_titles(title: str, items: list[tuple[bool, str]], text: str) -> None:
    lines = [f"# {title}", "", "## Tasks", ""]
    lines += [f"- [{'x' if done else ' '}] {item}" for done, item in items]
    plan = parse_plan("\n".join(lines) + "\n", "docs/PHASE_1_EXECUTION_PLAN.md")
    for html in (
        plan_progress_html(plan),
        roadmap_html([plan], ["p/"]),
        message_html("warning", title, text),
    ):
        assert_no_new_elements(html, ELEMENTS_OF_PLANS)
        assert html == html.encode("utf-8").decode("utf-8")
    assert plan_progress_html(plan) == plan_progress_html(
        parse_plan("\n".join(lines) + "\n", plan.path)
    )
