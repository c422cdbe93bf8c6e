"""Tokenizers for the tiny models, trained on the spot with the `tokenizers` library.

One of each kind the real checkpoints use (WordPiece, Unigram, byte-level BPE, XLM's BPE with
Moses-style files), with the special tokens at the ids the real ones have. transformers 5
silently drops a plain `vocab.txt` handed to `BertTokenizer(vocab_file=...)`, so the backend is
built here and checked after a round trip through disk.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

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


def uncased_supported(arch: str) -> bool:
    """transformers 5 rebuilds the other tokenizer classes from their vocabulary on loading and
    drops a custom normalizer, so only WordPiece (BERT-style) vocabularies can be made uncased."""
    return _TOKENIZERS[arch][0] == "wordpiece"


def build_tokenizer(arch: str, texts: list[str], out: Path, *, cased: bool, strip_accents: bool | None,
                    vocab_size: int | None) -> tuple[Any, dict[str, int]]:
    """Train a tokenizer of the kind `arch` uses, save it to `out`, return it reloaded and its ids."""
    import transformers
    from tokenizers import (
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
        trainers,
    )

    kind, wrapper, specials = _TOKENIZERS[arch]
    if kind == "xlm":
        return _build_xlm_tokenizer(texts, out, specials, vocab_size=vocab_size)
    # ids 0-3 as the real checkpoints have them (fairseq order for the RoBERTa family)
    trained = ["<s>", "<pad>", "</s>", "<unk>"] if specials is _SPM else list(dict.fromkeys(specials[:4]))
    size = vocab_size or 1200
    trainer: trainers.Trainer
    if kind == "wordpiece":
        tok = Tokenizer(models.WordPiece(unk_token=specials[1]))
        tok.normalizer = normalizers.BertNormalizer(lowercase=not cased, strip_accents=strip_accents)
        tok.pre_tokenizer, tok.decoder = pre_tokenizers.BertPreTokenizer(), decoders.WordPiece()
        trainer = trainers.WordPieceTrainer(vocab_size=size, special_tokens=trained, show_progress=False)
    elif kind == "unigram":
        tok = Tokenizer(models.Unigram())
        tok.pre_tokenizer, tok.decoder = pre_tokenizers.Metaspace(), decoders.Metaspace()
        trainer = trainers.UnigramTrainer(vocab_size=size, special_tokens=trained, unk_token=specials[1],
                                          show_progress=False)
    else:
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=arch != "gpt2")
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=size, special_tokens=trained,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(texts, trainer)
    if kind == "unigram":
        _add_whole_words(tok, texts, trained, specials[1])
    tok.add_special_tokens([specials[4]])
    ids = {role: _token_id(tok, t) for role, t in zip(_ROLES, specials)}
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


def _token_id(tok: Any, token: str) -> int:
    found = tok.token_to_id(token)
    if found is None:
        raise RuntimeError(f"the tiny tokenizer has no token {token!r}")
    return int(found)


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
    import transformers
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>", end_of_word_suffix="</w>"))  # noqa: S106 - not a password
    # XLM lower-cases and strips accents before BPE (do_lowercase_and_remove_accent): train alike.
    tok.normalizer = normalizers.Sequence([normalizers.Lowercase(), normalizers.NFD(),
                                           normalizers.StripAccents(), normalizers.NFC()])
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    order = ["<s>", "</s>", "<pad>", "<unk>"] + [f"<special{i}>" for i in range(10)]
    tok.train_from_iterator(texts, trainers.BpeTrainer(
        vocab_size=vocab_size or 1000, special_tokens=order, end_of_word_suffix="</w>", show_progress=False))
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
