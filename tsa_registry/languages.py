"""Language codes: which mean Norwegian, and how `list --language` matches them.

The one rule for "is this Norwegian", for a model card (`check`), a catalogue entry (`list`, the
terminal UI's Norwegian column) and a Hub search.
"""

from __future__ import annotations

from collections.abc import Iterable

# Language codes that mean Norwegian, as model cards and registry files write them (ISO 639-1,
# 639-2/3, locale tags). A card's bare `no` read by a YAML 1.1 loader arrives as False: the
# card check turns it back into "no".
# The names too, as a user types them in `list --language`.
BOKMAL = frozenset({"nb", "nob", "nb-no", "bokmål", "bokmal"})
NYNORSK = frozenset({"nn", "nno", "nn-no", "nynorsk"})
NORWEGIAN_ANY = frozenset({"no", "nor", "norwegian", "norsk"})  # either written standard
NORWEGIAN_CODES = BOKMAL | NYNORSK | NORWEGIAN_ANY
# The codes a Hub search asks for, one query each: the Hub's language tags are ISO 639-1.
HUB_LANGUAGE_TAGS = ("no", "nb", "nn")


def is_norwegian(code: str) -> bool:
    return code.lower() in NORWEGIAN_CODES


def covers(languages: Iterable[str], wanted: str) -> bool:
    """Whether a model listing `languages` covers `wanted`: "no" (or any code for Norwegian in
    general) matches every Norwegian code; a Bokmål or Nynorsk code matches that standard and
    Norwegian in general; any other code matches itself."""
    code = wanted.lower()
    for group in (BOKMAL, NYNORSK):
        if code in group:
            matching = group | NORWEGIAN_ANY
            break
    else:
        matching = NORWEGIAN_CODES if code in NORWEGIAN_ANY else frozenset({code})
    return any(language.lower() in matching for language in languages)
