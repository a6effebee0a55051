"""Links and anchors of the Markdown sources, resolved as MkDocs resolves them.

A Markdown link or image is resolved against the page's *source* folder, the way
MkDocs' ``_RelativePathTreeprocessor`` does: the target must be a file of the
docs (``Files``); links to folders and extension-less links are left unrewritten
by MkDocs, so they break in the built site. Links in raw HTML are never rewritten:
they are resolved against the page's *URL*. A link out of ``docs/`` into the
repository is fine when the file exists. Each page is parsed once (all links and
ids from one tree); all targets are looked up in in-memory sets built by one walk
of the repository, so no link costs a filesystem call.

Codes: DG301 missing page/file, DG302 missing anchor, DG303 missing image,
DG304 nav entry to a missing file, DG305 page not in nav, DG306 absolute link,
DG307 missing repository file outside docs, DG308 link escaping the repository.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from docgen.checks.anchors import is_generated, page_anchors, slugifier
from docgen.checks.docs_tree import (
    DocsTree,
    ParsedPage,
    RepoIndex,
    docs_tree,
    macros_by_default,
    not_in_nav,
    prepare,
    scan_repository,
    site_key,
)
from docgen.checks.suggest import index_of, near_in_length
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.markdown import Engine
from docgen.markdown_refs import Ref, document_refs
from docgen.parallel import map_chunks
from docgen.project import Project
from docgen.textfile import not_utf8, read_or_report
from docgen.urls import relative_url

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_IMAGE_KINDS = frozenset({"image", "html_image"})
_HTML_KINDS = frozenset({"html_link", "html_image"})


@dataclass(slots=True)
class SourceSet:
    """A project's repository index, docs tree and parsed pages (reused by other checks)."""

    project: Project
    repo: RepoIndex
    docs: DocsTree
    pages: dict[str, ParsedPage]
    relative_to_docs: bool = False
    """``validation.links.absolute_links: relative_to_docs``: ``/x.md`` is docs-relative."""

    def location(self, page: str, line: int, column: int) -> Location:
        parsed = self.pages.get(page)
        if parsed is not None and parsed.shifts and 0 < line <= len(parsed.shifts):
            column += parsed.shifts[line - 1]
        return Location(self.rel(page), line, column)

    def rel(self, page: str) -> str:
        return f"{self.docs.prefix}/{page}" if self.docs.prefix not in ("", ".") else page


def load_sources(project: Project, engine: Engine | None = None) -> SourceSet:
    """Walk the repository once and parse every page once."""
    skip = [str(project.config.get("site_dir") or "site").strip("/")]
    repo = scan_repository(project.root, skip)
    docs = docs_tree(project, repo)
    parsed = map_chunks(_parse_pages, (project, engine), docs.pages)
    pages = {page.src: page for page in parsed}
    validation = project.config.get("validation") or {}
    links = validation.get("links") if isinstance(validation, dict) else None
    mode = links.get("absolute_links") if isinstance(links, dict) else None
    return SourceSet(project, repo, docs, pages, relative_to_docs=mode == "relative_to_docs")


def _parse_pages(shared: tuple[Project, Engine | None], chunk: Sequence[str]) -> list[ParsedPage]:
    """Read and parse ``chunk`` (docs-relative page paths); runs in workers too."""
    project, engine = shared
    slugify, separator = slugifier(project)
    attr_list = "attr_list" in project.extensions
    macros = macros_by_default(project)
    base = project.docs_dir
    pages: list[ParsedPage] = []
    for page in chunk:
        decoded = read_or_report(base / page, page)  # gone since listed: DG002
        prepared = prepare(decoded.text, macros)
        refs = document_refs(prepared.text, engine)
        anchors = page_anchors(refs, slugify, separator, attr_list)
        bad = decoded.bad
        bad_byte = (bad.line, bad.column, decoded.byte) if bad is not None else None
        gone = decoded.unreadable
        pages.append(ParsedPage(page, refs, prepared.shifts, anchors, bad_byte, gone))
    return pages


def check_sources(project: Project, engine: Engine | None = None) -> list[Diagnostic]:
    """DG301–DG308 for every page of ``project``, sorted by location."""
    sources = load_sources(project, engine)
    found = [*_check_nav(sources), *_check_links(sources)]
    for page, parsed in sources.pages.items():
        if parsed.bad_byte is not None:
            line, column, byte = parsed.bad_byte
            found.append(not_utf8(Location(sources.rel(page), line, column), byte))
        if parsed.unreadable is not None:
            where = Location(sources.rel(page), 1)
            found.append(dataclasses.replace(parsed.unreadable, location=where))
    return sorted(found, key=Diagnostic.sort_key)


