"""Real Simpletransformers training on tiny models, run in this process through `train_run`
(the function the training process runs), so that the test session imports NERModel once."""

from __future__ import annotations

import json

import pytest
import torch

from tsa_registry.task.conll import read_conll
from tsa_registry.training import events
from tsa_registry.training.plan import plan_training
from tsa_registry.training.runs import create_run, sha256
from tsa_registry.training.worker.loop import train_run


def run_in_process(request, folder):
    run = create_run(request, folder)
    seen: list = []
    train_run(run, seen.append)
    return run, seen


def of(kind, seen):
    return [e for e in seen if isinstance(e, kind)]


def test_training_run_records_everything(tiny_model, tsa_data, registry, tmp_path):
    request = plan_training(str(tiny_model("bert")), train=tsa_data.train, dev=tsa_data.dev,
                            test=tsa_data.test, registry=registry, epochs=2, batch_size=16,
                            learning_rate=2e-3)
    run, seen = run_in_process(request, tmp_path / "run")

    started, = of(events.Started, seen)
    assert (started.steps_per_epoch, started.total_steps) == (6, 12)  # 96 sentences / 16
    steps = [e.step for e in of(events.Progress, seen)]
    assert steps == list(range(1, 13))
    assert [e.epoch for e in of(events.Evaluation, seen)] == [1, 2]
    done, = of(events.Done, seen)
    assert isinstance(seen[-1], events.Done)
    assert run.status()["status"] == "complete"

    info = json.loads(run.file("run.json").read_text())
    assert info["data"]["train"]["sha256"] == sha256(tsa_data.train)
    assert info["data"]["test"]["sentences"] == 24
    assert info["labels"] == ["O", "B-targ-Negative", "I-targ-Negative", "B-targ-Positive",
                              "I-targ-Positive"]
    assert info["environment"]["device"] == "cpu" and info["environment"]["torch"]
    metrics = run.metrics()
    assert metrics["best_epoch"] == done.best_epoch
    assert metrics["dev"]["f1"] == done.dev_f1 == max(h["dev"]["f1"] for h in metrics["history"])
    assert metrics["test"]["f1"] == done.test_f1
    # Predictions are written for the best epoch, aligned with the gold files.
    for name, gold in (("dev", tsa_data.dev), ("test", tsa_data.test)):
        predicted = read_conll(run.file(f"{name}.predictions.conll"), repair=False)
        assert [s.tokens for s in predicted.sentences] == [s.tokens for s in read_conll(gold).sentences]
    # The run's own record of events is the stream the caller saw.
    assert [type(e) for e in run.events()] == [type(e) for e in seen]
    assert (run.model_dir / "model.safetensors").exists()
    assert [epoch for epoch, _ in run.checkpoints()] == [2]  # only the latest is kept


def test_evaluate_run_gives_the_scores_training_recorded(tiny_model, tsa_data, registry, tmp_path):
    from tsa_registry.training.worker.predict import evaluate_run, load_model, predict_texts

    request = plan_training(str(tiny_model("distilbert")), train=tsa_data.train_intensity,
                            dev=tsa_data.dev_intensity, test=tsa_data.test_intensity,
                            registry=registry, epochs=6, batch_size=8, learning_rate=5e-3,
                            intensity=True)
    run, seen = run_in_process(request, tmp_path / "run")
    metrics = run.metrics()
    assert list(metrics["dev"]["per_polarity"]) == ["Negative-3", "Positive-2"]
    # The tiny model learns the template targets: this is a real training run.
    assert metrics["dev"]["f1"] > 0.2, metrics["history"]
    scores, warning = evaluate_run(run, tsa_data.dev_intensity, output=tmp_path / "dev.pred")
    assert warning is None
    assert scores.f1 == pytest.approx(metrics["dev"]["f1"])
    assert read_conll(tmp_path / "dev.pred", repair=False).sentences == \
        read_conll(run.file("dev.predictions.conll"), repair=False).sentences
    test_scores, _ = evaluate_run(run, tsa_data.test_intensity)
    assert test_scores.f1 == pytest.approx(metrics["test"]["f1"])

    found, _ = predict_texts(load_model(run), ["Filmen var flott , men lyden var dårlig .", "", "Ja"])
    assert [p.text for p in found] == ["Filmen var flott , men lyden var dårlig .", "", "Ja"]
    for prediction in found:
        assert len(prediction.tags) == len(prediction.tokens)
        for target in prediction.targets:
            assert prediction.text[target.start:target.end] == target.text
            assert target.polarity in ("Positive-2", "Negative-3")


