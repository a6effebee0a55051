"""check_external against a local server only (never the internet): status, timeout, cache."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from docgen.checks.external import CACHE_FILE, check_external
from docgen.diagnostics import Location

HITS: list[tuple[str, str]] = []


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, method: str) -> None:
        HITS.append((method, self.path))
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        status = {"/ok": 200, "/missing": 404}.get(self.path, 200)
        if self.path == "/nohead":
            status = 405 if method == "HEAD" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if method == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_statuses_timeouts_and_head_fallback(server: str, tmp_path: Path) -> None:
    here, there = Location("docs/a.md", 3, 5), Location("docs/b.md", 7, 1)
    urls = [
        (f"{server}/ok#section", here),
        (f"{server}/missing", here),
        (f"{server}/missing", there),
        (f"{server}/nohead", there),
        (f"{server}/slow", there),
    ]
    found = check_external(urls, tmp_path, timeout=0.5, concurrency=4)
    assert [(d.code, d.location, d.message.split(": ", 1)[1]) for d in found] == [
        ("DG309", here, "HTTP 404 Not Found"),
        ("DG309", there, "HTTP 404 Not Found"),
        ("DG309", there, "timed out after 0.5 s"),
    ]
    assert all(d.hint for d in found)


def test_working_urls_are_cached_and_broken_ones_asked_again(server: str, tmp_path: Path) -> None:
    where = Location("docs/a.md", 1, 1)
    urls = [(f"{server}/ok", where), (f"{server}/missing", where)]
    HITS.clear()
    assert len(check_external(urls, tmp_path)) == 1
    cache = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))
    assert set(cache) == {f"{server}/ok"} and cache[f"{server}/ok"]["status"] == 200
    first = list(HITS)
    HITS.clear()
    assert len(check_external(urls, tmp_path)) == 1
    assert ("HEAD", "/ok") in first and ("HEAD", "/ok") not in HITS
    assert ("HEAD", "/missing") in HITS


def test_unreachable_host_and_corrupt_cache(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_text("{not json", encoding="utf-8")
    where = Location("docs/a.md", 1, 1)
    found = check_external([("http://127.0.0.1:9/", where)], tmp_path, timeout=1)
    assert len(found) == 1 and "unreachable" in found[0].message
