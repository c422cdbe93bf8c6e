"""A family native in the installed transformers whose Hub config still has an auto_map (EuroBERT):
trained without the repository's code, its run loads without --trust-remote-code."""

from __future__ import annotations

import json
import shutil

import pytest


@pytest.fixture
def tiny_eurobert(tiny_model, tmp_path):
    """A two-layer EuroBERT made with transformers' own class, its config carrying the Hub's
    auto_map, and a tiny tokenizer (copied from the tiny BERT)."""
    transformers = pytest.importorskip("transformers")
    if not hasattr(transformers, "EuroBertConfig"):
        pytest.skip("this transformers has no EuroBERT class of its own")
    folder = tmp_path / "eurobert"
    shutil.copytree(tiny_model("bert"), folder)
    for weights in folder.glob("*.safetensors"):
        weights.unlink()
    bert = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config = transformers.EuroBertConfig(
        vocab_size=bert["vocab_size"], hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=2, intermediate_size=64, max_position_embeddings=512,
        pad_token_id=bert["pad_token_id"], bos_token_id=bert["pad_token_id"], eos_token_id=bert["pad_token_id"],
        auto_map={"AutoConfig": "configuration_eurobert.EuroBertConfig",
                  "AutoModelForTokenClassification": "modeling_eurobert.EuroBertForTokenClassification"})
    transformers.EuroBertForMaskedLM(config).save_pretrained(folder)
    assert "auto_map" in json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return folder


def test_a_native_eurobert_trains_and_predicts_without_remote_code(tiny_eurobert, tsa_data, registry, tmp_path):
    from tsa_registry.training.plan import plan_training
    from tsa_registry.training.runs import create_run
    from tsa_registry.training.worker.loop import train_run
    from tsa_registry.training.worker.predict import load_model, predict_texts

    request = plan_training(str(tiny_eurobert), train=tsa_data.train, dev=tsa_data.dev, registry=registry,
                            epochs=1, batch_size=16, learning_rate=2e-3)
    assert request.family == "eurobert" and request.model_type == "auto"
    assert not request.trust_remote_code and "trust_remote_code" not in request.ner_args
    run = create_run(request, tmp_path / "run")
    train_run(run, lambda event: None)
    run.release()
    assert "auto_map" not in json.loads((run.model_dir / "config.json").read_text(encoding="utf-8"))
    model = load_model(run, "cpu", trust_remote_code=False)  # no opt-in asked for: no remote code ran
    assert type(model.model).__name__ == "EuroBertForTokenClassification"
    found, _ = predict_texts(model, ["Filmen var flott."])
    assert len(found) == 1
