"""Decoy weights: files that look safe beside the pickle transformers actually loads.

`check` and `train` judge the files transformers will load for the model class
(model.safetensors, or the sharded index and its shards), never "any *.safetensors": they agree,
and a pickle is loaded only with --allow-pickle.
"""

from __future__ import annotations

import json

import numpy
import pytest
from safetensors.numpy import save_file

from tests.support.attacks import cli, copy_model, edit_json, save_pickle_payload


def decoy(tiny_models, tmp_path, marker):
    """The issue's folder: config and tokenizer, pickled weights, and a one-tensor decoy."""
    folder = copy_model(tiny_models, tmp_path / "decoy")
    (folder / "model.safetensors").unlink()
    save_pickle_payload(folder / "pytorch_model.bin", marker)
    save_file({"dummy": numpy.zeros(1, dtype="float32")}, str(folder / "adapter_model.safetensors"))
    return folder


def train_args(folder, tsa_files, *extra):
    return ["train", folder, "--train", tsa_files / "train.conll", "--dev", tsa_files / "dev.conll",
            "--epochs", "1", "--batch-size", "8", *extra]


def test_check_and_train_agree_that_a_decoy_safetensors_is_pickle(tiny_models, tmp_path, marker,
                                                                  tsa_files, user_home, unsafe_torch_env):
    folder = decoy(tiny_models, tmp_path, marker)
    checked = cli("check", folder, "--json")
    report = json.loads(checked.stdout)
    assert checked.exit_code == 20 and report["verdict"] == "needs-opt-in", report["reason"]
    assert "--allow-pickle" in report["reason"]
    assert report["weights"]["loads"] == ["pytorch_model.bin"] and report["weights"]["loaded_format"] == "pickle"
    finding = next(f for f in report["findings"] if f["code"] == "weights.pickle-only")
    assert "adapter_model.safetensors" in finding["message"] and "--allow-pickle" in finding["fix"]
    assert "weights.safetensors" not in {f["code"] for f in report["findings"]}
    assert report["parameters"]["total"] != 1  # not counted from the decoy's header

    text = cli("check", folder)
    assert "✓ Weights in safetensors" not in text.output and text.exit_code == 20

    trained = cli(*train_args(folder, tsa_files))
    assert trained.exit_code == 2, trained.output
    assert "pytorch_model.bin" in trained.output and "--allow-pickle" in trained.output
    assert not (user_home / "data" / "runs").exists()  # refused before any run started
    assert not marker.exists()


def test_with_allow_pickle_a_pickle_still_never_runs_code(tiny_models, tmp_path, marker, tsa_files,
                                                          unsafe_torch_env):
    """The user allowed pickle weights; transformers loads them weights-only, so the payload is
    refused even with TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1, and the run fails saying so."""
    folder = decoy(tiny_models, tmp_path, marker)
    assert cli("check", folder, "--allow-pickle", "--json").exit_code == 0
    trained = cli(*train_args(folder, tsa_files, "--allow-pickle", "--output", tmp_path / "run"))
    assert trained.exit_code == 1 and "Weights only load failed" in trained.output
    assert not marker.exists()


def test_a_safetensors_index_that_names_a_pickle_shard_is_refused(tiny_models, tmp_path, marker,
                                                                  tsa_files, user_home, unsafe_torch_env):
    folder = copy_model(tiny_models, tmp_path / "index-trick")
    (folder / "model.safetensors").unlink()
    save_pickle_payload(folder / "pytorch_model.bin", marker)
    (folder / "model.safetensors.index.json").write_text(json.dumps(
        {"metadata": {}, "weight_map": {"bert.embeddings.word_embeddings.weight": "pytorch_model.bin"}}))
    checked = cli("check", folder, "--json")
    report = json.loads(checked.stdout)
    assert checked.exit_code == 30 and report["verdict"] == "incompatible"
    finding = next(f for f in report["findings"] if f["code"] == "weights.not-loadable")
    assert "would unpickle it" in finding["message"]
    for extra in ((), ("--allow-pickle",)):
        trained = cli(*train_args(folder, tsa_files, *extra))
        assert trained.exit_code == 2, trained.output
        assert "model.safetensors.index.json names 'pytorch_model.bin'" in trained.output
    assert not (user_home / "data" / "runs").exists() and not marker.exists()


def test_a_config_that_names_other_weights_is_judged_by_them(tiny_models, tmp_path, marker, tsa_files,
                                                             user_home, unsafe_torch_env):
    """config.json's transformers_weights makes transformers load that file, whatever else is there."""
    folder = copy_model(tiny_models, tmp_path / "named")
    save_pickle_payload(folder / "adapter_model.bin", marker)
    edit_json(folder / "config.json", transformers_weights="adapter_model.bin")
    checked = cli("check", folder, "--json")
    report = json.loads(checked.stdout)
    assert checked.exit_code == 20 and report["weights"]["loads"] == ["adapter_model.bin"]
    trained = cli(*train_args(folder, tsa_files))
    assert trained.exit_code == 2 and "adapter_model.bin" in trained.output
    assert not (user_home / "data" / "runs").exists() and not marker.exists()


@pytest.mark.parametrize("shard", ["../outside.safetensors", "/etc/passwd.safetensors"])
def test_an_index_that_points_outside_the_folder_is_refused(tiny_models, tmp_path, shard):
    from tsa_registry.sources.weights import folder_weights

    folder = copy_model(tiny_models, tmp_path / "outside")
    (folder / "model.safetensors").rename(folder / "model-1.safetensors")
    (folder / "model.safetensors.index.json").write_text(json.dumps(
        {"weight_map": {"a": "model-1.safetensors", "b": shard}}))
    loaded = folder_weights(folder)
    assert loaded.format is None and "outside the model folder" in loaded.problem


def test_the_hub_check_reads_the_decoy_as_transformers_would(hub, registry_from_home, tiny_models, tmp_path,
                                                             marker):
    from tsa_registry.check import check_model

    repo = hub.add_folder("tsa-test/decoy-weights", decoy(tiny_models, tmp_path, marker))
    start = hub.mark()
    report = check_model(repo, registry=registry_from_home)
    assert hub.weight_downloads(repo, since=start) == []
    assert report.verdict == "needs-opt-in" and report.weights.loads == ["pytorch_model.bin"]
    assert report.exit_code == 20


@pytest.fixture
def registry_from_home(user_home):
    from tsa_registry.registry import load_registry

    return load_registry()
