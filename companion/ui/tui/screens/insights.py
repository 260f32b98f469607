"""Insights: a mood chart, PHQ-9/GAD-7 over time, plain sentences, and an optional weekly
reflection written by the local model beside the figures it was given.

The figures are computed in a thread worker (its own database connection) and posted back;
empty states say what to do to see something.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState
from textual_plotext import PlotextPlot

from companion.core.insights.overview import Overview, overview
from companion.core.insights.reflection import Reflection
from companion.core.insights.sentences import EMPTY_MESSAGE
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.workers import ReportsFailedWorkers

PERIODS = (30, 90, 365)


@dataclass
class OverviewReady(Message):
    """The figures for the screen were computed."""

    data: Overview


@dataclass
class ReflectionReady(Message):
    figures: list[str]
    reflection: Reflection
    notice: str = ""  # one line when the model was not used or is unchecked (fitness.py)
    from_model: bool = True


@dataclass
class ReflectionFailed(Message):
    reason: str


class InsightsScreen(ReportsFailedWorkers, Screen[None]):
    """Mood and questionnaire charts with plain sentences about the person's own data."""

    app = getters.app(CompanionApp)

    CSS_PATH = "insights.tcss"
    BINDINGS = [
        # most important first: at 80 columns the footer leaves out the last that do not fit
        Binding("p", "next_period", "Period", id="insights_period"),
        Binding("y", "app.open('mood_calendar')", "Calendar", id="insights_calendar"),
        Binding("r", "reflect", "Reflect", id="insights_reflect"),
        Binding("a", "app.open('phq9')", "PHQ-9", id="insights_phq9"),
        Binding("g", "app.open('gad7')", "GAD-7", id="insights_gad7"),
        Binding("escape", "app.pop_screen", "Back", id="insights_back"),
    ]

    def __init__(self, days: int = 90) -> None:
        super().__init__()
        self.days = days
        self.data: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="insights-body"):
            yield Static(Text("Working out your figures…"), id="insights-status")
            yield Static(id="mood-empty", classes="empty")
            yield PlotextPlot(id="mood-chart")
            yield Static(id="insights-sentences")
            yield Static(id="scores-empty", classes="empty")
            yield PlotextPlot(id="scores-chart")
            yield Static(id="insights-calendar")
            with Horizontal(id="reflection-row"):
                yield Static(id="reflection-figures")
                yield Static(id="reflection-text")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.title = "Insights"
        for selector in (
            "#mood-chart",
            "#scores-chart",
            "#insights-calendar",
            "#reflection-row",
            ".empty",
        ):
            for widget in self.query(selector):
                widget.display = False
        # Draw the screen first, then compute: the first frame never waits for the figures.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        if self.data is not None:  # back from a questionnaire: show the new score
            self.load()

    def _today(self) -> date:
        return self.app.clock().astimezone().date()

    # -- figures --------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="insights", exit_on_error=False)
    def load(self) -> None:
        with self.app.worker_db() as db:
            data = overview(db, self._today(), self.days)
        self.post_message(OverviewReady(data))

    @on(OverviewReady)
    def _show(self, message: OverviewReady) -> None:
        data = self.data = message.data
        self.query_one("#insights-status", Static).display = False
        sentences = self.query_one("#insights-sentences", Static)
        if data.sentences:
            sentences.update(Text("\n".join(f"• {line}" for line in data.sentences)))
        else:
            sentences.update(Text(EMPTY_MESSAGE))
        self._show_mood(data)
        self._show_scores(data)
        self._show_calendar(data)

    def _show_calendar(self, data: Overview) -> None:
        from companion.ui.tui.widgets.mood_calendar import calendar_text, legend_text

        box = self.query_one("#insights-calendar", Static)
        calendar = data.calendar
        box.display = bool(calendar and calendar.days_with_mood)
        if calendar is None or not calendar.days_with_mood:
            return
        text = Text(f"Mood calendar {calendar.year} (y: full screen, other years)\n", style="bold")
        text.append_text(calendar_text(calendar))
        text.append("\n")
        text.append_text(legend_text())
        text.append("\n" + "\n".join(calendar.summary()))
        box.update(text)

    def _show_mood(self, data: Overview) -> None:
        chart = self.query_one("#mood-chart", PlotextPlot)
        empty = self.query_one("#mood-empty", Static)
        chart.display = data.has_mood
        empty.display = not data.has_mood
        if not data.has_mood:
            empty.update(
                Text(
                    f"No mood check-ins in the last {data.days} days. Do a check-in (m on Home) "
                    "and your mood chart will appear here. Press p to look further back."
                )
            )
            return
        start = data.today - timedelta(days=data.days - 1)
        points = [(i, v) for i, v in enumerate(data.mood) if v is not None]
        plt = chart.plt
        plt.clear_figure()
        plt.title(f"Mood, last {data.days} days (daily average, 0-10)")
        plt.plot([i for i, _ in points], [v for _, v in points], marker="braille")
        plt.ylim(0, 10)
        plt.xlim(0, data.days - 1)
        ticks = [0, (data.days - 1) // 2, data.days - 1]
        labels = [(start + timedelta(days=t)).strftime("%d %b") for t in ticks]
        plt.xticks([float(t) for t in ticks], labels)
        chart.refresh()

    def _show_scores(self, data: Overview) -> None:
        chart = self.query_one("#scores-chart", PlotextPlot)
        empty = self.query_one("#scores-empty", Static)
        chart.display = data.has_scores
        empty.display = not data.has_scores
        if not data.has_scores:
            empty.update(
                Text(
                    "No PHQ-9 or GAD-7 yet. Press a for the PHQ-9 (mood) or g for the GAD-7 "
                    "(anxiety): a few minutes each, and your scores will be charted here."
                )
            )
            return
        days = [date.fromisoformat(p.local_date) for p in data.phq9 + data.gad7]
        first = min(days)
        plt = chart.plt
        plt.clear_figure()
        plt.title("PHQ-9 and GAD-7 totals (screening, not a diagnosis)")
        for name, series in (("PHQ-9", data.phq9), ("GAD-7", data.gad7)):
            if series:
                xs = [(date.fromisoformat(p.local_date) - first).days for p in series]
                plt.plot(xs, [p.total for p in series], marker="dot", label=name)
        plt.ylim(0, 27)
        last = max((d - first).days for d in days)
        ticks = sorted({0, last})
        labels = [(first + timedelta(days=t)).strftime("%d %b %Y") for t in ticks]
        plt.xticks([float(t) for t in ticks], labels)
        chart.refresh()

    def action_next_period(self) -> None:
        self.days = (
            PERIODS[(PERIODS.index(self.days) + 1) % len(PERIODS)]
            if (self.days in PERIODS)
            else PERIODS[0]
        )
        self.load()

    # -- the weekly reflection ------------------------------------------------------------
    def action_reflect(self) -> None:
        row = self.query_one("#reflection-row")
        row.display = True
        self.query_one("#reflection-figures", Static).update(Text("Gathering this week's figures…"))
        self.query_one("#reflection-text", Static).update(
            Text("The local model is writing a short reflection (this can take a little while).")
        )
        self.reflect()

    @work(thread=True, exclusive=True, group="reflection", exit_on_error=False)
    def reflect(self) -> None:
        from companion.core.insights.reflection import weekly_figures, write_reflection
        from companion.core.llm import ModelUnavailable, PromptError
        from companion.core.llm.fitness import feature_gate
        from companion.core.llm.models import resolve_model

        settings = self.app.settings
        try:
            with self.app.worker_db() as db:
                figures = weekly_figures(db, self._today())
                ref = resolve_model(None, settings)
                gate = feature_gate(db, ref, "reflection", ref.name)
        except ModelUnavailable as error:
            self.post_message(ReflectionFailed(str(error)))
            return
        if not gate.allowed:
            from companion.core.insights.reflection import figures_reflection

            text = Reflection(figures_reflection(figures))
            self.post_message(ReflectionReady(figures, text, gate.notice, False))
            return
        from companion.ui.tui.model_loader import engine_for

        try:
            engine = engine_for(settings)
        except ModelUnavailable as error:
            self.post_message(ReflectionFailed(str(error)))
            return
        try:
            reflection = write_reflection(engine, figures)
        except PromptError as error:
            self.post_message(ReflectionFailed(str(error)))
            return
        self.post_message(ReflectionReady(figures, reflection, gate.notice))

    @on(ReflectionReady)
    def _show_reflection(self, message: ReflectionReady) -> None:
        figures = Text("This week's figures\n", style="bold")
        figures.append("\n".join(f"• {line}" for line in message.figures))
        self.query_one("#reflection-figures", Static).update(figures)
        title = (
            "Reflection by the local model, from these figures only\n"
            if message.from_model
            else "Reflection from the figures alone (no model)\n"
        )
        text = Text(title, style="bold")
        reflection = message.reflection
        if reflection.text:
            text.append(reflection.text)
        elif reflection.blocked_reason:
            text.append("The model's reflection was not shown: it did not pass the safety check.")
        else:
            text.append("The model did not write anything usable this time. Press r to try again.")
        if reflection.dropped:
            text.append(
                f"\n\n{len(reflection.dropped)} "
                f"{'sentence was' if len(reflection.dropped) == 1 else 'sentences were'} "
                "left out: they mentioned numbers "
                "that are not in your figures.",
                style="dim",
            )
        if message.notice:
            text.append(f"\n\n{message.notice}", style="dim")
        self.query_one("#reflection-text", Static).update(text)

    @on(ReflectionFailed)
    def _reflection_failed(self, message: ReflectionFailed) -> None:
        self.query_one("#reflection-text", Static).update(
            Text(f"No reflection this time: {message.reason}")
        )

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        where = "#reflection-text" if event.worker.group == "reflection" else "#insights-status"
        widget = self.query_one(where, Static)
        widget.display = True
        widget.update(Text(f"Something went wrong working this out ({error}). Press p to retry."))
