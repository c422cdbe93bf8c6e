"""The report as text for a terminal (rich); the JSON form is Report.to_dict().

Nearly every string in a report comes from the model's files or the Hub (licence, languages,
class names, error messages quoting them), so each goes through `inert`: rich Text takes no
markup, and control characters are shown, not sent to the terminal.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tsa_registry.check.report import Report
from tsa_registry.formatting import VERDICT_STYLE, human_count
from tsa_registry.safe_text import inert

MARKS = {"ok": ("✓", "green"), "warning": ("!", "yellow"), "error": ("✗", "red")}


def render_text(report: Report) -> Group:
    parts: list[RenderableType] = [_heading(report), _findings(report)]
    if report.suggested_args:
        parts.append(Text("\nSuggested NERArgs: ", style="bold").append(
            inert(", ".join(f"{k}={v!r}" for k, v in report.suggested_args.items())), style=""))
    if report.resources.estimated:
        parts.append(_resources(report))
    if report.family and report.family.problems:
        parts.append(Text("\nKnown problems of the family:", style="bold"))
        parts.extend(Text(f"  • {inert(p)}") for p in report.family.problems)
    return Group(*parts)


def _heading(report: Report) -> Text:
    text = Text(inert(report.model), style="bold")
    if report.revision:
        text.append(f" @ {inert(report.revision[:12])}", style="dim")
    text.append("\nVerdict: ").append(report.verdict, style=VERDICT_STYLE[report.verdict])
    if report.reason:
        text.append(f" ({inert(report.reason)})")
    details = [f"Simpletransformers model_type: {inert(report.simpletransformers_model_type or '-')}"]
    total = report.parameters.total
    if total:
        details.append(f"parameters: {human_count(total)} ({report.parameters.source})")
    if report.weights and report.weights.bytes:
        details.append(f"weights: {human_count(report.weights.bytes)}B {'+'.join(report.weights.formats)}")
    details.append(f"licence: {inert(report.licence or '-')}")
    return text.append("\n" + "; ".join(details) + "\n")


def _findings(report: Report) -> Group:
    lines = []
    for finding in report.findings:
        mark, style = MARKS[finding.severity]
        line = Text(f"{mark} ", style=style).append(inert(finding.message), style="")
        if finding.fix:
            line.append(f"\n  → {inert(finding.fix)}", style="cyan")
        lines.append(line)
    return Group(*lines)


def _resources(report: Report) -> Group:
    r = report.resources
    largest = r.largest_batch_size or {}
    heading = Text(f"\nLargest batch size at max_seq_length {r.max_seq_length}"
                   f"{' with fp16' if r.fp16 else ''} (estimate):", style="bold")
    table = Table(box=None, pad_edge=False)
    for gib in largest:
        table.add_column(f"{gib} GiB", justify="right")
    table.add_row(*[str(n) for n in largest.values()])
    return Group(heading, table)

