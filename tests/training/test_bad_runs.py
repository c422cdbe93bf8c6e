"""Runs that meet bad input: data, learning rates, damaged or shared run folders, odd names.
Each test gives the input a user could give and asserts the message they get, never a traceback."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.training import events
from tsa_registry.training.plan import PlanError, plan_training
from tsa_registry.training.runs import Run, create_run
from tsa_registry.training.worker.loop import train_run


def io_tagged(source, target):
    """The file with every B- tag written as I- (IO tagging, as some tools export)."""
    target.write_text(source.read_text(encoding="utf-8").replace("\tB-targ-", "\tI-targ-"),
                      encoding="utf-8")
    return target


def test_io_tagged_data_trains_after_its_repair(tiny_model, tsa_data, registry, tmp_path):
    train = io_tagged(tsa_data.train, tmp_path / "train.io.conll")
    dev = io_tagged(tsa_data.dev, tmp_path / "dev.io.conll")
    request = plan_training(str(tiny_model("bert")), train=train, dev=dev, registry=registry,
                            epochs=1, batch_size=32, learning_rate=1e-3)
    run = create_run(request, tmp_path / "run")
    seen: list = []
    train_run(run, seen.append)
    assert [e.code for e in seen if isinstance(e, events.Warning)] == ["bio-repaired"] * 2
    assert run.status()["status"] == "complete"
    assert "B-targ-Positive" in run.info()["labels"]


def test_a_loss_that_is_not_a_number_fails_the_run_naming_the_learning_rate(
        tiny_model, tsa_data, registry, tmp_path):
    from tsa_registry.training.worker.callbacks import TrainingDiverged

    request = plan_training(str(tiny_model("bert")), train=tsa_data.train, dev=tsa_data.dev,
                            registry=registry, epochs=2, batch_size=16, learning_rate=1e12)
    run = create_run(request, tmp_path / "run")
    with pytest.raises(TrainingDiverged) as caught:
        train_run(run, lambda event: None)
    assert "the training loss became nan" in str(caught.value)
    assert "the learning rate 1e+12 is likely too high: try a lower --lr" in str(caught.value)
    assert not run.file("metrics.json").exists() or run.metrics()["epochs_done"] < 2


def test_the_worker_marks_a_diverged_run_failed(tiny_model, tsa_data, home, tmp_path):
    result = CliRunner().invoke(main, [
        "train", str(tiny_model("bert")), "--train", str(tsa_data.train), "--dev", str(tsa_data.dev),
        "--epochs", "1", "--batch-size", "16", "--lr", "1e12", "--output", str(tmp_path / "run")])
    assert result.exit_code == 1
    assert "TrainingDiverged: the training loss became nan" in result.stderr
    status = Run(tmp_path / "run").status()
    assert status["status"] == "failed" and "lower --lr" in status["message"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_learning_rate_that_is_not_a_finite_number_is_refused(tiny_model, tsa_data, home, value):
    result = CliRunner().invoke(main, [
        "train", str(tiny_model("bert")), "--train", str(tsa_data.train), "--dev", str(tsa_data.dev),
        "--lr", value])
    assert result.exit_code == 2
    assert "Invalid value for '--lr'" in result.stderr
    assert not (home / "data" / "runs").exists()
    with pytest.raises(PlanError, match="give a finite number more than 0"):
        plan_training(str(tiny_model("bert")), train=tsa_data.train, dev=tsa_data.dev,
                      registry=None, learning_rate=float(value))


def test_an_earlier_runs_model_cannot_learn_other_labels(trained_run, tsa_data, registry):
    with pytest.raises(PlanError) as caught:
        plan_training(str(trained_run.model_dir), train=tsa_data.train_intensity,
                      dev=tsa_data.dev_intensity, registry=registry, intensity=True)
    message = str(caught.value)
    assert "was fine-tuned for TSA on the labels O, B-targ-Negative" in message
    assert "and the data has O, B-targ-Negative-3" in message
    assert f"Train from its base model ({trained_run.request().model}) instead" in message
    # The same labels: fine-tuning goes on.
    assert plan_training(str(trained_run.model_dir), train=tsa_data.train, dev=tsa_data.dev,
                         registry=registry).model == str(trained_run.model_dir)


def test_a_truncated_model_file_in_a_run_is_a_message(run_copy, tsa_data):
    weights = run_copy.model_dir / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    for args in (["predict", str(run_copy.path), "Filmen var flott ."],
                 ["evaluate", str(run_copy.path), "--data", str(tsa_data.dev)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert f"its model file {weights} is damaged" in result.stderr
        assert "Traceback" not in result.output


def test_a_text_file_with_a_hash_line_is_predicted_as_text(trained_run, tmp_path):
    text = tmp_path / "reviews.txt"
    text.write_text("#sent_id er et ord her\nFilmen var flott .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["predict", str(trained_run.path), "--file", str(text), "--json"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["text"] for p in found] == ["#sent_id er et ord her", "Filmen var flott ."]


def test_evaluate_refuses_to_write_over_its_gold_data(run_copy, tsa_data, tmp_path):
    gold = tmp_path / "gold.conll"
    shutil.copy(tsa_data.dev, gold)
    before = gold.read_bytes()
    for output in (gold, tmp_path / "." / "gold.conll"):
        result = CliRunner().invoke(main, ["evaluate", str(run_copy.path), "--data", str(gold),
                                           "--output", str(output), "--force"])
        assert result.exit_code == 2
        assert "is also an input" in result.stderr and "would destroy it" in result.stderr
    assert gold.read_bytes() == before


def test_evaluate_checks_its_output_before_evaluating(run_copy, tsa_data, tmp_path):
    existing = tmp_path / "old.conll"
    existing.write_text("keep me\n", encoding="utf-8")
    cases = [(tmp_path / "missing" / "dir" / "p.conll",
              f"the folder {tmp_path / 'missing' / 'dir'} does not exist: create it first"),
             (existing, "exists: pass --force to overwrite it")]
    for output, message in cases:
        result = CliRunner().invoke(main, ["evaluate", str(run_copy.path), "--data",
                                           str(tsa_data.dev), "--output", str(output), "--json"])
        assert result.exit_code == 2 and message in result.stderr, result.output
        assert result.stdout == ""  # no scores computed, then lost
    assert existing.read_text() == "keep me\n"
    result = CliRunner().invoke(main, ["evaluate", str(run_copy.path), "--data", str(tsa_data.dev),
                                       "--output", str(existing), "--force", "--json"])
    assert result.exit_code == 0 and existing.read_text().startswith("#sent_id=")


@pytest.mark.parametrize("output", ["--resume", "-h"])
def test_a_run_folder_named_like_an_option_trains(tiny_model, tsa_data, home, tmp_path,
                                                  monkeypatch, output):
    """The training process gets the run folder after `--`, as an absolute path."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [
        "train", str(tiny_model("bert")), "--train", str(tsa_data.train), "--dev", str(tsa_data.dev),
        "--epochs", "1", "--batch-size", "32", f"--output={output}"])
    assert result.exit_code == 0, result.output
    assert Run(tmp_path / output).status()["status"] == "complete"