def external_links(project: Project) -> list[tuple[str, Location]]:
    """Every ``http(s)://`` link of the sources with where it is (for ``--external``)."""
    sources = load_sources(project)
    found: list[tuple[str, Location]] = []
    for page, parsed in sources.pages.items():
        for ref in parsed.refs.links:
            if ref.url.startswith(("http://", "https://")):
                found.append((ref.url, sources.location(page, ref.line, ref.column)))
    return found


# ------------------------------------------------------------------------- nav
def _check_nav(sources: SourceSet) -> Iterator[Diagnostic]:
    project, docs = sources.project, sources.docs
    if project.nav is None:
        return
    listed: set[str] = set()
    for entry in project.nav:
        target = posixpath.normpath(unquote(entry.target.split("#", 1)[0]))
        listed.add(target)
        if target in docs.files:
            continue
        why = docs.dropped.get(target)
        hint = f"{why}." if why else _closest("", target, docs.pages, "pages")
        yield Diagnostic(
            "DG304",
            _ERROR,
            entry.location,
            f"nav entry '{entry.target}' points to a file missing from {docs.prefix}/",
            hint or f"create {docs.prefix}/{target} or fix the path in nav",
        )
    ignored = not_in_nav(project)
    for page in docs.pages:
        if page not in listed and not ignored(page):
            yield Diagnostic(
                "DG305",
                _WARNING,
                Location(sources.rel(page), 1, 1),
                f"page '{page}' is not in nav",
                "add it to nav in mkdocs.yml, or list it under not_in_nav",
            )


# ----------------------------------------------------------------------- links
def _check_links(sources: SourceSet) -> Iterator[Diagnostic]:
    # Pages of one folder share most targets (`../index.md`, images): a Markdown
    # link's outcome depends on its folder only, so it is resolved once per folder.
    memo: dict[tuple[str, str, str], Finding | None] = {}
    dirname = posixpath.dirname
    for page, parsed in sources.pages.items():
        folder = dirname(page)
        for ref in parsed.refs.links:
            if ref.url.startswith("#") or ref.kind in _HTML_KINDS:
                found = _check_link(sources, page, parsed, ref)
            else:
                key = (folder, ref.kind, ref.url)
                if key in memo:
                    found = memo[key]
                else:
                    found = memo[key] = _check_link(sources, page, parsed, ref)
            if found is not None:
                code, message, hint = found
                severity = _WARNING if code == "DG306" else _ERROR
                where = sources.location(page, ref.line, ref.column)
                yield Diagnostic(code, severity, where, message, hint)


Finding = tuple[str, str, str]  # code, message, hint


def _check_link(sources: SourceSet, page: str, parsed: ParsedPage, ref: Ref) -> Finding | None:
    url = ref.url
    if not url:
        return None
    if ":" in url or url.startswith("//"):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # http:, mailto:, tel:, data:, … are not files
        raw_path, raw_fragment = parts.path, parts.fragment
    else:  # the common case, without urlsplit's cost
        rest, _, raw_fragment = url.partition("#")
        raw_path = rest.partition("?")[0]
    fragment = unquote(raw_fragment) if "%" in raw_fragment else raw_fragment
    path = unquote(raw_path) if "%" in raw_path else raw_path
    if not path:
        if fragment and fragment not in parsed.anchors and not is_generated(fragment):
            return _missing_anchor(url, fragment, page, parsed, same_page=True)
        return None
    if path.startswith(("/", "\\")):
        if not sources.relative_to_docs or ref.kind in _HTML_KINDS:
            return _absolute(sources, page, url, path)
        return _check_markdown(sources, "", ref, path.lstrip("/\\"), fragment)
    if ref.kind in _HTML_KINDS:
        return _check_html(sources, page, ref, path, fragment)
    return _check_markdown(sources, page, ref, path, fragment)


def _check_markdown(
    sources: SourceSet, page: str, ref: Ref, path: str, fragment: str
) -> Finding | None:
    docs = sources.docs
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == ".." or target.startswith("../"):
        return _outside(sources, page, ref, path)
    if target in docs.files:
        return _check_fragment(sources, ref.url, target, fragment)
    image = ref.kind in _IMAGE_KINDS
    code, what = ("DG303", "image") if image else ("DG301", "page or file")
    if target in docs.dropped:
        return code, f"link '{ref.url}' points to '{target}'", f"{docs.dropped[target]}."
    folder = "" if target == "." else target
    if folder in docs.dirs or target == ".":
        index = _index_of(docs, folder)
        suggestion = relative_from(page, index) if index else ""
        hint = "MkDocs leaves links to folders unrewritten (they break with directory URLs); " + (
            f"link the page itself: '{suggestion}'" if index else "link a page inside it"
        )
        return code, f"link '{ref.url}' points to the folder '{folder or '.'}'", hint
    hint = _guess(docs, page, path, target) or _closest(page, target, docs.files, "files")
    missing = f"{docs.prefix}/{target}" if docs.prefix not in ("", ".") else target
    return code, f"link '{ref.url}' points to a missing {what} '{missing}'", hint


