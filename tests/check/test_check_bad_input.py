"""`check` on odd input: an architecture no family claims, a length past the model's positions,
a model path that cannot be resolved, an id too long to be a path, a token that cannot be sent."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def unclaimed(tiny_models, tmp_path):
    """A tiny BERT whose config names an architecture transformers knows and no family claims."""
    folder = shutil.copytree(tiny_models.get("bert"), tmp_path / "megatron")
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "model_type": "megatron-bert"}))
    return folder


def test_an_architecture_no_family_claims_gets_a_reason(unclaimed):
    status, out, _ = run(str(unclaimed), "--json")
    report = json.loads(out)
    assert status == 10 and report["verdict"] == "compatible-with-settings"
    assert report["reason"] == ("no family claims model_type 'megatron-bert': it runs through "
                                "Simpletransformers' 'auto' model type, untested here")
    assert report["simpletransformers_model_type"] == "auto"


def test_a_max_seq_length_past_the_models_positions_is_not_suggested(tiny_models, tmp_path):
    data = tmp_path / "data.conll"
    data.write_text("Filmen\tB-targ-Positive\nvar\tO\nflott\tO\n", encoding="utf-8")
    for extra in ([], ["--data", str(data)]):
        status, out, _ = run(str(tiny_models.get("bert")), "--max-seq-length", "100000", "--json", *extra)
        report = json.loads(out)
        assert report["suggested_args"]["max_seq_length"] == 512  # the tiny model's positions
        finding = next(f for f in report["findings"] if f["code"] == "length.over-positions")
        assert "max_seq_length 100000 is more than the 512 positions" in finding["message"]
        assert finding["fix"] == "Use at most 512 (in the suggested settings)."


def test_a_symlink_loop_is_a_local_path_not_a_hub_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model").symlink_to("other")
    (tmp_path / "other").symlink_to("model")
    status, out, _ = run("model")
    assert status == 40
    assert "'model' is a local path that cannot be resolved (a loop of symbolic links)" in out
    assert "Hub" not in out.split("Give an existing folder")[0]


def test_a_model_id_over_255_bytes_is_a_message(tmp_path):
    status, out, _ = run("m" * 300)
    assert status == 40 and "name longer than the system allows: 255 bytes" in out
    data = tmp_path / "data.conll"
    data.write_text("Filmen\tB-targ-Positive\nvar\tO\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "m" * 300, "--train", str(data), "--dev", str(data)])
    assert result.exit_code == 2 and "name longer than the system allows" in result.stderr
    assert "Traceback" not in result.output


def test_a_token_that_is_not_ascii_is_a_message_that_never_shows_it(hub, monkeypatch):
    secret = "hf_blåbærsyltetøy"
    monkeypatch.setenv("HF_TOKEN", secret)
    start = hub.mark()
    status, out, err = run(hub.model("bert-cased"))
    assert status == 40
    assert "token (HF_TOKEN, or the one `hf auth login` saved) holds characters that are not ASCII" in out
    assert secret not in out + err and "syltet" not in out + err
    assert not hub.requests(hub.model("bert-cased"), since=start)
    result = CliRunner().invoke(main, ["search", "bert"])
    assert result.exit_code == 1 and "holds characters that are not ASCII" in result.stderr
    assert secret not in result.output
