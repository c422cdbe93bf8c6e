"""One rule for sentence length, usable positions and max_seq_length, pinned to the libraries
it copies and shared by `check --data` and `train`."""

from __future__ import annotations

import pathlib
import sys

import pytest

from tests.support.data import NOREC_TSA, needs_norec_tsa
from tsa_registry.task.conll import read_conll
from tsa_registry.task.lengths import (
    EXTRA_SEP_TYPES,
    OFFSET_POSITION_TYPES,
    choose_max_seq_length,
    usable_positions,
)


def test_nermodel_adds_a_second_separator_for_the_model_types_we_count_it_for():
    from simpletransformers.ner.ner_model import MODELS_WITH_EXTRA_SEP_TOKEN

    assert set(EXTRA_SEP_TYPES) == set(MODELS_WITH_EXTRA_SEP_TOKEN)


def test_the_offset_position_types_are_transformers_own():
    """Token-classification models whose modelling code makes position ids after the padding index."""
    import transformers
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES
    from transformers.models.auto.modeling_auto import MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES

    found = set()
    for model_type in MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES:
        config = getattr(transformers, CONFIG_MAPPING_NAMES[model_type])
        folder = pathlib.Path(sys.modules[config.__module__].__file__).parent
        if any("create_position_ids_from_input_ids(" in f.read_text(encoding="utf-8")
               for f in folder.glob("modeling_*.py")):
            found.add(model_type)
    assert set(OFFSET_POSITION_TYPES) == found


@pytest.mark.parametrize("config, tokenizer_max, usable", [
    ({"model_type": "xlm-roberta", "max_position_embeddings": 514, "pad_token_id": 1}, 512, 512),
    ({"model_type": "xlm-roberta", "max_position_embeddings": 514, "pad_token_id": 1}, None, 512),
    ({"model_type": "bert", "max_position_embeddings": 512}, int(1e30), 512),
    ({"model_type": "bert", "max_position_embeddings": 512}, 256, 256),
    ({"model_type": "gpt2", "n_positions": 1024}, None, 1024),
    ({"model_type": "funnel"}, None, None),
])
def test_usable_positions(config, tokenizer_max, usable):
    assert usable_positions(config, tokenizer_max) == usable


def test_the_one_choice_of_max_seq_length():
    assert choose_max_seq_length([10, 40, 20], None, 512) == 40  # the longest sentence
    assert choose_max_seq_length([10, 40, 20], 32, 512) == 32  # as asked
    assert choose_max_seq_length([10, 600], None, 512) == 512  # never past the positions
    assert choose_max_seq_length(None, None, 64) == 64 and choose_max_seq_length(None, None, None) == 128


@needs_norec_tsa
@pytest.mark.parametrize("arch", ["bert", "xlmroberta"])
def test_check_and_train_count_every_sentence_of_norec_dev_alike(arch, tiny_models, tmp_path):
    """Each sentence's length as `check --data` counts it (the tokenizer as check loads it), as
    `train` counts it (the loaded TSANERModel) and as NERModel builds it (its features)."""
    from simpletransformers.ner import NERModel
    from simpletransformers.ner.ner_utils import InputExample

    from tsa_registry.check import check_model
    from tsa_registry.check.tokenizer import inspect_tokenizer, load_tokenizer
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.nermodel.tagging import fit_max_seq_length
    from tsa_registry.task.lengths import subword_lengths
    from tsa_registry.task.tags import LABELS

    dev = NOREC_TSA / "dev.conll"
    sentences = [list(s.tokens) for s in read_conll(dev).sentences]
    folder = tiny_models.get(arch)
    loaded = load_tokenizer(folder, trust_remote_code=False, do_lower_case=False)
    _, _, as_checked = inspect_tokenizer(loaded, folder, trust_remote_code=False)
    by_check = subword_lengths(as_checked, sentences, arch)

    model = TSANERModel(arch, str(folder), labels=LABELS, args=quiet_args(tmp_path / "work"), use_cuda=False)
    chosen, (by_train,) = fit_max_seq_length(model, [sentences], None)

    stock = NERModel(arch, str(folder), labels=LABELS, use_cuda=False,
                     args={**quiet_args(tmp_path / "stock"), "max_seq_length": 512})
    examples = [InputExample(i, words, ["O"] * len(words)) for i, words in enumerate(sentences)]
    features = stock.load_and_cache_examples(None, no_cache=True, to_predict=examples)
    by_nermodel = [int(n) for n in features.tensors[1].sum(dim=1)]

    assert by_check == by_train == by_nermodel
    report = check_model(str(folder), data=dev)
    assert report.length.longest_sentence == chosen == max(by_nermodel)
    assert report.length.suggested_max_seq_length == chosen
