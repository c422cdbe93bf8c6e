"""`predict`'s tagging (sorted batches cut to their longest sentence, fast features) gives
exactly NERModel.predict's tags, on several architectures, with sentences cut by max_seq_length."""

from __future__ import annotations

import pytest

from tsa_registry.nermodel.batches import length_batches, tag_words
from tsa_registry.task.conll import Sentence
from tsa_registry.task.norwegian import tagged_sentences

LABELS = ["O", "B-targ-Positive", "I-targ-Positive", "B-targ-Negative", "I-targ-Negative"]


def _sentences() -> list[Sentence]:
    made = [Sentence(f"s{i}", tuple(words), ("O",) * len(words))
            for i, (words, _) in enumerate(tagged_sentences(40, seed=11))]
    long = "Dette er en lang setning som fortsetter og fortsetter med flere ord enn modellen får plass til her ."
    odd = [("Hæ", "?"), ("Bodø", "–", "Tromsø", ":", "3-0", "!"), tuple(long.split(" ")) * 2]
    return made + [Sentence(f"odd{i}", words, ("O",) * len(words)) for i, words in enumerate(odd)]


def _model(folder, model_type, work):
    from tsa_registry.nermodel.args import quiet_args as no_side_effects
    from tsa_registry.nermodel.model import TSANERModel

    return TSANERModel(model_type, str(folder), labels=LABELS,
                       args={**no_side_effects(work), "eval_batch_size": 8, "max_seq_length": 24,
                             "fp16": False}, use_cuda=False)


@pytest.mark.parametrize("arch,model_type", [("bert", "bert"), ("xlmroberta", "xlmroberta"),
                                             ("distilbert", "distilbert"), ("deberta-v2", "deberta-v2")])
def test_tags_equal_nermodel_predict(tiny_models, tmp_path, arch, model_type):
    import torch

    torch.manual_seed(0)
    model = _model(tiny_models.get(arch), model_type, tmp_path)
    sentences = _sentences()
    theirs, _ = model.predict([list(s.tokens) for s in sentences], split_on_space=False)
    expected = [[next(iter(word.values())) for word in words] for words in theirs]
    assert tag_words(model, sentences) == expected
    assert tag_words(model, sentences, batch_size=1) == expected
    # Some sentence is cut by max_seq_length 24: its last words get no tag, in both.
    assert any(len(tags) < len(s.tokens) for s, tags in zip(sentences, expected))
    assert len({tag for tags in expected for tag in tags}) > 1  # a head that says more than one thing


def test_trained_run_predicts_as_nermodel(trained_run, tsa_data):
    from tsa_registry.task.conll import read_conll
    from tsa_registry.training.worker.predict import load_model

    model = load_model(trained_run, "cpu")
    sentences = read_conll(tsa_data.dev).sentences
    model.args.max_seq_length = 64
    theirs, _ = model.predict([list(s.tokens) for s in sentences], split_on_space=False)
    expected = [[next(iter(word.values())) for word in words] for words in theirs]
    assert tag_words(model, sentences, batch_size=5) == expected


def test_length_batches_sort_by_length_and_keep_every_sentence():
    lengths = [30, 5, 12, 5, 40, 7, 12]
    batches = length_batches(lengths, 3)
    assert batches == [[1, 3, 5], [2, 6, 0], [4]]
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    # Every batch is padded only to its own longest sentence: far less than to the longest of all.
    assert [max(lengths[i] for i in batch) for batch in batches] == [7, 30, 40]
    assert length_batches([], 4) == []
    with pytest.raises(ValueError):
        length_batches(lengths, 0)


def test_each_batch_is_cut_to_its_own_longest_sentence(tiny_models, tmp_path):
    from tsa_registry.nermodel.batches import batch_inputs, word_features

    model = _model(tiny_models.get("bert"), "bert", tmp_path)
    sentences = _sentences()
    tensors = word_features(model, sentences).tensors
    widths = tensors[1].sum(dim=1).tolist()
    batches = length_batches(widths, 8)
    shapes = [batch_inputs(model, tensors, rows)["input_ids"].shape for rows in batches]
    assert [shape[0] for shape in shapes] == [len(rows) for rows in batches]
    assert [shape[1] for shape in shapes] == [max(widths[i] for i in rows) for rows in batches]
    assert [shape[1] for shape in shapes] == sorted(shape[1] for shape in shapes)
    assert shapes[0][1] < tensors[0].shape[1]  # far less than the padding of the longest sentence
