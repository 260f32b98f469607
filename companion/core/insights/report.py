"""A report to share (with a GP, say): check-in chart, PHQ-9/GAD-7 table, exercises done, and
the thought records the person chose, and nothing else.

Markdown or one self-contained HTML file (inline SVG, inline CSS with print rules, no external
assets). All user text is escaped. ``write_report`` writes it 0600.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from companion.core import paths
from companion.core.insights import trends
from companion.core.insights._records import humanise
from companion.core.insights.calendar_html import CALENDAR_CSS, calendar_html
from companion.core.insights.mood_calendar import TEXT_LEGEND, MoodCalendar, mood_calendar
from companion.core.insights.questionnaires import ATTRIBUTION, INSTRUMENTS, PHQ9, item9_answer
from companion.core.insights.sentences import exercise_name, plural
from companion.core.store.exercise_records import ExerciseRecord, get_exercise
from companion.core.store.questionnaire_results import (
    QuestionnaireResult,
    list_questionnaire_results,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMATS = ("md", "html")
TITLE = "Self-help progress report"
INTRO = (
    "A summary from the companion self-help app, chosen and shared by the person it belongs "
    "to. It shows their own mood check-ins, questionnaire scores and self-help exercises."
)

SCREENING_NOTE = "PHQ-9 and GAD-7 are screening questionnaires, not a diagnosis. " + ATTRIBUTION


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, gathered once and rendered to either format."""

    since: date
    until: date
    mood: list[float | None]  # one value per day from since to until
    checkins: int
    weekly: list[trends.MoodPoint]
    assessments: list[QuestionnaireResult]
    exercises: dict[str, int]
    thought_records: list[ExerciseRecord] = field(default_factory=list)
    calendars: list[MoodCalendar] = field(default_factory=list)  # one per year in the period


def parse_since(text: str, today: date) -> date:
    """ "30d", "12w", "6m", "1y" back from ``today``, or a date "YYYY-MM-DD"."""
    value = text.strip().lower()
    match = re.fullmatch(r"(\d{1,5})\s*([dwmy])", value)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        days = count * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
        return today - timedelta(days=max(days - 1, 0))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"--since takes a period like 30d, 12w, 6m or 1y, or a date YYYY-MM-DD, not {text!r}."
        ) from None


def thought_records(db: Database, since: date | None = None) -> list[ExerciseRecord]:
    """Completed thought records (newest first), for choosing which to include."""
    from companion.core.store.exercise_records import list_exercises

    return list_exercises(
        db,
        exercise_type="thought_record",
        status="complete",
        since=since.isoformat() if since else None,
    )


def build_report(
    db: Database, since: date, until: date, thought_record_ids: list[int] | None = None
) -> ReportData:
    """Gather the figures between two local dates (inclusive) and the chosen thought records.

    Raises ValueError for an id that is not a completed thought record.
    """
    chosen: list[ExerciseRecord] = []
    for record_id in thought_record_ids or []:
        try:
            record = get_exercise(db, record_id)
        except KeyError as error:
            raise ValueError(str(error.args[0])) from None
        if record.type != "thought_record" or record.status != "complete":
            raise ValueError(f"Exercise record {record_id} is not a completed thought record.")
        if record not in chosen:
            chosen.append(record)
    start, end = since.isoformat(), until.isoformat()
    days = (until - since).days + 1
    _, count = trends.mean_mood(db, start, end)
    return ReportData(
        since=since,
        until=until,
        mood=trends.mood_series(db, days, until),
        checkins=count,
        weekly=trends.mood_by("week", db, since=start, until=end),
        assessments=[a for a in list_questionnaire_results(db, since=start) if a.local_date <= end],
        exercises=trends.exercises_done(db, since=start, until=end),
        thought_records=chosen,
        calendars=[
            mood_calendar(db, year, since=since, until=until)
            for year in range(since.year, until.year + 1)
        ],
    )


# --- answers of a thought record, as (label, text) pairs -------------------------------------


