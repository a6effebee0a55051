"""Page URLs as MkDocs builds them, computed from source paths alone.

Macros emit raw HTML, whose links MkDocs does not rewrite, so they must carry the
final relative URL. Keeping this pure (no MkDocs objects) lets any engine that calls
``define_env`` use it.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page ``src_path``."""
    path = PurePosixPath(src_path)
    stem = path.stem
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    if stem in ("index", "README"):
        return parent if use_directory_urls else f"{parent}index.html"
    if use_directory_urls:
        return f"{parent}{stem}/"
    return f"{parent}{stem}.html"


def relative_url(target: str, from_page: str) -> str:
    """Link from the page at URL ``from_page`` to the site URL ``target``."""
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page)
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


def link_between(src_target: str, src_from: str, use_directory_urls: bool = True) -> str:
    """Relative URL from the page built from ``src_from`` to the one from ``src_target``."""
    return relative_url(
        page_url(src_target, use_directory_urls), page_url(src_from, use_directory_urls)
    )
