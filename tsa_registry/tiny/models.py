"""Tiny random-weight checkpoints, made on the spot, for tests, benchmarks and a download-free demo.

Each model is saved pretrained-style (a masked or causal LM head, never a token-classification
head), so Simpletransformers adds a fresh head exactly as it does for a real Hub checkpoint. The
tokenizer is trained with the `tokenizers` library on Norwegian text: transformers 5 silently
drops a plain `vocab.txt` handed to `BertTokenizer(vocab_file=...)`, so we build the backend
ourselves and verify that a known word survives the round trip through disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from tsa_registry.files import ensure_writable
from tsa_registry.task.norwegian import tagged_sentences
from tsa_registry.tiny.tokenizers import build_tokenizer, uncased_supported

WEIGHT_FORMATS = ("safetensors", "bin", "both")
DEFAULT_CARD = """---
language:
- "no"
- nb
- nn
license: apache-2.0
tags:
- random-weights
---
# Tiny random-weight model

Made by `tsa-registry tiny-model` for tests and demonstrations. Its weights are random.
"""


def _encoder(cls: str, h: int, n: int, **extra: Any) -> tuple[str, dict]:
    return cls, dict(hidden_size=h, num_hidden_layers=n, num_attention_heads=2,
                     intermediate_size=2 * h, max_position_embeddings=512, **extra)


def _config(arch: str, h: int, n: int, ids: Mapping[str, int]) -> tuple[str, dict]:
    """Transformers config class name and its arguments for one architecture."""
    if arch == "bert":
        return _encoder("BertConfig", h, n, pad_token_id=ids["pad"])
    if arch == "electra":
        return _encoder("ElectraConfig", h, n, embedding_size=h, pad_token_id=ids["pad"])
    if arch in ("xlmroberta", "roberta"):
        cls = "XLMRobertaConfig" if arch == "xlmroberta" else "RobertaConfig"
        name, kw = _encoder(cls, h, n, pad_token_id=ids["pad"], bos_token_id=ids["bos"],
                            eos_token_id=ids["eos"], type_vocab_size=1)
        return name, {**kw, "max_position_embeddings": 514}
    if arch == "deberta-v2":
        return _encoder("DebertaV2Config", h, n, pad_token_id=ids["pad"], type_vocab_size=0,
                        relative_attention=True, pos_att_type=["p2c", "c2p"],
                        position_biased_input=False, max_relative_positions=-1, position_buckets=64)
    if arch == "modernbert":
        return _encoder("ModernBertConfig", h, n, pad_token_id=ids["pad"], cls_token_id=ids["bos"],
                        sep_token_id=ids["eos"], bos_token_id=ids["bos"], eos_token_id=ids["eos"],
                        global_attn_every_n_layers=2, local_attention=64)
    if arch == "distilbert":
        return "DistilBertConfig", dict(dim=h, n_layers=n, n_heads=2, hidden_dim=2 * h,
                                        max_position_embeddings=512, pad_token_id=ids["pad"])
    if arch == "xlm":
        return "XLMConfig", dict(emb_dim=h, n_layers=n, n_heads=2, max_position_embeddings=512,
                                 n_langs=1, use_lang_emb=False, bos_index=ids["bos"],
                                 eos_index=ids["eos"], pad_index=ids["pad"], unk_index=ids["unk"],
                                 mask_index=ids["mask"], pad_token_id=ids["pad"])
    if arch == "gpt2":
        return "GPT2Config", dict(n_embd=h, n_layer=n, n_head=2, n_positions=512,
                                  bos_token_id=ids["bos"], eos_token_id=ids["eos"])
    if arch == "bart":
        return "BartConfig", dict(d_model=h, encoder_layers=n, decoder_layers=n,
                                  encoder_attention_heads=2, decoder_attention_heads=2,
                                  encoder_ffn_dim=2 * h, decoder_ffn_dim=2 * h,
                                  max_position_embeddings=512, pad_token_id=ids["pad"],
                                  bos_token_id=ids["bos"], eos_token_id=ids["eos"],
                                  decoder_start_token_id=ids["eos"], forced_eos_token_id=ids["eos"])
    raise AssertionError(arch)


# Pretrained-style model class for each architecture (what a Hub checkpoint usually holds).
MODEL_CLASSES = {
    "bert": "BertForMaskedLM", "distilbert": "DistilBertForMaskedLM", "electra": "ElectraForMaskedLM",
    "xlmroberta": "XLMRobertaForMaskedLM", "roberta": "RobertaForMaskedLM",
    "deberta-v2": "DebertaV2ForMaskedLM", "modernbert": "ModernBertForMaskedLM",
    "xlm": "XLMWithLMHeadModel", "gpt2": "GPT2LMHeadModel", "bart": "BartForConditionalGeneration",
}
ARCHITECTURES = tuple(MODEL_CLASSES)


def default_texts(n: int = 400, seed: int = 0) -> list[str]:
    """Bokmål and Nynorsk sentences generated from templates: enough to train a small vocabulary."""
    return [" ".join(words) for words, _ in tagged_sentences(n, seed=seed)]


def texts_from_conll(path: str | Path) -> list[str]:
    """The sentences of a CoNLL file (one token and tag a line), as plain text."""
    from tsa_registry.task.conll import read_conll

    return [" ".join(sentence.tokens) for sentence in read_conll(path).sentences]


def build_tiny_model(
    out_dir: str | Path,
    arch: str = "bert",
    *,
    texts: Iterable[str] | None = None,
    cased: bool = True,
    strip_accents: bool | None = None,
    hidden_size: int = 32,
    num_layers: int = 2,
    vocab_size: int | None = None,
    weights: str = "safetensors",
    dtype: str = "float32",
    card: str | Mapping[str, Any] | None = None,
    seed: int = 0,
) -> Path:
    """Write a tiny random-weight checkpoint of `arch` to `out_dir` and return the folder.

    `cased=False` makes an uncased vocabulary that lower-cases; `strip_accents` follows BERT's
    rule (None: strip when lower-casing). `weights` is "safetensors", "bin" (pickle only) or
    "both"; `dtype="float16"` stores half-precision weights as some old checkpoints do. `card` is
    a README text, a metadata mapping, or None for a Norwegian default card.
    """
    import torch
    import transformers

    if arch not in MODEL_CLASSES:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")
    if weights not in WEIGHT_FORMATS:
        raise ValueError(f"weights must be one of {', '.join(WEIGHT_FORMATS)}, not {weights!r}")
    if (not cased or strip_accents) and not uncased_supported(arch):
        raise ValueError(f"an uncased or accent-stripping vocabulary needs a WordPiece architecture "
                         f"(bert, distilbert, electra), not {arch}")
    if hidden_size % 2:
        raise ValueError(f"hidden_size must be even (two attention heads), not {hidden_size}")
    out = Path(out_dir)
    corpus = list(texts) if texts is not None else default_texts(seed=seed)
    if not corpus:
        raise ValueError("no texts to train the tokenizer on")
    ensure_writable(out, folder=True, empty=True)  # never mix with another model's files
    out.mkdir(parents=True, exist_ok=True)

    tokenizer, ids = build_tokenizer(arch, corpus, out, cased=cased, strip_accents=strip_accents,
                                      vocab_size=vocab_size)
    config_name, kwargs = _config(arch, hidden_size, num_layers, ids)
    config = getattr(transformers, config_name)(vocab_size=len(tokenizer), **kwargs)
    config.architectures = [MODEL_CLASSES[arch]]
    torch.manual_seed(seed)
    model = getattr(transformers, MODEL_CLASSES[arch])(config).to(getattr(torch, dtype))
    if weights in ("safetensors", "both"):
        model.save_pretrained(out)
    else:
        config.save_pretrained(out)
    if weights in ("bin", "both"):
        torch.save(model.state_dict(), out / "pytorch_model.bin")
    _write_card(out / "README.md", card)
    return out


def _write_card(path: Path, card: str | Mapping[str, Any] | None) -> None:
    if card is None:
        text = DEFAULT_CARD
    elif isinstance(card, str):
        text = card
    else:
        # JSON is valid YAML and quotes every string, so `no` stays the language code.
        text = f"---\n{json.dumps(dict(card), ensure_ascii=False, indent=1)}\n---\n# Tiny model\n"
    path.write_text(text, encoding="utf-8")