def _answer_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, list):
        return "\n".join(_answer_text(item) for item in value)
    if isinstance(value, dict):
        named = value.get("name") or value.get("item") or value.get("text")
        rating = value.get("rating", value.get("intensity"))
        if isinstance(named, str) and isinstance(rating, int | float) and len(value) == 2:
            return f"{named} ({rating:g})"
        return "; ".join(f"{humanise(str(k))}: {_answer_text(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def record_answers(record: ExerciseRecord) -> list[tuple[str, str]]:
    """The answers of a record as (question, answer text), in the definition's step order;
    empty answers left out. Without a readable definition: stored keys as words."""
    try:
        from companion.core.exercises import get_definition
        from companion.core.exercises.render import answer_lines

        return answer_lines(get_definition(record.type), record.data)
    except Exception:  # a missing or broken definition must not stop the report
        pass
    pairs = []
    for key, value in record.data.items():
        text = _answer_text(value).strip()
        if text:
            pairs.append((humanise(str(key)), text))
    return pairs


# --- Markdown -------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """User text for Markdown: no raw HTML, every line kept."""
    return html.escape(text, quote=False).replace("\n", "  \n")


def render_markdown(data: ReportData) -> str:
    """The report as Markdown."""
    out = [f"# {TITLE}", "", f"{data.since} to {data.until}", "", INTRO, ""]
    out += ["## Mood check-ins (0-10)", ""]
    if data.checkins:
        out += [
            f"Daily average mood, {data.since} to {data.until} (· = no check-in):",
            "",
            "    " + trends.sparkline(data.mood),
            "",
            "| Week | Average mood | Check-ins |",
            "|---|---|---|",
        ]
        out += [f"| {p.label} | {p.mean:.1f} | {p.count} |" for p in data.weekly]
        for calendar in data.calendars:
            out += ["", f"Mood calendar {calendar.year} ({TEXT_LEGEND}):", "", "```text"]
            out += [*calendar.text_grid(), "```", ""]
            out += [f"- {line}" for line in calendar.summary()]
    else:
        out.append("No check-ins in this period.")
    out += ["", "## Questionnaires", ""]
    if data.assessments:
        out += ["| Date | Questionnaire | Score | Band |", "|---|---|---|---|"]
        for a in data.assessments:
            spec = INSTRUMENTS[a.instrument]
            out.append(
                f"| {a.local_date} | {spec.name} | {a.total} / {spec.max_total} | {a.band} |"
            )
        out.append("")
        for line in item9_lines(data.assessments):
            out += [f"**{line}**", ""]
        out.append(SCREENING_NOTE)
    else:
        out.append("No PHQ-9 or GAD-7 in this period.")
    out += ["", "## Exercises done", ""]
    if data.exercises:
        out += [f"- {exercise_name(kind, n)}" for kind, n in data.exercises.items()]
    else:
        out.append("No exercises completed in this period.")
    for record in data.thought_records:
        out += ["", f"## Thought record, {record.local_date}", ""]
        for name, text in record_answers(record):
            out += [f"**{_md_text(name)}**  ", _md_text(text), ""]
    return "\n".join(out).rstrip() + "\n"


def item9_lines(assessments: list[QuestionnaireResult]) -> list[str]:
    """A sentence for every PHQ-9 whose question 9 (thoughts of being better off dead or of
    hurting oneself) was answered above "Not at all": a report must never leave that out."""
    lines = []
    for a in assessments:
        answer = item9_answer(a.answers, a.instrument)
        if answer:
            lines.append(
                f"On {a.local_date}, PHQ-9 question 9 ({PHQ9.items[8]}) was answered "
                f'"{answer}". Please talk this over with a professional or someone you trust.'
            )
    return lines


# --- HTML -----------------------------------------------------------------------------------


def mood_svg(series: list[float | None], since: date, width: int = 680, height: int = 220) -> str:
    """An inline SVG line chart of daily mood (0-10); gaps where there was no check-in."""
    left, right, top, bottom = 36, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(series) - 1, 1)

    def x(i: int) -> float:
        return left + plot_w * i / steps if len(series) > 1 else left + plot_w / 2

    def y(v: float) -> float:
        return top + plot_h * (1 - v / 10)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Daily average mood, 0 to 10">'
    ]
    for level in (0, 5, 10):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            'stroke="#ccc" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(level) + 4:.1f}" font-size="11" text-anchor="end">'
            f"{level}</text>"
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, value in enumerate(series):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="#2a6f97" '
                'stroke-width="2"/>'
            )
    for i, value in enumerate(series):
        if value is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="#2a6f97"/>')
    until = since + timedelta(days=len(series) - 1)
    parts.append(
        f'<text x="{left}" y="{height - 8}" font-size="11">{since}</text>'
        f'<text x="{width - right}" y="{height - 8}" font-size="11" text-anchor="end">'
        f"{until}</text></svg>"
    )
    return "".join(parts)


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _template() -> Template:
    source = resources.files("companion.core.insights").joinpath("templates/report.html")
    return Template(source.read_text(encoding="utf-8"))


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page that prints well."""
    if data.checkins:
        weeks = "".join(
            f"<tr><td>{_h(p.label)}</td><td>{p.mean:.1f}</td><td>{p.count}</td></tr>"
            for p in data.weekly
        )
        mood = (
            f"<figure>{mood_svg(data.mood, data.since)}<figcaption>Daily average mood "
            f"({plural(data.checkins, 'check-in')}); gaps are days without a check-in."
            "</figcaption></figure>"
            "<table><thead><tr><th>Week</th><th>Average mood</th><th>Check-ins</th></tr>"
            f"</thead><tbody>{weeks}</tbody></table>"
        ) + "".join(calendar_html(c) for c in data.calendars)
    else:
        mood = '<p class="empty">No check-ins in this period.</p>'
    if data.assessments:
        rows = "".join(
            f"<tr><td>{_h(a.local_date)}</td><td>{INSTRUMENTS[a.instrument].name}</td>"
            f"<td>{a.total} / {INSTRUMENTS[a.instrument].max_total}</td><td>{_h(a.band)}</td></tr>"
            for a in data.assessments
        )
        questionnaires = (
            "<table><thead><tr><th>Date</th><th>Questionnaire</th><th>Score</th><th>Band</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            + "".join(
                f'<p class="flag"><strong>{_h(line)}</strong></p>'
                for line in item9_lines(data.assessments)
            )
            + f'<p class="note">{_h(SCREENING_NOTE)}</p>'
        )
    else:
        questionnaires = '<p class="empty">No PHQ-9 or GAD-7 in this period.</p>'
    if data.exercises:
        exercises = (
            "<ul>"
            + "".join(
                f"<li>{_h(exercise_name(kind, n))}</li>" for kind, n in data.exercises.items()
            )
            + "</ul>"
        )
    else:
        exercises = '<p class="empty">No exercises completed in this period.</p>'
    records = "".join(
        f'<section class="record"><h2>Thought record, {_h(r.local_date)}</h2><dl>'
        + "".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in record_answers(r))
        + "</dl></section>"
        for r in data.thought_records
    )
    return _template().substitute(
        title=_h(TITLE),
        period=f"{data.since} to {data.until}",
        intro=_h(INTRO),
        calendar_css=CALENDAR_CSS,
        mood=mood,
        questionnaires=questionnaires,
        exercises=exercises,
        records=records,
    )


def render(data: ReportData, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"The report format is md or html, not {fmt!r}.")
    return render_markdown(data) if fmt == "md" else render_html(data)


def default_path(fmt: str, until: date) -> Path:
    return paths.exports_dir() / f"report-{until.isoformat()}.{fmt}"


def write_report(path: Path, text: str) -> Path:
    """Write the report atomically, readable by the owner only (0600); an existing folder keeps
    its mode, and a kill mid-write leaves nothing the next start does not erase."""
    from companion.core.store.export import write_private_file

    write_private_file(path, text.encode("utf-8"))
    return path
