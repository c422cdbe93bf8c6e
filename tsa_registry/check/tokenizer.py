"""The tokenizer, loaded from the small files without weights: kind, special tokens, casing, accents.

Casing is judged by behaviour, not by config flags: what the tokenizer makes of "Filmen" and
"får", loaded as NERModel loads it. Simpletransformers passes `do_lower_case=args.do_lower_case`
(default False) to every tokenizer, overriding tokenizer_config.json, and transformers' BERT
tokenizer then rebuilds its normalizer from that flag (lower-casing also strips accents unless
tokenizer_config.json sets `strip_accents`). So casing is judged with do_lower_case=False, an
uncased vocabulary needs `do_lower_case=True`, and accents are judged with the setting the
report suggests; the report shows what the default does to a Norwegian sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tsa_registry.check.findings import Finding, error, ok, warning
from tsa_registry.check.report import TokenizerSection
from tsa_registry.task.norwegian import ACCENT_WORDS

SAMPLE = "Filmen får terningkast fem på Tromsø"


def load_tokenizer(folder: Path, *, trust_remote_code: bool, **options: Any):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder), trust_remote_code=trust_remote_code, **options)


def spelled(tokenizer, word: str) -> str:
    """The word as the model sees it: tokenized, then joined back to text."""
    return tokenizer.convert_tokens_to_string(tokenizer.tokenize(word)).strip()


def inspect_tokenizer(tokenizer: Any, folder: Path, *,
                      trust_remote_code: bool) -> tuple[TokenizerSection, list[Finding], Any]:
    """Facts about the tokenizer (the report's `tokenizer` object), findings, and the tokenizer
    as `train` loads it with the suggested settings.

    `tokenizer` is loaded as NERModel loads it by default (`do_lower_case=False`)."""
    lowercases_anyway = spelled(tokenizer, "Filmen") == "filmen"
    uncased_vocabulary = _vocabulary_is_uncased(tokenizer)
    cased = not (lowercases_anyway or uncased_vocabulary)
    trained = tokenizer if cased else _lower_casing(tokenizer, folder, trust_remote_code)
    accents = {word: spelled(trained, word) for word in ACCENT_WORDS}
    strips = accents["får"] == "far" or accents["på"] == "pa"
    info = TokenizerSection(
        class_name=type(tokenizer).__name__, fast=bool(tokenizer.is_fast),
        offsets=bool(tokenizer.is_fast), vocab_size=len(tokenizer),
        lowercases=spelled(trained, "Filmen") == "filmen", uncased_vocabulary=uncased_vocabulary,
        strips_accents=strips, cased=cased,
        accent_examples={w: s for w, s in accents.items() if s != w},
        max_length=tokenizer.model_max_length if tokenizer.model_max_length < 1_000_000 else None,
    )
    found = [_special_tokens(tokenizer)]
    if info.cased:
        found.append(ok("tokenizer.cased", f"Cased: '{SAMPLE}' keeps its capitals."))
    else:
        found.append(_uncased(tokenizer, uncased_vocabulary))
    if strips:
        shown = ", ".join(f"'{w}' → '{s}'" for w, s in info.accent_examples.items())
        fix = ("Its vocabulary has accented letters: setting \"strip_accents\": false in the "
               "model's tokenizer_config.json keeps them." if _vocabulary_has_accents(trained) else
               "No setting undoes this: the vocabulary has no accented letters.")
        found.append(warning(
            "tokenizer.strips-accents",
            f"The tokenizer strips accents, so Norwegian words merge: {shown}.",
            f"{fix} Prefer a model that keeps them if one is available."))
    if not tokenizer.is_fast:
        found.append(warning("tokenizer.slow", f"{info.class_name} is a slow (Python) tokenizer: no "
                             "offset mapping, and tokenizing is slower.", ""))
    return info, [f for f in found if f is not None], trained


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


def _lower_casing(tokenizer, folder: Path, trust_remote_code: bool):
    """The tokenizer as `train` loads it with do_lower_case=True (the suggested setting)."""
    try:
        return load_tokenizer(folder, trust_remote_code=trust_remote_code, do_lower_case=True)
    except Exception:  # noqa: BLE001 - then judge by the one that loaded
        return tokenizer


def _uncased(tokenizer, uncased_vocabulary: bool) -> Finding:
    """Show what Simpletransformers' default do_lower_case=False makes of a Norwegian sentence."""
    try:
        pieces = tokenizer.tokenize(SAMPLE)
    except Exception:  # noqa: BLE001 - the demonstration is a bonus
        pieces = []
    how = "has an uncased (lower-case only) vocabulary" if uncased_vocabulary else "lower-cases its input"
    demo = f" With Simpletransformers' default do_lower_case=False it reads '{SAMPLE}' as {pieces}." \
        if pieces else ""
    return warning("tokenizer.uncased", f"The tokenizer {how}.{demo}",
                   "Set do_lower_case=True (included in the suggested settings).")


def _vocabulary_has_accents(tokenizer) -> bool:
    return any(c in token for token in tokenizer.get_vocab() for c in "åæøéèêóòô")


def _vocabulary_is_uncased(tokenizer) -> bool:
    """Next to no upper-case letter in the ordinary vocabulary entries (special tokens aside):
    bert-base-uncased's 29,154 hold two, both the symbol ℝ."""
    specials = set(tokenizer.all_special_tokens)
    letters = [t for t in tokenizer.get_vocab() if t not in specials and any(c.isalpha() for c in t)]
    upper = sum(1 for t in letters if any(c.isupper() for c in t))
    return len(letters) > 50 and upper * 1000 <= len(letters)


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
