"""`speed`'s results as text for a terminal (rich); the JSON form is the structs themselves.

Model names and paths come from the user or a registry file: shown through `inert`.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tsa_registry.formatting import counted, percent
from tsa_registry.safe_text import inert
from tsa_registry.speed.results import Measurement, ModelSpeed

SOURCE = {"catalogue": "catalogue model", "hub": "Hub model", "folder": "local folder", "run": "run"}


def render_speed(results: list[ModelSpeed]) -> Group:
    parts: list = []
    for result in results:
        parts += [*_model(result), Text("")]
    budgeted = [r for r in results if r.budget_ms is not None]
    if budgeted:
        parts.append(_budget(budgeted))
    return Group(*parts)


def _model(result: ModelSpeed) -> list:
    first = result.measurements[0]
    revision = f", revision {first.revision[:16]}" if first.revision else ""
    weights = "random weights" if result.weights == "random" else "its own weights"
    head = Text(inert(result.model), style="bold").append(
        f"  ({SOURCE[result.source]}, {weights}{revision})", style="dim")
    words = "built-in Norwegian sentences" if first.data == "built-in" else inert(first.data)
    sub = first.subwords
    about = Text(f"{first.sentences} {words}: {sub.mean:g} subwords on average (p90 {sub.p90:g}, "
                 f"longest {sub.max}). {inert(first.device_name)}, torch {inert(first.torch)}.", style="dim")
    out = [head, about, _table(result.measurements)]
    if first.end_to_end:
        e2e = first.end_to_end
        out.append(Text(f"predict end to end ({_setting(first)}): p50 {e2e.latency.p50_ms:g} ms, "
                        f"p90 {e2e.latency.p90_ms:g} ms a sentence (forward alone: p50 "
                        f"{first.latency.p50_ms:g} ms, p90 {first.latency.p90_ms:g} ms); "
                        f"{e2e.sentences_per_second:g} sentences/s in batches of {e2e.batch_size}."))
    if result.int8:
        q = result.int8
        out.append(Text(
            f"int8 (dynamic, linear layers): p50 {first.latency.p50_ms:g} → "
            f"{q.measurement.latency.p50_ms:g} ms ({q.latency_speedup:g}x), batch 32 "
            f"{q.throughput_speedup:g}x the sentences/s; strict span F1 on {inert(q.dev)}: "
            f"{percent(q.f1, digits=2)} → {percent(q.f1_int8, digits=2)} "
            f"({'+' if q.f1_int8 >= q.f1 else ''}{percent(q.f1_int8 - q.f1, digits=2)})."))
    if result.meets_budget is not None:
        mark, style = ("✓ within", "green") if result.meets_budget else ("✗ over", "red")
        out.append(Text(f"{mark} the budget of {result.budget_ms:g} ms at p90 "
                        f"(p90 {first.latency.p90_ms:g} ms, {_setting(first)})", style=style))
    out += [Text(f"note: {inert(note)}", style="dim") for note in result.notes]
    return out


def _table(measurements: list[Measurement]) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("setting", no_wrap=True)
    for name in ("p50 ms", "p90 ms", "p99 ms"):
        table.add_column(name, justify="right")
    sizes = sorted({size for m in measurements for size in m.throughput})
    for size in sizes:
        table.add_column(f"sent/s @{size}", justify="right")
    table.add_column("MiB weights / peak", justify="right")
    for m in measurements:
        rates = [f"{m.throughput[s]:.1f}" if s in m.throughput else "" for s in sizes]
        table.add_row(_setting(m), f"{m.latency.p50_ms:g}", f"{m.latency.p90_ms:g}",
                      f"{m.latency.p99_ms:g}", *rates, _memory(m))
    return table


def _setting(m: Measurement) -> str:
    if m.device == "cuda":
        return f"CUDA {m.dtype}"
    return counted(m.threads, "thread") + ("" if m.dtype == "float32" else f" {m.dtype}")


def _memory(m: Measurement) -> str:
    peak = m.memory.peak_mib
    return f"{m.memory.weights_mib:.0f}" + ("" if peak is None else f" / {peak:.0f}")


def _budget(results: list[ModelSpeed]) -> Text:
    budget = results[0].budget_ms
    within = [inert(r.model) for r in results if r.meets_budget]
    over = [inert(r.model) for r in results if not r.meets_budget]
    return Text(f"Within {budget:g} ms at p90 on this machine: {', '.join(within) or 'none'}"
                + (f". Over: {', '.join(over)}." if over else "."), style="bold")
