"""Links, anchors and assets of a *built* site (``docgen check --site DIR``).

What the browser sees: every ``.html`` file is read once; its ids and its
``href``/``src`` references are taken with regular expressions over the start
tags, not with :mod:`html.parser`. The built pages are machine-written HTML
(MkDocs/Jinja templates), where a tag regex is exact for what we need, and the
pure-Python parser is about ten times slower; code shown in pages is entity-
escaped, so it never looks like a tag. References are resolved afterwards
against the set of files of the site (one directory walk) and the ids of the
target page, so the check is one pass over the files plus in-memory lookups.
A reference to ``dir/`` is fine when ``dir/index.html`` exists, as on any web
server; ``/x`` is taken relative to the site root.

Code: DG310 broken link, asset or anchor in the built HTML.
"""

from __future__ import annotations

import bisect
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from docgen.checks.anchors import is_generated
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.project import Project
from docgen.urls import page_url

_REF = re.compile(
    r"<(a|link|area|img|script|source|iframe|embed|video|audio|track)\s[^>]*?"
    r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""",
    re.IGNORECASE,
)
_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SKIP_TAGS = frozenset({"link"})  # only rel=stylesheet/icon/… files matter; see _rel_ok


@dataclass(frozen=True, slots=True)
class _Page:
    refs: tuple[tuple[int, str], ...]  # (offset, url)
    ids: frozenset[str]


def check_site(project: Project, site_dir: Path) -> list[Diagnostic]:
    """DG310 for each broken reference in the HTML under ``site_dir``."""
    site_dir = site_dir.resolve()
    files = _walk(site_dir)
    pages: dict[str, _Page] = {}
    for rel in files:
        if rel.endswith(".html"):
            pages[rel] = _read(site_dir / rel)
    sources = _sources_by_html(project)
    found: list[Diagnostic] = []
    for rel, page in pages.items():
        problems = [(o, u, w) for o, u in page.refs if (w := _broken(rel, u, files, pages))]
        if not problems:
            continue
        text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
        newlines = [m.start() for m in re.finditer("\n", text)]
        shown = _shown_path(project.root, site_dir / rel)
        origin = sources.get(rel)
        for offset, url, why in problems:
            line = bisect.bisect_left(newlines, offset) + 1
            column = offset - (newlines[line - 2] if line > 1 else -1)
            hint = f"the page is built from {origin}; fix the link there" if origin else ""
            found.append(
                Diagnostic(
                    "DG310",
                    Severity.ERROR,
                    Location(shown, line, column),
                    f"'{url}' {why}",
                    hint or "fix the template or the source that writes this link",
                )
            )
    return sorted(found, key=Diagnostic.sort_key)


def _walk(site_dir: Path) -> set[str]:
    files: set[str] = set()
    for folder, _dirs, names in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        lead = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        files.update(lead + name for name in names)
    return files


def _read(path: Path) -> _Page:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "<!--" in text:
        text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    refs: list[tuple[int, str]] = []
    for match in _REF.finditer(text):
        url = match.group(3) or match.group(4) or match.group(5) or ""
        if match.group(1).lower() in _SKIP_TAGS and not _rel_ok(match.group(0)):
            continue
        refs.append((match.start(), url))
    ids = {a or b or c for a, b, c in _ID.findall(text)}
    return _Page(tuple(refs), frozenset(ids))


def _rel_ok(tag: str) -> bool:
    # <link rel="canonical|alternate|preconnect"> name other sites or feeds.
    lowered = tag.lower()
    return not any(f'rel="{r}"' in lowered for r in ("canonical", "alternate", "preconnect"))


def _broken(page: str, url: str, files: set[str], pages: dict[str, _Page]) -> str:
    """Why ``url`` on ``page`` is broken, or ``""``."""
    if not url or url.startswith(("#!", "javascript:")):
        return ""
    url = url.replace("&amp;", "&")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return ""
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = "" if path.startswith("/") else posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if target == ".." or target.startswith("../"):
            return "points outside the site"
        if target == ".":
            target = "index.html"
        elif target not in files:
            index = f"{target}/index.html"
            if index not in files:
                return "points to a missing file"
            target = index
    if fragment and target.endswith(".html") and not is_generated(fragment):
        ids = pages[target].ids if target in pages else None
        if ids is not None and fragment not in ids:
            return f"has no target: no id '{fragment}' in {target}"
    return ""


def _sources_by_html(project: Project) -> dict[str, str]:
    """Built HTML file → its Markdown source (relative to the root), for hints."""
    docs = project.docs_dir
    if not docs.is_dir():
        return {}
    found: dict[str, str] = {}
    prefix = project.settings.docs_dir
    # index.md wins over README.md, as in MkDocs (sorted: "README" < "index").
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        url = page_url(src, project.use_directory_urls)
        html = url + "index.html" if url.endswith("/") or not url else url
        found[html] = f"{prefix}/{src}"
    return found


def _shown_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
