"""A checked model as a catalogue entry: what `add` (and the terminal UI's Add screen) writes to
your registry file. Only facts the check established, nothing guessed; nothing here prints."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from tsa_registry.catalogue import CatalogueEntry, Status, WeightsFormat
from tsa_registry.safe_text import inert

if TYPE_CHECKING:
    from tsa_registry.check.report import Report
    from tsa_registry.registry import Registry


class EntryError(ValueError):
    """A checked model that cannot become a catalogue entry; the message says why."""


# The catalogue records weights the way the Hub's file names show them.
WEIGHTS: dict[str, WeightsFormat] = {"safetensors": "safetensors", "pickle": "bin"}
STATUS: dict[str, Status] = {"compatible": "expected", "compatible-with-settings": "expected",
                             "needs-opt-in": "expected", "incompatible": "incompatible"}


def entry_from_report(report: Report, registry: Registry, *, title: str = "") -> CatalogueEntry:
    """The catalogue entry for a checked model.

    A model the check could not read (verdict `unknown`), or whose architecture no family plugin
    claims, cannot be added: the catalogue needs a family to know its settings.
    """
    if report.verdict == "unknown":
        raise EntryError(f"{report.model} could not be checked ({report.reason}); fix that first.")
    family = report.family.name if report.family else None
    if family is None or family not in registry.families:
        raise EntryError(f"no family plugin claims {report.model}'s architecture: the catalogue needs one "
                         "to know its settings. `tsa-registry plugins` lists the families.")
    tokenizer, length = report.tokenizer, report.length
    # The card's words go into your registry file: stored inert, so no later reader shows them raw.
    languages = [inert(code) for code in (report.norwegian.card_languages if report.norwegian else [])]
    reason = f": {report.reason}" if report.reason else ""
    revision = f" at revision {report.revision[:12]}" if report.revision else ""
    formats = report.weights.formats if report.weights else []
    return CatalogueEntry(
        id=report.model,
        title=title,
        family=family,
        languages=languages,
        parameters=report.parameters.total or None,
        vocab_size=tokenizer.vocab_size if tokenizer else None,
        max_length=length.max_positions if length else None,
        cased=tokenizer.cased if tokenizer else None,
        strip_accents=tokenizer.strips_accents if tokenizer else None,
        licence=inert(report.licence) if report.licence is not None else None,
        research_only=any(f.code == "card.research-only" for f in report.findings),
        weights=sorted({WEIGHTS[f] for f in formats if f in WEIGHTS}),
        remote_code=bool(report.remote_code),
        status=STATUS[report.verdict],
        notes=inert(f"Added from a check{revision} on {datetime.date.today().isoformat()}: "
                    f"{report.verdict}{reason}."),
        origin="user",
    )
