"""check_sources: the seeded fixture site, MkDocs' resolution rules, the real docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.checks.links import check_sources, external_links
from docgen.diagnostics import Location, Severity
from docgen.project import load_project
from tests.checks.links_helpers import FIXTURES, found, make_project

REPO = Path(__file__).resolve().parents[2]
ENGINES = ["pyrs", "py"]

# Every seeded breakage of tests/fixtures/sites/basic, and nothing else.
BASIC_EXPECTED = {
    ("DG301", "docs/guide/setup.md", 17, 62),  # ../reference/ : a folder
    ("DG301", "docs/guide/setup.md", 18, 25),  # advanced : extension-less
    ("DG303", "docs/guide/setup.md", 20, 1),  # raw <img> resolved against the page URL
    ("DG301", "docs/guide/setup.md", 24, 9),  # inside an admonition body
    ("DG302", "docs/index.md", 5, 1),  # #instal
    ("DG301", "docs/index.md", 5, 49),  # guide/missing.md
    ("DG307", "docs/index.md", 10, 1),  # ../src/gone.py
    ("DG308", "docs/index.md", 10, 41),  # escapes the repository
    ("DG306", "docs/index.md", 11, 4),  # /guide/setup/
    ("DG303", "docs/index.md", 13, 26),  # assets/nope.png
    ("DG301", "docs/index.md", 17, 3),  # guide/ : a folder
    ("DG301", "docs/index.md", 18, 41),  # README.md dropped next to index.md
    ("DG302", "docs/index.md", 19, 24),  # #welcom
    ("DG302", "docs/index.md", 19, 67),  # [broken reference][bad]
    ("DG301", "docs/index.md", 29, 42),  # raw <a href="guide/setup.md">
    ("DG305", "docs/orphan.md", 1, 1),
    ("DG302", "docs/reference/api.md", 9, 44),  # #delete-items
    ("DG304", "mkdocs.yml", 30, 0),  # guide/removed.md
}


@pytest.mark.parametrize("engine", ENGINES)
def test_basic_fixture_finds_every_seeded_breakage_and_nothing_else(engine: str) -> None:
    diagnostics = check_sources(load_project(FIXTURES / "basic"), engine=engine)  # type: ignore[arg-type]
    assert found(diagnostics) == BASIC_EXPECTED
    by_code = {d.code: d for d in diagnostics}
    assert by_code["DG305"].severity is Severity.WARNING
    assert by_code["DG306"].severity is Severity.WARNING
    assert by_code["DG301"].severity is Severity.ERROR
    assert all(d.hint for d in diagnostics)


def test_hints_name_the_fix() -> None:
    diagnostics = check_sources(load_project(FIXTURES / "basic"))
    hints = {
        (d.location.path, d.location.line, d.location.column): d.hint
        for d in diagnostics
        if d.location
    }
    assert hints["docs/index.md", 5, 1] == "closest anchors: #install"
    assert "did you mean 'advanced.md'" in hints["docs/guide/setup.md", 18, 25]
    assert "'../reference/README.md'" in hints["docs/guide/setup.md", 17, 62]
    assert "write '../images/diagram.png'" in hints["docs/guide/setup.md", 20, 1]
    assert "write 'guide/setup/'" in hints["docs/index.md", 29, 42]
    assert "'guide/setup.md'" in hints["docs/index.md", 11, 4]
    assert "'index.md' exists" in hints["docs/index.md", 18, 41]
    assert "did you mean 'src/tool.py'" in hints["docs/index.md", 10, 1]


def test_real_repository_docs_are_clean() -> None:
    assert check_sources(load_project(REPO)) == []


def test_external_links_are_listed_with_their_location() -> None:
    links = external_links(load_project(FIXTURES / "basic"))
    assert links == [("https://example.com/docs", Location("docs/index.md", 20, 7))]


NAV = """\
nav:
  - index.md
