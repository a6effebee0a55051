"""document_refs: one parse gives links, headings and ids; both engines agree."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.markdown_refs import Anchor, Heading, Ref, document_refs, html_tags
from tests.checks.links_helpers import FIXTURES

pytest.importorskip("markdown_it_pyrs")

REPO = Path(__file__).resolve().parents[2]
EDGE = dedent("""\
    # Title *em* `code` &amp; {#top}

    Intro [a](b.md "t") and <a id="x" href="y.md">y</a> `[no](no.md)`
      more ![alt [n](n.md)](i.png) <https://e.x> [r][ref] café [c](café.md)

    > quoted [q](q.md)
    > > nested <img src="n.png"> [k](k.md)

    - item [l](l.md#z)
      cont [m](m.md)
        1. deep [d](d.md)

    <div id="d">
      <img src='p.png'>  <a name=bare href=h.md>
    </div>

    Setext `code` &amp; *em*
    ---

    Para {: #pid } and <!-- <a href="hidden.md"> --> end

    | table | [t](t.md) |
    |-------|-----------|

    [ref]: r.md#rr
    """)


def _documents() -> list[Path]:
    return sorted([*(REPO / "docs").rglob("*.md"), *(FIXTURES / "basic").rglob("*.md")])


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_engines_agree_on_real_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert document_refs(text, "pyrs") == document_refs(text, "py")


def test_engines_agree_on_edge_cases() -> None:
    assert document_refs(EDGE, "pyrs") == document_refs(EDGE, "py")


@pytest.mark.parametrize("engine", ["pyrs", "py"])
def test_edge_case_positions(engine: str) -> None:
    refs = document_refs(EDGE, engine)  # type: ignore[arg-type]
    assert refs.links == (
        Ref("link", "b.md", 3, 7),
        Ref("html_link", "y.md", 3, 25),
        Ref("image", "i.png", 4, 8),
        Ref("link", "https://e.x", 4, 32),
        Ref("link", "r.md#rr", 4, 46),
        Ref("link", "caf%C3%A9.md", 4, 60),
        Ref("link", "q.md", 6, 10),
        Ref("html_image", "n.png", 7, 12),
        Ref("link", "k.md", 7, 30),
        Ref("link", "l.md#z", 9, 8),
        Ref("link", "m.md", 10, 8),
        Ref("link", "d.md", 11, 13),
        Ref("html_image", "p.png", 14, 3),
        Ref("html_link", "h.md", 14, 22),
        Ref("link", "t.md", 22, 11),
    )
    assert refs.headings == (
        Heading(1, "Title em code & {#top}", 1),
        Heading(2, "Setext code & em", 17),
    )
    assert refs.anchors == (
        Anchor("attr", "pid", 0, 0),
        Anchor("html", "x", 3, 25),
        Anchor("html", "d", 13, 1),
        Anchor("html", "bare", 14, 22),
    )


def test_html_tags_reads_quoted_bare_and_entity_attributes() -> None:
    tags = list(html_tags('<a HREF="a&amp;b" id=\'i\' data-x=y>t</a><!-- <img src="x"> --><br/>'))
    assert tags == [(0, "a", {"href": "a&b", "id": "i", "data-x": "y"}), (61, "br", {})]
