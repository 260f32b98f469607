"""The report to share: contents of both formats, escaping, 0600, the CLI, and Chromium."""

from __future__ import annotations

import html
import os
import shutil
import stat
import struct
import subprocess
import tempfile
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.insights import report as rep
from companion.core.insights.questionnaires import record_result, score
from companion.core.store.checkins import add_checkin
from companion.core.store.exercise_records import complete_exercise, start_exercise
from companion.core.store.journal import add_entry
from companion.ui.cli import insights as cli
from tests.time_helpers import at

UNTIL = date(2026, 11, 22)
SINCE = date(2026, 10, 24)
HOSTILE = '<script>alert("x")</script> & [bold]not markup[/bold]'


pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    """A month of data, and things that must never appear in a report."""
    for offset in range(0, 30, 2):
        add_checkin(
            db, 3 + offset % 7, note="private check-in note", now=at(UNTIL - timedelta(offset))
        )
    add_checkin(db, 9, now=at(UNTIL - timedelta(days=60)))  # before the period
    record_result(db, score("phq9", [2, 2, 2, 2, 1, 1, 1, 1, 0]), now=at(UNTIL - timedelta(20)))
    record_result(db, score("gad7", [1, 1, 1, 1, 0, 0, 0]), now=at(UNTIL - timedelta(3)))
    record_result(db, score("gad7", [3] * 7), now=at(UNTIL - timedelta(90)))  # before
    add_entry(db, "secret journal entry", now=at(UNTIL))
    ids = {}
    for name, text in (("chosen", HOSTILE + "\nsecond line"), ("other", "not chosen thought")):
        record = start_exercise(db, "thought_record", now=at(UNTIL - timedelta(5)))
        complete_exercise(
            db,
            record.id,
            {
                "situation": "At work",
                "hot_thought": text,
                "belief_before": 90,
                "distortions": ["catastrophising"],
                "belief_after": 40,
            },
            now=at(UNTIL - timedelta(5)),
        )
        ids[name] = record.id
    ba = start_exercise(db, "behavioural_activation", now=at(UNTIL))
    complete_exercise(db, ba.id, {"activities": [{"activity": "walk", "mood": 7}]}, now=at(UNTIL))
    ids["activation"] = ba.id
    return ids


def test_parse_since() -> None:
    assert rep.parse_since("30d", UNTIL) == SINCE
    assert rep.parse_since("1w", UNTIL) == UNTIL - timedelta(days=6)
    assert rep.parse_since("2026-01-01", UNTIL) == date(2026, 1, 1)
    with pytest.raises(ValueError, match="30d, 12w"):
        rep.parse_since("last month", UNTIL)


def test_markdown_contents(db: Database, filled: dict[str, int]) -> None:
    data = rep.build_report(db, SINCE, UNTIL, [filled["chosen"]])
    assert data.checkins == 15 and len(data.mood) == 30
    text = rep.render_markdown(data)
    assert "# Self-help progress report" in text
    assert "2026-10-24 to 2026-11-22" in text
    assert "| 2026-11-02 | PHQ-9 | 12 / 27 | moderate |" in text
    assert "| 2026-11-19 | GAD-7 | 4 / 21 | minimal |" in text
    assert "21 / 21" not in text  # outside the period
    assert "- 2 thought records" in text and "- 1 activity log" in text
    assert "## Thought record, 2026-11-17" in text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "not chosen thought" not in text
    assert "secret journal entry" not in text and "private check-in note" not in text
    assert "not a diagnosis" in text and "Pfizer" in text
    assert "therap" not in text.lower()


def test_html_contents_are_self_contained_and_escaped(db: Database, filled: dict[str, int]) -> None:
    text = rep.render_html(rep.build_report(db, SINCE, UNTIL, [filled["chosen"]]))
    assert text.startswith("<!DOCTYPE html>")
    assert "<svg" in text and text.count("<circle") == 15
    assert "@media print" in text
    for external in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert external not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script>" not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "[bold]not markup[/bold]" in text
    assert "<td>2026-11-02</td><td>PHQ-9</td><td>12 / 27</td><td>moderate</td>" in text
    assert "How much do you believe the hot thought right now" in text and "90/100" in text
    assert "catastrophising" in text and text.index("At work") < text.index("90/100")
    assert "not chosen thought" not in text and "secret journal entry" not in text


