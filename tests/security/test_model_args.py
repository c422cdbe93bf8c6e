"""Settings that make NERModel torch.load a pickle: model_args.json in a model folder or a run,
NERArgs in a run's args.json or a registry entry, a hostile optimizer.pt in a checkpoint.

With TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1, `quantized_model: true` makes Simpletransformers
unpickle pytorch_model.bin in full. tsa-registry builds NERModel's settings itself, never reads
model_args.json, keeps the settings that read unvetted files off, and loads every torch file
weights-only whatever the environment says.
"""

from __future__ import annotations

import json

from tests.support.attacks import as_resumable, cli, copy_model, edit_json, save_pickle_payload

QUANTIZED = {"quantized_model": True}


def loaded_folder(tiny_models, tmp_path, marker):
    """A good tiny model with a model_args.json asking NERModel to unpickle pytorch_model.bin."""
    folder = copy_model(tiny_models, tmp_path / "model")
    save_pickle_payload(folder / "pytorch_model.bin", marker)
    (folder / "model_args.json").write_text(json.dumps(QUANTIZED), encoding="utf-8")
    return folder


def test_train_ignores_the_model_folders_model_args(tiny_models, tmp_path, marker, tsa_files,
                                                    unsafe_torch_env):
    folder = loaded_folder(tiny_models, tmp_path, marker)
    result = cli("train", folder, "--train", tsa_files / "train.conll", "--dev", tsa_files / "dev.conll",
                 "--epochs", "1", "--batch-size", "8", "--output", tmp_path / "run")
    assert not marker.exists(), "the pickle ran"
    assert result.exit_code == 0, result.output
    assert "quantized_model" not in (tmp_path / "run" / "args.json").read_text()


def test_registry_settings_cannot_ask_for_a_quantized_pickle(tiny_models, tmp_path, marker, tsa_files,
                                                             unsafe_torch_env):
    """A shared registry file's entry gives NERArgs: the ones that read files stay off."""
    folder = copy_model(tiny_models, tmp_path / "model")
    save_pickle_payload(folder / "pytorch_model.bin", marker)
    registry = tmp_path / "registry.toml"
    registry.write_text(f'[[model]]\nid = "{folder}"\nfamily = "bert"\nstatus = "expected"\n'
                        '[model.settings]\nquantized_model = true\n'
                        '[model.settings.config]\ntransformers_weights = "pytorch_model.bin"\n',
                        encoding="utf-8")
    result = cli("--registry", registry, "train", folder, "--train", tsa_files / "train.conll",
                 "--dev", tsa_files / "dev.conll", "--epochs", "1", "--output", tmp_path / "run")
    assert not marker.exists(), "the pickle ran"
    assert result.exit_code == 0, result.output


def test_deep_check_copies_no_model_args_and_runs_no_pickle(tiny_models, tmp_path, marker, unsafe_torch_env):
    folder = loaded_folder(tiny_models, tmp_path, marker)
    result = cli("check", folder, "--deep", "--json")
    assert not marker.exists(), "the pickle ran"
    report = json.loads(result.stdout)
    assert report["deep"]["passed"], report["deep"]


def test_deep_check_copies_only_tokenizer_files(tiny_models, tmp_path, marker):
    from tsa_registry.check.deep import copied_files

    folder = loaded_folder(tiny_models, tmp_path, marker)
    (folder / "modeling_x.py").write_text("", encoding="utf-8")
    names = {p.name for p in copied_files(folder, trust_remote_code=False)}
    assert names == {"tokenizer.json", "tokenizer_config.json"}
    assert "modeling_x.py" in {p.name for p in copied_files(folder, trust_remote_code=True)}


def tampered(run, marker):
    """A shared run whose model asks for a quantized pickle, through both doors."""
    save_pickle_payload(run / "model" / "pytorch_model.bin", marker)
    (run / "model" / "model_args.json").write_text(json.dumps(QUANTIZED), encoding="utf-8")
    edit_json(run / "args.json", ner_args=QUANTIZED)
    return run


def test_predict_and_evaluate_ignore_a_runs_model_args(run_copy, marker, tsa_files, unsafe_torch_env):
    run = tampered(run_copy, marker)
    predicted = cli("predict", run, "Filmen var flott, men lyden var dårlig.", "--json")
    assert not marker.exists(), "the pickle ran"
    assert predicted.exit_code == 0, predicted.output
    assert json.loads(predicted.stdout.splitlines()[0])["tokens"][0] == "Filmen"
    evaluated = cli("evaluate", run, "--data", tsa_files / "dev.conll", "--json")
    assert not marker.exists(), "the pickle ran"
    assert evaluated.exit_code == 0, evaluated.output
    assert "f1" in json.loads(evaluated.stdout)


def test_resume_refuses_a_checkpoint_holding_more_than_tensors(run_copy, marker, unsafe_torch_env):
    run = as_resumable(run_copy)
    save_pickle_payload(run / "checkpoints" / "epoch-1" / "optimizer.pt", marker)
    result = cli("train", "--resume", run)
    assert not marker.exists(), "the pickle ran"
    assert result.exit_code == 1
    assert "optimizer.pt holds more than tensors" in result.output and "start a new run" in result.output
    assert json.loads((run / "status.json").read_text())["status"] == "failed"
