"""Parameter counts from the config alone (meta device) match the published ones within 1%."""

from __future__ import annotations

import pytest

from tests.support.real_configs import (
    BERT_BASE_MULTILINGUAL_CASED,
    DISTILBERT_BASE_MULTILINGUAL_CASED,
    XLM_ROBERTA_BASE,
)
from tsa_registry.check.parameters import parameter_summary, parameters_from_config
from tsa_registry.check.report import ParametersSection


@pytest.mark.parametrize("config, published", [
    (XLM_ROBERTA_BASE, 278e6), (BERT_BASE_MULTILINGUAL_CASED, 178e6),
    (DISTILBERT_BASE_MULTILINGUAL_CASED, 134e6),
], ids=["xlm-roberta-base", "bert-base-multilingual-cased", "distilbert-base-multilingual-cased"])
def test_count_from_config_matches_published(config, published):
    assert abs(parameters_from_config(config) - published) / published < 0.01


def test_remote_code_and_unknown_types_are_not_built():
    with pytest.raises(ValueError, match="own code"):
        parameters_from_config({"auto_map": {"AutoConfig": "configuration_norbert.NorbertConfig"}})
    with pytest.raises(ValueError, match="does not know model_type 'no-such-arch'"):
        parameters_from_config({"model_type": "no-such-arch", "hidden_size": 8})


def test_summary_prefers_the_safetensors_header():
    header = {"F16": 100, "F32": 20}
    assert parameter_summary(XLM_ROBERTA_BASE, header) == ParametersSection(
        total=120, source="safetensors header", by_dtype=header)
    from_config = parameter_summary(BERT_BASE_MULTILINGUAL_CASED, None)
    assert from_config.source == "config (meta device)" and from_config.total == 177_853_440
    assert parameter_summary({"model_type": "no-such-arch"}, None).total is None
