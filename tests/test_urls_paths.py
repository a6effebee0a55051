"""Page URLs as MkDocs builds them, and paths that must stay inside the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import PathOutsideRootError
from docgen.paths import resolve_inside
from docgen.urls import link_between, page_url


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("plans/X.md", True, "plans/X/"),
        ("plans/README.md", True, "plans/"),
        ("plans/X.md", False, "plans/X.html"),
        ("index.md", False, "index.html"),
    ],
)
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("target", "source", "directory_urls", "href"),
    [
        ("plans/P.md", "index.md", True, "plans/P/"),
        ("plans/P.md", "plans/M.md", True, "../P/"),
        ("index.md", "plans/M.md", True, "../../"),
        ("plans/P.md", "plans/P.md", True, "./"),
        ("plans/P.md", "plans/M.md", False, "P.html"),
        ("index.md", "plans/M.md", False, "../index.html"),
    ],
)
def test_link_between(target: str, source: str, directory_urls: bool, href: str) -> None:
    assert link_between(target, source, directory_urls) == href


def test_resolve_inside_refuses_escapes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert resolve_inside(tmp_path, "docs") == (tmp_path / "docs").resolve()
    with pytest.raises(PathOutsideRootError, match="outside the repository root"):
        resolve_inside(tmp_path, "../elsewhere")
    with pytest.raises(PathOutsideRootError):
        resolve_inside(tmp_path, "/etc")
    (tmp_path / "link").symlink_to("/tmp")
    with pytest.raises(PathOutsideRootError):
        resolve_inside(tmp_path, "link")
