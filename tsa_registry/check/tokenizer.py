"""The tokenizer, loaded from the small files without weights: kind, special tokens, casing, accents.

Casing is judged by behaviour, not by config flags: what the tokenizer makes of "Filmen" and
"får". Simpletransformers passes `do_lower_case=args.do_lower_case` (default False) to every
tokenizer, so an uncased vocabulary needs `do_lower_case=True`; the report shows what the
default does to a Norwegian sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tsa_registry.check.findings import Finding, error, ok, warning
from tsa_registry.check.norwegian import ACCENT_WORDS

SAMPLE = "Filmen får terningkast fem på Tromsø"


def load_tokenizer(folder: Path, *, trust_remote_code: bool, **options: Any):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder), trust_remote_code=trust_remote_code, **options)


def spelled(tokenizer, word: str) -> str:
    """The word as the model sees it: tokenized, then joined back to text."""
    return tokenizer.convert_tokens_to_string(tokenizer.tokenize(word)).strip()


def inspect_tokenizer(tokenizer, folder: Path, *, trust_remote_code: bool) -> tuple[dict, list[Finding]]:
    """Facts about the tokenizer (the report's `tokenizer` object) and findings."""
    lowercases = spelled(tokenizer, "Filmen") == "filmen"
    accents = {word: spelled(tokenizer, word) for word in ACCENT_WORDS}
    strips = accents["får"] == "far" or accents["på"] == "pa"
    uncased_vocabulary = _vocabulary_is_uncased(tokenizer)
    info = {
        "class": type(tokenizer).__name__, "fast": bool(tokenizer.is_fast),
        "offsets": bool(tokenizer.is_fast), "vocab_size": len(tokenizer),
        "lowercases": lowercases, "uncased_vocabulary": uncased_vocabulary, "strips_accents": strips,
        "cased": not (lowercases or uncased_vocabulary),
        "accent_examples": {w: s for w, s in accents.items() if s != w},
        "max_length": tokenizer.model_max_length if tokenizer.model_max_length < 1_000_000 else None,
    }
    found = [_special_tokens(tokenizer)]
    if info["cased"]:
        found.append(ok("tokenizer.cased", f"Cased: '{SAMPLE}' keeps its capitals."))
    else:
        found.append(_uncased(tokenizer, folder, trust_remote_code, lowercases))
    if strips:
        shown = ", ".join(f"'{w}' → '{s}'" for w, s in info["accent_examples"].items())
        found.append(warning(
            "tokenizer.strips-accents",
            f"The tokenizer strips accents, so Norwegian words merge: {shown}.",
            "No setting undoes this: the vocabulary has no accented letters. Prefer a model that "
            "keeps them if one is available."))
    if not tokenizer.is_fast:
        found.append(warning("tokenizer.slow", f"{info['class']} is a slow (Python) tokenizer: no "
                             "offset mapping, and tokenizing is slower.", ""))
    return info, [f for f in found if f is not None]


def _special_tokens(tokenizer) -> Finding:
    missing = [name for name in ("cls_token", "sep_token", "pad_token") if getattr(tokenizer, name) is None]
    if missing:
        return error("tokenizer.special-tokens",
                     f"The tokenizer has no {', '.join(missing)}: Simpletransformers NER puts a "
                     "classification and a separator token around every sentence and pads with the "
                     "padding token, so it fails on this tokenizer.",
                     "Use a checkpoint whose tokenizer defines [CLS], [SEP] and [PAD] tokens.")
    return ok("tokenizer.special-tokens", f"Special tokens: {tokenizer.cls_token} {tokenizer.sep_token} "
              f"{tokenizer.pad_token}.")


def _uncased(tokenizer, folder: Path, trust_remote_code: bool, lowercases: bool) -> Finding:
    """Show what Simpletransformers' default do_lower_case=False makes of a Norwegian sentence."""
    try:
        default = load_tokenizer(folder, trust_remote_code=trust_remote_code, do_lower_case=False)
        pieces = default.tokenize(SAMPLE)
    except Exception:  # noqa: BLE001 - the demonstration is a bonus
        pieces = []
    how = "lower-cases its input" if lowercases else "has an uncased (lower-case only) vocabulary"
    demo = f" With Simpletransformers' default do_lower_case=False it reads '{SAMPLE}' as {pieces}." \
        if pieces else ""
    return warning("tokenizer.uncased", f"The tokenizer {how}.{demo}",
                   "Set do_lower_case=True (included in the suggested settings).")


def _vocabulary_is_uncased(tokenizer) -> bool:
    """No upper-case letter in any ordinary vocabulary entry (special tokens aside)."""
    specials = set(tokenizer.all_special_tokens)
    letters = [t for t in tokenizer.get_vocab() if t not in specials and any(c.isalpha() for c in t)]
    upper = sum(1 for t in letters if any(c.isupper() for c in t))
    return len(letters) > 50 and upper == 0


def remote_code_finding(tokenizer_config: dict[str, Any] | None, trust_remote_code: bool) -> Finding:
    """tokenizer_config.json's `auto_map`: the tokenizer's class is code from the repository,
    which runs on loading as model code does, so it needs the same opt-in."""
    auto_map = (tokenizer_config or {}).get("auto_map")
    classes = auto_map.get("AutoTokenizer", auto_map) if isinstance(auto_map, dict) else auto_map
    names = [str(c) for c in (classes if isinstance(classes, (list, tuple)) else [classes]) if c]
    named = f" ({', '.join(names)})" if names else ""
    if trust_remote_code:
        return warning("tokenizer.remote-code", f"The tokenizer's own code will run: tokenizer_config.json "
                       f"points to a class in the repository{named}.",
                       "Read the repository's .py files before training.")
    return warning("tokenizer.remote-code", f"The tokenizer needs the repository's own code: "
                   f"tokenizer_config.json points to a class in the repository{named}. It was not run; "
                   "without it transformers silently falls back to a built-in tokenizer.",
                   "Read the repository's .py files, then pass --trust-remote-code.")
