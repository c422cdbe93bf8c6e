"""Tokenizers in the odd shapes real checkpoints ship, made from tiny models on the spot.

Each quirk copies a tiny model and edits its tokenizer files the way a real checkpoint has them:
a tokenizer.json that stores padding or truncation (sentence-embedding checkpoints, or any
tokenizer saved after `enable_padding`), casing declared in one file and not the other, added
tokens, a `model_max_length` of 1e30. `SENTENCES` holds the words that tokenizers treat
differently: NFD accents, characters outside the vocabulary, words that come out as a lone "▁",
empty and invisible tokens.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from tsa_registry.task.conll import Sentence
from tsa_registry.task.tags import LABELS

NFD_FAR, NFD_BLA = "fa\u030ar", "bla\u030a"  # "får", "blå" with combining rings

_WORDS = [
    ["Filmen", "får", "terningkast", "fem", ",", "men", "lyden", "var", "dårlig", "."],
    ["Høyttalerne", "på", "Ærlig", "ØL", "og", "blå", "TV-serien", "(god)", "«Filmen»", "!"],
    ["Vi", NFD_FAR, "se", "den", NFD_BLA, "filmen", "i", "1998", "…", "—", "🙂", "€", "ʃ"],
    ["gjennomsnittsforbrukeren", "likte", "ikkje", "framsyninga", "\u200e", "\u00a0", "▁", ".."],
    ["Meldaren", "", "  ", "\u200b", "syntes", "at", "filmen", "var", "flott", "[TERNING]", "seks"],
    ["Dessverre", "var", "maten", "både", "dyr", "og", "kjedelig", "[UNK]", "<unk>", "[MASK]"],
]


def sentences() -> list[Sentence]:
    """Varied sentences with tags of every kind, including empty and invisible tokens."""
    out = []
    for i, words in enumerate(_WORDS):
        tags = [LABELS[(i + j) % len(LABELS)] for j in range(len(words))]
        out.append(Sentence(f"quirk-{i + 1}", tuple(words), tuple(tags)))
    return out


def readable_sentences() -> list[Sentence]:
    """The same without the tokens a CoNLL file cannot hold (empty or whitespace-only)."""
    return [Sentence(s.sent_id, *zip(*[(w, t) for w, t in zip(s.tokens, s.tags) if w.strip()]))
            for s in sentences()]


@dataclass(frozen=True)
class Quirk:
    arch: str  # tiny model architecture (tsa_registry.tiny)
    options: dict[str, Any] = field(default_factory=dict)  # build_tiny_model options
    edit: Callable[[Path], None] | None = None
    # what check must report: the tokenizer lower-cases / strips accents as `train` loads it
    lowercases: bool = False
    strips_accents: bool = False


def _edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def stored_padding(strategy: Any, length: int = 128) -> Callable[[Path], None]:
    """tokenizer.json with padding (and truncation) stored, as all-MiniLM-L6-v2 ships it."""

    def edit(folder: Path) -> None:
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        pad_token = config.get("pad_token") or "[PAD]"

        def change(data: dict) -> None:
            pad_id = next(t["id"] for t in data["added_tokens"] if t["content"] == pad_token)
            data["padding"] = {"strategy": strategy, "direction": "Right", "pad_to_multiple_of": None,
                               "pad_id": pad_id, "pad_type_id": 0, "pad_token": pad_token}
            data["truncation"] = {"direction": "Right", "max_length": length, "strategy": "LongestFirst",
                                  "stride": 0}

        _edit_json(folder / "tokenizer.json", change)

    return edit


def stored_truncation(length: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        _edit_json(folder / "tokenizer.json", lambda d: d.update(truncation={
            "direction": "Right", "max_length": length, "strategy": "LongestFirst", "stride": 0}))

    return edit


def config_silent_on_casing(folder: Path) -> None:
    """tokenizer_config.json without do_lower_case or strip_accents (tokenizer.json unchanged)."""
    _edit_json(folder / "tokenizer_config.json",
               lambda d: [d.pop(k, None) for k in ("do_lower_case", "strip_accents")])


def normalizer_keeps_case(folder: Path) -> None:
    """tokenizer.json's normalizer does not lower-case; tokenizer_config.json says it does."""
    _edit_json(folder / "tokenizer.json", lambda d: d["normalizer"].update(lowercase=False))
    _edit_json(folder / "tokenizer_config.json", lambda d: d.update(do_lower_case=True))


def huge_model_max_length(folder: Path) -> None:
    """model_max_length of 1e30, as transformers writes when a checkpoint names no limit."""
    _edit_json(folder / "tokenizer_config.json", lambda d: d.update(model_max_length=int(1e30)))


def added_tokens(folder: Path) -> None:
    """A special token and two plain ones added to the tokenizer, the embeddings grown to match."""
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    tokenizer.add_special_tokens({"additional_special_tokens": ["[TERNING]"]})
    tokenizer.add_tokens(["gjennomsnittsforbrukeren", "framsyninga"])
    tokenizer.save_pretrained(folder)
    model = AutoModelForMaskedLM.from_pretrained(folder)
    model.resize_token_embeddings(len(tokenizer))
    model.save_pretrained(folder)


QUIRKS: dict[str, Quirk] = {
    "wordpiece-cased": Quirk("bert"),
    "wordpiece-padding-fixed": Quirk("bert", edit=stored_padding({"Fixed": 128})),
    "wordpiece-padding-batch-longest": Quirk("bert", edit=stored_padding("BatchLongest")),
    "wordpiece-truncation": Quirk("bert", edit=stored_truncation(2)),
    "wordpiece-uncased-keeps-accents": Quirk("bert", {"cased": False, "strip_accents": False},
                                             lowercases=True),
    "wordpiece-uncased-strips-accents": Quirk("bert", {"cased": False}, lowercases=True,
                                              strips_accents=True),
    # transformers' BERT tokenizer follows tokenizer_config.json, not tokenizer.json's normalizer;
    # lower-casing then strips accents unless tokenizer_config.json says otherwise.
    "wordpiece-lowercasing-normalizer-config-silent": Quirk(
        "bert", {"cased": False, "strip_accents": False}, config_silent_on_casing,
        lowercases=True, strips_accents=True),
    "wordpiece-cased-config-silent": Quirk("bert", edit=config_silent_on_casing),
    "wordpiece-config-lowercases-normalizer-not": Quirk(
        "bert", {"cased": False, "strip_accents": False}, normalizer_keeps_case, lowercases=True),
    "wordpiece-added-tokens": Quirk("bert", edit=added_tokens),
    "distilbert-padding-fixed": Quirk("distilbert", edit=stored_padding({"Fixed": 64})),
    "unigram-metaspace": Quirk("xlmroberta"),
    "unigram-padding-fixed": Quirk("xlmroberta", edit=stored_padding({"Fixed": 128})),
    "unigram-model-max-length-1e30": Quirk("xlmroberta", edit=huge_model_max_length),
    "unigram-added-tokens": Quirk("xlmroberta", edit=added_tokens),
    "deberta-v2-unigram": Quirk("deberta-v2"),
    "bytelevel-prefix-space": Quirk("roberta"),
    "bytelevel-padding-batch-longest": Quirk("roberta", edit=stored_padding("BatchLongest")),
}


def build_quirk(name: str, tiny_models, root: Path) -> Path:
    """A copy of the tiny model the quirk starts from, with the quirk applied."""
    quirk = QUIRKS[name]
    folder = root / name
    if not folder.exists():
        shutil.copytree(tiny_models.get(quirk.arch, **quirk.options), folder)
        if quirk.edit:
            quirk.edit(folder)
    return folder
