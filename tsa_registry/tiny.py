"""Tiny random-weight checkpoints, made on the spot, for tests, benchmarks and a download-free demo.

Each model is saved pretrained-style (a masked or causal LM head, never a token-classification
head), so Simpletransformers adds a fresh head exactly as it does for a real Hub checkpoint. The
tokenizer is trained with the `tokenizers` library on Norwegian text: transformers 5 silently
drops a plain `vocab.txt` handed to `BertTokenizer(vocab_file=...)`, so we build the backend
ourselves and verify that a known word survives the round trip through disk.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping

from tsa_registry.check.norwegian import tagged_sentences

__all__ = ["ARCHITECTURES", "build_tiny_model", "default_texts", "texts_from_conll"]

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
    from tsa_registry.training.conll import read_conll

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
    if (not cased or strip_accents) and _TOKENIZERS[arch][0] != "wordpiece":
        # transformers 5 rebuilds these tokenizers from their vocabulary on loading and drops a
        # custom normalizer, so only WordPiece (BERT-style) vocabularies can be made uncased.
        raise ValueError(f"an uncased or accent-stripping vocabulary needs a WordPiece architecture "
                         f"(bert, distilbert, electra), not {arch}")
    if hidden_size % 2:
        raise ValueError(f"hidden_size must be even (two attention heads), not {hidden_size}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = list(texts) if texts is not None else default_texts(seed=seed)
    if not corpus:
        raise ValueError("no texts to train the tokenizer on")

    tokenizer, ids = _build_tokenizer(arch, corpus, out, cased=cased, strip_accents=strip_accents,
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


# --- tokenizers -------------------------------------------------------------------------------
_BERT = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
_SPM = ("<pad>", "<unk>", "<s>", "</s>", "<mask>")
# arch: (kind, transformers class, special tokens: pad, unk, cls/bos, sep/eos, mask)
_TOKENIZERS = {
    "bert": ("wordpiece", "BertTokenizerFast", _BERT),
    "distilbert": ("wordpiece", "DistilBertTokenizerFast", _BERT),
    "electra": ("wordpiece", "ElectraTokenizerFast", _BERT),
    "deberta-v2": ("unigram", "DebertaV2TokenizerFast", ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")),
    "xlmroberta": ("unigram", "XLMRobertaTokenizerFast", _SPM),
    "roberta": ("bytelevel", "RobertaTokenizerFast", _SPM),
    "bart": ("bytelevel", "BartTokenizerFast", _SPM),
    "modernbert": ("bytelevel", "PreTrainedTokenizerFast", _BERT),
    # GPT-2 has one special token; fine-tuned copies often reuse it for padding.
    "gpt2": ("bytelevel", "GPT2TokenizerFast", ("<|endoftext|>",) * 5),
    "xlm": ("xlm", "XLMTokenizer", ("<pad>", "<unk>", "<s>", "</s>", "<special1>")),
}
_ROLES = ("pad", "unk", "bos", "eos", "mask")




def _build_tokenizer(arch, texts, out: Path, *, cased, strip_accents, vocab_size):
    """Train a tokenizer of the kind `arch` uses, save it to `out`, return it reloaded and its ids."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    import transformers

    kind, wrapper, specials = _TOKENIZERS[arch]
    if kind == "xlm":
        return _build_xlm_tokenizer(texts, out, specials, vocab_size=vocab_size)
    # ids 0-3 as the real checkpoints have them (fairseq order for the RoBERTa family)
    trained = ["<s>", "<pad>", "</s>", "<unk>"] if specials is _SPM else list(dict.fromkeys(specials[:4]))
    size = vocab_size or 1200
    if kind == "wordpiece":
        tok = Tokenizer(models.WordPiece(unk_token=specials[1]))
        tok.normalizer = normalizers.BertNormalizer(lowercase=not cased, strip_accents=strip_accents)
        tok.pre_tokenizer, tok.decoder = pre_tokenizers.BertPreTokenizer(), decoders.WordPiece()
        trainer = trainers.WordPieceTrainer(vocab_size=size, special_tokens=trained)
    elif kind == "unigram":
        tok = Tokenizer(models.Unigram())
        tok.pre_tokenizer, tok.decoder = pre_tokenizers.Metaspace(), decoders.Metaspace()
        trainer = trainers.UnigramTrainer(vocab_size=size, special_tokens=trained, unk_token=specials[1])
    else:
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=arch != "gpt2")
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=size, special_tokens=trained,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    if kind == "unigram":
        _add_whole_words(tok, texts, trained, specials[1])
    tok.add_special_tokens([specials[4]])
    ids = {role: tok.token_to_id(t) for role, t in zip(_ROLES, specials)}
    cls, sep = specials[2], specials[3]
    if arch in ("roberta", "bart"):
        tok.post_processor = processors.RobertaProcessing((sep, ids["eos"]), (cls, ids["bos"]))
    elif arch != "gpt2":
        tok.post_processor = processors.TemplateProcessing(
            single=f"{cls} $A {sep}", pair=f"{cls} $A {sep} $B:1 {sep}:1",
            special_tokens=[(cls, ids["bos"]), (sep, ids["eos"])])
    named = dict(zip(("pad_token", "unk_token", "cls_token", "sep_token", "mask_token"), specials))
    if kind == "bytelevel":
        named.update(bos_token=cls, eos_token=sep)
        if arch == "gpt2":  # GPT-2 has no [CLS]/[SEP]: do not invent them
            del named["cls_token"], named["sep_token"], named["mask_token"]
    extra = {"do_lower_case": not cased, "strip_accents": strip_accents} if kind == "wordpiece" else {}
    if kind == "bytelevel" and arch != "modernbert":
        extra["add_prefix_space"] = arch != "gpt2"
    wrapped = getattr(transformers, wrapper)(tokenizer_object=tok, model_max_length=512, **named, **extra)
    return _save_and_verify(wrapped, out, texts), ids


