"""The model card: Norwegian language tags (with the YAML 1.1 `no` trap), licence, gating."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tsa_registry.check.findings import Finding, ok, warning
from tsa_registry.check.report import NorwegianSection
from tsa_registry.languages import is_norwegian
from tsa_registry.licences import licence_class

if TYPE_CHECKING:
    from tsa_registry.sources.facts import ModelFacts


def card_languages(card: dict[str, Any]) -> tuple[list[str], bool]:
    """The card's languages as strings, and whether a YAML 1.1 reader had turned `no` into false."""
    value = card.get("language", [])
    values = value if isinstance(value, list) else [value]
    trap = any(v is False for v in values)
    return [("no" if v is False else str(v)) for v in values if v is not None and v is not True], trap


_RESEARCH_ONLY = re.compile(r"[^.\n]*\b(?:only (?:be )?(?:intended |used )?for (?:non-commercial )?research|"
                            r"for research purposes only|research use only)\b[^.\n]*", re.I)


def research_only_sentence(folder: Path | None) -> str | None:
    """The card's sentence limiting use to research, if its text (README.md) has one."""
    if folder is None:
        return None
    try:
        text = (folder / "README.md").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _RESEARCH_ONLY.search(re.sub(r"[*_`]", "", text))  # past Markdown emphasis
    return " ".join(match.group(0).split())[:200] if match else None


def card_findings(facts: ModelFacts) -> tuple[NorwegianSection, list[Finding]]:
    languages, trap = card_languages(facts.card)
    tags = [str(t).lower() for t in facts.card.get("tags", []) or []]
    declared = any(is_norwegian(lang) for lang in languages) or "norwegian" in tags
    found: list[Finding] = []
    if facts.card_error:
        found.append(warning("card.unreadable", facts.card_error, "Ask the authors to fix the model card."))
    elif not facts.card:
        found.append(warning("card.missing", "The model has no card metadata (README.md front matter).", ""))
    if trap:
        found.append(warning(
            "card.yaml-no", "The card's language list holds `false`: a YAML 1.1 reader turned a bare "
            "`no` (Norwegian) into a boolean. Read as Norwegian here.",
            "Quote the code in the card: language: ['no']."))
    if declared:
        found.append(ok("card.norwegian", f"The card lists Norwegian ({', '.join(languages) or 'tag'})."))
    elif facts.card:
        listed = ", ".join(languages) or "none"
        found.append(warning("card.no-norwegian", f"The card does not list Norwegian (languages: {listed}).",
                             "See the measured coverage: it tells how well the tokenizer covers Norwegian."))
    licence = facts.licence
    research = research_only_sentence(facts.folder)
    if research:
        found.append(warning("card.research-only", f"The card limits use to research (\"{research}\"), "
                             f"whatever its licence tag ({licence or 'none'}) says.",
                             "Do not use it, or a model fine-tuned from it, commercially."))
    if licence is None:
        found.append(warning("card.licence", "No licence in the card: check the terms before use.", ""))
    elif licence_class(licence) == "non-commercial":
        found.append(warning("card.licence", f"Licence {licence}: non-commercial use only.", ""))
    else:
        found.append(ok("card.licence", f"Licence {licence}."))
    if facts.gated:
        found.append(warning("card.gated", f"The repository is gated ({facts.gated}): downloading it needs "
                             "accepted conditions and a token.", "Log in with `hf auth login`."))
    return NorwegianSection(card_languages=languages, declared=declared), found
