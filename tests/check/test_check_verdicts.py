"""Verdicts on the Hub fixtures, with the real client against olah, and never a weight download."""

from __future__ import annotations

import pytest

CASES = [
    # fixture, verdict, Simpletransformers model_type, finding codes that must be there
    ("bert-cased", "compatible", "bert", {"architecture.family", "tokenizer.cased", "weights.safetensors"}),
    ("bert-uncased", "compatible-with-settings", "bert", {"tokenizer.uncased", "tokenizer.strips-accents"}),
    ("xlmr", "compatible", "xlmroberta", {"tokenizer.cased"}),
    ("distilbert", "compatible", "distilbert", {"architecture.family"}),
    ("deberta-v2", "compatible-with-settings", "deberta-v2", {"architecture.family"}),
    ("modernbert", "compatible", "auto", {"architecture.family"}),
    ("xlm", "incompatible", "xlm", {"architecture.incompatible", "weights.half-precision",
                                    "tokenizer.strips-accents", "tokenizer.slow"}),
    ("bart", "incompatible", None, {"architecture.no-token-classification"}),
    ("gpt2", "incompatible", "auto", {"architecture.decoder-only", "tokenizer.special-tokens"}),
    ("remote-code", "needs-opt-in", "auto", {"architecture.remote-code"}),
    ("norbert3-like", "needs-opt-in", "auto", {"architecture.remote-code", "weights.pickle-only"}),
    ("pickle-only", "needs-opt-in", "bert", {"weights.pickle-only"}),  # as train: --allow-pickle
    ("english-card", "compatible", "bert", {"card.no-norwegian"}),
    ("malformed-config", "unknown", None, {"config.unreadable"}),
]


@pytest.mark.parametrize("name, verdict, model_type, codes", CASES, ids=[c[0] for c in CASES])
def test_verdict(checked, hub, name, verdict, model_type, codes):
    report, requests = checked(name)
    assert report.verdict == verdict, report.reason
    assert report.simpletransformers_model_type == model_type
    assert codes <= {f.code for f in report.findings}
    assert report.exit_code == {"compatible": 0, "compatible-with-settings": 10, "needs-opt-in": 20,
                                "incompatible": 30, "unknown": 40}[verdict]
    assert requests  # it asked the Hub; `checked` asserts that no weights were fetched
    assert not any("was executed" in f.message for f in report.findings)  # remote code never ran


def test_uncased_model_gets_do_lower_case_and_shows_what_accent_stripping_does(checked):
    report, _ = checked("bert-uncased")
    assert report.suggested_args["do_lower_case"] is True
    accents = next(f for f in report.findings if f.code == "tokenizer.strips-accents")
    assert "'får' → 'far'" in accents.message and "'på' → 'pa'" in accents.message
    uncased = next(f for f in report.findings if f.code == "tokenizer.uncased")
    assert "[UNK]" in uncased.message  # what Simpletransformers' default do_lower_case=False does


def test_deberta_needs_fp32(checked):
    report, _ = checked("deberta-v2")
    assert report.suggested_args["fp16"] is False and report.resources.fp16 is False


def test_bare_no_card_is_norwegian_though_yaml_1_1_says_false(checked, hub):
    from huggingface_hub import HfApi

    repo = hub.model("card-bare-no")
    served = HfApi().model_info(repo, revision="main").card_data.language  # parsed by olah, YAML 1.1
    assert served == [False]
    report, _ = checked("card-bare-no")
    assert report.norwegian.declared and report.norwegian.card_languages == ["no"]
    assert "card.norwegian" in {f.code for f in report.findings}


@pytest.mark.parametrize("model, options, code", [
    ("tsa-test/no-such-model", {}, "source.not-found"),
    ("bert-cased", {"revision": "v9.9"}, "source.revision-not-found"),
    ("gated", {}, "source.gated"),
    ("rate-limited", {}, "source.rate-limited"),
    ("tsa-test/never-fetched", {"offline": True}, "source.offline-not-cached"),
])
def test_source_problems_give_verdict_unknown(checked, model, options, code):
    report, _ = checked(model, **options)
    assert report.verdict == "unknown" and report.exit_code == 40
    assert report.findings[0].code == code and report.findings[0].fix


def test_parameters_and_resources(checked, hub):
    report, _ = checked("bert-14mb")
    assert report.parameters.source == "safetensors header"
    # float32: 4 bytes a parameter; the rest of the file is its header
    assert 0 < hub.weights_of("tsa-test/bert-14mb") - 4 * report.parameters.total < 50_000
    assert set(report.resources.largest_batch_size) == {"8", "16", "24", "40", "80"}
    sizes = list(report.resources.largest_batch_size.values())
    assert sizes == sorted(sizes) and sizes[0] > 0
    assert report.suggested_args["train_batch_size"] == 32  # NorBench's batch fits 16 GiB for 2.4M parameters


def test_a_small_gpu_lowers_the_batch_and_accumulates(checked):
    report, _ = checked("bert-14mb", gpu_memory_gib=1.1)  # 1 GiB of it reserved for CUDA itself
    largest = report.resources.largest_batch_size["1.1"]
    assert isinstance(largest, int) and 0 < report.suggested_args["train_batch_size"] <= largest < 32
    assert report.suggested_args["train_batch_size"] * report.suggested_args["gradient_accumulation_steps"] >= 32
    report, _ = checked("bert-14mb", gpu_memory_gib=1.0)
    assert report.verdict == "incompatible" and "resources.too-large" in {f.code for f in report.findings}


def test_a_catalogue_id_brings_its_entry(checked):
    report, _ = checked("norbert3-xs")  # served as ltg/norbert3-xs
    assert report.model == "ltg/norbert3-xs"
    assert report.catalogue.status == "expected" and report.catalogue.family == "norbert3"
    assert report.catalogue.references[0].f1 == pytest.approx(0.432)
    assert report.verdict == "needs-opt-in" and report.family.name == "norbert3"