def _add_whole_words(tok, texts, specials: list[str], unk: str) -> None:
    """Give a Unigram model every word of the corpus as a piece of its own.

    On a few hundred sentences the Unigram trainer (like sentencepiece's) keeps mostly letters
    and short pieces; real sentencepiece vocabularies hold whole frequent words.
    """
    from tokenizers import models

    scores = dict(json.loads(tok.to_str())["model"]["vocab"])
    counts = Counter("\u2581" + w for text in texts for w in text.split())
    total = sum(counts.values())
    for word, count in counts.most_common(len(scores)):  # at most doubles the vocabulary
        scores.setdefault(word, math.log(count / total))
    rest = sorted((p for p in scores if p not in specials), key=lambda p: -scores[p])
    vocab = [(p, 0.0) for p in specials] + [(p, scores[p]) for p in rest]
    tok.model = models.Unigram(vocab, unk_id=specials.index(unk), byte_fallback=False)


def _build_xlm_tokenizer(texts, out: Path, specials, *, vocab_size):
    """XLM: BPE with an end-of-word suffix, saved as vocab.json + merges.txt (a slow tokenizer)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    import transformers

    tok = Tokenizer(models.BPE(unk_token="<unk>", end_of_word_suffix="</w>"))
    # XLM lower-cases and strips accents before BPE (do_lowercase_and_remove_accent): train alike.
    tok.normalizer = normalizers.Sequence([normalizers.Lowercase(), normalizers.NFD(),
                                           normalizers.StripAccents(), normalizers.NFC()])
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    order = ["<s>", "</s>", "<pad>", "<unk>"] + [f"<special{i}>" for i in range(10)]
    tok.train_from_iterator(texts, trainers.BpeTrainer(
        vocab_size=vocab_size or 1000, special_tokens=order, end_of_word_suffix="</w>"))
    vocab_file, merges_file = out / "vocab.json", out / "merges.txt"
    vocab_file.write_text(json.dumps(tok.get_vocab(), ensure_ascii=False), encoding="utf-8")
    merges = json.loads(tok.to_str())["model"]["merges"]
    merges_file.write_text("".join(" ".join(m) + "\n" for m in merges), encoding="utf-8")
    wrapped = transformers.XLMTokenizer(str(vocab_file), str(merges_file), model_max_length=512)
    return _save_and_verify(wrapped, out, texts), {r: tok.token_to_id(t) for r, t in zip(_ROLES, specials)}


def _save_and_verify(tokenizer, out: Path, texts: list[str]):
    """Save, reload with AutoTokenizer, and check that the corpus' most frequent plain word is
    still one token of itself (transformers 5 can silently lose a vocabulary on the way)."""
    from transformers import AutoTokenizer

    tokenizer.save_pretrained(out)
    reloaded = AutoTokenizer.from_pretrained(out, trust_remote_code=False)
    plain = Counter(w for text in texts for w in text.split() if w.isascii() and w.isalpha()
                    and w.islower() and len(w) > 2)
    if plain:
        known = plain.most_common(1)[0][0]
        pieces = reloaded.tokenize(f"{known} {known}")
        if not any(reloaded.convert_tokens_to_string([p]).strip() == known for p in pieces):
            raise RuntimeError(f"the tiny tokenizer in {out} splits the known word {known!r}: {pieces}; "
                               "its vocabulary did not survive saving")
    return reloaded
