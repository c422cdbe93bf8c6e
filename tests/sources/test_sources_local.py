"""Facts from a folder on disk: config, card (YAML 1.2), files, safetensors header."""

from __future__ import annotations

import shutil

import pytest

from tsa_registry.sources import SourceError, load_facts
from tsa_registry.sources.hub import small_files


def test_folder_facts(tiny_models):
    folder = tiny_models.get("bert")
    facts = load_facts(str(folder))
    assert facts.source == "local" and facts.folder == folder
    assert facts.config["model_type"] == "bert"
    assert facts.card["language"] == ["no", "nb", "nn"] and facts.licence == "apache-2.0"
    assert facts.weight_files == {"model.safetensors": (folder / "model.safetensors").stat().st_size}
    assert set(facts.tokenizer_files) == {"tokenizer.json", "tokenizer_config.json"}
    assert not facts.remote_code


def test_parameter_count_from_the_safetensors_header_matches_the_model(tiny_models):
    from transformers import AutoModelForMaskedLM

    folder = tiny_models.get("xlmroberta")
    counts = load_facts(str(folder)).safetensors_parameters
    assert counts == {"F32": AutoModelForMaskedLM.from_pretrained(folder).num_parameters()}


@pytest.mark.parametrize("content", [b"", b"\x00" * 7, b"not a safetensors file at all"],
                         ids=["empty", "short", "text"])
def test_a_weight_file_that_is_not_safetensors_is_reported_not_fatal(tmp_path, tiny_models, content):
    from tsa_registry.check import check_model
    from tsa_registry.registry import load_registry

    folder = tmp_path / "m"
    shutil.copytree(tiny_models.get("bert"), folder)
    (folder / "model.safetensors").write_bytes(content)
    facts = load_facts(str(folder))
    assert list(facts.weight_errors) == ["model.safetensors"] and facts.safetensors_parameters is None
    report = check_model(str(folder), registry=load_registry())
    unreadable = next(f for f in report.findings if f.code == "weights.unreadable")
    assert unreadable.severity == "error" and "model.safetensors is not a readable" in unreadable.message
    assert report.verdict == "incompatible"


def test_bare_no_in_the_card_stays_norwegian(tmp_path, tiny_models):
    folder = tmp_path / "m"
    shutil.copytree(tiny_models.get("bert"), folder)
    (folder / "README.md").write_text("---\nlanguage:\n- no\n- nn\nlicense: mit\ninference: false\n---\n",
                                      encoding="utf-8")
    card = load_facts(str(folder)).card
    assert card == {"language": ["no", "nn"], "license": "mit", "inference": False}


def test_unreadable_card_is_reported_not_fatal(tmp_path, tiny_models):
    folder = tmp_path / "m"
    shutil.copytree(tiny_models.get("bert"), folder)
    (folder / "README.md").write_text("---\nlanguage: [no\n---\n", encoding="utf-8")
    facts = load_facts(str(folder))
    assert facts.card == {} and "README.md" in facts.card_error


def test_malformed_and_missing_config(tmp_path, tiny_models):
    folder = tmp_path / "m"
    shutil.copytree(tiny_models.get("bert"), folder)
    (folder / "config.json").write_text('{"model_type": "bert",\n', encoding="utf-8")
    facts = load_facts(str(folder))
    assert facts.config is None
    assert facts.config_error.startswith("config.json is not valid JSON (line 2")
    (folder / "config.json").unlink()
    assert "no config.json" in load_facts(str(folder)).config_error


def test_neither_folder_nor_repo_id():
    with pytest.raises(SourceError) as caught:
        load_facts("./no/such folder")
    assert caught.value.code == "source.not-found" and "neither a folder" in caught.value.message


def test_small_files_choice():
    files = {"config.json": 600, "tokenizer.json": 17_000_000, "sentencepiece.bpe.model": 5_000_000,
             "model.safetensors": 1_100_000_000, "pytorch_model.bin": 1_100_000_000, "README.md": 900,
             "modeling_x.py": 4000, "onnx/model.onnx": 1_000_000_000}
    assert sorted(small_files(files, remote_code=False)) == ["README.md", "config.json", "tokenizer.json"]
    assert "modeling_x.py" in small_files(files, remote_code=True)
    slow = {"config.json": 600, "vocab.json": 900_000, "merges.txt": 500_000, "pytorch_model.bin": 10**9}
    assert sorted(small_files(slow, remote_code=False)) == ["config.json", "merges.txt", "vocab.json"]