def test_out_of_memory_halves_the_batch_and_goes_on(tiny_model, tsa_data, registry, tmp_path,
                                                    monkeypatch):
    # A "GPU" that fits batches of 4 from epoch 2 on: epoch 1 trains with 16, then the batch
    # halves twice and training goes on from the epoch 1 checkpoint.
    monkeypatch.setenv("TSA_REGISTRY_TEST_OOM_ABOVE_BATCH", "4")
    monkeypatch.setenv("TSA_REGISTRY_TEST_OOM_FROM_EPOCH", "2")
    request = plan_training(str(tiny_model("xlmroberta")), train=tsa_data.train, dev=tsa_data.dev,
                            registry=registry, epochs=2, batch_size=16, learning_rate=1e-3)
    run, seen = run_in_process(request, tmp_path / "run")

    warnings = [e.message for e in of(events.Warning, seen) if e.code == "out-of-memory"]
    assert len(warnings) == 2
    assert "injected" in warnings[0] and "batches of 8 and gradient accumulation 2" in warnings[0]
    assert "batches of 4 and gradient accumulation 4" in warnings[1]
    first, *_, last = of(events.Started, seen)
    assert (first.batch_size, first.gradient_accumulation_steps, first.start_epoch) == (16, 1, 0)
    assert (last.batch_size, last.gradient_accumulation_steps, last.start_epoch) == (4, 4, 1)
    assert last.steps_per_epoch == first.steps_per_epoch == 6  # a step still sees 16 sentences
    steps = [e.step for e in of(events.Progress, seen)]
    assert steps == list(range(1, 13))  # epoch 2 counted once, after the restart
    assert [e.epoch for e in of(events.Evaluation, seen)] == [1, 2]
    assert run.status()["status"] == "complete"
    assert [h["epoch"] for h in run.metrics()["history"]] == [1, 2]


def test_long_sentences_are_reported_before_training(tiny_model, tsa_data, registry, tmp_path):
    request = plan_training(str(tiny_model("bert")), train=tsa_data.train, dev=tsa_data.dev,
                            registry=registry, epochs=1, batch_size=32, max_seq_length=8)
    _, seen = run_in_process(request, tmp_path / "run")
    kinds = [type(e) for e in seen]
    too_long = [e for e in of(events.Warning, seen) if e.code == "too-long"]
    assert len(too_long) == 2  # train and dev
    assert all(kinds.index(events.Started) > seen.index(w) for w in too_long)
    assert "train.conll:" in too_long[0].message and "longer than 8 subwords (--max-seq-length" \
        in too_long[0].message


