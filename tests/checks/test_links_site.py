"""check_site on a real ``mkdocs build`` of the fixture, with breakage seeded after."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen.checks.site import check_site
from docgen.project import load_project
from tests.checks.links_helpers import FIXTURES

# (HTML file, URL) of every broken reference: the source breakage MkDocs carries
# into the site (left as is), the nav entry to a missing page (on every page),
# and what is seeded after the build (last three).
REMOVED_NAV = {
    ("404.html", "/guide/removed.md"),
    ("index.html", "guide/removed.md"),
    ("drafts/notes/index.html", "../../guide/removed.md"),
    ("guide/index.html", "removed.md"),
    ("guide/advanced/index.html", "../removed.md"),
    ("guide/my page/index.html", "../removed.md"),
    ("guide/setup/index.html", "../removed.md"),
    ("macros-page/index.html", "../guide/removed.md"),
    ("orphan/index.html", "../guide/removed.md"),
    ("reference/index.html", "../guide/removed.md"),
    ("reference/api/index.html", "../../guide/removed.md"),
}
EXPECTED = REMOVED_NAV | {
    ("guide/setup/index.html", "../reference/"),
    ("guide/setup/index.html", "advanced"),
    ("guide/setup/index.html", "images/diagram.png"),
    ("guide/setup/index.html", "nowhere.md"),
    ("index.html", "guide/setup/#instal"),
    ("index.html", "guide/missing.md"),
    ("index.html", "../README.md"),
    ("index.html", "../src/tool.py"),
    ("index.html", "../src/gone.py"),
    ("index.html", "../../../../outside.md"),
    ("index.html", "assets/nope.png"),
    ("index.html", "README.md"),
    ("index.html", "#welcom"),
    ("index.html", "guide/advanced/#nope"),
    ("index.html", "guide/setup.md"),
    ("reference/api/index.html", "#delete-items"),
    # seeded after the build
    ("index.html", "assets/logo.png"),
    ("guide/setup/index.html", "../advanced/#no-such-id"),
    ("guide/setup/index.html", "../js/missing.js"),
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("fixture-site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)],
        cwd=FIXTURES / "basic",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    (out / "assets" / "logo.png").unlink()
    page = out / "guide" / "setup" / "index.html"
    html = page.read_text(encoding="utf-8")
    seeded = '<a href="../advanced/#no-such-id">x</a><script src="../js/missing.js"></script>'
    page.write_text(html.replace("</body>", seeded + "\n</body>"), encoding="utf-8")
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.mark.slow
def test_site_mode_finds_broken_links_assets_and_anchors(fixture_site: Path) -> None:
    diagnostics = check_site(load_project(FIXTURES / "basic"), fixture_site)
    prefix = fixture_site.as_posix() + "/"
    got = set()
    for d in diagnostics:
        assert d.code == "DG310" and d.location is not None
        html = d.location.path.removeprefix(prefix)
        url = d.message.split("'")[1]
        got.add((html, url))
        # The location points at the tag that holds the URL.
        lines = (fixture_site / html).read_text(encoding="utf-8").split("\n")
        assert url.replace("&", "&amp;") in lines[d.location.line - 1][d.location.column - 1 :]
    assert got == EXPECTED


@pytest.mark.slow
def test_site_hints_name_the_source_page(fixture_site: Path) -> None:
    diagnostics = check_site(load_project(FIXTURES / "basic"), fixture_site)
    hints = {d.message.split("'")[1]: d.hint for d in diagnostics}
    assert hints["#welcom"] == "the page is built from docs/index.md; fix the link there"
    assert "no id 'no-such-id' in guide/advanced/index.html" in next(
        d.message for d in diagnostics if "no-such-id" in d.message
    )


def test_a_clean_site_has_no_findings(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/#x">a</a> <a href="./">home</a> <a href="#top" id="top">t</a>'
        '<link rel="canonical" href="gone/"><img src="a/p.png"><a href="mailto:x@y">m</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h1 id="x">X</h1><a href="../">up</a>')
    (tmp_path / "a" / "p.png").write_bytes(b"")
    assert check_site(load_project(tmp_path), tmp_path) == []


def test_hand_written_html_every_occurrence_and_depth(tmp_path: Path) -> None:
    """Any attribute spelling; each broken occurrence; a URL fine at one depth only."""
    for folder in ("a", "b", "b/c"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "index.html").write_text('<h1 id="top">T</h1>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        # `../b/` climbs to the root from here: fine.
        "<A HREF='../b/'>b</A> <img SRC=../gone.png> <a href=\"../?x=1&amp;y=2#top\">q</a>\n"
        '<!-- <a href="../commented/">c</a> -->\n'
        '<a class="x" href="missing/">1</a> <a href="missing/">2</a>',
        encoding="utf-8",
    )
    (tmp_path / "b" / "index.html").write_text('<a href="../#top">t</a>', encoding="utf-8")
    # The same `../b/` from one level deeper means `b/b/`, which does not exist.
    (tmp_path / "b" / "c" / "index.html").write_text(
        '<a href="../b/">wrong depth</a> <a href="../../b/">right</a>', encoding="utf-8"
    )
    found = [
        (d.location.path.rsplit("/", 2)[-2:], d.location.line, d.message.split("'")[1])
        for d in check_site(load_project(tmp_path), tmp_path)
        if d.location is not None
    ]
    assert found == [
        (["a", "index.html"], 1, "../gone.png"),
        (["a", "index.html"], 3, "missing/"),
        (["a", "index.html"], 3, "missing/"),
        (["c", "index.html"], 1, "../b/"),
    ]
