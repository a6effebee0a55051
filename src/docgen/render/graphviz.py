"""The one place that runs Graphviz ``dot``; its output is cached.

The cache key is (DOT text, Graphviz version, format), so a rebuild that changes no
source never starts ``dot`` again. SVG is post-processed for inlining in HTML:
no XML prolog or DOCTYPE, no comments, no blank lines (Markdown would end a raw
HTML block there). The SVG is sized at one pixel per point (labels at about
12 px, legible without zoom); the page's figure scrolls sideways when a diagram is
wider than the text column, rather than shrinking its labels.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import threading
from functools import lru_cache

from docgen.errors import GraphvizNotFoundError

INSTALL_HINT = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), "
    "`brew install graphviz` (macOS), or run `make site`, which installs it"
)

_cache: dict[str, str] = {}
_lock = threading.Lock()
_running: dict[str, threading.Lock] = {}
_PROLOG = re.compile(r"<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


@lru_cache(maxsize=1)
def dot_version() -> str:
    """``dot -V`` output; raises :class:`GraphvizNotFoundError` when ``dot`` is missing."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizNotFoundError(f"Graphviz `dot` was not found on PATH; {INSTALL_HINT}")
    done = subprocess.run([exe, "-V"], capture_output=True, text=True, check=False)
    return (done.stderr or done.stdout).strip()


def render(dot_source: str, fmt: str = "svg") -> str:
    """Run ``dot -T<fmt>`` on ``dot_source`` (cached) and return its text output."""
    version = dot_version()
    key = hashlib.sha256(f"{version}\0{fmt}\0{dot_source}".encode()).hexdigest()
    with _lock:  # one `dot` per key, even when threads ask for it at once
        lock = _running.setdefault(key, threading.Lock())
    with lock:
        if key in _cache:
            return _cache[key]
        done = subprocess.run(
            ["dot", f"-T{fmt}"], input=dot_source, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise GraphvizNotFoundError(f"`dot` failed ({done.returncode}): {done.stderr.strip()}")
        _cache[key] = done.stdout
        return done.stdout


def inline_svg(dot_source: str, title: str) -> str:
    """SVG markup ready to sit inside an HTML page (responsive, accessible)."""
    svg = render(dot_source, "svg")
    svg = _COMMENT.sub("", _PROLOG.sub("", svg))
    svg = _SIZE.sub(
        lambda m: (
            f'<svg role="img" aria-label="{_attr(title)}" '
            f'width="{m.group(1)}px" height="{m.group(2)}px"'
        ),
        svg,
        count=1,
    )
    return "\n".join(line for line in svg.splitlines() if line.strip())


_NOT_XML = {c: f"\\x{c:02X}" for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}
_NOT_XML |= {0xFFFE: "\\uFFFE", 0xFFFF: "\\uFFFF", 0x0D: " "}


def xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold written out visibly (``\\x01``)."""
    return text.translate(_NOT_XML) if not text.isprintable() else text


def _attr(text: str) -> str:
    text = xml_safe(text)
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
