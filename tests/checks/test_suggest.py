"""Hints for links to nowhere come from a bounded candidate set."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docgen.checks.suggest import MAX_CANDIDATES, PathIndex, index_of, near_in_length


def test_a_typo_finds_its_sibling_and_a_moved_page_its_new_folder() -> None:
    index = PathIndex.of(
        ["guide/install.md", "guide/usage.md", "ops/runbook.md", "ops/old/runbook.md", "a.md"]
    )
    assert index.closest("guide/instal.md") == "guide/install.md"
    assert index.closest("guide/runbook.md") == "ops/runbook.md"  # nearest folder first
    assert index.closest("ops/old/x/runbook.md") == "ops/old/runbook.md"
    assert index.closest("b.md") == "a.md"
    assert index.closest("guide/zzzzzzzz.md") is None


def test_a_folder_of_ten_thousand_pages_compares_a_bounded_few() -> None:
    names = sorted((f"page{i:04d}.md" for i in range(10_000)), key=lambda n: (len(n), n))
    window = near_in_length(names, "page1243.md")
    assert len(window) == MAX_CANDIDATES and "page1243.md" in window
    index = PathIndex.of([f"docs/{n}" for n in names])
    assert index.closest("docs/page1234x.md") in {"docs/page1234.md", "docs/page1235.md"}


def test_one_index_per_pool() -> None:
    pool = frozenset({"a.md", "b/c.md"})
    assert index_of(pool) is index_of(pool)
    assert index_of(frozenset({"a.md"})) is not index_of(pool)


@given(st.sets(st.from_regex(r"[a-z]{1,3}(/[a-z]{1,3}){0,2}\.md", fullmatch=True), max_size=30),
       st.from_regex(r"[a-z]{1,4}(/[a-z]{1,3}){0,2}\.md", fullmatch=True))  # fmt: skip
def test_a_suggestion_is_always_an_existing_path(paths: set[str], target: str) -> None:
    best = PathIndex.of(paths).closest(target)
    assert best is None or best in paths


def test_a_renamed_prefix_is_found_among_thousands() -> None:
    index = PathIndex.of([f"docs/page{i}.md" for i in range(2_000)] + ["docs/index.md"])
    assert index.closest("docs/missing-1207.md") == "docs/page1207.md"
    assert index.closest("docs/pgae1207.md") == "docs/page1207.md"
