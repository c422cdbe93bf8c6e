"""What the run screen shows of a fine-tune, built from its event stream (live or recorded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tsa_registry.formatting import counted, percent
from tsa_registry.training import events as ev

if TYPE_CHECKING:
    from tsa_registry.training.runs import Run


@dataclass
class RunProgress:
    """The events of one run so far, and the log lines they make."""

    name: str
    path: str
    model: str = ""
    started: ev.Started | None = None
    last: ev.Progress | None = None
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    evaluations: list[ev.Evaluation] = field(default_factory=list)
    final: ev.Done | ev.Failed | ev.Cancelled | None = None
    log: list[tuple[str, str]] = field(default_factory=list)  # (style, line)
    cancelling: bool = False

    @classmethod
    def from_run(cls, run: Run) -> RunProgress:
        """A finished (or running) run, read back from its progress.jsonl."""
        progress = cls(name=run.name, path=str(run.path))
        for event in run.events():
            progress.apply(event)
        status, message = run.effective_status()
        if progress.final is None and status in ("failed", "cancelled"):  # ended without a word (killed)
            final = ev.Failed if status == "failed" else ev.Cancelled
            progress.apply(final(message=message or "the training process ended", time=0.0))
        return progress

    @property
    def status(self) -> str:
        if isinstance(self.final, ev.Done):
            return "complete"
        if isinstance(self.final, ev.Failed):
            return "failed"
        if isinstance(self.final, ev.Cancelled):
            return "cancelled"
        return "cancelling" if self.cancelling else "running"

    @property
    def total_steps(self) -> int | None:
        return self.started.total_steps if self.started else None

    @property
    def step(self) -> int:
        return self.last.step if self.last else (self.started.start_epoch * self.started.steps_per_epoch
                                                 if self.started else 0)

    def apply(self, event: ev.Event) -> None:
        if isinstance(event, ev.Started):
            self.started, self.model = event, event.model
            accumulation = event.gradient_accumulation_steps
            self.log.append(("bold", f"started {event.model} on {event.device}: {counted(event.epochs, 'epoch')} of "
                             f"{counted(event.steps_per_epoch, 'step')}, batch {event.batch_size}"
                             f"{f' x{accumulation}' if accumulation > 1 else ''}, "
                             f"max length {event.max_seq_length}, {counted(event.train_sentences, 'sentence')}"))
        elif isinstance(event, ev.Progress):
            self.last = event
            self.steps.append(event.step)
            self.losses.append(event.loss)
        elif isinstance(event, ev.Evaluation):
            self.evaluations.append(event)
            best = " (best so far)" if event.best else ""
            self.log.append(("cyan", f"epoch {event.epoch}: dev F1 {percent(event.f1)}%, precision "
                             f"{percent(event.precision)}%, recall {percent(event.recall)}%{best}"))
        elif isinstance(event, ev.Warning):
            self.log.append(("yellow", f"warning ({event.code}): {event.message}"))
        elif isinstance(event, ev.Done):
            self.final = event
            test = "" if event.test_f1 is None else f", test F1 {percent(event.test_f1)}%"
            self.log.append(("bold green", f"done in {event.duration:.0f} s: best epoch {event.best_epoch}, "
                             f"dev F1 {percent(event.dev_f1)}%{test}"))
        elif isinstance(event, (ev.Failed, ev.Cancelled)):
            self.final = event
            style = "bold red" if isinstance(event, ev.Failed) else "yellow"
            self.log.append((style, f"{event.kind}: {event.message}"))
