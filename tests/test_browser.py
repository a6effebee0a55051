"""The built site in a real headless Chromium, served on localhost under a sub-path.

Light and dark palettes; the diagram is visible, the console stays clean and no
request leaves localhost (the intranet has no internet).
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SUBPATH = "intranet/decisiongraph/docs/"
PAGES = {
    "home": "",
    "phase2": "plans/PHASE_2_EXECUTION_PLAN/",
    "tree": "architecture/BEAM_SUPERVISION_TREE/",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(
    engine_site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Each engine's build, served on 127.0.0.1 under a sub-path."""
    _engine, built_site = engine_site
    webroot = tmp_path_factory.mktemp("webroot")
    shutil.copytree(built_site, webroot / SUBPATH)
    handler = functools.partial(_QuietHandler, directory=str(webroot))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_exe: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_key", list(PAGES))
def test_page_renders_offline(
    browser: Any, base_url: str, page_key: str, scheme: str, tmp_path: Path
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(base_url + PAGES[page_key], wait_until="networkidle")
    assert response is not None and response.status == 200

    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert page.locator("nav.md-nav--primary").count() >= 1

    if page_key == "tree":
        svg = page.locator(".dg-diagram svg").first
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        assert page.locator(".dg-diagram svg g.node").count() > 10
    if page_key == "phase2":
        overall = page.locator(".dg-progress progress").first
        assert overall.is_visible()
        assert int(overall.get_attribute("max") or 0) > 50
        assert page.locator("li.task-list-item").count() > 50
    if page_key == "home":
        link = page.locator("table.dg-roadmap a").first
        assert link.is_visible()
        link.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/plans/PHASE_2_EXECUTION_PLAN/")
        assert page.locator(".dg-progress progress").count() >= 1

    page.screenshot(path=str(tmp_path / f"{page_key}-{scheme}.png"), full_page=False)
    context.close()

    outside = [
        u
        for u in requests
        if not u.startswith("http://127.0.0.1:") and not u.startswith(("data:", "blob:"))
    ]
    assert outside == [], f"requests left localhost: {outside}"
    assert errors == [], f"console errors: {errors}"


def test_search_works_offline(browser: Any, base_url: str, engine_site: tuple[str, Path]) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    if engine_site[0] == "zensical":
        # Zensical's search is a dialog in a shadow root (Playwright's CSS pierces it).
        page.locator("button.md-search__button").first.click()
        page.locator('input[role="combobox"][aria-label="Search"]').fill("projector")
        results = page.locator('ol[role="listbox"] > li')
    else:
        page.keyboard.press("/")  # Material's search shortcut focuses the search box
        page.keyboard.type("projector")
        results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    context.close()
    assert [u for u in requests if not u.startswith("http://127.0.0.1:")] == []
