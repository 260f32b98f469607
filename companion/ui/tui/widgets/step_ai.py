"""The suggestions panel under a step: rule-based suggestions at once, the local model's in a
thread worker. Everything shown is labelled as a suggestion; ``accept_value`` is what ctrl+o
puts into the step (the person can edit or ignore it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from companion.core.exercises.suggest import Suggestion
from companion.ui.tui.workers import ReportsFailedWorkers


def load_engine_once(settings: Any) -> Any:
    """The process-wide model (shared with chat), loaded on first use: call from a worker."""
    from companion.core.config import Settings
    from companion.ui.tui.model_loader import engine_for

    return engine_for(settings or Settings())


@dataclass
class SuggestionsReady(Message):
    """The model answered: ``kind`` is "distortions", "socratic" or "balanced_thought"."""

    kind: str
    result: Any
    notice: str = ""  # one line when the model was not used or is unchecked (fitness.py)
    from_model: bool = True


@dataclass
class ModelUnavailableNotice(Message):
    """The model could not help; ``reason`` is one sentence for the person."""

    reason: str


class SuggestionPanel(ReportsFailedWorkers, Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lines: list[Text] = []
        self.accept_value: Any = None

    def clear(self) -> None:
        self.lines = []
        self.accept_value = None
        self.update("")

    def _show(self, *extra: Text) -> None:
        self.update(Text("\n").join([*self.lines, *extra]))

    def show_rules(self, found: list[Suggestion]) -> None:
        """Rule-based distortion suggestions, each with the words that matched."""
        self.lines = [Text("Suggestions (rule-based: they may not fit; you decide)", style="bold")]
        if not found:
            self.lines.append(Text("No thinking pattern stands out in the words used."))
        else:
            self.lines += [Text(f"- {s.name}: {s.reason}") for s in found]
            self.lines.append(Text("ctrl+o ticks them; you can untick any.", style="dim"))
            self.accept_value = [s.name for s in found]
        self._show()

    def ask(self, kind: str, variables: dict[str, Any], settings: Any) -> None:
        """Ask the local model in a worker; the answer arrives as SuggestionsReady."""
        if kind != "distortions":
            self.lines = [Text("Asking the local model…", style="italic")]
            self._show()
        self._ask_model(kind, variables, settings)

    @work(thread=True, exclusive=True, group="exercise-ai", exit_on_error=False)
    def _ask_model(self, kind: str, variables: dict[str, Any], settings: Any) -> None:
        from companion.core.exercises import ai
        from companion.core.llm import ModelUnavailable

        try:
            with self.app.worker_db() as db:
                gate = _gate(
                    db, settings, kind
                )  # before loading: an unfit model is not even loaded
            if gate.allowed:
                engine = load_engine_once(settings)
        except ModelUnavailable as error:
            self.post_message(ModelUnavailableNotice(str(error)))
            return
        if not gate.allowed:
            self.post_message(
                SuggestionsReady(kind, _without_model(kind, variables), gate.notice, False)
            )
            return
        if kind == "distortions":
            result: Any = ai.model_distortions(engine, variables["thought"], variables["situation"])
        elif kind == "balanced_thought":
            result = ai.balanced_thought(engine, **variables)
        else:
            record = ai.record_text(variables.pop("record"))
            result = ai.socratic_questions(engine, record=record, **variables)
        self.post_message(SuggestionsReady(kind, result, gate.notice))

    @on(SuggestionsReady)
    def _ready(self, message: SuggestionsReady) -> None:
        result = message.result
        if not message.from_model:
            self._ready_without_model(message)
        elif message.kind == "distortions":
            self.lines.append(Text("Suggestions from the local model", style="bold"))
            if result:
                self.lines += [Text(f"- {s.name}: {s.reason}") for s in result]
                accepted = list(self.accept_value or [])
                self.accept_value = accepted + [s.name for s in result if s.name not in accepted]
            else:
                self.lines.append(Text("The model had no usable suggestion."))
        elif message.kind == "balanced_thought":
            if result:
                self.accept_value = result
                self.lines = [
                    Text("A suggested wording (from the local model; edit or ignore it)", "bold"),
                    Text(result),
                    Text("ctrl+o puts it in the box for you to edit.", style="dim"),
                ]
            else:
                self.lines = [Text("The model had no usable wording this time.")]
        else:
            self.lines = [Text("Questions to consider (from the local model)", style="bold")]
            self.lines += [Text(f"- {q}") for q in result] or [Text("The model had no questions.")]
        if message.notice:
            self.lines.append(Text(message.notice, style="dim"))
        self._show()

    def _ready_without_model(self, message: SuggestionsReady) -> None:
        """The model in use is not fit for this (fitness.py): the deterministic version."""
        result = message.result
        if message.kind == "balanced_thought":
            if result:
                self.accept_value = result
                self.lines = [
                    Text("A sentence frame from your own evidence (edit or ignore it)", "bold"),
                    Text(result),
                    Text("ctrl+o puts it in the box for you to edit.", style="dim"),
                ]
            else:
                self.lines = [Text("Write the evidence against first; then a frame is offered.")]
        elif message.kind == "socratic":
            self.lines = [Text("Questions to consider", style="bold")]
            self.lines += [Text(f"- {q}") for q in result]

    @on(ModelUnavailableNotice)
    def _unavailable(self, message: ModelUnavailableNotice) -> None:
        if self.lines and self.lines[0].plain.startswith("Asking"):
            self.lines = []
        self.lines.append(Text(f"The local model is not available: {message.reason}"))
        self._show()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "exercise-ai" and event.state == WorkerState.ERROR:
            self.lines = [
                Text(f"Suggestions failed ({event.worker.error}). Carry on without them.")
            ]
            self._show()


def _gate(db: Any, settings: Any, kind: str) -> Any:
    """The fitness gate for this kind of suggestion with the model in use (its stored check)."""
    from companion.core.config import Settings
    from companion.core.llm.fitness import feature_gate
    from companion.core.llm.models import resolve_model

    ref = resolve_model(None, settings or Settings())
    feature = {"balanced_thought": "balanced"}.get(kind, kind)
    return feature_gate(db, ref, feature, ref.name)


def _without_model(kind: str, variables: dict[str, Any]) -> Any:
    from companion.core.exercises.questions import balanced_frame, template_questions

    if kind == "balanced_thought":
        return balanced_frame(variables["evidence_for"], variables["evidence_against"])
    if kind == "socratic":
        return template_questions(str(variables["step_title"]).replace(" ", "_"))
    return []  # distortions: the rule-based suggestions are already shown
