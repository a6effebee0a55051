"""One reader for every text file: UTF-8 with BOM and CRLF accepted, bad bytes
reported once with file:line:col, the text read on with U+FFFD."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.cli import main
from docgen.diagnostics import Location
from docgen.textfile import NOT_UTF8, bad_utf8, decode
from tests.conftest import REPO


def test_bom_and_crlf_are_accepted_silently() -> None:
    decoded = decode(b"\xef\xbb\xbf# Title\r\n\r\ntext\r\n", "docs/a.md")
    assert decoded.text == "# Title\n\ntext\n"
    assert decoded.bad is None and decoded.problems() == ()


def test_the_first_bad_byte_is_located_in_characters() -> None:
    raw = "# Plan\n\n- [x] naïve ".encode() + b"caf\xe9 \xff\n"
    decoded = decode(raw, "docs/plan.md")
    assert decoded.bad == Location("docs/plan.md", 3, 16)  # "- [x] naïve caf" is 15 chars
    assert decoded.byte == 0xE9
    assert decoded.text == "# Plan\n\n- [x] naïve caf\ufffd \ufffd\n"
    (problem,) = decoded.problems()
    assert problem.code == NOT_UTF8 and "0xE9" in problem.message
    assert bad_utf8(raw, "docs/plan.md") == problem


@given(st.binary(max_size=400))
def test_any_bytes_decode_and_point_inside_the_file(raw: bytes) -> None:
    decoded = decode(raw, "f.md")
    assert decoded == decode(raw, "f.md")
    if decoded.bad is None:
        assert decoded.text == raw.removeprefix(b"\xef\xbb\xbf").decode().replace("\r\n", "\n")
    else:
        lines = raw.split(b"\n")
        assert 1 <= decoded.bad.line <= len(lines)
        assert 1 <= decoded.bad.column <= len(lines[decoded.bad.line - 1]) + 1


@given(st.text(max_size=200))
def test_utf8_text_comes_back_as_written(text: str) -> None:
    assert decode(text.encode(), "f.md").text == text.replace("\r\n", "\n")


@pytest.fixture
def latin1_project(tmp_path: Path) -> Path:
    """The shop fixture with a Latin-1 "café" pasted into a plan, a page and an .ex file."""
    project = tmp_path / "shop"
    shutil.copytree(REPO / "tests/fixtures/projects/shop", project)
    plan = project / "docs/plans/PHASE_1_EXECUTION_PLAN.md"
    plan.write_bytes(plan.read_bytes() + b"\n- [ ] serve the caf\xe9 menu\n")
    page = project / "docs/index.md"
    page.write_bytes(page.read_bytes() + b"\nOld caf\xe9 notes, see [gone](gone.md).\n")
    source = project / "elixir/lib/shop/application.ex"
    source.write_bytes(b"# caf\xe9\n" + source.read_bytes())
    return project


def test_check_and_progress_report_bad_bytes_and_go_on(
    latin1_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(latin1_project), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(d["code"], d["file"]) for d in report}
    assert {
        (NOT_UTF8, "docs/plans/PHASE_1_EXECUTION_PLAN.md"),
        (NOT_UTF8, "docs/index.md"),
        (NOT_UTF8, "elixir/lib/shop/application.ex"),
        ("DG301", "docs/index.md"),  # the rest of the page is still checked
    } <= found
    assert all(d["line"] > 0 for d in report if d["code"] == NOT_UTF8)
    assert main(["progress", str(latin1_project), "--format", "json"]) in (0, 1)
    progress = json.loads(capsys.readouterr().out)
    assert any(p["path"].endswith("PHASE_1_EXECUTION_PLAN.md") for p in progress["plans"])