def _check_fragment(sources: SourceSet, url: str, target: str, fragment: str) -> Finding | None:
    if not fragment:
        return None
    parsed = sources.pages.get(target)
    if parsed is None or fragment in parsed.anchors or is_generated(fragment):
        return None
    return _missing_anchor(url, fragment, target, parsed, same_page=False)


def _missing_anchor(
    url: str, fragment: str, target: str, parsed: ParsedPage, same_page: bool
) -> Finding:
    # A page's own anchors, the closest in length: bounded however many it has.
    by_length = sorted(parsed.anchors, key=lambda a: (len(a), a))
    close = difflib.get_close_matches(fragment, near_in_length(by_length, fragment), 3, 0.5)
    where = "on this page" if same_page else f"in '{target}'"
    if close:
        hint = "closest anchors: " + ", ".join(f"#{a}" for a in close)
    elif parsed.anchors:
        hint = "anchors there: " + ", ".join(f"#{a}" for a in sorted(parsed.anchors)[:5])
    else:
        hint = "the page has no headings or ids"
    return "DG302", f"link '{url}': no anchor '#{fragment}' {where}", hint


def _outside(sources: SourceSet, page: str, ref: Ref, path: str) -> Finding | None:
    base = posixpath.join(sources.docs.prefix, posixpath.dirname(page))
    target = posixpath.normpath(posixpath.join(base, path))
    if target == ".." or target.startswith("../"):
        return (
            "DG308",
            f"link '{ref.url}' leaves the repository",
            "link files inside the repository, or use an absolute https:// URL",
        )
    if sources.repo.exists(target):
        return None
    hint = _closest("", target, sources.repo.files, "repository files")
    return "DG307", f"link '{ref.url}' points to '{target}', missing from the repository", hint


def _absolute(sources: SourceSet, page: str, url: str, path: str) -> Finding:
    docs = sources.docs
    target = docs.url_to_page.get(site_key(path.lstrip("/")))
    if target is not None:
        hint = f"link the source file instead: '{relative_from(page, target)}'"
    elif path.lstrip("/") in docs.files:
        hint = f"link it relatively: '{relative_from(page, path.lstrip('/'))}'"
    else:
        hint = "use a relative link to the source file; absolute links break under a sub-path"
    return "DG306", f"absolute link '{url}' is left as is by MkDocs", hint


def _check_html(
    sources: SourceSet, page: str, ref: Ref, path: str, fragment: str
) -> Finding | None:
    # Raw HTML reaches the site verbatim: resolve against the page's URL.
    docs = sources.docs
    page_url = docs.url_of(page)
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    site_path = posixpath.normpath(posixpath.join(base, path))
    if site_path.startswith("../") or site_path == "..":
        return _outside(sources, page, ref, path)
    key = site_key(site_path)
    if key in docs.site_paths:
        target = docs.url_to_page.get(key)
        return _check_fragment(sources, ref.url, target, fragment) if target else None
    source_target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    code = "DG303" if ref.kind == "html_image" else "DG301"
    if source_target in docs.files:
        site_target = docs.url_of(source_target) if source_target in docs.pages else source_target
        good = relative_url(site_target, page_url)
        return (
            code,
            f"raw HTML link '{ref.url}' resolves to '{site_path}' in the built site",
            f"MkDocs does not rewrite links in raw HTML; write '{good}'",
        )
    if source_target.startswith("../") and sources.repo.exists(
        posixpath.normpath(posixpath.join(docs.prefix, source_target))
    ):
        return None
    hint = _closest(page, source_target, docs.files, "files")
    return code, f"raw HTML link '{ref.url}' points to a missing file '{site_path}'", hint


# --------------------------------------------------------------------- helpers
def relative_from(page: str, target: str) -> str:
    """The relative source path from ``page`` to ``target`` (both docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _index_of(docs: DocsTree, folder: str) -> str | None:
    for name in ("index.md", "README.md"):
        candidate = posixpath.join(folder, name) if folder else name
        if candidate in docs.files:
            return candidate
    return None


def _guess(docs: DocsTree, page: str, path: str, target: str) -> str:
    # MkDocs' own guesses: `x` / `x/` / `x.html` meant the page `x.md`.
    stem = target[: -len(".html")] if target.endswith(".html") else target
    if not posixpath.splitext(stem)[1] or target.endswith(".html"):
        for candidate in (f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"):
            if candidate in docs.files:
                return f"did you mean '{relative_from(page, candidate)}'?"
    return ""


def _closest(page: str, target: str, pool: Collection[str], what: str) -> str:
    best = index_of(pool).closest(target)  # bounded candidates (docgen.checks.suggest)
    if best is not None:
        return f"did you mean '{relative_from(page, best) if page else best}'?"
    return f"no such file among the {what}; fix the path or create it"
