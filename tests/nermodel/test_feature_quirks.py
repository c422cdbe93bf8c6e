"""The features `train` builds are stock NERModel's, whatever shape the tokenizer files take.

For each tokenizer shape in tests/support/quirks.py (padding or truncation stored in
tokenizer.json, casing declared in one file only, WordPiece, SentencePiece Unigram, byte-level
BPE, added tokens, model_max_length 1e30) and varied sentences (NFD accents, characters outside
the vocabulary, lone "▁", empty and invisible tokens): the check's casing and accent findings
describe the tokenizer `train` loads, the features equal those of a fresh stock NERModel
without falling back to them, the lengths are those of NERModel's features, and predictions
come back one a word, from that word's first subword.
"""

from __future__ import annotations

import pytest
import torch

from tests.support.quirks import LABELS, QUIRKS, build_quirk, sentences

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture(scope="module")
def quirk_root(tmp_path_factory):
    return tmp_path_factory.mktemp("quirks")


@pytest.mark.parametrize("name", QUIRKS)
def test_features_lengths_predictions_and_casing(name, tiny_models, quirk_root, registry, tmp_path):
    from simpletransformers.ner import NERModel

    from tsa_registry.check import check_model
    from tsa_registry.check.tokenizer import spelled
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.nermodel.tagging import fit_max_seq_length, predict_tags

    quirk = QUIRKS[name]
    folder = build_quirk(name, tiny_models, quirk_root)
    model_type = quirk.arch
    data = sentences()

    # What check reports is what the tokenizer `train` loads with check's settings does.
    report = check_model(str(folder), registry=registry)
    assert report.simpletransformers_model_type == model_type
    info = report.tokenizer
    assert (info.lowercases, info.strips_accents) == (quirk.lowercases, quirk.strips_accents)
    assert report.suggested_args.get("do_lower_case", False) is quirk.lowercases
    args = {**quiet_args(tmp_path / "work"), "manual_seed": 3,
            "do_lower_case": report.suggested_args.get("do_lower_case", False)}
    # Fresh, as a run loads it: the first tokenize call switches off a tokenizer.json's padding.
    ours = TSANERModel(model_type, str(folder), labels=LABELS, args=args, use_cuda=False)

    # The features: ours, built fast, equal a fresh stock NERModel's (its tokenizer as loaded).
    stock = NERModel(model_type, str(folder), labels=LABELS, args=args, use_cuda=False)
    longest, (lengths,) = fit_max_seq_length(ours, [[s.tokens for s in data]], None)
    assert longest == max(lengths)
    examples = _examples(data)
    for length in (longest, 12):  # all of every sentence, then cut as a short max_seq_length cuts
        ours.args.max_seq_length = stock.args.max_seq_length = length
        fast = ours.load_and_cache_examples(data)
        theirs = stock.load_and_cache_examples(None, no_cache=True, to_predict=examples)
        assert ours.feature_mismatches == []  # the fast path itself, not the fallback
        for label, a, b in zip(("input_ids", "attention_mask", "token_type_ids", "labels"),
                               fast.tensors, theirs.tensors):
            assert torch.equal(a, b), f"{label} differ"
        if length == longest:
            whole = theirs
    # Lengths: each sentence as long as NERModel's own features make it, special tokens included.
    assert lengths == [int(mask.sum()) for mask in whole.tensors[1]]

    # Predictions: one tag a word, from the model's output at that word's first subword.
    tags, warning = predict_tags(ours, data)
    assert warning is None
    assert [len(t) for t in tags] == [len(s.tokens) for s in data]
    assert tags == _first_subword_tags(ours, whole)
    assert len({t for sentence in tags for t in sentence}) > 1  # the comparison can tell words apart

    assert (spelled(ours.tokenizer, "Filmen") == "filmen") is quirk.lowercases
    assert (spelled(ours.tokenizer, "får") == "far") is quirk.strips_accents


def test_quirky_words_are_in_the_sentences(tiny_models, quirk_root):
    """The matrix holds what it claims: a lone "▁", padding stored, empty words, NFD accents."""
    import json
    import unicodedata

    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(build_quirk("unigram-metaspace", tiny_models, quirk_root))
    words = [w for s in sentences() for w in s.tokens]
    assert any(tokenizer.tokenize(w)[:1] == ["▁"] for w in words)
    assert "" in words and any(w and not w.strip() for w in words)
    assert any(unicodedata.normalize("NFC", w) != w for w in words)
    stored = json.loads((build_quirk("wordpiece-padding-fixed", tiny_models, quirk_root)
                         / "tokenizer.json").read_text())
    assert stored["padding"]["strategy"] == {"Fixed": 128} and stored["truncation"]["max_length"] == 128


def _examples(data):
    from simpletransformers.ner.ner_utils import InputExample

    return [InputExample(i, list(s.tokens), list(s.tags)) for i, s in enumerate(data)]


def _first_subword_tags(model, features) -> list[list[str]]:
    """Argmax of the model's output at each position NERModel labels (a word's first subword)."""
    model.model.eval()
    inputs = model._get_inputs_dict(features.tensors)
    labels = inputs.pop("labels")
    with torch.no_grad():
        best = model.model(**inputs).logits.argmax(-1)
    return [[LABELS[int(p)] for p, gold in zip(best[i], labels[i]) if gold != model.pad_token_label_id]
            for i in range(len(labels))]
