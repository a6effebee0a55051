""" "Did you mean …?" for a link to nowhere, from a bounded set of candidates.

A broken link's hint must cost about as much as checking the link, or a site with
many broken links checks slower than a clean one. Candidates therefore come from
an index built once per set of paths, never from a scan of every path:

1. a sibling with a similar name (a typo): only names in the target's own folder
   that share the most three-letter runs with it (``page1207.md`` for
   ``missing-1207.md``), or are closest to it in length, at most
   :data:`MAX_CANDIDATES` of them;
2. the same file name in another folder (a page that moved), nearest folder first.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
import threading
from collections.abc import Collection
from dataclasses import dataclass, field

MAX_CANDIDATES = 64
"""Names compared with ``difflib`` for one hint."""
COMMON_GRAM = 256
"""A three-letter run shared by more names than this (``.md``) picks no candidates."""
CUTOFF = 0.5


@dataclass
class PathIndex:
    """Paths (POSIX, relative) by folder and by file name, with their name lengths."""

    by_folder: dict[str, list[str]] = field(default_factory=dict)
    """Folder → names in it, sorted."""
    by_length: dict[str, list[str]] = field(default_factory=dict)
    """Folder → names in it, sorted by length, then name."""
    grams: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Folder → three-letter run → the names in it that contain it."""
    by_name: dict[str, list[str]] = field(default_factory=dict)
    """File name → the paths that have it."""

    @classmethod
    def of(cls, paths: Collection[str]) -> PathIndex:
        index = cls()
        for path in paths:
            folder, name = posixpath.split(path)
            index.by_folder.setdefault(folder, []).append(name)
            index.by_name.setdefault(name, []).append(path)
        for folder, names in index.by_folder.items():
            names.sort()
            index.by_length[folder] = sorted(names, key=_by_length)
            if len(names) > MAX_CANDIDATES:
                grams: dict[str, list[str]] = {}
                for name in names:
                    for gram in _grams(name):
                        grams.setdefault(gram, []).append(name)
                index.grams[folder] = grams
        for found in index.by_name.values():
            found.sort()
        return index

    def closest(self, target: str) -> str | None:
        """The existing path ``target`` most likely meant, or ``None``."""
        folder, name = posixpath.split(posixpath.normpath(target))
        folder = "" if folder == "." else folder
        match = difflib.get_close_matches(name, self._candidates(folder, name), 1, CUTOFF)
        if match:
            return posixpath.join(folder, match[0]) if folder else match[0]
        moved = self.by_name.get(name)
        if moved:
            return min(moved, key=lambda p: (_distance(posixpath.dirname(p), folder), p))
        return None

    def _candidates(self, folder: str, name: str) -> list[str]:
        names = self.by_folder.get(folder, [])
        if len(names) <= MAX_CANDIDATES:
            return names
        shared: dict[str, int] = {}
        for gram in _grams(name):
            holders = self.grams[folder].get(gram, ())
            if len(holders) <= COMMON_GRAM:
                for holder in holders:
                    shared[holder] = shared.get(holder, 0) + 1
        most = 3 * MAX_CANDIDATES // 4
        best = sorted(shared, key=lambda n: (-shared[n], abs(len(n) - len(name)), n))[:most]
        rest = near_in_length(self.by_length[folder], name, MAX_CANDIDATES - most)
        return list(dict.fromkeys([*best, *rest]))


def _grams(name: str) -> set[str]:
    return {name[i : i + 3] for i in range(len(name) - 2)}


def _by_length(name: str) -> tuple[int, str]:
    return (len(name), name)


def near_in_length(names: list[str], name: str, most: int = MAX_CANDIDATES) -> list[str]:
    """At most ``most`` of ``names`` (sorted by length, then name): those around
    ``name`` in that order, so of about its length and, among equally long names,
    alphabetically near it (``page1243.md`` for ``page1234.md``)."""
    if len(names) <= most:
        return names
    at = bisect.bisect_left(names, _by_length(name), key=_by_length)
    start = max(0, min(at - most // 2, len(names) - most))
    return names[start : start + most]


def _distance(a: str, b: str) -> int:
    """Steps between two folders through their common ancestor."""
    parts_a, parts_b = a.split("/") if a else [], b.split("/") if b else []
    common = 0
    for x, y in zip(parts_a, parts_b, strict=False):
        if x != y:
            break
        common += 1
    return len(parts_a) + len(parts_b) - 2 * common


_LOCK = threading.Lock()
_INDEXES: dict[int, tuple[Collection[str], PathIndex]] = {}
_KEEP = 8


def index_of(paths: Collection[str]) -> PathIndex:
    """The index of ``paths``, built once for each collection object (a check's pools)."""
    with _LOCK:
        known = _INDEXES.get(id(paths))
        if known is not None and known[0] is paths:
            return known[1]
    index = PathIndex.of(paths)
    with _LOCK:
        if len(_INDEXES) >= _KEEP:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[id(paths)] = (paths, index)
    return index
