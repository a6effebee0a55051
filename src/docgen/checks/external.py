"""External URLs, checked only on request (``docgen check --external``).

CI often runs offline or on an intranet, so nothing is fetched by default. When
asked, each distinct URL is requested once (HEAD, then GET when HEAD fails: many
servers refuse HEAD), with a timeout and a bounded thread pool, using only the
standard library. Working URLs are remembered in ``cache_dir/external-links.json``
(URL → status and time) for :data:`CACHE_SECONDS`; broken ones are asked again
on every run, so a fixed link clears at once.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from docgen.diagnostics import Diagnostic, Location, Severity

CACHE_FILE = "external-links.json"
CACHE_SECONDS = 7 * 24 * 3600
USER_AGENT = "docgen-linkcheck/1 (+https://www.mkdocs.org)"


def check_external(
    urls: Iterable[tuple[str, Location]],
    cache_dir: Path,
    timeout: float = 10,
    concurrency: int = 8,
) -> list[Diagnostic]:
    """DG309 for every occurrence of an external URL that does not answer 2xx/3xx."""
    where: dict[str, list[Location]] = {}
    for url, location in urls:
        where.setdefault(url.split("#", 1)[0], []).append(location)
    cache_path = cache_dir / CACHE_FILE
    cache = _load(cache_path)
    now = time.time()
    fresh = {
        url
        for url in where
        if isinstance(cache.get(url), dict)
        and now - float(cache[url].get("checked", 0)) < CACHE_SECONDS
    }
    todo = sorted(set(where) - fresh)
    results: dict[str, tuple[int | None, str]] = {}
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            for url, result in zip(todo, pool.map(lambda u: _probe(u, timeout), todo), strict=True):
                results[url] = result
    found: list[Diagnostic] = []
    for url, (status, error) in results.items():
        if error:
            cache.pop(url, None)
            for location in where[url]:
                found.append(
                    Diagnostic(
                        "DG309",
                        Severity.ERROR,
                        location,
                        f"external link '{url}' is broken: {error}",
                        "fix or remove the URL; if the host is only reachable from elsewhere, "
                        "run `docgen check` without --external there",
                    )
                )
        else:
            cache[url] = {"status": status, "checked": now}
    _save(cache_path, cache)
    return sorted(found, key=Diagnostic.sort_key)


def _probe(url: str, timeout: float) -> tuple[int | None, str]:
    """(status, error); error is empty when the URL works."""
    if not url.startswith(("http://", "https://")):
        return None, ""
    first = _request(url, "HEAD", timeout)
    if not first[1] or first[1].startswith("timed out"):
        return first
    return _request(url, "GET", timeout)


def _request(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    # Only http(s) reaches here (see _probe): no file: or custom schemes.
    headers = {"User-Agent": USER_AGENT}
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if method == "GET":
                response.read(1024)
            return int(response.status), ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except TimeoutError:
        return None, f"timed out after {timeout:g} s"
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return None, f"timed out after {timeout:g} s"
        return None, f"unreachable ({reason})"
    except (OSError, ValueError) as error:
        return None, f"unreachable ({error})"


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, cache: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    temp.replace(path)
