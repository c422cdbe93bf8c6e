"""A run trains on NERModel's own features: the tokenizer.json that broke it, the run-start
comparison that falls back and warns, and one length rule for `check --data` and `train`."""

from __future__ import annotations

import pytest

from tests.support.quirks import build_quirk, readable_sentences
from tsa_registry.task.conll import read_conll, write_conll
from tsa_registry.training import events
from tsa_registry.training.plan import plan_training
from tsa_registry.training.runs import create_run
from tsa_registry.training.worker.loop import train_run


def run_in_process(request, folder):
    run = create_run(request, folder)
    seen: list = []
    train_run(run, seen.append)
    return run, seen


def warnings(seen, code):
    return [e.message for e in seen if isinstance(e, events.Warning) and e.code == code]


def stock_longest(folder, model_type, corpora) -> int:
    """The longest sentence in NERModel's own features (a fresh stock NERModel, no cutting)."""
    from simpletransformers.ner import NERModel
    from simpletransformers.ner.ner_utils import InputExample

    sentences = [s for c in corpora for s in c.sentences]
    model = NERModel(model_type, str(folder), labels=corpora[0].labels, use_cuda=False,
                     args={"max_seq_length": 512, "silent": True, "use_multiprocessing": False})
    examples = [InputExample(i, list(s.tokens), list(s.tags)) for i, s in enumerate(sentences)]
    features = model.load_and_cache_examples(None, no_cache=True, to_predict=examples)
    return int(features.tensors[1].sum(dim=1).max())


def test_a_tokenizer_json_with_stored_padding_trains_on_the_right_features(
        tiny_models, tsa_data, registry, tmp_path):
    """all-MiniLM-L6-v2's shape: padding Fixed 128 and truncation 128 stored in tokenizer.json.
    Each word used to come back as 128 pieces, [PAD]s inside sentences and words cut."""
    folder = build_quirk("wordpiece-padding-fixed", tiny_models, tmp_path)
    request = plan_training(str(folder), train=tsa_data.train, dev=tsa_data.dev, registry=registry,
                            epochs=1, batch_size=16, learning_rate=1e-3)
    run, seen = run_in_process(request, tmp_path / "run")
    started, = [e for e in seen if isinstance(e, events.Started)]
    corpora = (read_conll(tsa_data.train), read_conll(tsa_data.dev))
    assert started.max_seq_length == stock_longest(folder, "bert", corpora) < 40
    assert warnings(seen, "too-long") == [] and warnings(seen, "features-differ") == []
    assert run.status()["status"] == "complete"


def test_a_broken_fast_path_falls_back_to_nermodels_features_and_says_where(
        tiny_model, tsa_data, registry, tmp_path, monkeypatch):
    from tsa_registry.nermodel import features

    request = plan_training(str(tiny_model("bert")), train=tsa_data.train, dev=tsa_data.dev,
                            registry=registry, epochs=1, batch_size=16, learning_rate=1e-3)
    _, sound = run_in_process(request, tmp_path / "sound")
    assert warnings(sound, "features-differ") == []

    right = features.word_pieces

    def broken(tokenizer, words):
        pieces = right(tokenizer, words)
        return {w: p + ["[PAD]"] if w == "filmen" else p for w, p in pieces.items()}

    monkeypatch.setattr(features, "word_pieces", broken)
    run, seen = run_in_process(request, tmp_path / "broken")
    found = warnings(seen, "features-differ")
    assert len(found) == 2  # train, then dev
    assert str(tsa_data.train) in found[0] and str(tsa_data.dev) in found[1]
    assert "'filmen'" in found[0] and "['filmen', '[PAD]']" in found[0] and "['filmen']" in found[0]
    assert run.status()["status"] == "complete"
    # NERModel's own features: the very training the sound fast path gives.
    losses = [[e.loss for e in events_ if isinstance(e, events.Progress)] for events_ in (sound, seen)]
    assert losses[0] == losses[1]
    assert [e.f1 for e in seen if isinstance(e, events.Evaluation)] == \
        [e.f1 for e in sound if isinstance(e, events.Evaluation)]


@pytest.mark.parametrize("arch", ["bert", "xlmroberta"])
def test_check_data_and_train_count_the_same_longest_sentence(arch, tiny_model, tsa_data, registry,
                                                              tmp_path):
    """XLM-R: NERModel adds <s>, </s> and a second </s>, one more than the tokenizer's template."""
    from tsa_registry.check import check_model

    train, dev = tmp_path / "train.conll", tmp_path / "dev.conll"
    varied = readable_sentences() + read_conll(tsa_data.train).sentences[:20]
    write_conll(train, varied)
    write_conll(dev, readable_sentences())  # every label; none longer than the longest in train
    folder = tiny_model(arch)
    report = check_model(str(folder), registry=registry, data=train)
    request = plan_training(str(folder), train=train, dev=dev, registry=registry, epochs=1,
                            batch_size=32)
    _, seen = run_in_process(request, tmp_path / "run")
    started, = [e for e in seen if isinstance(e, events.Started)]
    longest = stock_longest(folder, arch, (read_conll(train), read_conll(dev)))
    assert report.length.longest_sentence == started.max_seq_length == longest