"""


def test_nav_findings_only_when_nav_is_configured(tmp_path: Path) -> None:
    files = {"docs/index.md": "# Home\n", "docs/other.md": "# Other\n"}
    assert check_sources(make_project(tmp_path / "a", files, "")) == []
    with_nav = make_project(tmp_path / "b", files, NAV)
    assert found(check_sources(with_nav)) == {("DG305", "docs/other.md", 1, 1)}


def test_not_in_nav_and_exclude_docs_are_honoured(tmp_path: Path) -> None:
    files = {
        "docs/index.md": "# Home\n[draft](drafts/a.md) [secret](secret.md)\n",
        "docs/drafts/a.md": "# A\n",
        "docs/secret.md": "# S\n",
        "docs/.hidden.md": "# H\n",
    }
    config = NAV + "not_in_nav: |\n  drafts/\nexclude_docs: |\n  secret.md\n"
    diagnostics = check_sources(make_project(tmp_path, files, config))
    assert found(diagnostics) == {("DG301", "docs/index.md", 2, 22)}
    assert "excluded" in diagnostics[0].hint


def test_readme_is_the_index_without_index_md(tmp_path: Path) -> None:
    files = {
        "docs/README.md": "# Home\n[sub](sub/README.md#sub) [up](../README.md)\n",
        "docs/sub/README.md": "# Sub\n[home](../README.md)\n",
        "README.md": "# Repo\n",
    }
    config = "nav:\n  - README.md\n  - sub/README.md\n"
    assert check_sources(make_project(tmp_path, files, config)) == []


def test_no_mkdocs_yml_means_docs_folder_and_no_nav(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"docs/a.md": "# A\n[b](b.md)\n"})
    assert found(check_sources(project)) == {("DG301", "docs/a.md", 2, 1)}


def test_headings_slugs_as_toc_makes_them(tmp_path: Path) -> None:
    page = """\
        # Title

        ## Ünïcode &amp; `code` *em*

        ## Dup

        ## Dup

        ## Dup_1

        ## Explicit {#given .cls}

        ## Class only { .cls }

        ### <span>Tagged</span> heading

        [a](#unicode-code-em) [b](#dup) [c](#dup_1) [d](#dup_2)
        [f](#given) [g](#class-only) [h](#tagged-heading) [i](#title)
        """
    project = make_project(tmp_path, {"docs/a.md": page}, "markdown_extensions:\n  - attr_list\n")
    assert check_sources(project) == []


def test_without_attr_list_braces_stay_in_the_slug(tmp_path: Path) -> None:
    page = "# Explicit {#given}\n\n[a](#explicit-given) [b](#given)\n"
    project = make_project(tmp_path, {"docs/a.md": page}, "")
    assert found(check_sources(project)) == {("DG302", "docs/a.md", 3, 22)}


def test_pymdownx_slugify_is_used_when_configured(tmp_path: Path) -> None:
    page = "# Héllo Wörld\n\n[a](#héllo-wörld) [b](#hello-world)\n"
    config = """\
        markdown_extensions:
          - toc:
              slugify: !!python/object/apply:pymdownx.slugs.slugify
                kwds:
                  case: lower
        """
    project = make_project(tmp_path, {"docs/a.md": page}, config)
    assert found(check_sources(project)) == {("DG302", "docs/a.md", 3, 19)}


def test_macro_pages_ignore_jinja(tmp_path: Path) -> None:
    files = {
        "docs/a.md": "# A\n[x]({{ url }}) {% if x %}[y](nope.md){% endif %} [z](b.md)\n",
        "docs/plain.md": "---\nrender_macros: false\n---\n# P\n[x]({{url}})\n",
    }
    config = "plugins:\n  - macros\n"
    diagnostics = check_sources(make_project(tmp_path, files, config))
    # Only expressions are blanked: a link between `{% if %}` tags is still checked.
    assert found(diagnostics) == {
        ("DG301", "docs/a.md", 2, 26),
        ("DG301", "docs/a.md", 2, 50),
        ("DG301", "docs/plain.md", 5, 1),
    }


def test_links_in_code_and_comments_are_ignored(tmp_path: Path) -> None:
    page = """\
        # A

        `[x](nope.md)` and ``<a href="nope.md">``

        ~~~
        [x](nope.md)
        ~~~

        <!-- [x](nope.md) <img src="nope.png"> -->

        > [quoted](nope.md)
        """
    diagnostics = check_sources(make_project(tmp_path, {"docs/a.md": page}, ""))
    assert found(diagnostics) == {("DG301", "docs/a.md", 11, 3)}


def test_nested_admonitions_and_tabs_keep_source_columns(tmp_path: Path) -> None:
    page = """\
        # A

        === "Tab"

            !!! note

                Deep [x](nope.md).

            Back [y](gone.md)
        """
    diagnostics = check_sources(make_project(tmp_path, {"docs/a.md": page}, ""))
    assert found(diagnostics) == {("DG301", "docs/a.md", 7, 14), ("DG301", "docs/a.md", 9, 10)}


def test_raw_html_without_directory_urls(tmp_path: Path) -> None:
    files = {
        "docs/index.md": '# I\n<a href="guide/a.html#s">a</a> <a href="guide/a.html#t">t</a>\n',
        "docs/guide/a.md": "# A\n## S\n<img src='../pic.png'> <img src='pic.png'>\n",
        "docs/pic.png": "",
    }
    project = make_project(tmp_path, files, "use_directory_urls: false\n")
    assert found(check_sources(project)) == {
        ("DG302", "docs/index.md", 2, 32),
        ("DG303", "docs/guide/a.md", 3, 24),
    }


def test_absolute_links_relative_to_docs_mode(tmp_path: Path) -> None:
    files = {"docs/a.md": "# A\n[b](/b.md) [c](/c.md)\n", "docs/b.md": "# B\n"}
    config = "validation:\n  links:\n    absolute_links: relative_to_docs\n"
    assert found(check_sources(make_project(tmp_path, files, config))) == {
        ("DG301", "docs/a.md", 2, 12)
    }


def test_query_encoding_and_links_into_pruned_folders(tmp_path: Path) -> None:
    files = {
        "docs/a b.md": "# A\n[s](a%20b.md?x=1#a) [n](../node_modules/pkg/README.md)\n",
        "node_modules/pkg/README.md": "# pkg\n",
    }
    assert check_sources(make_project(tmp_path, files, "")) == []


def test_parallel_parsing_gives_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen import parallel

    project = load_project(FIXTURES / "basic")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    assert found(check_sources(project)) == BASIC_EXPECTED
