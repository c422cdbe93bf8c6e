"""Tiny random-weight models: every architecture loads back as a pretrained-style checkpoint."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from tsa_registry.cli.tiny import tiny_model
from tsa_registry.task.norwegian import tagged_sentences
from tsa_registry.tiny import ARCHITECTURES, build_tiny_model, default_texts, texts_from_conll

MODEL_TYPES = {"xlmroberta": "xlm-roberta"}


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_every_architecture_reloads_with_its_tokenizer(arch, tiny_models):
    from transformers import AutoConfig, AutoTokenizer

    folder = tiny_models.get(arch)
    config = AutoConfig.from_pretrained(folder, trust_remote_code=False)
    tokenizer = AutoTokenizer.from_pretrained(folder, trust_remote_code=False)
    assert config.model_type == MODEL_TYPES.get(arch, arch)
    # pretrained-style: a language-model head, never a token-classification one
    assert not config.architectures[0].endswith("ForTokenClassification")
    assert config.vocab_size == len(tokenizer)
    assert (folder / "model.safetensors").is_file() and not (folder / "pytorch_model.bin").exists()
    pieces = tokenizer.tokenize("Vi så filmen på kino")
    assert "filmen" in [tokenizer.convert_tokens_to_string([p]).strip() for p in pieces]
    assert tokenizer.unk_token not in pieces


def test_weights_load_into_a_token_classification_model(tiny_models):
    from safetensors.torch import load_file
    from transformers import AutoModelForTokenClassification

    folder = tiny_models.get("bert")
    model = AutoModelForTokenClassification.from_pretrained(folder, num_labels=5)
    assert model.classifier.out_features == 5  # a fresh head, as for a real Hub checkpoint
    saved = load_file(folder / "model.safetensors")["bert.embeddings.word_embeddings.weight"]
    assert model.bert.embeddings.word_embeddings.weight.equal(saved)
    assert model.num_parameters() < 100_000


def test_cased_vocabulary_keeps_case_and_accents(tiny_models):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_models.get("bert"), trust_remote_code=False)
    assert tokenizer.tokenize("Filmen får") == ["Filmen", "får"]


def test_uncased_vocabulary_lowercases_and_strips_accents(tiny_models):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_models.get("bert", cased=False), trust_remote_code=False)
    assert tokenizer.tokenize("Filmen får") == ["filmen", "far"]
    assert not any(ch.isupper() for ch in tokenizer.get_vocab() if not ch.startswith("["))


def test_uncased_can_keep_accents(tiny_models):
    from transformers import AutoTokenizer

    folder = tiny_models.get("electra", cased=False, strip_accents=False)
    tokenizer = AutoTokenizer.from_pretrained(folder, trust_remote_code=False)
    assert tokenizer.tokenize("Får") == ["får"]


def test_pickle_only_and_both(tmp_path):
    only_bin = build_tiny_model(tmp_path / "bin", "distilbert", weights="bin")
    assert (only_bin / "pytorch_model.bin").is_file()
    assert not list(only_bin.glob("*.safetensors"))
    both = build_tiny_model(tmp_path / "both", "distilbert", weights="both")
    assert (both / "pytorch_model.bin").is_file() and (both / "model.safetensors").is_file()


def test_half_precision_weights(tmp_path):
    from safetensors import safe_open

    folder = build_tiny_model(tmp_path / "fp16", "xlm", dtype="float16")
    with safe_open(folder / "model.safetensors", "pt") as weights:
        assert {str(weights.get_slice(k).get_dtype()) for k in weights.keys()}  # noqa: SIM118 - safe_open's keys(), not a dict's == {"F16"}


def test_card_metadata_keeps_norwegian_code_a_string(tmp_path):
    folder = build_tiny_model(tmp_path / "m", "bert", card={"language": ["no"], "license": "mit"})
    text = (folder / "README.md").read_text(encoding="utf-8")
    front = text.split("---")[1]
    assert yaml.safe_load(front) == {"language": ["no"], "license": "mit"}  # even under YAML 1.1


def test_default_card_lists_norwegian(tiny_models):
    text = (tiny_models.get("bert") / "README.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---")[1])["language"] == ["no", "nb", "nn"]


def test_template_sentences_are_tagged_bokmaal_and_nynorsk():
    sentences = tagged_sentences(40, seed=3)
    assert len(sentences) == 40
    assert all(len(words) == len(tags) for words, tags in sentences)
    tags = {t for _, ts in sentences for t in ts}
    assert {"O", "B-targ-Positive", "B-targ-Negative"} <= tags
    text = " ".join(" ".join(w) for w, _ in sentences)
    assert " ikkje " in text or "Eg " in text or "Me " in text  # Nynorsk
    assert default_texts(10, seed=3) == [" ".join(w) for w, _ in sentences[:10]]


def test_tokenizer_trained_on_conll_file(tmp_path):
    data = tmp_path / "train.conll"
    data.write_text("#sent_id=1\nKnausgård\tB-targ-Positive\nskriver\tO\nglitrende\tO\n.\tO\n\n"
                    "Oslo-Filharmonien\tB-targ-Positive\nimponerer\tO\n.\tO\n\n", encoding="utf-8")
    assert texts_from_conll(data) == ["Knausgård skriver glitrende .", "Oslo-Filharmonien imponerer ."]
    folder = build_tiny_model(tmp_path / "m", "bert", texts=texts_from_conll(data) * 50 + default_texts(50))
    vocab = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    assert "Knausgård" in vocab


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown architecture 'gpt5'"):
        build_tiny_model(tmp_path, "gpt5")
    with pytest.raises(ValueError, match="needs a WordPiece architecture"):
        build_tiny_model(tmp_path, "xlmroberta", cased=False)
    with pytest.raises(ValueError, match="weights must be one of"):
        build_tiny_model(tmp_path, "bert", weights="onnx")


def test_cli_makes_a_model(tmp_path):
    result = CliRunner().invoke(tiny_model, [str(tmp_path / "m"), "--arch", "distilbert", "--uncased"])
    assert result.exit_code == 0, result.output
    assert "random weights" in result.output
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    assert config["model_type"] == "distilbert"
    assert json.loads((tmp_path / "m" / "tokenizer_config.json").read_text())["do_lower_case"] is True


def test_cli_names_a_bad_data_file(tmp_path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Filmen B-targ-Positive\n", encoding="utf-8")
    result = CliRunner().invoke(tiny_model, [str(tmp_path / "m"), "--data", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1" in result.output and "tab" in result.output
