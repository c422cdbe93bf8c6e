"""Sections of the detail pane beyond the catalogue facts: local runs and the check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from tsa_registry.formatting import percent
from tsa_registry.rows import details, speed_summary, speed_words
from tsa_registry.safe_text import inert
from tsa_registry.tui.checks import CheckState
from tsa_registry.tui.widgets.detail_pane import DetailPane

if TYPE_CHECKING:
    from tsa_registry.check.report import Report
    from tsa_registry.speed.results import Measurement
    from tsa_registry.training.leaderboard import LeaderboardRow
    from tsa_registry.tui.app import TsaApp


def show_model(pane: DetailPane, app: TsaApp, model_id: str) -> None:
    """The model's check first (the freshest news, where the eye is), then its catalogue facts
    and local runs: the Models screen's pane and the model screen show the same."""
    registry = app.registry
    info = details(registry, registry.entries[model_id])
    state = app.checks.get(model_id)
    first = [check_section(state)] if state is not None else []
    runs = runs_section(app.runs_for(model_id), info["reference_f1"])
    pane.show_model(info, [*([runs] if runs is not None else []), speed_section(app.measured.get(model_id))],
                    first=first)


def speed_section(measurement: Measurement | None) -> Text:
    """The latency measured here, as `show` says it, or how to measure it."""
    summary = speed_summary(measurement)
    if summary is None:
        return Text("Speed here: not measured yet (t times it on this machine).", style="dim")
    return Text(inert(f"Speed here: {speed_words(summary)}."))


def runs_section(runs: list[LeaderboardRow], reference_f1: float | None) -> RenderableType | None:
    """This model's local runs, best first, beside the published reference F1."""
    if not runs:
        return None
    lines = [Text("Your runs: dev / test strict span F1", style="bold")]
    for run in runs:
        dev, test = percent(run.dev_f1, "-"), percent(run.test_f1, "-")
        lines.append(Text(inert(f"- {run.run}: {dev} / {test} ({run.status})")))
    if reference_f1 is not None:
        lines.append(Text(f"Reference (NorBench, NoReC_tsa test): {percent(reference_f1)}", style="dim"))
    return Group(*lines)


def check_section(state: CheckState) -> RenderableType:
    """The check as it stands: running, failed, cancelled, or its report (findings by severity)."""
    title = Text("Deep check" if state.deep else "Check", style="bold underline")
    if state.status == "running":
        step = f": {state.step.lower()}" if state.step else ""
        return Group(title, Text(inert(f"running{step}… (x cancels)"), style="italic cyan"))
    if state.status == "cancelled":
        return Group(title, Text(inert(state.message or "cancelled"), style="dim"))
    if state.status == "failed" or state.report is None:
        return Group(title, Text(inert(state.message), style="red"))
    from tsa_registry.check.render import render_text

    return Group(title, gpu_fit(state.report), render_text(state.report))


def gpu_fit(report: Report) -> Text:
    """One line: the batch that fits the GPU the estimate was made for, and its memory."""
    r = report.resources
    if not r.estimated:
        return Text(f"GPU memory: not estimated ({r.why or 'unknown size'})", style="dim")
    suggested, gib = r.suggested, r.gpu_memory_gib
    if not suggested:
        return Text(f"A {gib:g} GiB GPU: does not fit, even at batch size 1.", style="bold red")
    batch, steps = suggested.train_batch_size, suggested.gradient_accumulation_steps
    how = f"batch size {batch}" + (f" with gradient accumulation {steps}" if steps > 1 else "")
    memory = r.training_memory_bytes or 0
    return Text.assemble((f"A {gib:g} GiB GPU: ", "bold"), (f"fits {how}", "green" if steps == 1 else "yellow"),
                         f" (about {memory / 1024**3:.1f} GiB at max_seq_length "
                         f"{r.max_seq_length}, estimate).")
