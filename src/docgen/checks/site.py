"""Links, anchors and assets of a *built* site (``docgen check --site DIR``).

What the browser sees: every ``.html`` file is read once (large sites spread
over the cores); its ``href``/``src`` references are taken with a regular
expression over the start tags of ``<a>``, ``<img>``, ``<script>``, ``<link>``…,
and its ids with a literal ``id="…"`` scan, not with :mod:`html.parser`. The
pages are machine-written HTML (MkDocs/Jinja templates), where these patterns
are exact for what we need, and the pure-Python parser is about ten times
slower; code shown in pages is entity-escaped, so it never looks like a tag.
References are resolved afterwards against the set of files of the site (one
directory walk) and the ids of the target page: one pass over the files plus
in-memory lookups. A reference to ``dir/`` is fine when ``dir/index.html``
exists, as on any web server; ``/x`` is taken relative to the site root. A link
out of the site (e.g. to ``../README.md`` in the repository) is reported: it
works in the sources, not in the published site.

Code: DG310 broken link, asset or anchor in the built HTML.
"""

from __future__ import annotations

import bisect
import html
import os
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from urllib.parse import unquote, urlsplit

from docgen.checks.anchors import is_generated
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.parallel import map_chunks
from docgen.project import Project
from docgen.textfile import read_or_report
from docgen.urls import page_url