def test_empty_report_says_so(db: Database) -> None:
    data = rep.build_report(db, SINCE, UNTIL)
    for text in (rep.render_markdown(data), rep.render_html(data)):
        assert "No check-ins in this period." in text
        assert "No PHQ-9 or GAD-7 in this period." in text
        assert "No exercises completed in this period." in text


def test_only_completed_thought_records_can_be_included(
    db: Database, filled: dict[str, int]
) -> None:
    with pytest.raises(ValueError, match="not a completed thought record"):
        rep.build_report(db, SINCE, UNTIL, [filled["activation"]])
    with pytest.raises(ValueError, match="no exercise record 999"):
        rep.build_report(db, SINCE, UNTIL, [999])


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    cli.register(app)
    return app


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_cli_writes_a_private_file(
    db: Database, filled: dict[str, int], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"r.{fmt}"
    result = CliRunner().invoke(
        _app(),
        [
            "report",
            "--since",
            "3650d",
            "--format",
            fmt,
            "--output",
            str(out),
            "--include-thought-record",
            str(filled["chosen"]),
        ],
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "At work" in text and "not chosen thought" not in text
    assert "21 / 21" in text  # a ten-year period includes the old GAD-7


def test_cli_default_location_and_errors(db: Database, filled: dict[str, int]) -> None:
    app = _app()
    result = CliRunner().invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    written = list((Path(os.environ["COMPANION_HOME"]) / "exports").glob("report-*.md"))
    assert len(written) == 1 and "At work" not in written[0].read_text()  # none chosen
    assert CliRunner().invoke(app, ["report", "--format", "pdf"]).exit_code == 1
    assert CliRunner().invoke(app, ["report", "--since", "soon"]).exit_code == 1
    bad = CliRunner().invoke(app, ["report", "--include-thought-record", "999"])
    assert bad.exit_code == 1 and "999" in bad.output


def test_cli_asks_which_thought_records_to_include(
    db: Database, filled: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        _app(), ["report", "--output", str(out)], input=f"{filled['chosen']}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Thought records you could include" in result.output
    text = out.read_text(encoding="utf-8")
    assert "At work" in text and "not chosen thought" not in text


# --- Chromium -----------------------------------------------------------------------------


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG into rows of bytes (no Pillow needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [row[::channels] for row in rows]  # the red channel is enough


def _screenshot(chromium: str, html_file: Path, png: Path) -> None:
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--window-size=900,1200",
                f"--screenshot={png}",
                html_file.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_html_renders_in_headless_chromium(
    db: Database, filled: dict[str, int], tmp_path: Path
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (Debian package `chromium`); .ci/run installs it")
    page = tmp_path / "report.html"
    rep.write_report(page, rep.render_html(rep.build_report(db, SINCE, UNTIL, [filled["chosen"]])))
    png = tmp_path / "shot.png"
    _screenshot(chromium, page, png)
    assert png.exists() and png.stat().st_size > 5_000
    width, height, rows = _png_pixels(png)
    assert (width, height) == (900, 1200)
    dark = sum(1 for row in rows for value in row if value < 128)
    # Text, tables and the chart: a blank page would be all white.
    assert dark > 0.005 * width * height
    # The chart's blue line sits in the upper part of the page, under the heading.
    assert any(value < 128 for row in rows[200:500] for value in row)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=60).filter(lambda t: t.strip() and "\x00" not in t))
def test_any_user_text_is_escaped(db: Database, text: str) -> None:
    record = start_exercise(db, "thought_record", now=at(UNTIL))
    complete_exercise(db, record.id, {"situation": text}, now=at(UNTIL))
    data = rep.build_report(db, SINCE, UNTIL, [record.id])
    page = rep.render_html(data)
    assert html.escape(text.strip(), quote=True) in page
    body = page.split("<body>", 1)[1]
    assert "<script" not in body.lower() or "<script" not in text.lower()
    assert html.escape(text.strip(), quote=False).replace("\n", "  \n") in rep.render_markdown(data)
