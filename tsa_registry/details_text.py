"""The text form of a catalogue entry (`show`, and the TUI's detail pane): facts, settings, references.

Entries come from registry files, which `add` fills from a model's card: every value is shown
through `inert` (control characters as escapes; rich Text takes no markup)."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tsa_registry.formatting import COMPATIBILITY_STYLE, display_path, human_count, percent
from tsa_registry.safe_text import inert


def render_details(info: dict[str, Any]) -> Group:
    family = info["family_details"]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()

    def row(label: str, value: Any) -> None:
        if value not in (None, "", []):
            facts.add_row(label, value if isinstance(value, Text) else Text(inert(value)))

    row("title", info["title"])
    row("family", f"{family['title']} ({family['name']}, plugin {family['plugin']})")
    row("Simpletransformers", info["simpletransformers_model_type"] or "not usable")
    row("compatibility", Text(family["compatibility"], style=COMPATIBILITY_STYLE[family["compatibility"]]))
    row("status", info["status"])
    row("languages", ", ".join(info["languages"]))
    row("parameters", human_count(info["parameters"]))
    row("vocabulary", human_count(info["vocab_size"]))
    row("max length", info["max_length"])
    row("cased", {True: "yes", False: "no (uncased)", None: ""}[info["cased"]])
    row("strips accents", {True: "yes", False: "no", None: ""}[info["strip_accents"]])
    licence = info["licence"] or ""
    row("licence", f"{licence} ({info['licence_class']})".strip())
    row("weights", ", ".join(info["weights"]))
    row("remote code", "yes: needs --trust-remote-code" if info["remote_code"] else "no")
    origin = info["origin"]
    if origin != "built-in":
        origin = display_path(origin) + (" (overrides the built-in entry)" if info["overrides_builtin"] else "")
    row("from", origin)

    parts: list[Any] = [Text(inert(info["id"]), style="bold underline"), facts]
    if family["reason"]:
        parts += [Text(""), Text(inert(family["reason"]), style=COMPATIBILITY_STYLE[family["compatibility"]])]
    parts += [Text(""), Text("Settings it needs (NERArgs)", style="bold")]
    parts.append(Text(inert(_pairs(info["needed_settings"])) or "none beyond the defaults"))
    parts += [Text("Suggested NERArgs", style="bold"), Text(inert(_pairs(info["suggested_args"])))]
    if family["problems"]:
        parts.append(Text("Known problems", style="bold"))
        parts += [Text(f"- {inert(problem)}") for problem in family["problems"]]
    for title, task in (("Reference results (TSA)", "tsa"), ("Results on other tasks (not TSA)", "other")):
        refs = [r for r in info["references"] if (r.get("task", "tsa") == "tsa") == (task == "tsa")]
        if refs:
            parts.append(Text(title, style="bold"))
        for ref in refs:
            sd = f" ± {percent(ref['sd'])}" if ref["sd"] is not None else ""
            label = "" if task == "tsa" else f"{ref['task'].upper()}: "
            parts.append(Text(inert(f"- {label}{percent(ref['f1'])}{sd} {ref['metric']}, {ref['dataset']} "
                                    f"({ref['source']})")))
    if info["notes"]:
        parts += [Text("Notes", style="bold"), Text(inert(info["notes"]))]
    if info.get("sources"):
        parts.append(Text("Sources", style="bold"))
        parts += [Text(f"- {inert(source)}") for source in info["sources"]]
    return Group(*parts)


def _pairs(settings: dict[str, Any]) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in settings.items())
