"""A report from the catalogue's facts, for a catalogue id whose files cannot be read (offline,
the Hub down): the family, settings, parameter count and GPU estimate the catalogue supports,
marked as such (`source: "catalogue"` and a warning that says why)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tsa_registry.check.findings import warning
from tsa_registry.check.report import FamilySection, LengthSection, ParametersSection, Report
from tsa_registry.check.suggest import needed_settings_for, resources_section

if TYPE_CHECKING:
    from tsa_registry.catalogue import CatalogueEntry
    from tsa_registry.registry import Registry
    from tsa_registry.sources.errors import SourceError

# hidden size, layers, attention heads of the usual encoder shapes (MiniLM, DistilBERT, base, large)
SHAPES = ((384, 6, 12), (384, 12, 12), (768, 6, 12), (768, 12, 12), (1024, 24, 16))
DEFAULT_SEQ = 512


def catalogue_config(entry: CatalogueEntry) -> dict[str, int] | None:
    """Layer sizes for the GPU estimate: the usual encoder shape whose parameter count (with the
    catalogue's vocabulary) is nearest the catalogue's count; None without a count."""
    parameters = entry.parameters
    if not parameters:
        return None
    vocab = entry.vocab_size or 0

    def count(hidden: int, layers: int) -> int:  # embeddings + layers of 12 h^2 (attention, FFN of 4h)
        return vocab * hidden + DEFAULT_SEQ * hidden + layers * 12 * hidden * hidden

    hidden, layers, heads = min(SHAPES, key=lambda s: abs(math.log(count(s[0], s[1]) / parameters)))
    return {"hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads,
            "intermediate_size": 4 * hidden}


def report_from_catalogue(report: Report, entry: CatalogueEntry, registry: Registry,
                          failure: SourceError, gpu_gib: float | None) -> Report:
    """Fill `report` from the entry, after the model's own files could not be read (`failure`)."""
    report.source, report.licence, report.remote_code = "catalogue", entry.licence, entry.remote_code
    report.add(warning("source.catalogue-only",
                       f"The model's files could not be read ({failure.message.rstrip('.')}); this report is built "
                       "from the catalogue's facts only: tokenizer, card and weights were not checked.",
                       failure.fix or "Check again with the Hub reachable, or with the model in the HF cache."))
    family = registry.families.get(entry.family)
    if family is not None:
        report.family = FamilySection(name=family.name, title=family.title, plugin=family.plugin,
                                      problems=list(family.problems))
        report.simpletransformers_model_type = family.simpletransformers_model_type
    needed = needed_settings_for(family, entry.cased, entry.remote_code, entry)
    seq = min(entry.max_length or DEFAULT_SEQ, DEFAULT_SEQ)
    report.length = LengthSection(max_positions=entry.max_length, max_seq_length=seq)
    report.suggested_args = {**(family.defaults if family else {}), **needed, "max_seq_length": seq}
    report.parameters = (ParametersSection(total=entry.parameters, source="catalogue") if entry.parameters
                         else ParametersSection(why="the catalogue has no parameter count"))
    config = catalogue_config(entry)
    if config is None:
        report.resources.why = "the catalogue has no parameter count"
    else:
        report.resources = resources_section(report, config, seq, gpu_gib)
        report.resources.why = (f"layer sizes assumed from the parameter count (hidden "
                                f"{config['hidden_size']}, {config['num_hidden_layers']} layers)")
    if entry.status == "incompatible" or family is None:
        report.verdict = "incompatible" if family is not None else "unknown"
        report.reason = entry.notes if family is not None else f"no family {entry.family!r} is registered"
    elif entry.remote_code or (entry.weights and "safetensors" not in entry.weights):
        report.verdict = "needs-opt-in"
        report.reason = ("the repository's own code must be allowed with --trust-remote-code" if entry.remote_code
                         else "pickle weights must be allowed with --allow-pickle")
    else:
        report.verdict = "compatible-with-settings" if needed else "compatible"
        report.reason = "needs " + ", ".join(f"{k}={v}" for k, v in needed.items()) if needed else ""
    report.reason = "; ".join(part for part in (report.reason, "from the catalogue's facts") if part)
    return report

