"""Commands that need no model: `score`, and `train` refusing bad data or models up front."""

from __future__ import annotations

import json

import numpy
import pytest
from click.testing import CliRunner
from safetensors.numpy import save_file

from tsa_registry.cli import main

P, IP, N, O = "B-targ-Positive", "I-targ-Positive", "B-targ-Negative", "O"


def conll(path, sentences):
    text = ""
    for i, (tokens, tags) in enumerate(sentences):
        text += f"#sent_id={i}\n" + "".join(f"{t}\t{g}\n" for t, g in zip(tokens, tags)) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path):
    return conll(tmp_path / "gold.conll", [
        (["Filmen", "var", "flott"], [P, O, O]),
        (["Den", "nye", "serien", "var", "dårlig"], [O, N, "I-targ-Negative", O, O]),
    ])


def test_score_json_has_the_documented_keys(gold, tmp_path):
    predicted = conll(tmp_path / "pred.conll", [
        (["Filmen", "var", "flott"], [P, O, O]),
        (["Den", "nye", "serien", "var", "dårlig"], [O, P, IP, O, O]),  # right extent, wrong polarity
    ])
    result = CliRunner().invoke(main, ["score", str(gold), str(predicted), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["f1"], data["precision"], data["recall"]) == (0.5, 0.5, 0.5)
    assert data["target_only"]["f1"] == 1.0
    assert data["per_polarity"]["Positive"] == {
        "f1": pytest.approx(2 / 3), "precision": 0.5, "recall": 1.0,
        "correct": 1, "incorrect": 0, "missed": 0, "spurious": 1}
    assert data["polarity_confusion"]["Negative"] == {"Negative": 0, "Positive": 1}


def test_score_text_output(gold):
    result = CliRunner().invoke(main, ["score", str(gold), str(gold)])
    assert result.exit_code == 0
    assert "all targets" in result.stdout and "100.0 " in result.stdout and "100.00" not in result.stdout  # one decimal


def test_score_refuses_files_that_are_not_aligned(gold, tmp_path):
    shifted = conll(tmp_path / "pred.conll", [
        (["Filmen", "var", "flott"], [P, O, O]),
        (["Den", "nye", "serien", "er", "dårlig"], [O, O, O, O, O]),
    ])
    result = CliRunner().invoke(main, ["score", str(gold), str(shifted)])
    assert result.exit_code == 2
    assert f"{shifted}:10: token 'er' where the gold file has 'var' (line 10)" in result.output
    short = conll(tmp_path / "short.conll", [(["Filmen", "var", "flott"], [P, O, O])])
    result = CliRunner().invoke(main, ["score", str(gold), str(short)])
    assert "1 sentences, but the gold file" in result.output


def test_score_reports_bad_files_with_file_and_line(gold, tmp_path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Filmen\tB-targ-Positive\nvar O\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(gold), str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}:2: expected token<TAB>tag" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def model_folder(tmp_path):
    """A folder that looks like a BERT checkpoint to the planner (no weights are read here)."""
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    save_file({"weight": numpy.zeros(1, dtype="float32")}, str(folder / "model.safetensors"))
    return folder


def train_args(model_folder, train, dev, *extra):
    return ["train", str(model_folder), "--train", str(train), "--dev", str(dev), *extra]


@pytest.mark.parametrize(("train_text", "dev_text", "message"), [
    ("a\tO\nb\tB-targ-Positive\n", "a\tO\nb\tB-targ-Negative\n",
     "dev.conll:2: label B-targ-Negative is not in the training data"),
    ("a\tO\nb\tB-targ-Positive\n", "a\tO\n",
     "train.conll:2: label B-targ-Positive does not occur in"),
    ("a\tO\n\tB-targ-Positive\n", "a\tO\n", "train.conll:2: empty token"),
    ("a\tO\nb\tB-targ-Positive-2\n", "a\tO\nb\tB-targ-Positive-2\n",
     "train.conll:2: tag B-targ-Positive-2: pass --intensity"),
    ("a\tO\nb\tI-targ-Positive\n", "a\tO\nb\tB-targ-Positive\n", "I-targ-Positive does not continue"),
    ("", "a\tO\n", "train.conll: is empty"),
])
def test_train_refuses_bad_data_before_starting(model_folder, tmp_path, home, train_text, dev_text,
                                                message):
    train = tmp_path / "train.conll"
    dev = tmp_path / "dev.conll"
    train.write_text(train_text, encoding="utf-8")
    dev.write_text(dev_text, encoding="utf-8")
    result = CliRunner().invoke(main, train_args(model_folder, train, dev, "--strict"))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (home / "data" / "runs").exists()  # nothing was started


def test_train_refuses_non_utf8_data(model_folder, tmp_path, home):
    train = tmp_path / "train.conll"
    train.write_bytes("blå\tO\n".encode("latin-1"))
    result = CliRunner().invoke(main, train_args(model_folder, train, train))
    assert result.exit_code == 2
    assert "train.conll:1: is not UTF-8 text" in result.output


def test_train_refuses_pickle_only_weights_and_unknown_models(tmp_path, home):
    train = conll(tmp_path / "train.conll", [(["a"], [P])])
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    (folder / "pytorch_model.bin").write_bytes(b"")
    result = CliRunner().invoke(main, train_args(folder, train, train))
    assert result.exit_code == 2 and "--allow-pickle" in result.output
    result = CliRunner().invoke(main, train_args("no-such/model", train, train))
    assert result.exit_code == 2, result.output
    # a model that cannot be read is not one that cannot be fine-tuned: the reading failed
    assert "no-such/model was not found on the Hub" in result.output or \
        "cannot reach the Hub for no-such/model" in result.output
    assert "cannot be fine-tuned" not in result.output
    (folder / "config.json").write_text('{"model_type": "gpt99"}', encoding="utf-8")
    result = CliRunner().invoke(main, train_args(folder, train, train, "--allow-pickle"))
    assert result.exit_code == 2 and "cannot be fine-tuned" in result.output
    assert "gpt99" in result.output


def test_train_needs_model_and_data_unless_resuming(home):
    result = CliRunner().invoke(main, ["train", "--train", "x.conll"])
    assert result.exit_code == 2 and "give MODEL, --train and --dev" in result.output
    result = CliRunner().invoke(main, ["train", "--resume", "nope"])
    assert result.exit_code == 2 and "no run 'nope'" in result.output


def test_plan_takes_the_batch_split_the_user_asks_for(tmp_path):
    from tsa_registry.registry import load_registry
    from tsa_registry.training.plan import plan_training

    data = conll(tmp_path / "train.conll", [(["Filmen", "var", "flott"], [P, O, O])])
    registry = load_registry()
    request = plan_training("NbAiLab/nb-bert-large", train=data, dev=data, registry=registry,
                            batch_size=8, gradient_accumulation_steps=4)
    assert (request.batch_size, request.gradient_accumulation_steps) == (8, 4)
    assert request.ner_args == {"do_lower_case": True}  # the uncased vocabulary's setting
    default = plan_training("NbAiLab/nb-bert-large", train=data, dev=data, registry=registry)
    assert (default.batch_size, default.gradient_accumulation_steps) == (32, 1)


def test_score_refuses_intensity_predictions_against_plain_gold(gold, tmp_path):
    predicted = conll(tmp_path / "pred.conll", [
        (["Filmen", "var", "flott"], ["B-targ-Positive-2", O, O]),
        (["Den", "nye", "serien", "var", "dårlig"], [O, "B-targ-Negative-3", "I-targ-Negative-3", O, O]),
    ])
    result = CliRunner().invoke(main, ["score", str(gold), str(predicted)])
    assert result.exit_code == 2
    assert (f"{predicted}:2: tag B-targ-Positive-2: the predictions use tags with intensity "
            f"(-1, -2, -3) and the gold file {gold} tags without; no target could match, so F1 "
            "would be 0") in result.stderr
    nothing = conll(tmp_path / "none.conll", [(["Filmen", "var", "flott"], [O, O, O]),
                                              (["Den", "nye", "serien", "var", "dårlig"], [O] * 5)])
    assert CliRunner().invoke(main, ["score", str(gold), str(nothing)]).exit_code == 0