def _any_case(word: str) -> str:
    """``[aA]`` for each letter: cheaper for the regex engine than IGNORECASE."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_REF_TAGS = ("a", "area", "img", "script", "source", "iframe", "embed", "video", "audio", "track")
# One group: the attribute value with its quotes (stripped once per distinct value).
_REF = re.compile(
    rf"<(?:{'|'.join(_any_case(t) for t in _REF_TAGS)})\s[^>]*?"
    rf"\b(?:{_any_case('href')}|{_any_case('src')})\s*=\s*"
    r"""("[^"]*"|'[^']*'|[^\s>"']+)"""
)
_LINK = re.compile(r"<link\s[^>]*>", re.IGNORECASE)
_LINK_HREF = re.compile(r"""\bhref\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""")
# Ids by a literal scan (30x faster than `\bid=`); a `data-id=` or an `id="…"`
# that is only text can add an id, never hide a broken link. `<a name>` is
# read when `name` is the first attribute, as such anchors are written.
_ID = re.compile(r"""id=(?:"([^"]*)"|'([^']*)')""")
_A_NAME = re.compile(r"""<a\s+name=(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True, slots=True)
class _Page:
    refs: tuple[str, ...]
    """Each URL once, except those already known to be fine (the nav, mostly)."""
    ids: frozenset[str]


def check_site(project: Project, site_dir: Path) -> list[Diagnostic]:
    """DG310 for each broken reference in the HTML under ``site_dir``."""
    site_dir = site_dir.resolve()
    files = _walk(site_dir)
    html_files = sorted(rel for rel in files if rel.endswith(".html"))
    read = map_chunks(_read_pages, (site_dir, frozenset(files)), html_files)
    pages = dict(zip(html_files, read, strict=True))
    sources = _sources_by_html(project)
    found: list[Diagnostic] = []
    # A URL's outcome depends only on the folder its leading `../` climb to, so
    # what is repeated on many pages is resolved once per distinct start point.
    memo: dict[tuple[str, str, bool], str] = {}
    climbs: dict[str, int] = {}
    for rel, page in pages.items():
        parts = rel.split("/")[:-1]
        depth = len(parts)
        prefixes = ["/".join(parts[:i]) for i in range(depth + 1)]
        broken: dict[str, str] = {}
        for url in page.refs:
            up = climbs.get(url)
            if up is None:
                up = climbs[url] = _climb(url)
            if up < 0:
                why = _broken(rel, url, files, pages)
            else:
                outside = up > depth
                key = ("" if outside else prefixes[depth - up], url, outside)
                why = memo.get(key)  # type: ignore[assignment]
                if why is None:
                    why = memo[key] = _broken(rel, url, files, pages)
            if why:
                broken[url] = why
        if not broken:
            continue
        text = read_or_report(site_dir / rel, rel).text
        newlines = [m.start() for m in re.finditer("\n", text)]
        shown = _shown_path(project.root, site_dir / rel)
        origin = sources.get(rel)
        # Every occurrence, in document order.
        problems = [(url, broken[url]) for url in _refs(text) if url in broken]
        offsets = _offsets(text, [u for u, _ in problems])
        for offset, (url, why) in zip(offsets, problems, strict=True):
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


def _read_pages(shared: tuple[Path, frozenset[str]], chunk: Sequence[str]) -> list[_Page]:
    """Read a chunk of pages; URLs already seen fine at a page's depth are dropped.

    A URL that climbs from its page to the site root (``../../x/`` on a page two
    folders deep) and has no fragment means the same file on every page of that
    depth, so once it resolves to a file it is fine there everywhere: the nav that
    every page repeats is then dropped with one set difference per page.
    """
    site_dir, files = shared
    fine: dict[int, set[str]] = {}
    return [_read(site_dir, rel, files, fine) for rel in chunk]


def _read(site_dir: Path, rel: str, files: frozenset[str], fine: dict[int, set[str]]) -> _Page:
    text = read_or_report(site_dir / rel, rel).text
    depth = rel.count("/")
    known = fine.setdefault(depth, set())
    text = _without_comments(text)
    refs: list[str] = []
    for raw in set(_raw_refs(text)) - known:
        url = _url(raw)
        if "#" not in url and _climb(url) == depth and not _broken(rel, url, files, {}):
            known.add(raw)
        else:
            refs.append(intern(url))
    ids = {a or b for a, b in _ID.findall(text)}
    if "<a name" in text:
        ids.update(a or b for a, b in _A_NAME.findall(text))
    return _Page(tuple(sorted(refs)), frozenset(intern(i) for i in ids))


def _without_comments(text: str, blank: bool = False) -> str:
    """``text`` without its ``<!-- … -->`` comments (a find loop: no regex scan).

    With ``blank``, each comment becomes spaces (its newlines kept), so that
    offsets and lines stay those of the file.
    """
    start = text.find("<!--")
    if start < 0:
        return text
    parts: list[str] = []
    end = 0
    while start >= 0:
        parts.append(text[end:start])
        close = text.find("-->", start + 4)
        end = len(text) if close < 0 else close + 3
        if blank:
            parts.append("".join(c if c == "\n" else " " for c in text[start:end]))
        start = text.find("<!--", end)
    parts.append(text[end:])
    return "".join(parts)


def _raw_refs(text: str) -> list[str]:
    """Attribute values (quotes included) of the references of a page, in order."""
    refs: list[str] = _REF.findall(text)
    for tag in _LINK.findall(text):
        lowered = tag.lower()
        if not any(f'rel="{r}"' in lowered for r in ("canonical", "alternate", "preconnect")):
            refs.extend(_LINK_HREF.findall(tag))
    return refs


def _refs(text: str) -> list[str]:
    """The URLs a page references, in order (``<link>`` ones last)."""
    return [_url(raw) for raw in _raw_refs(_without_comments(text, blank=True))]


def _url(raw: str) -> str:
    """An attribute value as the browser reads it: unquoted, entities decoded."""
    if raw[:1] in ("'", '"'):
        raw = raw[1:-1]
    return html.unescape(raw) if "&" in raw else raw


def _offsets(text: str, urls: list[str]) -> list[int]:
    """Where each (broken) URL's attribute is in ``text``, in order of appearance."""
    cursor: dict[str, int] = {}
    offsets = []
    for url in urls:
        start = cursor.get(url, 0)
        best = -1
        for quoted in (f'"{url}"', f"'{url}'", f'"{html.escape(url)}"', f"={url}"):
            at = text.find(quoted, start)
            if at >= 0 and (best < 0 or at < best):
                best = at
        cursor[url] = best + 1 if best >= 0 else start
        tag = text.rfind("<", 0, best) if best >= 0 else -1
        offsets.append(max(tag, 0))
    return offsets


def _broken(page: str, url: str, files: AbstractSet[str], pages: dict[str, _Page]) -> str:
    """Why ``url`` on ``page`` is broken, or ``""``."""
    if not url or url.startswith(("#!", "javascript:")):
        return ""
    if ":" in url or url.startswith("//"):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return ""
        raw_path, raw_fragment = parts.path, parts.fragment
    else:
        rest, _, raw_fragment = url.partition("#")
        raw_path = rest.partition("?")[0]
    fragment = unquote(raw_fragment) if "%" in raw_fragment else raw_fragment
    path = unquote(raw_path) if "%" in raw_path else raw_path
    if not path:
        target = page
    else:
        resolved = _resolve("" if path.startswith("/") else page, path)
        if resolved is None:
            return "points outside the site"
        target = resolved or "index.html"
        if target not in files:
            index = f"{target}/index.html" if resolved else "index.html"
            if index not in files:
                return "points to a missing file"
            target = index
    if fragment and target.endswith(".html") and not is_generated(fragment):
        ids = pages[target].ids if target in pages else None
        if ids is not None and fragment not in ids:
            return f"has no target: no id '{fragment}' in {target}"
    return ""


def _climb(url: str) -> int:
    """How many leading ``../`` the URL has; -1 for a same-page or empty URL."""
    if not url or url.startswith("#"):
        return -1
    up = 0
    while url.startswith("../", 3 * up):
        up += 1
    return up


def _resolve(page: str, path: str) -> str | None:
    """``path`` resolved from the folder of ``page``; ``None`` when it leaves the site."""
    parts = page.split("/")[:-1] if page else []
    for segment in path.split("/"):
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment and segment != ".":
            parts.append(segment)
    return "/".join(parts)


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