@pytest.mark.parametrize("arch", ["bert", "xlmroberta", "distilbert"])
def test_features_and_lengths_are_those_nermodel_makes_itself(arch, tiny_model, tsa_data):
    """Tokenizing each distinct word once gives NERModel's own features, word for word."""
    from simpletransformers.ner import NERModel
    from simpletransformers.ner.ner_utils import InputExample

    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.task.lengths import subword_lengths, word_pieces

    sentences = read_conll(tsa_data.dev).sentences
    model = TSANERModel(arch, str(tiny_model(arch)), labels=read_conll(tsa_data.dev).labels,
                        args={**quiet_args(tsa_data.folder / "unused"), "max_seq_length": 64},
                        use_cuda=False)
    pieces = word_pieces(model.tokenizer, (w for s in sentences for w in s.tokens))
    assert all(pieces[w] == model.tokenizer.tokenize(w) for w in pieces)
    ours = model.load_and_cache_examples(sentences, evaluate=True)
    examples = [InputExample(i, list(s.tokens), list(s.tags)) for i, s in enumerate(sentences)]
    theirs = NERModel.load_and_cache_examples(model, None, evaluate=True, to_predict=examples)
    assert all(torch.equal(a, b) for a, b in zip(ours.tensors, theirs.tensors))
    assert subword_lengths(model.tokenizer, [s.tokens for s in sentences], arch) == \
        [int(mask.sum()) for mask in ours.tensors[1]]


def test_trimmed_batches_train_exactly_like_padded_ones(tiny_model, tsa_data):
    """Cutting each batch to its longest sentence changes the compute, not the result.

    Dropout is off: its random masks are drawn for the padded shape, so with dropout the two
    runs differ in their random draws (not in what they compute)."""
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel

    train = read_conll(tsa_data.train).sentences[:48]
    trained, widths = [], []
    for trim in (True, False):
        model = TSANERModel("bert", str(tiny_model("bert")), labels=read_conll(tsa_data.train).labels,
                            args={**quiet_args(tsa_data.folder / f"work-{trim}"),
                                  "max_seq_length": 64, "num_train_epochs": 1, "manual_seed": 7,
                                  "train_batch_size": 8, "learning_rate": 1e-3,
                                  "config": {"hidden_dropout_prob": 0.0,
                                             "attention_probs_dropout_prob": 0.0}},
                            use_cuda=False)
        model.trim_batches = trim
        seen = []
        model.model.register_forward_pre_hook(
            lambda module, args, kwargs, seen=seen: seen.append(kwargs["input_ids"].shape[1]),
            with_kwargs=True)
        model.train_model(train)
        trained.append({k: v.clone() for k, v in model.model.state_dict().items()})
        widths.append(seen)
    assert max(widths[0]) < 64 and set(widths[1]) == {64}
    for name, value in trained[0].items():
        assert torch.allclose(value, trained[1][name], atol=1e-5), name


def test_a_hub_model_is_pinned_to_its_commit(hub, tsa_data, registry, tmp_path):
    repo = hub.model("bert-cased")
    request = plan_training(repo, train=tsa_data.train, dev=tsa_data.dev, registry=registry,
                            revision="main", epochs=1, batch_size=32)
    mark = hub.mark()
    run, seen = run_in_process(request, tmp_path / "run")
    assert isinstance(seen[-1], events.Done)
    model = run.info()["model"]
    assert model["id"] == repo
    assert len(model["revision"]) == 40 and hub.revision_exists(repo, model["revision"])
    downloads = [r.path for r in hub.weight_downloads(repo, since=mark)]
    assert downloads and all(path.endswith(".safetensors") for path in downloads)


def test_a_model_folder_named_like_a_checkpoint_still_trains_every_step(tiny_model, tsa_data, tmp_path):
    """NERModel takes "name-<n>" for a checkpoint at step n and skips n steps; ours must not."""
    import shutil

    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel

    folder = shutil.copytree(tiny_model("bert"), tmp_path / "model-3")
    train = read_conll(tsa_data.train).sentences[:32]
    model = TSANERModel("bert", str(folder), labels=read_conll(tsa_data.train).labels,
                        args={**quiet_args(tmp_path / "work"), "max_seq_length": 64,
                              "num_train_epochs": 1, "train_batch_size": 8}, use_cuda=False)
    calls = []
    model.model.register_forward_pre_hook(lambda module, args: calls.append(1))
    steps, _ = model.train_model(train)
    assert steps == 4 and len(calls) == 4
