"""Both markdown-it engines give the same outline, on real documents and edge cases."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.markdown import ENGINE, Entry, inline_parts, outline, plain_text

pytest.importorskip("markdown_it_pyrs")

REPO = Path(__file__).resolve().parent.parent
EDGE_CASES = dedent("""\
    # Title with `code` and *emphasis*

    - [x] item `one`
      continued on a second line

      - [ ] nested item
    - [ ] second

    > - [ ] quoted item
    > more quote

    ```markdown
    - [ ] fenced item
    ```

        - [ ] indented code

    <div>
    - [ ] raw html
    </div>

    Setext heading
    --------------

    1. [ ] ordered
    2) [x] ordered paren

    * star
    + plus

    - loose item

      second paragraph of the loose item

    - item with a fence:
      ```
      code
      ```
    -
    - > quote in an item
    """)


def _docs() -> list[Path]:
    return [*sorted((REPO / "docs").rglob("*.md")), REPO / "README.md"]


@pytest.mark.parametrize("path", _docs(), ids=lambda p: p.name)
def test_engines_agree_on_real_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outline(text, 1, "pyrs") == outline(text, 1, "py")


def test_engines_agree_on_edge_cases() -> None:
    assert outline(EDGE_CASES, 3, "pyrs") == outline(EDGE_CASES, 3, "py")


def test_outline_of_edge_cases() -> None:
    entries = outline(EDGE_CASES, 1)
    items = [(e.line, e.depth, e.raw) for e in entries if e.kind == "item"]
    assert items[:3] == [
        (3, 0, "[x] item `one`\ncontinued on a second line"),
        (6, 1, "[ ] nested item"),
        (7, 0, "[ ] second"),
    ]
    assert not [
        e
        for e in entries
        if "fenced" in e.raw or "quoted" in e.raw or "raw html" in e.raw or "indented" in e.raw
    ]
    headings = [(e.line, e.level, e.raw) for e in entries if e.kind == "heading"]
    assert headings == [(1, 1, "Title with `code` and *emphasis*"), (22, 2, "Setext heading")]
    assert Entry("paragraph", 33, "second paragraph of the loose item", 0, 0, False) in entries


@pytest.mark.parametrize("engine", ["pyrs", "py"])
def test_inline_parts(engine: str) -> None:
    parts = inline_parts("see `beam/README.md` and [guide](../g.md#x), not https://x.io", engine)  # type: ignore[arg-type]
    assert parts.code == ("beam/README.md",)
    assert parts.links == ("../g.md#x",)
    assert "see" in parts.prose and "not https://x.io" in parts.prose
    assert plain_text("Phase `2` *plan*", engine) == "Phase 2 plan"  # type: ignore[arg-type]


def test_default_engine_is_the_fast_one() -> None:
    assert ENGINE == "pyrs"


PLAN_EDGE_CASES = EDGE_CASES + dedent("""\

    ## Section after the edge cases

    - [x] item
    - [X]\ttab after the box
    - [ ] heading
    - [x]
    - [ x] near miss
    -[x] no space
    - [x]no space after the box
    1. [ ] `code` first
       - [x] nested under ordered

    A paragraph that says -[x] in passing.

    - # heading in an item
    """)


@pytest.mark.parametrize(
    "name,text",
    [("edge-cases", PLAN_EDGE_CASES)] + [(p.name, p.read_text(encoding="utf-8")) for p in _docs()],
)
def test_plans_parse_the_same_with_both_engines(name: str, text: str) -> None:
    from docgen.plans.parser import count_items, parse_plan

    fast = parse_plan(text, f"docs/{name}", "pyrs")
    slow = parse_plan(text, f"docs/{name}", "py")
    assert fast == slow
    assert fast.bad_markers == slow.bad_markers
    assert count_items(text) == (fast.done, fast.total)


def test_fast_task_items_are_real_items() -> None:
    from docgen.plans.parser import parse_plan

    plan = parse_plan(PLAN_EDGE_CASES, "docs/x.md", "pyrs")
    section = plan.sections[0].subsections[-1]
    assert section.title == "Section after the edge cases"
    assert [(i.text, i.checked, i.depth) for i in section.items] == [
        ("item", True, 0),
        ("tab after the box", True, 0),
        ("heading", False, 0),
        ("`code` first", False, 0),
        ("nested under ordered", True, 1),
    ]
    # Near misses are reported; a `-[x]` in the middle of prose is not one.
    assert [m.text for m in plan.bad_markers][-3:] == [
        "[ x] near miss",
        "-[x] no space",
        "[x]no space after the box",
    ]


# Constructs found in real READMEs and changelogs where the engines once differed.
REAL_WORLD = dedent("""\
    # rustfmt [![linux](https://example.com/b.svg)](https://example.com/ci)

    ### 2. \\<nodejs.org> access &amp; more

    #### Support for `AbortSignal` in child\\_process

    Please read the file [INSTALL][] and see <https://git-scm.com/> for more.

    * `extra` {Object}
      * `attributes` {Object} The data from the attribute:
        ```mjs
        import foo from 'foo';
        ```
        Per ECMA-262, hosts are expected to trigger an error if an
        unsupported attribute [x] is present.
      * [ ] `assert` {Object} Alias for `extra.attributes`.

    **Performance:** fast, with a [guide](docs/guide.md#setup).

    [INSTALL]: INSTALL
    [Documentation/gittutorial.txt]: Documentation/gittutorial.txt
    """)


@pytest.mark.parametrize("engine", ["pyrs", "py"])
def test_real_world_constructs(engine: str) -> None:
    from docgen.markdown import inline_parts_by_line
    from docgen.plans.parser import parse_plan

    entries = outline(REAL_WORLD, 1, engine)  # type: ignore[arg-type]
    kinds = [(e.kind, e.line) for e in entries]
    # The paragraph after the fence in a tight item is kept; definitions are not blocks.
    assert ("paragraph", 14) in kinds
    assert kinds[-1] == ("paragraph", 18)
    plan = parse_plan(REAL_WORLD, "docs/x.md", engine)  # type: ignore[arg-type]
    titles = [plan.sections[0].title, plan.sections[0].subsections[0].title]
    assert titles == ["rustfmt", "2. <nodejs.org> access & more"]
    assert plan.sections[0].subsections[0].subsections[0].title == (
        "Support for AbortSignal in child_process"
    )
    assert [(i.text, i.line, i.depth) for i in plan.all_items()] == [
        ("`assert` {Object} Alias for `extra.attributes`.", 16, 1)
    ]
    parts = inline_parts_by_line(REAL_WORLD, 1, engine)  # type: ignore[arg-type]
    assert parts[7].links == ("INSTALL", "https://git-scm.com/")
    assert parts[18].prose.split() == ["Performance:", "fast,", "with", "a", "guide", "."]
    assert parts[18].links == ("docs/guide.md#setup",)


def test_engines_agree_on_real_world_constructs() -> None:
    from docgen.markdown import inline_parts_by_line
    from docgen.plans.parser import parse_plan

    assert outline(REAL_WORLD, 1, "pyrs") == outline(REAL_WORLD, 1, "py")
    assert parse_plan(REAL_WORLD, "x.md", "pyrs") == parse_plan(REAL_WORLD, "x.md", "py")
    assert inline_parts_by_line(REAL_WORLD, 1, "pyrs") == inline_parts_by_line(REAL_WORLD, 1, "py")


# markdown-it-pyrs 0.4 panics (a pyo3 PanicException, which is a BaseException) on an
# unclosed "[" before a backtick run that has no partner; found by the property tests.
PANICS = [
    "a [ b ` c\n",
    "see [`x` and `y\n",
    "![`\n",
    "- a [ ` b\n- c ` d\n",  # every run has a partner in the document, not in its item
    "a [ ` b\n\nc ` d\n",
]


@pytest.mark.skipif(ENGINE != "pyrs", reason="markdown-it-pyrs is not installed")
@pytest.mark.parametrize("text", PANICS)
def test_inputs_that_panic_the_rust_engine_are_read_by_the_python_one(text: str) -> None:
    import markdown_it_pyrs

    from docgen.markdown import code_and_tables, inline_parts_by_line, task_outline
    from docgen.markdown_refs import document_refs
    from docgen.plans.parser import parse_plan

    with pytest.raises(BaseException, match="index out of bounds"):
        markdown_it_pyrs.MarkdownIt("commonmark").render(text)  # still broken upstream
    assert document_refs(text, "pyrs") == document_refs(text, "py")
    assert inline_parts_by_line(text, 1, "pyrs") == inline_parts_by_line(text, 1, "py")
    assert outline(text, engine="pyrs") == outline(text, engine="py")
    assert task_outline(text, engine="pyrs") == task_outline(text, engine="py")
    assert code_and_tables(text, engine="pyrs") == code_and_tables(text, engine="py")
    plan = f"# Phase 1\n\n- [x] {text}"
    assert parse_plan(plan, "p.md", "pyrs") == parse_plan(plan, "p.md", "py")
